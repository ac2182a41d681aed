package drills

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"gameday/content"
)

func TestRateRecordsLatestPerConcept(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	s, err := New(d, d.Seed)
	if err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(40 * time.Second)
	if err := s.Rate("timeouts", 1); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(time.Minute)
	if err := s.Rate("circuit-breakers", 0); err != nil {
		t.Fatal(err)
	}
	if err := s.Rate("timeouts", 2); err != nil {
		t.Fatal(err)
	}

	want := map[string]int{"timeouts": 2, "circuit-breakers": 0}
	if got := s.Ratings(); !reflect.DeepEqual(got, want) {
		t.Errorf("Ratings() = %v, want %v", got, want)
	}
	tr := s.Transcript()
	if len(tr) != 3 {
		t.Fatalf("transcript has %d steps, want 3 ratings", len(tr))
	}
	if tr[0].At != 40*time.Second || tr[0].Rate == nil || *tr[0].Rate != (content.Rating{Concept: "timeouts", Score: 1}) {
		t.Errorf("first step %+v, want timeouts rated 1 at 40s", tr[0])
	}
	for _, e := range s.Events() {
		if e.Kind == EventAction || strings.Contains(e.Text, "timeouts") {
			t.Errorf("event %q shows a rating in the candidate's incident log", e.Text)
		}
	}
}

func TestRateRejectsBadInput(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	s, err := New(d, d.Seed)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		concept string
		score   int
		want    string
	}{
		{"timeouts", 3, "rating score is 3"},
		{"timeouts", -1, "rating score is -1"},
		{"failover", 1, `"failover" is not a concept of drill payment-provider-hangs`},
		{"", 1, "rating concept is missing"},
	}
	for _, tc := range tests {
		err := s.Rate(tc.concept, tc.score)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Rate(%q, %d) = %v, want an error containing %q", tc.concept, tc.score, err, tc.want)
		}
	}
	if n := len(s.Transcript()); n != 0 {
		t.Errorf("transcript has %d steps after rejected ratings, want 0", n)
	}
}

func TestReplayKeepsRatings(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	steps := []content.Step{
		{At: 35 * time.Second, Action: "set-timeout", Variant: "2s"},
		{At: time.Minute, Rate: &content.Rating{Concept: "timeouts", Score: 0}},
		{At: 2 * time.Minute, Rate: &content.Rating{Concept: "retries", Score: 1}},
		{At: 3 * time.Minute, Rate: &content.Rating{Concept: "timeouts", Score: 2}},
	}
	s, err := Replay(d, d.Seed, steps)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"timeouts": 2, "retries": 1}
	if got := s.Ratings(); !reflect.DeepEqual(got, want) {
		t.Errorf("Ratings() after replay = %v, want %v", got, want)
	}
	if got := s.Transcript(); !reflect.DeepEqual(got, steps) {
		t.Errorf("transcript after replay:\n got %+v\nwant %+v", got, steps)
	}

	// Ratings change nothing in the simulation.
	plain, err := Replay(d, d.Seed, steps[:1])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.Totals(), plain.Totals()) {
		t.Error("a replay with ratings has other totals than the same actions without them")
	}
}

func TestReplayRejectsBadRating(t *testing.T) {
	d := builtin(t).Drill("payment-provider-hangs")
	steps := []content.Step{{At: time.Minute, Rate: &content.Rating{Concept: "timeouts", Score: 7}}}
	_, err := Replay(d, d.Seed, steps)
	if err == nil || !strings.Contains(err.Error(), "step 1 (rating of timeouts at 1m0s)") {
		t.Fatalf("Replay of a rating of 7: %v, want an error naming the step", err)
	}
}
