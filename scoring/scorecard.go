// Package scoring grades a played drill against the mastery checklist. It
// is pure: it replays runs through the drills package and never reads the
// clock.
package scoring

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"gameday/content"
)

// Score weights, in points out of 100. A run that does nothing scores
// BasePoints, so a run that makes things worse can score below it.
// OutcomePoints scale with Position; SLOPoints go to a run that meets the
// SLO, because a run can lose few requests overall and still break it.
const (
	BasePoints    = 10
	OutcomePoints = 35
	SLOPoints     = 15
	ConceptPoints = 40

	// minPosition bounds how far below "do nothing" the outcome may count:
	// at most BasePoints are lost to a worse outcome.
	minPosition = -float64(BasePoints) / OutcomePoints
)

// Scorecard is the grade of one play of a drill.
type Scorecard struct {
	Drill string `json:"drill"`
	Title string `json:"title"`
	Seed  uint64 `json:"seed"`

	// Score is 0 to 100.
	Score int `json:"score"`

	// Level is the rung of the ladder reached, as a title ("Senior"), and
	// LevelID its id ("senior", or "none").
	Level   string `json:"level"`
	LevelID string `json:"level_id"`

	SLOMet bool `json:"slo_met"`

	// Window is the SLO window that SuccessRatio and P99Ms cover, as
	// duration strings ("2m0s").
	Window WindowText `json:"slo_window"`

	Outcome   Run `json:"outcome"`
	Nothing   Run `json:"do_nothing"`
	Reference Run `json:"reference"`

	// Position places the outcome between doing nothing (0) and the
	// reference solution (1), by requests that missed the SLO over the
	// whole drill. It may fall below 0 for a run worse than doing nothing.
	Position float64 `json:"position"`

	// CreditedPosition is the position the outcome points are computed
	// from: Position, or less when the run without its wrong moves is
	// placed lower, because wrong moves earn no outcome points. CreditedSLO
	// is whether the SLO points were earned: the SLO met both with and
	// without the wrong moves.
	CreditedPosition float64 `json:"credited_position"`
	CreditedSLO      bool    `json:"-"`

	// ErrorBudget compares the error budget used in the three runs.
	ErrorBudget ErrorBudget `json:"error_budget"`

	Breakdown Breakdown `json:"breakdown"`

	// Hints counts the hints the player took; each costs HintPenalty.
	Hints int `json:"hints"`

	// Concepts has all ten checklist concepts, in checklist order.
	Concepts []ConceptScore `json:"concepts"`

	Actions   []ActionReview `json:"actions"`
	Penalties []Penalty      `json:"penalties"`

	WentWell  []string `json:"went_well"`
	Missed    []string `json:"missed"`
	ProbeNext []string `json:"probe_next"`

	ModelAnswer string `json:"model_answer"`
}

// WindowText is a time window written as duration strings.
type WindowText struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Breakdown shows how the score adds up (before clamping to 0–100).
type Breakdown struct {
	Base      float64 `json:"base"`
	Outcome   float64 `json:"outcome"`
	SLO       float64 `json:"slo"`
	Concepts  float64 `json:"concepts"`
	Penalties float64 `json:"penalties"`
	Hints     float64 `json:"hints"`

	// Spoken is the change the interviewer's ratings of spoken
	// explanations made to the concept points, 0 or negative (see
	// RatingFactor). Rated is the number of concepts rated, 0 when the
	// drill was played without ratings.
	Spoken float64 `json:"spoken"`
	Rated  int     `json:"rated_concepts"`
}

// total returns the sum of the parts, before clamping.
func (b Breakdown) total() float64 {
	return b.Base + b.Outcome + b.SLO + b.Concepts + b.Spoken + b.Penalties + b.Hints
}

// Run summarises one simulated run of the drill.
type Run struct {
	// SuccessRatio is good responses (full or degraded) over all responses
	// in the SLO window.
	SuccessRatio float64 `json:"success_ratio"`

	// P99Ms is the 99th-percentile latency of good responses in the SLO
	// window, in ms; JSON null when there were none.
	P99Ms *float64 `json:"p99_ms"`

	SLOMet bool `json:"slo_met"`

	// Requests counts the requests that arrived over the whole drill, the
	// same in every run of one seed. Bad counts those that got no good
	// response by the end, or one slower than the SLO's p99 target. The
	// outcome score compares Bad across runs, so acting early counts even
	// before the SLO window opens.
	Requests int `json:"drill_requests"`
	Bad      int `json:"drill_bad_requests"`

	// ErrorBudgetUsed is the window's bad requests as a percentage of the
	// budget the SLO allows in it ((1 − target) × requests), to two
	// decimals. Above 100 the SLO is missed.
	ErrorBudgetUsed float64 `json:"error_budget_used_percent"`

	// Outcomes counts the SLO window's responses by outcome id.
	Outcomes map[string]int `json:"outcomes"`

	// Timeline is the share of good responses in each second, for charts.
	Timeline []float64 `json:"-"`
}

