package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// questionInfo is one entry of `gameday questions --json`.
type questionInfo struct {
	ID       string   `json:"id"`
	Question string   `json:"question"`
	Concepts []string `json:"concepts"`
}

func newQuestionsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "questions",
		Short: "List the interview questions that gameday answer grades",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lib, err := loadLibrary(cmd)
			if err != nil {
				return err
			}
			if asJSON {
				infos := []questionInfo{}
				for _, q := range lib.Questions.Questions {
					infos = append(infos, questionInfo{ID: q.ID, Question: q.Question, Concepts: q.Rubric.Concepts})
				}
				return writeJSON(cmd.OutOrStdout(), infos)
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tCONCEPTS\tQUESTION")
			for _, q := range lib.Questions.Questions {
				concepts := strings.Join(q.Rubric.Concepts, ", ")
				if len(q.Rubric.Concepts) == len(lib.Checklist.Concepts) {
					concepts = "all ten"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\n", q.ID, concepts, q.Question)
			}
			if err := w.Flush(); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "\nAnswer one with: gameday answer ID < answer.txt   (or type it, then ctrl+d)")
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array with one object per question")
	return cmd
}
