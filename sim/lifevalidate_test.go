package sim

import (
	"strings"
	"testing"
	"time"
)

func TestLifecycleSettingsRejected(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		path   string
		want   string
	}{
		{"preStop past grace", func(c *Config) {
			c.System.Service.Shutdown = ShutdownSpec{Graceful: true, PreStop: 40 * time.Second}
		}, "system.service.shutdown.pre_stop", "not shorter than the grace period of 30s"},
		{"negative lag", func(c *Config) {
			c.System.Service.Shutdown = ShutdownSpec{EndpointLag: -time.Second}
		}, "system.service.shutdown.endpoint_lag", "is negative"},
		{"liveness success threshold", func(c *Config) {
			c.System.Service.Probes = ProbesSpec{Liveness: &ProbeSpec{SuccessThreshold: 2}}
		}, "system.service.probes.liveness.success_threshold", "Kubernetes requires 1"},
		{"rollback without threshold", func(c *Config) {
			c.System.Service.Rollback = &RollbackSpec{}
		}, "system.service.rollback.error_percent", "set the error rate"},
		{"crash of a dependency", func(c *Config) {
			c.Faults = []Fault{{Kind: FaultCrash, Target: "payments"}}
		}, "faults[0].target", `"payments" is not a service`},
		{"crash with a duration", func(c *Config) {
			c.Faults = []Fault{{Kind: FaultCrash, Target: "checkout", Duration: time.Minute}}
		}, "faults[0].duration", "happens once"},
		{"leak without a rate", func(c *Config) {
			c.Faults = []Fault{{Kind: FaultMemoryLeak, Target: "checkout"}}
		}, "faults[0].fill_requests", "a memory leak needs one"},
		{"outage of an unknown zone", func(c *Config) {
			c.Faults = []Fault{{Kind: FaultZoneOutage, Zone: "zone-z"}}
		}, "faults[0].zone", `"zone-z" is not a zone`},
		{"outage without a zone", func(c *Config) {
			c.Faults = []Fault{{Kind: FaultZoneOutage}}
		}, "faults[0].zone", "is missing"},
		{"bad deploy that breaks nothing", func(c *Config) {
			c.Faults = []Fault{{Kind: FaultBadDeploy, Target: "checkout"}}
		}, "faults[0].kind", "nothing broken"},
		{"count on a deploy", func(c *Config) {
			c.Faults = []Fault{{Kind: FaultRollingDeploy, Target: "checkout", Count: 2}}
		}, "faults[0].count", "only a crash fault takes a count"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := checkoutConfig(1)
			tc.change(&cfg)
			wantRejected(t, cfg, tc.path, tc.want)
		})
	}
}

// wantRejected checks that New rejects cfg with an error about path that
// contains want.
func wantRejected(t *testing.T, cfg Config, path, want string) {
	t.Helper()
	_, err := New(cfg)
	if err == nil {
		t.Fatal("New accepted the config")
	}
	if !strings.Contains(err.Error(), path+": ") || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q, want %s with %q", err, path, want)
	}
}

func TestLifecycleChangeRejected(t *testing.T) {
	s := mustNew(t, checkoutConfig(1))
	tests := []struct {
		change     Change
		path, want string
	}{
		{Change{LifecycleChange: LifecycleChange{Zones: []string{"a", "a"}}}, "zones[1]", "unique"},
		{Change{LifecycleChange: LifecycleChange{Autoscale: &AutoscaleSpec{Max: 4, TargetPercent: 150}}}, "autoscale.target_percent", "is 150"},
		{Change{LifecycleChange: LifecycleChange{Probes: &ProbesSpec{Readiness: &ProbeSpec{Period: -time.Second}}}}, "probes.readiness.period", "is negative"},
		{Change{Rollout: RolloutRolling, LifecycleChange: LifecycleChange{RollbackNow: true}}, "rollback_now", "make it a change of its own"},
		{Change{LifecycleChange: LifecycleChange{Probes: &ProbesSpec{Liveness: &ProbeSpec{Period: 100 * time.Millisecond}}}}, "probes.liveness.period", "1s or more"},
		{Change{LifecycleChange: LifecycleChange{Rollback: &RollbackSpec{ErrorPercent: 5, Interval: time.Millisecond}}}, "rollback.interval", "at least 1s"},
	}
	for _, tc := range tests {
		err := s.Apply(0, tc.change)
		if err == nil || !strings.Contains(err.Error(), tc.path+": ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Apply(%+v) = %v, want %s with %q", tc.change.LifecycleChange, err, tc.path, tc.want)
		}
	}
}
