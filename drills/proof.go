package drills

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"time"

	"gameday/content"
	"gameday/sim"
)

// A drill is proven by simulation: on every seed, doing nothing must miss
// the SLO, the reference solution must meet it, and each wrong or useless
// variant taken on its own must miss it. A useless variant must also
// change nothing material (see UselessTolerance). Every id the drill refers
// to must resolve, and two replays of the same seed must give identical
// metrics.

// UselessTolerance is how much a variant marked useless may change the
// outcome of doing nothing: the requests it saves or loses, over the whole
// drill, as a share of the requests the reference solution saves. A move
// that changes fewer than 5 % of them changes nothing a player or an
// interviewer would notice.
const UselessTolerance = 0.05

// DefaultProofSeeds is how many seeds a drill is proven on by default.
const DefaultProofSeeds = 5

// RunKind is the kind of steps a line of a proof plays.
type RunKind int

const (
	// RunNothing plays no action.
	RunNothing RunKind = iota
	// RunReference plays the drill's reference solution.
	RunReference
	// RunWrong plays one variant marked wrong, on its own.
	RunWrong
	// RunUseless plays one variant marked useless, on its own.
	RunUseless
)

// String returns the kind as the proof report writes it.
func (k RunKind) String() string {
	switch k {
	case RunReference:
		return "reference"
	case RunWrong:
		return "wrong"
	case RunUseless:
		return "useless"
	}
	return "do nothing"
}

// RunResult is one replay of a drill on one seed.
type RunResult struct {
	Seed uint64

	// Good is the share of requests with a good response (full or
	// degraded) in the SLO window, from 0 to 1.
	Good float64

	// P99 is the 99th percentile latency of the good responses in the SLO
	// window; zero when there were none.
	P99 time.Duration

	SLOMet bool

	// Lost counts the requests over the whole drill without a good
	// response within the SLO's latency target: the measure scoring
	// places a run by.
	Lost int
}

// ProofRun is one line of a proof: one set of steps replayed on every seed.
type ProofRun struct {
	Kind RunKind

	// Step is the move a wrong or useless run plays; zero otherwise.
	Step content.Step

	// Results has one entry per seed, in the order of Proof.Seeds.
	Results []RunResult
}

// Label names the run: "do nothing", "reference", or the move's
// action/variant ids.
func (r *ProofRun) Label() string {
	if r.Kind == RunWrong || r.Kind == RunUseless {
		return r.Step.Action + "/" + r.Step.Variant
	}
	return r.Kind.String()
}

// Proof is the result of proving one drill.
type Proof struct {
	Drill *content.Drill
	Seeds []uint64

	// MoveAt is when wrong and useless moves are played: the time of the
	// reference solution's first step, when a player who reads the
	// incident well acts.
	MoveAt time.Duration

	// Runs are do nothing, the reference, then each wrong or useless
	// variant in palette order.
	Runs []ProofRun

	// Failures are the checks the drill failed, one sentence each. The
	// drill is proven when there are none.
	Failures []string
}

// OK reports whether the drill is proven.
func (p *Proof) OK() bool { return len(p.Failures) == 0 }

// ProofSeeds returns n seeds to prove d on: the drill's own seed, then
// 101, 202, 303 and so on, skipping the drill's seed.
func ProofSeeds(d *content.Drill, n int) []uint64 {
	seeds := []uint64{d.Seed}
	for i := uint64(1); len(seeds) < n; i++ {
		if s := 101 * i; s != d.Seed {
			seeds = append(seeds, s)
		}
	}
	return seeds
}

