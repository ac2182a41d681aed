package sim

import (
	"math"
	"strings"
	"testing"
	"time"
)

// zonedDB is dbConfig with the service in zone-c, out of the way, the
// primary in zone-a and one replica with lag in zone-b, and an outage of
// zone-a from 31 s to 91 s. The write timeout is 1 s.
func zonedDB(fencing bool) Config {
	db := DatabaseSpec{
		Zone: "zone-a", Lag: time.Second, Fencing: fencing, AddressTTL: 30 * time.Second,
		Replicas: []ReplicaSpec{{Name: "replica-1", Zone: "zone-b"}},
	}
	cfg := dbConfig(1, 200, db)
	cfg.System.Service.Zones = []string{"zone-c"}
	cfg.Faults = []Fault{{Kind: FaultZoneOutage, Zone: "zone-a", At: 31 * time.Second, Duration: time.Minute}}
	return cfg
}

func logHas(s *Sim, text string) bool {
	for _, e := range s.Log() {
		if strings.Contains(e.Text, text) {
			return true
		}
	}
	return false
}

func TestZoneOutageFailsPrimaryOver(t *testing.T) {
	s := run(t, zonedDB(true), 150*time.Second)
	secs := s.Seconds()

	// The checks at 40, 50 and 60 s miss, and the promotion takes 5 s.
	if !logHas(s, "primary primary missed 3 health checks; promoting replica-1") {
		t.Error("no failover to replica-1 in the log")
	}
	for _, i := range []int{33, 50, 63} {
		if got := secs[i].Outcomes[OutcomeTimeout]; got < 100 {
			t.Errorf("second %d: %d writes timed out, want about 200: the primary is unreachable, not refusing", i, got)
		}
		if got := secs[i].Outcomes[OutcomeError]; got != 0 {
			t.Errorf("second %d: %d errors, want 0: no answer comes back from a dead zone", i, got)
		}
	}
	// Clients follow the new address over the 30 s address TTL.
	if got := goodRatio(secs, 96, 150); got < 0.99 {
		t.Errorf("good ratio %.4f once every client follows the new primary, want ≥ 0.99 on the replica in zone-b", got)
	}

	// Writes the primary acknowledged in the replica's last second of lag
	// before the zone went out never reached it.
	lost := float64(s.Totals().WritesLost)
	if math.Abs(lost-200) > 4*math.Sqrt(200) {
		t.Errorf("%g writes lost, want about 200 (200/s × 1 s of lag)", lost)
	}
	if !logHas(s, "old primary primary is reachable again, fenced") {
		t.Error("the log does not say that the old primary returned fenced")
	}
	if got := s.Totals().SplitBrainWrites; got != 0 {
		t.Errorf("%d split-brain writes with fencing, want 0", got)
	}
}

func TestZoneReturnUnfencedSplitsBrain(t *testing.T) {
	cfg := zonedDB(false)
	// Promoted at 65 s; the zone is back at 70 s, while about 80 % of the
	// writes still use the old primary's address.
	cfg.Faults[0].Duration = 39 * time.Second
	s := run(t, cfg, 120*time.Second)

	if got := s.Totals().SplitBrainWrites; got < 1000 {
		t.Errorf("%d split-brain writes, want over 1,000 (200/s for most of 25 s)", got)
	}
	if !logHas(s, "old primary primary is reachable again and not fenced") {
		t.Error("the log does not say that the old primary returned unfenced")
	}
}

func TestShortZoneOutageKeepsPrimary(t *testing.T) {
	cfg := zonedDB(true)
	cfg.Faults[0].Duration = 15 * time.Second // back at 46 s, before the third miss
	s := run(t, cfg, 100*time.Second)

	if logHas(s, "promoting") {
		t.Error("a failover started, want none: the primary answered again before the third missed check")
	}
	if !logHas(s, "primary primary is reachable again") {
		t.Error("the log does not say that the primary is reachable again")
	}
	if got := goodRatio(s.Seconds(), 47, 100); got < 0.99 {
		t.Errorf("good ratio %.4f after the zone returned, want ≥ 0.99", got)
	}
}

