package drills

import (
	"testing"

	"gameday/sim"
)

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
