package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"gameday/content"
)

// drillList shows the drills with their difficulty and concepts.
type drillList struct {
	app    *app
	cursor int
}

func newDrillList(a *app) *drillList { return &drillList{app: a} }

func (l *drillList) update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return l, nil
	}
	keys := l.app.keys
	drills := l.app.lib.Drills
	switch {
	case key.Matches(k, keys.Up):
		l.cursor = max(l.cursor-1, 0)
	case key.Matches(k, keys.Down):
		l.cursor = min(l.cursor+1, len(drills)-1)
	case key.Matches(k, keys.Back):
		return newHome(l.app), nil
	case key.Matches(k, keys.Quit):
		return l, tea.Quit
	case key.Matches(k, keys.Enter), key.Matches(k, keys.Interviewer):
		if len(drills) > 0 {
			return newBriefing(l.app, drills[l.cursor], key.Matches(k, keys.Interviewer)), nil
		}
	}
	return l, nil
}

func (l *drillList) view(width, height int) string {
	st := l.app.styles
	var b strings.Builder
	b.WriteString("\n  " + st.title.Render("Drills") + "  " + st.faint.Render(fmt.Sprintf("%d available", len(l.app.lib.Drills))) + "\n\n")
	for i, d := range l.app.lib.Drills {
		line := fmt.Sprintf("%-40s %-13s %s", truncate(d.Title, 40), d.Difficulty, content.Clock(d.Duration))
		if i == l.cursor {
			b.WriteString("  " + st.selected.Render(truncate("> "+line, width-4)) + "\n")
		} else {
			b.WriteString("    " + truncate(line, width-6) + "\n")
		}
	}
	if len(l.app.lib.Drills) > 0 {
		d := l.app.lib.Drills[l.cursor]
		b.WriteString("\n" + reflowIndented(d.Summary, width-4, "  ") + "\n")
		b.WriteString(st.faint.Render(reflowIndented(describeDrill(d), width-4, "  ")) + "\n")
	}
	return b.String()
}

// describeDrill returns a one-line summary of a drill's shape.
func describeDrill(d *content.Drill) string {
	return fmt.Sprintf("%s of virtual time · concepts: %s", content.Clock(d.Duration), strings.Join(d.Concepts, ", "))
}

func (l *drillList) help() helpKeys {
	k := l.app.keys
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, k.Enter, k.Interviewer, k.Back, k.Quit, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Enter, k.Interviewer}, {k.Back, k.Quit, k.ForceQuit, k.Help}},
	}
}