// ConceptScore is the grade of one checklist concept.
type ConceptScore struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Level string `json:"level"`

	// Exercised: the drill involves the concept. Graded: its reference
	// solution uses it, so points are at stake.
	Exercised bool `json:"exercised"`
	Graded    bool `json:"graded"`

	// Demonstrated: the player made a sound move of this concept, and it
	// had a measurable effect.
	Demonstrated bool `json:"demonstrated"`

	// Effect is the share of the reference's improvement over doing nothing
	// that this concept's moves accounted for in the player's run. It is
	// measured by replaying the run without them, and is zero when no sound
	// or weak move of the concept was made. NoEffect marks moves below the
	// minimum, which earn no credit.
	Effect   float64 `json:"effect"`
	NoEffect bool    `json:"no_effect"`

	// Points are the concept's points after the interviewer's rating, if
	// any, out of MaxPoints.
	Points    float64 `json:"points"`
	MaxPoints float64 `json:"max_points"`

	// Rating is the interviewer's rating of the candidate's spoken
	// explanation of the concept, 0 to content.MaxRating; nil (JSON null)
	// when it was not rated. It scales Points by RatingFactor.
	Rating *int `json:"rating"`

	// Mitigated is set when a move of this concept earned credit, and
	// TimeToMitigate is then the time from the first fault until that
	// move's change started rolling out (its delay included); 0 for a move
	// made before the fault. JSON writes it as a duration string, or null.
	Mitigated      bool          `json:"mitigated"`
	TimeToMitigate time.Duration `json:"-"`

	Note string `json:"note"`
}

// MarshalJSON writes TimeToMitigate as a duration string ("7s"), or null
// when the concept was not mitigated.
func (c ConceptScore) MarshalJSON() ([]byte, error) {
	type plain ConceptScore
	var ttm *string
	if c.Mitigated {
		s := content.FormatDuration(c.TimeToMitigate)
		ttm = &s
	}
	return json.Marshal(struct {
		plain
		TimeToMitigate *string `json:"time_to_mitigate"`
	}{plain(c), ttm})
}

// ActionReview is the verdict on one action the player took.
type ActionReview struct {
	At      time.Duration `json:"at"`
	Action  string        `json:"action"`
	Variant string        `json:"variant"`
	Title   string        `json:"title"`
	Concept string        `json:"concept"`
	Verdict string        `json:"verdict"`
	Why     string        `json:"why"`

	// Rationale is the player's reason for the move, as typed; empty when
	// none was given.
	Rationale string `json:"rationale,omitempty"`

	// ReplacedAt is when a later use of the same action replaced this
	// one's setting; zero when nothing replaced it.
	ReplacedAt time.Duration `json:"-"`

	// Timeliness is the share of credit kept for speed: 1 within the
	// drill's respond_within of the first fault, down to 0.5 at three times
	// that.
	Timeliness float64 `json:"timeliness"`
}

// Penalty is a wrong move and its cost.
type Penalty struct {
	At      time.Duration `json:"at"`
	Action  string        `json:"action"`
	Variant string        `json:"variant"`
	Points  int           `json:"points"`
	Why     string        `json:"why"`
}

// P99Text formats P99Ms for people: "624 ms", or "-" when the window had
// no good responses.
func (r Run) P99Text() string {
	if r.P99Ms == nil {
		return "-"
	}
	return fmt.Sprintf("%.0f ms", *r.P99Ms)
}

// MarshalJSON writes At as a duration string ("32s"), the form actions
// files use.
func (a ActionReview) MarshalJSON() ([]byte, error) {
	type plain ActionReview
	replaced := ""
	if a.ReplacedAt > 0 {
		replaced = content.FormatDuration(a.ReplacedAt)
	}
	return json.Marshal(struct {
		plain
		At         string `json:"at"`
		ReplacedAt string `json:"replaced_at,omitempty"`
	}{plain(a), content.FormatDuration(a.At), replaced})
}

// MarshalJSON writes At as a duration string ("32s").
func (p Penalty) MarshalJSON() ([]byte, error) {
	type plain Penalty
	return json.Marshal(struct {
		plain
		At string `json:"at"`
	}{plain(p), content.FormatDuration(p.At)})
}

// Text returns the breakdown as one line, saying when the total was
// clamped to the 0–100 range.
func (b Breakdown) Text(score int) string {
	total := b.total()
	s := fmt.Sprintf("%.0f base %+.1f outcome %+.0f SLO %+.1f concepts", b.Base, b.Outcome, b.SLO, b.Concepts)
	if b.Rated > 0 {
		s += fmt.Sprintf(" %+.1f spoken", b.Spoken)
	}
	s += fmt.Sprintf(" %+.0f penalties", b.Penalties)
	if b.Hints != 0 {
		s += fmt.Sprintf(" %+.0f hints", b.Hints)
	}
	s += fmt.Sprintf(" = %d", score)
	if math.Round(total) != float64(score) {
		s += fmt.Sprintf(" (the sum, %.1f, is kept within 0 to 100)", total)
	}
	return s
}
