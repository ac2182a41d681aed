package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"gameday/content"
)

func newModel(t *testing.T, opts Options) Model {
	t.Helper()
	lib, err := content.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	m := New(lib, opts)
	next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return next.(Model)
}

var (
	enterKey = tea.KeyPressMsg{Code: tea.KeyEnter}
	downKey  = tea.KeyPressMsg{Code: tea.KeyDown}
	escKey   = tea.KeyPressMsg{Code: tea.KeyEscape}
)

func runeKey(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

// press sends one message and returns the model and command.
func press(t *testing.T, m Model, msg tea.Msg) (Model, tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(msg)
	return next.(Model), cmd
}

func wantScreen(t *testing.T, m Model, want string) {
	t.Helper()
	if got := m.Screen(); got != want {
		t.Fatalf("screen %q, want %q\n%s", got, want, plain(m))
	}
}

// plain returns the view without styling.
func plain(m Model) string { return ansi.Strip(m.View().Content) }

// tickUntil sends clock ticks until the drill reaches at.
func tickUntil(t *testing.T, m Model, at time.Duration) Model {
	t.Helper()
	l := m.screen.(*live)
	for l.session.Now() < at {
		m, _ = press(t, m, tickMsg{id: l.tickID})
	}
	return m
}

func TestPlayFromHomeToDebrief(t *testing.T) {
	m := newModel(t, Options{})
	wantScreen(t, m, "home")

	m = toList(t, m, "payment-provider-hangs")
	wantScreen(t, m, "list")
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "briefing")
	if !strings.Contains(plain(m), "Payment provider hangs") {
		t.Fatalf("briefing does not show the drill title:\n%s", plain(m))
	}
	m, cmd := press(t, m, enterKey)
	wantScreen(t, m, "live")
	if cmd == nil {
		t.Fatal("starting the drill returned no clock tick")
	}

	// Let the outage start, then set a 2 s timeout: open the variants,
	// move to the second (2 s) and apply.
	m = tickUntil(t, m, 35*time.Second)
	if !strings.Contains(plain(m), "firing") {
		t.Fatalf("no alert firing 5 s into the outage:\n%s", plain(m))
	}
	m, _ = press(t, m, enterKey)
	if !strings.Contains(plain(m), "500 ms") {
		t.Fatalf("variants are not shown:\n%s", plain(m))
	}
	m, _ = press(t, m, downKey)
	m, _ = press(t, m, enterKey)
	if !strings.Contains(plain(m), "Why?") {
		t.Fatalf("choosing a variant does not ask for a rationale:\n%s", plain(m))
	}
	m = typeText(t, m, "threads stuck on payments")
	m, _ = press(t, m, enterKey)
	l := m.screen.(*live)
	steps := l.session.Transcript()
	if len(steps) != 1 || steps[0].Action != "set-timeout" || steps[0].Variant != "2s" || steps[0].At != 35*time.Second {
		t.Fatalf("transcript %+v, want set-timeout 2s at 35s", steps)
	}
	if steps[0].Rationale != "threads stuck on payments" {
		t.Fatalf("rationale %q, want the one typed", steps[0].Rationale)
	}
	if !strings.Contains(plain(m), "Set a payment timeout: 2 s") {
		t.Fatalf("the action is not confirmed on screen:\n%s", plain(m))
	}

	// Finish: the drill runs to its end and is scored in a command.
	m, cmd = press(t, m, runeKey('f'))
	if cmd != nil || !strings.Contains(plain(m), "Press f again to run to the end") {
		t.Fatalf("f finished without asking first:\n%s", plain(m))
	}
	m, cmd = press(t, m, runeKey('f'))
	if cmd == nil {
		t.Fatal("finishing returned no scoring command")
	}
	m, _ = press(t, m, cmd())
	wantScreen(t, m, "debrief")
	view := plain(m)
	for _, want := range []string{"Debrief", "Score", "Level", "Outcome", "you", "reference"} {
		if !strings.Contains(view, want) {
			t.Errorf("debrief lacks %q:\n%s", want, view)
		}
	}
	d := m.screen.(*debrief)
	if d.card.Actions[0].Verdict != content.VerdictSound {
		t.Fatalf("verdict %q for a 2 s timeout, want sound", d.card.Actions[0].Verdict)
	}
	body := ansi.Strip(d.body(76))
	for _, want := range []string{"Checklist", "✓ timeouts", "Model answer", "Follow-up questions", "Interviewer notes", "because: threads stuck on payments"} {
		if !strings.Contains(body, want) {
			t.Errorf("debrief body lacks %q", want)
		}
	}

	// Scroll to the end, then go back to the list.
	for range 20 {
		m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeyPgDown})
	}
	if !strings.Contains(plain(m), "Further reading") {
		t.Fatalf("paging down does not reach the interviewer notes at the end:\n%s", plain(m))
	}
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "list")
}

