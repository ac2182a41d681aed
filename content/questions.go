package content

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// QuestionSet is the content of questions.yaml: spoken interview questions
// with their rubrics, and the key points a concept is graded on when a
// rubric names the concept without points of its own.
type QuestionSet struct {
	// DefaultPoints are the key points of each checklist concept. A rubric
	// that lists a concept but none of its points is graded on these, and
	// so is a typed answer after a drill.
	DefaultPoints []KeyPoint `yaml:"default_points"`

	Questions []Question `yaml:"questions"`

	// File is the path the set was loaded from, for messages.
	File string `yaml:"-"`
}

// Question is one spoken-style interview question.
type Question struct {
	ID       string `yaml:"id"`
	Question string `yaml:"question"`
	Rubric   Rubric `yaml:"rubric"`

	ModelAnswer string   `yaml:"model_answer"`
	FollowUps   []string `yaml:"follow_ups"`
}

// Rubric names what an answer is graded on: checklist concepts, each worth
// the same share of the score, and the key points that show each one.
type Rubric struct {
	Concepts []string `yaml:"concepts"`

	// Points are key points of the listed concepts. A concept with points
	// here is graded on them only; a concept without is graded on the
	// set's default points.
	Points []KeyPoint `yaml:"points"`
}

// KeyPoint is one thing a strong answer says, with the phrasings that
// show it. Phrases are matched on word stems ("retrying" matches
// "retries"), as whole words, and not when a negation ("no", "without",
// "never") comes up to three words before them in the same clause.
type KeyPoint struct {
	ID      string `yaml:"id"`
	Concept string `yaml:"concept"`

	// Point is what a strong answer says, in one sentence; feedback shows
	// it when the point is missing.
	Point string `yaml:"point"`

	// Says lists phrasings that raise the point; any one of them does.
	Says []string `yaml:"says"`

	// Needs lists groups of phrasings that full credit also requires, such
	// as the reason for a practice: retries need "backoff" and
	// "transient". One phrase of each group must appear in a sentence that
	// explains something (with a word such as "because", "so", "only" or
	// "when"), so a bare list of keywords does not earn them.
	Needs [][]string `yaml:"needs"`
}

// Question returns the question with the id, or nil.
func (qs *QuestionSet) Question(id string) *Question {
	for i := range qs.Questions {
		if qs.Questions[i].ID == id {
			return &qs.Questions[i]
		}
	}
	return nil
}

// Points returns the key points a rubric grades, in the order of its
// concepts: the rubric's own points of a concept, or the default points of
// that concept when the rubric has none.
func (qs *QuestionSet) Points(r Rubric) []KeyPoint {
	var out []KeyPoint
	for _, c := range r.Concepts {
		own := false
		for _, p := range r.Points {
			if p.Concept == c {
				out = append(out, p)
				own = true
			}
		}
		if own {
			continue
		}
		for _, p := range qs.DefaultPoints {
			if p.Concept == c {
				out = append(out, p)
			}
		}
	}
	return out
}

// ParseQuestions decodes and validates a questions file against the
// checklist. Every problem found is returned at once, as Problems.
func ParseQuestions(file string, data []byte, cl *Checklist) (*QuestionSet, error) {
	var qs QuestionSet
	idx, ps := decodeStrict(file, data, &qs)
	if len(ps) > 0 {
		return nil, ps
	}
	if found := validateQuestions(&qs, cl).resolve(file, idx); len(found) > 0 {
		return nil, found
	}
	qs.File = file
	return &qs, nil
}

