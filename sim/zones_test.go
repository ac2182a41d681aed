package sim

import (
	"testing"
	"time"
)

// zonedConfig is an edge service calling an api service of 6 pods spread
// over the given zones, with a 300 ms timeout and one retry on the call.
// Four api pods carry the load, so three zones are N+1 for a zone's loss.
func zonedConfig(seed uint64, zones []string) Config {
	return Config{
		Seed: seed,
		System: System{
			Service: ServiceSpec{
				Name: "edge", Pods: 3, Workers: 100, Queue: 50,
				CPU: Dist{Mean: 2 * time.Millisecond},
				Calls: []CallSpec{{
					Dependency: "api", Timeout: 300 * time.Millisecond,
					Retry: &RetrySpec{MaxAttempts: 2, Backoff: 10 * time.Millisecond},
				}},
			},
			Services: []ServiceSpec{{
				Name: "api", Pods: 6, Workers: 12, Queue: 20, Zones: zones,
				CPU:   Dist{Mean: 20 * time.Millisecond},
				Calls: []CallSpec{{Dependency: "db", Timeout: time.Second}},
			}},
			Dependencies: []DependencySpec{{Name: "db", Latency: Dist{Median: 30 * time.Millisecond, P99: 120 * time.Millisecond}}},
		},
		Traffic: Traffic{Rate: 600, ClientTimeout: 5 * time.Second},
		Window:  Window{From: 60 * time.Second, To: 660 * time.Second},
		Faults:  []Fault{{Kind: FaultZoneOutage, Target: "api", Zone: zones[len(zones)-1], At: 60 * time.Second, Duration: 10 * time.Minute}},
	}
}

func TestThreeZonesSurviveZoneOutage(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		s := run(t, zonedConfig(seed, []string{"zone-a", "zone-b", "zone-c"}), 660*time.Second)
		tot := s.Totals()
		if got := tot.GoodRatio(); got < 0.99 {
			t.Errorf("seed %d: good ratio %.4f through a zone outage, want ≥ 0.99 (an SLO of 99 %%)", seed, got)
		}
		if tot.P99 > time.Second {
			t.Errorf("seed %d: p99 %s, want at most 1s", seed, tot.P99)
		}
		for _, p := range s.Services()[1].Pods {
			if p.Zone == "zone-c" {
				t.Errorf("seed %d: pod %s in zone-c, which is still out", seed, p.Name)
			}
		}
		if got := s.Seconds()[659].Services[1].PodsReady; got != 6 {
			t.Errorf("seed %d: %d api pods ready after eviction, want 6 replaced in the zones still up", seed, got)
		}
	}
}

func TestOneZoneFailsZoneOutage(t *testing.T) {
	s := run(t, zonedConfig(1, []string{"zone-a"}), 660*time.Second)
	if got := s.Totals().GoodRatio(); got > 0.01 {
		t.Fatalf("good ratio %.4f with every pod in the lost zone, want next to nothing: the replacements have no zone to go to", got)
	}
}

func TestZoneOutageTimeline(t *testing.T) {
	s := run(t, zonedConfig(1, []string{"zone-a", "zone-b", "zone-c"}), 420*time.Second)
	api := func(i int) ServiceSecond { return s.Seconds()[i].Services[1] }
	if got := api(90).PodsReady; got != 6 {
		t.Errorf("%d api pods ready 30 s into the outage, want 6: nobody has noticed yet", got)
	}
	if got := api(101).PodsReady; got != 4 {
		t.Errorf("%d api pods ready 41 s into the outage, want 4: the node controller marks them after 40 s", got)
	}
	if got := api(395).Pods; got != 6 {
		t.Errorf("%d api pods just before eviction, want 6: lost pods still count", got)
	}
	// Evicted at 60 + 40 + 300 s, replaced after a 10 s start-up.
	if got := api(401).Pods; got != 6 || api(401).PodsReady != 4 {
		t.Errorf("%d pods, %d ready at 401 s, want 6 with 4 ready: the replacements are starting", got, api(401).PodsReady)
	}
	if got := api(415).PodsReady; got != 6 {
		t.Errorf("%d api pods ready at 415 s, want 6", got)
	}
}
