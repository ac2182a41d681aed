package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// studyStatus returns the study screen's scroll status line, the line
// above the help line, or "" when that line is not a scroll status.
func studyStatus(m Model) string {
	lines := strings.Split(plain(m), "\n")
	line := strings.TrimSpace(lines[len(lines)-2])
	if !strings.Contains(line, "more above") && !strings.Contains(line, "more below") {
		return ""
	}
	return line
}

var spaceKey = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}

func TestStudyScrollStatus(t *testing.T) {
	m, s := openStudy(t, "")
	m, _ = press(t, m, spaceKey)
	plain(m) // The view sizes the viewport.
	total := s.vp.TotalLineCount()
	visible := s.vp.Height()
	if total <= visible {
		t.Fatalf("the back of the first card has %d lines and fits in %d at 80×24; the test needs a longer card", total, visible)
	}

	if got := len(strings.Split(plain(m), "\n")); got != 24 {
		t.Errorf("the view has %d lines with the scroll status, want 24", got)
	}

	// At the top: more below, the first lines, and the scroll keys.
	want := fmt.Sprintf("↓ more below · lines 1–%d of %d · ↑/↓ pgup/pgdn home/end scroll", visible, total)
	if got := studyStatus(m); got != want {
		t.Errorf("status at the top is %q, want %q", got, want)
	}

	// One line down: more on both sides.
	m, _ = press(t, m, downKey)
	want = fmt.Sprintf("↑↓ more above and below · lines 2–%d of %d", visible+1, total)
	if got := studyStatus(m); !strings.HasPrefix(got, want) {
		t.Errorf("status after one line down is %q, want it to start with %q", got, want)
	}

	// At the bottom: more above and the last line, after more than one
	// frame, because each frame sets the content again.
	m, _ = press(t, m, runeKey('G'))
	want = fmt.Sprintf("↑ more above · lines %d–%d of %d", total-visible+1, total, total)
	for frame := range 2 {
		if got := studyStatus(m); !strings.HasPrefix(got, want) {
			t.Errorf("status at the bottom, frame %d, is %q, want it to start with %q", frame+1, got, want)
		}
	}

	// Back to the top with g.
	m, _ = press(t, m, runeKey('g'))
	if got := studyStatus(m); !strings.HasPrefix(got, "↓ more below · lines 1–") {
		t.Errorf("status after g is %q, want the top", got)
	}
}

func TestStudyScrollStatusOnlyWhenCardOverflows(t *testing.T) {
	m, _ := openStudy(t, "")
	m, _ = press(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	if got := studyStatus(m); got != "" {
		t.Errorf("the front of the card fits at 120×40, but the status says %q:\n%s", got, plain(m))
	}

	// The back overflows at 80×24 and fits again at 120×40.
	m, _ = press(t, m, spaceKey)
	m, _ = press(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if got := studyStatus(m); got == "" {
		t.Errorf("the back overflows at 80×24 but shows no status:\n%s", plain(m))
	}
	m, _ = press(t, m, runeKey('G'))
	m, _ = press(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	if got := studyStatus(m); got != "" {
		t.Errorf("after growing the window the whole back fits, but the status says %q:\n%s", got, plain(m))
	}
}

func TestStudyScrollStatusWhileAnswering(t *testing.T) {
	m, _ := openStudy(t, "")
	m, _ = press(t, m, spaceKey)
	m, _ = press(t, m, runeKey('a'))
	view := plain(m)
	status := ""
	for _, line := range strings.Split(view, "\n") {
		if strings.Contains(line, "more below") {
			status = strings.TrimSpace(line)
		}
	}
	if status == "" {
		t.Fatalf("with the answer field open the card still overflows, but no status shows:\n%s", view)
	}
	if got := len(strings.Split(view, "\n")); got != 24 {
		t.Errorf("the view has %d lines with the answer field and the scroll status, want 24", got)
	}
	// The field takes the scroll keys, so the status must not offer them.
	if strings.Contains(status, "pgdn") {
		t.Errorf("status offers scroll keys while they type into the answer: %q", status)
	}
}
