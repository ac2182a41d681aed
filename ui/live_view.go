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
)

func (l *live) view(width, height int) string {
	header := l.headerView(width)
	stats := l.statsView(width)
	alerts := l.alertsView(width)
	settings := l.settingsView(width)
	status := l.statusView(width)
	fixed := 5

	rest := height - fixed
	middleH := max(middleMinHeight, rest*45/100)
	eventsH := max(rest-middleH, 4)

	paletteW := min(max(paletteMinWidth, width*2/5), paletteMaxWidth)
	chartW := width - paletteW
	middle := lipgloss.JoinHorizontal(lipgloss.Top,
		l.chartView(chartW, middleH),
		l.paletteView(paletteW, middleH))

	return strings.Join([]string{header, stats, alerts, middle, l.eventsView(width, eventsH), settings, status}, "\n")
}

func (l *live) headerView(width int) string {
	st := l.app.styles
	left := st.title.Render("gameday") + st.faint.Render(" · ") + st.bold.Render(l.drill.Title)
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

func (l *live) statsView(width int) string {
	st := l.app.styles
	sec, ok := l.lastSecond()
	if !ok {
		return st.faint.Render("waiting for the first second of traffic…")
	}
	target := l.drill.SLO.SuccessPercent / 100

	good := "-"
	switch {
	case sec.Settled() == 0:
	case sec.GoodRatio() >= target:
		good = st.good.Render(fmt.Sprintf("%.1f%%", sec.GoodRatio()*100))
	default:
		good = st.bad.Render(fmt.Sprintf("%.1f%%", sec.GoodRatio()*100))
	}
	p99 := latency(sec.P99)
	if l.drill.SLO.P99 > 0 && sec.P99 > l.drill.SLO.P99 {
		p99 = st.bad.Render(p99)
	}
	busy := fmt.Sprintf("%.0f/%.0f", sec.Busy, sec.Capacity)
	if sec.Capacity > 0 && sec.Busy >= 0.95*sec.Capacity {
		busy = st.bad.Render(busy)
	}
	parts := []string{
		fmt.Sprintf("%d req/s", sec.Arrivals),
		"good " + good,
		"p99 " + p99,
		"busy " + busy,
		fmt.Sprintf("queued %.0f", sec.Queued),
		fmt.Sprintf("pods %d/%d ready", sec.PodsReady, sec.Pods),
	}
	return truncate(strings.Join(parts, "  "), width)
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

func (l *live) chartView(width, height int) string {
	st := l.app.styles
	innerW := width - st.panel.GetHorizontalFrameSize()
	innerH := height - st.panel.GetVerticalFrameSize()
	chartH := innerH - 1
	gutter := 5
	target := l.drill.SLO.SuccessPercent / 100

	secs := l.session.Seconds()
	values := make([]float64, len(secs))
	for i, s := range secs {
		values[i] = s.GoodShare()
	}
	colorOf := func(v float64) lipgloss.Style {
		if v >= target {
			return st.good
		}
		return st.bad
	}
	rows := barChart(values, innerW-gutter, chartH, colorOf)

	title := st.heading.Render("Good responses %") + st.faint.Render(fmt.Sprintf(" per second · SLO %g%%", l.drill.SLO.SuccessPercent))
	if lipgloss.Width(title) > innerW {
		title = st.heading.Render("Good responses %") + st.faint.Render(fmt.Sprintf(" · SLO %g%%", l.drill.SLO.SuccessPercent))
	}
	lines := []string{truncate(title, innerW)}
	for i, r := range rows {
		label := "    "
		switch i {
		case 0:
			label = "100%"
		case chartH - 1:
			label = "  0%"
		case (chartH - 1) / 2:
			label = " 50%"
		}
		lines = append(lines, st.faint.Render(label)+" "+r)
	}
	return renderPanel(st, width, height, lines)
}

func (l *live) paletteView(width, height int) string {
	st := l.app.styles
	innerW := width - st.panel.GetHorizontalFrameSize()
	innerH := height - st.panel.GetVerticalFrameSize()

	var title, footer string
	var items []string
	cursor := l.cursor
	if l.choosing != nil {
		title = truncate(l.choosing.Title, innerW)
		for _, v := range l.choosing.Variants {
			items = append(items, v.Title)
		}
		cursor = l.vcursor
		footer = "enter applies · esc goes back"
	} else {
		title = "Actions"
		for _, a := range l.drill.Actions {
			items = append(items, a.Title)
		}
		if len(l.drill.Actions) > 0 {
			footer = l.drill.Actions[l.cursor].Description
		}
	}

	// The footer wraps into the lines the items leave free, at least one.
	footerLines := strings.Split(reflow(footer, innerW), "\n")
	room := max(innerH-1-len(footerLines), min(len(items), innerH-2), 1)
	if free := innerH - 1 - room; len(footerLines) > free {
		footerLines = footerLines[:max(free, 1)]
		last := len(footerLines) - 1
		footerLines[last] = truncate(footerLines[last]+" …", innerW)
	}

	// Keep the cursor in view when there are more items than lines.
	first := 0
	if cursor >= room {
		first = cursor - room + 1
	}
	lines := []string{st.heading.Render(title)}
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
	// own, the text wrapped beside it.
	const timeW = 8
	var lines []string
	for _, e := range l.session.Events() {
		if e.Kind == drills.EventFault {
			continue
		}
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
		}
		for i, part := range strings.Split(reflow(e.Text, innerW-timeW), "\n") {
			prefix := strings.Repeat(" ", timeW)
			if i == 0 {
				prefix = padRight(at, timeW)
			}
			lines = append(lines, style.Render(prefix+part))
		}
	}
	room := max(innerH-1, 1)
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

// renderPanel draws lines in a bordered panel of exactly width × height
// cells, cutting lines that would wrap or overflow it.
func renderPanel(st styles, width, height int, lines []string) string {
	innerW := width - st.panel.GetHorizontalFrameSize()
	innerH := height - st.panel.GetVerticalFrameSize()
	for i, line := range lines {
		lines[i] = truncate(line, innerW)
	}
	body := fitHeight(strings.Join(lines, "\n"), innerH)
	return st.panel.Width(width).Height(height).Render(body)
}

// settingsView shows the settings new pods get, so the player sees what
// their actions changed.
func (l *live) settingsView(width int) string {
	st := l.app.styles
	spec := l.session.Current()
	var parts []string
	for _, c := range spec.Calls {
		timeout := "no timeout"
		if c.Timeout > 0 {
			timeout = "timeout " + c.Timeout.String()
		}
		retry := "no retries"
		if c.Retry != nil && c.Retry.MaxAttempts != 1 {
			retry = "retries"
		}
		breaker := "no breaker"
		if c.Breaker != nil {
			breaker = "breaker"
			if c.Breaker.Fallback {
				breaker += "+fallback"
			}
		}
		parts = append(parts, fmt.Sprintf("%s: %s, %s, %s", c.Dependency, timeout, retry, breaker))
	}
	parts = append(parts, fmt.Sprintf("%d workers/pod", spec.Workers))
	return truncate(st.faint.Render("config: ")+strings.Join(parts, st.faint.Render(" · ")), width)
}

func (l *live) statusView(width int) string {
	st := l.app.styles
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
