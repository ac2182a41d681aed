// Command gameday trains engineers for production-resilience interviews and
// SRE game days: it plays scripted outages on a simulated service system in
// the terminal and scores the player against a ten-point mastery checklist.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"gameday/content"
)

// Exit statuses.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsageError  = 2
	exitInterrupted = 130
	exitTerminated  = 143
)

// inputError marks bad input from the user (an unknown id, a malformed
// file, a bad flag): gameday exits with status 2 for it.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

func badInput(format string, args ...any) error {
	return inputError{fmt.Errorf(format, args...)}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errInterrupted) {
		return exitInterrupted
	}
	if errors.Is(err, errTerminated) {
		return exitTerminated
	}
	if isUsageError(err) && !strings.Contains(err.Error(), "--help") {
		err = fmt.Errorf("%w (see `gameday --help`)", err)
	}
	// Messages may quote the command line or a pack's text, so anything that
	// could drive the terminal is escaped.
	fmt.Fprintln(stderr, "gameday:", content.EscapeUnsafe(err.Error()))
	var in inputError
	if errors.As(err, &in) || isUsageError(err) {
		return exitUsageError
	}
	return exitFailure
}

// errInterrupted ends the app on ctrl+c; gameday then exits with status
// 130, as shells report a process ended by SIGINT.
var errInterrupted = errors.New("interrupted")

// errTerminated ends the app on SIGTERM or SIGHUP once the drill in
// progress is saved; gameday then exits with status 143, as shells report
// a process ended by SIGTERM.
var errTerminated = errors.New("terminated")

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	opts := &globalOptions{now: time.Now}
	var flags tuiFlags
	root := &cobra.Command{
		Use:   "gameday",
		Short: "Practise production resilience on simulated outages",
		Long: `gameday plays scripted outages on a simulated service system in your
terminal. You watch the dashboard, take actions while the incident burns,
and get scored against a ten-point resilience checklist, the way a senior
interviewer or an SRE game day would score you.

Run it with no command to open the interactive app.`,
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd, opts, "", flags)
		},
	}
	flags.register(root)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return inputError{flagError(cmd, err)}
	})
	opts.addFlags(root)
	addContentFlag(root)
	root.AddCommand(newListCmd(), newShowCmd(), newRunCmd(opts), newPlayCmd(opts),
		newAnswerCmd(opts), newQuestionsCmd(), newProgressCmd(opts), newReportCmd(),
		newValidateCmd(), newNewCmd())
	return root
}

var invalidFlagRE = regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: `)

// flagError rewrites pflag's parse errors, which quote strconv, into a
// message that names the flag, the value and what it takes.
func flagError(cmd *cobra.Command, err error) error {
	m := invalidFlagRE.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("%w (see `%s --help`)", err, cmd.CommandPath())
	}
	value, flag := m[1], m[2]
	want := "a valid value"
	name := strings.TrimLeft(strings.Split(flag, ",")[len(strings.Split(flag, ","))-1], "- ")
	if f := cmd.Flags().Lookup(name); f != nil {
		switch f.Value.Type() {
		case "uint64", "uint":
			want = "a whole number, 0 or more"
		case "int", "int64":
			want = "a whole number"
		case "bool":
			want = "true or false"
		case "duration":
			want = "a duration such as 30s"
		}
	}
	return fmt.Errorf("invalid value %q for %s: expected %s", value, flag, want)
}

// isUsageError reports errors cobra raises for a bad command line.
func isUsageError(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires ", "invalid argument"} {
		if len(msg) >= len(prefix) && msg[:len(prefix)] == prefix {
			return true
		}
	}
	return false
}
