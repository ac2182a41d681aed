package drills

import (
	"fmt"
	"testing"

	"gameday/content"
	"gameday/sim"
)

// lifecycleDrills are the drills built on the pod lifecycle.
var lifecycleDrills = []string{"deploy-drops-requests", "bad-deploy-rollback", "zone-outage", "memory-leak-oom"}

// lifecycleSeeds are the drill's own seed and the four others the generic
// proof uses.
var lifecycleSeeds = []uint64{1, 101, 202, 303, 404}

// TestLifecycleDrillsProven checks the lifecycle drills to the standard of
// TestLibraryDrillsProven on five seeds (one with -short): doing nothing
// misses the SLO, the reference meets it, each wrong or useless move taken
// alone at the reference's first step misses it, and a useless move
// changes the requests lost by no more than uselessTolerance.
func TestLifecycleDrillsProven(t *testing.T) {
	lib := builtin(t)
	for _, id := range lifecycleDrills {
		d := lib.Drill(id)
		if d == nil {
			t.Fatalf("drill %s is not built in", id)
		}
		moveAt := d.Reference[0].At
		for _, seed := range seedsFor(lifecycleSeeds) {
			t.Run(fmt.Sprintf("%s/seed-%d", id, seed), func(t *testing.T) {
				t.Parallel()
				nothing := replayOrFail(t, d, seed, nil)
				ref := replayOrFail(t, d, seed, d.Reference)
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

func replayBoth(t *testing.T, id string) (nothing, ref *Session) {
	t.Helper()
	d := builtin(t).Drill(id)
	nothing, err := Replay(d, d.Seed, nil)
	if err != nil {
		t.Fatal(err)
	}
	ref, err = Replay(d, d.Seed, d.Reference)
	if err != nil {
		t.Fatal(err)
	}
	return nothing, ref
}

func TestDeployDropsRequestsMechanism(t *testing.T) {
	nothing, ref := replayBoth(t, "deploy-drops-requests")
	tot := nothing.Totals()
	if tot.Outcomes[sim.OutcomeRefused] == 0 || tot.Outcomes[sim.OutcomeDropped] == 0 {
		t.Fatalf("doing nothing: %d refused, %d dropped; want both, from pods exiting on SIGTERM",
			tot.Outcomes[sim.OutcomeRefused], tot.Outcomes[sim.OutcomeDropped])
	}
	if bad := ref.Totals().Settled() - ref.Totals().Good(); bad != 0 {
		t.Fatalf("reference: %d failed requests in the SLO window, want 0 once releases drain", bad)
	}
}

func TestBadDeployRollbackMechanism(t *testing.T) {
	nothing, ref := replayBoth(t, "bad-deploy-rollback")
	if got := nothing.sim.Version(); got != 2 {
		t.Fatalf("doing nothing ends on config v%d, want the bad v2", got)
	}
	if got := ref.sim.Version(); got != 1 {
		t.Fatalf("reference ends on config v%d, want v1 after the undo", got)
	}
	if n := ref.Totals().Outcomes[sim.OutcomeRefused] + ref.Totals().Outcomes[sim.OutcomeDropped]; n != 0 {
		t.Fatalf("reference: %d refused or dropped, want 0 because the pods drain", n)
	}
}

func TestZoneOutageMechanism(t *testing.T) {
	nothing, ref := replayBoth(t, "zone-outage")
	if got := nothing.Seconds()[200].Services[1].PodsReady; got != 0 {
		t.Fatalf("doing nothing: %d catalog pods ready at 200 s, want 0", got)
	}
	zones := map[string]int{}
	for _, p := range ref.sim.Services()[1].Pods {
		if p.State == "ready" {
			zones[p.Zone]++
		}
	}
	if zones["zone-a"] != 0 || zones["zone-b"] < 3 || zones["zone-c"] < 3 {
		t.Fatalf("reference: ready catalog pods by zone %v, want at least 3 in each of zone-b and zone-c and none in zone-a", zones)
	}
	// The storefront is N+1 over three zones: it keeps 4 of 6 pods.
	if got := ref.Seconds()[300].Services[0].PodsReady; got != 4 {
		t.Fatalf("reference: %d storefront pods ready, want the 4 outside zone a", got)
	}
}

func TestMemoryLeakOOMMechanism(t *testing.T) {
	nothing, ref := replayBoth(t, "memory-leak-oom")
	secs := nothing.Seconds()
	if got := secs[len(secs)-1].Restarts; got < 12 {
		t.Fatalf("doing nothing: %d restarts, want every pod OOM-killed at least twice", got)
	}
	after := ref.Seconds()[150].Restarts
	if got := ref.Seconds()[len(ref.Seconds())-1].Restarts; got != after {
		t.Fatalf("reference: %d restarts after the rollback settled, want none", got-after)
	}
}
