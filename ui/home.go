package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// home is the start screen: what gameday is, and the way in.
type home struct {
	app    *app
	cursor int
}

// Items of the home screen's menu.
const (
	homePlay      = "Play a drill"
	homeStudy     = "Study the checklist"
	homeQuestions = "Answer interview questions"
	homeProgress  = "Your progress"
	homeQuit      = "Quit"
)

var homeItems = []string{homePlay, homeStudy, homeQuestions, homeProgress, homeQuit}

func newHome(a *app) *home { return &home{app: a} }

func (h *home) update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return h, nil
	}
	keys := h.app.keys
	switch {
	case key.Matches(k, keys.Up):
		h.cursor = max(h.cursor-1, 0)
	case key.Matches(k, keys.Down):
		h.cursor = min(h.cursor+1, len(homeItems)-1)
	case key.Matches(k, keys.Quit):
		return h, tea.Quit
	case key.Matches(k, keys.Enter):
		switch homeItems[h.cursor] {
		case homePlay:
			return newDrillList(h.app), nil
		case homeStudy:
			return newStudy(h.app)
		case homeQuestions:
			return newQuestionRound(h.app), nil
		case homeProgress:
			return newProgress(h.app)
		}
		return h, tea.Quit
	}
	return h, nil
}

func (h *home) view(width, height int) string {
	st := h.app.styles
	var b strings.Builder
	b.WriteString("\n  " + st.title.Render("gameday") + "\n")
	b.WriteString("  " + st.subtitle.Render("Practise production resilience on simulated outages.") + "\n\n")
	b.WriteString(reflowIndented(
		"Each drill breaks a simulated service while you watch its dashboard. "+
			"Take actions as it burns; afterwards you are scored against a ten-point "+
			"checklist, the way a senior interviewer would score you.", width-4, "  "))
	b.WriteString("\n\n")

	for i, item := range homeItems {
		if i == h.cursor {
			b.WriteString("  " + st.selected.Render("> "+item) + "\n")
		} else {
			b.WriteString("    " + item + "\n")
		}
	}

	b.WriteString("\n  " + st.heading.Render("The checklist") + "\n")
	concepts := h.app.lib.Checklist.Concepts
	if free := height - lineCount(b.String()); free >= len(concepts) {
		for i, c := range concepts {
			line := fmt.Sprintf("  %2d. %-58s %s", i+1, truncate(c.Title, 58), st.faint.Render(c.LevelValue().Title()))
			b.WriteString(truncate(line, width) + "\n")
		}
		return b.String()
	}

	// Too short for one concept a line: two columns, without levels.
	column := (width - 2) / 2
	half := (len(concepts) + 1) / 2
	for i := range half {
		left := fmt.Sprintf("%2d. %s", i+1, concepts[i].ShortTitle())
		line := "  " + padRight(truncate(left, column-1), column)
		if j := i + half; j < len(concepts) {
			line += truncate(fmt.Sprintf("%2d. %s", j+1, concepts[j].ShortTitle()), column-1)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func (h *home) help() helpKeys {
	k := h.app.keys
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, k.Enter, k.Quit, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Enter}, {k.Quit, k.ForceQuit, k.Help}},
	}
}

// reflowIndented wraps text to width and indents every line.
func reflowIndented(text string, width int, indent string) string {
	lines := strings.Split(reflow(text, width), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = indent + l
		}
	}
	return strings.Join(lines, "\n")
}
