package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"gameday/scoring"
)

// studyNow is the fixed wall clock of the study tests.
var studyNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

var submitKey = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}

// runCmd runs a command and feeds what it returns back to the model,
// following batches, so file writes happen before the test reads them.
func runCmd(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	if cmd == nil {
		return m
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			m = runCmd(t, m, c)
		}
	case nil:
	default:
		m, cmd = press(t, m, msg)
		m = runCmd(t, m, cmd)
	}
	return m
}

// openStudy starts the app with its data in dir (none when dir is ""),
// the clock at studyNow, and opens study mode.
func openStudy(t *testing.T, dir string) (Model, *study) {
	t.Helper()
	opts := Options{User: "ada"}
	if dir != "" {
		opts.HistoryFile = filepath.Join(dir, "history.jsonl")
	}
	m := newModel(t, opts)
	m.app.now = func() time.Time { return studyNow }
	m, cmd := chooseHomeItem(t, m, homeStudy)
	wantScreen(t, m, "study")
	m = runCmd(t, m, cmd)
	return m, m.screen.(*study)
}

func TestStudyFlipsCard(t *testing.T) {
	m, s := openStudy(t, "")
	if got := s.concept().ID; got != "timeouts" {
		t.Fatalf("the first card of a fresh deck is %s, want timeouts", got)
	}
	front := plain(m)
	for _, want := range []string{"Study · card 1 of 10", "box 1 of 5", "due now", "Question", s.question().Question[:30]} {
		if !strings.Contains(front, want) {
			t.Errorf("the front lacks %q:\n%s", want, front)
		}
	}
	if strings.Contains(front, "Bad practice") {
		t.Errorf("the front shows the back:\n%s", front)
	}

	m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	back := plain(m)
	for _, want := range []string{"Explanation", "Bad practice"} {
		if !strings.Contains(back, want) {
			t.Errorf("the back lacks %q:\n%s", want, back)
		}
	}
	m, _ = press(t, m, runeKey('G'))
	if !strings.Contains(plain(m), "Interview answer") {
		t.Errorf("the end of the back lacks the interview answer:\n%s", plain(m))
	}

	m, _ = press(t, m, runeKey('n'))
	if s.index != 1 || s.flipped {
		t.Fatalf("after n: card %d, flipped %v; want card 2 face up", s.index+1, s.flipped)
	}
	m, _ = press(t, m, runeKey('p'))
	m, _ = press(t, m, runeKey('p'))
	if s.index != len(s.order)-1 {
		t.Fatalf("p from the first card went to card %d, want the last", s.index+1)
	}
	m, _ = press(t, m, escKey)
	wantScreen(t, m, "home")
}

func TestStudyGradesAnswerAndMovesBox(t *testing.T) {
	dir := t.TempDir()
	m, s := openStudy(t, dir)
	q := s.question()

	m, _ = press(t, m, runeKey('a'))
	if !s.capturing() {
		t.Fatal("a did not open the answer field")
	}
	m, _ = press(t, m, runeKey('q')) // typed, not quit
	wantScreen(t, m, "study")
	m = typeText(t, m, "uite sure: "+q.ModelAnswer)
	m, cmd := press(t, m, submitKey)
	if s.grade == nil {
		t.Fatal("ctrl+s graded nothing")
	}
	if s.grade.Score < scoring.GoodStudyScore {
		t.Fatalf("the model answer scored %d, want at least %d", s.grade.Score, scoring.GoodStudyScore)
	}
	m = runCmd(t, m, cmd)
	for _, want := range []string{"Your answer, graded", "Score", "✓", "Model answer", "box 2 of 5", "due in 1 day"} {
		if !strings.Contains(plain(m)+strings.Join(strings.Fields(s.body(200)), " "), want) {
			t.Errorf("the graded card lacks %q:\n%s", want, plain(m))
		}
	}

	// The box is saved, and the answer is in the history.
	boxes, warning, err := scoring.ReadLeitner(filepath.Join(dir, StudyFileName))
	if err != nil || warning != "" {
		t.Fatalf("reading the study file: %q %v", warning, err)
	}
	if c := boxes.Card("timeouts"); c.Box != 2 || !c.Reviewed.Equal(studyNow) {
		t.Fatalf("saved card %+v, want box 2 reviewed at %s", c, studyNow)
	}
	records, _, err := scoring.ReadHistory(filepath.Join(dir, "history.jsonl"))
	if err != nil || len(records) != 1 || records[0].Kind != scoring.KindAnswer || records[0].ID != q.ID || records[0].User != "ada" {
		t.Fatalf("history %+v (%v), want one answer record to %s", records, err, q.ID)
	}

	// A poor answer sends the card back to box 1.
	m, _ = press(t, m, runeKey('a'))
	m = typeText(t, m, "no idea")
	m, cmd = press(t, m, submitKey)
	m = runCmd(t, m, cmd)
	if c := s.boxes.Card("timeouts"); c.Box != 1 || c.Reviews != 2 {
		t.Fatalf("card %+v after a poor answer, want box 1 after 2 reviews", c)
	}
	if !strings.Contains(plain(m), "box 1 of 5") {
		t.Errorf("the header does not show box 1:\n%s", plain(m))
	}
}

func TestStudyEmptyOrCancelledAnswer(t *testing.T) {
	m, s := openStudy(t, "")
	m, _ = press(t, m, runeKey('a'))
	m, cmd := press(t, m, submitKey)
	if s.grade != nil || cmd != nil || s.boxes.Card("timeouts").Reviews != 0 {
		t.Fatal("an empty answer was graded")
	}
	m, _ = press(t, m, runeKey('a'))
	m = typeText(t, m, "timeouts")
	m, _ = press(t, m, escKey)
	if s.capturing() || s.grade != nil {
		t.Fatal("esc did not close the answer field without grading")
	}
	wantScreen(t, m, "study")
}

func TestStudyOrdersDueCardsFirst(t *testing.T) {
	dir := t.TempDir()
	var boxes scoring.Leitner
	boxes.Review("timeouts", 90, studyNow.Add(-time.Hour)) // box 2, due tomorrow
	boxes.Review("retries", 10, studyNow.Add(-time.Hour))  // box 1, due now
	if err := scoring.WriteLeitner(filepath.Join(dir, StudyFileName), &boxes); err != nil {
		t.Fatal(err)
	}
	_, s := openStudy(t, dir)
	if s.order[0] != "retries" || s.order[len(s.order)-1] != "timeouts" {
		t.Fatalf("order %v, want retries first and timeouts, not yet due, last", s.order)
	}
}

func TestStudyWarnsOfCorruptFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, StudyFileName)
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	m, s := openStudy(t, dir)
	if !strings.Contains(plain(m), "study.json") || s.warning == "" {
		t.Fatalf("no warning about the corrupt file:\n%s", plain(m))
	}

	m, _ = press(t, m, runeKey('a'))
	m = typeText(t, m, "I set a timeout below the caller's deadline.")
	m, cmd := press(t, m, submitKey)
	runCmd(t, m, cmd)
	if data, err := os.ReadFile(path + ".corrupt"); err != nil || string(data) != "{not json" {
		t.Fatalf("the corrupt file was not kept (%v): %q", err, data)
	}
}
