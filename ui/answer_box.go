package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
)

// answerRows is the height of the answer field, in rows.
const answerRows = 6

// answerCharLimit caps a typed answer, in characters; a strong spoken
// answer is well under a thousand.
const answerCharLimit = 4000

// answerHint follows the heading of an answer box and names its keys.
const answerHint = " · ctrl+d grades it, esc cancels"

// answerBox is the text area a player types an answer in. While open it
// captures every key but ctrl+c: ctrl+d or ctrl+s submits the answer and
// esc closes the box without grading. Enter adds a newline, and ctrl+d
// never reaches the text area, so delete is the only key that deletes
// forward.
type answerBox struct {
	area textarea.Model
	open bool
}

// answerResult is what a key did in the answer box, so the screen can
// grade the answer or close the box.
type answerResult int

const (
	answerTyping answerResult = iota
	answerSubmitted
	answerCancelled
)

func (b *answerBox) start(isDark bool, placeholder string) tea.Cmd {
	b.area = textarea.New()
	b.area.SetStyles(textarea.DefaultStyles(isDark))
	b.area.Placeholder = placeholder
	b.area.ShowLineNumbers = false
	b.area.CharLimit = answerCharLimit
	b.area.SetHeight(answerRows)
	b.open = true
	return b.area.Focus()
}

// update passes msg to the text area and returns what the player did.
func (b *answerBox) update(msg tea.Msg, keys keyMap) (answerResult, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.Submit):
			b.open = false
			return answerSubmitted, nil
		case key.Matches(k, keys.Cancel):
			b.open = false
			return answerCancelled, nil
		}
	}
	var cmd tea.Cmd
	b.area, cmd = b.area.Update(msg)
	return answerTyping, cmd
}

func (b *answerBox) value() string { return b.area.Value() }

func (b *answerBox) view(width int) string {
	b.area.SetWidth(max(width, 10))
	return b.area.View()
}