func TestViewsFitTheWindow(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := New(mustLib(t), Options{Drill: "payment-provider-hangs"})
		m, _ = press(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		check := func(stage string) {
			t.Helper()
			lines := strings.Split(plain(m), "\n")
			if len(lines) != size[1] {
				t.Errorf("%dx%d %s: %d lines, want %d", size[0], size[1], stage, len(lines), size[1])
			}
			for i, l := range lines {
				if w := lipgloss.Width(l); w > size[0] {
					t.Errorf("%dx%d %s: line %d is %d cells wide: %q", size[0], size[1], stage, i+1, w, l)
				}
			}
		}
		check("briefing")
		m, _ = press(t, m, enterKey)
		m = tickUntil(t, m, 40*time.Second)
		m, _ = press(t, m, enterKey) // open variants
		check("live")
		m, _ = press(t, m, runeKey('f'))
		m, cmd := press(t, m, runeKey('f'))
		m, _ = press(t, m, cmd())
		check("debrief")
	}
}

func mustLib(t testing.TB) *content.Library {
	t.Helper()
	lib, err := content.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func TestSmallWindowAsksForMore(t *testing.T) {
	m := New(mustLib(t), Options{})
	m, _ = press(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	if !strings.Contains(plain(m), "at least 80×24") || !strings.Contains(plain(m), "60×20") {
		t.Fatalf("small window view:\n%s", plain(m))
	}
	m, _ = press(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(plain(m), "Play a drill") {
		t.Fatalf("after growing the window the home screen is not shown:\n%s", plain(m))
	}
}

func TestPauseStopsTheClock(t *testing.T) {
	m := newModel(t, Options{Drill: "payment-provider-hangs"})
	m, _ = press(t, m, enterKey)
	m = tickUntil(t, m, 2*time.Second)
	l := m.screen.(*live)
	oldID := l.tickID

	m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	if !l.paused {
		t.Fatal("space did not pause")
	}
	before := l.session.Now()
	m, _ = press(t, m, tickMsg{id: l.tickID})
	if l.session.Now() != before {
		t.Fatal("a tick moved a paused clock")
	}

	m, cmd := press(t, m, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	if l.paused || cmd == nil {
		t.Fatal("space did not resume the clock")
	}
	m, _ = press(t, m, tickMsg{id: oldID})
	if l.session.Now() != before {
		t.Fatal("a tick from the stopped clock loop was not dropped")
	}

	m, _ = press(t, m, runeKey('3'))
	m, _ = press(t, m, tickMsg{id: l.tickID})
	if got := l.session.Now() - before; got != 2*time.Second {
		t.Fatalf("one tick at 20× moved the clock %s, want 2s", got)
	}
	_ = m
}

func TestQuitDuringDrillAsksFirst(t *testing.T) {
	m := newModel(t, Options{Drill: "payment-provider-hangs"})
	m, _ = press(t, m, enterKey)
	m = tickUntil(t, m, time.Second)
	l := m.screen.(*live)

	m, cmd := press(t, m, runeKey('q'))
	if cmd != nil {
		t.Fatal("q returned a command during a drill; it must ask first")
	}
	if !strings.Contains(plain(m), "y quits; any other key plays on") {
		t.Fatalf("no confirmation shown:\n%s", plain(m))
	}
	before := l.session.Now()
	m, _ = press(t, m, tickMsg{id: l.tickID})
	if l.session.Now() != before {
		t.Fatal("the clock ran while the quit question was shown")
	}

	m, cmd = press(t, m, runeKey('n'))
	if m.Screen() != "live" || l.confirming != "" {
		t.Fatal("answering n did not keep the drill going")
	}
	if cmd == nil {
		t.Fatal("answering n did not restart the clock")
	}
	if _, ok := cmd().(tickMsg); !ok {
		t.Fatal("answering n returned something other than a clock tick")
	}

	m, _ = press(t, m, runeKey('q'))
	_, cmd = press(t, m, runeKey('y'))
	if cmd == nil {
		t.Fatal("y did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("y did not return tea.Quit")
	}
}

func TestSmallWindowHoldsClockAndKeys(t *testing.T) {
	m := newModel(t, Options{Drill: "payment-provider-hangs"})
	m, _ = press(t, m, enterKey)
	m = tickUntil(t, m, time.Second)
	l := m.screen.(*live)

	m, _ = press(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	before := l.session.Now()
	m, _ = press(t, m, tickMsg{id: l.tickID})
	m, _ = press(t, m, enterKey)
	m, _ = press(t, m, enterKey)
	if l.session.Now() != before {
		t.Fatal("the clock ran behind the too-small message")
	}
	if n := len(l.session.Transcript()); n != 0 {
		t.Fatalf("%d actions taken with keys pressed behind the too-small message, want none", n)
	}
	if !strings.Contains(plain(m), "clock is paused") {
		t.Fatalf("the too-small message does not say the clock is paused:\n%s", plain(m))
	}

	_, cmd := press(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if cmd == nil {
		t.Fatal("growing the window did not restart the clock")
	}
}

func TestLogScrolls(t *testing.T) {
	m := newModel(t, Options{Drill: "payment-provider-hangs"})
	m, _ = press(t, m, enterKey)
	m = tickUntil(t, m, 30*time.Second)
	if err := m.screen.(*live).session.Apply("restart", "rolling"); err != nil {
		t.Fatal(err)
	}
	m = tickUntil(t, m, 60*time.Second)
	newest := plain(m)
	m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeyPgUp})
	if plain(m) == newest || !strings.Contains(plain(m), "newer lines below") {
		t.Fatalf("pgup did not scroll the incident log:\n%s", plain(m))
	}
	m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeyPgDown})
	if strings.Contains(plain(m), "newer lines below") {
		t.Fatalf("pgdn did not scroll back to the newest lines:\n%s", plain(m))
	}
}

func TestCtrlCQuitsEverywhere(t *testing.T) {
	m := newModel(t, Options{Drill: "payment-provider-hangs"})
	m, _ = press(t, m, enterKey)
	_, cmd := press(t, m, tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if cmd == nil {
		t.Fatal("ctrl+c returned no command on the live screen")
	}
	if _, ok := cmd().(tea.InterruptMsg); !ok {
		t.Fatal("ctrl+c did not interrupt the program")
	}
}

func TestEscClosesVariants(t *testing.T) {
	m := newModel(t, Options{Drill: "payment-provider-hangs"})
	m, _ = press(t, m, enterKey)
	m, _ = press(t, m, enterKey)
	if m.screen.(*live).choosing == nil {
		t.Fatal("enter did not open the variants")
	}
	m, _ = press(t, m, escKey)
	if m.screen.(*live).choosing != nil {
		t.Fatal("esc did not close the variants")
	}
	if got := len(m.screen.(*live).session.Transcript()); got != 0 {
		t.Fatalf("%d actions taken, want none", got)
	}
}

func TestLightBackgroundRestyles(t *testing.T) {
	m := newModel(t, Options{})
	m, _ = press(t, m, tea.BackgroundColorMsg{Color: lipgloss.Color("#FFFFFF")})
	if m.app.styles.isDark {
		t.Fatal("a white background kept the dark styles")
	}
}

func TestProgramStartsAndQuits(t *testing.T) {
	tm := teatest.NewTestModel(t, New(mustLib(t), Options{}),
		teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.ASCII)))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("Play a drill"))
	}, teatest.WithDuration(3*time.Second))

	tm.Send(enterKey)
	tm.Send(enterKey)
	tm.Send(runeKey('q'))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(3*time.Second)).(Model)
	if fm.Screen() != "briefing" {
		t.Fatalf("program ended on %q, want the briefing", fm.Screen())
	}
}

