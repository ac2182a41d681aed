package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"gameday/content"
)

// drillList shows the drills, easiest first, with their difficulty and
// concepts. Two filters narrow it: one checklist concept and one
// difficulty, each cycled by a key; the zero filter shows every drill.
type drillList struct {
	app    *app
	cursor int

	// concept is the concept id drills must train, and difficulty the
	// difficulty they must have; "" means any.
	concept    string
	difficulty string
}

func newDrillList(a *app) *drillList { return &drillList{app: a} }

func (l *drillList) update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return l, nil
	}
	keys := l.app.keys
	drills := l.visible()
	switch {
	case key.Matches(k, keys.Up):
		l.cursor = max(l.cursor-1, 0)
	case key.Matches(k, keys.Down):
		l.cursor = max(min(l.cursor+1, len(drills)-1), 0)
	case key.Matches(k, keys.FilterConcept):
		l.concept = nextFilter(l.concept, l.conceptIDs())
		l.cursor = 0
	case key.Matches(k, keys.FilterDifficulty):
		l.difficulty = nextFilter(l.difficulty, content.Difficulties)
		l.cursor = 0
	case key.Matches(k, keys.Back):
		return newHome(l.app), nil
	case key.Matches(k, keys.Quit):
		return l, tea.Quit
	case key.Matches(k, keys.Enter), key.Matches(k, keys.Interviewer):
		if d := l.selected(); d != nil {
			return newBriefing(l.app, d, key.Matches(k, keys.Interviewer)), nil
		}
	}
	return l, nil
}

// selected returns the drill under the cursor, or nil when the filters
// leave none.
func (l *drillList) selected() *content.Drill {
	drills := l.visible()
	if l.cursor < 0 || l.cursor >= len(drills) {
		return nil
	}
	return drills[l.cursor]
}

func (l *drillList) conceptIDs() []string {
	ids := make([]string, len(l.app.lib.Checklist.Concepts))
	for i, c := range l.app.lib.Checklist.Concepts {
		ids[i] = c.ID
	}
	return ids
}

func (l *drillList) view(width, height int) string {
	st := l.app.styles
	drills := l.visible()
	var b strings.Builder
	count := fmt.Sprintf("%d of %d", len(drills), len(l.app.lib.Drills))
	b.WriteString("\n  " + st.title.Render("Drills") + "  " + st.faint.Render(count) + "\n")
	b.WriteString(truncate("  "+st.faint.Render("concept: "+orAll(l.concept)+" · difficulty: "+orAll(l.difficulty)), width) + "\n\n")
	if len(drills) == 0 {
		b.WriteString("    No drill matches these filters: press c or d to change them.\n")
		return b.String()
	}
	for i, d := range drills {
		line := fmt.Sprintf("%-40s %-13s %s", truncate(d.Title, 40), d.Difficulty, content.Clock(d.Duration))
		if i == l.cursor {
			b.WriteString("  " + st.selected.Render(truncate("> "+line, width-4)) + "\n")
		} else {
			b.WriteString("    " + truncate(line, width-6) + "\n")
		}
	}
	d := drills[l.cursor]
	b.WriteString("\n" + reflowIndented(d.Summary, width-4, "  ") + "\n")
	b.WriteString(st.faint.Render(reflowIndented(describeDrill(d), width-4, "  ")) + "\n")
	return b.String()
}

// describeDrill returns a one-line summary of a drill's shape.
func describeDrill(d *content.Drill) string {
	return fmt.Sprintf("%s of virtual time · concepts: %s", content.Clock(d.Duration), strings.Join(d.Concepts, ", "))
}

func (l *drillList) help() helpKeys {
	k := l.app.keys
	// The short help must fit 80 cells, so it shows the keys only this
	// screen has and leaves the arrows and esc to the full help.
	return helpKeys{
		short: []key.Binding{k.Enter, k.Interviewer, k.FilterConcept, k.FilterDifficulty, k.Quit, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Enter, k.Interviewer}, {k.FilterConcept, k.FilterDifficulty}, {k.Back, k.Quit, k.ForceQuit, k.Help}},
	}
}