// Prove replays d on every seed and checks what a drill must show. The
// replays run in parallel on every CPU, and the result does not depend on
// their order. An error means that a replay could not run at all. A
// failed check, such as a step that does not resolve, is a Failure.
func Prove(d *content.Drill, cl *content.Checklist, seeds []uint64) (*Proof, error) {
	if len(seeds) == 0 {
		return nil, fmt.Errorf("drill %s: no seeds to prove it on", d.ID)
	}
	p := &Proof{Drill: d, Seeds: seeds, MoveAt: firstStepAt(d)}
	p.Failures = referenceFailures(d, cl)
	if len(p.Failures) > 0 {
		return p, nil
	}

	p.Runs = []ProofRun{{Kind: RunNothing}, {Kind: RunReference}}
	for _, a := range d.Actions {
		for _, v := range a.Variants {
			kind := RunWrong
			switch v.Verdict {
			case content.VerdictWrong:
			case content.VerdictUseless:
				kind = RunUseless
			default:
				continue
			}
			p.Runs = append(p.Runs, ProofRun{Kind: kind, Step: content.Step{At: p.MoveAt, Action: a.ID, Variant: v.ID}})
		}
	}
	if err := p.replayAll(); err != nil {
		return nil, err
	}

	deterministic, err := replaysMatch(d, seeds[0])
	if err != nil {
		return nil, err
	}
	if !deterministic {
		p.fail("two replays of the reference solution on seed %d gave different metrics; the drill is not deterministic", seeds[0])
	}
	p.checkRuns()
	return p, nil
}

// steps returns what the run plays.
func (r *ProofRun) steps(d *content.Drill) []content.Step {
	switch r.Kind {
	case RunNothing:
		return nil
	case RunReference:
		return d.Reference
	}
	return []content.Step{r.Step}
}

