package ui

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"gameday/scoring"
)

// explainable reports whether the drill's concepts have key points to
// grade an explanation on.
func (d *debrief) explainable() bool {
	lib := d.app.lib
	_, err := scoring.GradeDrillAnswer(&lib.Checklist, &lib.Questions, d.drill, "")
	return !errors.Is(err, scoring.ErrNoRubric)
}

// gradeExplanation grades the typed explanation with the drill's rubric,
// shows it in the debrief and returns the command that appends it to the
// history. An empty explanation is not graded.
func (d *debrief) gradeExplanation() tea.Cmd {
	typed := d.answer.value()
	if strings.TrimSpace(typed) == "" {
		return nil
	}
	lib := d.app.lib
	g, err := scoring.GradeDrillAnswer(&lib.Checklist, &lib.Questions, d.drill, typed)
	if err != nil {
		d.saved, d.savedBad = "Could not grade the explanation: "+err.Error(), true
		return nil
	}
	d.explained = explanation{text: typed, grade: g}
	d.width = 0 // lay the body out again with the grade
	d.scrollToExplanation = true
	return d.app.history.recordAnswer(g, d.app.now())
}

// lineIndex returns the index of the first line of s that contains text
// once styling is stripped, or 0.
func lineIndex(s, text string) int {
	for i, line := range strings.Split(ansi.Strip(s), "\n") {
		if strings.Contains(line, text) {
			return i
		}
	}
	return 0
}
