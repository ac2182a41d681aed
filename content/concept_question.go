package content

// ConceptQuestion returns the question that studies the concept with the
// id: of the questions whose rubric lists it, the one with the fewest
// rubric concepts, the first in the file on a tie. It returns nil when no
// rubric lists the concept.
func (qs *QuestionSet) ConceptQuestion(id string) *Question {
	var best *Question
	for i := range qs.Questions {
		q := &qs.Questions[i]
		listed := false
		for _, c := range q.Rubric.Concepts {
			listed = listed || c == id
		}
		if listed && (best == nil || len(q.Rubric.Concepts) < len(best.Rubric.Concepts)) {
			best = q
		}
	}
	return best
}
