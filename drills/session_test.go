package drills

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"gameday/content"
	"gameday/sim"
)

func builtin(t *testing.T) *content.Library {
	t.Helper()
	lib, err := content.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func TestReplayIsDeterministic(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	steps := []content.Step{
		{At: 33 * time.Second, Action: "set-timeout", Variant: "2s"},
		{At: 40 * time.Second, Action: "add-retries", Variant: "backoff"},
	}
	a, err := Replay(d, 42, steps)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Replay(d, 42, steps)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Seconds(), b.Seconds()) {
		t.Fatal("two replays with seed 42 gave different per-second metrics")
	}
	if !reflect.DeepEqual(a.Events(), b.Events()) {
		t.Fatal("two replays with seed 42 gave different event logs")
	}
}

// TestLivePlayMatchesReplay plays the way the UI does, in 0.5 s ticks with
// actions at whatever time the clock shows, and checks the transcript
// replays to the same metrics, which is what scoring relies on.
func TestLivePlayMatchesReplay(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	live, err := New(d, 7)
	if err != nil {
		t.Fatal(err)
	}
	for !live.Done() {
		live.AdvanceTo(live.Now() + 500*time.Millisecond)
		switch live.Now() {
		case 36500 * time.Millisecond:
			if err := live.Apply("set-timeout", "2s"); err != nil {
				t.Fatal(err)
			}
		case 41 * time.Second:
			if err := live.Apply("add-breaker", "with-fallback"); err != nil {
				t.Fatal(err)
			}
		}
	}

	replayed, err := Replay(d, 7, live.Transcript())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(live.Seconds(), replayed.Seconds()) {
		t.Fatal("replaying the live transcript gave different metrics")
	}
	if got := len(live.Transcript()); got != 2 {
		t.Fatalf("transcript has %d steps, want 2", got)
	}
}

func TestApplyRejectsUnknownIDs(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	s, err := New(d, 1)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		action, variant string
		want            string
	}{
		{"reboot-cloud", "", `"reboot-cloud" is not an action`},
		{"set-timeout", "5m", `"5m" is not a variant of action set-timeout`},
		{"set-timeout", "", "variant is missing"},
	}
	for _, tc := range tests {
		err := s.Apply(tc.action, tc.variant)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Apply(%q, %q) = %v, want an error containing %q", tc.action, tc.variant, err, tc.want)
		}
	}
	if len(s.Transcript()) != 0 {
		t.Fatal("a rejected action was recorded in the transcript")
	}
}

func TestApplyDefaultsLoneVariant(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	s, err := New(d, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply("grow-pool", ""); err != nil {
		t.Fatal(err)
	}
	if got := s.Transcript()[0].Variant; got != "400-threads" {
		t.Fatalf("recorded variant %q, want the action's only variant, 400-threads", got)
	}
}

func TestActionWaitsForItsDelay(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	s, err := New(d, 1)
	if err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(10 * time.Second)
	if err := s.Apply("scale-out", "8-pods"); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(14 * time.Second)
	if n := len(s.Pods()); n != 4 {
		t.Fatalf("%d pods 4 s after scaling out, want 4: the action has a 5 s delay", n)
	}
	s.AdvanceTo(15 * time.Second)
	if n := len(s.Pods()); n != 8 {
		t.Fatalf("%d pods 5 s after scaling out, want 8 (starting)", n)
	}
}

func TestAlertsFireAndResolve(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	s, err := Replay(d, 1, d.Reference)
	if err != nil {
		t.Fatal(err)
	}
	var fired, resolved []string
	for _, e := range s.Events() {
		switch e.Kind {
		case EventAlert:
			if e.At < d.FirstFault() {
				t.Fatalf("alert %q at %s, before the fault at %s", e.Text, e.At, d.FirstFault())
			}
			fired = append(fired, e.Text)
		case EventResolved:
			resolved = append(resolved, e.Text)
		}
	}
	if len(fired) == 0 || !strings.Contains(fired[0], "success") {
		t.Fatalf("alerts fired: %q, want the success-rate alert first", fired)
	}
	if len(resolved) == 0 {
		t.Fatal("no alert resolved after the reference solution")
	}
	if firing := s.Firing(); len(firing) != 0 {
		t.Fatalf("alerts still firing at the end: %q", firing)
	}
}

func TestEventsAreInTimeOrder(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	s, err := Replay(d, 3, d.Reference)
	if err != nil {
		t.Fatal(err)
	}
	events := s.Events()
	for i := 1; i < len(events); i++ {
		if events[i].At < events[i-1].At {
			t.Fatalf("event %d (%s, %q) comes after event %d at %s", i, events[i].At, events[i].Text, i-1, events[i-1].At)
		}
	}
}

func TestReplayRejectsUnsortedSteps(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	_, err := Replay(d, 1, []content.Step{
		{At: 50 * time.Second, Action: "set-timeout", Variant: "2s"},
		{At: 40 * time.Second, Action: "add-breaker", Variant: "with-fallback"},
	})
	if err == nil || !strings.Contains(err.Error(), "sort the steps") {
		t.Fatalf("Replay with unsorted steps: %v, want an error asking to sort them", err)
	}
}

func TestSessionStopsAtDrillEnd(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	s, err := New(d, 1)
	if err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(d.Duration + time.Hour)
	if s.Now() != d.Duration || !s.Done() {
		t.Fatalf("clock at %s after advancing past the end, want %s and done", s.Now(), d.Duration)
	}
	if got, want := len(s.Seconds()), int(d.Duration/time.Second); got != want {
		t.Fatalf("%d seconds of metrics, want %d", got, want)
	}
}

func TestApplyMakesEveryChangeOfAVariant(t *testing.T) {
	d := *builtin(t).Drill("payment-provider-hangs")
	d.Actions = slices.Clone(d.Actions)
	for i, a := range d.Actions {
		if a.ID != "scale-out" {
			continue
		}
		a.Variants = slices.Clone(a.Variants)
		a.Variants[0].Also = []sim.Change{{Workers: 300}}
		d.Actions[i] = a
	}
	s, err := New(&d, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply("scale-out", "8-pods"); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(10 * time.Second)
	if n, w := len(s.Pods()), s.Current().Workers; n != 8 || w != 300 {
		t.Fatalf("%d pods with %d workers after the move, want 8 pods (effect) with 300 workers (also)", n, w)
	}
}
