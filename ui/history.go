package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"gameday/scoring"
)

// history appends finished drills to the history file and remembers the
// last error, which the progress screen shows. The zero value (no path)
// records nothing.
type history struct {
	path string
	user string

	// lastErr is the error of the last append, or nil.
	lastErr error
}

// historySavedMsg reports the end of an append to the history file.
type historySavedMsg struct{ err error }

// observe returns the command that records a graded drill, and notes the
// result of an earlier one. It returns nil for every other message.
func (h *history) observe(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case gradedMsg:
		if h.path == "" || msg.err != nil || msg.card == nil {
			return nil
		}
		path, record := h.path, scoring.DrillRecord(msg.card, time.Now(), h.user)
		return func() tea.Msg {
			return historySavedMsg{err: scoring.AppendRecord(path, record)}
		}
	case historySavedMsg:
		h.lastErr = msg.err
	}
	return nil
}

// recordAnswer returns the command that appends a graded answer, graded
// at the time given, or nil when the app records nothing.
func (h *history) recordAnswer(g *scoring.AnswerGrade, at time.Time) tea.Cmd {
	if h.path == "" || g == nil {
		return nil
	}
	path, record := h.path, scoring.AnswerRecord(g, at, h.user)
	return func() tea.Msg {
		return historySavedMsg{err: scoring.AppendRecord(path, record)}
	}
}
