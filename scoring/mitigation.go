package scoring

import (
	"fmt"
	"time"

	"gameday/content"
	"gameday/drills"
)

// ErrorBudget puts the error budget the player used next to what doing
// nothing and the reference solution used, each as a percentage of the
// budget the SLO allows in its window. Above 100 the SLO is missed.
type ErrorBudget struct {
	Used      float64 `json:"used_percent"`
	Reference float64 `json:"reference_percent"`
	Nothing   float64 `json:"do_nothing_percent"`
}

// Text returns the budget as one sentence.
func (b ErrorBudget) Text() string {
	return fmt.Sprintf("You used %.0f%% of the error budget; the reference solution used %.0f%%, doing nothing %.0f%%.",
		b.Used, b.Reference, b.Nothing)
}

// timeToMitigate returns how long after the first fault a move's change
// starts rolling out: its time plus the action's delay, less the fault's
// start. A move made before the fault counts as 0.
func timeToMitigate(d *content.Drill, at time.Duration, actionID string) time.Duration {
	start := at
	if a := d.Action(actionID); a != nil {
		start += a.Delay
	}
	return max(start-d.FirstFault(), 0)
}

// referenceTimes returns, per concept, the time to mitigate of the
// reference solution's first sound or weak move of that concept.
func referenceTimes(d *content.Drill) map[string]time.Duration {
	out := map[string]time.Duration{}
	for _, st := range d.Reference {
		a, v, err := d.Resolve(st)
		if err != nil || (v.Verdict != content.VerdictSound && v.Verdict != content.VerdictWeak) {
			continue
		}
		if _, seen := out[a.Concept]; !seen {
			out[a.Concept] = timeToMitigate(d, st.At, a.ID)
		}
	}
	return out
}

// mitigationNote returns how fast a concept was mitigated, next to the
// reference solution's time when it has one.
func mitigationNote(cs ConceptScore, reference map[string]time.Duration) string {
	s := fmt.Sprintf("mitigated %s after the fault", content.FormatDuration(cs.TimeToMitigate))
	if cs.TimeToMitigate == 0 {
		s = "in place before the fault"
	}
	if ref, ok := reference[cs.ID]; ok {
		s += fmt.Sprintf("; the reference: %s", content.FormatDuration(ref))
	}
	return s
}

// creditWithoutWrongMoves keeps wrong moves from earning outcome or SLO
// points: when the transcript has any, the run is replayed without them,
// and the outcome counts the worse of the two runs and the SLO points need
// both runs to meet it. So a run of wrong moves alone scores no better
// than doing nothing, less their penalties, even when a wrong move
// happens to help (a timeout below the healthy p99 still beats none).
func creditWithoutWrongMoves(sc *Scorecard, d *content.Drill, seed uint64, transcript []content.Step) error {
	sc.CreditedPosition = sc.Position
	sc.CreditedSLO = sc.SLOMet
	if len(sc.Penalties) == 0 {
		return nil
	}
	var kept []content.Step
	for _, st := range transcript {
		// Hints and injected faults stay: the run without the wrong moves
		// must face the same outage.
		if !st.IsAction() {
			kept = append(kept, st)
			continue
		}
		if _, v, err := d.Resolve(st); err == nil && v.Verdict != content.VerdictWrong {
			kept = append(kept, st)
		}
	}
	s, err := drills.Replay(d, seed, kept)
	if err != nil {
		return err
	}
	without := summarise(d, s)
	sc.CreditedPosition = min(sc.Position, position(sc.Nothing.Bad, sc.Reference.Bad, without.Bad))
	sc.CreditedSLO = sc.SLOMet && without.SLOMet
	return nil
}