// replayAll fills in every run's results, one replay per run and seed,
// on as many goroutines as there are CPUs.
func (p *Proof) replayAll() error {
	type job struct{ run, seed int }
	jobs := make(chan job)
	errs := make([]error, len(p.Runs)*len(p.Seeds))
	for i := range p.Runs {
		p.Runs[i].Results = make([]RunResult, len(p.Seeds))
	}

	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(errs)) {
		wg.Go(func() {
			for j := range jobs {
				run := &p.Runs[j.run]
				s, err := Replay(p.Drill, p.Seeds[j.seed], run.steps(p.Drill))
				if err != nil {
					errs[j.run*len(p.Seeds)+j.seed] = fmt.Errorf("drill %s, %s, seed %d: %w", p.Drill.ID, run.Label(), p.Seeds[j.seed], err)
					continue
				}
				run.Results[j.seed] = result(s, p.Seeds[j.seed])
			}
		})
	}
	for r := range p.Runs {
		for s := range p.Seeds {
			jobs <- job{r, s}
		}
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkRuns compares the runs with what the drill claims of them.
func (p *Proof) checkRuns() {
	nothing, reference := p.Runs[0], p.Runs[1]
	for i, seed := range p.Seeds {
		if r := nothing.Results[i]; r.SLOMet {
			p.fail("doing nothing meets the SLO on seed %d (%s); the drill needs no action", seed, resultText(r))
		}
		if r := reference.Results[i]; !r.SLOMet {
			p.fail("the reference solution misses the SLO on seed %d (%s; the SLO is %s)", seed, resultText(r), sloText(p.Drill))
		}
	}
	for _, run := range p.Runs[2:] {
		for i, seed := range p.Seeds {
			r := run.Results[i]
			if r.SLOMet {
				p.fail("%s %s alone meets the SLO on seed %d (%s); a %s move must not be enough", run.Kind, run.Label(), seed, resultText(r), run.Kind)
			}
			if run.Kind != RunUseless {
				continue
			}
			if change := p.UselessChange(run, i); change > UselessTolerance {
				p.fail("useless %s changes the requests lost by %.1f%% of the reference's improvement on seed %d (%d against %d for doing nothing); the limit is %.0f%%, so mark it wrong or weak, or make it change nothing", run.Label(), change*100, seed, r.Lost, nothing.Results[i].Lost, UselessTolerance*100)
			}
		}
	}
}

// UselessChange returns how much run changed the requests lost on the
// seed at index i, compared with doing nothing, as a share of the
// reference's improvement over doing nothing. It is never negative,
// because a move that makes things worse changes them as much as one that
// helps.
func (p *Proof) UselessChange(run ProofRun, i int) float64 {
	nothing, reference := p.Runs[0].Results[i], p.Runs[1].Results[i]
	scale := float64(max(nothing.Lost-reference.Lost, 1))
	diff := run.Results[i].Lost - nothing.Lost
	return float64(max(diff, -diff)) / scale
}

func (p *Proof) fail(format string, args ...any) {
	p.Failures = append(p.Failures, fmt.Sprintf(format, args...))
}

// referenceFailures checks that every id the drill refers to resolves:
// concepts against the checklist, reference steps against the palette,
// and fault targets and call edges against the system.
func referenceFailures(d *content.Drill, cl *content.Checklist) []string {
	var out []string
	for _, id := range d.Concepts {
		if cl.Concept(id) == nil {
			out = append(out, fmt.Sprintf("concept %q is not in the checklist", id))
		}
	}
	for _, id := range d.Primary {
		if !slices.Contains(d.Concepts, id) {
			out = append(out, fmt.Sprintf("main concept %q is not among the drill's concepts", id))
		}
	}
	for _, a := range d.Actions {
		if cl.Concept(a.Concept) == nil {
			out = append(out, fmt.Sprintf("action %s names concept %q, which is not in the checklist", a.ID, a.Concept))
		}
		for _, v := range a.Variants {
			for i, c := range v.Changes() {
				field := "effect"
				if i > 0 {
					field = fmt.Sprintf("also[%d]", i-1)
				}
				for _, p := range sim.ValidateChange(c, d.System) {
					out = append(out, fmt.Sprintf("action %s, variant %s: %s.%s", a.ID, v.ID, field, p))
				}
			}
		}
	}
	for i, st := range d.Reference {
		if _, _, err := d.Resolve(st); err != nil {
			out = append(out, fmt.Sprintf("reference step %d: %v", i+1, err))
		}
	}
	if len(d.Reference) == 0 {
		out = append(out, "the drill has no reference solution")
	}
	for _, p := range sim.ValidateSystem(d.System) {
		out = append(out, "system."+p.Error())
	}
	for i, f := range d.Faults {
		for _, p := range sim.ValidateFault(f, d.System) {
			out = append(out, fmt.Sprintf("faults[%d].%s", i, p))
		}
	}
	return out
}

// replaysMatch replays the reference solution twice on seed and reports
// whether both runs gave identical metrics.
func replaysMatch(d *content.Drill, seed uint64) (bool, error) {
	var runs [2]*Session
	for i := range runs {
		s, err := Replay(d, seed, d.Reference)
		if err != nil {
			return false, fmt.Errorf("drill %s, reference, seed %d: %w", d.ID, seed, err)
		}
		runs[i] = s
	}
	return reflect.DeepEqual(runs[0].Seconds(), runs[1].Seconds()) &&
		reflect.DeepEqual(runs[0].Totals(), runs[1].Totals()), nil
}

// result reads a finished replay.
func result(s *Session, seed uint64) RunResult {
	tot := s.Totals()
	r := RunResult{Seed: seed, Good: tot.GoodRatio(), SLOMet: s.SLOMet()}
	if tot.Good() > 0 {
		r.P99 = tot.P99
	}
	for _, sec := range s.Seconds() {
		r.Lost += sec.Arrivals - (sec.Good() - sec.Slow)
	}
	return r
}

// firstStepAt returns the time of the reference solution's first step, or
// the first fault's time when the drill has no reference.
func firstStepAt(d *content.Drill) time.Duration {
	if len(d.Reference) == 0 {
		return d.FirstFault()
	}
	at := d.Reference[0].At
	for _, st := range d.Reference {
		at = min(at, st.At)
	}
	return at
}

func resultText(r RunResult) string {
	if r.P99 == 0 {
		return fmt.Sprintf("%.2f%% good, no good responses for a p99", r.Good*100)
	}
	return fmt.Sprintf("%.2f%% good, p99 %s", r.Good*100, content.FormatDuration(r.P99.Round(time.Millisecond)))
}

func sloText(d *content.Drill) string {
	text := fmt.Sprintf("%g%% good", d.SLO.SuccessPercent)
	if d.SLO.P99 > 0 {
		text += " and p99 ≤ " + content.FormatDuration(d.SLO.P99)
	}
	return text
}
