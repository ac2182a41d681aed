package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"gameday/content"
)

func newShowCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "Show a drill's briefing, SLO and action ids",
		Long: `Show a drill's briefing, its SLO and its action palette with the ids that
actions files use. Verdicts are not shown: finding the right moves is the
drill.`,
		Example: "  gameday show payment-provider-hangs",
		Args:    exactArgs(1, "a drill id, such as payment-provider-hangs"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, d, err := loadDrill(cmd, args[0])
			if err != nil {
				return err
			}
			printDrill(cmd.OutOrStdout(), d)
			return nil
		},
	}
}

// printDrill writes what a player may know before the drill: no verdicts,
// no interviewer notes, no reference solution.
func printDrill(w io.Writer, d *content.Drill) {
	fmt.Fprintf(w, "%s (%s)\n%s · %s of virtual time · concepts: %s\n\n",
		d.Title, d.ID, d.Difficulty, content.Clock(d.Duration), strings.Join(d.Concepts, ", "))
	fmt.Fprintln(w, strings.TrimSpace(d.Briefing))

	w2 := d.Window()
	fmt.Fprintf(w, "\nSLO: %g%% good responses", d.SLO.SuccessPercent)
	if d.SLO.P99 > 0 {
		fmt.Fprintf(w, " and p99 ≤ %s", d.SLO.P99)
	}
	if m := d.SLO.MaxWritesLost; m != nil {
		fmt.Fprintf(w, ", at most %d writes lost", *m)
	}
	fmt.Fprintf(w, ", from %s to %s.\n", content.Clock(w2.From), content.Clock(w2.To))

	fmt.Fprintln(w, "\nActions (action id, then its variant ids):")
	for _, a := range d.Actions {
		delay := ""
		if a.Delay > 0 {
			delay = fmt.Sprintf(" (starts %s after you choose it)", a.Delay)
		}
		fmt.Fprintf(w, "  %-14s %s%s\n", a.ID, a.Title, delay)
		for _, v := range a.Variants {
			fmt.Fprintf(w, "    %-16s %s\n", v.ID, v.Title)
		}
	}
	fmt.Fprintf(w, "\nAn actions file for `gameday run %s --actions FILE` lists steps such as:\n", d.ID)
	fmt.Fprintln(w, "  - {at: 45s, action: ACTION-ID, variant: VARIANT-ID}")
}
