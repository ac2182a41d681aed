package drills

import (
	"fmt"
	"strings"

	"gameday/content"
)

// hintReplayed is the log text of a hint in a replayed transcript, which
// keeps when hints were taken but not their text.
const hintReplayed = "a hint was taken"

// Hint returns a hint towards the next move of the drill's reference
// solution that the player has not made, and records it in the transcript,
// where scoring charges points for it. The first hint towards a move names
// its concept; the next one names the action and variant.
func (s *Session) Hint(cl *content.Checklist) string {
	text := s.nextHint(cl)
	s.recordHint(text)
	return text
}

// Hints returns how many hints the player has taken so far.
func (s *Session) Hints() int {
	n := 0
	for _, st := range s.transcript {
		if st.Hint {
			n++
		}
	}
	return n
}

func (s *Session) recordHint(text string) {
	s.transcript = append(s.transcript, content.Step{At: s.Now(), Hint: true})
	s.events = append(s.events, Event{At: s.Now(), Kind: EventHint, Text: "Hint: " + text})
}

func (s *Session) nextHint(cl *content.Checklist) string {
	d := s.Drill
	made := map[string]bool{}
	for _, st := range s.transcript {
		if a, v, err := d.Resolve(st); err == nil && v.Verdict == content.VerdictSound {
			made[a.ID] = true
		}
	}
	for _, ref := range d.Reference {
		a, v, err := d.Resolve(ref)
		if err != nil || made[a.ID] {
			continue
		}
		if s.hinted == nil {
			s.hinted = map[string]int{}
		}
		s.hinted[a.ID]++
		if s.hinted[a.ID] > 1 {
			return fmt.Sprintf("try the action “%s” with “%s”.", a.Title, v.Title)
		}
		if c := cl.Concept(a.Concept); c != nil {
			return fmt.Sprintf("think about “%s”. %s", c.Title, firstSentence(c.Summary))
		}
		return fmt.Sprintf("think about %s.", a.Concept)
	}
	return "your moves already cover the reference solution. Give them time: a rollout or an open breaker takes a while to show."
}

// firstSentence returns text up to its first full stop, joined to one line.
func firstSentence(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if i := strings.Index(text, ". "); i >= 0 {
		return text[:i+1]
	}
	return text
}