func TestZoneOutageSparesOtherZones(t *testing.T) {
	cfg := zonedDB(true)
	cfg.Faults[0].Zone = "zone-b" // the replica's zone
	cfg.System.Service.Calls[0].Operation = OpRead
	cfg.System.Service.Calls[0].ReadFrom = ReadReplicas
	s := run(t, cfg, 100*time.Second)

	if logHas(s, "promoting") {
		t.Error("a failover started, want none: the primary's zone is up")
	}
	// Replica reads still go to the replica, which does not respond,
	// until its third missed health check at 60 s.
	if got := s.Seconds()[50].Outcomes[OutcomeTimeout]; got < 100 {
		t.Errorf("%d reads timed out at 50 s, want about 200: the only replica is in the lost zone", got)
	}
	if got := goodRatio(s.Seconds(), 62, 100); got < 0.99 {
		t.Errorf("good ratio %.4f once the replica's loss is detected, want ≥ 0.99: reads fall back to the primary", got)
	}
	last := s.Seconds()[60].Leaves[0].Nodes
	if last[1].Role != "unreachable" {
		t.Errorf("replica role %q during the outage, want unreachable", last[1].Role)
	}
	if last[0].Role != "primary" {
		t.Errorf("primary role %q during the outage, want primary", last[0].Role)
	}
}

func TestNodesWithoutZoneIgnoreOutage(t *testing.T) {
	cfg := zonedDB(true)
	cfg.System.Dependencies[0].Database.Zone = ""
	cfg.System.Service.Zones = []string{"zone-a", "zone-c"}
	cfg.System.Service.Pods = 2
	s := run(t, cfg, 100*time.Second)

	if logHas(s, "unreachable, its zone") || logHas(s, "promoting") {
		t.Error("a node without a zone was cut off, want it out of reach of every outage")
	}
}

func TestZoneOutageTargetSparesDatabase(t *testing.T) {
	cfg := zonedDB(true)
	cfg.System.Service.Zones = []string{"zone-a", "zone-c"}
	cfg.System.Service.Pods = 2
	cfg.Faults[0].Target = "orders"
	s := run(t, cfg, 100*time.Second)

	if logHas(s, "promoting") {
		t.Error("an outage aimed at one service failed the database over, want it to spare the database")
	}
}

func TestDatabaseZoneValidation(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		path   string
		want   string
	}{
		{"zone of no service but a node", func(c *Config) {
			c.Faults[0].Target = "orders"
		}, "faults[0].zone", `"zone-a" is not a zone of service orders`},
		{"zone of nothing", func(c *Config) {
			c.Faults[0].Zone = "zone-z"
		}, "faults[0].zone", "is not a zone of any service or database node"},
		{"primary zone with a space", func(c *Config) {
			c.System.Dependencies[0].Database.Zone = "zone a"
		}, "system.dependencies[0].database.zone", "has no spaces"},
		{"replica zone with spaces around", func(c *Config) {
			c.System.Dependencies[0].Database.Replicas[0].Zone = " zone-b"
		}, "system.dependencies[0].database.replicas[0].zone", "has no spaces"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := zonedDB(true)
			tc.change(&cfg)
			wantRejected(t, cfg, tc.path, tc.want)
		})
	}
	if _, err := New(zonedDB(true)); err != nil {
		t.Fatalf("an outage of a zone only database nodes are in was rejected: %v", err)
	}
}

func TestStoppedPrimaryInLostZoneTimesOut(t *testing.T) {
	cfg := zonedDB(true)
	cfg.System.Dependencies[0].Database.AddressTTL = 0
	cfg.Faults = append(cfg.Faults, primaryFailure(20*time.Second, 0))
	s := run(t, cfg, 60*time.Second)
	secs := s.Seconds()

	if got := secs[25].Outcomes[OutcomeError]; got < 100 {
		t.Errorf("%d errors at 25 s, want about 200: the stopped primary refuses writes", got)
	}
	// From 31 s the zone is out: no refusal gets back either. The stopped
	// primary was replaced at 45 s (checks at 20, 30 and 40 s, promotion
	// 5 s), so the failover is not delayed by the outage.
	if got := secs[35].Outcomes[OutcomeError]; got != 0 {
		t.Errorf("%d errors at 35 s, want 0: calls into the lost zone time out", got)
	}
	if !logHas(s, "primary primary missed 3 health checks; promoting replica-1") {
		t.Error("no failover to replica-1 in the log")
	}
	if got := goodRatio(secs, 46, 60); got < 0.99 {
		t.Errorf("good ratio %.4f after the promotion at 45 s, want ≥ 0.99", got)
	}
}

