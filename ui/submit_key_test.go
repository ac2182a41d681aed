package ui

import (
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// keyRecorder records the key presses a program decodes from its input
// and quits at the first q.
type keyRecorder struct{ keys []tea.KeyPressMsg }

func (r *keyRecorder) Init() tea.Cmd { return nil }

func (r *keyRecorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if k.String() == "q" {
			return r, tea.Quit
		}
		r.keys = append(r.keys, k)
	}
	return r, nil
}

func (r *keyRecorder) View() tea.View { return tea.NewView("") }

// decodeKeys runs a program on input, given as the bytes a terminal
// sends, and returns the key presses Bubble Tea decodes from it.
func decodeKeys(t *testing.T, input string) []tea.KeyPressMsg {
	t.Helper()
	r := &keyRecorder{}
	p := tea.NewProgram(r, tea.WithInput(strings.NewReader(input+"q")), tea.WithOutput(io.Discard),
		tea.WithWindowSize(80, 24), tea.WithoutSignalHandler())
	done := make(chan error, 1)
	go func() {
		_, err := p.Run()
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("program on input %q: %v", input, err)
		}
	case <-time.After(5 * time.Second):
		p.Kill()
		t.Fatalf("program on input %q did not quit within 5s", input)
	}
	return r.keys
}

// TestSubmitKeysDecode checks what Bubble Tea v2 decodes from the bytes
// a legacy terminal sends for each candidate submit key, and whether the
// Submit binding takes it.
func TestSubmitKeysDecode(t *testing.T) {
	submit := defaultKeyMap().Submit
	cases := []struct {
		name, bytes, want string
		submits           bool
	}{
		{"ctrl+d", "\x04", "ctrl+d", true},
		{"ctrl+s", "\x13", "ctrl+s", true},
		// Not submit keys, recorded to show why: alt+enter arrives only
		// where the terminal sends alt as an escape prefix, and tab and
		// enter are ordinary keys in a text field.
		{"alt+enter", "\x1b\r", "alt+enter", false},
		{"enter", "\r", "enter", false},
		{"tab", "\t", "tab", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			keys := decodeKeys(t, c.bytes)
			if len(keys) != 1 {
				t.Fatalf("bytes %q decode to %d key presses %v, want 1", c.bytes, len(keys), keys)
			}
			if got := keys[0].String(); got != c.want {
				t.Errorf("bytes %q decode to %q, want %q", c.bytes, got, c.want)
			}
			taken := slices.Contains(submit.Keys(), keys[0].String())
			if c.submits && !taken {
				t.Errorf("Submit binding keys %v lack %q", submit.Keys(), keys[0].String())
			}
			if !c.submits && taken {
				t.Errorf("Submit binding keys %v include %q, which must stay an ordinary key", submit.Keys(), keys[0].String())
			}
		})
	}
}

// TestCtrlDGradesEveryAnswerBox types an answer on each screen with an
// answer field, submits it with ctrl+d as decoded from its byte, and
// checks that the answer was graded and enter only added a newline.
func TestCtrlDGradesEveryAnswerBox(t *testing.T) {
	ctrlD := decodeKeys(t, "\x04")[0]
	answer := "Every remote call gets a timeout, because a hung call holds a thread."

	t.Run("study", func(t *testing.T) {
		m, s := openStudy(t, "")
		m, _ = press(t, m, runeKey('a'))
		m = typeText(t, m, answer)
		m, _ = press(t, m, enterKey)
		if !s.answer.open {
			t.Fatal("enter closed the answer field; it must add a newline")
		}
		m, _ = press(t, m, ctrlD)
		if s.answer.open || s.grade == nil {
			t.Fatalf("ctrl+d did not grade the answer:\n%s", plain(m))
		}
		if got := s.typed; got != answer+"\n" {
			t.Errorf("graded text %q, want the typed answer and enter's newline", got)
		}
	})

	t.Run("questions", func(t *testing.T) {
		m := newModel(t, Options{})
		m, _ = chooseHomeItem(t, m, homeQuestions)
		m, _ = press(t, m, enterKey)
		r := m.screen.(*questionRound)
		if !r.answer.open {
			t.Fatalf("enter on a question did not open the answer field:\n%s", plain(m))
		}
		m = typeText(t, m, answer)
		m, _ = press(t, m, ctrlD)
		if r.answer.open || r.grade == nil {
			t.Fatalf("ctrl+d did not grade the answer:\n%s", plain(m))
		}
	})

	t.Run("debrief", func(t *testing.T) {
		m := newModel(t, Options{})
		m = toLive(t, m, "payment-provider-hangs", false)
		m, _ = press(t, m, runeKey('f'))
		m, cmd := press(t, m, runeKey('f'))
		m, _ = press(t, m, cmd())
		m, _ = press(t, m, runeKey('a'))
		d := m.screen.(*debrief)
		if !d.answer.open {
			t.Fatalf("a on the debrief did not open the explanation field:\n%s", plain(m))
		}
		m = typeText(t, m, answer)
		m, _ = press(t, m, ctrlD)
		if d.answer.open {
			t.Fatalf("ctrl+d did not submit the explanation:\n%s", plain(m))
		}
		if !strings.Contains(plain(m), "Your explanation, graded") {
			t.Errorf("the debrief does not show the graded explanation:\n%s", plain(m))
		}
	})
}
