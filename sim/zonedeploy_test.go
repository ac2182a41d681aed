package sim

import (
	"strings"
	"testing"
	"time"
)

// rolloutInOutage is zonedConfig with api rolled out one pod at a time
// (max surge 1, max unavailable 0) at deploy, while zone-c is out from 60 s
// until after eviction.
func rolloutInOutage(deploy time.Duration) Config {
	cfg := zonedConfig(1, []string{"zone-a", "zone-b", "zone-c"})
	surge, unavailable := 1, 0
	cfg.System.Services[0].MaxSurge = &surge
	cfg.System.Services[0].MaxUnavailable = &unavailable
	cfg.Faults = append(cfg.Faults, Fault{Kind: FaultRollingDeploy, Target: "api", At: deploy})
	return cfg
}

// rolloutDone returns the time of the log entry that reports api's
// rolling update complete, or -1 when there is none.
func rolloutDone(s *Sim) time.Duration {
	for _, e := range s.Log() {
		if strings.HasPrefix(e.Text, "rolling update of api") && strings.HasSuffix(e.Text, "complete") {
			return e.At
		}
	}
	return -1
}

// TestRolloutReplacesLostPodsAtNotReady checks that a rolling update
// started during a zone outage goes on once the node controller marks the
// zone's pods not ready. As a Deployment does, it counts them unavailable
// and replaces them in the zones still up, without waiting 5 minutes for
// their eviction.
func TestRolloutReplacesLostPodsAtNotReady(t *testing.T) {
	for _, deploy := range []time.Duration{50 * time.Second, 61 * time.Second, 80 * time.Second} {
		s := run(t, rolloutInOutage(deploy), 420*time.Second)
		done := rolloutDone(s)
		// The lost pods are marked not ready at 100 s. Six pods start
		// one after another, 10 s each, some of them before 100 s.
		if done < 0 || done > 170*time.Second {
			t.Errorf("deploy at %s: rolling update complete at %s, want by 170s, long before the eviction at 400s", deploy, done)
		}
		for _, p := range s.Services()[1].Pods {
			if p.Version != 2 {
				t.Errorf("deploy at %s: pod %s has config v%d at 420s, want v2", deploy, p.Name, p.Version)
			}
		}
	}
}

// TestRolloutCountsUnknownPodsAsReady checks the other side of the node
// controller's delay: until it marks them, the zone's pods still show
// ready, so a rolling update counts them available and goes on replacing
// old pods one at a time.
func TestRolloutCountsUnknownPodsAsReady(t *testing.T) {
	s := run(t, rolloutInOutage(61*time.Second), 95*time.Second)
	newPods := 0
	for _, p := range s.services[1].pods {
		if p.tmpl.version == 2 {
			newPods++
		}
	}
	// One pod at a time from 61 s, 10 s each: v2 pods start at 61, 71, 81
	// and 91 s, each once the previous one is ready and an old pod stops.
	if newPods < 3 {
		t.Errorf("%d v2 pods at 95 s, want at least 3: the unreachable pods still count as ready", newPods)
	}
}

// TestRolloutWaitsForNewPodInLostZone checks that a new pod that was
// starting in the zone when it went out holds the rollout until its
// eviction: the kubelet cannot report it ready, and it still counts as
// one of the new replicas until it is deleted.
func TestRolloutWaitsForNewPodInLostZone(t *testing.T) {
	cfg := rolloutInOutage(55 * time.Second)
	surge := 3 // the third new pod goes to zone-c, 5 s before the outage
	cfg.System.Services[0].MaxSurge = &surge
	s := run(t, cfg, 500*time.Second)

	// Evicted at 60 + 40 + 300 s and replaced after the 10 s start-up.
	if done := rolloutDone(s); done < 400*time.Second || done > 420*time.Second {
		t.Errorf("rolling update complete at %s, want just after the eviction at 400s", done)
	}
}
