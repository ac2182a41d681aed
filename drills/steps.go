package drills

import (
	"fmt"
	"strings"
	"unicode"

	"gameday/content"
	"gameday/sim"
)

// MaxRationale is the longest rationale kept with an action, in
// characters (runes). A longer one is cut.
const MaxRationale = 200

// oneLine returns s as one line: control characters and runs of white
// space become one space, and the result is cut to MaxRationale runes.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > MaxRationale {
		s = string(r[:MaxRationale])
	}
	return s
}

// Inject starts an extra fault now, as an interviewer does during a mock
// interview. The fault's At is ignored. The step is kept in the transcript,
// so a replay, and the grading runs, get the same fault at the same time.
func (s *Session) Inject(f sim.Fault) error {
	f.At = 0
	if err := s.sim.Inject(s.Now(), f); err != nil {
		return fmt.Errorf("inject %s on %s: %w", f.Kind, f.Target, err)
	}
	s.transcript = append(s.transcript, content.Step{At: s.Now(), Inject: &f})
	return nil
}

// Injected returns the injected faults of the transcript so far, with At
// set to when each starts.
func (s *Session) Injected() []sim.Fault {
	var out []sim.Fault
	for _, st := range s.transcript {
		if st.Inject != nil {
			f := *st.Inject
			f.At = st.At
			out = append(out, f)
		}
	}
	return out
}

// replayStep takes one step of a transcript at the current time.
func (s *Session) replayStep(st content.Step) error {
	switch {
	case st.Hint:
		s.recordHint(hintReplayed)
		return nil
	case st.Inject != nil:
		return s.Inject(*st.Inject)
	case st.Rate != nil:
		return s.Rate(st.Rate.Concept, st.Rate.Score)
	}
	return s.ApplyWithRationale(st.Action, st.Variant, st.Rationale)
}

// describeStep names a step for an error message.
func describeStep(st content.Step) string {
	switch {
	case st.Hint:
		return "hint"
	case st.Inject != nil:
		return "injected " + st.Inject.Kind + " fault"
	case st.Rate != nil:
		return "rating of " + st.Rate.Concept
	}
	return st.Action
}
