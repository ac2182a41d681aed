package drills

import (
	"testing"

	"gameday/content"
	"gameday/sim"
)

// regionSteps returns the drill's reference with the shutdown step's
// variant set to shutdown, or with that step left out when shutdown is empty.
func regionSteps(d *content.Drill, shutdown string) []content.Step {
	var steps []content.Step
	for _, st := range d.Reference {
		if st.Action == "shutdown" {
			if shutdown == "" {
				continue
			}
			st.Variant = shutdown
		}
		steps = append(steps, st)
	}
	return steps
}

func TestRegionDegradationDrainBeforeRollout(t *testing.T) {
	d := builtin(t).Drill("region-degradation")
	for _, seed := range seedsFor(ProofSeeds(d, 5)) {
		ref, err := Replay(d, seed, d.Reference)
		if err != nil {
			t.Fatal(err)
		}
		if n := ref.Totals().Outcomes[sim.OutcomeRefused]; n != 0 {
			t.Errorf("seed %d, reference: %d refused, want 0 with draining on before the rollout", seed, n)
		}
		if lost := ref.Totals().WritesLost; lost == 0 || lost > 50 {
			t.Errorf("seed %d, reference: %d writes lost, want 1 to 50 for pg-b's 300 ms of lag", seed, lost)
		}

		for _, shutdown := range []string{"", "drain-only"} {
			s, err := Replay(d, seed, regionSteps(d, shutdown))
			if err != nil {
				t.Fatal(err)
			}
			if s.SLOMet() {
				t.Errorf("seed %d, reference with shutdown %q: SLO met, want it missed because the rollout refuses requests", seed, shutdown)
			}
			if n := s.Totals().Outcomes[sim.OutcomeRefused]; n < 2000 {
				t.Errorf("seed %d, reference with shutdown %q: %d refused, want over 2,000 during the 15 s endpoint lag", seed, shutdown, n)
			}
		}
	}
}

func TestRegionDegradationSpreadsOverSurvivingZones(t *testing.T) {
	d := builtin(t).Drill("region-degradation")
	ref, err := Replay(d, d.Seed, d.Reference)
	if err != nil {
		t.Fatal(err)
	}
	zones := map[string]int{}
	for _, p := range ref.Pods() {
		if p.State == "ready" {
			zones[p.Zone]++
		}
	}
	if zones["zone-a"] != 0 || zones["zone-b"] < 4 || zones["zone-c"] < 4 {
		t.Fatalf("reference: ready pods by zone %v, want at least 4 in each of zone-b and zone-c, so either carries the load alone", zones)
	}
}
