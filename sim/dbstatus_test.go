package sim

import (
	"reflect"
	"testing"
	"time"
)

func TestDatabasesShowRolesAndFailure(t *testing.T) {
	lag := 2 * time.Second
	cfg := checkoutConfig(1)
	cfg.System.Service.Calls = []CallSpec{{Dependency: "db", Timeout: time.Second}}
	cfg.System.Dependencies = []DependencySpec{{
		Name: "db", Kind: LeafDatabase,
		Latency:  Dist{Median: 4 * time.Millisecond, P99: 20 * time.Millisecond},
		Database: &DatabaseSpec{Primary: "db-1", Replicas: []ReplicaSpec{{Name: "db-2", Lag: &lag}}},
	}}
	cfg.Faults = []Fault{{Kind: FaultPrimaryFailure, Target: "db", At: 10 * time.Second}}
	s := mustNew(t, cfg)

	dbs := s.Databases()
	if len(dbs) != 1 || dbs[0].Name != "db" || len(dbs[0].Nodes) != 2 {
		t.Fatalf("Databases() = %+v, want db with two nodes", dbs)
	}
	primary, replica := dbs[0].Nodes[0], dbs[0].Nodes[1]
	if primary.Name != "db-1" || !primary.Primary || !primary.Up {
		t.Fatalf("first node %+v, want db-1, the primary, up", primary)
	}
	if replica.Name != "db-2" || replica.Primary || !replica.Up || replica.Lag != 2*time.Second {
		t.Fatalf("second node %+v, want db-2, a replica up with 2s of lag", replica)
	}

	s.AdvanceTo(11 * time.Second)
	if s.Databases()[0].Nodes[0].Up {
		t.Fatal("the primary is up after its failure")
	}
	if got := len(s.Databases()); got != 1 {
		t.Fatalf("%d databases, want 1", got)
	}
	if nonDB := mustNew(t, checkoutConfig(1)).Databases(); len(nonDB) != 0 {
		t.Fatalf("Databases() without a database leaf = %+v, want none", nonDB)
	}
}

func TestInjectPrimaryFailureMatchesScheduled(t *testing.T) {
	lag := 2 * time.Second
	config := func() Config {
		cfg := checkoutConfig(4)
		cfg.System.Service.Calls = []CallSpec{{Dependency: "db", Timeout: time.Second}}
		cfg.System.Dependencies = []DependencySpec{{
			Name: "db", Kind: LeafDatabase,
			Latency:  Dist{Median: 4 * time.Millisecond, P99: 20 * time.Millisecond},
			Database: &DatabaseSpec{Primary: "db-1", Replicas: []ReplicaSpec{{Name: "db-2", Lag: &lag}}},
		}}
		return cfg
	}
	fault := Fault{Kind: FaultPrimaryFailure, Target: "db", At: 10 * time.Second, Duration: 20 * time.Second}

	cfg := config()
	cfg.Faults = []Fault{fault}
	scheduled := run(t, cfg, time.Minute)

	injected := mustNew(t, config())
	injected.AdvanceTo(5 * time.Second)
	if err := injected.Inject(10*time.Second, fault); err != nil {
		t.Fatal(err)
	}
	injected.AdvanceTo(time.Minute)

	if !reflect.DeepEqual(scheduled.Seconds(), injected.Seconds()) {
		t.Fatal("an injected primary failure gives other metrics than the same fault in the Config")
	}
	if !reflect.DeepEqual(scheduled.Log(), injected.Log()) {
		t.Fatalf("logs differ:\nscheduled %v\ninjected  %v", scheduled.Log(), injected.Log())
	}
}
