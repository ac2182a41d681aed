package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"gameday/scoring"
)

// progressScreen shows the history summed up: level, streak, mastery per
// concept with its trend, a chart of scores over time, and what to
// practise next.
type progressScreen struct {
	app *app

	loaded   bool
	progress scoring.Progress
	warnings []scoring.HistoryWarning
	err      error
}

// progressLoadedMsg carries the history read from the file.
type progressLoadedMsg struct {
	progress scoring.Progress
	warnings []scoring.HistoryWarning
	err      error
}

// newProgress returns the progress screen and the command that reads the
// history file.
func newProgress(a *app) (*progressScreen, tea.Cmd) {
	p := &progressScreen{app: a}
	path, lib := a.history.path, a.lib
	if path == "" {
		p.loaded = true
		p.progress = scoring.ComputeProgress(lib, nil, time.Now())
		return p, nil
	}
	return p, func() tea.Msg {
		records, warnings, err := scoring.ReadHistory(path)
		return progressLoadedMsg{progress: scoring.ComputeProgress(lib, records, time.Now()), warnings: warnings, err: err}
	}
}

func (p *progressScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case progressLoadedMsg:
		p.loaded, p.progress, p.warnings, p.err = true, msg.progress, msg.warnings, msg.err
	case tea.KeyPressMsg:
		keys := p.app.keys
		switch {
		case key.Matches(msg, keys.Quit):
			return p, tea.Quit
		case key.Matches(msg, keys.Back):
			return newHome(p.app), nil
		case key.Matches(msg, keys.Enter):
			if next := p.progress.NextDrill; next != nil {
				if d := p.app.lib.Drill(next.ID); d != nil {
					return newBriefing(p.app, d, false), nil
				}
			}
		}
	}
	return p, nil
}

// chartHeight is the height of the score chart, in rows: one per concept,
// so it matches the height of the mastery bars beside it.
const chartHeight = 10

func (p *progressScreen) view(width, height int) string {
	st := p.app.styles
	var b strings.Builder
	b.WriteString("\n  " + st.title.Render("Your progress") + "\n")

	if !p.loaded {
		b.WriteString("\n  Reading your history…\n")
		return b.String()
	}
	pr := p.progress
	for _, line := range p.summary() {
		b.WriteString("  " + truncate(line, width-2) + "\n")
	}
	b.WriteString("\n")

	left := p.masteryRows(width)
	right := p.scoreChart(width - lipgloss.Width(left) - 4)
	b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, left, "  ", right) + "\n\n")

	next := fmt.Sprintf("Weakest: %s.", pr.Weakest)
	if pr.NextDrill != nil {
		next += fmt.Sprintf(" Press enter to play %s, which trains it.", pr.NextDrill.Title)
	} else {
		next += " No drill trains it yet."
	}
	b.WriteString(reflowIndented(next, width-4, "  ") + "\n")
	if pr.NextQuestion != nil {
		// Name the question the way the app lists it, not as a command
		// line, which cannot be typed inside the app.
		suggestion := fmt.Sprintf("Or answer “%s” (%s) under Answer interview questions.", pr.NextQuestion.Question, pr.NextQuestion.ID)
		b.WriteString(reflowIndented(suggestion, width-4, "  ") + "\n")
	}
	for _, line := range p.problems() {
		b.WriteString(st.bad.Render(truncate("  "+line, width)) + "\n")
	}
	return b.String()
}

// summary returns the lines under the title: level, streak and counts.
func (p *progressScreen) summary() []string {
	pr := p.progress
	if pr.Drills+pr.Answers == 0 {
		return []string{"No history yet: finish a drill and it shows up here.", ""}
	}
	return []string{
		fmt.Sprintf("Level %s · streak %s (longest %d)", pr.Level, plural(pr.StreakDays, "day"), pr.LongestStreakDays),
		fmt.Sprintf("%s played, %s graded · last practice %s", plural(pr.Drills, "drill"), plural(pr.Answers, "answer"), pr.LastPractice),
	}
}

// masteryRows draws one row per concept: its id, a bar of its mastery and
// its trend over the last attempts.
func (p *progressScreen) masteryRows(width int) string {
	st := p.app.styles
	trendWidth := 10
	if width < 100 {
		trendWidth = 6
	}
	rows := []string{"  " + st.heading.Render("Mastery per concept")}
	for _, c := range p.progress.Concepts {
		style := st.bad
		switch {
		case c.Attempts == 0:
			style = st.faint
		case c.Mastery >= scoring.MasteredAt:
			style = st.good
		case c.Mastery >= 0.5:
			style = st.warn
		}
		bar := style.Render(strings.Repeat("█", int(c.Mastery*10+0.5))) + st.faint.Render(strings.Repeat("░", 10-int(c.Mastery*10+0.5)))
		trend := sparkline(c.Trend, trendWidth, func(v float64) lipgloss.Style { return st.faint })
		if c.Attempts == 0 {
			trend = st.faint.Render(padRight("never", trendWidth))
		}
		rows = append(rows, fmt.Sprintf("  %-18s %s %3.0f%% %s", c.ID, bar, c.Mastery*100, padRight(trend, trendWidth)))
	}
	return strings.Join(rows, "\n")
}

// scoreChart draws the scores of the latest records as bars, newest on
// the right, in width cells.
func (p *progressScreen) scoreChart(width int) string {
	st := p.app.styles
	width = max(width, 10)
	heading := st.heading.Render(truncate("Scores, latest on the right", width))
	// Each record gets two columns while they fit, so a short history is
	// still readable.
	columns := 1
	if 2*len(p.progress.Scores) <= width-4 {
		columns = 2
	}
	var values []float64
	for _, s := range p.progress.Scores {
		for range columns {
			values = append(values, float64(s.Score)/100)
		}
	}
	if len(values) == 0 {
		return heading + "\n" + st.faint.Render("none yet")
	}
	colorOf := func(v float64) lipgloss.Style {
		switch {
		case v >= 0.9:
			return st.good
		case v >= 0.5:
			return st.warn
		}
		return st.bad
	}
	// The chart is as wide as its bars, so a short history sits next to
	// its axis instead of at the far right of the screen.
	rows := barChart(values, min(width-4, len(values)), chartHeight, colorOf)
	rows[0] = "100 " + rows[0]
	rows[len(rows)-1] = "  0 " + rows[len(rows)-1]
	for i := 1; i < len(rows)-1; i++ {
		rows[i] = "    " + rows[i]
	}
	return heading + "\n" + strings.Join(rows, "\n")
}

// problems lists what went wrong reading or writing the history.
func (p *progressScreen) problems() []string {
	var out []string
	if p.err != nil {
		out = append(out, "Could not read the history: "+p.err.Error())
	}
	if n := len(p.warnings); n > 0 {
		out = append(out, fmt.Sprintf("Skipped %s of the history; the first: %s", plural(n, "line"), p.warnings[0]))
	}
	if err := p.app.history.lastErr; err != nil {
		out = append(out, "Could not save your last drill: "+err.Error())
	}
	return out
}

func (p *progressScreen) help() helpKeys {
	k := p.app.keys
	play := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "play the suggested drill"))
	play.SetEnabled(p.progress.NextDrill != nil)
	return helpKeys{
		short: []key.Binding{play, k.Back, k.Quit, k.Help},
		full:  [][]key.Binding{{play, k.Back}, {k.Quit, k.ForceQuit, k.Help}},
	}
}

// plural writes a count with its noun, adding an "s" unless it is one.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
