package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// longTitle is longer than an 80-column header can hold beside the clock.
const longTitle = "Checkout slows down when the pricing service takes three seconds to answer each call"

// firstLine returns the first non-empty line of the view, and fails the
// test if it is wider than the 80-column window.
func firstLine(t *testing.T, m Model) string {
	t.Helper()
	for line := range strings.SplitSeq(plain(m), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if w := ansi.StringWidth(line); w > 80 {
			t.Errorf("header is %d cells wide, more than the window's 80: %q", w, line)
		}
		return line
	}
	return ""
}

func TestLongTitleKeepsHeaderFacts(t *testing.T) {
	lib := mustLib(t)
	lib.Drill("payment-provider-hangs").Title = longTitle
	var m Model = New(lib, Options{Drill: "payment-provider-hangs"})
	m, _ = press(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})

	if got := firstLine(t, m); !strings.Contains(got, "beginner · 5:00 of virtual time") || !strings.Contains(got, "…") {
		t.Errorf("briefing header lost the difficulty and length: %q", got)
	}

	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "live")
	if got := firstLine(t, m); !strings.HasSuffix(strings.TrimSpace(got), "0:00 / 5:00") || !strings.Contains(got, "…") {
		t.Errorf("live header lost the clock: %q", got)
	}

	m, _ = press(t, m, runeKey('f'))
	m, cmd := press(t, m, runeKey('f'))
	m, _ = press(t, m, cmd())
	wantScreen(t, m, "debrief")
	if got := firstLine(t, m); !strings.Contains(got, "Score ") || !strings.HasSuffix(strings.TrimSpace(got), "SLO missed") {
		t.Errorf("debrief header lost the score or the verdict: %q", got)
	}
}

// At 80 columns the action list cuts a long title; the footer under the
// list then starts with the whole title of the selected action.
func TestPaletteFooterShowsCutTitle(t *testing.T) {
	lib := mustLib(t)
	d := lib.Drill("payment-provider-hangs")
	d.Actions[0].Title = "Set a payment timeout for checkouts" // 35 cells: 1 too many for the list
	var m Model = New(lib, Options{Drill: "payment-provider-hangs"})
	m, _ = press(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "live")

	view := strings.Join(strings.Fields(plain(m)), " ")
	if !strings.Contains(view, "> Set a payment timeout for checkou…") {
		t.Fatalf("the list does not cut the long title, so this test checks nothing:\n%s", plain(m))
	}
	if !strings.Contains(view, "Set a payment timeout for checkouts") {
		t.Fatalf("the whole title shows nowhere:\n%s", plain(m))
	}
}
