package ui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"gameday/content"
	"gameday/drills"
	"gameday/scoring"
)

// tickEvery is the wall-clock period of the live screen's clock; each tick
// advances the simulation by tickEvery × speed.
const tickEvery = 100 * time.Millisecond

// speeds are the clock speeds, in virtual seconds per wall second.
var speeds = []int{1, 5, 20}

// liveKeys are the bindings only the live screen uses.
var liveKeys = struct{ LogUp, LogDown key.Binding }{
	LogUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "older log lines")),
	LogDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "newer log lines")),
}

// tickMsg advances the clock. id drops ticks from a clock loop that was
// stopped (by a pause) before they arrived.
type tickMsg struct{ id int }

// gradedMsg carries the scorecard of a finished drill.
type gradedMsg struct {
	card *scoring.Scorecard
	err  error
}

// live is the incident screen: dashboard, incident log and action palette.
type live struct {
	app     *app
	drill   *content.Drill
	session *drills.Session

	speed  int
	paused bool
	tickID int

	cursor   int             // selected action
	choosing *content.Action // action whose variants are shown, or nil
	vcursor  int             // selected variant

	// confirming is the action waiting for the player's confirmation
	// ("quit" or "finish"); the clock stops meanwhile.
	confirming string

	// held is set while the window is too small to show the drill: the
	// clock stops until it grows again.
	held bool

	// logOffset is how many lines the incident log is scrolled up from
	// its newest line.
	logOffset int

	grading    bool
	status     string
	statusBad  bool
	statusHint bool // status is a description, not news
}

// running reports whether the clock should tick.
func (l *live) running() bool {
	return !l.paused && !l.held && !l.grading && l.confirming == ""
}

// restart starts a new clock loop if the clock should run, dropping ticks
// of any earlier loop.
func (l *live) restart() tea.Cmd {
	l.tickID++
	if !l.running() {
		return nil
	}
	return l.tick()
}

func (l *live) hold() {
	l.held = true
	l.tickID++
}

func (l *live) resume() tea.Cmd {
	if !l.held {
		return nil
	}
	l.held = false
	return l.restart()
}

// startLive begins a drill and its clock.
func startLive(a *app, d *content.Drill) (screen, tea.Cmd) {
	s, err := drills.New(d, d.Seed)
	if err != nil {
		b := newBriefing(a, d)
		b.err = "cannot start the drill: " + err.Error()
		return b, nil
	}
	l := &live{app: a, drill: d, session: s, speed: 5}
	return l, l.tick()
}

func (l *live) tick() tea.Cmd {
	id := l.tickID
	return tea.Tick(tickEvery, func(time.Time) tea.Msg { return tickMsg{id: id} })
}

func (l *live) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tickMsg:
		if msg.id != l.tickID || !l.running() {
			return l, nil
		}
		l.session.AdvanceTo(l.session.Now() + tickEvery*time.Duration(l.speed))
		if l.session.Done() {
			return l, l.finish()
		}
		return l, l.tick()

	case gradedMsg:
		if msg.err != nil {
			l.grading = false
			l.setStatus("scoring failed: "+msg.err.Error(), true)
			return l, nil
		}
		return newDebrief(l.app, l.drill, l.session, msg.card), nil

	case tea.KeyPressMsg:
		return l.handleKey(msg)
	}
	return l, nil
}

func (l *live) handleKey(k tea.KeyPressMsg) (screen, tea.Cmd) {
	keys := l.app.keys
	if l.grading {
		return l, nil
	}
	if l.confirming != "" {
		return l.answerConfirm(k)
	}

	switch {
	case key.Matches(k, keys.Quit):
		return l.ask("quit", "Quit gameday? This run is not scored. y quits; any other key plays on.")
	case key.Matches(k, keys.Finish):
		return l.ask("finish", "Finish now? Press f again to run to the end and score; any other key plays on.")
	case key.Matches(k, keys.Pause):
		l.paused = !l.paused
		return l, l.restart()
	case key.Matches(k, liveKeys.LogUp):
		l.logOffset += 3
	case key.Matches(k, liveKeys.LogDown):
		l.logOffset = max(l.logOffset-3, 0)
	case key.Matches(k, keys.Speed1):
		l.speed = speeds[0]
	case key.Matches(k, keys.Speed5):
		l.speed = speeds[1]
	case key.Matches(k, keys.Speed20):
		l.speed = speeds[2]
	case key.Matches(k, keys.Up):
		l.move(-1)
	case key.Matches(k, keys.Down):
		l.move(1)
	case key.Matches(k, keys.Back):
		l.choosing = nil
		l.setStatus("", false)
	case key.Matches(k, keys.Enter):
		l.choose()
	}
	return l, nil
}

