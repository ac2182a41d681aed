package sim

import (
	"testing"
	"time"
)

// TestRecreateWaitsForOldPods checks Kubernetes' Recreate order: every old
// pod is gone, drained or killed at the grace period, before the first new
// one is created.
func TestRecreateWaitsForOldPods(t *testing.T) {
	cfg := checkoutConfig(1)
	cfg.System.Service.Shutdown = ShutdownSpec{Graceful: true, PreStop: 5 * time.Second}
	s := run(t, cfg, 10*time.Second)
	if err := s.Apply(10*time.Second, Change{Rollout: RolloutRecreate}); err != nil {
		t.Fatal(err)
	}

	// The old pods leave the endpoints at 13 s, get SIGTERM at 15 s and
	// drain in well under a second.
	s.AdvanceTo(14 * time.Second)
	if got := len(s.Pods()); got != 0 {
		t.Errorf("%d pods at 14 s, want 0: no new pod before the old ones are gone", got)
	}
	s.AdvanceTo(17 * time.Second)
	if got := len(s.Pods()); got != 4 {
		t.Errorf("%d pods at 17 s, want 4 new ones started once the old ones exited", got)
	}
	for _, p := range s.Pods() {
		if p.Version != 2 {
			t.Errorf("pod %s has config v%d, want v2", p.Name, p.Version)
		}
	}

	// Start-up takes 5 s from the old pods' exit at about 15 s.
	s.AdvanceTo(22 * time.Second)
	if got := s.Seconds()[21].PodsReady; got != 4 {
		t.Errorf("%d pods ready at 21 s, want 4", got)
	}
	if !logHas(s, "old pods of checkout are gone; starting 4 pods of config v2") {
		t.Error("the log does not say when the new pods start")
	}
}

// TestRollingUpdateEndsRecreateWait checks that a rolling update started
// while a recreate waits for old pods does not wait for them too.
func TestRollingUpdateEndsRecreateWait(t *testing.T) {
	cfg := checkoutConfig(1)
	cfg.System.Service.Shutdown = ShutdownSpec{Graceful: true, PreStop: 20 * time.Second}
	s := run(t, cfg, 10*time.Second)
	if err := s.Apply(10*time.Second, Change{Rollout: RolloutRecreate}); err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(11*time.Second, Change{Workers: 50, Rollout: RolloutRolling}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(12 * time.Second)
	if got := len(s.Pods()); got == 0 {
		t.Error("no pods at 12 s, want the rolling update's new pods starting while the old ones drain")
	}
}
