package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"gameday/content"
	"gameday/drills"
	"gameday/scoring"
)

// debrief shows the scorecard, the timeline, the model answer and the
// interviewer notes in a scrollable view.
type debrief struct {
	app     *app
	drill   *content.Drill
	session *drills.Session
	card    *scoring.Scorecard
	vp      viewport.Model
	width   int

	// interviewer replays the drill in interviewer mode.
	interviewer bool

	// saved is the message about the last save of the moves.
	saved    string
	savedBad bool

	// answer is the field the player explains their approach in, and
	// explained the graded explanation.
	answer    answerBox
	explained explanation

	// scrollToExplanation scrolls the next layout to the graded
	// explanation.
	scrollToExplanation bool
}

// explanation is the approach a player typed after a drill, with its
// grade; the zero value means none was graded.
type explanation struct {
	text  string
	grade *scoring.AnswerGrade
}

// capturing reports whether keys are typed into the explanation field.
func (d *debrief) capturing() bool { return d.answer.open }

func newDebrief(a *app, d *content.Drill, s *drills.Session, card *scoring.Scorecard) *debrief {
	return &debrief{app: a, drill: d, session: s, card: card, vp: viewport.New()}
}

func (d *debrief) update(msg tea.Msg) (screen, tea.Cmd) {
	// The drill's record is appended after the debrief opens. Its failure
	// is shown here, where the player can still save the moves.
	if saved, ok := msg.(historySavedMsg); ok && saved.err != nil {
		d.app.log.Error("history append failed", "drill", d.drill.ID, "err", saved.err)
		d.saved, d.savedBad = "Not saved to your history, so press s to save your moves: "+saved.err.Error(), true
		return d, nil
	}
	if d.answer.open {
		result, cmd := d.answer.update(msg, d.app.keys)
		if result == answerSubmitted {
			return d, d.gradeExplanation()
		}
		return d, cmd
	}
	if scrollWheel(&d.vp, msg) {
		return d, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return d, nil
	}
	keys := d.app.keys
	switch {
	case key.Matches(k, keys.Quit):
		return d, tea.Quit
	case key.Matches(k, keys.Back), key.Matches(k, keys.Enter):
		return newDrillList(d.app), nil
	case key.Matches(k, keys.Replay):
		return newBriefing(d.app, d.drill, d.interviewer), nil
	case key.Matches(k, keys.Save):
		d.save()
	case key.Matches(k, keys.Export):
		d.export()
	case key.Matches(k, keys.Answer):
		if d.explainable() {
			return d, d.answer.start(d.app.styles.isDark, "What did you see, what did you do, and why?")
		}
	default:
		scrollKey(&d.vp, k, keys)
	}
	return d, nil
}

func (d *debrief) view(width, height int) string {
	st := d.app.styles
	sc := d.card
	verdict := st.bad.Render("SLO missed")
	if sc.SLOMet {
		verdict = st.good.Render("SLO met")
	}
	results := fmt.Sprintf("  %s  %s  %s",
		st.bold.Render(fmt.Sprintf("Score %d/100", sc.Score)),
		"Level: "+st.bold.Render(sc.Level),
		verdict)
	// A long title gives way to the score, level and verdict.
	title := truncate(d.drill.Title, titleRoom(width, "Debrief · ", results))
	header := st.title.Render("Debrief · "+title) + results

	if width != d.width {
		d.width = width
		body := d.body(width - 4)
		d.vp.SetContent(body)
		if d.scrollToExplanation {
			d.scrollToExplanation = false
			d.vp.SetYOffset(lineIndex(body, "Your explanation, graded"))
		}
	}
	d.vp.SetWidth(width - 2)
	if d.answer.open {
		box := st.heading.Render("Explain your approach") + st.faint.Render(answerHint) + "\n" +
			indentLines(d.answer.view(width-4), "  ")
		d.vp.SetHeight(max(height-1-lineCount(box), 3))
		return truncate(header, width) + "\n" + indentLines(d.vp.View(), "  ") + "\n" + box
	}
	if d.saved == "" {
		d.vp.SetHeight(max(height-1, 3))
		return truncate(header, width) + "\n" + indentLines(d.vp.View(), "  ")
	}
	// A status can carry an error with a long path, so it wraps rather
	// than cut off the part that names the failure.
	lines := strings.Split(reflow(d.saved, width), "\n")
	if len(lines) > maxStatusLines {
		lines = lines[:maxStatusLines]
		lines[maxStatusLines-1] = truncate(lines[maxStatusLines-1]+" …", width)
	}
	style := st.action
	if d.savedBad {
		style = st.bad
	}
	for i, l := range lines {
		lines[i] = style.Render(truncate(l, width))
	}
	d.vp.SetHeight(max(height-1-len(lines), 3))
	return truncate(header, width) + "\n" + indentLines(d.vp.View(), "  ") + "\n" + strings.Join(lines, "\n")
}