// typeText sends one key press per rune of text.
func typeText(t *testing.T, m Model, text string) Model {
	t.Helper()
	for _, r := range text {
		if r == ' ' {
			m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
			continue
		}
		m, _ = press(t, m, runeKey(r))
	}
	return m
}

func TestLoneVariantTakesTwoPresses(t *testing.T) {
	m := newModel(t, Options{Drill: "payment-provider-hangs"})
	m, _ = press(t, m, enterKey)
	l := m.screen.(*live)
	for l.drill.Actions[l.cursor].ID != "grow-pool" {
		m, _ = press(t, m, downKey)
	}
	m, _ = press(t, m, enterKey)
	if n := len(l.session.Transcript()); n != 0 {
		t.Fatalf("one enter on a one-variant action took it (%d actions); it must open the variant first", n)
	}
	if !strings.Contains(plain(m), "400 threads per pod") {
		t.Fatalf("the lone variant is not shown:\n%s", plain(m))
	}
	m, _ = press(t, m, enterKey)
	if n := len(l.session.Transcript()); n != 0 {
		t.Fatalf("%d actions after choosing the variant, want none before the rationale is confirmed", n)
	}
	m, _ = press(t, m, enterKey)
	if n := len(l.session.Transcript()); n != 1 {
		t.Fatalf("%d actions after confirming the variant and an empty rationale, want 1", n)
	}
	if r := l.session.Transcript()[0].Rationale; r != "" {
		t.Fatalf("rationale %q, want none", r)
	}
}