// TestFailoverWaitsForReplicaZone loses the replica's zone first, then the
// primary's: failover starts once the replica's zone is back.
func TestFailoverWaitsForReplicaZone(t *testing.T) {
	cfg := zonedDB(true)
	cfg.System.Dependencies[0].Database.AddressTTL = 0
	cfg.Faults = []Fault{
		{Kind: FaultZoneOutage, Zone: "zone-b", At: 20 * time.Second, Duration: 80 * time.Second},
		{Kind: FaultZoneOutage, Zone: "zone-a", At: 50 * time.Second},
	}
	s := run(t, cfg, 160*time.Second)

	// Zone-b is back at 100 s. The checks at 100, 110 and 120 s miss, and
	// the promotion takes 5 s.
	if !logHas(s, "primary primary missed 3 health checks; promoting replica-1") {
		t.Error("no failover to replica-1 in the log")
	}
	if got := s.Seconds()[110].Outcomes[OutcomeTimeout]; got < 100 {
		t.Errorf("%d writes timed out at 110 s, want about 200 before the promotion", got)
	}
	if got := goodRatio(s.Seconds(), 126, 160); got < 0.99 {
		t.Errorf("good ratio %.4f after the promotion at 125 s, want ≥ 0.99", got)
	}

	// replica-1 has the writes up to 19 s (its 1 s of lag before 20 s) and
	// never caught up: the primary acknowledged 31 s more at 200/s before
	// its own zone went out.
	lost := float64(s.Totals().WritesLost)
	if math.Abs(lost-6200) > 4*math.Sqrt(6200) {
		t.Errorf("%g writes lost, want about 6,200 (200/s from 19 s to 50 s)", lost)
	}
}

// A replica whose zone returns while the primary is reachable catches up,
// so a later failover to it loses only its lag.
func TestReturningReplicaCatchesUp(t *testing.T) {
	cfg := zonedDB(true)
	cfg.Faults = []Fault{
		{Kind: FaultZoneOutage, Zone: "zone-b", At: 10 * time.Second, Duration: 20 * time.Second},
		{Kind: FaultZoneOutage, Zone: "zone-a", At: 50 * time.Second},
	}
	s := run(t, cfg, 120*time.Second)
	if !logHas(s, "promoting replica-1") {
		t.Fatal("no failover to replica-1 in the log")
	}
	lost := float64(s.Totals().WritesLost)
	if math.Abs(lost-200) > 4*math.Sqrt(200) {
		t.Errorf("%g writes lost, want about 200 (200/s × 1 s of lag): the replica caught up at 30 s", lost)
	}
}

// The dashboard distinguishes a node cut off by its zone from a stopped one.
func TestDatabasesShowUnreachableNodes(t *testing.T) {
	s := mustNew(t, zonedDB(true))
	s.AdvanceTo(35 * time.Second)
	primary := s.Databases()[0].Nodes[0]
	if primary.Up || !primary.Unreachable {
		t.Fatalf("primary in the lost zone: up %v, unreachable %v; want down and unreachable", primary.Up, primary.Unreachable)
	}
	if replica := s.Databases()[0].Nodes[1]; !replica.Up || replica.Unreachable {
		t.Fatalf("replica in a live zone: up %v, unreachable %v; want up", replica.Up, replica.Unreachable)
	}

	stopped := mustNew(t, dbConfig(1, 200, oneReplica(time.Second)))
	if err := stopped.Inject(0, Fault{Kind: FaultPrimaryFailure, Target: "db"}); err != nil {
		t.Fatal(err)
	}
	stopped.AdvanceTo(time.Second)
	if n := stopped.Databases()[0].Nodes[0]; n.Up || n.Unreachable {
		t.Fatalf("stopped primary: up %v, unreachable %v; want down and not unreachable", n.Up, n.Unreachable)
	}
}
