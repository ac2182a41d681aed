package drills

import (
	"fmt"
	"testing"
	"time"

	"gameday/content"
)

// dataDrills are the drills built on databases and caches.
var dataDrills = []string{"primary-db-dies", "lagging-replica-failover", "cache-flush-stampede"}

var fiveSeeds = []uint64{1, 101, 202, 303, 404}

// TestDataDrillsWrongMovesMissSLO checks on five seeds that every wrong or
// useless variant, taken alone two seconds after the fault, misses the
// SLO.
func TestDataDrillsWrongMovesMissSLO(t *testing.T) {
	lib := builtin(t)
	for _, id := range dataDrills {
		d := lib.Drill(id)
		if d == nil {
			t.Fatalf("drill %s not found", id)
		}
		for _, a := range d.Actions {
			for _, v := range a.Variants {
				if v.Verdict != content.VerdictWrong && v.Verdict != content.VerdictUseless {
					continue
				}
				for _, seed := range seedsFor(fiveSeeds) {
					t.Run(fmt.Sprintf("%s/%s/%s/seed-%d", id, a.ID, v.ID, seed), func(t *testing.T) {
						t.Parallel()
						at := d.FirstFault() + 2*time.Second
						s, err := Replay(d, seed, []content.Step{{At: at, Action: a.ID, Variant: v.ID}})
						if err != nil {
							t.Fatal(err)
						}
						if s.SLOMet() {
							tot := s.Totals()
							t.Fatalf("%s (%s) alone meets the SLO (%.2f%% good, p99 %s, %d writes lost); a %s move must not be enough",
								a.Title, v.Title, tot.GoodRatio()*100, tot.P99, tot.WritesLost+tot.SplitBrainWrites, v.Verdict)
						}
					})
				}
			}
		}
	}
}

// TestDataDrillsStepsMatchTheirWhy checks the mechanism each verdict's why
// names, on five seeds: what a lagging promotion loses, and which sound
// alternatives recover on their own.
func TestDataDrillsStepsMatchTheirWhy(t *testing.T) {
	lib := builtin(t)
	tests := []struct {
		drill, action, variant string
		minLost, maxLost       int  // writes lost and split-brain writes in the SLO window
		meetsSLO               bool // whether the step alone meets the SLO
	}{
		{"primary-db-dies", "promote-replica", "db-2", 0, 0, true},
		{"primary-db-dies", "promote-replica", "db-3", 30, 100, false},
		{"lagging-replica-failover", "promote-replica", "ledger-b", 1, 25, true},
		{"lagging-replica-failover", "promote-replica", "ledger-dr", 400, 800, false},
		{"cache-flush-stampede", "limit-cache-calls", "2-per-pod", 0, 0, true},
		{"cache-flush-stampede", "fix-retries", "off", 0, 0, false},
		{"cache-flush-stampede", "shed-at-database", "2s", 0, 0, false},
	}
	for _, tc := range tests {
		d := lib.Drill(tc.drill)
		for _, seed := range seedsFor(fiveSeeds) {
			t.Run(fmt.Sprintf("%s/%s/seed-%d", tc.drill, tc.variant, seed), func(t *testing.T) {
				t.Parallel()
				s, err := Replay(d, seed, []content.Step{{At: d.FirstFault() + 2*time.Second, Action: tc.action, Variant: tc.variant}})
				if err != nil {
					t.Fatal(err)
				}
				tot := s.Totals()
				lost := tot.WritesLost + tot.SplitBrainWrites
				if lost < tc.minLost || lost > tc.maxLost {
					t.Errorf("%d writes lost, want between %d and %d", lost, tc.minLost, tc.maxLost)
				}
				if got := s.SLOMet(); got != tc.meetsSLO {
					t.Errorf("SLO met = %t (%.2f%% good, p99 %s), want %t", got, tot.GoodRatio()*100, tot.P99, tc.meetsSLO)
				}
			})
		}
	}
}

// TestFailBackWithoutFencingLosesPayments plays the lagging-replica drill
// to the end: promoting ledger-b, then failing back to ledger-a once it
// returns, loses every payment ledger-b took unless ledger-a was fenced.
func TestFailBackWithoutFencingLosesPayments(t *testing.T) {
	d := builtin(t).Drill("lagging-replica-failover")
	for _, fenced := range []bool{false, true} {
		steps := []content.Step{{At: 32 * time.Second, Action: "promote-replica", Variant: "ledger-b"}}
		if fenced {
			steps = append(steps, content.Step{At: 32 * time.Second, Action: "fence-primary", Variant: "fence"})
		}
		steps = append(steps, content.Step{At: 100 * time.Second, Action: "promote-replica", Variant: "ledger-a"})
		s, err := Replay(d, 1, steps)
		if err != nil {
			t.Fatal(err)
		}
		lost := s.Totals().WritesLost
		if !fenced && lost < 1000 {
			t.Errorf("failing back unfenced lost %d payments, want every one since the failover (about 1,800)", lost)
		}
		if fenced && lost > 40 {
			t.Errorf("failing back after fencing lost %d payments, want only the lag's worth", lost)
		}
	}
}
