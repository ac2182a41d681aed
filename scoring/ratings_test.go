package scoring

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"gameday/content"
)

func TestRatingFactor(t *testing.T) {
	for score, want := range []float64{0.5, 0.75, 1} {
		if got := RatingFactor(score); got != want {
			t.Errorf("RatingFactor(%d) = %v, want %v", score, got, want)
		}
	}
}

// rated returns the reference solution followed by the ratings, each at
// 4m, after every reference move.
func rated(d *content.Drill, ratings map[string]int) []content.Step {
	steps := append([]content.Step{}, d.Reference...)
	for concept, score := range ratings {
		steps = append(steps, content.Step{At: 4 * time.Minute, Rate: &content.Rating{Concept: concept, Score: score}})
	}
	return steps
}

func TestRatingsScaleConceptPoints(t *testing.T) {
	_, d := setup(t)
	plain := grade(t, d.Reference)
	sc := grade(t, rated(d, map[string]int{"timeouts": 0, "circuit-breakers": 1, "retries": 2}))

	byID := map[string]ConceptScore{}
	for _, c := range plain.Concepts {
		byID[c.ID] = c
	}
	wantSpoken := 0.0
	for _, c := range sc.Concepts {
		before := byID[c.ID]
		switch c.ID {
		case "timeouts", "circuit-breakers":
			factor := map[string]float64{"timeouts": 0.5, "circuit-breakers": 0.75}[c.ID]
			if want := math.Round(before.Points*factor*10) / 10; c.Points != want {
				t.Errorf("%s: points %v after the rating, want %v (%v × %v)", c.ID, c.Points, want, before.Points, factor)
			}
			wantSpoken += before.Points*factor - before.Points
			if !strings.Contains(c.Note, "spoken explanation rated") {
				t.Errorf("%s: note %q, want it to name the rating", c.ID, c.Note)
			}
		case "retries":
			if c.Points != before.Points {
				t.Errorf("retries rated 2: points %v, want them unchanged at %v", c.Points, before.Points)
			}
		default:
			if c.Points != before.Points || c.Rating != nil {
				t.Errorf("%s: unrated, but points %v (was %v), rating %v", c.ID, c.Points, before.Points, c.Rating)
			}
		}
		if c.Demonstrated != before.Demonstrated {
			t.Errorf("%s: demonstrated %v with ratings, %v without; ratings must not change it", c.ID, c.Demonstrated, before.Demonstrated)
		}
	}
	if math.Abs(sc.Breakdown.Spoken-wantSpoken) > 0.1 {
		t.Errorf("Breakdown.Spoken = %v, want about %v", sc.Breakdown.Spoken, wantSpoken)
	}
	if sc.Breakdown.Rated != 3 {
		t.Errorf("Breakdown.Rated = %d, want 3", sc.Breakdown.Rated)
	}
	if sc.Breakdown.Outcome != plain.Breakdown.Outcome || sc.Breakdown.SLO != plain.Breakdown.SLO {
		t.Errorf("outcome %v and SLO %v with ratings, %v and %v without; ratings must not change them",
			sc.Breakdown.Outcome, sc.Breakdown.SLO, plain.Breakdown.Outcome, plain.Breakdown.SLO)
	}
	if sc.Breakdown.Concepts != plain.Breakdown.Concepts {
		t.Errorf("Breakdown.Concepts = %v, want the unrated %v; the rating shows as spoken", sc.Breakdown.Concepts, plain.Breakdown.Concepts)
	}
	if want := int(math.Round(plain.Breakdown.total() + wantSpoken)); sc.Score != want {
		t.Errorf("score %d, want %d", sc.Score, want)
	}
	if sc.Level != plain.Level {
		t.Errorf("level %q with ratings, %q without", sc.Level, plain.Level)
	}
	if text := sc.Breakdown.Text(sc.Score); !strings.Contains(text, "spoken") {
		t.Errorf("breakdown text %q, want the spoken term", text)
	}
	if text := plain.Breakdown.Text(plain.Score); strings.Contains(text, "spoken") {
		t.Errorf("breakdown text %q mentions spoken explanations, but none were rated", text)
	}
}

func TestLaterRatingReplacesEarlier(t *testing.T) {
	_, d := setup(t)
	steps := append([]content.Step{}, d.Reference...)
	steps = append(steps,
		content.Step{At: 3 * time.Minute, Rate: &content.Rating{Concept: "timeouts", Score: 0}},
		content.Step{At: 4 * time.Minute, Rate: &content.Rating{Concept: "timeouts", Score: 2}},
	)
	sc := grade(t, steps)
	plain := grade(t, d.Reference)
	for i, c := range sc.Concepts {
		if c.ID != "timeouts" {
			continue
		}
		if c.Rating == nil || *c.Rating != 2 {
			t.Errorf("timeouts rating %v, want the later 2", c.Rating)
		}
		if c.Points != plain.Concepts[i].Points {
			t.Errorf("timeouts points %v, want the unrated %v after a rating of 2", c.Points, plain.Concepts[i].Points)
		}
	}
}

func TestRatingWithoutMoveEarnsNothing(t *testing.T) {
	sc := grade(t, []content.Step{{At: time.Minute, Rate: &content.Rating{Concept: "timeouts", Score: 2}}})
	nothing := grade(t, nil)
	if sc.Score != nothing.Score {
		t.Errorf("a rating alone scores %d, doing nothing %d; talk without a move must earn nothing", sc.Score, nothing.Score)
	}
}

func TestRatingInJSON(t *testing.T) {
	_, d := setup(t)
	sc := grade(t, rated(d, map[string]int{"timeouts": 1}))
	data, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Breakdown struct {
			Spoken float64 `json:"spoken"`
			Rated  int     `json:"rated_concepts"`
		} `json:"breakdown"`
		Concepts []struct {
			ID     string `json:"id"`
			Rating *int   `json:"rating"`
		} `json:"concepts"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	for _, c := range out.Concepts {
		switch {
		case c.ID == "timeouts" && (c.Rating == nil || *c.Rating != 1):
			t.Errorf("timeouts rating %v in JSON, want 1", c.Rating)
		case c.ID != "timeouts" && c.Rating != nil:
			t.Errorf("%s rating %v in JSON, want null", c.ID, *c.Rating)
		}
	}
	if out.Breakdown.Rated != 1 || out.Breakdown.Spoken >= 0 {
		t.Errorf("breakdown spoken %v, rated %d; want a negative spoken term for 1 rating", out.Breakdown.Spoken, out.Breakdown.Rated)
	}
}
