package content

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// packQuestions is a questions file with one question graded on the
// file's own default points.
const packQuestions = `default_points:
  - id: team-timeouts
    concept: timeouts
    point: Our clients time out after 2 s, because the pool holds 200 threads.
    says: [timeout]

questions:
  - id: team-timeouts
    question: What timeout does our payment client use, and why?
    rubric:
      concepts: [timeouts]
    model_answer: Two seconds, a little above the provider's p99.
`

func TestPackQuestionsJoinTheLibrary(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "questions.yaml", packQuestions)
	lib := builtinLib(t)

	pack, err := LoadPack(dir, &lib.Checklist)
	if err != nil {
		t.Fatalf("LoadPack of a pack with questions only: %v", err)
	}
	if pack.Questions == nil || len(pack.Questions.Set.Questions) != 1 {
		t.Fatalf("pack questions %+v, want one", pack.Questions)
	}
	merged, ps := lib.WithPack(pack)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	if got, want := len(merged.Questions.Questions), len(lib.Questions.Questions)+1; got != want {
		t.Fatalf("%d questions after the merge, want %d", got, want)
	}
	q := merged.Questions.Question("team-timeouts")
	if q == nil {
		t.Fatal("the pack's question is not in the merged library")
	}
	points := merged.Questions.Points(q.Rubric)
	if len(points) != 1 || points[0].ID != "team-timeouts" {
		t.Fatalf("the pack's question is graded on %+v, want the pack's own default point only", points)
	}
	if len(lib.Questions.Questions) == len(merged.Questions.Questions) {
		t.Error("WithPack changed the library it was called on")
	}
}

func TestPackQuestionClashes(t *testing.T) {
	lib := builtinLib(t)
	clash := strings.Replace(packQuestions, "  - id: team-timeouts\n    question:", "  - id: resilient-systems\n    question:", 1)
	dir := t.TempDir()
	writeFile(t, dir, "questions.yaml", clash)
	pack, err := LoadPack(dir, &lib.Checklist)
	if err != nil {
		t.Fatal(err)
	}
	_, ps := lib.WithPack(pack)
	want := filepath.ToSlash(dir) + `/questions.yaml:8: id: "resilient-systems" is also the id of a question in content/questions.yaml`
	if len(ps) != 1 || !strings.HasPrefix(ps[0].Error(), want) {
		t.Fatalf("problems %v, want one starting %q", ps, want)
	}

	first, second := t.TempDir(), t.TempDir()
	writeFile(t, first, "questions.yaml", packQuestions)
	writeFile(t, second, "questions.yaml", packQuestions)
	merged := lib
	var all Problems
	for _, dir := range []string{first, second} {
		pack, err := LoadPack(dir, &lib.Checklist)
		if err != nil {
			t.Fatal(err)
		}
		var ps Problems
		merged, ps = merged.WithPack(pack)
		all = append(all, ps...)
	}
	want = `"team-timeouts" is also the id of a question in ` + filepath.ToSlash(first) + "/questions.yaml:8"
	if len(all) != 1 || !strings.Contains(all[0].Message, want) {
		t.Fatalf("problems %v, want the second pack's question named as a clash with the first's", all)
	}
}

func TestPackQuestionProblems(t *testing.T) {
	lib := builtinLib(t)
	tests := []struct {
		name, data, want string
	}{
		{"unknown concept", strings.Replace(packQuestions, "concepts: [timeouts]", "concepts: [chaos]", 1), `questions.yaml:11: questions[0].rubric.concepts[0]: "chaos" is not a checklist concept`},
		{"escape in the question", strings.Replace(packQuestions, "question: What timeout does our payment client use, and why?", `question: "\e[2JWhat timeout?"`, 1), "questions.yaml:9: questions[0].question: contains the control character U+001B (ESC)"},
		{"unknown field", packQuestions + "extra: 1\n", `questions.yaml:13: unknown field "extra"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "questions.yaml", tc.data)
			_, err := LoadPack(dir, &lib.Checklist)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("LoadPack: %v, want Problems", err)
			}
			assertNoUnsafe(t, ps.Error())
			if !strings.Contains(ps.Error(), tc.want) {
				t.Fatalf("problems lack %q:\n%v", tc.want, ps)
			}
		})
	}
}
