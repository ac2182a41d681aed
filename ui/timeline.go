package ui

import (
	"fmt"
	"strings"

	"github.com/guptarohit/asciigraph"

	"gameday/content"
	"gameday/scoring"
)

// timelineRows is the height of the debrief's timeline plot, in rows.
const timelineRows = 6

// Marks under the timeline plot.
const (
	markAction = '▲'
	markHint   = '?'
	markFault  = '✕'
)

// timelineChart draws the share of failed requests per second of the
// player's run and the reference run, over the whole drill, in width
// cells, with a row marking the player's moves, hints and injected faults
// under the plot. colors false draws plain text, for Markdown.
func timelineChart(st styles, sc *scoring.Scorecard, steps []content.Step, drill *content.Drill, width int, colors bool) []string {
	plotW := width - asciigraphMargin()
	if plotW < 10 || len(sc.Outcome.Timeline) == 0 {
		return nil
	}
	you := errorPercents(compress(sc.Outcome.Timeline, plotW))
	reference := errorPercents(compress(sc.Reference.Timeline, plotW))

	opts := []asciigraph.Option{
		asciigraph.Height(timelineRows - 1),
		asciigraph.LowerBound(0),
		asciigraph.UpperBound(100),
		asciigraph.Offset(asciigraphOffset),
		asciigraph.YAxisValueFormatter(func(v float64) string { return fmt.Sprintf("%4.0f%%", v) }),
		// The reference is dotted, so the curves differ without colour too,
		// and drawn first, so the player's curve is on top where they meet.
		asciigraph.SeriesChars(asciigraph.CreateCharSet("·"), asciigraph.DefaultCharSet),
	}
	if colors {
		opts = append(opts, asciigraph.SeriesColors(st.chartLine, st.chartLimit))
	}
	plot := asciigraph.PlotMany([][]float64{reference, you}, opts...)
	lines := strings.Split(plot, "\n")

	margin := strings.Repeat(" ", asciigraphMargin())
	marks := margin + moveMarks(steps, drill.Duration.Seconds(), len(you))
	span := margin + padRight("0:00", len(you)-4) + content.Clock(drill.Duration)
	legend := fmt.Sprintf("%s── you  ··· reference  %c move  %c hint  %c injected fault", margin, markAction, markHint, markFault)
	if colors {
		marks = st.action.Render(marks)
		legend = margin + st.bad.Render("── you") + "  " + st.action.Render("··· reference") +
			st.faint.Render(fmt.Sprintf("  %c move  %c hint  %c injected fault", markAction, markHint, markFault))
	}
	return append(lines, marks, span, legend)
}

// errorPercents turns shares of good responses into percentages of failed
// ones.
func errorPercents(good []float64) []float64 {
	out := make([]float64, len(good))
	for i, g := range good {
		out[i] = (1 - g) * 100
	}
	return out
}

// moveMarks draws a mark in the column of each step's time: an action, a
// hint or an injected fault; ratings get none. A later mark in the same
// column wins.
func moveMarks(steps []content.Step, seconds float64, width int) string {
	row := []rune(strings.Repeat(" ", width))
	for _, st := range steps {
		col := int(st.At.Seconds() / seconds * float64(width))
		if col < 0 || col >= width {
			continue
		}
		switch {
		case st.Rate != nil:
			// A rating is the interviewer's judgement, not a move.
		case st.Hint:
			row[col] = markHint
		case st.Inject != nil:
			row[col] = markFault
		default:
			row[col] = markAction
		}
	}
	return strings.TrimRight(string(row), " ")
}
