package sim

import (
	"testing"
	"time"
)

// deployConfig is checkout with a routine rolling deploy at 20 s and the
// given shutdown settings.
func deployConfig(seed uint64, sd ShutdownSpec) Config {
	cfg := checkoutConfig(seed)
	cfg.System.Service.Shutdown = sd
	cfg.Traffic.Rate = 200
	cfg.Faults = []Fault{{Kind: FaultRollingDeploy, Target: "checkout", At: 20 * time.Second}}
	return cfg
}

func TestRollingDeployDropsOnlyWithoutGracefulShutdown(t *testing.T) {
	tests := []struct {
		name        string
		shutdown    ShutdownSpec
		wantDropped bool // in-flight requests cut off by an abrupt exit
		wantRefused bool // requests sent to a process no longer listening
	}{
		{"abrupt exit", ShutdownSpec{}, true, true},
		{"graceful, no preStop", ShutdownSpec{Graceful: true}, false, true},
		{"graceful, preStop shorter than the lag", ShutdownSpec{Graceful: true, PreStop: 2 * time.Second}, false, true},
		{"graceful, preStop covers the lag", ShutdownSpec{Graceful: true, PreStop: 10 * time.Second}, false, false},
		// Requests here last well under the 5 s between the endpoint removal
		// and SIGTERM, so none is left to drop when the process exits.
		{"preStop without graceful", ShutdownSpec{PreStop: 10 * time.Second}, false, false},
	}
	for _, tc := range tests {
		for _, seed := range []uint64{1, 2, 3} {
			t.Run(tc.name, func(t *testing.T) {
				s := run(t, deployConfig(seed, tc.shutdown), 120*time.Second)
				tot := s.Totals()
				dropped, refused := tot.Outcomes[OutcomeDropped], tot.Outcomes[OutcomeRefused]
				if (dropped > 0) != tc.wantDropped {
					t.Errorf("seed %d: %d requests dropped, want some: %v", seed, dropped, tc.wantDropped)
				}
				if (refused > 0) != tc.wantRefused {
					t.Errorf("seed %d: %d requests refused, want some: %v", seed, refused, tc.wantRefused)
				}
				if !tc.wantDropped && !tc.wantRefused && tot.Good() != tot.Settled() {
					t.Errorf("seed %d: %d of %d requests failed, want none", seed, tot.Settled()-tot.Good(), tot.Settled())
				}
				if got := s.Version(); got != 2 {
					t.Errorf("seed %d: config v%d at the end, want v2", seed, got)
				}
				if n := len(s.services[0].life.terminating); n != 0 {
					t.Errorf("seed %d: %d pods still terminating at the end", seed, n)
				}
				if got := s.Seconds()[119].PodsReady; got != 4 {
					t.Errorf("seed %d: %d pods ready at the end, want 4", seed, got)
				}
			})
		}
	}
}

// TestAbruptExitRefusesForTheLag checks the error window of a pod that
// exits at once: requests keep arriving until the endpoint is gone.
func TestAbruptExitRefusesForTheLag(t *testing.T) {
	cfg := checkoutConfig(1)
	cfg.Traffic.Rate = 400
	cfg.System.Service.Shutdown = ShutdownSpec{EndpointLag: 3 * time.Second}
	s := run(t, cfg, 10*time.Second)
	if err := s.Apply(10*time.Second, Change{Pods: 2}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(20 * time.Second)
	refused := 0
	for _, sec := range s.Seconds()[10:20] {
		refused += sec.Outcomes[OutcomeRefused]
		if sec.Start >= 13*time.Second && sec.Outcomes[OutcomeRefused] > 0 {
			t.Errorf("second %s: %d refused after the 3 s lag", sec.Start, sec.Outcomes[OutcomeRefused])
		}
	}
	// Two of four pods refuse for 3 s: half of 400 rps × 3 s, give or take.
	if refused < 450 || refused > 750 {
		t.Fatalf("%d requests refused, want about 600", refused)
	}
}

func TestGracePeriodKillsSlowDrain(t *testing.T) {
	cfg := checkoutConfig(1)
	cfg.System.Service.Shutdown = ShutdownSpec{Graceful: true, PreStop: 5 * time.Second, GracePeriod: 8 * time.Second}
	cfg.Faults = []Fault{hangAt(5 * time.Second)}
	s := run(t, cfg, 10*time.Second)
	if err := s.Apply(10*time.Second, Change{Pods: 3}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(17 * time.Second)
	if n := len(s.services[0].life.terminating); n != 1 {
		t.Fatalf("%d pods terminating 7 s into an 8 s grace period with hung calls, want 1", n)
	}
	s.AdvanceTo(19 * time.Second)
	if n := len(s.services[0].life.terminating); n != 0 {
		t.Fatalf("%d pods terminating after the grace period, want 0: the kill must end the drain", n)
	}
	if got := s.Seconds()[18].Outcomes[OutcomeDropped]; got == 0 {
		t.Fatal("no requests dropped at the kill, want the hung ones")
	}
}

func TestShutdownChangeKeepsEndpointLag(t *testing.T) {
	spec := ServiceSpec{Shutdown: ShutdownSpec{EndpointLag: 8 * time.Second}}
	withLifecycle(&spec, LifecycleChange{Shutdown: &ShutdownSpec{Graceful: true, PreStop: 10 * time.Second}})
	if got := spec.Shutdown.EndpointLag; got != 8*time.Second {
		t.Fatalf("endpoint lag %s after a shutdown change, want the cluster's 8s kept", got)
	}
	if !spec.Shutdown.Graceful || spec.Shutdown.PreStop != 10*time.Second {
		t.Fatalf("shutdown %+v, want graceful with a 10s preStop", spec.Shutdown)
	}
	withLifecycle(&spec, LifecycleChange{Shutdown: &ShutdownSpec{EndpointLag: 2 * time.Second}})
	if got := spec.Shutdown.EndpointLag; got != 2*time.Second {
		t.Fatalf("endpoint lag %s, want the 2s the change sets", got)
	}
}
