package ui

import (
	"fmt"
	"strings"

	"gameday/content"
	"gameday/drills"
	"gameday/scoring"
)

// markdownChartWidth is the width of the timeline chart in an exported
// debrief, in characters.
const markdownChartWidth = 90

// debriefMarkdown returns the debrief as a Markdown document: the outcome,
// the timeline, the checklist with a bar per concept, the moves with their
// rationales, the feedback, the player's graded explanation when there is
// one, the model answer, the follow-up questions and the interviewer
// notes.
func debriefMarkdown(st styles, d *content.Drill, s *drills.Session, sc *scoring.Scorecard, ex explanation) string {
	var b strings.Builder
	verdict := "SLO missed"
	if sc.SLOMet {
		verdict = "SLO met"
	}
	fmt.Fprintf(&b, "# Debrief: %s\n\n", sc.Title)
	fmt.Fprintf(&b, "Drill `%s`, seed %d. Score **%d/100**, level **%s**, %s.\n\n", sc.Drill, sc.Seed, sc.Score, sc.Level, verdict)
	fmt.Fprintf(&b, "Replay it with `gameday run %s --seed %d --actions FILE`, with the moves below saved as FILE (press s in the debrief).\n", d.ID, sc.Seed)

	b.WriteString("\n## Outcome\n\n")
	b.WriteString(describeSLO(d) + "\n\n")
	fmt.Fprintf(&b, "| run | good responses (%s–%s) | p99 | SLO | requests lost (whole drill) |\n", content.Clock(d.Window().From), content.Clock(d.Window().To))
	b.WriteString("| --- | ---: | ---: | --- | ---: |\n")
	for _, r := range []struct {
		name string
		run  scoring.Run
	}{{"you", sc.Outcome}, {"do nothing", sc.Nothing}, {"reference", sc.Reference}} {
		met := "missed"
		if r.run.SLOMet {
			met = "met"
		}
		fmt.Fprintf(&b, "| %s | %.2f%% | %s | %s | %d of %d |\n", r.name, r.run.SuccessRatio*100, r.run.P99Text(), met, r.run.Bad, r.run.Requests)
	}
	fmt.Fprintf(&b, "\nPoints: %s.\n", sc.Breakdown.Text(sc.Score))

	b.WriteString("\n## Failed requests over time\n\n```text\n")
	for _, line := range timelineChart(st, sc, s.Transcript(), d, markdownChartWidth, false) {
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	b.WriteString("```\n")

	b.WriteString("\n## Checklist\n\n| concept | result | points | | note |\n| --- | --- | ---: | --- | --- |\n")
	for _, c := range sc.Concepts {
		result, points, bar := "not exercised", "", ""
		switch {
		case c.Demonstrated:
			result = "demonstrated"
		case c.Graded:
			result = "missed"
		case c.Exercised:
			result = "not needed"
		}
		if c.Graded {
			points = fmt.Sprintf("%.1f/%.0f", c.Points, c.MaxPoints)
			full := barCells(c.Points / c.MaxPoints)
			bar = "`" + strings.Repeat("█", full) + strings.Repeat("░", conceptBarWidth-full) + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.ID, result, points, bar, cell(c.Note))
	}

	writeMovesMarkdown(&b, s, sc)
	writeListMarkdown(&b, "What went well", sc.WentWell, "- ")
	writeListMarkdown(&b, "What was missed", sc.Missed, "- ")
	if ex.grade != nil {
		b.WriteString("\n## Your explanation\n\n" + gradeMarkdown(ex.text, ex.grade))
	}
	b.WriteString("\n## Model answer\n\n" + strings.TrimSpace(sc.ModelAnswer) + "\n")
	writeListMarkdown(&b, "Follow-up questions", sc.ProbeNext, "1. ")
	if notes := strings.TrimSpace(d.InterviewerNotes); notes != "" {
		b.WriteString("\n## Interviewer notes\n\n" + notes + "\n")
	}
	return b.String()
}

// writeMovesMarkdown writes the player's moves with verdicts and
// rationales, the hints taken and the faults injected.
func writeMovesMarkdown(b *strings.Builder, s *drills.Session, sc *scoring.Scorecard) {
	b.WriteString("\n## Your moves\n\n")
	if len(sc.Actions) == 0 {
		b.WriteString("No moves.\n")
	} else {
		b.WriteString("| time | verdict | move | your reason |\n| --- | --- | --- | --- |\n")
		for _, a := range sc.Actions {
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", content.PreciseClock(a.At), a.Verdict, cell(a.Title), cell(a.Rationale))
		}
	}
	if sc.Hints > 0 {
		fmt.Fprintf(b, "\nHints taken: %d, -%d points each.\n", sc.Hints, scoring.HintPenalty)
	}
	if injected := s.Injected(); len(injected) > 0 {
		b.WriteString("\nFaults the interviewer injected:\n\n")
		for _, f := range injected {
			fmt.Fprintf(b, "- %s %s\n", content.Clock(f.At), describeFault(f))
		}
	}
}

// writeListMarkdown writes a section with one item per line, each after
// marker ("- " or "1. ", which Markdown numbers by itself).
func writeListMarkdown(b *strings.Builder, title string, items []string, marker string) {
	if len(items) == 0 {
		return
	}
	b.WriteString("\n## " + title + "\n\n")
	for _, it := range items {
		b.WriteString(marker + strings.Join(strings.Fields(it), " ") + "\n")
	}
}

// cell makes text safe for a Markdown table cell: one line, with pipes
// escaped.
func cell(text string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(text), " "), "|", `\|`)
}
