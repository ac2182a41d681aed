package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// bars are the eighth-block characters, from empty to full.
var bars = []rune{' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'}

// barChart draws values in [0, 1] as vertical bars, one column each,
// height rows tall, newest on the right. colorOf styles each column.
func barChart(values []float64, width, height int, colorOf func(v float64) lipgloss.Style) []string {
	if len(values) > width {
		values = values[len(values)-width:]
	}
	rows := make([]strings.Builder, height)
	pad := width - len(values)
	for r := range rows {
		rows[r].WriteString(strings.Repeat(" ", pad))
	}
	for _, v := range values {
		v = min(max(v, 0), 1)
		// Even a zero gets the lowest bar, so a collapse stays visible.
		eighths := max(int(v*float64(height*8)+0.5), 1)
		style := colorOf(v)
		for r := range height {
			// Row 0 is the top; fill from the bottom up.
			fromBottom := height - 1 - r
			n := min(max(eighths-fromBottom*8, 0), 8)
			rows[r].WriteString(style.Render(string(bars[n])))
		}
	}
	out := make([]string, height)
	for i := range rows {
		out[i] = rows[i].String()
	}
	return out
}

// sparkline draws values in [0, 1] on one line.
func sparkline(values []float64, width int, colorOf func(v float64) lipgloss.Style) string {
	return barChart(values, width, 1, colorOf)[0]
}
