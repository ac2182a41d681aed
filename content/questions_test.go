package content

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestBuiltinQuestionsLoad(t *testing.T) {
	qs := builtinLib(t).Questions
	if len(qs.Questions) < 20 {
		t.Fatalf("%d questions, want at least 20", len(qs.Questions))
	}
	for _, want := range []string{"How do you design resilient production systems?", "What defines a production-ready system?"} {
		found := false
		for _, q := range qs.Questions {
			found = found || q.Question == want
		}
		if !found {
			t.Errorf("no question %q", want)
		}
	}
	if qs.File != "content/questions.yaml" {
		t.Errorf("File = %q", qs.File)
	}
}

func TestEveryConceptHasDefaultPoints(t *testing.T) {
	lib := builtinLib(t)
	for _, c := range lib.Checklist.Concepts {
		if len(lib.Questions.Points(Rubric{Concepts: []string{c.ID}})) == 0 {
			t.Errorf("concept %s has no default points", c.ID)
		}
	}
}

func TestEveryConceptIsAskedAbout(t *testing.T) {
	lib := builtinLib(t)
	asked := map[string]int{}
	for _, q := range lib.Questions.Questions {
		for _, c := range q.Rubric.Concepts {
			asked[c]++
		}
	}
	for _, c := range lib.Checklist.Concepts {
		if asked[c.ID] < 3 {
			t.Errorf("concept %s is in %d question rubrics, want at least 3", c.ID, asked[c.ID])
		}
	}
}

func TestRubricPointsOverrideDefaults(t *testing.T) {
	qs := builtinLib(t).Questions
	q := qs.Question("choose-timeout")
	points := qs.Points(q.Rubric)
	if len(points) != 3 || points[0].ID != "timeout-why" {
		t.Fatalf("choose-timeout grades %d points starting with %q, want its own 3", len(points), points[0].ID)
	}
	q = qs.Question("bulkheads")
	points = qs.Points(q.Rubric)
	if last := points[len(points)-1]; last.ID != "timeout-every-call" {
		t.Fatalf("bulkheads' last point is %q, want the default timeouts point", last.ID)
	}
}

// questionsSource returns the built-in questions file with old replaced by new.
func questionsSource(t *testing.T, old, new string) []byte {
	t.Helper()
	data, err := os.ReadFile("questions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("questions.yaml does not contain %q", old)
	}
	return []byte(strings.Replace(string(data), old, new, 1))
}

func TestQuestionErrorsNameFileLineAndFix(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		at       string
		want     []string
	}{
		{
			name: "unknown field",
			old:  "  - id: choose-timeout\n", new: "  - id: choose-timeout\n    answer: x\n",
			at: "    answer: x", want: []string{`unknown field "answer"`, "model_answer"},
		},
		{
			name: "unknown concept",
			old:  "      concepts: [timeouts]\n      points:\n        - id: timeout-why", new: "      concepts: [timeout]\n      points:\n        - id: timeout-why",
			at: "concepts: [timeout]", want: []string{`"timeout" is not a checklist concept`, "timeouts, retries"},
		},
		{
			name: "point outside the rubric",
			old:  "        - id: above-healthy-p99\n          concept: timeouts", new: "        - id: above-healthy-p99\n          concept: retries",
			at: "          concept: retries", want: []string{`"retries" is not in the rubric's concepts`},
		},
		{
			name: "no phrases",
			old:  "          says: [p99, p99.9, percentile, tail latency, healthy latency]", new: "          says: []",
			at: "says: []", want: []string{"says: is empty; list the phrasings"},
		},
		{
			name: "phrase without a word",
			old:  "          says: [p99, p99.9, percentile, tail latency, healthy latency]", new: "          says: [\"--\"]",
			at: "says: [\"--\"]", want: []string{`"--" has no letter or digit`},
		},
		{
			name: "duplicate question",
			old:  "  - id: retry-policy\n", new: "  - id: choose-timeout\n",
			at: "  - id: choose-timeout\n    question: When", want: []string{`"choose-timeout" is used twice`},
		},
		{
			name: "missing question",
			old:  "    question: All worker threads are busy waiting on a dependency. Why is a bigger thread pool not the fix?\n", new: "",
			at: "  - id: bigger-pool", want: []string{"question: is missing", "as the interviewer asks it"},
		},
	}
	lib := builtinLib(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := questionsSource(t, tc.old, tc.new)
			_, err := ParseQuestions("q.yaml", data, &lib.Checklist)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("ParseQuestions: %v, want Problems", err)
			}
			wantLine := lineOf(t, data, tc.at)
			found := false
			for _, p := range ps {
				if p.Line == wantLine && p.File == "q.yaml" {
					found = true
					for _, w := range tc.want {
						if !strings.Contains(p.Error(), w) {
							t.Errorf("%q lacks %q", p.Error(), w)
						}
					}
				}
			}
			if !found {
				t.Fatalf("no problem at line %d; got:\n%v", wantLine, err)
			}
		})
	}
}
