package ui

import (
	"math"
	"strings"
	"sync"

	"charm.land/lipgloss/v2"
	"github.com/guptarohit/asciigraph"
)

// tallChartRows is the least height, caption included, at which a chart is
// drawn as an asciigraph line chart; below it, as bars beside the caption.
const tallChartRows = 4

// asciigraphOffset puts the y-axis labels at the left edge with the axis
// right after them: asciigraph draws a label in the cell at the offset
// minus the label's length, and the axis at the offset minus one.
const asciigraphOffset = 2

// compactCaptionWidth is the width of the caption column of a compact
// chart, in cells.
const compactCaptionWidth = 15

// drawSeries draws s in exactly width × height cells, newest value on the
// right.
func drawSeries(st styles, s series, width, height int) []string {
	if height >= tallChartRows {
		return drawTall(st, s, width, height)
	}
	return drawCompact(st, s, width, height)
}

// caption returns the chart's title, latest value, detail and limit label.
func (s series) caption(st styles) string {
	c := st.heading.Render(s.Title) + " " + s.Now
	if s.Detail != "" {
		c += ", " + s.Detail
	}
	if s.LimitLabel != "" {
		c += st.faint.Render(" · " + s.LimitLabel)
	}
	return c
}

// drawCompact draws bars height rows tall beside a caption column: the
// title and value on the first row, the limit on the second and the short
// detail on the third. With only two rows the detail takes the limit's
// place while there is one: why the value is bad matters more than where
// the line is.
func drawCompact(st styles, s series, width, height int) []string {
	barsW := max(width-compactCaptionWidth, 1)
	rows := seriesBars(st, s, barsW, height)

	captions := []string{st.heading.Render(s.Title) + " " + s.Now, st.faint.Render(s.LimitLabel)}
	switch {
	case s.Short == "":
	case height == 2 || s.LimitLabel == "":
		captions[1] = st.bad.Render(s.Short)
	default:
		captions = append(captions, st.bad.Render(s.Short))
	}
	out := make([]string, height)
	for r := range out {
		c := ""
		if r < len(captions) {
			c = captions[r]
		}
		out[r] = padRight(truncate(c, compactCaptionWidth-1), compactCaptionWidth) + rows[r]
	}
	return out
}

// seriesBars draws the last width values as vertical bars of eighth
// blocks, scaled to the series' top. A bar past its limit is drawn in the
// bad colour; where a limit falls in an empty cell, a faint dash marks it.
func seriesBars(st styles, s series, width, height int) []string {
	from := max(len(s.Values)-width, 0)
	top := s.top(from)
	rows := make([]strings.Builder, height)
	pad := width - (len(s.Values) - from)
	for r := range rows {
		rows[r].WriteString(strings.Repeat(" ", pad))
	}
	for i := from; i < len(s.Values); i++ {
		if math.IsNaN(s.Values[i]) {
			rows = appendGap(st, rows, s, i, top)
			continue
		}
		style := st.good
		if s.bad(i) {
			style = st.bad
		}
		eighths := int(math.Round(s.Values[i] / top * float64(height*8)))
		limitRow := -1
		if i < len(s.Limits) {
			limitRow = min(int(s.Limits[i]/top*float64(height)), height-1)
		}
		for r := range height {
			fromBottom := height - 1 - r
			n := min(max(eighths-fromBottom*8, 0), 8)
			switch {
			case n > 0:
				rows[r].WriteString(style.Render(string(bars[n])))
			case fromBottom == limitRow:
				rows[r].WriteString(st.faint.Render("╌"))
			default:
				rows[r].WriteByte(' ')
			}
		}
	}
	out := make([]string, height)
	for i := range rows {
		out[i] = rows[i].String()
	}
	return out
}

// appendGap adds an empty column for a missing value, with its limit mark.
func appendGap(st styles, rows []strings.Builder, s series, i int, top float64) []strings.Builder {
	height := len(rows)
	limitRow := -1
	if i < len(s.Limits) {
		limitRow = min(int(s.Limits[i]/top*float64(height)), height-1)
	}
	for r := range rows {
		if height-1-r == limitRow {
			rows[r].WriteString(st.faint.Render("╌"))
		} else {
			rows[r].WriteByte(' ')
		}
	}
	return rows
}

// drawTall draws a caption line over an asciigraph line chart of the
// values and their limit line.
func drawTall(st styles, s series, width, height int) []string {
	out := []string{truncate(s.caption(st), width)}
	plotW := width - asciigraphMargin()
	if plotW < 2 || len(s.Values) == 0 {
		return append(out, make([]string, height-1)...)
	}
	from := max(len(s.Values)-plotW, 0)

	// Pad the left with gaps so the newest value sits at the right edge.
	data := [][]float64{padGaps(s.Values[from:], plotW)}
	colors := []asciigraph.AnsiColor{st.chartLine}
	if len(s.Limits) > 0 {
		data = append(data, padGaps(s.Limits[from:], plotW))
		colors = append(colors, st.chartLimit)
	}
	plot := asciigraph.PlotMany(data,
		asciigraph.Height(height-2),
		asciigraph.LowerBound(0),
		asciigraph.UpperBound(s.top(from)),
		asciigraph.Offset(asciigraphOffset),
		asciigraph.SeriesColors(colors...),
		asciigraph.YAxisValueFormatter(s.Label))
	for _, line := range strings.Split(plot, "\n") {
		out = append(out, truncate(line, width))
	}
	return out
}

// padGaps returns values preceded by enough NaN gaps to fill width.
func padGaps(values []float64, width int) []float64 {
	out := make([]float64, 0, width)
	for range width - len(values) {
		out = append(out, math.NaN())
	}
	return append(out, values...)
}

// asciigraphMargin returns the cells asciigraph puts left of the plot with
// the options drawTall uses: the y-axis labels and the axis.
var asciigraphMargin = sync.OnceValue(func() int {
	label := func(float64) string { return strings.Repeat("0", labelWidth) }
	plot := asciigraph.Plot([]float64{0, 1}, asciigraph.Height(1), asciigraph.Offset(asciigraphOffset), asciigraph.YAxisValueFormatter(label))
	first := strings.Split(plot, "\n")[0]
	return lipgloss.Width(first) - 2
})
