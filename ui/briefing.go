package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"gameday/content"
)

// briefing shows the drill's briefing, SLO and rules before it starts.
type briefing struct {
	app   *app
	drill *content.Drill
	vp    viewport.Model
	width int
	err   string

	// interviewer starts the drill in interviewer mode.
	interviewer bool
}

func newBriefing(a *app, d *content.Drill, interviewer bool) *briefing {
	return &briefing{app: a, drill: d, vp: viewport.New(), interviewer: interviewer}
}

func (b *briefing) update(msg tea.Msg) (screen, tea.Cmd) {
	if scrollWheel(&b.vp, msg) {
		return b, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return b, nil
	}
	keys := b.app.keys
	switch {
	case key.Matches(k, keys.Enter):
		return startLive(b.app, b.drill, b.interviewer)
	case key.Matches(k, keys.Back):
		return newDrillList(b.app), nil
	case key.Matches(k, keys.Interviewer):
		b.interviewer = !b.interviewer
	case key.Matches(k, keys.Quit):
		return b, tea.Quit
	default:
		scrollKey(&b.vp, k, keys)
	}
	return b, nil
}

func (b *briefing) view(width, height int) string {
	st := b.app.styles
	d := b.drill
	about := d.Difficulty + " · " + content.Clock(d.Duration) + " of virtual time"
	// A long title gives way to the difficulty and length beside it.
	title := truncate(d.Title, titleRoom(width, "  ", "  ", about))
	header := "\n  " + st.title.Render(title) + "  " + st.faint.Render(about) + "\n"

	if width != b.width {
		b.width = width
		b.vp.SetContent(b.body(width - 4))
	}
	b.vp.SetWidth(width - 2)
	b.vp.SetHeight(max(height-4, 3))
	if b.interviewer {
		b.vp.SetHeight(max(height-5, 3))
	}

	footer := "  " + st.selected.Render("Press enter to start the drill.") + st.faint.Render(" The clock starts at 5×; space pauses it.")
	if !b.vp.AtBottom() {
		footer = "  " + st.faint.Render("↓ more below (↓/pgdn)") + "   " + st.selected.Render("enter starts the drill")
	}
	if b.interviewer {
		footer += "\n  " + truncate(st.action.Render("Interviewer mode")+st.faint.Render(": rubric and fault panel on; tab hides it, i turns it off."), width-2)
	}
	if b.err != "" {
		footer = "  " + st.bad.Render(truncate(b.err, width-4))
	}
	return header + "\n" + indentLines(b.vp.View(), "  ") + "\n" + footer
}

func (b *briefing) body(width int) string {
	d := b.drill
	st := b.app.styles
	var s strings.Builder
	s.WriteString(reflow(d.Briefing, width))
	s.WriteString("\n\n" + st.heading.Render("SLO") + "\n")
	s.WriteString(reflow(describeSLO(d), width))
	s.WriteString("\n\n" + st.heading.Render("How to play") + "\n")
	s.WriteString(reflow("The drill runs for "+content.Clock(d.Duration)+" of virtual time. Watch the dashboard and the incident log. "+
		"Choose an action with ↑/↓ and enter; some actions have variants to pick from. "+
		"When the clock reaches the end, or when you press f, your run is scored.", width))
	return s.String()
}

// describeSLO states the drill's SLO in words.
func describeSLO(d *content.Drill) string {
	w := d.Window()
	s := fmt.Sprintf("At least %g%% of requests get a good response", d.SLO.SuccessPercent)
	if d.SLO.P99 > 0 {
		s += fmt.Sprintf(" and p99 latency stays at or under %s", d.SLO.P99)
	}
	if m := d.SLO.MaxWritesLost; m != nil {
		s += fmt.Sprintf(", and at most %d acknowledged writes are lost", *m)
	}
	return s + fmt.Sprintf(", measured from %s to %s. A degraded response from a fallback counts as good.", content.Clock(w.From), content.Clock(w.To))
}

func (b *briefing) help() helpKeys {
	k := b.app.keys
	enter := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start"))
	return helpKeys{
		short: []key.Binding{enter, k.Up, k.Down, k.Interviewer, k.Back, k.Quit, k.Help},
		full:  [][]key.Binding{{enter, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Interviewer, k.Back, k.Quit, k.ForceQuit, k.Help}},
	}
}

func indentLines(s, indent string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = indent + lines[i]
	}
	return strings.Join(lines, "\n")
}
