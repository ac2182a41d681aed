package ui

import (
	"fmt"
	"strings"

	"gameday/scoring"
)

// gradeLines renders a graded answer at the width: the score, each key
// point covered or missing, the feedback and the model answer.
func gradeLines(st styles, g *scoring.AnswerGrade, width int) string {
	var b strings.Builder
	b.WriteString(st.bold.Render(fmt.Sprintf("Score %d/100", g.Score)) +
		fmt.Sprintf(" · Level: %s · %d of %d concepts covered\n", g.Level, len(g.Covered), len(g.Concepts)))
	for _, c := range g.Concepts {
		b.WriteString("\n" + st.heading.Render(fmt.Sprintf("%s  %.0f%%", c.Title, c.Credit*100)) + "\n")
		for _, p := range c.Points {
			b.WriteString(pointLine(st, p, width) + "\n")
		}
	}
	writeList(&b, st, "What went well", g.Feedback.WentWell, width)
	writeList(&b, st, "What was missed", g.Feedback.Missed, width)
	writeList(&b, st, "An interviewer would probe next", g.Feedback.ProbeNext, width)
	b.WriteString("\n" + st.heading.Render("Model answer") + "\n")
	b.WriteString(reflow(g.ModelAnswer, width) + "\n")
	return b.String()
}

// pointLine marks one key point covered (✓), partly covered (~) or
// missing (✗), with what was lacking.
func pointLine(st styles, p scoring.PointGrade, width int) string {
	mark, text := st.bad.Render("✗"), p.Point
	switch {
	case p.Credit >= 0.999:
		mark = st.good.Render("✓")
	case p.Credit > 0:
		mark = st.warn.Render("~")
		if len(p.Lacking) > 0 {
			text += " (also say why: " + strings.Join(p.Lacking, ", ") + ")"
		}
	}
	wrapped := reflow(text, width-2)
	return mark + " " + strings.ReplaceAll(wrapped, "\n", "\n  ")
}

func writeList(b *strings.Builder, st styles, title string, items []string, width int) {
	if len(items) == 0 {
		return
	}
	b.WriteString("\n" + st.heading.Render(title) + "\n")
	for _, it := range items {
		b.WriteString(wrapItem("- "+it, width) + "\n")
	}
}

// gradeMarkdown renders a graded answer as Markdown for the export.
func gradeMarkdown(answer string, g *scoring.AnswerGrade) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Score %d/100 · Level: %s · %d of %d concepts covered\n\n", g.Score, g.Level, len(g.Covered), len(g.Concepts))
	b.WriteString("> " + strings.ReplaceAll(strings.TrimSpace(answer), "\n", "\n> ") + "\n\n")
	for _, c := range g.Concepts {
		for _, p := range c.Points {
			mark := "missing"
			switch {
			case p.Credit >= 0.999:
				mark = "covered"
			case p.Credit > 0:
				mark = "partly"
			}
			fmt.Fprintf(&b, "- %s · %s: %s\n", mark, c.ID, p.Point)
		}
	}
	for _, part := range []struct {
		title string
		items []string
	}{{"What went well", g.Feedback.WentWell}, {"What was missed", g.Feedback.Missed}, {"Probe next", g.Feedback.ProbeNext}} {
		if len(part.items) > 0 {
			fmt.Fprintf(&b, "\n%s:\n\n", part.title)
			for _, it := range part.items {
				b.WriteString("- " + it + "\n")
			}
		}
	}
	return b.String()
}
