package scoring

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gameday/content"
)

// AnswerGrade is the grade of one typed answer to an interview question or
// to the debrief of a drill.
type AnswerGrade struct {
	// QuestionID is the question's id, or the drill's id for an answer
	// typed after a drill.
	QuestionID string `json:"question_id"`
	Question   string `json:"question"`

	// Score is 0 to 100: each rubric concept is worth the same share, and
	// within a concept each key point the same share of that.
	Score int `json:"score"`

	// Level is the rung of the ladder the answer shows, as a title
	// ("Senior"), and LevelID its id ("senior", or "none"): every rubric
	// concept at that level and below is covered.
	Level   string `json:"level"`
	LevelID string `json:"level_id"`

	// Covered, Partial and Missing split the rubric's concept ids by
	// credit: full, some, none.
	Covered []string `json:"covered"`
	Partial []string `json:"partial"`
	Missing []string `json:"missing"`

	Concepts []AnswerConcept `json:"concepts"`
	Feedback Feedback        `json:"feedback"`

	ModelAnswer string `json:"model_answer"`
}

// AnswerConcept is the grade of one rubric concept in an answer.
type AnswerConcept struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Level string `json:"level"`

	// Credit is the share of the concept's points earned, 0 to 1.
	Credit float64 `json:"credit"`

	Points []PointGrade `json:"points"`
}

// PointGrade is the grade of one key point.
type PointGrade struct {
	ID    string `json:"id"`
	Point string `json:"point"`

	// Credit is 0 when the point is not raised, and otherwise grows with
	// the groups of Needs found: (1 + found) / (1 + groups).
	Credit float64 `json:"credit"`

	// Said is the phrase that raised the point; empty when none did.
	Said string `json:"said"`

	// Explained lists the phrase found for each group of Needs that was
	// met; Lacking gives one phrase of each group that was not.
	Explained []string `json:"explained"`
	Lacking   []string `json:"lacking"`

	// Listed lists phrases of unmet groups that appear only in sentences
	// that explain nothing, such as a bare list of keywords.
	Listed []string `json:"listed"`
}

// Feedback is an interviewer's view of an answer.
type Feedback struct {
	WentWell  []string `json:"went_well"`
	Missed    []string `json:"missed"`
	ProbeNext []string `json:"probe_next"`
}

// fullCredit is the credit at and above which a concept counts as covered;
// below 1 only to absorb rounding.
const fullCredit = 0.999

// rubric is what an answer is graded against, whether it comes from a
// question or a drill.
type rubric struct {
	id, question string
	concepts     []string
	points       []content.KeyPoint
	modelAnswer  string
	followUps    []string
}

// GradeQuestion grades a typed answer to an interview question against the
// question's rubric. It never fails: an empty answer scores 0.
func GradeQuestion(cl *content.Checklist, qs *content.QuestionSet, q *content.Question, answer string) *AnswerGrade {
	return gradeAnswer(cl, rubric{
		id: q.ID, question: q.Question,
		concepts:    q.Rubric.Concepts,
		points:      qs.Points(q.Rubric),
		modelAnswer: q.ModelAnswer,
		followUps:   q.FollowUps,
	}, answer)
}

// ErrNoRubric is returned by GradeDrillAnswer for a drill none of whose
// main concepts has default key points in the question set.
var ErrNoRubric = errors.New("no key points to grade against")

