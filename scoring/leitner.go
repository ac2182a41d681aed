package scoring

import (
	"cmp"
	"slices"
	"time"
)

// LeitnerBoxes is the number of Leitner boxes study cards move through.
// Every card starts in box 1.
const LeitnerBoxes = 5

// LeitnerIntervals gives, for each box from 1 to 5, how long after its
// last review a card is due again: box 1 at once, then 1, 3, 7 and 14
// days. The caller passes the time in; scoring never reads the clock.
var LeitnerIntervals = [LeitnerBoxes]time.Duration{
	0,
	24 * time.Hour,
	3 * 24 * time.Hour,
	7 * 24 * time.Hour,
	14 * 24 * time.Hour,
}

// GoodStudyScore is the answer score, out of 100, at and above which a
// card moves up one box; a lower score sends it back to box 1.
const GoodStudyScore = 70

// LeitnerVersion is the version of the study file format this build
// writes and reads.
const LeitnerVersion = 1

// Leitner is the spaced-repetition state of the study cards, one per
// checklist concept. The zero value has no cards reviewed; it is not safe
// for concurrent use.
type Leitner struct {
	Version int                    `json:"version"`
	Cards   map[string]LeitnerCard `json:"cards"`
}

// LeitnerCard is one card's place in the boxes.
type LeitnerCard struct {
	// Box is 1 to LeitnerBoxes; 0 in a card never reviewed means box 1.
	Box int `json:"box"`

	// Reviewed is when the card was last graded, as the caller's clock
	// gave it; zero when never.
	Reviewed time.Time `json:"reviewed"`

	// Reviews counts the graded answers, and LastScore is the latest
	// one's score (0 to 100).
	Reviews   int `json:"reviews"`
	LastScore int `json:"last_score"`
}

// Card returns the card of the concept id, in box 1 if never reviewed.
func (l *Leitner) Card(id string) LeitnerCard {
	c := l.Cards[id]
	if c.Box < 1 {
		c.Box = 1
	}
	return c
}

// Review files a graded answer to the card at the time given: a score of
// GoodStudyScore or more moves it up one box (box 5 stays in box 5), a
// lower one sends it back to box 1. It returns the updated card.
func (l *Leitner) Review(id string, score int, at time.Time) LeitnerCard {
	c := l.Card(id)
	if score >= GoodStudyScore {
		c.Box = min(c.Box+1, LeitnerBoxes)
	} else {
		c.Box = 1
	}
	c.Reviewed = at
	c.Reviews++
	c.LastScore = score
	if l.Cards == nil {
		l.Cards = map[string]LeitnerCard{}
	}
	l.Cards[id] = c
	return c
}

// DueAt returns when the card is next due: its last review plus its box's
// interval, or the zero time for a card never reviewed.
func (c LeitnerCard) DueAt() time.Time {
	if c.Reviewed.IsZero() {
		return time.Time{}
	}
	box := min(max(c.Box, 1), LeitnerBoxes)
	return c.Reviewed.Add(LeitnerIntervals[box-1])
}

// Due reports whether the card is due for review at the time given.
func (c LeitnerCard) Due(at time.Time) bool { return !c.DueAt().After(at) }

// Order returns the ids in review order at the time given: first the due
// cards, lowest box first, then the cards not yet due, soonest due first.
// Ties keep the order of ids, so the result is the same for the same
// state, ids and time.
func (l *Leitner) Order(ids []string, at time.Time) []string {
	out := slices.Clone(ids)
	slices.SortStableFunc(out, func(a, b string) int {
		ca, cb := l.Card(a), l.Card(b)
		da, db := ca.Due(at), cb.Due(at)
		switch {
		case da && !db:
			return -1
		case db && !da:
			return 1
		case da && db:
			return cmp.Compare(ca.Box, cb.Box)
		}
		return ca.DueAt().Compare(cb.DueAt())
	})
	return out
}