func TestSaveMovesWritesActionsFile(t *testing.T) {
	t.Chdir(t.TempDir())
	m := newModel(t, Options{Drill: "payment-provider-hangs"})
	m, _ = press(t, m, enterKey)
	m = tickUntil(t, m, 33*time.Second)
	m, _ = press(t, m, enterKey)
	m, _ = press(t, m, downKey)
	m, _ = press(t, m, enterKey) // set-timeout 2s at 33s
	m, _ = press(t, m, enterKey) // no rationale
	m, _ = press(t, m, runeKey('f'))
	m, cmd := press(t, m, runeKey('f'))
	m, _ = press(t, m, cmd())

	m, _ = press(t, m, runeKey('s'))
	m, _ = press(t, m, runeKey('s'))
	if !strings.Contains(plain(m), "payment-provider-hangs-moves-2.yaml") {
		t.Fatalf("the second save is not reported as a new file:\n%s", plain(m))
	}
	for _, name := range []string{"payment-provider-hangs-moves.yaml", "payment-provider-hangs-moves-2.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		d := m.screen.(*debrief).drill
		steps, err := content.ParseSteps(name, data, d)
		if err != nil {
			t.Fatalf("the saved file does not parse: %v\n%s", err, data)
		}
		if len(steps) != 1 || steps[0].At != 33*time.Second || steps[0].Variant != "2s" {
			t.Fatalf("saved steps %+v, want set-timeout 2s at 33s", steps)
		}
	}
	leftovers, _ := filepath.Glob(".gameday-*")
	if len(leftovers) != 0 {
		t.Fatalf("temporary files left behind: %v", leftovers)
	}
}

func TestSaveReportsUnwritableDirectory(t *testing.T) {
	// A regular file in place of the directory fails for root too.
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := saveActions(notDir, "x", "[]\n"); err == nil || !strings.Contains(err.Error(), "cannot write in "+notDir) {
		t.Fatalf("saveActions into a file: %v, want an error naming it", err)
	}
}

func TestMouseWheelScrolls(t *testing.T) {
	m := newModel(t, Options{Drill: "payment-provider-hangs"})
	b := m.screen.(*briefing)
	plain(m) // lay out the viewport
	m, _ = press(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if b.vp.YOffset() != wheelLines {
		t.Fatalf("briefing offset %d after a wheel step down, want %d", b.vp.YOffset(), wheelLines)
	}
	m, _ = press(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if b.vp.YOffset() != 0 {
		t.Fatalf("briefing offset %d after a wheel step back up, want 0", b.vp.YOffset())
	}

	m, _ = press(t, m, enterKey)
	l := m.screen.(*live)
	m, _ = press(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if l.logOffset != wheelLines {
		t.Fatalf("log offset %d after a wheel step up, want %d", l.logOffset, wheelLines)
	}
	if m.View().MouseMode != tea.MouseModeCellMotion {
		t.Fatal("the view does not ask for mouse events")
	}
}