// GradeDrillAnswer grades the explanation a player types after a drill.
// The rubric is the drill's main concepts (its primary list), graded on
// the question set's default key points, and the drill's model answer and
// follow-up questions complete the feedback.
func GradeDrillAnswer(cl *content.Checklist, qs *content.QuestionSet, d *content.Drill, answer string) (*AnswerGrade, error) {
	var concepts []string
	for _, c := range d.Primary {
		if len(qs.Points(content.Rubric{Concepts: []string{c}})) > 0 {
			concepts = append(concepts, c)
		}
	}
	if len(concepts) == 0 {
		return nil, fmt.Errorf("drill %s: %w: none of its primary concepts (%v) has default points in %s", d.ID, ErrNoRubric, d.Primary, qs.File)
	}
	g := gradeAnswer(cl, rubric{
		id:          d.ID,
		question:    fmt.Sprintf("Walk me through “%s”: what broke, why, and what you did about it.", d.Title),
		concepts:    concepts,
		points:      qs.Points(content.Rubric{Concepts: concepts}),
		modelAnswer: d.ModelAnswer,
		followUps:   d.FollowUps,
	}, answer)
	return g, nil
}

func gradeAnswer(cl *content.Checklist, r rubric, answer string) *AnswerGrade {
	t := parseText(answer)
	g := &AnswerGrade{
		QuestionID: r.id, Question: r.question, ModelAnswer: r.modelAnswer,
		Covered: []string{}, Partial: []string{}, Missing: []string{},
		Concepts: []AnswerConcept{},
		Feedback: Feedback{WentWell: []string{}, Missed: []string{}, ProbeNext: []string{}},
	}

	total := 0.0
	for _, id := range r.concepts {
		c := AnswerConcept{ID: id, Title: id}
		if cc := cl.Concept(id); cc != nil {
			c.Title, c.Level = cc.Title, cc.LevelValue().Title()
		}
		for _, kp := range r.points {
			if kp.Concept == id {
				c.Points = append(c.Points, gradePoint(t, kp))
			}
		}
		for _, p := range c.Points {
			c.Credit += p.Credit / float64(len(c.Points))
		}
		c.Credit = math.Round(c.Credit*1000) / 1000
		switch {
		case c.Credit >= fullCredit:
			g.Covered = append(g.Covered, id)
		case c.Credit > 0:
			g.Partial = append(g.Partial, id)
		default:
			g.Missing = append(g.Missing, id)
		}
		total += c.Credit
		g.Concepts = append(g.Concepts, c)
	}
	if len(r.concepts) > 0 {
		g.Score = int(math.Round(100 * total / float64(len(r.concepts))))
	}

	level := answerLevel(cl, r.concepts, g.Covered)
	g.Level, g.LevelID = level.Title(), level.String()
	writeAnswerFeedback(g, r)
	return g
}

// gradePoint looks for one key point in the answer.
func gradePoint(t text, kp content.KeyPoint) PointGrade {
	pg := PointGrade{ID: kp.ID, Point: kp.Point, Explained: []string{}, Lacking: []string{}, Listed: []string{}}
	said, ok := t.findAny(phrases(kp.Says), false)
	if ok {
		pg.Said = said.phrase
	}
	met := 0
	for _, group := range kp.Needs {
		ps := phrases(group)
		if m, ok := t.findAny(ps, true); ok {
			pg.Explained = append(pg.Explained, m.phrase)
			met++
			continue
		}
		pg.Lacking = append(pg.Lacking, group[0])
		if m, ok := t.findAny(ps, false); ok {
			pg.Listed = append(pg.Listed, m.phrase)
		}
	}
	if ok {
		pg.Credit = float64(1+met) / float64(1+len(kp.Needs))
	}
	return pg
}

func phrases(list []string) []phrase {
	out := make([]phrase, len(list))
	for i, s := range list {
		out[i] = newPhrase(s)
	}
	return out
}

// answerLevel walks the ladder over the rubric's concepts: a level is
// credited once every rubric concept at it and below is covered.
func answerLevel(cl *content.Checklist, concepts, covered []string) content.Level {
	reached := content.LevelNone
	for l := content.LevelMid; l <= content.LevelPrincipal; l++ {
		any := false
		for _, id := range concepts {
			c := cl.Concept(id)
			if c == nil || c.LevelValue() != l {
				continue
			}
			if !slices.Contains(covered, id) {
				return reached
			}
			any = true
		}
		if any {
			reached = l
		}
	}
	return reached
}
