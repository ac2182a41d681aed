package scoring

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"gameday/content"
)

// drillsFor returns every drill, or only the smallest in -short mode, which
// CI uses under the race detector: the plain test run grades them all.
func drillsFor(lib *content.Library) []*content.Drill {
	if testing.Short() {
		return []*content.Drill{lib.Drill("payment-provider-hangs")}
	}
	return lib.Drills
}

func TestBuiltinDrillsScoreBetweenNothingAndReference(t *testing.T) {
	lib := questionLib(t)
	for _, d := range drillsFor(lib) {
		t.Run(d.ID, func(t *testing.T) {
			t.Parallel()
			ref, err := Grade(&lib.Checklist, d, d.Seed, d.Reference)
			if err != nil {
				t.Fatal(err)
			}
			if ref.Score < 90 {
				t.Errorf("reference scores %d, want at least 90", ref.Score)
			}
			nothing, err := Grade(&lib.Checklist, d, d.Seed, nil)
			if err != nil {
				t.Fatal(err)
			}
			if nothing.Score > 10 {
				t.Errorf("doing nothing scores %d, want at most 10", nothing.Score)
			}
		})
	}
}

// Every wrong variant, played alone right after the first fault, scores
// below doing nothing, even one that happens to help the outcome.
func TestEachWrongMoveScoresBelowNothing(t *testing.T) {
	lib := questionLib(t)
	for _, d := range drillsFor(lib) {
		t.Run(d.ID, func(t *testing.T) {
			t.Parallel()
			nothing, err := Grade(&lib.Checklist, d, d.Seed, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range d.Actions {
				for _, v := range a.Variants {
					if v.Verdict != content.VerdictWrong {
						continue
					}
					step := content.Step{At: d.FirstFault() + 5*time.Second, Action: a.ID, Variant: v.ID}
					sc, err := Grade(&lib.Checklist, d, d.Seed, []content.Step{step})
					if err != nil {
						t.Fatal(err)
					}
					if sc.Score >= nothing.Score {
						t.Errorf("%s/%s alone scores %d, doing nothing %d; want below (breakdown %+v)",
							a.ID, v.ID, sc.Score, nothing.Score, sc.Breakdown)
					}
					if len(sc.Penalties) != 1 || sc.Penalties[0].Why == "" {
						t.Errorf("%s/%s: penalties %+v, want one with its reason", a.ID, v.ID, sc.Penalties)
					}
				}
			}
		})
	}
}

func TestWrongMoveThatHelpsEarnsNoOutcome(t *testing.T) {
	sc := grade(t, []content.Step{{At: 35 * time.Second, Action: "set-timeout", Variant: "500ms"}})
	if sc.Position <= 0.1 {
		t.Fatalf("a 500 ms timeout is placed at %.2f; this test needs a wrong move that helps", sc.Position)
	}
	if sc.CreditedPosition != 0 || sc.Breakdown.Outcome != 0 {
		t.Errorf("credited position %.2f and %.1f outcome points for a wrong move alone, want 0 and 0", sc.CreditedPosition, sc.Breakdown.Outcome)
	}
	if !strings.Contains(strings.Join(sc.Missed, "\n"), "wrong moves earned no outcome") {
		t.Errorf("missed does not explain the withheld outcome points: %q", sc.Missed)
	}
}

func TestSoundMovesKeepCreditBesideWrongOnes(t *testing.T) {
	_, d := setup(t)
	steps := append([]content.Step{{At: 31 * time.Second, Action: "restart", Variant: "rolling"}}, d.Reference...)
	steps = append(steps, content.Step{At: 200 * time.Second, Action: "grow-pool", Variant: "400-threads"})
	sc := grade(t, steps)
	if sc.CreditedPosition < 0.9 {
		t.Errorf("credited position %.2f with the reference's moves made, want at least 0.9", sc.CreditedPosition)
	}
	if len(sc.Penalties) != 1 {
		t.Errorf("penalties %+v, want the pool only", sc.Penalties)
	}
}

func TestErrorBudgetComparesRuns(t *testing.T) {
	_, d := setup(t)
	sc := grade(t, d.Reference)
	if sc.ErrorBudget.Used != sc.Outcome.ErrorBudgetUsed || sc.ErrorBudget.Reference != sc.Reference.ErrorBudgetUsed {
		t.Errorf("error budget %+v does not match the runs (%v, %v)", sc.ErrorBudget, sc.Outcome.ErrorBudgetUsed, sc.Reference.ErrorBudgetUsed)
	}
	if sc.ErrorBudget.Reference > 100 {
		t.Errorf("the reference uses %.0f%% of the budget, want at most 100", sc.ErrorBudget.Reference)
	}
	if sc.ErrorBudget.Nothing <= 100 {
		t.Errorf("doing nothing uses %.0f%% of the budget, want more than 100", sc.ErrorBudget.Nothing)
	}
	if !strings.Contains(strings.Join(sc.WentWell, "\n"), "the reference solution used") {
		t.Errorf("went well does not compare the budgets: %q", sc.WentWell)
	}
}

func TestTimeToMitigatePerConcept(t *testing.T) {
	// The fault starts at 30 s; both actions have a 5 s delay.
	sc := grade(t, []content.Step{
		{At: 20 * time.Second, Action: "set-timeout", Variant: "2s"},
		{At: 40 * time.Second, Action: "add-breaker", Variant: "with-fallback"},
	})
	timeouts := conceptByID(t, sc, "timeouts")
	if !timeouts.Mitigated || timeouts.TimeToMitigate != 0 {
		t.Errorf("timeouts set before the fault: mitigated %v after %s, want 0", timeouts.Mitigated, timeouts.TimeToMitigate)
	}
	if !strings.Contains(timeouts.Note, "in place before the fault; the reference: 7s") {
		t.Errorf("timeouts note %q, want the prevention and the reference's 7s", timeouts.Note)
	}
	breakers := conceptByID(t, sc, "circuit-breakers")
	if breakers.TimeToMitigate != 15*time.Second {
		t.Errorf("breaker chosen at 0:40 with a 5 s delay mitigates after %s, want 15s", breakers.TimeToMitigate)
	}

	data, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"time_to_mitigate":"15s"`, `"time_to_mitigate":"0s"`, `"time_to_mitigate":null`, `"used_percent":`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}

func TestProbeNextAsksAboutMissedConcepts(t *testing.T) {
	_, d := setup(t)
	sc := grade(t, []content.Step{d.Reference[0]})
	if len(sc.ProbeNext) == 0 || !strings.HasPrefix(sc.ProbeNext[0], "You did not show circuit breakers with a fallback.") {
		t.Errorf("probe next %q, want the missed breaker first", sc.ProbeNext)
	}
	if ref := grade(t, d.Reference); strings.HasPrefix(ref.ProbeNext[0], "You did not show") {
		t.Errorf("the reference is probed on a concept it showed: %q", ref.ProbeNext[0])
	}
}
