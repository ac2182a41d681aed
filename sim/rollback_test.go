package sim

import (
	"strings"
	"testing"
	"time"
)

// badDeployConfig is checkout with a release at 20 s that fails 30 % of
// requests, and graceful shutdown so the rollouts themselves drop nothing.
func badDeployConfig(seed uint64, rb *RollbackSpec) Config {
	cfg := checkoutConfig(seed)
	cfg.System.Service.Shutdown = ShutdownSpec{Graceful: true, PreStop: 10 * time.Second}
	cfg.System.Service.Rollback = rb
	cfg.Faults = []Fault{{Kind: FaultBadDeploy, Target: "checkout", At: 20 * time.Second, ErrorPercent: 30}}
	return cfg
}

func TestAutomaticRollbackRestoresGoodVersion(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		s := run(t, badDeployConfig(seed, &RollbackSpec{ErrorPercent: 5}), 240*time.Second)
		var at time.Duration
		for _, e := range s.Log() {
			if strings.HasPrefix(e.Text, "automatic rollback") {
				at = e.At
			}
		}
		if at < 30*time.Second || at > 60*time.Second {
			t.Fatalf("seed %d: rolled back at %s, want within the first checks after the deploy at 20 s", seed, at)
		}
		if got := s.Version(); got != 1 {
			t.Fatalf("seed %d: config v%d at the end, want v1 again", seed, got)
		}
		if got := goodRatio(s.Seconds(), 150, 240); got < 0.999 {
			t.Fatalf("seed %d: good ratio %.4f after the rollback, want ≥ 0.999", seed, got)
		}
	}
}

func TestBadDeployStaysWithoutRollback(t *testing.T) {
	s := run(t, badDeployConfig(1, nil), 240*time.Second)
	if got := s.Version(); got != 2 {
		t.Fatalf("config v%d at the end, want the bad v2", got)
	}
	if got := goodRatio(s.Seconds(), 150, 240); got > 0.75 {
		t.Fatalf("good ratio %.4f on the bad version, want about 0.7", got)
	}
}

func TestRollbackNowAndUndoOfUndo(t *testing.T) {
	s := run(t, badDeployConfig(1, nil), 90*time.Second)
	undo := Change{LifecycleChange: LifecycleChange{RollbackNow: true}}
	if err := s.Apply(90*time.Second, undo); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(180 * time.Second)
	if got := s.Version(); got != 1 {
		t.Fatalf("config v%d after rolling back, want v1", got)
	}
	if err := s.Apply(180*time.Second, undo); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(270 * time.Second)
	if got := s.Version(); got != 2 {
		t.Fatalf("config v%d after undoing the rollback, want v2", got)
	}
	if err := s.Apply(270*time.Second, Change{Workers: 60, Rollout: RolloutRolling}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(300 * time.Second)
	if got := s.Version(); got != 3 {
		t.Fatalf("config v%d after a new change, want v3: versions must not repeat", got)
	}
}

func TestRollbackWithoutHistoryIsLogged(t *testing.T) {
	s := run(t, checkoutConfig(1), 10*time.Second)
	if err := s.Apply(10*time.Second, Change{LifecycleChange: LifecycleChange{RollbackNow: true}}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(11 * time.Second)
	last := s.Log()[len(s.Log())-1].Text
	if !strings.Contains(last, "no previous revision") {
		t.Fatalf("last log line %q, want the rollback skipped for lack of a previous revision", last)
	}
}

func TestRollbackNowRejectsOtherSettings(t *testing.T) {
	s := run(t, checkoutConfig(1), time.Second)
	err := s.Apply(time.Second, Change{Pods: 6, LifecycleChange: LifecycleChange{RollbackNow: true}})
	if err == nil || !strings.Contains(err.Error(), "rollback_now") {
		t.Fatalf("Apply = %v, want an error naming rollback_now", err)
	}
}
