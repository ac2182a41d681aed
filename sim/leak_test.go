package sim

import (
	"testing"
	"time"
)

func TestGCSlowingCurve(t *testing.T) {
	tests := []struct {
		heap, want float64
	}{{0, 1}, {0.7, 1}, {0.85, 3.25}, {1, 10}, {1.2, 10}}
	for _, tc := range tests {
		if got := gcSlowing(tc.heap); got < tc.want-1e-9 || got > tc.want+1e-9 {
			t.Errorf("gcSlowing(%g) = %g, want %g", tc.heap, got, tc.want)
		}
	}
}

// TestMemoryLeakSlowsThenKills fills each pod's heap in 3,000 requests: at
// 25 rps a pod, in about 120 s. Latency grows past 70 % of the heap, then
// every pod is OOM-killed and restarts with an empty heap.
func TestMemoryLeakSlowsThenKills(t *testing.T) {
	cfg := checkoutConfig(1)
	cfg.System.Service.CPU = Dist{Median: 50 * time.Millisecond, P99: 80 * time.Millisecond}
	cfg.Faults = []Fault{{Kind: FaultMemoryLeak, Target: "checkout", FillRequests: 3000}}
	s := run(t, cfg, 200*time.Second)
	secs := s.Seconds()
	if secs[60].Restarts != 0 {
		t.Fatalf("%d restarts at 60 s, want none before the heap is full", secs[60].Restarts)
	}
	if early, late := secs[30].P50, secs[115].P50; late < 2*early {
		t.Fatalf("p50 %s at 115 s against %s at 30 s, want GC to at least double it", late, early)
	}
	var first time.Duration
	for _, r := range s.restarts {
		if first == 0 {
			first = r.at
		}
	}
	if first < 100*time.Second || first > 140*time.Second {
		t.Fatalf("first OOM kill at %s, want about 120 s", first)
	}
	if got := secs[199].Restarts; got < 4 {
		t.Fatalf("%d restarts by 200 s, want every pod OOM-killed once", got)
	}
	if got := s.heap(s.services[0].pods[0]); got > 0.9 {
		t.Fatalf("heap %.2f after the restarts, want it refilling from empty", got)
	}
}

func TestTimedLeakKillsIdlePod(t *testing.T) {
	cfg := checkoutConfig(1)
	cfg.Traffic.Rate = 0.001
	cfg.Faults = []Fault{{Kind: FaultMemoryLeak, Target: "checkout", At: 10 * time.Second, FillAfter: 30 * time.Second}}
	s := run(t, cfg, 45*time.Second)
	if got := len(s.restarts); got != 4 {
		t.Fatalf("%d restarts, want 4: every idle pod's heap fills at 40 s", got)
	}
	if at := s.restarts[0].at; at != 40*time.Second {
		t.Fatalf("first OOM kill at %s, want 40s", at)
	}
}

func TestLeakyReleaseCrashLoopsUntilRolledBack(t *testing.T) {
	cfg := checkoutConfig(1)
	cfg.Faults = []Fault{{Kind: FaultBadDeploy, Target: "checkout", At: 10 * time.Second, FillRequests: 1500}}
	s := run(t, cfg, 200*time.Second)
	if got := s.Seconds()[199].Restarts; got < 4 {
		t.Fatalf("%d restarts on a leaking release, want every pod OOM-killed", got)
	}
	if err := s.Apply(200*time.Second, Change{LifecycleChange: LifecycleChange{RollbackNow: true}}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(600 * time.Second)
	before := s.Seconds()[299].Restarts
	if got := s.Seconds()[599].Restarts; got != before {
		t.Fatalf("%d restarts after the rollback settled, want none beyond the %d before", got-before, before)
	}
	if got := s.Version(); got != 1 {
		t.Fatalf("config v%d after the rollback, want v1", got)
	}
}
