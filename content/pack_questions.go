package content

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"

	"gopkg.in/yaml.v3"
)

// PackQuestions is the questions file of a pack, with the line of each
// question's id for messages about clashes.
type PackQuestions struct {
	Set *QuestionSet

	idLines map[string]int
}

// LoadQuestionsFile loads one questions file against the checklist.
func LoadQuestionsFile(file string, cl *Checklist) (*PackQuestions, error) {
	data, err := ReadFile(file)
	if err != nil {
		return nil, err
	}
	return parsePackQuestions(file, data, cl)
}

func parsePackQuestions(file string, data []byte, cl *Checklist) (*PackQuestions, error) {
	qs, err := ParseQuestions(file, data, cl)
	if err != nil {
		return nil, err
	}
	return &PackQuestions{Set: qs, idLines: questionIDLines(data, qs)}, nil
}

// loadPackQuestions loads questions.yaml from fsys when it exists. It
// returns nil and no problems when the pack has none.
func loadPackQuestions(fsys fs.FS, prefix string, cl *Checklist) (*PackQuestions, Problems) {
	file := prefix + "questions.yaml"
	if _, err := fs.Stat(fsys, "questions.yaml"); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	data, err := readContentFile(fsys, "questions.yaml", file)
	if err != nil {
		return nil, AsProblems(err)
	}
	pq, err := parsePackQuestions(file, data, cl)
	if err != nil {
		return nil, AsProblems(err)
	}
	return pq, nil
}

// questionIDLines returns the line of each question's id in data, a
// questions file that has already parsed.
func questionIDLines(data []byte, qs *QuestionSet) map[string]int {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil
	}
	idx := lineIndex{}
	idx.walk(&root)
	lines := map[string]int{}
	for i, q := range qs.Questions {
		lines[q.ID] = idx.line(fmt.Sprintf("questions[%d].id", i))
	}
	return lines
}

// WithQuestions returns a copy of the library with the pack's questions
// added after its own. A question whose id is taken is left out of the
// copy and reported with both files.
//
// A pack's rubric that relies on the pack's own default_points gets a
// copy of those points, so that it is graded on them and not on the
// built-in defaults of the same concept.
func (l *Library) WithQuestions(pq *PackQuestions) (*Library, Problems) {
	out := *l
	if pq == nil {
		return &out, nil
	}
	out.Questions.Questions = slices.Clone(l.Questions.Questions)
	out.questionFiles = maps.Clone(l.questionFiles)
	if out.questionFiles == nil {
		out.questionFiles = map[string]string{}
	}
	var ps Problems
	for _, q := range pq.Set.Questions {
		if out.Questions.Question(q.ID) != nil {
			other, ok := out.questionFiles[q.ID]
			if !ok {
				other = l.Questions.File
			}
			ps = append(ps, Problem{
				File: pq.Set.File, Line: pq.idLines[q.ID], Field: "id",
				Message: fmt.Sprintf("%q is also the id of a question in %s; question ids must be unique, so rename one of them", q.ID, other),
			})
			continue
		}
		out.Questions.Questions = append(out.Questions.Questions, withOwnPoints(q, pq.Set.DefaultPoints))
		out.questionFiles[q.ID] = fmt.Sprintf("%s:%d", pq.Set.File, pq.idLines[q.ID])
	}
	return &out, ps
}

// withOwnPoints returns q with defaults' points copied into its rubric for
// every concept the rubric has no points of its own for.
func withOwnPoints(q Question, defaults []KeyPoint) Question {
	points := slices.Clone(q.Rubric.Points)
	for _, c := range q.Rubric.Concepts {
		if slices.ContainsFunc(q.Rubric.Points, func(p KeyPoint) bool { return p.Concept == c }) {
			continue
		}
		for _, p := range defaults {
			if p.Concept == c {
				points = append(points, p)
			}
		}
	}
	q.Rubric.Points = points
	return q
}
