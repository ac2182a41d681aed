package scoring

import (
	"math"
	"slices"
	"time"

	"gameday/content"
)

// MasteryHalfLife is the recency weighting of mastery, in attempts: an
// attempt weighs half as much as one made MasteryHalfLife attempts of the
// same concept later. With 3, the latest attempt weighs 1, the fourth
// latest 0.5 and the seventh latest 0.25. Counting attempts rather than
// days keeps mastery the same whatever day it is read.
const MasteryHalfLife = 3

// MasteredAt is the mastery from which a concept counts as demonstrated
// across the history, for the level on the ladder.
const MasteredAt = 0.8

// Progress is a player's history summed up: mastery per concept, level,
// streak and what to practise next.
type Progress struct {
	Drills  int `json:"drills_played"`
	Answers int `json:"answers_graded"`

	// Level is the rung of the ladder reached across the history, as a
	// title, and LevelID its id: every concept at that level and below has
	// a mastery of at least MasteredAt.
	Level   string `json:"level"`
	LevelID string `json:"level_id"`

	// StreakDays counts consecutive calendar days with practice, up to
	// today or yesterday (so a streak is not lost before today's practice);
	// LongestStreakDays is the longest run in the history. Days are taken
	// in the time zone of the time passed to ComputeProgress.
	StreakDays        int    `json:"streak_days"`
	LongestStreakDays int    `json:"longest_streak_days"`
	LastPractice      string `json:"last_practice"`

	// Concepts has all ten checklist concepts, in checklist order.
	Concepts []ConceptMastery `json:"concepts"`

	// Weakest is the concept with the lowest mastery; never practised counts
	// as 0, and ties go to the earlier concept in the checklist. NextDrill
	// and NextQuestion train it; either is nil when none does.
	Weakest      string        `json:"weakest"`
	NextDrill    *DrillRef     `json:"next_drill"`
	NextQuestion *QuestionRef  `json:"next_question"`
	Scores       []ScoreRecord `json:"scores"`
}

// ConceptMastery is the mastery of one concept across the history.
type ConceptMastery struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Level string `json:"level"`

	// Mastery is the recency-weighted mean credit of the concept's
	// attempts, 0 to 1 (see MasteryHalfLife); 0 when never practised.
	Mastery  float64 `json:"mastery"`
	Attempts int     `json:"attempts"`

	// Trend is the mastery after each attempt, oldest first.
	Trend []float64 `json:"trend"`
}

// DrillRef names a drill to play next.
type DrillRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// QuestionRef names a question to answer next.
type QuestionRef struct {
	ID       string `json:"id"`
	Question string `json:"question"`
}

// ScoreRecord is one record's score, for charts of scores over time.
type ScoreRecord struct {
	Time  time.Time `json:"time"`
	Kind  string    `json:"kind"`
	ID    string    `json:"id"`
	Score int       `json:"score"`
}

// ComputeProgress sums up records, which must be sorted by time as
// ReadHistory returns them. now is the caller's clock, used only to date
// the streak; scoring never reads the clock itself.
func ComputeProgress(lib *content.Library, records []Record, now time.Time) Progress {
	p := Progress{Concepts: []ConceptMastery{}, Scores: []ScoreRecord{}}
	credits := map[string][]float64{}
	for _, r := range records {
		switch r.Kind {
		case KindDrill:
			p.Drills++
		case KindAnswer:
			p.Answers++
		}
		p.Scores = append(p.Scores, ScoreRecord{Time: r.Time, Kind: r.Kind, ID: r.ID, Score: r.Score})
		for _, c := range r.Concepts {
			credits[c.ID] = append(credits[c.ID], c.Credit())
		}
	}

	for _, c := range lib.Checklist.Concepts {
		cm := ConceptMastery{ID: c.ID, Title: c.Title, Level: c.LevelValue().Title(), Trend: []float64{}}
		for i := range credits[c.ID] {
			cm.Trend = append(cm.Trend, mastery(credits[c.ID][:i+1]))
		}
		cm.Attempts = len(cm.Trend)
		if cm.Attempts > 0 {
			cm.Mastery = cm.Trend[cm.Attempts-1]
		}
		p.Concepts = append(p.Concepts, cm)
	}

	level := historyLevel(&lib.Checklist, p.Concepts)
	p.Level, p.LevelID = level.Title(), level.String()
	p.StreakDays, p.LongestStreakDays = streaks(records, now)
	if len(records) > 0 {
		p.LastPractice = records[len(records)-1].Time.In(now.Location()).Format(time.DateOnly)
	}

	weakest := slices.MinFunc(p.Concepts, func(a, b ConceptMastery) int {
		switch {
		case a.Mastery < b.Mastery:
			return -1
		case a.Mastery > b.Mastery:
			return 1
		}
		return 0
	})
	p.Weakest = weakest.ID
	p.NextDrill = nextDrill(lib, records, weakest.ID)
	p.NextQuestion = nextQuestion(lib, records, weakest.ID)
	return p
}

