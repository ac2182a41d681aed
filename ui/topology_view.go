package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"gameday/content"
	"gameday/sim"
)

// topologyWideWidth is the width from which the load balancer is named in
// full instead of "LB".
const topologyWideWidth = 100

// topologyView draws t in width cells: the load balancer and the service's
// pods on the first line, then one line for each dependency it calls.
func topologyView(st styles, t topology, width int) []string {
	lb := "LB ─▶ "
	if width >= topologyWideWidth {
		lb = "load balancer ─▶ "
	}
	indent := strings.Repeat(" ", lipgloss.Width(lb))

	stats := fmt.Sprintf("  %d/%d ready · %d/%d busy · %d/%d queued", t.Ready, len(t.Pods), t.Busy, t.Workers, t.Queued, t.Queue)
	// Every pod is in a zone; name them only when there is a choice.
	if len(t.Zones) > 1 {
		for _, z := range t.Zones {
			stats += fmt.Sprintf(" · %s %d/%d", z.Name, z.Ready, z.Total)
		}
	}
	room := width - lipgloss.Width(lb) - lipgloss.Width(t.Service) - 1 - lipgloss.Width(stats)
	first := st.faint.Render(lb) + st.bold.Render(t.Service) + " " + podGlyphs(st, t.Pods, room) + st.faint.Render(stats)
	lines := []string{truncate(first, width)}

	return append(lines, edgeLines(st, t.Deps, indent, width)...)
}

// edgeLines draws each edge on a line of its own after prefix, with the
// edges of an internal service under it, one level further in.
func edgeLines(st styles, edges []depNode, prefix string, width int) []string {
	var lines []string
	for i, d := range edges {
		branch, below := "├─▶ ", "│   "
		if i == len(edges)-1 {
			branch, below = "└─▶ ", "    "
		}
		lines = append(lines, truncate(st.faint.Render(prefix+branch)+depView(st, d), width))
		lines = append(lines, edgeLines(st, d.Children, prefix+below, width)...)
	}
	return lines
}

// podGlyphs draws one dot per pod in at most room cells; pods that do not
// fit are counted. The dot fills up with the share of workers held, so
// health reads without colour too (NO_COLOR): ◌ starting, ○ healthy,
// ◐ busy, ● saturated.
func podGlyphs(st styles, pods []podNode, room int) string {
	shown := len(pods)
	if shown > room {
		shown = max(room-4, 1)
	}
	var b strings.Builder
	for _, p := range pods[:shown] {
		switch p.Health {
		case podStarting:
			b.WriteString(st.faint.Render("◌"))
		case podHealthy:
			b.WriteString(st.good.Render("○"))
		case podBusy:
			b.WriteString(st.warn.Render("◐"))
		case podSaturated:
			b.WriteString(st.bad.Render("●"))
		}
	}
	if shown < len(pods) {
		b.WriteString(st.faint.Render(fmt.Sprintf("+%d", len(pods)-shown)))
	}
	return b.String()
}

// depView draws one dependency: its name, the policies on its call edge,
// and its breakers' states.
func depView(st styles, d depNode) string {
	name := st.bold.Render(d.Name)
	switch {
	case d.Open > 0:
		name = st.bad.Render(d.Name)
	case d.HalfOpen > 0:
		name = st.warn.Render(d.Name)
	}
	parts := []string{name}
	if d.Service {
		parts = append(parts, podGlyphs(st, d.Pods, 12)+st.faint.Render(fmt.Sprintf(" %d/%d ready", d.Ready, len(d.Pods))))
	}
	if len(d.DB) > 0 {
		parts = append(parts, dbNodesView(st, d.DB))
	}

	policies := "no timeout"
	if d.Timeout > 0 {
		policies = "timeout " + content.FormatDuration(d.Timeout)
	}
	if d.Retries {
		policies += " · retries"
	} else {
		policies += " · no retries"
	}
	if d.Bulkhead > 0 {
		policies += fmt.Sprintf(" · bulkhead %d", d.Bulkhead)
	}
	parts = append(parts, st.faint.Render(policies))

	if !d.Breaker {
		parts[len(parts)-1] = st.faint.Render(policies + " · no breaker")
		return strings.Join(parts, "  ")
	}
	breaker := st.faint.Render(policies + " · breaker")
	if d.Fallback {
		breaker = st.faint.Render(policies + " · breaker+fallback")
	}
	parts = parts[:len(parts)-1]
	states := []string{st.good.Render(fmt.Sprintf("●%d closed", d.Closed))}
	if d.Open > 0 {
		states = append(states, st.bad.Render(fmt.Sprintf("●%d open", d.Open)))
	}
	if d.HalfOpen > 0 {
		states = append(states, st.warn.Render(fmt.Sprintf("●%d half-open", d.HalfOpen)))
	}
	parts = append(parts, breaker+" "+strings.Join(states, " "))
	return strings.Join(parts, "  ")
}

// dbNodesView draws a database's nodes: ● for a node that is up, ✕ for
// one that is down, ? for one cut off by a zone outage, the primary named
// as such, a replica's lag if any.
func dbNodesView(st styles, nodes []sim.DatabaseNodeStatus) string {
	var parts []string
	for _, n := range nodes {
		mark := st.good.Render("●")
		switch {
		case n.Unreachable:
			mark = st.bad.Render("?")
		case !n.Up:
			mark = st.bad.Render("✕")
		}
		text := n.Name
		switch {
		case n.Primary:
			text += " primary"
		case n.Lag > 0:
			text += " lag " + content.FormatDuration(n.Lag)
		}
		if n.Unreachable {
			text += " unreachable"
		}
		parts = append(parts, mark+st.faint.Render(text))
	}
	return strings.Join(parts, " ")
}
