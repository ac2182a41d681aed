package scoring

import (
	"strings"
	"testing"
	"time"

	"gameday/content"
	"gameday/sim"
)

func TestEachHintCostsPenalty(t *testing.T) {
	_, d := setup(t)
	plain := grade(t, d.Reference)

	hinted := append([]content.Step{{At: 31 * time.Second, Hint: true}, {At: 31 * time.Second, Hint: true}}, d.Reference...)
	sc := grade(t, hinted)

	if sc.Hints != 2 {
		t.Fatalf("Hints = %d, want 2", sc.Hints)
	}
	if sc.Breakdown.Hints != -2*HintPenalty {
		t.Fatalf("Breakdown.Hints = %v, want %d", sc.Breakdown.Hints, -2*HintPenalty)
	}
	if got, want := sc.Score, plain.Score-2*HintPenalty; got != want {
		t.Fatalf("score with two hints %d, want %d (%d without)", got, want, plain.Score)
	}
	if text := sc.Breakdown.Text(sc.Score); !strings.Contains(text, "-10 hints") {
		t.Fatalf("breakdown text %q, want the hints term", text)
	}
	if text := plain.Breakdown.Text(plain.Score); strings.Contains(text, "hints") {
		t.Fatalf("breakdown text %q mentions hints, but none were taken", text)
	}
}

func TestInjectedFaultReachesBaselines(t *testing.T) {
	inject := content.Step{At: 10 * time.Second, Inject: &sim.Fault{Kind: sim.FaultErrors, Target: "payments", ErrorPercent: 80, Duration: 15 * time.Second}}

	plain := grade(t, nil)
	sc := grade(t, []content.Step{inject})

	if sc.Nothing.Bad <= plain.Nothing.Bad {
		t.Fatalf("do nothing lost %d requests with the injected fault and %d without; want the fault in its run too", sc.Nothing.Bad, plain.Nothing.Bad)
	}
	if sc.Reference.Bad <= plain.Reference.Bad {
		t.Fatalf("reference lost %d requests with the injected fault and %d without; want the fault in its run too", sc.Reference.Bad, plain.Reference.Bad)
	}
	if sc.Outcome.Bad != sc.Nothing.Bad {
		t.Fatalf("the player did nothing but lost %d requests against %d for do nothing", sc.Outcome.Bad, sc.Nothing.Bad)
	}
}

func TestRationaleReachesReview(t *testing.T) {
	sc := grade(t, []content.Step{{At: 32 * time.Second, Action: "set-timeout", Variant: "2s", Rationale: "threads wait forever"}})
	if got := sc.Actions[0].Rationale; got != "threads wait forever" {
		t.Fatalf("rationale %q, want the one typed", got)
	}
}

func TestWrongMoveCreditKeepsInjectedFault(t *testing.T) {
	inject := content.Step{At: 10 * time.Second, Inject: &sim.Fault{Kind: sim.FaultErrors, Target: "payments", ErrorPercent: 80, Duration: 15 * time.Second}}
	// A timeout below the healthy p99 is wrong, but still beats none.
	wrong := content.Step{At: 32 * time.Second, Action: "set-timeout", Variant: "500ms"}
	sc := grade(t, []content.Step{inject, wrong})

	if sc.Position <= 0 {
		t.Fatalf("position %v; the test needs a wrong move that helps", sc.Position)
	}
	// Without the wrong move the run is the injected fault alone, which is
	// exactly doing nothing: no outcome credit.
	if sc.CreditedPosition > 0 {
		t.Fatalf("credited position %v, want at most 0: the run without the wrong move must keep the injected fault", sc.CreditedPosition)
	}
}