// maxStatusLines is the most lines a debrief status takes under the
// scrolling body.
const maxStatusLines = 3

func (d *debrief) body(width int) string {
	st := d.app.styles
	sc := d.card
	var b strings.Builder

	section := func(title string) { b.WriteString("\n" + st.heading.Render(title) + "\n") }

	section("Outcome")
	b.WriteString(reflow(describeSLO(d.drill), width) + "\n\n")
	w := d.drill.Window()
	b.WriteString(st.faint.Render(fmt.Sprintf("%-12s %-28s %s", "", "SLO window "+content.Clock(w.From)+"–"+content.Clock(w.To), "whole drill")) + "\n")
	b.WriteString(st.faint.Render(fmt.Sprintf("%-12s %8s %8s  %-7s  %s", "", "good", "p99", "SLO", "requests lost")) + "\n")
	b.WriteString(runLine("you", sc.Outcome) + "\n")
	b.WriteString(runLine("do nothing", sc.Nothing) + "\n")
	b.WriteString(runLine("reference", sc.Reference) + "\n")
	b.WriteString(st.faint.Render(reflow("Points: "+sc.Breakdown.Text(sc.Score)+". "+
		"Outcome points place your requests lost over the whole drill between doing nothing and the reference; "+
		"concept points need a move that made a measurable difference.", width)) + "\n")

	section("Failed requests %, you against the reference")
	for _, line := range timelineChart(st, sc, d.session.Transcript(), d.drill, width, true) {
		b.WriteString(line + "\n")
	}

	section("Checklist")
	for _, c := range sc.Concepts {
		mark, style := " ", st.faint
		switch {
		case c.Demonstrated:
			mark, style = "✓", st.good
		case c.Graded:
			mark, style = "✗", st.bad
		case c.Exercised:
			mark, style = "·", st.warn
		}
		points := "       "
		bar := strings.Repeat(" ", conceptBarWidth)
		if c.Graded {
			points = fmt.Sprintf("%4.1f/%2.0f", c.Points, c.MaxPoints)
			bar = conceptBar(st, c.Points/c.MaxPoints)
		}
		// The note wraps under itself: 2 + 18 + 1 + 7 + 1 + 10 + 2 cells
		// of prefix.
		const indent = 41
		note := strings.ReplaceAll(reflow(c.Note, width-indent), "\n", "\n"+strings.Repeat(" ", indent))
		b.WriteString(fmt.Sprintf("%s %-18s %s %s  %s", style.Render(mark), c.ID, points, bar, note) + "\n")
	}

	if len(sc.Actions) > 0 {
		section("Your moves")
		for _, a := range sc.Actions {
			b.WriteString(truncate(fmt.Sprintf("%-7s %-8s %s", content.PreciseClock(a.At), a.Verdict, a.Title), width) + "\n")
			if a.Rationale != "" {
				b.WriteString(st.faint.Render(indentLines(reflow("because: "+a.Rationale, width-16), strings.Repeat(" ", 16))) + "\n")
			}
		}
		b.WriteString(st.faint.Render("Press s to save them as an actions file, to replay with:") + "\n")
		b.WriteString("  gameday run " + d.drill.ID + " --actions FILE\n")
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		section(title)
		for _, it := range items {
			b.WriteString(reflow("- "+it, width) + "\n")
		}
	}
	if sc.Hints > 0 {
		b.WriteString(fmt.Sprintf("Hints taken: %d, -%d points each.\n", sc.Hints, scoring.HintPenalty))
	}
	if injected := d.session.Injected(); len(injected) > 0 {
		section("Faults the interviewer injected")
		for _, f := range injected {
			b.WriteString(reflow("- "+content.Clock(f.At)+" "+describeFault(f), width) + "\n")
		}
	}
	list("What went well", sc.WentWell)
	list("What was missed", sc.Missed)

	switch {
	case d.explained.grade != nil:
		section("Your explanation, graded")
		b.WriteString(st.faint.Render(reflow("“"+strings.TrimSpace(d.explained.text)+"”", width)) + "\n\n")
		b.WriteString(gradeLines(st, d.explained.grade, width))
	case d.explainable():
		section("Explain your approach")
		b.WriteString(st.faint.Render(reflow("Press a to type how you would explain this incident to an interviewer. It is graded on the drill's concepts, like an interview answer.", width)) + "\n")
	}

	section("Model answer")
	b.WriteString(reflow(sc.ModelAnswer, width) + "\n")

	if len(sc.ProbeNext) > 0 {
		section("Follow-up questions an interviewer would ask next")
		for i, q := range sc.ProbeNext {
			b.WriteString(reflow(fmt.Sprintf("%d. %s", i+1, q), width) + "\n")
		}
	}

	// The notes are hidden during play; after it they explain the drill.
	if strings.TrimSpace(d.drill.InterviewerNotes) != "" {
		section("Interviewer notes")
		b.WriteString(reflow(d.drill.InterviewerNotes, width) + "\n")
	}
	return b.String()
}

