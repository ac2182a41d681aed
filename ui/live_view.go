package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"gameday/content"
	"gameday/drills"
	"gameday/sim"
)

// Live screen layout, in terminal cells.
const (
	paletteMinWidth = 40
	paletteMaxWidth = 52
	middleMinHeight = 10 // chart and palette panels, borders included
	eventsMinHeight = 4  // incident log panel, borders included

	// middleShare is the percentage of the free rows the charts and the
	// palette get; the incident log gets the rest.
	middleShare = 60
)

func (l *live) view(width, height int) string {
	st := l.app.styles
	top := []string{l.headerView(width), l.alertsView(width)}
	topo := topologyView(st, topologyFrom(l.session), width)
	// The topology gives up rows before the charts and the log do.
	if room := max(height-len(top)-1-middleMinHeight-eventsMinHeight, 2); len(topo) > room {
		hidden := len(topo) - room + 1
		topo = append(topo[:room-1], st.faint.Render(fmt.Sprintf("      … %d more lines of topology in a taller window", hidden)))
	}
	top = append(top, topo...)
	status := l.statusView(width)
	rest := height - len(top) - 1

	var body string
	if l.panel != nil && l.panel.shown {
		body = l.panel.view(st, l.session, width, rest)
	} else {
		middleH := max(middleMinHeight, rest*middleShare/100)
		eventsH := max(rest-middleH, eventsMinHeight)
		paletteW := min(max(paletteMinWidth, width*2/5), paletteMaxWidth)
		middle := joinPanels(l.chartView(width-paletteW, middleH), l.paletteView(paletteW, middleH))
		body = middle + "\n" + l.eventsView(width, eventsH)
	}
	return strings.Join(top, "\n") + "\n" + body + "\n" + status
}

func (l *live) headerView(width int) string {
	st := l.app.styles
	state := fmt.Sprintf("▶ %d×", l.speed)
	switch {
	case l.grading:
		state = "■ over"
	case l.paused:
		state = "⏸ paused"
	case !l.running():
		state = "⏸ waiting"
	}
	right := fmt.Sprintf("%s   %s / %s", state, content.Clock(l.session.Now()), content.Clock(l.session.Duration()))
	// A long title gives way to the clock, with at least one space between.
	title := truncate(l.drill.Title, titleRoom(width, "gameday · ", right, " "))
	left := st.title.Render("gameday") + st.faint.Render(" · ") + st.bold.Render(title)
	gap := max(width-lipgloss.Width(left)-lipgloss.Width(right), 1)
	return left + strings.Repeat(" ", gap) + st.bold.Render(right)
}

// lastSecond returns the most recent full second, or false before the first.
func (l *live) lastSecond() (sim.Second, bool) {
	secs := l.session.Seconds()
	if len(secs) == 0 {
		return sim.Second{}, false
	}
	return secs[len(secs)-1], true
}

// alertsView shows the firing alerts on the left and the breakers on the
// right.
func (l *live) alertsView(width int) string {
	st := l.app.styles
	left := st.good.Render("● no alerts firing")
	if firing := l.session.Firing(); len(firing) > 0 {
		left = st.bad.Render("● firing: " + strings.Join(firing, ", "))
	}

	right := ""
	if sec, ok := l.lastSecond(); ok && sec.Breakers > 0 {
		tripped := sec.BreakersOpen + sec.BreakersHalfOpen
		right = fmt.Sprintf("breakers: %d closed, %d open, %d half-open", sec.Breakers-tripped, sec.BreakersOpen, sec.BreakersHalfOpen)
		if tripped > 0 {
			right = st.warn.Render(right)
		}
	}
	gap := width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		return truncate(left, width)
	}
	return left + strings.Repeat(" ", gap) + right
}

// chartView draws the four charts stacked in a panel, each given an equal
// share of its rows.
func (l *live) chartView(width, height int) string {
	st := l.app.styles
	innerW := width - st.panel.GetHorizontalFrameSize()
	innerH := height - st.panel.GetVerticalFrameSize()

	all := liveSeries(l.session.Seconds(), l.drill.SLO.SuccessPercent, l.drill.SLO.P99)
	var lines []string
	for i, s := range all {
		rows := innerH / len(all)
		if i < innerH%len(all) {
			rows++
		}
		if rows > 0 {
			lines = append(lines, drawSeries(st, s, innerW, rows)...)
		}
	}
	return renderPanel(st, width, height, lines)
}

