package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"gameday/content"
	"gameday/scoring"
)

// reportFormats are the values of `gameday report --format`.
var reportFormats = []string{"markdown", "csv", "json"}

func newReportCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "report FILE...",
		Short: "Merge several people's history files into a team report",
		Long: `Merge history files (each person's history.jsonl, from their data
directory) into a leaderboard and a heat map of mastery per concept.

Records are grouped by the user they were recorded under (--user, or $USER
at the time), and a record found in two files counts once. Lines that are
not history records are skipped with a warning, and so is a file with no
records at all; when no file has one, report fails with status 2.

--format markdown prints two tables; csv prints one row per player with a
column per concept; json prints the whole report.`,
		Example: `  gameday report alice.jsonl bob.jsonl cara.jsonl > gameday-report.md
  gameday report --format csv team/*.jsonl`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return badInput("report takes one or more history files, such as ~/.local/share/gameday/history.jsonl (see `gameday report --help`)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, files []string) error {
			if !slices.Contains(reportFormats, format) {
				return badInput("invalid value %q for --format: expected one of %s", format, strings.Join(reportFormats, ", "))
			}
			lib, err := loadLibrary(cmd)
			if err != nil {
				return err
			}
			var all []scoring.Record
			// foreign lists the files whose lines were all skipped: most
			// likely not history files at all.
			var foreign []string
			for _, file := range files {
				info, err := os.Stat(file)
				switch {
				case errors.Is(err, os.ErrNotExist):
					return badInput("history file %s does not exist", file)
				case err == nil && info.IsDir():
					return badInput("%s is a directory; give the history file in it, such as %s", file, filepath.Join(file, historyFileName))
				}
				records, warnings, err := scoring.ReadHistory(file)
				if err != nil {
					return badInput("%v", err)
				}
				printWarnings(cmd.ErrOrStderr(), warnings)
				if len(records) == 0 && len(warnings) > 0 {
					foreign = append(foreign, file)
				}
				all = append(all, records...)
			}
			if len(all) == 0 && len(foreign) > 0 {
				return badInput("found no gameday history records in %s; give the history.jsonl file from each person's data directory", strings.Join(foreign, ", "))
			}
			for _, file := range foreign {
				fmt.Fprintf(cmd.ErrOrStderr(), "gameday: warning: %s contains no gameday history records, so it adds nothing to the report\n", file)
			}
			rep := scoring.BuildReport(lib, all)

			out := cmd.OutOrStdout()
			switch format {
			case "json":
				return writeJSON(out, rep)
			case "csv":
				return writeReportCSV(out, &lib.Checklist, rep)
			}
			writeReportMarkdown(out, &lib.Checklist, rep, len(files))
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "markdown", "output format: markdown, csv or json")
	return cmd
}

// writeReportMarkdown writes the leaderboard and the heat map as Markdown
// tables.
func writeReportMarkdown(w io.Writer, cl *content.Checklist, rep scoring.Report, files int) {
	fmt.Fprintf(w, "# gameday team report\n\n%s from %s, %s.\n\n", plural(rep.Records, "record"), plural(files, "file"), plural(len(rep.Leaderboard), "player"))

	fmt.Fprintln(w, "## Leaderboard")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| rank | user | level | drills | answers | average score | best score | mastery |")
	fmt.Fprintln(w, "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |")
	for _, p := range rep.Leaderboard {
		fmt.Fprintf(w, "| %d | %s | %s | %d | %d | %.1f | %d | %.0f%% |\n",
			p.Rank, markdownCell(p.User), p.Level, p.Drills, p.Answers, p.AverageScore, p.BestScore, p.Mastery*100)
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Heat map: mastery per concept")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "█ 80% and more, ▓ 60–79%, ▒ 40–59%, ░ 1–39%, · none.")
	fmt.Fprintln(w)
	header := "| concept | team |"
	rule := "| --- | ---: |"
	for _, p := range rep.Leaderboard {
		header += " " + markdownCell(p.User) + " |"
		rule += " ---: |"
	}
	fmt.Fprintln(w, header)
	fmt.Fprintln(w, rule)
	for _, c := range rep.HeatMap {
		row := fmt.Sprintf("| %s | %s |", c.ID, heatCell(c.Average))
		for _, m := range c.Players {
			row += " " + heatCell(m) + " |"
		}
		fmt.Fprintln(w, row)
	}
	if weakest := teamWeakest(rep); weakest != "" {
		fmt.Fprintf(w, "\nThe team's weakest concept: %s (%s).\n", weakest, cl.Concept(weakest).Title)
	}
}

// heatCell writes a mastery as a shade and a percentage.
func heatCell(m float64) string {
	shade := "·"
	switch {
	case m >= 0.8:
		shade = "█"
	case m >= 0.6:
		shade = "▓"
	case m >= 0.4:
		shade = "▒"
	case m > 0:
		shade = "░"
	}
	return fmt.Sprintf("%s %.0f%%", shade, m*100)
}

// teamWeakest returns the concept with the lowest team average, or "" for
// an empty report.
func teamWeakest(rep scoring.Report) string {
	if len(rep.Leaderboard) == 0 {
		return ""
	}
	weakest := rep.HeatMap[0]
	for _, c := range rep.HeatMap[1:] {
		if c.Average < weakest.Average {
			weakest = c
		}
	}
	return weakest.ID
}

// writeReportCSV writes one row per player: the leaderboard's columns, then
// the mastery of each concept in percent.
func writeReportCSV(w io.Writer, cl *content.Checklist, rep scoring.Report) error {
	cw := csv.NewWriter(w)
	header := []string{"rank", "user", "level", "drills_played", "answers_graded", "average_score", "best_score", "mastery_percent"}
	for _, c := range cl.Concepts {
		header = append(header, c.ID)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, p := range rep.Leaderboard {
		row := []string{strconv.Itoa(p.Rank), plainText(p.User), p.LevelID, strconv.Itoa(p.Drills), strconv.Itoa(p.Answers),
			strconv.FormatFloat(p.AverageScore, 'f', 1, 64), strconv.Itoa(p.BestScore), percent(p.Mastery)}
		for _, m := range p.Concepts {
			row = append(row, percent(m))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func percent(share float64) string {
	return strconv.FormatFloat(share*100, 'f', 0, 64)
}

// plainText replaces control characters, which a history file from
// elsewhere could hold, so they never reach the terminal.
func plainText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}

// markdownCell makes text safe inside a Markdown table cell.
func markdownCell(s string) string {
	return strings.ReplaceAll(plainText(s), "|", `\|`)
}
