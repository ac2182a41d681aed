package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"gameday/content"
	"gameday/drills"
	"gameday/sim"
)

// interviewerPanel is the interviewer's side of a mock interview: the
// drill's rubric and notes, the candidate's moves with their verdicts, and
// a catalogue of faults to inject live, and the interviewer's ratings of
// the candidate's spoken explanation per concept. The interviewer toggles
// it out of the candidate's view with tab.
type interviewerPanel struct {
	drill     *content.Drill
	catalogue []drills.CatalogueFault
	cursor    int
	shown     bool

	// offset is how many lines the rubric is scrolled down.
	offset int

	// note is the error of the last injection or rating; empty after a
	// success.
	note string

	// concept is the index in the drill's concepts of the concept to
	// rate, and rating is set after r while the panel waits for the score.
	concept int
	rating  bool
}

// catalogueMinWidth is the least width of the fault catalogue column.
const catalogueMinWidth = 36

func newInterviewerPanel(d *content.Drill) *interviewerPanel {
	return &interviewerPanel{drill: d, catalogue: drills.FaultCatalogue(d), shown: true}
}

// selected returns the fault under the cursor.
func (p *interviewerPanel) selected() (drills.CatalogueFault, bool) {
	if p.cursor < 0 || p.cursor >= len(p.catalogue) {
		return drills.CatalogueFault{}, false
	}
	return p.catalogue[p.cursor], true
}

// handleKey moves the catalogue cursor and scrolls the rubric, and reports
// whether k was one of those keys.
func (p *interviewerPanel) handleKey(k tea.KeyPressMsg, keys keyMap) bool {
	switch {
	case key.Matches(k, keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, keys.Down):
		p.cursor = min(p.cursor+1, len(p.catalogue)-1)
	case key.Matches(k, liveKeys.LogUp):
		p.offset = max(p.offset-5, 0)
	case key.Matches(k, liveKeys.LogDown):
		p.offset += 5
	default:
		return p.handleRatingKey(k)
	}
	return true
}

func (p *interviewerPanel) help(k keyMap) helpKeys {
	inject := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "inject"))
	selectKey := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "select"))
	scroll := key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/pgdn", "rubric"))
	hide := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "hide"))
	if p.rating {
		return helpKeys{
			short: []key.Binding{ratingKeys.Score, ratingKeys.Cancel, k.ForceQuit},
			full:  [][]key.Binding{{ratingKeys.Score, ratingKeys.Cancel}, {k.ForceQuit}},
		}
	}
	return helpKeys{
		short: []key.Binding{hide, selectKey, inject, ratingKeys.Concept, ratingKeys.Rate, k.Quit, k.Help},
		full: [][]key.Binding{
			{hide, selectKey, inject, scroll},
			{ratingKeys.Concept, ratingKeys.Rate, ratingKeys.Score},
			{k.Pause, k.Speed, k.Finish},
			{k.Quit, k.ForceQuit, k.Help},
		},
	}
}

// view draws the panel in width × height cells: the ratings and the rubric
// on the left, the fault catalogue on the right.
func (p *interviewerPanel) view(st styles, s *drills.Session, width, height int) string {
	rightW := max(catalogueMinWidth, width*2/5)
	leftW := width - rightW

	innerW := leftW - st.panel.GetHorizontalFrameSize()
	innerH := height - st.panel.GetVerticalFrameSize()
	rubric := strings.Split(p.rubric(st, s, innerW), "\n")
	title := st.heading.Render("Interviewer: rubric and notes") + st.faint.Render(" · tab")
	// The ratings stay at the top while the rubric below them scrolls.
	fixed := append([]string{title}, p.ratingLines(st, s, innerW)...)
	room := max(innerH-len(fixed), 1)
	p.offset = min(p.offset, max(len(rubric)-room, 0))
	left := renderPanel(st, leftW, height, append(fixed, rubric[p.offset:]...))

	return joinPanels(left, p.catalogueView(st, s, rightW, height))
}

