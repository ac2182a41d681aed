package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"gameday/content"
	"gameday/drills"
)

// proveSources proves every drill of the sources on the given number of
// seeds and prints a report per drill. It returns an error, for exit status 1, when
// a drill is not proven.
func proveSources(w io.Writer, sources []*source, seeds int) error {
	proven, total := 0, 0
	for _, src := range sources {
		for _, d := range src.drills {
			total++
			p, err := drills.Prove(d, src.checklist, drills.ProofSeeds(d, seeds))
			if err != nil {
				return fmt.Errorf("proving %s: %w", d.ID, err)
			}
			fmt.Fprintln(w)
			if err := printProof(w, p); err != nil {
				return err
			}
			if p.OK() {
				proven++
			}
		}
	}
	fmt.Fprintln(w)
	if proven < total {
		return fmt.Errorf("%d of %s not proven; see the failures above", total-proven, plural(total, "drill"))
	}
	fmt.Fprintf(w, "%s proven on %s each.\n", plural(total, "drill"), plural(seeds, "seed"))
	return nil
}

// printProof writes one drill's proof: a line per run with its ranges over
// the seeds, then the verdict and any failures.
func printProof(w io.Writer, p *drills.Proof) error {
	d := p.Drill
	seeds := make([]string, len(p.Seeds))
	for i, s := range p.Seeds {
		seeds[i] = fmt.Sprint(s)
	}
	fmt.Fprintf(w, "%s (%s)\n", d.ID, d.File)
	fmt.Fprintf(w, "  SLO %g%% good", d.SLO.SuccessPercent)
	if d.SLO.P99 > 0 {
		fmt.Fprintf(w, " and p99 ≤ %s", content.FormatDuration(d.SLO.P99))
	}
	fmt.Fprintf(w, " from %s to %s; seeds %s; single moves at %s\n",
		content.Clock(d.Window().From), content.Clock(d.Window().To), strings.Join(seeds, ", "), content.PreciseClock(p.MoveAt))

	if len(p.Runs) > 0 {
		var table strings.Builder
		tw := tabwriter.NewWriter(&table, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  RUN\tSLO MET\tGOOD %\tP99\tREQUESTS LOST\t")
		for _, run := range p.Runs {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", runName(run), metCount(run), goodRange(run), p99Range(run), lostRange(run), uselessNote(p, run))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		// The last column is empty on most lines, so the padding is dropped.
		for _, line := range strings.Split(strings.TrimSuffix(table.String(), "\n"), "\n") {
			fmt.Fprintln(w, strings.TrimRight(line, " "))
		}
	}

	if p.OK() {
		fmt.Fprintln(w, "  proven")
		return nil
	}
	fmt.Fprintln(w, "  NOT PROVEN:")
	for _, f := range p.Failures {
		fmt.Fprintln(w, "  - "+f)
	}
	return nil
}

func runName(run drills.ProofRun) string {
	if run.Kind == drills.RunWrong || run.Kind == drills.RunUseless {
		return run.Kind.String() + " " + run.Label()
	}
	return run.Label()
}

func metCount(run drills.ProofRun) string {
	met := 0
	for _, r := range run.Results {
		if r.SLOMet {
			met++
		}
	}
	return fmt.Sprintf("%d of %d", met, len(run.Results))
}

// goodRange writes the lowest and highest success share over the seeds.
func goodRange(run drills.ProofRun) string {
	return span(run.Results, func(r drills.RunResult) float64 { return r.Good * 100 }, func(v float64) string { return fmt.Sprintf("%.2f", v) })
}

// p99Range writes the lowest and highest p99 over the seeds; "-" stands
// for a run without good responses.
func p99Range(run drills.ProofRun) string {
	return span(run.Results, func(r drills.RunResult) float64 { return float64(r.P99) }, func(v float64) string {
		if v == 0 {
			return "-"
		}
		return content.FormatDuration(time.Duration(v).Round(time.Millisecond))
	})
}

func lostRange(run drills.ProofRun) string {
	return span(run.Results, func(r drills.RunResult) float64 { return float64(r.Lost) }, func(v float64) string { return fmt.Sprintf("%.0f", v) })
}

// uselessNote writes, for a useless run, its largest change over the seeds
// against the tolerance.
func uselessNote(p *drills.Proof, run drills.ProofRun) string {
	if run.Kind != drills.RunUseless {
		return ""
	}
	worst := 0.0
	for i := range run.Results {
		worst = max(worst, p.UselessChange(run, i))
	}
	return fmt.Sprintf("changes %.1f%% (limit %.0f%%)", worst*100, drills.UselessTolerance*100)
}

// span writes "low–high" of value over results, or one value when all
// are the same once formatted.
func span(results []drills.RunResult, value func(drills.RunResult) float64, format func(float64) string) string {
	if len(results) == 0 {
		return ""
	}
	low, high := value(results[0]), value(results[0])
	for _, r := range results[1:] {
		low, high = min(low, value(r)), max(high, value(r))
	}
	if format(low) == format(high) {
		return format(low)
	}
	return format(low) + "–" + format(high)
}
