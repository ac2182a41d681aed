package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"gameday/content"
	"gameday/drills"
	"gameday/scoring"
)

// tickEvery is the wall-clock period of the live screen's clock; each tick
// advances the simulation by tickEvery × speed.
const tickEvery = 100 * time.Millisecond

// speeds are the clock speeds, in virtual seconds per wall second, on the
// keys 1 to 4.
var speeds = []int{1, 5, 20, 60}

// defaultSpeed is the speed a drill starts at.
const defaultSpeed = 5

// tickMsg advances the clock. id drops ticks from a clock loop that was
// stopped (by a pause) before they arrived.
type tickMsg struct{ id int }

// gradedMsg carries the scorecard of a finished drill.
type gradedMsg struct {
	card *scoring.Scorecard
	err  error
}

// live is the incident screen: dashboard, incident log and action palette,
// and in interviewer mode the interviewer's panel.
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

	// reasoning is the variant waiting for the player's rationale, typed
	// in reason; nil when no rationale is asked for. The clock stops
	// meanwhile.
	reasoning *content.Variant
	reason    textinput.Model

	// confirming is the action waiting for the player's confirmation
	// ("quit", "finish" or "hint"); the clock stops meanwhile.
	confirming string

	// held is set while the window is too small to show the drill: the
	// clock stops until it grows again.
	held bool

	// logOffset is how many lines the incident log is scrolled up from
	// its newest line.
	logOffset int

	// panel is the interviewer's panel; nil outside interviewer mode.
	panel *interviewerPanel

	grading    bool
	status     string
	statusBad  bool
	statusHint bool // status is a description, not news
}

// running reports whether the clock should tick.
func (l *live) running() bool {
	return !l.paused && !l.held && !l.grading && l.confirming == "" && l.reasoning == nil
}

// capturing reports whether keys are typed into the rationale field, so
// the app's global keys must not act on them.
func (l *live) capturing() bool { return l.reasoning != nil }

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

// startLive begins a drill and its clock; interviewer adds the
// interviewer's panel, shown at first.
func startLive(a *app, d *content.Drill, interviewer bool) (screen, tea.Cmd) {
	s, err := drills.New(d, d.Seed)
	if err != nil {
		b := newBriefing(a, d, interviewer)
		b.err = "cannot start the drill: " + err.Error()
		return b, nil
	}
	l := &live{app: a, drill: d, session: s, speed: defaultSpeed, reason: newReasonInput(a.styles.isDark)}
	if interviewer {
		l.panel = newInterviewerPanel(d)
	}
	a.log.Info("drill started", "drill", d.ID, "seed", d.Seed, "interviewer", interviewer)
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
			l.app.log.Error("scoring failed", "drill", l.drill.ID, "err", msg.err)
			l.setStatus("scoring failed: "+msg.err.Error(), true)
			return l, nil
		}
		l.app.log.Info("drill scored", "drill", l.drill.ID, "score", msg.card.Score)
		db := newDebrief(l.app, l.drill, l.session, msg.card)
		db.interviewer = l.panel != nil
		return db, nil

	case tea.KeyPressMsg:
		return l.handleKey(msg)

	case tea.BackgroundColorMsg:
		l.reason.SetStyles(textinput.DefaultStyles(msg.IsDark()))
		return l, nil

	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			l.logOffset += wheelLines
		case tea.MouseWheelDown:
			l.logOffset = max(l.logOffset-wheelLines, 0)
		}
		return l, nil
	}

	// The rationale field's cursor blinks on messages of its own.
	if l.reasoning != nil {
		var cmd tea.Cmd
		l.reason, cmd = l.reason.Update(msg)
		return l, cmd
	}
	return l, nil
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
	if l.reasoning != nil {
		apply := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply"))
		back := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to variants"))
		return helpKeys{short: []key.Binding{apply, back, k.ForceQuit}, full: [][]key.Binding{{apply, back, k.ForceQuit}}}
	}
	if l.panel != nil && l.panel.shown {
		return l.panel.help(k)
	}

	choose := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "act"))
	if l.choosing != nil {
		choose = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose"))
	}
	selectKey := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "select"))
	// The speed keys are in the full help: the short one must fit 80 cells.
	// With the interviewer's panel, the hint gives way to the panel key.
	short := []key.Binding{k.Pause, selectKey, choose, k.Hint, k.Finish, k.Quit, k.Help}
	switch {
	case l.choosing != nil:
		short = []key.Binding{selectKey, choose, k.Back, k.Pause, k.Quit, k.Help}
	case l.panel != nil:
		short = []key.Binding{k.Pause, selectKey, choose, k.Finish, k.Quit, k.Help}
	}
	full := [][]key.Binding{
		{k.Pause, k.Speed, k.Finish, k.Hint},
		{k.Up, k.Down, choose, k.Back},
		{liveKeys.LogUp, liveKeys.LogDown},
		{k.Quit, k.ForceQuit, k.Help},
	}
	if l.panel != nil {
		short = append([]key.Binding{k.Panel}, short...)
		full[0] = append(full[0], k.Panel)
	}
	return helpKeys{short: short, full: full}
}