func validateQuestions(qs *QuestionSet, cl *Checklist) problemList {
	var ps problemList

	defaults := map[string]bool{}
	pointIDs := map[string]bool{}
	for i, p := range qs.DefaultPoints {
		validateKeyPoint(&ps, fmt.Sprintf("default_points[%d]", i), p, cl, pointIDs)
		defaults[p.Concept] = true
	}

	if len(qs.Questions) == 0 {
		ps.add("questions", "is missing; list at least one question")
	}
	seen := map[string]bool{}
	for i, q := range qs.Questions {
		f := fmt.Sprintf("questions[%d]", i)
		checkID(&ps, f+".id", q.ID, "question")
		if seen[q.ID] {
			ps.add(f+".id", "%q is used twice; question ids must be unique", q.ID)
		}
		seen[q.ID] = true
		required(&ps, f+".question", q.Question, "write the question as the interviewer asks it")
		required(&ps, f+".model_answer", q.ModelAnswer, "write the answer a strong candidate would give")
		checkText(&ps, f+".question", q.Question)
		checkText(&ps, f+".model_answer", q.ModelAnswer)
		for j, u := range q.FollowUps {
			checkText(&ps, fmt.Sprintf("%s.follow_ups[%d]", f, j), u)
		}
		validateRubric(&ps, f+".rubric", q.Rubric, cl, defaults)
	}
	return ps
}

func validateRubric(ps *problemList, path string, r Rubric, cl *Checklist, defaults map[string]bool) {
	if len(r.Concepts) == 0 {
		ps.add(path+".concepts", "is missing; list the checklist concepts the answer is graded on")
	}
	for i, id := range r.Concepts {
		f := fmt.Sprintf("%s.concepts[%d]", path, i)
		if cl.Concept(id) == nil {
			ps.add(f, "%s", unknownConcept(id, cl))
			continue
		}
		if slices.Index(r.Concepts, id) != i {
			ps.add(f, "%q is listed twice", id)
		}
		own := slices.ContainsFunc(r.Points, func(p KeyPoint) bool { return p.Concept == id })
		if !own && !defaults[id] {
			ps.add(f, "%q has no points in this rubric and no default_points; add key points for it", id)
		}
	}
	ids := map[string]bool{}
	for i, p := range r.Points {
		f := fmt.Sprintf("%s.points[%d]", path, i)
		validateKeyPoint(ps, f, p, cl, ids)
		if cl.Concept(p.Concept) != nil && !slices.Contains(r.Concepts, p.Concept) {
			ps.add(f+".concept", "%q is not in the rubric's concepts; list it there too", p.Concept)
		}
	}
}

func validateKeyPoint(ps *problemList, path string, p KeyPoint, cl *Checklist, ids map[string]bool) {
	checkID(ps, path+".id", p.ID, "key point")
	if ids[p.ID] {
		ps.add(path+".id", "%q is used twice; key point ids must be unique in a rubric", p.ID)
	}
	ids[p.ID] = true
	if cl.Concept(p.Concept) == nil {
		ps.add(path+".concept", "%s", unknownConcept(p.Concept, cl))
	}
	required(ps, path+".point", p.Point, "say in one sentence what a strong answer says")
	checkText(ps, path+".point", p.Point)
	if len(p.Says) == 0 {
		ps.add(path+".says", "is missing; list the phrasings that raise the point, such as [timeout, deadline]")
	}
	checkPhrases(ps, path+".says", p.Says)
	for i, group := range p.Needs {
		f := fmt.Sprintf("%s.needs[%d]", path, i)
		if len(group) == 0 {
			ps.add(f, "is an empty list; give at least one phrase, or remove the group")
		}
		checkPhrases(ps, f, group)
	}
}

// checkPhrases rejects phrases that could never match: empty ones and ones
// without a letter or digit.
func checkPhrases(ps *problemList, path string, phrases []string) {
	for i, ph := range phrases {
		f := fmt.Sprintf("%s[%d]", path, i)
		if !strings.ContainsFunc(ph, IsWordRune) {
			ps.add(f, "%q has no letter or digit, so it can never match; write a word or phrase", ph)
			continue
		}
		checkText(ps, f, ph)
	}
}

// IsWordRune reports whether r is part of a word when answers are matched
// against key points: a letter, a digit or "+" (as in "n+1").
func IsWordRune(r rune) bool {
	return r == '+' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