// runLine summarises one run for the outcome table.
func runLine(name string, r scoring.Run) string {
	met := "missed"
	if r.SLOMet {
		met = "met"
	}
	return fmt.Sprintf("%-12s %7.2f%% %8s  %-7s  %d of %d",
		name, r.SuccessRatio*100, r.P99Text(), met, r.Bad, r.Requests)
}

// conceptBarWidth is the width of a concept's bar on the checklist.
const conceptBarWidth = 10

// displayPath returns path relative to the working directory when it is
// inside it, such as ./name.md, and unchanged otherwise.
func displayPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return path
	}
	return "./" + rel
}

// barCells returns how many of a bar's conceptBarWidth cells share (0 to
// 1) fills, rounded.
func barCells(share float64) int {
	return min(max(int(share*conceptBarWidth+0.5), 0), conceptBarWidth)
}

// conceptBar draws share (0 to 1) of a concept's points as a bar.
func conceptBar(st styles, share float64) string {
	full := barCells(share)
	style := st.good
	switch {
	case full == 0:
		style = st.bad
	case full < conceptBarWidth:
		style = st.warn
	}
	return style.Render(strings.Repeat("█", full)) + st.faint.Render(strings.Repeat("░", conceptBarWidth-full))
}

// compress averages values into at most width buckets.
func compress(values []float64, width int) []float64 {
	if len(values) <= width || width <= 0 {
		return values
	}
	out := make([]float64, width)
	for i := range out {
		from := i * len(values) / width
		to := max((i+1)*len(values)/width, from+1)
		sum := 0.0
		for _, v := range values[from:to] {
			sum += v
		}
		out[i] = sum / float64(to-from)
	}
	return out
}

// save writes the player's moves to an actions file in the save
// directory.
func (d *debrief) save() {
	dir, err := d.app.dir()
	if err == nil {
		var path string
		path, err = saveActions(dir, d.drill.ID+"-moves", actionsFile(d.drill.ID, d.session.Transcript()))
		if err == nil {
			d.saved, d.savedBad = "Saved your moves to "+displayPath(path), false
			return
		}
	}
	d.saved, d.savedBad = "Could not save your moves: "+err.Error(), true
}

// export writes the debrief as Markdown to a new file in the save
// directory.
func (d *debrief) export() {
	dir, err := d.app.dir()
	if err == nil {
		var path string
		data := debriefMarkdown(d.app.styles, d.drill, d.session, d.card, d.explained)
		path, err = saveNew(dir, d.drill.ID+"-debrief", ".md", data)
		if err == nil {
			d.app.log.Info("debrief exported", "drill", d.drill.ID, "path", path)
			d.saved, d.savedBad = "Exported the debrief to "+displayPath(path), false
			return
		}
	}
	d.app.log.Error("debrief export failed", "drill", d.drill.ID, "err", err)
	d.saved, d.savedBad = "Could not export the debrief: "+err.Error(), true
}

func (d *debrief) help() helpKeys {
	k := d.app.keys
	back := key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", "drills"))
	scroll := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "scroll"))
	if d.answer.open {
		return helpKeys{
			short: []key.Binding{k.Submit, k.Cancel, k.ForceQuit},
			full:  [][]key.Binding{{k.Submit, k.SubmitAlt, k.Cancel}, {k.ForceQuit}},
		}
	}
	explain := key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "explain"), key.WithDisabled())
	if d.explainable() {
		explain.SetEnabled(true)
	}
	// The short help must fit 80 cells, so it shortens "save moves" to "save"
	// and leaves q to the full help, since enter already leaves the debrief.
	save := key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save"))
	return helpKeys{
		short: []key.Binding{scroll, back, explain, k.Replay, save, k.Export, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {back, explain, k.Replay, k.Save, k.Export}, {k.Quit, k.ForceQuit, k.Help}},
	}
}
