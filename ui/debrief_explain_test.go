package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"gameday/scoring"
)

func TestDebriefGradesExplanation(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	history := filepath.Join(dir, "data", "history.jsonl")
	m, d := playToDebrief(t, Options{HistoryFile: history, User: "ada"})
	m.app.now = func() time.Time { return studyNow }
	if !strings.Contains(strings.Join(strings.Fields(ansi.Strip(d.body(200))), " "), "Press a to type how you would explain") {
		t.Fatal("the debrief does not offer to explain the approach")
	}

	m, _ = press(t, m, runeKey('a'))
	if !d.capturing() {
		t.Fatal("a did not open the explanation field")
	}
	m, _ = press(t, m, runeKey('e')) // typed, not export
	m = typeText(t, m, "very remote call to payments gets a timeout, because a hung dependency holds a thread until the pool runs out.")
	m, cmd := press(t, m, submitKey)
	if d.explained.grade == nil {
		t.Fatal("ctrl+s graded nothing")
	}
	if d.explained.grade.QuestionID != "payment-provider-hangs" || d.explained.grade.Score == 0 {
		t.Fatalf("grade %+v, want a nonzero grade of the drill", d.explained.grade)
	}
	m = runCmd(t, m, cmd)
	view := plain(m)
	if !strings.Contains(view, "Your explanation, graded") || !strings.Contains(view, "✓") {
		t.Fatalf("the debrief does not scroll to the graded explanation:\n%s", view)
	}
	if _, err := os.Stat("payment-provider-hangs-debrief.md"); err == nil {
		t.Fatal("e typed in the field exported the debrief")
	}

	// The explanation is in the history and in the export.
	records, _, err := scoring.ReadHistory(history)
	if err != nil {
		t.Fatal(err)
	}
	var answers int
	for _, r := range records {
		if r.Kind == scoring.KindAnswer && r.ID == "payment-provider-hangs" && r.User == "ada" && r.Time.Equal(studyNow) {
			answers++
		}
	}
	if answers != 1 {
		t.Fatalf("history %+v, want one answer record for the drill", records)
	}
	m, _ = press(t, m, runeKey('e'))
	doc, err := os.ReadFile("payment-provider-hangs-debrief.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Your explanation", "> every remote call to payments", "- covered · timeouts:"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("the export lacks %q:\n%s", want, doc)
		}
	}
}

func TestDebriefEmptyExplanationIsNotGraded(t *testing.T) {
	m, d := playToDebrief(t, Options{})
	m, _ = press(t, m, runeKey('a'))
	m, cmd := press(t, m, submitKey)
	if d.explained.grade != nil || cmd != nil || d.capturing() {
		t.Fatal("an empty explanation was graded or left the field open")
	}
	wantScreen(t, m, "debrief")
}
