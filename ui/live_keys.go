package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"gameday/content"
	"gameday/drills"
	"gameday/scoring"
)

// liveKeys are the bindings only the live screen uses.
var liveKeys = struct{ LogUp, LogDown key.Binding }{
	LogUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "older log lines")),
	LogDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "newer log lines")),
}

func (l *live) handleKey(k tea.KeyPressMsg) (screen, tea.Cmd) {
	keys := l.app.keys
	switch {
	case l.grading:
		return l, nil
	case l.confirming != "":
		return l.answerConfirm(k)
	case l.reasoning != nil:
		return l.typeReason(k)
	case l.panel != nil && key.Matches(k, keys.Panel):
		l.panel.shown = !l.panel.shown
		l.panel.rating = false
		return l, nil
	case l.panel != nil && l.panel.shown:
		if l.panel.rating {
			l.rate(k)
			return l, nil
		}
		if l.panel.handleKey(k, keys) {
			return l, nil
		}
		if key.Matches(k, keys.Enter) {
			l.inject()
			return l, nil
		}
	}

	switch {
	case key.Matches(k, keys.Quit):
		return l.ask("quit", "Quit gameday? This run is not scored. y quits; any other key plays on.")
	case key.Matches(k, keys.Finish):
		return l.ask("finish", "Finish now? Press f again to run to the end and score; any other key plays on.")
	case key.Matches(k, keys.Hint):
		if !l.session.HintIsNew(&l.app.lib.Checklist) {
			// Nothing new to tell, so nothing to charge or confirm.
			hint := l.session.Hint(&l.app.lib.Checklist)
			l.setStatus("No new hint until you act on the last one, so this costs nothing: "+hint, false)
			return l, nil
		}
		return l.ask("hint", fmt.Sprintf("A hint costs %d points. Press h again to take it; any other key plays on.", scoring.HintPenalty))
	case key.Matches(k, keys.Pause):
		l.paused = !l.paused
		return l, l.restart()
	case key.Matches(k, liveKeys.LogUp):
		l.logOffset += 3
	case key.Matches(k, liveKeys.LogDown):
		l.logOffset = max(l.logOffset-3, 0)
	case key.Matches(k, keys.Speed):
		l.setSpeed(k.String())
	case key.Matches(k, keys.Up):
		l.move(-1)
	case key.Matches(k, keys.Down):
		l.move(1)
	case key.Matches(k, keys.Back):
		l.choosing = nil
		l.setStatus("", false)
	case key.Matches(k, keys.Enter):
		return l, l.choose()
	}
	return l, nil
}

// setSpeed sets the speed of the key "1" to "4".
func (l *live) setSpeed(k string) {
	i := int(k[0] - '1')
	if i >= 0 && i < len(speeds) {
		l.speed = speeds[i]
	}
}

// ask stops the clock and shows question until the player confirms the
// pending action ("quit", "finish" or "hint").
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
		l.app.log.Info("drill quit", "drill", l.drill.ID, "at", l.session.Now())
		return l, tea.Quit
	case pending == "finish" && (k.String() == "f" || k.String() == "y"):
		return l, l.finish()
	case pending == "hint" && (k.String() == "h" || k.String() == "y"):
		hint := l.session.Hint(&l.app.lib.Checklist)
		l.app.log.Info("hint taken", "drill", l.drill.ID, "at", l.session.Now(), "hints", l.session.Hints())
		l.setStatus("Hint: "+hint, false)
		return l, l.restart()
	}
	if l.paused {
		// The question stopped a clock that was already paused.
		l.setStatus("Still paused; space starts the clock.", false)
	} else {
		l.setStatus("Still playing.", false)
	}
	return l, l.restart()
}

// move changes the selection and shows the selected action's description
// in full on the status line.
func (l *live) move(delta int) {
	if l.choosing != nil {
		l.vcursor = min(max(l.vcursor+delta, 0), len(l.choosing.Variants)-1)
		return
	}
	if len(l.drill.Actions) == 0 {
		return
	}
	l.cursor = min(max(l.cursor+delta, 0), len(l.drill.Actions)-1)
	a := l.drill.Actions[l.cursor]
	l.status, l.statusBad, l.statusHint = a.Description, false, true
}

// choose opens the variants of the selected action, or the rationale
// field for the chosen variant.
func (l *live) choose() tea.Cmd {
	if len(l.drill.Actions) == 0 {
		return nil
	}
	// The variant list opens even for an action with one variant, so an
	// action always takes deliberate presses.
	if l.choosing == nil {
		l.choosing, l.vcursor = &l.drill.Actions[l.cursor], 0
		return nil
	}
	l.reasoning = &l.choosing.Variants[l.vcursor]
	l.reason.Reset()
	l.tickID++
	return l.reason.Focus()
}

// typeReason handles a key while the rationale field is open: enter
// applies the action with what was typed, esc goes back to the variants.
func (l *live) typeReason(k tea.KeyPressMsg) (screen, tea.Cmd) {
	switch k.String() {
	case "enter":
		a, v := l.choosing, l.reasoning
		l.choosing, l.reasoning = nil, nil
		l.reason.Blur()
		l.apply(a, v, l.reason.Value())
		return l, l.restart()
	case "esc":
		l.reasoning = nil
		l.reason.Blur()
		return l, l.restart()
	}
	var cmd tea.Cmd
	l.reason, cmd = l.reason.Update(k)
	return l, cmd
}

func (l *live) apply(a *content.Action, v *content.Variant, rationale string) {
	if err := l.session.ApplyWithRationale(a.ID, v.ID, rationale); err != nil {
		l.app.log.Error("action rejected", "drill", l.drill.ID, "action", a.ID, "variant", v.ID, "err", err)
		l.setStatus(err.Error(), true)
		return
	}
	l.app.log.Info("action taken", "drill", l.drill.ID, "at", l.session.Now(), "action", a.ID, "variant", v.ID)
	msg := fmt.Sprintf("%s  %s: %s", content.PreciseClock(l.session.Now()), a.Title, v.Title)
	if a.Delay > 0 {
		msg += fmt.Sprintf(" (starts in %s)", a.Delay)
	}
	l.setStatus(msg, false)
}

// inject starts the fault selected in the interviewer's panel.
func (l *live) inject() {
	c, ok := l.panel.selected()
	if !ok {
		return
	}
	if err := l.session.Inject(c.Fault); err != nil {
		l.app.log.Error("inject failed", "drill", l.drill.ID, "fault", c.Title, "err", err)
		l.panel.note = "Inject failed: " + err.Error()
		return
	}
	l.app.log.Info("fault injected", "drill", l.drill.ID, "at", l.session.Now(), "fault", c.Title)
	l.panel.note = ""
}

// rate takes the key after r in the interviewer's panel: 0, 1 or 2 rates
// the selected concept, and any other key cancels.
func (l *live) rate(k tea.KeyPressMsg) {
	if err := l.panel.rate(k, l.session); err != nil {
		l.app.log.Error("rating rejected", "drill", l.drill.ID, "key", k.String(), "err", err)
		l.panel.note = "Rating failed: " + err.Error()
		return
	}
	l.panel.note = ""
	l.app.log.Info("explanation rated", "drill", l.drill.ID, "at", l.session.Now(), "ratings", l.session.Ratings())
}

// newReasonInput returns the one-line field for an action's rationale.
func newReasonInput(isDark bool) textinput.Model {
	ti := textinput.New()
	ti.Prompt = "Why? "
	ti.Placeholder = "optional: one line on why this move, then enter"
	ti.CharLimit = drills.MaxRationale
	ti.SetStyles(textinput.DefaultStyles(isDark))
	return ti
}
