package drills

import (
	"testing"

	"gameday/content"
)

// seedsFor returns seeds, or only the first in -short mode, which CI uses
// under the race detector: the plain test run proves every seed.
func seedsFor(seeds []uint64) []uint64 {
	if testing.Short() {
		return seeds[:1]
	}
	return seeds
}

// shortDrill is the drill -short runs keep: the first and smallest.
const shortDrill = "payment-provider-hangs"

// shortDrills keeps only shortDrill.
func shortDrills(all []*content.Drill) []*content.Drill {
	for _, d := range all {
		if d.ID == shortDrill {
			return []*content.Drill{d}
		}
	}
	return all[:1]
}
