package ui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
)

// goldenSizes are the window sizes the views are checked at: the minimum
// and a common larger terminal.
var goldenSizes = [][2]int{{80, 24}, {120, 40}}

// screenScenario brings a fresh app at the home screen to one screen in
// one state.
type screenScenario struct {
	name string
	play func(t *testing.T, m Model) Model
}

// goldenScreens are the screens TestGoldenViews compares with golden files.
func goldenScreens() []screenScenario {
	return []screenScenario{
		{"home", func(t *testing.T, m Model) Model { return m }},
		{"list", func(t *testing.T, m Model) Model {
			m, _ = press(t, m, enterKey)
			return m
		}},
		{"briefing", func(t *testing.T, m Model) Model {
			m = toList(t, m, "payment-provider-hangs")
			m, _ = press(t, m, enterKey)
			return m
		}},
		{"live", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "payment-provider-hangs", false)
			return tickUntil(t, m, 45*time.Second)
		}},
		{"live-variants", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "payment-provider-hangs", false)
			m = tickUntil(t, m, 45*time.Second)
			m, _ = press(t, m, enterKey)
			return m
		}},
		{"live-rationale", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "payment-provider-hangs", false)
			m = tickUntil(t, m, 45*time.Second)
			m, _ = press(t, m, enterKey)
			m, _ = press(t, m, downKey)
			m, _ = press(t, m, enterKey)
			return typeText(t, m, "threads hang on payments")
		}},
		{"live-recovering", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "payment-provider-hangs", false)
			m = tickUntil(t, m, 32*time.Second)
			l := m.screen.(*live)
			for _, st := range l.drill.Reference {
				if err := l.session.Apply(st.Action, st.Variant); err != nil {
					t.Fatal(err)
				}
			}
			return tickUntil(t, m, 2*time.Minute)
		}},
		{"live-chain", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "deadline-chain", false)
			return tickUntil(t, m, time.Minute)
		}},
		{"live-database", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "primary-db-dies", false)
			return tickUntil(t, m, 45*time.Second)
		}},
		{"interviewer", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "payment-provider-hangs", true)
			m = tickUntil(t, m, 20*time.Second)
			m, _ = press(t, m, enterKey)
			m, _ = press(t, m, runeKey('r'))
			m, _ = press(t, m, runeKey('2'))
			return m
		}},
		{"help", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "payment-provider-hangs", false)
			m, _ = press(t, m, runeKey('?'))
			return m
		}},
		{"debrief", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "payment-provider-hangs", false)
			m = tickUntil(t, m, 35*time.Second)
			l := m.screen.(*live)
			if err := l.session.ApplyWithRationale("set-timeout", "2s", "threads hang on payments"); err != nil {
				t.Fatal(err)
			}
			m, _ = press(t, m, runeKey('f'))
			m, cmd := press(t, m, runeKey('f'))
			m, _ = press(t, m, cmd())
			return m
		}},
		{"debrief-explained", func(t *testing.T, m Model) Model {
			m = toLive(t, m, "payment-provider-hangs", false)
			m, _ = press(t, m, runeKey('f'))
			m, cmd := press(t, m, runeKey('f'))
			m, _ = press(t, m, cmd())
			m, _ = press(t, m, runeKey('a'))
			m = typeText(t, m, "Payments hung, so I set a timeout because a hung call holds a thread.")
			m, _ = press(t, m, submitKey)
			return m
		}},
		{"study", func(t *testing.T, m Model) Model {
			m, _ = chooseHomeItem(t, m, homeStudy)
			return m
		}},
		{"study-back", func(t *testing.T, m Model) Model {
			m, _ = chooseHomeItem(t, m, homeStudy)
			m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
			return m
		}},
		{"study-answer", func(t *testing.T, m Model) Model {
			m, _ = chooseHomeItem(t, m, homeStudy)
			m, _ = press(t, m, runeKey('a'))
			return typeText(t, m, "Every remote call gets a timeout")
		}},
		{"study-graded", func(t *testing.T, m Model) Model {
			m, _ = chooseHomeItem(t, m, homeStudy)
			m, _ = press(t, m, runeKey('a'))
			m = typeText(t, m, "Every remote call gets a timeout, set below the caller's deadline because a hung call holds a thread.")
			m, _ = press(t, m, submitKey)
			return m
		}},
		{"questions", func(t *testing.T, m Model) Model {
			m, _ = chooseHomeItem(t, m, homeQuestions)
			return m
		}},
		{"questions-graded", func(t *testing.T, m Model) Model {
			m, _ = chooseHomeItem(t, m, homeQuestions)
			m, _ = press(t, m, enterKey)
			m = typeText(t, m, "I put a timeout on every call and retry transient errors with backoff and jitter.")
			m, _ = press(t, m, submitKey)
			return m
		}},
	}
}

// TestGoldenViews compares each screen, with styling stripped, with
// testdata/TestGoldenViews/SCREEN_WxH.golden. After a deliberate change
// of a view, rewrite them with: go test ./ui -run TestGoldenViews -update
func TestGoldenViews(t *testing.T) {
	for _, size := range goldenSizes {
		for _, sc := range goldenScreens() {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				m := New(mustLib(t), Options{})
				m, _ = press(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				m = sc.play(t, m)
				golden.RequireEqual(t, plain(m))
			})
		}
	}
}

// toList goes from the home screen to the drill list, with the cursor on
// the drill.
func toList(t *testing.T, m Model, drillID string) Model {
	t.Helper()
	m, _ = press(t, m, enterKey)
	l := m.screen.(*drillList)
	for range l.visible() {
		if l.selected().ID == drillID {
			return m
		}
		m, _ = press(t, m, downKey)
	}
	t.Fatalf("no drill %s in the list", drillID)
	return m
}

// toLive goes from the home screen through the drill list to a drill's
// live screen, in interviewer mode or not.
func toLive(t *testing.T, m Model, drillID string, interviewer bool) Model {
	t.Helper()
	m = toList(t, m, drillID)
	if interviewer {
		m, _ = press(t, m, runeKey('i'))
	} else {
		m, _ = press(t, m, enterKey)
	}
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "live")
	if got := m.screen.(*live).drill.ID; got != drillID {
		t.Fatalf("live screen of %s, want %s", got, drillID)
	}
	return m
}
