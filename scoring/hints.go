package scoring

import (
	"slices"

	"gameday/content"
)

// HintPenalty is the cost of each hint the player took during the drill,
// in points out of 100. It comes off the score like a wrong move's penalty.
const HintPenalty = 5

// countHints returns the number of hint steps in a transcript.
func countHints(transcript []content.Step) int {
	n := 0
	for _, st := range transcript {
		if st.Hint {
			n++
		}
	}
	return n
}

// withInjected returns steps with the transcript's injected faults merged
// in by time, so the "do nothing" and reference runs face the same outage
// as the player's run. At equal times the steps come first.
func withInjected(steps, transcript []content.Step) []content.Step {
	out := slices.Clone(steps)
	for _, st := range transcript {
		if st.Inject != nil {
			out = append(out, st)
		}
	}
	slices.SortStableFunc(out, func(a, b content.Step) int {
		return int(a.At - b.At)
	})
	return out
}
