package main

import (
	"fmt"
	"io"
	"strings"

	"gameday/content"
	"gameday/scoring"
)

// printScorecard writes the scorecard for a terminal or a log, without colour.
func printScorecard(w io.Writer, d *content.Drill, sc *scoring.Scorecard) {
	verdict := "SLO missed"
	if sc.SLOMet {
		verdict = "SLO met"
	}
	fmt.Fprintf(w, "%s (%s), seed %d\n", sc.Title, sc.Drill, sc.Seed)
	fmt.Fprintf(w, "Score %d/100 · Level: %s · %s\n\n", sc.Score, sc.Level, verdict)

	fmt.Fprintf(w, "SLO: %g%% good responses and p99 ≤ %s, from %s to %s.\n",
		d.SLO.SuccessPercent, d.SLO.P99, content.Clock(d.Window().From), content.Clock(d.Window().To))
	fmt.Fprintf(w, "  %-10s  %-28s  %s\n", "", "SLO window", "whole drill")
	fmt.Fprintf(w, "  %-10s  %8s  %9s  %-7s  %s\n", "", "good", "p99", "SLO", "requests lost")
	printRun(w, "you", sc.Outcome)
	printRun(w, "do nothing", sc.Nothing)
	printRun(w, "reference", sc.Reference)
	fmt.Fprintln(w, sc.ErrorBudget.Text())
	fmt.Fprintf(w, "Points: %s.\n", sc.Breakdown.Text(sc.Score))
	fmt.Fprintln(w, "Outcome points place your requests lost over the whole drill between doing nothing and the reference;")
	fmt.Fprintln(w, "concept points need a move that made a measurable difference; wrong moves earn no outcome points.")
	fmt.Fprintln(w)

	fmt.Fprintln(w, "Checklist:")
	for _, c := range sc.Concepts {
		mark := " "
		switch {
		case c.Demonstrated:
			mark = "✓"
		case c.Graded:
			mark = "✗"
		case c.Exercised:
			mark = "·"
		}
		points := "   -   "
		if c.Graded {
			points = fmt.Sprintf("%4.1f/%2.0f", c.Points, c.MaxPoints)
		}
		fmt.Fprintf(w, "  %s %-18s %s  %s\n", mark, c.ID, points, c.Note)
	}

	printMoves(w, sc)
	section(w, "What went well", sc.WentWell)
	section(w, "What was missed", sc.Missed)
	section(w, "An interviewer would probe next", sc.ProbeNext)
	fmt.Fprintln(w, "\nModel answer:")
	for _, line := range strings.Split(strings.TrimSpace(sc.ModelAnswer), "\n") {
		fmt.Fprintln(w, "  "+line)
	}
}

func printRun(w io.Writer, name string, r scoring.Run) {
	met := "missed"
	if r.SLOMet {
		met = "met"
	}
	fmt.Fprintf(w, "  %-10s  %7.2f%%  %9s  %-7s  %d of %d\n",
		name, r.SuccessRatio*100, r.P99Text(), met, r.Bad, r.Requests)
}

func section(w io.Writer, title string, lines []string) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", title)
	for _, l := range lines {
		fmt.Fprintln(w, "  - "+l)
	}
}

// printMoves lists the player's moves with their verdicts and the reasons
// the player gave, and the hints taken.
func printMoves(w io.Writer, sc *scoring.Scorecard) {
	if len(sc.Actions) > 0 {
		fmt.Fprintln(w, "\nYour moves:")
	}
	for _, a := range sc.Actions {
		fmt.Fprintf(w, "  %-7s %-8s %s\n", content.PreciseClock(a.At), a.Verdict, a.Title)
		if a.Rationale != "" {
			fmt.Fprintf(w, "          because: %s\n", a.Rationale)
		}
	}
	if sc.Hints > 0 {
		fmt.Fprintf(w, "\nHints taken: %d, -%d points each.\n", sc.Hints, scoring.HintPenalty)
	}
}
