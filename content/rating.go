package content

import (
	"fmt"
	"slices"
	"strings"
)

// MaxRating is the highest score an interviewer can give a spoken
// explanation: 0 is missing or wrong, 1 is partial and 2 is complete.
const MaxRating = 2

// rateHow tells an author the scores a rating may have.
const rateHow = "rate the explanation 0 (missing or wrong), 1 (partial) or 2 (complete)"

// Rating is an interviewer's rating of the candidate's spoken explanation
// of one of the drill's concepts, kept as a step of the transcript.
type Rating struct {
	// Concept is the id of one of the drill's concepts.
	Concept string `yaml:"concept" json:"concept"`

	// Score is 0, 1 or 2 (MaxRating).
	Score int `yaml:"score" json:"score"`
}

// CheckRating returns an error when r does not name one of the drill's
// concepts or its score is not 0, 1 or 2.
func (d *Drill) CheckRating(r Rating) error {
	if field, msg := d.ratingProblem(r); msg != "" {
		return fmt.Errorf("rating %s %s", field, msg)
	}
	return nil
}

// ratingProblem returns the invalid field of a rating (concept or score)
// and what is wrong with it, or two empty strings.
func (d *Drill) ratingProblem(r Rating) (field, msg string) {
	if r.Concept == "" {
		return "concept", "is missing; expected one of the drill's concepts: " + strings.Join(d.Concepts, ", ")
	}
	if !slices.Contains(d.Concepts, r.Concept) {
		return "concept", fmt.Sprintf("%q is not a concept of drill %s; expected one of: %s", r.Concept, d.ID, strings.Join(d.Concepts, ", "))
	}
	if r.Score < 0 || r.Score > MaxRating {
		return "score", fmt.Sprintf("is %d; %s", r.Score, rateHow)
	}
	return "", ""
}
