package main

import (
	"errors"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"gameday/content"
	"gameday/scoring"
)

func newRunCmd(opts *globalOptions) *cobra.Command {
	var (
		actionsFile string
		reference   bool
		seed        uint64
		asJSON      bool
		record      bool
	)
	cmd := &cobra.Command{
		Use:   "run ID",
		Short: "Replay a drill headlessly and print the scorecard",
		Long: `Replay a drill without the interactive app and print its scorecard.

With --actions, the steps come from a YAML file, a list such as:

  - {at: 45s, action: restart, variant: rolling}
  - {at: 1m30.5s, action: scale-out, variant: 8-pods, rationale: "pods saturated"}

gameday show ID lists a drill's action and variant ids. The app saves
files in this form, with three more kinds of step: {at: 40s, hint: true} is
a hint the player took (each costs 5 points),
{at: 1m, inject: {kind: hang, target: payments, duration: 30s}} is a fault
an interviewer injected, which the "do nothing" and reference runs get too,
and {at: 2m, rate: {concept: timeouts, score: 1}} is an interviewer's
rating (0, 1 or 2) of the spoken explanation of one of the drill's
concepts, which keeps 0.5 + rating/4 of that concept's points.

With --reference, the drill's reference solution is played. With neither,
the drill runs with no actions ("do nothing").

With --record, the scorecard is appended to your history (see --data-dir),
so it counts in gameday progress. Without it nothing is written, so
scripts and CI can replay drills freely.`,
		Example: `  gameday run payment-provider-hangs --reference --json
  gameday run payment-provider-hangs --actions my-actions.yaml`,
		Args: exactArgs(1, "a drill id, such as payment-provider-hangs"),
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, d, err := loadDrill(cmd, args[0])
			if err != nil {
				return err
			}
			if actionsFile != "" && reference {
				return badInput("--actions and --reference both choose the steps; use one of them")
			}
			if cmd.Flags().Changed("actions") && actionsFile == "" {
				return badInput("--actions needs a file name; leave the flag out to run with no actions")
			}

			steps, err := chooseSteps(d, actionsFile, reference)
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("seed") {
				seed = d.Seed
			}
			if record {
				if err := opts.checkUser(); err != nil {
					return err
				}
			}
			sc, err := scoring.Grade(&lib.Checklist, d, seed, steps)
			if err != nil {
				return err
			}
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), sc); err != nil {
					return err
				}
			} else {
				printScorecard(cmd.OutOrStdout(), d, sc)
			}
			if !record {
				return nil
			}
			_, err = opts.record(scoring.DrillRecord(sc, opts.now(), opts.user()))
			return err
		},
	}
	cmd.Flags().StringVar(&actionsFile, "actions", "", "YAML file of steps to replay (a list of {at, action, variant, rationale}, hints, injected faults and ratings)")
	cmd.Flags().BoolVar(&reference, "reference", false, "replay the drill's reference solution")
	cmd.Flags().Var((*decimalUint64)(&seed), "seed", "random seed of the simulation, a whole number (default: the drill's seed, 1 unless it sets one)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the scorecard as one JSON object")
	cmd.Flags().BoolVar(&record, "record", false, "append the scorecard to the history file")
	return cmd
}

func chooseSteps(d *content.Drill, actionsFile string, reference bool) ([]content.Step, error) {
	switch {
	case reference:
		return d.Reference, nil
	case actionsFile == "":
		return nil, nil
	}
	data, err := readLimited(actionsFile)
	if err != nil {
		return nil, err
	}
	steps, err := content.ParseSteps(actionsFile, data, d)
	if err != nil {
		return nil, inputError{err}
	}
	return steps, nil
}

// readLimited reads a user's file, refusing one over content.MaxFileSize.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, badInput("actions file %s does not exist", path)
		}
		return nil, badInput("cannot read actions file: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, content.MaxFileSize+1))
	if err != nil {
		return nil, badInput("cannot read actions file %s: %v", path, err)
	}
	if len(data) > content.MaxFileSize {
		return nil, badInput("actions file %s is larger than %d bytes (1 MiB); is it the right file?", path, content.MaxFileSize)
	}
	return data, nil
}

// decimalUint64 is a flag value that reads a whole number in base 10 only,
// so "010" is ten, not the octal eight pflag's Uint64 would read.
type decimalUint64 uint64

func (d *decimalUint64) String() string { return strconv.FormatUint(uint64(*d), 10) }
func (d *decimalUint64) Type() string   { return "uint64" }

func (d *decimalUint64) Set(s string) error {
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return errors.New("not a whole number")
	}
	*d = decimalUint64(v)
	return nil
}

// noArgs rejects arguments to a command that takes none.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return badInput("%s takes no arguments; got %q (see `%s --help`)", cmd.Name(), strings.Join(args, " "), cmd.CommandPath())
	}
	return nil
}

// exactArgs is cobra.ExactArgs with a message that names the argument.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return badInput("%s takes %s; got %d arguments (see `gameday %s --help`)", cmd.Name(), what, len(args), cmd.Name())
		}
		return nil
	}
}