// ask stops the clock and shows question until the player confirms the
// pending action ("quit" or "finish").
func (l *live) ask(pending, question string) (screen, tea.Cmd) {
	l.confirming = pending
	l.setStatus(question, true)
	return l, l.restart()
}

// answerConfirm handles the key that answers a pending question.
func (l *live) answerConfirm(k tea.KeyPressMsg) (screen, tea.Cmd) {
	pending := l.confirming
	l.confirming = ""
	switch {
	case pending == "quit" && k.String() == "y":
		return l, tea.Quit
	case pending == "finish" && (k.String() == "f" || k.String() == "y"):
		return l, l.finish()
	}
	l.setStatus("Still playing.", false)
	return l, l.restart()
}

// move changes the selection and shows the selected action's description
// in full on the status line.
func (l *live) move(delta int) {
	if l.choosing != nil {
		l.vcursor = min(max(l.vcursor+delta, 0), len(l.choosing.Variants)-1)
		return
	}
	l.cursor = min(max(l.cursor+delta, 0), len(l.drill.Actions)-1)
	a := l.drill.Actions[l.cursor]
	l.status, l.statusBad, l.statusHint = a.Description, false, true
}

// choose opens the variants of the selected action, or applies the chosen
// variant (at once for an action with only one).
func (l *live) choose() {
	if len(l.drill.Actions) == 0 {
		return
	}
	// The variant list opens even for an action with one variant, so an
	// action always takes two deliberate presses.
	if l.choosing == nil {
		l.choosing, l.vcursor = &l.drill.Actions[l.cursor], 0
		return
	}
	a, v := l.choosing, &l.choosing.Variants[l.vcursor]
	l.choosing = nil
	l.apply(a, v)
}

func (l *live) apply(a *content.Action, v *content.Variant) {
	if err := l.session.Apply(a.ID, v.ID); err != nil {
		l.setStatus(err.Error(), true)
		return
	}
	msg := fmt.Sprintf("%s  %s: %s", content.PreciseClock(l.session.Now()), a.Title, v.Title)
	if a.Delay > 0 {
		msg += fmt.Sprintf(" (starts in %s)", a.Delay)
	}
	l.setStatus(msg, false)
}

// finish runs the drill to its end and scores it in the background.
func (l *live) finish() tea.Cmd {
	l.session.AdvanceTo(l.session.Duration())
	l.grading = true
	l.tickID++
	l.setStatus("Drill over. Scoring your run against doing nothing and the reference solution…", false)

	lib, d, seed, steps := l.app.lib, l.drill, l.session.Seed, l.session.Transcript()
	return func() tea.Msg {
		card, err := scoring.Grade(&lib.Checklist, d, seed, steps)
		return gradedMsg{card: card, err: err}
	}
}

func (l *live) setStatus(s string, bad bool) { l.status, l.statusBad, l.statusHint = s, bad, false }

func (l *live) help() helpKeys {
	k := l.app.keys
	choose := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "act"))
	if l.choosing != nil {
		choose = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply"))
	}
	speed := key.NewBinding(key.WithKeys("1", "2", "3"), key.WithHelp("1/2/3", "speed"))
	selectKey := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "select"))
	short := []key.Binding{k.Pause, speed, selectKey, choose, k.Finish, k.Quit, k.Help}
	if l.choosing != nil {
		short = []key.Binding{selectKey, choose, k.Back, k.Pause, k.Quit, k.Help}
	}
	return helpKeys{
		short: short,
		full: [][]key.Binding{
			{k.Pause, k.Speed1, k.Finish},
			{k.Up, k.Down, choose, k.Back},
			{liveKeys.LogUp, liveKeys.LogDown},
			{k.Quit, k.ForceQuit, k.Help},
		},
	}
}
