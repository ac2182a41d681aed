package ui

import "charm.land/bubbles/v2/key"

// keyMap lists every binding; screens enable the ones they use so the help
// line never shows a key that does nothing.
type keyMap struct {
	Up, Down, Enter, Back, Quit, ForceQuit, Help key.Binding

	Pause, Speed, Finish, Hint, Panel key.Binding

	PageUp, PageDown, Top, Bottom, Replay, Save, Export key.Binding

	Interviewer key.Binding

	FilterConcept, FilterDifficulty key.Binding

	Answer, Submit, SubmitAlt, Cancel, Flip, Next, Prev key.Binding
}

func defaultKeyMap() keyMap {
	return keyMap{
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Enter:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Back:      key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit now")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more")),

		Pause:  key.NewBinding(key.WithKeys("space", "p"), key.WithHelp("space", "pause")),
		Speed:  key.NewBinding(key.WithKeys("1", "2", "3", "4"), key.WithHelp("1-4", "speed")),
		Finish: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "finish")),
		Hint:   key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "hint")),
		Panel:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "panel")),

		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "bottom")),
		Replay:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "replay")),
		Save:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save moves")),
		Export:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export")),

		Interviewer: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "interviewer")),

		FilterConcept:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "concept")),
		FilterDifficulty: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "difficulty")),

		Answer: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "answer")),
		// Some terminals and multiplexers take ctrl+s for XOFF flow
		// control and never pass it on, so ctrl+d submits too: the tty
		// driver reads ctrl+d as end of file only in canonical mode, which
		// Bubble Tea turns off. SubmitAlt names ctrl+s in the full help.
		Submit:    key.NewBinding(key.WithKeys("ctrl+d", "ctrl+s"), key.WithHelp("ctrl+d", "grade")),
		SubmitAlt: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "grade (same as ctrl+d)")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Flip:      key.NewBinding(key.WithKeys("space", "f"), key.WithHelp("space", "flip")),
		Next:      key.NewBinding(key.WithKeys("n", "right", "l"), key.WithHelp("n/→", "next")),
		Prev:      key.NewBinding(key.WithKeys("p", "left", "h"), key.WithHelp("p/←", "previous")),
	}
}

// helpKeys adapts a list of bindings to help.KeyMap.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }
