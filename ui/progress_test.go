package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"gameday/scoring"
)

// finishDrill plays the drill from its briefing with no moves, runs it to
// the end and returns the model on the debrief with the command the
// grading returned.
func finishDrill(t *testing.T, m Model) (Model, tea.Cmd) {
	t.Helper()
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "live")
	m, _ = press(t, m, runeKey('f'))
	m, cmd := press(t, m, runeKey('f'))
	m, cmd = press(t, m, cmd())
	wantScreen(t, m, "debrief")
	return m, cmd
}

func TestFinishedDrillIsRecorded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "history.jsonl")
	m := newModel(t, Options{Drill: "payment-provider-hangs", HistoryFile: path, User: "ada"})
	m, cmd := finishDrill(t, m)
	if cmd == nil {
		t.Fatal("grading returned no command to record the drill")
	}
	m, _ = press(t, m, cmd())

	records, warnings, err := scoring.ReadHistory(path)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("reading the history: %v %v", err, warnings)
	}
	if len(records) != 1 || records[0].ID != "payment-provider-hangs" || records[0].User != "ada" || records[0].Kind != scoring.KindDrill {
		t.Fatalf("records %+v, want one drill record for ada", records)
	}
	if m.app.history.lastErr != nil {
		t.Fatalf("last error %v", m.app.history.lastErr)
	}
}

func TestDebriefShowsFailedRecord(t *testing.T) {
	// A file where the data directory should be makes the append fail.
	blocker := filepath.Join(t.TempDir(), "data")
	if err := writeFile(blocker, ""); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, Options{Drill: "payment-provider-hangs", HistoryFile: filepath.Join(blocker, "history.jsonl")})
	m, cmd := finishDrill(t, m)
	if cmd == nil {
		t.Fatal("grading returned no command to record the drill")
	}
	m, _ = press(t, m, cmd())

	wantScreen(t, m, "debrief")
	view := plain(m)
	if !strings.Contains(view, "Not saved to your history, so press s to save your") {
		t.Errorf("the debrief does not say the drill was not recorded:\n%s", view)
	}
	// The error itself must show too, not only the advice before it.
	if !strings.Contains(strings.Join(strings.Fields(view), " "), "not a directory") {
		t.Errorf("the debrief cuts the error off:\n%s", view)
	}
}

func TestNoHistoryFileRecordsNothing(t *testing.T) {
	m := newModel(t, Options{Drill: "payment-provider-hangs"})
	if _, cmd := finishDrill(t, m); cmd != nil {
		t.Fatal("grading without a history file returned a command")
	}
}

// openProgress moves from the home screen to the progress screen and
// loads the history.
func openProgress(t *testing.T, m Model) Model {
	t.Helper()
	m, cmd := chooseHomeItem(t, m, homeProgress)
	wantScreen(t, m, "progress")
	if cmd != nil {
		m, _ = press(t, m, cmd())
	}
	return m
}

func TestProgressScreenShowsHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	played := newModel(t, Options{Drill: "payment-provider-hangs", HistoryFile: path})
	_, cmd := finishDrill(t, played)
	cmd()

	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := New(mustLib(t), Options{HistoryFile: path})
		m, _ = press(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		m = openProgress(t, m)
		view := plain(m)
		for _, want := range []string{"Your progress", "Level None yet · streak 1 day (longest 1)", "1 drill played, 0 answers graded", "Mastery per concept", "timeouts", "Scores, latest on the right", "Weakest: timeouts.", "Press enter to play Deadline chain", "Or answer “How do you choose a timeout", "(choose-timeout)", "Answer interview"} {
			if !strings.Contains(view, want) {
				t.Errorf("%dx%d: progress lacks %q:\n%s", size[0], size[1], want, view)
			}
		}
		// The axis's 0 label is followed at once by the record's two
		// columns, since even a zero score gets the lowest bar.
		if !strings.Contains(view, "  0 ██") && !strings.Contains(view, "  0 ▁▁") {
			t.Errorf("%dx%d: the score bars do not start at the chart's axis:\n%s", size[0], size[1], view)
		}
		lines := strings.Split(view, "\n")
		if len(lines) != size[1] {
			t.Errorf("%dx%d: %d lines, want %d", size[0], size[1], len(lines), size[1])
		}
		for i, l := range lines {
			if w := lipgloss.Width(l); w > size[0] {
				t.Errorf("%dx%d: line %d is %d cells wide: %q", size[0], size[1], i+1, w, l)
			}
		}
	}
}

func TestProgressScreenKeys(t *testing.T) {
	m := openProgress(t, newModel(t, Options{}))
	if !strings.Contains(plain(m), "No history yet") {
		t.Fatalf("progress without history:\n%s", plain(m))
	}
	m, _ = press(t, m, escKey)
	wantScreen(t, m, "home")

	m = openProgress(t, m)
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "briefing")
}

func TestProgressScreenReportsSkippedLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	if err := writeFile(path, "not a record\n"); err != nil {
		t.Fatal(err)
	}
	m := openProgress(t, newModel(t, Options{HistoryFile: path}))
	if !strings.Contains(plain(m), "Skipped 1 line of the history; the first: ") {
		t.Fatalf("progress does not report the skipped line:\n%s", plain(m))
	}
}

func writeFile(path, data string) error { return os.WriteFile(path, []byte(data), 0o600) }
