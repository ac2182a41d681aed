package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"gameday/content"
	"gameday/scoring"
)

// questionRound lets the player pick an interview question, type an
// answer and see it graded. Graded answers are appended to the history.
type questionRound struct {
	app    *app
	cursor int

	// picked is the question being answered or graded; nil on the list.
	picked *content.Question
	answer answerBox
	grade  *scoring.AnswerGrade

	vp viewport.Model
}

func newQuestionRound(a *app) *questionRound {
	return &questionRound{app: a, vp: viewport.New()}
}

func (r *questionRound) capturing() bool { return r.answer.open }

func (r *questionRound) update(msg tea.Msg) (screen, tea.Cmd) {
	if r.answer.open {
		result, cmd := r.answer.update(msg, r.app.keys)
		switch result {
		case answerSubmitted:
			return r, r.gradeAnswer()
		case answerCancelled:
			r.picked = nil
		}
		return r, cmd
	}
	if r.picked != nil && scrollWheel(&r.vp, msg) {
		return r, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return r, nil
	}
	keys := r.app.keys
	questions := r.app.lib.Questions.Questions
	switch {
	case key.Matches(k, keys.Quit):
		return r, tea.Quit
	case key.Matches(k, keys.Back):
		if r.picked != nil {
			r.picked, r.grade = nil, nil
			return r, nil
		}
		return newHome(r.app), nil
	case r.picked != nil:
		if key.Matches(k, keys.Answer) {
			r.grade = nil
			return r, r.answer.start(r.app.styles.isDark, "Answer as you would aloud: what you do, and why.")
		}
		scrollKey(&r.vp, k, keys)
	case key.Matches(k, keys.Up):
		r.cursor = max(r.cursor-1, 0)
	case key.Matches(k, keys.Down):
		r.cursor = max(min(r.cursor+1, len(questions)-1), 0)
	case key.Matches(k, keys.Enter):
		if len(questions) > 0 {
			r.picked = &questions[r.cursor]
			r.vp.GotoTop()
			return r, r.answer.start(r.app.styles.isDark, "Answer as you would aloud: what you do, and why.")
		}
	}
	return r, nil
}

// gradeAnswer grades the typed answer and returns the command that
// appends it to the history. An empty answer goes back to the question.
func (r *questionRound) gradeAnswer() tea.Cmd {
	typed := r.answer.value()
	if strings.TrimSpace(typed) == "" {
		return nil
	}
	lib := r.app.lib
	r.grade = scoring.GradeQuestion(&lib.Checklist, &lib.Questions, r.picked, typed)
	r.vp.GotoTop()
	return r.app.history.recordAnswer(r.grade, r.app.now())
}

func (r *questionRound) view(width, height int) string {
	st := r.app.styles
	if r.picked == nil {
		return r.listView(width, height)
	}
	header := st.title.Render("Question · " + r.picked.ID)
	var tail string
	if r.answer.open {
		tail = st.heading.Render("Your answer") + st.faint.Render(answerHint) + "\n" +
			indentLines(r.answer.view(width-4), "  ")
	}
	var b strings.Builder
	b.WriteString("\n" + reflow(r.picked.Question, width-4) + "\n")
	b.WriteString(st.faint.Render(reflow("Concepts: "+strings.Join(r.picked.Rubric.Concepts, ", "), width-4)) + "\n")
	if r.grade != nil {
		b.WriteString("\n" + gradeLines(st, r.grade, width-4))
	} else if !r.answer.open {
		b.WriteString("\n" + st.faint.Render("Press a to type an answer.") + "\n")
	}
	r.vp.SetWidth(width - 2)
	r.vp.SetHeight(max(height-1-lineCount(tail), 3))
	r.vp.SetContent(b.String())
	out := truncate(header, width) + "\n" + indentLines(r.vp.View(), "  ")
	if tail != "" {
		out += "\n" + tail
	}
	return out
}

func (r *questionRound) listView(width, height int) string {
	st := r.app.styles
	questions := r.app.lib.Questions.Questions
	var b strings.Builder
	b.WriteString("\n  " + st.title.Render("Interview questions") + "  " + st.faint.Render(fmt.Sprintf("%d available", len(questions))) + "\n\n")

	// Show a window of the list around the cursor, leaving room for the
	// question under the cursor.
	rows := max(height-9, 3)
	first := min(max(r.cursor-rows/2, 0), max(len(questions)-rows, 0))
	for i := first; i < min(first+rows, len(questions)); i++ {
		q := questions[i]
		line := fmt.Sprintf("%-20s %s", q.ID, q.Question)
		if i == r.cursor {
			b.WriteString("  " + st.selected.Render(truncate("> "+line, width-4)) + "\n")
		} else {
			b.WriteString("    " + truncate(line, width-6) + "\n")
		}
	}
	if len(questions) > 0 {
		q := questions[r.cursor]
		b.WriteString("\n" + reflowIndented(q.Question, width-4, "  ") + "\n")
		b.WriteString(st.faint.Render(truncate("  concepts: "+strings.Join(q.Rubric.Concepts, ", "), width)) + "\n")
	}
	return b.String()
}

func (r *questionRound) help() helpKeys {
	k := r.app.keys
	switch {
	case r.answer.open:
		return helpKeys{
			short: []key.Binding{k.Submit, k.Cancel, k.ForceQuit},
			full:  [][]key.Binding{{k.Submit, k.SubmitAlt, k.Cancel}, {k.ForceQuit}},
		}
	case r.picked != nil:
		return helpKeys{
			short: []key.Binding{k.Answer, k.Up, k.Down, k.Back, k.Quit, k.Help},
			full:  [][]key.Binding{{k.Answer}, {k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Back, k.Quit, k.ForceQuit, k.Help}},
		}
	}
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, k.Enter, k.Back, k.Quit, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Enter}, {k.Back, k.Quit, k.ForceQuit, k.Help}},
	}
}