func (l *live) paletteView(width, height int) string {
	st := l.app.styles
	innerW := width - st.panel.GetHorizontalFrameSize()
	innerH := height - st.panel.GetVerticalFrameSize()

	var footer string
	titleLines := []string{"Actions"}
	var items []string
	cursor := l.cursor
	if l.choosing != nil {
		// The action's title wraps, so the variants are read against the
		// whole of it. When rows run short, the title is cut, not the
		// variants.
		titleLines = strings.Split(reflow(l.choosing.Title, innerW), "\n")
		if spare := innerH - 2 - len(l.choosing.Variants); len(titleLines) > max(spare, 1) {
			titleLines = titleLines[:max(spare, 1)]
			last := len(titleLines) - 1
			titleLines[last] = truncate(titleLines[last]+" …", innerW)
		}
		for _, v := range l.choosing.Variants {
			items = append(items, v.Title)
		}
		cursor = l.vcursor
		footer = "enter applies · esc goes back"
	} else {
		for _, a := range l.drill.Actions {
			items = append(items, a.Title)
		}
		if len(l.drill.Actions) > 0 {
			a := l.drill.Actions[l.cursor]
			footer = a.Description
			if lipgloss.Width("> "+a.Title) > innerW {
				// The list cuts the selected title, so the footer, which
				// has the panel's whole width, starts with all of it.
				footer = a.Title + ": " + a.Description
			}
		}
	}

	// The footer wraps into the lines the items leave free, at least one.
	head := len(titleLines)
	footerLines := strings.Split(reflow(footer, innerW), "\n")
	room := max(innerH-head-len(footerLines), min(len(items), innerH-head-1), 1)
	if free := innerH - head - room; len(footerLines) > free {
		footerLines = footerLines[:max(free, 1)]
		last := len(footerLines) - 1
		footerLines[last] = truncate(footerLines[last]+" …", innerW)
	}

	// Keep the cursor in view when there are more items than lines.
	first := 0
	if cursor >= room {
		first = cursor - room + 1
	}
	var lines []string
	for _, t := range titleLines {
		lines = append(lines, st.heading.Render(t))
	}
	for i := first; i < len(items) && i < first+room; i++ {
		if i == cursor {
			lines = append(lines, st.selected.Render(truncate("> "+items[i], innerW)))
		} else {
			lines = append(lines, "  "+truncate(items[i], innerW-2))
		}
	}
	for len(lines) < innerH-len(footerLines) {
		lines = append(lines, "")
	}
	for _, f := range footerLines {
		lines = append(lines, st.faint.Render(f))
	}
	return renderPanel(st, width, height, lines)
}

func (l *live) eventsView(width, height int) string {
	st := l.app.styles
	innerW := width - st.panel.GetHorizontalFrameSize()
	innerH := height - st.panel.GetVerticalFrameSize()

	// Each event takes one or more lines: the time in a column of its
	// own, the text wrapped beside it. Only the newest events that fill
	// the panel at its scroll offset are wrapped, newest first.
	const timeW = 8
	room := max(innerH-1, 1)
	need := room + l.logOffset
	events := l.session.Events()
	var lines []string
	for i := len(events) - 1; i >= 0 && len(lines) < need; i-- {
		if e := events[i]; e.Kind != drills.EventFault {
			lines = append(eventLines(st, e, innerW-timeW, timeW), lines...)
		}
	}
	title := st.heading.Render("Incident log")
	l.logOffset = min(l.logOffset, max(len(lines)-room, 0))
	end := len(lines) - l.logOffset
	if l.logOffset > 0 {
		title += st.faint.Render(fmt.Sprintf("  (%d newer lines below: pgdn)", l.logOffset))
	}
	lines = lines[max(end-room, 0):end]
	if len(lines) == 0 {
		lines = []string{st.faint.Render("Quiet so far. Alerts, rollouts and your actions appear here.")}
	}
	return renderPanel(st, width, height, append([]string{title}, lines...))
}

// eventLines draws one event: its time in a column timeW cells wide, and
// its text wrapped to width beside it.
func eventLines(st styles, e drills.Event, width, timeW int) []string {
	at := content.Clock(e.At)
	if e.Kind == drills.EventAction {
		at = content.PreciseClock(e.At)
	}
	style := lipgloss.NewStyle()
	switch e.Kind {
	case drills.EventAlert:
		style = st.alert
	case drills.EventResolved:
		style = st.resolved
	case drills.EventAction:
		style = st.action
	case drills.EventHint:
		style = st.warn
	}
	var out []string
	for i, part := range strings.Split(reflow(e.Text, width), "\n") {
		prefix := strings.Repeat(" ", timeW)
		if i == 0 {
			prefix = padRight(at, timeW)
		}
		out = append(out, style.Render(prefix+part))
	}
	return out
}

// joinPanels places panels of equal height side by side. Unlike
// lipgloss.JoinHorizontal it does not measure the lines, because
// renderPanel already made each exactly its panel's width.
func joinPanels(panels ...string) string {
	if len(panels) == 0 {
		return ""
	}
	rows := make([][]string, len(panels))
	for i, p := range panels {
		rows[i] = strings.Split(p, "\n")
	}
	out := make([]string, len(rows[0]))
	for r := range out {
		var b strings.Builder
		for _, lines := range rows {
			if r < len(lines) {
				b.WriteString(lines[r])
			}
		}
		out[r] = b.String()
	}
	return strings.Join(out, "\n")
}

// renderPanel draws lines in a bordered panel of exactly width × height
// cells, cutting lines that would wrap or overflow it. It draws the
// border of st.panel itself: lipgloss measures every line several times
// over, which made the live screen miss its frame budget.
func renderPanel(st styles, width, height int, lines []string) string {
	innerW := width - st.panel.GetHorizontalFrameSize()
	innerH := height - st.panel.GetVerticalFrameSize()
	border := st.panelBorder
	left, right := border.Render("│")+" ", " "+border.Render("│")

	var b strings.Builder
	b.WriteString(border.Render("╭" + strings.Repeat("─", max(width-2, 0)) + "╮"))
	for i := range innerH {
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteString("\n" + left + fitWidth(line, innerW) + right)
	}
	b.WriteString("\n" + border.Render("╰"+strings.Repeat("─", max(width-2, 0))+"╯"))
	return b.String()
}

func (l *live) statusView(width int) string {
	st := l.app.styles
	if l.reasoning != nil {
		l.reason.SetWidth(max(width-lipgloss.Width(l.reason.Prompt)-1, 10))
		return truncate(l.reason.View(), width)
	}
	if l.status == "" {
		return st.faint.Render("Tip: space pauses the clock while you think; actions apply at the paused time.")
	}
	if l.statusBad {
		return truncate(st.bad.Render(l.status), width)
	}
	if l.statusHint {
		return truncate(st.faint.Render(l.status), width)
	}
	return truncate(st.action.Render(l.status), width)
}
