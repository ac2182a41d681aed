package scoring

import (
	"fmt"
	"time"
)

// HistoryVersion is the version of the history record format this build
// writes and reads. A reader skips records of a newer version with a
// warning; a later version that changes the format migrates older
// records by this field.
const HistoryVersion = 1

// Kinds of history record.
const (
	KindDrill  = "drill"
	KindAnswer = "answer"
)

// Record is one line of the history file: a finished drill or a graded
// answer, in a form that later versions can still read.
type Record struct {
	Version int    `json:"version"`
	Kind    string `json:"kind"`

	// Time is when the drill finished or the answer was graded, as the
	// caller's clock gave it; scoring never reads the clock.
	Time time.Time `json:"time"`

	// User names who played, so several people's files can be merged.
	User string `json:"user"`

	// ID is the drill's id or the question's id, and Title its title or
	// question text.
	ID    string `json:"id"`
	Title string `json:"title"`

	// Score is 0 to 100, and Level the level id reached ("none" to
	// "principal").
	Score int    `json:"score"`
	Level string `json:"level"`

	// Seed, SLOMet and ErrorBudgetUsed are set for drills only.
	Seed            uint64  `json:"seed,omitempty"`
	SLOMet          bool    `json:"slo_met,omitempty"`
	ErrorBudgetUsed float64 `json:"error_budget_used_percent,omitempty"`

	// Concepts has the concepts with points at stake: a drill's graded
	// concepts, or an answer's rubric concepts.
	Concepts []ConceptResult `json:"concepts"`
}

// ConceptResult is one record's result for one concept.
type ConceptResult struct {
	ID           string  `json:"id"`
	Demonstrated bool    `json:"demonstrated"`
	Points       float64 `json:"points"`
	MaxPoints    float64 `json:"max_points"`
}

// Credit returns the share of the concept's points earned, 0 to 1.
func (c ConceptResult) Credit() float64 {
	if c.MaxPoints <= 0 {
		return 0
	}
	return min(max(c.Points/c.MaxPoints, 0), 1)
}

// DrillRecord returns the history record of a graded drill, finished at
// the time the caller passes.
func DrillRecord(sc *Scorecard, at time.Time, user string) Record {
	r := Record{
		Version: HistoryVersion, Kind: KindDrill, Time: at, User: user,
		ID: sc.Drill, Title: sc.Title, Score: sc.Score, Level: sc.LevelID,
		Seed: sc.Seed, SLOMet: sc.SLOMet, ErrorBudgetUsed: sc.ErrorBudget.Used,
		Concepts: []ConceptResult{},
	}
	for _, c := range sc.Concepts {
		if c.Graded {
			r.Concepts = append(r.Concepts, ConceptResult{ID: c.ID, Demonstrated: c.Demonstrated, Points: c.Points, MaxPoints: c.MaxPoints})
		}
	}
	return r
}

// AnswerRecord returns the history record of a graded answer. Each rubric
// concept's points are its credit, out of 1.
func AnswerRecord(g *AnswerGrade, at time.Time, user string) Record {
	r := Record{
		Version: HistoryVersion, Kind: KindAnswer, Time: at, User: user,
		ID: g.QuestionID, Title: g.Question, Score: g.Score, Level: g.LevelID,
		Concepts: []ConceptResult{},
	}
	for _, c := range g.Concepts {
		r.Concepts = append(r.Concepts, ConceptResult{ID: c.ID, Demonstrated: c.Credit >= fullCredit, Points: c.Credit, MaxPoints: 1})
	}
	return r
}

// validate returns what makes a decoded record unusable, or "".
func (r Record) validate() string {
	switch {
	case r.Version > HistoryVersion:
		return fmt.Sprintf("was written by a newer gameday (record version %d, this one reads up to %d); update gameday to read it", r.Version, HistoryVersion)
	case r.Version < 1:
		return fmt.Sprintf("has version %d; gameday's records start at 1", r.Version)
	case r.Kind != KindDrill && r.Kind != KindAnswer:
		return fmt.Sprintf("has kind %q; expected %q or %q", r.Kind, KindDrill, KindAnswer)
	case r.ID == "":
		return "has no id"
	case r.Time.IsZero():
		return "has no time"
	case r.Score < 0 || r.Score > 100:
		return fmt.Sprintf("has score %d; scores are 0 to 100", r.Score)
	}
	for _, c := range r.Concepts {
		if c.ID == "" {
			return "has a concept without an id"
		}
	}
	return ""
}
