package drills

import (
	"fmt"
	"testing"
	"time"

	"gameday/content"
)

// provenDrills are the drills this test proves one by one, with every
// claim their palettes make.
var provenDrills = []string{
	"launch-day-surge",
	"recommendations-brownout",
	"deadline-chain",
	"retry-storm",
	"flaky-network-retries",
	"reporting-hogs-the-pool",
	"black-friday",
}

// librarySeeds are seeds 1 to 5, and the seeds a generic proof uses
// (the drill's own, then 101, 202, 303, 404), so a drill passes both.
var librarySeeds = []uint64{1, 2, 3, 4, 5, 101, 202, 303, 404}

// seedsFor returns seeds, or only the first in -short mode, which CI uses
// under the race detector: the full set runs in the plain test run.
func seedsFor(seeds []uint64) []uint64 {
	if testing.Short() {
		return seeds[:1]
	}
	return seeds
}

// uselessTolerance is how much a move marked useless may change the
// requests lost over the whole drill, as a share of what the reference
// solution saves over doing nothing.
const uselessTolerance = 0.05

// lost counts the requests over the whole drill without a good response
// within the SLO's latency target.
func lost(s *Session) int {
	n := 0
	for _, sec := range s.Seconds() {
		n += sec.Arrivals - (sec.Good() - sec.Slow)
	}
	return n
}

func outcomeText(s *Session) string {
	tot := s.Totals()
	return fmt.Sprintf("%.2f%% good, p99 %s, %d lost", tot.GoodRatio()*100, tot.P99.Round(time.Millisecond), lost(s))
}

func replayOrFail(t *testing.T, d *content.Drill, seed uint64, steps []content.Step) *Session {
	t.Helper()
	s, err := Replay(d, seed, steps)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLibraryDrillsProven checks, on every seed, that doing nothing
// misses the SLO, the reference meets it, each wrong move alone misses
// it, and each useless move alone misses it and changes nothing material.
// Moves are taken when the reference takes its first step.
func TestLibraryDrillsProven(t *testing.T) {
	lib := builtin(t)
	for _, id := range provenDrills {
		d := lib.Drill(id)
		if d == nil {
			t.Fatalf("drill %s is not built in", id)
		}
		moveAt := d.Reference[0].At
		for _, seed := range seedsFor(librarySeeds) {
			t.Run(fmt.Sprintf("%s/seed-%d", id, seed), func(t *testing.T) {
				nothing := replayOrFail(t, d, seed, nil)
				ref := replayOrFail(t, d, seed, d.Reference)
				t.Logf("do nothing: %s", outcomeText(nothing))
				t.Logf("reference:  %s", outcomeText(ref))
				if nothing.SLOMet() {
					t.Errorf("doing nothing meets the SLO (%s)", outcomeText(nothing))
				}
				if !ref.SLOMet() {
					t.Errorf("the reference misses the SLO (%s)", outcomeText(ref))
				}
				saved := max(lost(nothing)-lost(ref), 1)

				for _, a := range d.Actions {
					for _, v := range a.Variants {
						if v.Verdict != content.VerdictWrong && v.Verdict != content.VerdictUseless {
							continue
						}
						s := replayOrFail(t, d, seed, []content.Step{{At: moveAt, Action: a.ID, Variant: v.ID}})
						t.Logf("%s %s/%s: %s", v.Verdict, a.ID, v.ID, outcomeText(s))
						if s.SLOMet() {
							t.Errorf("%s %s/%s alone meets the SLO (%s)", v.Verdict, a.ID, v.ID, outcomeText(s))
						}
						if v.Verdict != content.VerdictUseless {
							continue
						}
						diff := lost(s) - lost(nothing)
						if change := float64(max(diff, -diff)) / float64(saved); change > uselessTolerance {
							t.Errorf("useless %s/%s changes the requests lost by %.1f%% of the reference's saving (%d against %d)", a.ID, v.ID, change*100, lost(s), lost(nothing))
						}
					}
				}
			})
		}
	}
}