// mastery returns the recency-weighted mean of credits, oldest first.
func mastery(credits []float64) float64 {
	sum, weights := 0.0, 0.0
	for i, c := range credits {
		age := len(credits) - 1 - i
		w := math.Pow(0.5, float64(age)/MasteryHalfLife)
		sum += w * c
		weights += w
	}
	return math.Round(sum/weights*1000) / 1000
}

// historyLevel walks the ladder: a level is credited once every concept at
// it and below has a mastery of at least MasteredAt.
func historyLevel(cl *content.Checklist, concepts []ConceptMastery) content.Level {
	reached := content.LevelNone
	for l := content.LevelMid; l <= content.LevelPrincipal; l++ {
		for i, c := range cl.Concepts {
			if c.LevelValue() == l && concepts[i].Mastery < MasteredAt {
				return reached
			}
		}
		reached = l
	}
	return reached
}

// streaks returns the current and the longest run of consecutive calendar
// days with at least one record, in now's time zone.
func streaks(records []Record, now time.Time) (current, longest int) {
	days := map[time.Time]bool{}
	for _, r := range records {
		days[dayOf(r.Time, now.Location())] = true
	}
	for d := range days {
		if days[d.AddDate(0, 0, -1)] {
			continue // not the first day of a run
		}
		n := 0
		for days[d.AddDate(0, 0, n)] {
			n++
		}
		longest = max(longest, n)
	}
	start := dayOf(now, now.Location())
	if !days[start] {
		start = start.AddDate(0, 0, -1)
	}
	for days[start.AddDate(0, 0, -current)] {
		current++
	}
	return current, longest
}

// dayOf returns midnight of t's calendar day in loc.
func dayOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// nextDrill returns the drill that trains the concept: one with it as a
// primary concept before one that only exercises it, then the one played
// least, then the easiest, then by id. Nil when no drill has the concept.
func nextDrill(lib *content.Library, records []Record, concept string) *DrillRef {
	played := map[string]int{}
	for _, r := range records {
		if r.Kind == KindDrill {
			played[r.ID]++
		}
	}
	var best *content.Drill
	rank := func(d *content.Drill) []int {
		primary := 1
		if slices.Contains(d.Primary, concept) {
			primary = 0
		}
		return []int{primary, played[d.ID], slices.Index(content.Difficulties, d.Difficulty)}
	}
	for _, d := range lib.Drills {
		if !slices.Contains(d.Concepts, concept) {
			continue
		}
		if best == nil || slices.Compare(rank(d), rank(best)) < 0 || (slices.Equal(rank(d), rank(best)) && d.ID < best.ID) {
			best = d
		}
	}
	if best == nil {
		return nil
	}
	return &DrillRef{ID: best.ID, Title: best.Title}
}

// nextQuestion returns the question that trains the concept: the one
// answered least, then the one with the fewest other concepts, then the
// first in the file. Nil when no question has the concept.
func nextQuestion(lib *content.Library, records []Record, concept string) *QuestionRef {
	answered := map[string]int{}
	for _, r := range records {
		if r.Kind == KindAnswer {
			answered[r.ID]++
		}
	}
	var best *content.Question
	for i := range lib.Questions.Questions {
		q := &lib.Questions.Questions[i]
		if !slices.Contains(q.Rubric.Concepts, concept) {
			continue
		}
		if best == nil || slices.Compare(
			[]int{answered[q.ID], len(q.Rubric.Concepts)},
			[]int{answered[best.ID], len(best.Rubric.Concepts)}) < 0 {
			best = q
		}
	}
	if best == nil {
		return nil
	}
	return &QuestionRef{ID: best.ID, Question: best.Question}
}
