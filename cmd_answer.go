package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"gameday/content"
	"gameday/scoring"
)

// maxAnswerSize is the largest answer read from standard input, in bytes
// (64 KiB, about ten thousand words).
const maxAnswerSize = 64 << 10

func newAnswerCmd(opts *globalOptions) *cobra.Command {
	var (
		asJSON   bool
		noRecord bool
	)
	cmd := &cobra.Command{
		Use:   "answer QUESTION_ID",
		Short: "Grade a spoken-style answer to an interview question",
		Long: `Read your answer to an interview question from standard input and grade
it against the question's rubric: which checklist concepts and key points
it covers, what is missing, and the model answer.

Full credit for a key point often needs its reason, not only its name:
retries earn full marks only with both backoff and "transient" failures
in a sentence that explains them. A bare list of keywords earns part.

The grade is appended to your history (see --data-dir) unless
--no-record is given. gameday questions lists the question ids.`,
		Example: `  gameday answer resilient-systems < my-answer.txt
  echo "I put a timeout on every call because..." | gameday answer choose-timeout --json`,
		Args: exactArgs(1, "a question id, such as resilient-systems (see `gameday questions`)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, err := loadLibrary(cmd)
			if err != nil {
				return err
			}
			q, err := findQuestion(lib, args[0])
			if err != nil {
				return err
			}
			answer, err := readAnswer(cmd, q)
			if err != nil {
				return err
			}

			if !noRecord {
				if err := opts.checkUser(); err != nil {
					return err
				}
			}

			g := scoring.GradeQuestion(&lib.Checklist, &lib.Questions, q, answer)
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), g); err != nil {
					return err
				}
			} else {
				printAnswerGrade(cmd.OutOrStdout(), g)
			}
			if noRecord {
				return nil
			}
			_, err = opts.record(scoring.AnswerRecord(g, opts.now(), opts.user()))
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the grade as one JSON object")
	cmd.Flags().BoolVar(&noRecord, "no-record", false, "do not append the grade to the history file")
	return cmd
}

// findQuestion returns the question with the id or an input error that
// says how to list them.
func findQuestion(lib *content.Library, id string) (*content.Question, error) {
	if q := lib.Questions.Question(id); q != nil {
		return q, nil
	}
	return nil, badInput("no question with id %q; run `gameday questions` to list the %d ids", id, len(lib.Questions.Questions))
}

// readAnswer reads the answer from standard input. On a terminal it first
// prints the question and how to finish.
func readAnswer(cmd *cobra.Command, q *content.Question) (string, error) {
	in := cmd.InOrStdin()
	if f, ok := in.(*os.File); ok && term.IsTerminal(f.Fd()) {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s\nType your answer, then press ctrl+d on an empty line.\n\n", q.Question)
	}
	data, err := io.ReadAll(io.LimitReader(in, maxAnswerSize+1))
	if err != nil {
		return "", fmt.Errorf("reading the answer from standard input: %w", err)
	}
	switch {
	case len(data) > maxAnswerSize:
		return "", badInput("the answer is longer than %d bytes (64 KiB); shorten it", maxAnswerSize)
	case !utf8.Valid(data):
		return "", badInput("the answer is not UTF-8 text; is standard input the right file?")
	case strings.TrimSpace(string(data)) == "":
		return "", badInput("the answer is empty; type it or pipe it to standard input, such as `gameday answer %s < answer.txt`", q.ID)
	}
	return string(data), nil
}

// printAnswerGrade writes an answer's grade for a terminal, without colour.
func printAnswerGrade(w io.Writer, g *scoring.AnswerGrade) {
	fmt.Fprintf(w, "%s (%s)\n", g.Question, g.QuestionID)
	fmt.Fprintf(w, "Score %d/100 · Level: %s · %d of %d concepts covered\n\n", g.Score, g.Level, len(g.Covered), len(g.Concepts))

	fmt.Fprintln(w, "Concepts:")
	for _, c := range g.Concepts {
		mark, note := "✗", "missing"
		switch {
		case c.Credit >= 0.999:
			mark, note = "✓", "covered"
		case c.Credit > 0:
			mark, note = "~", fmt.Sprintf("partly, %.0f%% of its points", c.Credit*100)
		}
		fmt.Fprintf(w, "  %s %-18s %s\n", mark, c.ID, note)
	}

	section(w, "What went well", g.Feedback.WentWell)
	section(w, "What was missed", g.Feedback.Missed)
	section(w, "An interviewer would probe next", g.Feedback.ProbeNext)
	fmt.Fprintln(w, "\nModel answer:")
	for _, line := range strings.Split(strings.TrimSpace(g.ModelAnswer), "\n") {
		fmt.Fprintln(w, "  "+line)
	}
}
