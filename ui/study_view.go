package ui

import (
	"fmt"
	"strings"

	"gameday/scoring"
)

func (s *study) view(width, height int) string {
	st := s.app.styles
	c := s.concept()
	if c == nil {
		return "\n  The checklist has no concepts to study.\n"
	}
	card := s.boxes.Card(c.ID)
	header := fmt.Sprintf("%s  %s  %s",
		st.title.Render(fmt.Sprintf("Study · card %d of %d", s.index+1, len(s.order))),
		st.bold.Render(fmt.Sprintf("box %d of %d", card.Box, scoring.LeitnerBoxes)),
		st.faint.Render(dueText(card, s.app.now())))

	var footer []string
	if s.answer.open {
		footer = append(footer, st.heading.Render("Your answer")+st.faint.Render(answerHint))
		footer = append(footer, indentLines(s.answer.view(width-4), "  "))
	}
	if s.warning != "" {
		footer = append(footer, st.warn.Render(truncate("! "+s.warning, width)))
	}
	if s.saveErr != nil {
		footer = append(footer, st.bad.Render(truncate("! saving the study boxes failed: "+s.saveErr.Error(), width)))
	}
	tail := strings.Join(footer, "\n")

	// A card taller than the viewport gives a line of it to the scroll
	// status. The height is settled before SetContent, which moves the
	// offset back when it is past the bottom for the current height.
	// The body's closing newline would count as a last, empty line.
	body := strings.TrimSuffix(s.body(width-4), "\n")
	vpHeight := max(height-1-lineCount(tail), 3)
	if lineCount(body) > vpHeight {
		vpHeight--
	}
	s.vp.SetWidth(width - 2)
	s.vp.SetHeight(vpHeight)
	s.vp.SetContent(body)
	out := truncate(header, width) + "\n" + indentLines(s.vp.View(), "  ")
	// The answer field takes every key, so only the position is shown.
	keysHelp := scrollKeysHelp
	if s.answer.open {
		keysHelp = ""
	}
	if status := scrollStatus(s.vp, keysHelp); status != "" {
		out += "\n  " + st.faint.Render(truncate(status, width-2))
	}
	if tail != "" {
		out += "\n" + tail
	}
	return out
}

// lineCount returns the number of lines of s, 0 for "".
func lineCount(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
}

// body is the card: the question on the front, the concept's explanation
// and model answer on the back, and the grade of a typed answer.
func (s *study) body(width int) string {
	st := s.app.styles
	c := s.concept()
	q := s.question()
	var b strings.Builder
	section := func(title string) { b.WriteString("\n" + st.heading.Render(title) + "\n") }

	b.WriteString(st.bold.Render(c.Title) + st.faint.Render(" · "+c.LevelValue().Title()) + "\n")
	if q != nil {
		section("Question")
		b.WriteString(reflow(q.Question, width) + "\n")
	}

	if s.grade != nil {
		section("Your answer, graded")
		b.WriteString(gradeLines(st, s.grade, width))
	}
	if !s.flipped {
		if s.grade == nil {
			b.WriteString("\n" + st.faint.Render(reflow("Answer it aloud, then press space to flip the card, or press a to type your answer and have it graded.", width)) + "\n")
		} else {
			b.WriteString("\n" + st.faint.Render("Press space to flip the card.") + "\n")
		}
		return b.String()
	}

	section("Explanation")
	b.WriteString(reflow(c.Summary, width) + "\n")
	section("Bad practice")
	for _, item := range c.Bad {
		b.WriteString(wrapItem("- "+item, width) + "\n")
	}
	section("Good practice")
	for _, item := range c.Good {
		b.WriteString(wrapItem("- "+item, width) + "\n")
	}
	// A graded answer already ends with the model answer.
	if q != nil && s.grade == nil {
		section("Interview answer")
		b.WriteString(reflow(q.ModelAnswer, width) + "\n")
	}
	return b.String()
}
