package scoring

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"gameday/content"
)

func setup(t *testing.T) (*content.Checklist, *content.Drill) {
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
