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
// its concept; the next one names the action and variant. A hint with the
// same text as the last one adds nothing, so it is returned but not
// recorded or charged (see HintIsNew).
func (s *Session) Hint(cl *content.Checklist) string {
	text, actionID := s.nextHint(cl)
	if text == s.lastHint {
		return text
	}
	if actionID != "" {
		if s.hinted == nil {
			s.hinted = map[string]int{}
		}
		s.hinted[actionID]++
	}
	s.lastHint = text
	s.recordHint(text)
	return text
}

// HintIsNew reports whether the next Hint would differ from the last one,
// and so be recorded and charged.
func (s *Session) HintIsNew(cl *content.Checklist) bool {
	text, _ := s.nextHint(cl)
	return text != s.lastHint
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

// nextHint returns the text of the next hint and the id of the reference
// action it leads to, empty when the player's moves cover them all. It
// changes nothing, so HintIsNew can look ahead.
func (s *Session) nextHint(cl *content.Checklist) (text, actionID string) {
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
		if s.hinted[a.ID] > 0 {
			return fmt.Sprintf("try the action “%s” with “%s”.", a.Title, v.Title), a.ID
		}
		if c := cl.Concept(a.Concept); c != nil {
			return fmt.Sprintf("think about “%s”. %s", c.Title, firstSentence(c.Summary)), a.ID
		}
		return fmt.Sprintf("think about %s.", a.Concept), a.ID
	}
	return "your moves already cover the reference solution. Give them time: a rollout or an open breaker takes a while to show.", ""
}

// firstSentence returns text up to its first full stop, joined to one line.
func firstSentence(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if i := strings.Index(text, ". "); i >= 0 {
		return text[:i+1]
	}
	return text
}
