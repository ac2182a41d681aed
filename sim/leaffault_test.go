package sim

import (
	"strings"
	"testing"
	"time"
)

// TestUnreachableLeafFailsAfterItsDelay checks the two faults that keep a
// call from reaching its leaf: a refused connection fails in about a
// millisecond, a failed DNS lookup after the resolver timeout, on every
// kind of leaf.
func TestUnreachableLeafFailsAfterItsDelay(t *testing.T) {
	tests := []struct {
		name  string
		cfg   Config
		fault Fault
		want  time.Duration
	}{
		{"refused api", leafQueueConfig(1, 0, 50), Fault{Kind: FaultRefused, Target: "db"}, RefusedAfter},
		{"refused pooled api", leafQueueConfig(1, 5, 20), Fault{Kind: FaultRefused, Target: "db"}, RefusedAfter},
		{"dns api", leafQueueConfig(1, 0, 50), Fault{Kind: FaultDNS, Target: "db"}, DefaultResolverTimeout},
		{"dns 2s", leafQueueConfig(1, 0, 50), Fault{Kind: FaultDNS, Target: "db", ResolverTimeout: 2 * time.Second}, 2 * time.Second},
		{"refused database", dbConfig(1, 50, oneReplica(0)), Fault{Kind: FaultRefused, Target: "db"}, RefusedAfter},
		{"dns cache", cacheConfig(1, 50, 0), Fault{Kind: FaultDNS, Target: "cache"}, DefaultResolverTimeout},
		{"dns cache backing", coldCache(cacheConfig(1, 50, 0)), Fault{Kind: FaultDNS, Target: "db"}, DefaultResolverTimeout + time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			cfg.System.Service.Calls[0].Timeout = 0
			cfg.System.Service.CPU = Dist{Fixed: time.Millisecond}
			cfg.Faults = []Fault{tc.fault}
			cfg.Window = Window{From: 10 * time.Second}
			s := mustNew(t, cfg)
			s.keepRequests = true // the test reads r after it ends

			// Follow one request made after the fault started.
			s.AdvanceTo(10 * time.Second)
			svc := s.services[0]
			s.nextRequest++
			r := &request{id: s.nextRequest, arrived: s.now, svc: svc, slot: -1}
			s.route(svc, r)
			start := s.now + time.Millisecond // after the service's own work
			s.AdvanceTo(start + tc.want - 100*time.Microsecond)
			if r.done {
				t.Fatalf("request finished before %s, want it to fail after %s", tc.want, tc.want)
			}
			s.AdvanceTo(start + tc.want + time.Millisecond)
			if !r.done {
				t.Fatalf("request not finished %s after the call started, want it failed after %s", tc.want+2*time.Millisecond, tc.want)
			}
			s.AdvanceTo(30 * time.Second)
			tot := s.Totals()
			if tot.Good() != 0 {
				t.Errorf("%d good responses while the leaf is unreachable, want 0", tot.Good())
			}
			if tot.Outcomes[OutcomeError] == 0 {
				t.Errorf("no errors while the leaf is unreachable")
			}
		})
	}
}

// TestDNSFailureHoldsWorkersForResolverTimeout checks that a DNS failure
// holds each worker for the resolver timeout, so busy workers grow to
// λ × 5 s, while a refused connection frees them at once.
// coldCache starts the config's cache empty, so every lookup misses.
func coldCache(cfg Config) Config {
	c := *cfg.System.Dependencies[0].Cache
	c.Cold = true
	cfg.System.Dependencies[0].Cache = &c
	return cfg
}

func TestDNSFailureHoldsWorkersForResolverTimeout(t *testing.T) {
	for _, tc := range []struct {
		kind     string
		min, max float64
	}{
		{FaultDNS, 225, 275}, // 50/s × 5 s
		{FaultRefused, 0, 2},
	} {
		cfg := leafQueueConfig(1, 0, 50)
		cfg.Faults = []Fault{{Kind: tc.kind, Target: "db", At: 10 * time.Second}}
		s := run(t, cfg, 30*time.Second)
		busy := 0.0
		for _, sec := range s.Seconds()[20:30] {
			busy += sec.Busy / 10
		}
		if busy < tc.min || busy > tc.max {
			t.Errorf("%s: %.1f workers busy, want between %g and %g", tc.kind, busy, tc.min, tc.max)
		}
	}
}

func TestValidateDataLeaves(t *testing.T) {
	cfg := cacheConfig(1, 10, 0)
	deps := cfg.System.Dependencies
	deps[0].Cache.Backing = "nowhere"
	deps[1].Database = &DatabaseSpec{
		Replication: "semi", Lag: -time.Second,
		Replicas: []ReplicaSpec{{Name: "primary"}, {Name: ""}},
	}
	deps = append(deps, DependencySpec{Name: "api", Latency: Dist{Fixed: time.Millisecond}, Kind: "queue", Connections: -1})
	cfg.System.Dependencies = deps
	cfg.System.Service.Calls = append(cfg.System.Service.Calls,
		CallSpec{Dependency: "cache", Operation: OpWrite},
		CallSpec{Dependency: "api", ReadFrom: ReadReplicas},
	)
	cfg.Faults = []Fault{
		{Kind: FaultPrimaryFailure, Target: "cache", At: time.Second},
		{Kind: FaultCacheFlush, Target: "cache", At: time.Second, Duration: time.Second},
		{Kind: FaultSlow, Target: "db", At: time.Second, Add: time.Second, ResolverTimeout: time.Second},
	}
	_, err := New(cfg)
	if err == nil {
		t.Fatal("New accepted an invalid config")
	}
	for _, want := range []string{
		`system.dependencies[0].cache.backing: "nowhere" is not a leaf dependency`,
		`system.dependencies[1].database.replication: is "semi"; expected async or sync`,
		`system.dependencies[1].database.lag: is negative`,
		`system.dependencies[1].database.replicas[0].name: "primary" is used twice`,
		`system.dependencies[1].database.replicas[1].name: is missing`,
		`system.dependencies[2].kind: is "queue"`,
		`system.dependencies[2].connections: is -1`,
		`system.service.calls[1].operation: is write on the cache cache`,
		`system.service.calls[2].operation: is set, but api is not a database or cache`,
		`faults[0].target: "cache" is not a database`,
		`faults[1].duration: is 1s, but a cache flush is instant`,
		`faults[2].resolver_timeout: is set on a slow fault`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %q:\n%v", want, err)
		}
	}
}

func TestValidateDatabaseChange(t *testing.T) {
	sys := dbConfig(1, 10, oneReplica(0)).System
	tests := []struct {
		change DatabaseChange
		want   string
	}{
		{DatabaseChange{Database: "orders", Promote: "replica-1"}, `database.database: "orders" is not a database`},
		{DatabaseChange{Database: "db", Promote: "replica-9"}, `database.promote: "replica-9" is not a node of db; expected one of: primary, replica-1`},
		{DatabaseChange{Database: "db"}, "database: does nothing"},
		{DatabaseChange{}, "database.database: is missing"},
	}
	for _, tc := range tests {
		ps := ValidateChange(Change{Database: &tc.change}, sys)
		if len(ps) != 1 || !strings.Contains(ps[0].Error(), tc.want) {
			t.Errorf("ValidateChange(%+v) = %v, want one problem containing %q", tc.change, ps, tc.want)
		}
	}
	if ps := ValidateChange(Change{Database: &DatabaseChange{Database: "db", Promote: "replica-1", Fence: true}}, sys); len(ps) != 0 {
		t.Errorf("a valid failover was rejected: %v", ps)
	}
}
