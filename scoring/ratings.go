package scoring

import (
	"fmt"
	"math"

	"gameday/content"
)

// RatingFactor returns the share of a concept's points kept for an
// interviewer's rating of the spoken explanation, score (0 to
// content.MaxRating). The share is 0.5 + score/4: 0 halves the points, 1
// keeps three quarters and 2 keeps them in full.
//
// The move still counts most: a candidate who fixed the outage but could
// not say why keeps half the concept's points. A rating never adds points,
// so talk without a move earns nothing, and it never changes the outcome
// points, the SLO points or whether the concept was demonstrated.
func RatingFactor(score int) float64 {
	score = min(max(score, 0), content.MaxRating)
	return 0.5 + float64(score)/4
}

// rateConcept scales a graded concept's points by the interviewer's rating
// and returns the points the rating took off (0 or negative), before
// rounding. earned is the concept's points before the rating.
func rateConcept(cs *ConceptScore, score int, earned float64) float64 {
	cs.Rating = &score
	factor := RatingFactor(score)
	cs.Note += fmt.Sprintf("; spoken explanation rated %d/%d", score, content.MaxRating)
	if !cs.Graded {
		return 0
	}
	if earned > 0 {
		cs.Note += fmt.Sprintf(", so %.0f%% of the points", factor*100)
	}
	cs.Points = math.Round(earned*factor*10) / 10
	return earned*factor - earned
}
