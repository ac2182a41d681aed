package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"gameday/scoring"
)

// progressJSON is the output of `gameday progress --json`.
type progressJSON struct {
	HistoryFile string `json:"history_file"`
	User        string `json:"user,omitempty"`
	scoring.Progress
}

func newProgressCmd(opts *globalOptions) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "progress",
		Short: "Show mastery per concept, level and streak from your history",
		Long: fmt.Sprintf(`Show what your history says: mastery of each checklist concept over time,
the level you reached on the ladder, your streak of days with practice,
your weakest concept and the drill or question that trains it.

Mastery is the mean credit of a concept's attempts (drills and graded
answers), with recent attempts weighing more: an attempt counts half as
much as one made %d attempts later. A concept counts towards the level
from a mastery of %.0f%%.

With --user, only that user's records are counted.`, scoring.MasteryHalfLife, scoring.MasteredAt*100),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lib, err := loadLibrary(cmd)
			if err != nil {
				return err
			}
			records, path, err := opts.readHistory(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			if opts.userName != "" {
				records = recordsOf(records, opts.user())
			}
			p := scoring.ComputeProgress(lib, records, opts.now())
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), progressJSON{HistoryFile: path, User: opts.userName, Progress: p})
			}
			printProgress(cmd.OutOrStdout(), p, path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the progress as one JSON object")
	return cmd
}

func recordsOf(records []scoring.Record, user string) []scoring.Record {
	var out []scoring.Record
	for _, r := range records {
		if r.User == user {
			out = append(out, r)
		}
	}
	return out
}

// printProgress writes the progress for a terminal, without colour.
func printProgress(w io.Writer, p scoring.Progress, path string) {
	fmt.Fprintf(w, "History: %s (%s played, %s graded)\n", path, plural(p.Drills, "drill"), plural(p.Answers, "answer"))
	if p.Drills+p.Answers == 0 {
		fmt.Fprintln(w, "\nNo history yet. Play a drill with `gameday`, replay one with `gameday run ID --record`,")
		fmt.Fprintln(w, "or answer a question with `gameday answer resilient-systems`.")
	} else {
		fmt.Fprintf(w, "Level: %s · Streak: %s (longest %d) · Last practice: %s\n",
			p.Level, plural(p.StreakDays, "day"), p.LongestStreakDays, p.LastPractice)
	}

	fmt.Fprintf(w, "\nMastery per concept (recent attempts weigh more; half-life %d attempts):\n", scoring.MasteryHalfLife)
	for _, c := range p.Concepts {
		trend := ""
		if c.Attempts > 0 {
			trend = "  " + sparkText(c.Trend, 12)
		}
		fmt.Fprintf(w, "  %-18s %s %3.0f%%  %11s%s\n", c.ID, masteryBar(c.Mastery, 10), c.Mastery*100, plural(c.Attempts, "attempt"), trend)
	}

	fmt.Fprintf(w, "\nWeakest: %s.", p.Weakest)
	switch {
	case p.NextDrill != nil:
		fmt.Fprintf(w, " Train it with the drill %s: gameday play %s\n", p.NextDrill.Title, p.NextDrill.ID)
	default:
		fmt.Fprintln(w, " No drill trains it yet.")
	}
	if p.NextQuestion != nil {
		fmt.Fprintf(w, "Or answer: %s\n  gameday answer %s\n", p.NextQuestion.Question, p.NextQuestion.ID)
	}
}

// masteryBar draws a share in [0, 1] as a bar of width cells.
func masteryBar(share float64, width int) string {
	full := int(share*float64(width) + 0.5)
	return strings.Repeat("█", full) + strings.Repeat("░", width-full)
}

// sparkText draws the last width values in [0, 1] on one line.
func sparkText(values []float64, width int) string {
	bars := []rune("▁▂▃▄▅▆▇█")
	if len(values) > width {
		values = values[len(values)-width:]
	}
	var b strings.Builder
	for _, v := range values {
		b.WriteRune(bars[min(max(int(v*float64(len(bars)-1)+0.5), 0), len(bars)-1)])
	}
	return b.String()
}

// plural writes a count with its noun, adding an "s" unless it is one.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
