package scoring

import (
	"math"
	"testing"
	"time"
)

func TestMasteryWeighsRecentAttempts(t *testing.T) {
	tests := []struct {
		name    string
		credits []float64
		want    float64
	}{
		{"one attempt", []float64{0.5}, 0.5},
		{"steady", []float64{1, 1, 1}, 1},
		// Ages 3, 2, 1, 0 attempts weigh 0.5, 0.5^(2/3), 0.5^(1/3) and 1.
		{"improving over a half-life", []float64{0, 0, 0, 1}, 1 / (0.5 + math.Pow(0.5, 2.0/3) + math.Pow(0.5, 1.0/3) + 1)},
		{"latest counts most", []float64{1, 0}, 1 / (1 + math.Pow(0.5, -1.0/3))},
	}
	for _, tc := range tests {
		want := math.Round(tc.want*1000) / 1000
		if got := mastery(tc.credits); got != want {
			t.Errorf("%s: mastery(%v) = %v, want %v", tc.name, tc.credits, got, want)
		}
	}
	if a, b := mastery([]float64{0, 1}), mastery([]float64{1, 0}); a <= b {
		t.Errorf("fail then pass gives %v, pass then fail %v; want the recent pass to weigh more", a, b)
	}
}

func TestStreakCountsConsecutiveDays(t *testing.T) {
	at := func(day, hour int) Record {
		return Record{Time: time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC)}
	}
	records := []Record{at(1, 9), at(2, 23), at(3, 8), at(3, 9), at(6, 12), at(7, 1)}
	tests := []struct {
		name             string
		now              time.Time
		current, longest int
	}{
		{"practised today", time.Date(2026, 3, 7, 20, 0, 0, 0, time.UTC), 2, 3},
		{"not yet today", time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC), 2, 3},
		{"missed a day", time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC), 0, 3},
		// At UTC+2, 2 March 23:00 UTC is already 3 March, and 7 March 01:00
		// is still 7 March: days 1, 3, 6, 7.
		{"another time zone", time.Date(2026, 3, 7, 20, 0, 0, 0, time.FixedZone("UTC+2", 2*3600)), 2, 2},
	}
	for _, tc := range tests {
		current, longest := streaks(records, tc.now)
		if current != tc.current || longest != tc.longest {
			t.Errorf("%s: streak %d, longest %d; want %d and %d", tc.name, current, longest, tc.current, tc.longest)
		}
	}
	if current, longest := streaks(nil, day0); current != 0 || longest != 0 {
		t.Errorf("empty history: streak %d, longest %d; want 0 and 0", current, longest)
	}
}

func TestProgressOfEmptyHistory(t *testing.T) {
	lib := questionLib(t)
	p := ComputeProgress(lib, nil, day0)
	if p.LevelID != "none" || p.StreakDays != 0 || len(p.Concepts) != 10 {
		t.Fatalf("empty history: level %s, streak %d, %d concepts", p.LevelID, p.StreakDays, len(p.Concepts))
	}
	if p.Weakest != "timeouts" {
		t.Errorf("weakest %q with no practice, want the first concept, timeouts", p.Weakest)
	}
	if p.NextDrill == nil || p.NextDrill.ID != "payment-provider-hangs" {
		t.Errorf("next drill %+v, want payment-provider-hangs, which trains timeouts", p.NextDrill)
	}
	if p.NextQuestion == nil || p.NextQuestion.ID != "choose-timeout" {
		t.Errorf("next question %+v, want choose-timeout, the one on timeouts alone", p.NextQuestion)
	}
}

func TestProgressAcrossDrillsAndAnswers(t *testing.T) {
	lib := questionLib(t)
	_, d := setup(t)
	ref := grade(t, d.Reference)
	records := []Record{
		DrillRecord(grade(t, nil), day0, "ada"),
		DrillRecord(ref, day0.Add(24*time.Hour), "ada"),
		answerRecordAt(t, day0.Add(25*time.Hour), "ada", "retry-policy", mustModelAnswer(t, "retry-policy")),
		answerRecordAt(t, day0.Add(48*time.Hour), "ada", "resilient-systems", nineConcepts),
	}
	p := ComputeProgress(lib, records, day0.Add(50*time.Hour))
	if p.Drills != 2 || p.Answers != 2 || len(p.Scores) != 4 {
		t.Errorf("drills %d, answers %d, %d scores; want 2, 2 and 4", p.Drills, p.Answers, len(p.Scores))
	}
	if p.StreakDays != 3 {
		t.Errorf("streak %d days, want 3", p.StreakDays)
	}
	byID := map[string]ConceptMastery{}
	for _, c := range p.Concepts {
		byID[c.ID] = c
	}
	if c := byID["timeouts"]; c.Attempts != 3 || len(c.Trend) != 3 || c.Trend[0] != 0 || c.Mastery <= c.Trend[0] {
		t.Errorf("timeouts %+v, want 3 attempts rising from 0", c)
	}
	if c := byID["failover"]; c.Attempts != 1 || c.Mastery != 0 {
		t.Errorf("failover %+v, want one attempt at 0", c)
	}
	if p.Weakest != "failover" {
		t.Errorf("weakest %q, want failover (the only concept missed every time)", p.Weakest)
	}
	// Two built-in drills have failover as a primary concept; the
	// intermediate one ranks before the advanced one.
	if p.NextDrill == nil || p.NextDrill.ID != "primary-db-dies" {
		t.Errorf("next drill %+v, want primary-db-dies, the easiest unplayed drill training failover", p.NextDrill)
	}
	if p.NextQuestion == nil {
		t.Error("no next question for failover")
	}
	// Doing nothing at first still weighs on timeouts: 0, 1, 1 gives 0.74.
	if p.LevelID != "none" || byID["timeouts"].Mastery >= MasteredAt {
		t.Errorf("level %q with timeouts at %.3f, want none: Mid needs timeouts at %.1f", p.LevelID, byID["timeouts"].Mastery, MasteredAt)
	}

	// Without that run, every concept up to bulkheads is mastered; retries
	// comes from the answers alone, and failover blocks Staff.
	p = ComputeProgress(lib, records[1:], day0.Add(50*time.Hour))
	if p.LevelID != "strong-senior" {
		t.Errorf("level %q, want strong-senior", p.LevelID)
	}
}

func mustModelAnswer(t *testing.T, id string) string {
	t.Helper()
	q := questionLib(t).Questions.Question(id)
	if q == nil {
		t.Fatalf("no question %s", id)
	}
	return q.ModelAnswer
}
