package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"gameday/content"
)

// drillInfo is one line of `gameday list --json`.
type drillInfo struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Difficulty string   `json:"difficulty"`
	Concepts   []string `json:"concepts"`
	Primary    []string `json:"primary"`
	Summary    string   `json:"summary"`
	Duration   string   `json:"duration"`
}

func newListCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the drills with their concepts and difficulty",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lib, err := loadLibrary(cmd)
			if err != nil {
				return err
			}
			if asJSON {
				infos := []drillInfo{}
				for _, d := range lib.Drills {
					infos = append(infos, drillInfo{
						ID: d.ID, Title: d.Title, Difficulty: d.Difficulty,
						Concepts: d.Concepts, Primary: d.Primary, Summary: d.Summary,
						Duration: d.Duration.String(),
					})
				}
				return writeJSON(cmd.OutOrStdout(), infos)
			}
			dir, err := packDir(cmd)
			if err != nil {
				return err
			}
			return printList(cmd, lib, dir)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array with one object per drill")
	return cmd
}

// printList writes the drill list as a table. packDir is the --content
// directory, which the hint at the end repeats, or "".
func printList(cmd *cobra.Command, lib *content.Library, packDir string) error {
	w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tDIFFICULTY\tCONCEPTS\tTITLE")
	for _, d := range lib.Drills {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", d.ID, d.Difficulty, strings.Join(d.Concepts, ", "), d.Title)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	app := "gameday"
	if packDir != "" {
		app += " --content " + packDir
	}
	fmt.Fprintf(cmd.OutOrStdout(), "\nPlay one with: %s play ID   (or run `%s` for the menu)\n", app, app)
	return nil
}
