package drills

import "testing"

// seedsFor returns seeds, or only the first in -short mode, which CI uses
// under the race detector: the plain test run proves every seed.
func seedsFor(seeds []uint64) []uint64 {
	if testing.Short() {
		return seeds[:1]
	}
	return seeds
}
