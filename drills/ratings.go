package drills

import "gameday/content"

// Rate records the interviewer's rating of the candidate's spoken
// explanation of a concept, 0 to content.MaxRating, at the current time. The
// concept must be one of the drill's. A later rating of the same concept
// replaces this one, and scoring scales the concept's points by it.
func (s *Session) Rate(concept string, score int) error {
	r := content.Rating{Concept: concept, Score: score}
	if err := s.Drill.CheckRating(r); err != nil {
		return err
	}
	// No event is logged: the incident log is the candidate's view, and
	// ratings show only in the interviewer's panel and after the drill.
	s.transcript = append(s.transcript, content.Step{At: s.Now(), Rate: &r})
	return nil
}

// Ratings returns the interviewer's ratings so far by concept id: the
// latest rating of each rated concept. Unrated concepts are absent.
func (s *Session) Ratings() map[string]int {
	out := map[string]int{}
	for _, st := range s.transcript {
		if st.Rate != nil {
			out[st.Rate.Concept] = st.Rate.Score
		}
	}
	return out
}
