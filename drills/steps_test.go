package drills

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"gameday/content"
	"gameday/sim"
)

func TestRationaleKeptOnOneLine(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	s, err := New(d, d.Seed)
	if err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(35 * time.Second)
	if err := s.ApplyWithRationale("set-timeout", "2s", "  threads stuck\non\tpayments \x1b[31m"); err != nil {
		t.Fatal(err)
	}
	got := s.Transcript()[0].Rationale
	if got != "threads stuck on payments [31m" {
		t.Fatalf("rationale %q, want it on one line without control characters", got)
	}

	long := strings.Repeat("é", MaxRationale+50)
	if err := s.ApplyWithRationale("set-timeout", "2s", long); err != nil {
		t.Fatal(err)
	}
	if n := len([]rune(s.Transcript()[1].Rationale)); n != MaxRationale {
		t.Fatalf("rationale of %d characters, want it cut to %d", n, MaxRationale)
	}
}

// hangsAt40s starts payment-provider-hangs and runs it to 0:40, just after
// the provider starts hanging at 0:30.
func hangsAt40s(t *testing.T, lib *content.Library) *Session {
	t.Helper()
	d := lib.Drill("payment-provider-hangs")
	s, err := New(d, d.Seed)
	if err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(40 * time.Second)
	return s
}

func TestHintsNameConceptThenAction(t *testing.T) {
	lib := builtin(t)
	s := hangsAt40s(t, lib)

	first := s.Hint(&lib.Checklist)
	if !strings.Contains(first, "Timeouts on every remote call") {
		t.Fatalf("first hint %q, want it to name the concept of the first reference move", first)
	}
	second := s.Hint(&lib.Checklist)
	if !strings.Contains(second, "Set a payment timeout") || !strings.Contains(second, "2 s") {
		t.Fatalf("second hint %q, want it to name the action and variant", second)
	}

	if err := s.Apply("set-timeout", "2s"); err != nil {
		t.Fatal(err)
	}
	third := s.Hint(&lib.Checklist)
	if !strings.Contains(third, "Circuit breakers") && !strings.Contains(third, "breaker") {
		t.Fatalf("third hint %q, want it to move on to the breaker once the timeout is set", third)
	}
	if got := s.Hints(); got != 3 {
		t.Fatalf("Hints() = %d, want 3", got)
	}

	var hintEvents int
	for _, e := range s.Events() {
		if e.Kind == EventHint {
			hintEvents++
		}
	}
	if hintEvents != 3 {
		t.Fatalf("%d hint events in the log, want 3", hintEvents)
	}
}

func TestRepeatedHintIsFree(t *testing.T) {
	lib := builtin(t)
	s := hangsAt40s(t, lib)
	s.Hint(&lib.Checklist)
	second := s.Hint(&lib.Checklist)

	if s.HintIsNew(&lib.Checklist) {
		t.Error("HintIsNew is true after both hints towards the same move")
	}
	if again := s.Hint(&lib.Checklist); again != second {
		t.Errorf("repeated hint %q, want the last one again, %q", again, second)
	}
	if got := s.Hints(); got != 2 {
		t.Errorf("Hints() = %d after a repeat, want 2: a repeat is not charged", got)
	}

	// Acting on the hint makes the next one new again.
	if err := s.Apply("set-timeout", "2s"); err != nil {
		t.Fatal(err)
	}
	if !s.HintIsNew(&lib.Checklist) {
		t.Error("HintIsNew is false once the hinted move is made")
	}
}

func TestInjectedFaultReplaysExactly(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	live, err := New(d, d.Seed)
	if err != nil {
		t.Fatal(err)
	}
	live.AdvanceTo(10 * time.Second)
	if err := live.Inject(sim.Fault{Kind: sim.FaultErrors, Target: "payments", ErrorPercent: 60, Duration: 10 * time.Second}); err != nil {
		t.Fatal(err)
	}
	live.AdvanceTo(15 * time.Second)
	live.Hint(&builtin(t).Checklist)
	live.AdvanceTo(d.Duration)

	steps := live.Transcript()
	want := []content.Step{
		{At: 10 * time.Second, Inject: &sim.Fault{Kind: sim.FaultErrors, Target: "payments", ErrorPercent: 60, Duration: 10 * time.Second}},
		{At: 15 * time.Second, Hint: true},
	}
	if !reflect.DeepEqual(steps, want) {
		t.Fatalf("transcript %+v, want %+v", steps, want)
	}

	replayed, err := Replay(d, d.Seed, steps)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(live.Seconds(), replayed.Seconds()) {
		t.Fatal("the replay of a transcript with an injected fault gives other metrics")
	}
	if got := replayed.Hints(); got != 1 {
		t.Fatalf("replay has %d hints, want 1", got)
	}
	if got := replayed.Injected(); len(got) != 1 || got[0].At != 10*time.Second {
		t.Fatalf("Injected() = %+v, want one fault at 10s", got)
	}

	plain, err := Replay(d, d.Seed, nil)
	if err != nil {
		t.Fatal(err)
	}
	if live.Seconds()[12].GoodRatio() >= plain.Seconds()[12].GoodRatio() {
		t.Fatalf("at 0:12 the injected errors left %.2f good, no lower than %.2f without them",
			live.Seconds()[12].GoodRatio(), plain.Seconds()[12].GoodRatio())
	}
}

func TestInjectRejectsUnknownTarget(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	s, err := New(d, d.Seed)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Inject(sim.Fault{Kind: sim.FaultHang, Target: "ledger"})
	if err == nil || !strings.Contains(err.Error(), "ledger") {
		t.Fatalf("inject on an unknown dependency: %v, want an error naming it", err)
	}
	if len(s.Transcript()) != 0 {
		t.Fatal("a rejected fault was kept in the transcript")
	}
}

func TestCatalogueFaultsAreValid(t *testing.T) {
	for _, d := range builtin(t).Drills {
		catalogue := FaultCatalogue(d)
		want := 2 + 6*len(d.System.Dependencies)
		for _, dep := range d.System.Dependencies {
			if dep.Kind == sim.LeafDatabase || dep.Kind == sim.LeafCache {
				want++
			}
		}
		if len(catalogue) != want {
			t.Fatalf("%s: %d catalogue faults, want %d: two for traffic, six per dependency and one more per database or cache", d.ID, len(catalogue), want)
		}
		for _, c := range catalogue {
			s, err := New(d, d.Seed)
			if err != nil {
				t.Fatal(err)
			}
			s.AdvanceTo(10 * time.Second)
			if err := s.Inject(c.Fault); err != nil {
				t.Errorf("%s: %q: %v", d.ID, c.Title, err)
			}
		}
	}
}