// rubric returns the text of the left column, wrapped to width.
func (p *interviewerPanel) rubric(st styles, s *drills.Session, width int) string {
	d := p.drill
	var b strings.Builder
	section := func(title string) { b.WriteString(st.heading.Render(title) + "\n") }

	section("Scripted faults")
	for _, f := range d.Faults {
		b.WriteString(reflow("- "+content.Clock(f.At)+" "+describeFault(f), width) + "\n")
	}

	section("Reference moves")
	for _, ref := range d.Reference {
		if a, v, err := d.Resolve(ref); err == nil {
			b.WriteString(reflow(fmt.Sprintf("- %s %s: %s (%s). %s", content.PreciseClock(ref.At), a.Title, v.Title, a.Concept, v.Why), width) + "\n")
		}
	}

	section("Candidate's moves")
	moves := 0
	for _, step := range s.Transcript() {
		a, v, err := d.Resolve(step)
		if err != nil {
			continue
		}
		moves++
		line := fmt.Sprintf("- %s %s: %s — %s", content.PreciseClock(step.At), a.Title, v.Title, v.Verdict)
		if step.Rationale != "" {
			line += ". Why: " + step.Rationale
		}
		b.WriteString(reflow(line, width) + "\n")
	}
	if moves == 0 {
		b.WriteString(st.faint.Render("none yet") + "\n")
	}
	if n := s.Hints(); n > 0 {
		b.WriteString(fmt.Sprintf("Hints taken: %d\n", n))
	}

	section("Traps")
	for _, a := range d.Actions {
		for _, v := range a.Variants {
			if v.Verdict == content.VerdictWrong {
				b.WriteString(reflow(fmt.Sprintf("- %s: %s. %s", a.Title, v.Title, v.Why), width) + "\n")
			}
		}
	}

	section("Notes")
	b.WriteString(reflow(d.InterviewerNotes, width))
	return b.String()
}

// catalogueView draws the faults to inject and those injected so far.
func (p *interviewerPanel) catalogueView(st styles, s *drills.Session, width, height int) string {
	innerW := width - st.panel.GetHorizontalFrameSize()
	lines := []string{st.heading.Render("Inject a fault")}
	for i, c := range p.catalogue {
		if i == p.cursor {
			// The fault that enter would inject is shown whole, wrapped
			// under its marker, while the others may be cut.
			for j, line := range strings.Split(reflow(c.Title, innerW-2), "\n") {
				prefix := "  "
				if j == 0 {
					prefix = "> "
				}
				lines = append(lines, st.selected.Render(truncate(prefix+line, innerW)))
			}
		} else {
			lines = append(lines, "  "+truncate(c.Title, innerW-2))
		}
	}
	if p.note != "" {
		lines = append(lines, "")
		lines = append(lines, strings.Split(st.bad.Render(reflow(p.note, innerW)), "\n")...)
	}
	if injected := s.Injected(); len(injected) > 0 {
		lines = append(lines, "", st.heading.Render("Injected"))
		for _, f := range injected {
			lines = append(lines, strings.Split(reflow("- "+content.Clock(f.At)+" "+describeFault(f), innerW), "\n")...)
		}
	}
	return renderPanel(st, width, height, lines)
}

// describeFault describes a fault in words, for the interviewer.
func describeFault(f sim.Fault) string {
	var what string
	switch f.Kind {
	case sim.FaultHang:
		what = f.Target + " hangs"
	case sim.FaultSlow:
		what = f.Target + " slows down by " + content.FormatDuration(f.Add)
	case sim.FaultErrors:
		what = fmt.Sprintf("%s fails %g%% of calls", f.Target, f.ErrorPercent)
	case sim.FaultSurge:
		what = fmt.Sprintf("traffic surges to %g× its rate", f.Factor)
	case sim.FaultAbusiveClient:
		what = fmt.Sprintf("one client sends %g requests a second", f.Rate)
	case sim.FaultRefused:
		what = f.Target + " refuses connections"
	case sim.FaultDNS:
		what = "the name " + f.Target + " does not resolve"
	case sim.FaultPrimaryFailure:
		what = "the primary of " + f.Target + " fails"
	case sim.FaultCacheFlush:
		return f.Target + " is flushed"
	case sim.FaultCrash:
		// A crash and a deploy happen once: their Duration is unused.
		if f.Count > 1 {
			return fmt.Sprintf("%d pods of %s crash", f.Count, f.Target)
		}
		return "a pod of " + f.Target + " crashes"
	case sim.FaultBadDeploy:
		return "a bad release of " + f.Target + " rolls out, until it is rolled back"
	case sim.FaultRollingDeploy:
		return "a routine release of " + f.Target + " rolls out"
	case sim.FaultMemoryLeak:
		what = "the pods of " + f.Target + " leak memory"
	case sim.FaultZoneOutage:
		what = f.Zone + " goes dark"
		if f.Target != "" {
			what = f.Zone + " goes dark for " + f.Target
		}
	default:
		what = f.Kind + " on " + f.Target
	}
	if f.Duration > 0 {
		return what + " for " + content.FormatDuration(f.Duration)
	}
	return what + " to the end"
}
