package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// helpScreens are screen states that have no golden file but a help line
// of their own.
func helpScreens() []screenScenario {
	return []screenScenario{
		{"briefing-interviewer", func(t *testing.T, m Model) Model {
			m = toList(t, m, "payment-provider-hangs")
			m, _ = press(t, m, enterKey)
			m, _ = press(t, m, runeKey('i'))
			return m
		}},
		{"live-panel-hidden", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "payment-provider-hangs", true)
			m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeyTab})
			return m
		}},
		{"live-panel-hidden-variants", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "payment-provider-hangs", true)
			m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeyTab})
			m, _ = press(t, m, enterKey)
			return m
		}},
		{"interviewer-rating", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "payment-provider-hangs", true)
			m, _ = press(t, m, runeKey('r'))
			return m
		}},
		{"debrief-answer", func(t *testing.T, m Model) Model {
			m = toList(t, m, "payment-provider-hangs")
			m, _ = press(t, m, enterKey)
			m, _ = finishDrill(t, m)
			m, _ = press(t, m, runeKey('a'))
			return m
		}},
		{"questions-answer", func(t *testing.T, m Model) Model {
			m, _ = chooseHomeItem(t, m, homeQuestions)
			m, _ = press(t, m, enterKey)
			return m
		}},
		{"progress", func(t *testing.T, m Model) Model {
			m, cmd := chooseHomeItem(t, m, homeProgress)
			return runCmd(t, m, cmd)
		}},
	}
}

// offersHelpKey reports whether ? opens the full help on m's screen, so
// its short help must show "? more". A text field or the interviewer's
// pending rating takes the next key instead.
func offersHelpKey(m Model) bool {
	if m.help.ShowAll {
		return false
	}
	if c, ok := m.screen.(capturer); ok && c.capturing() {
		return false
	}
	if l, ok := m.screen.(*live); ok && l.panel != nil && l.panel.shown && l.panel.rating {
		return false
	}
	return true
}

// checkHelpLines fails when a line of the short or the full help is cut
// with "…" or is wider than width. The short help is the view's last
// line, and the full help fills the whole view.
func checkHelpLines(t *testing.T, view string, width int, full bool) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if !full {
		lines = lines[len(lines)-1:]
	}
	for _, line := range lines {
		if strings.Contains(line, "…") {
			t.Errorf("help line cut with …: %q", line)
		}
		if w := lipgloss.Width(line); w > width {
			t.Errorf("help line is %d cells wide, more than %d: %q", w, width, line)
		}
	}
}

func TestHelpLinesFit80Columns(t *testing.T) {
	const width, height = 80, 24
	for _, sc := range append(goldenScreens(), helpScreens()...) {
		t.Run(sc.name, func(t *testing.T) {
			m := New(mustLib(t), Options{})
			m, _ = press(t, m, tea.WindowSizeMsg{Width: width, Height: height})
			m = sc.play(t, m)
			view := plain(m)
			checkHelpLines(t, view, width, m.help.ShowAll)
			if !offersHelpKey(m) {
				return
			}
			lines := strings.Split(view, "\n")
			if short := lines[len(lines)-1]; !strings.Contains(short, "? more") {
				t.Errorf("short help lacks \"? more\": %q", short)
			}

			m, _ = press(t, m, runeKey('?'))
			if !m.help.ShowAll {
				t.Fatalf("? did not open the full help:\n%s", plain(m))
			}
			checkHelpLines(t, plain(m), width, true)
		})
	}
}
