package content_test

import (
	"slices"
	"testing"

	"gameday/content"
)

func TestConceptQuestionCoversChecklist(t *testing.T) {
	lib, err := content.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range lib.Checklist.Concepts {
		q := lib.Questions.ConceptQuestion(c.ID)
		if q == nil {
			t.Errorf("no question studies %s", c.ID)
			continue
		}
		if !slices.Contains(q.Rubric.Concepts, c.ID) {
			t.Errorf("the question for %s is %s, whose rubric is %v", c.ID, q.ID, q.Rubric.Concepts)
		}
	}
	if q := lib.Questions.ConceptQuestion("timeouts"); q == nil || q.ID != "choose-timeout" {
		t.Errorf("the timeouts question is %v, want choose-timeout, the first with timeouts alone", q)
	}
	if q := lib.Questions.ConceptQuestion("no-such-concept"); q != nil {
		t.Errorf("an unknown concept has question %s", q.ID)
	}
}
