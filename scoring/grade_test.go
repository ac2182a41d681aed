package scoring

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"gameday/content"
)

func setup(t testing.TB) (*content.Checklist, *content.Drill) {
	t.Helper()
	lib, err := content.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return &lib.Checklist, lib.Drill("payment-provider-hangs")
}

func grade(t *testing.T, steps []content.Step) *Scorecard {
	t.Helper()
	cl, d := setup(t)
	sc, err := Grade(cl, d, d.Seed, steps)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestReferenceScoresAtLeast90(t *testing.T) {
	_, d := setup(t)
	sc := grade(t, d.Reference)
	if sc.Score < 90 {
		t.Fatalf("reference scores %d, want at least 90 (breakdown %+v)", sc.Score, sc.Breakdown)
	}
	if !sc.SLOMet {
		t.Fatal("reference misses the SLO")
	}
	if sc.Level != "Senior" {
		t.Fatalf("reference reaches level %q, want Senior (timeouts and circuit breakers)", sc.Level)
	}
	if sc.Position != 1 {
		t.Fatalf("reference position %v, want exactly 1", sc.Position)
	}
}

func TestDoingNothingScoresAtMost10(t *testing.T) {
	sc := grade(t, nil)
	if sc.Score > 10 {
		t.Fatalf("doing nothing scores %d, want at most 10", sc.Score)
	}
	if sc.SLOMet {
		t.Fatal("doing nothing meets the SLO")
	}
	if sc.LevelID != "none" {
		t.Fatalf("doing nothing reaches level %q, want none", sc.LevelID)
	}
	for _, c := range sc.Concepts {
		if c.Demonstrated || c.Points != 0 {
			t.Fatalf("concept %s: demonstrated %v with %v points after doing nothing", c.ID, c.Demonstrated, c.Points)
		}
	}
}

func TestHarmfulOnlyScoresBelowNothing(t *testing.T) {
	nothing := grade(t, nil)
	harmful := grade(t, []content.Step{
		{At: 35 * time.Second, Action: "restart", Variant: "all-at-once"},
		{At: 36 * time.Second, Action: "grow-pool", Variant: "400-threads"},
	})
	if harmful.Score >= nothing.Score {
		t.Fatalf("harmful moves score %d, doing nothing %d; want harmful below", harmful.Score, nothing.Score)
	}
	if len(harmful.Penalties) != 2 {
		t.Fatalf("%d penalties, want 2", len(harmful.Penalties))
	}
}

func TestPenaltyOncePerVariant(t *testing.T) {
	sc := grade(t, []content.Step{
		{At: 35 * time.Second, Action: "restart", Variant: "all-at-once"},
		{At: 60 * time.Second, Action: "restart", Variant: "all-at-once"},
	})
	if len(sc.Penalties) != 1 || sc.Penalties[0].Points != content.DefaultPenalty {
		t.Fatalf("penalties %+v, want one of %d points", sc.Penalties, content.DefaultPenalty)
	}
}

func TestScorecardCoversAllTenConcepts(t *testing.T) {
	cl, _ := setup(t)
	sc := grade(t, nil)
	if len(sc.Concepts) != len(cl.Concepts) || len(sc.Concepts) != 10 {
		t.Fatalf("%d concepts on the scorecard, want all 10", len(sc.Concepts))
	}
	notes := map[string]string{}
	for _, c := range sc.Concepts {
		notes[c.ID] = c.Note
	}
	if notes["failover"] != "not exercised" {
		t.Fatalf("failover note %q, want \"not exercised\"", notes["failover"])
	}
	if notes["timeouts"] != "missed: no action of this concept was taken" {
		t.Fatalf("timeouts note %q, want it marked missed", notes["timeouts"])
	}
}

func TestWeakVariantEarnsHalf(t *testing.T) {
	_, d := setup(t)
	steps := []content.Step{
		{At: 32 * time.Second, Action: "set-timeout", Variant: "30s"},
		d.Reference[1],
	}
	sc := grade(t, steps)
	for _, c := range sc.Concepts {
		if c.ID != "timeouts" {
			continue
		}
		if c.Demonstrated || c.Points != c.MaxPoints/2 {
			t.Fatalf("timeouts with a weak 30 s timeout: demonstrated %v, %v of %v points; want not demonstrated, half points",
				c.Demonstrated, c.Points, c.MaxPoints)
		}
	}
	if sc.LevelID != "none" {
		t.Fatalf("level %q with a weak timeout, want none: Mid needs timeouts demonstrated", sc.LevelID)
	}
}

func TestLateActionsLoseCreditAndSLO(t *testing.T) {
	_, d := setup(t)
	late := 100 * time.Second
	sc := grade(t, []content.Step{
		{At: late, Action: "set-timeout", Variant: "2s"},
		{At: late, Action: "add-breaker", Variant: "with-fallback"},
	})
	ref := grade(t, d.Reference)
	if sc.Score >= ref.Score {
		t.Fatalf("acting at %s scores %d, the reference %d; want less", late, sc.Score, ref.Score)
	}
	if sc.SLOMet {
		t.Fatal("acting 70 s after the fault still meets the SLO; the window should catch it")
	}
	if sc.Actions[0].Timeliness >= 1 {
		t.Fatalf("timeliness %v for an action 70 s after the fault, want below 1", sc.Actions[0].Timeliness)
	}
}

func TestTimeliness(t *testing.T) {
	_, d := setup(t) // fault at 30 s, respond within 30 s
	tests := []struct {
		at   time.Duration
		want float64
	}{
		{10 * time.Second, 1}, // before the fault: prevention
		{60 * time.Second, 1}, // at the limit
		{90 * time.Second, 0.75},
		{120 * time.Second, 0.5},
		{250 * time.Second, 0.5},
	}
	for _, tc := range tests {
		if got := timeliness(d, tc.at); got != tc.want {
			t.Errorf("timeliness at %s = %v, want %v", tc.at, got, tc.want)
		}
	}
}

func TestPosition(t *testing.T) {
	tests := []struct {
		name                     string
		nothing, reference, mine int
		want                     float64
	}{
		{"as bad as nothing", 1000, 100, 1000, 0},
		{"as good as reference", 1000, 100, 100, 1},
		{"halfway", 1000, 100, 550, 0.5},
		{"better than reference", 1000, 100, 50, 1},
		{"worse than nothing", 1000, 100, 1450, -0.5},
		{"reference no better: matched", 100, 100, 100, 1},
		{"reference no better: worse", 100, 100, 101, 0},
	}
	for _, tc := range tests {
		if got := position(tc.nothing, tc.reference, tc.mine); got != tc.want {
			t.Errorf("%s: position = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestGradeIsDeterministic(t *testing.T) {
	steps := []content.Step{{At: 40 * time.Second, Action: "set-timeout", Variant: "2s"}}
	a, b := grade(t, steps), grade(t, steps)
	if a.Score != b.Score || a.Outcome.Bad != b.Outcome.Bad || a.Outcome.P99Text() != b.Outcome.P99Text() {
		t.Fatalf("two grades of the same run differ: %d/%d bad %d/%d", a.Score, b.Score, a.Outcome.Bad, b.Outcome.Bad)
	}
}

func TestScorecardJSONWritesDurations(t *testing.T) {
	sc := grade(t, []content.Step{{At: 35 * time.Second, Action: "restart", Variant: "all-at-once"}})
	data, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), `"at":"35s"`); n != 2 {
		t.Fatalf("found %d times \"at\":\"35s\" (the action and its penalty), want 2:\n%s", n, data)
	}
}

func conceptByID(t *testing.T, sc *Scorecard, id string) ConceptScore {
	t.Helper()
	for _, c := range sc.Concepts {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no concept %s on the scorecard", id)
	return ConceptScore{}
}

func TestMoveWithoutEffectEarnsNothing(t *testing.T) {
	// A breaker with no timeout never records a failure: calls to a hung
	// provider never return, so it never trips.
	sc := grade(t, []content.Step{{At: 32 * time.Second, Action: "add-breaker", Variant: "with-fallback"}})
	c := conceptByID(t, sc, "circuit-breakers")
	if !c.NoEffect || c.Demonstrated || c.Points != 0 {
		t.Fatalf("breaker without a timeout: no_effect %v, demonstrated %v, %v points; want no effect, not demonstrated, 0",
			c.NoEffect, c.Demonstrated, c.Points)
	}
	if len(sc.WentWell) != 0 {
		t.Fatalf("went well lists %q for a move that changed nothing", sc.WentWell)
	}
	if sc.Score > 10 {
		t.Fatalf("a move that changed nothing scores %d, want no more than doing nothing (10)", sc.Score)
	}
}

func TestMovesAfterTheFaultEarnNothing(t *testing.T) {
	_, d := setup(t)
	sc := grade(t, []content.Step{
		{At: 290 * time.Second, Action: "set-timeout", Variant: "2s"},
		{At: 290 * time.Second, Action: "add-breaker", Variant: "with-fallback"},
	})
	for _, id := range []string{"timeouts", "circuit-breakers"} {
		if c := conceptByID(t, sc, id); c.Points != 0 || !c.NoEffect {
			t.Errorf("%s at 4:50, after the fault: %v points, no_effect %v; want 0 and true", id, c.Points, c.NoEffect)
		}
	}
	if ref := grade(t, d.Reference); conceptByID(t, ref, "timeouts").NoEffect {
		t.Fatal("the reference's timeout is marked as having no effect")
	}
}

func TestEffectOfReferenceMoves(t *testing.T) {
	_, d := setup(t)
	sc := grade(t, d.Reference)
	for _, id := range []string{"timeouts", "circuit-breakers"} {
		c := conceptByID(t, sc, id)
		if c.Effect < 0.5 {
			t.Errorf("%s in the reference accounts for %.2f of its improvement, want most of it", id, c.Effect)
		}
	}
}

func TestRepeatedMoveIsNotAReplacement(t *testing.T) {
	sc := grade(t, []content.Step{
		{At: 35 * time.Second, Action: "restart", Variant: "all-at-once"},
		{At: 40 * time.Second, Action: "restart", Variant: "all-at-once"},
		{At: 45 * time.Second, Action: "restart", Variant: "rolling"},
	})
	if sc.Actions[0].ReplacedAt != 45*time.Second {
		t.Fatalf("first restart replaced at %s, want 45s (by the rolling variant)", sc.Actions[0].ReplacedAt)
	}
	if strings.Contains(sc.Penalties[0].Why, "0:40") {
		t.Fatalf("penalty says the move was replaced by the same move at 0:40: %q", sc.Penalties[0].Why)
	}
}

func TestRequestTotalsIndependentOfMoves(t *testing.T) {
	_, d := setup(t)
	a := grade(t, nil)
	b := grade(t, d.Reference)
	if a.Outcome.Requests != b.Outcome.Requests || a.Outcome.Requests != a.Reference.Requests {
		t.Fatalf("whole-drill requests %d (nothing) and %d (reference), want equal: arrivals do not depend on moves",
			a.Outcome.Requests, b.Outcome.Requests)
	}
}

func TestScorecardJSONListsAreNeverNull(t *testing.T) {
	data, err := json.Marshal(grade(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"actions", "penalties", "went_well"} {
		if strings.Contains(string(data), `"`+field+`":null`) {
			t.Errorf("%s is null in the JSON, want []", field)
		}
	}
}

func TestBreakdownTextExplainsClamp(t *testing.T) {
	b := Breakdown{Base: 10, Outcome: -1.4, Penalties: -15}
	got := b.Text(0)
	if !strings.Contains(got, "10 base -1.4 outcome") || !strings.Contains(got, "kept within 0 to 100") {
		t.Fatalf("breakdown text %q, want signed terms and the clamp explained", got)
	}
}
