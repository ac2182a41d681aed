package sim

import (
	"math"
	"strings"
	"testing"
	"time"
)

// dbConfig writes rate times a second to a database with one replica that
// lags by lag, through a service that is never the bottleneck.
func dbConfig(seed uint64, rate float64, db DatabaseSpec) Config {
	return Config{
		Seed: seed,
		System: System{
			Service: ServiceSpec{
				Name: "orders", Pods: 1, Workers: 10000,
				CPU:   Dist{Fixed: time.Millisecond},
				Calls: []CallSpec{{Dependency: "db", Operation: OpWrite, Timeout: time.Second}},
			},
			Dependencies: []DependencySpec{{
				Name: "db", Kind: LeafDatabase, Latency: Dist{Mean: 5 * time.Millisecond},
				Database: &db,
			}},
		},
		Traffic: Traffic{Rate: rate},
	}
}

func oneReplica(lag time.Duration) DatabaseSpec {
	return DatabaseSpec{Lag: lag, Replicas: []ReplicaSpec{{Name: "replica-1"}}}
}

func primaryFailure(at, d time.Duration) Fault {
	return Fault{Kind: FaultPrimaryFailure, Target: "db", At: at, Duration: d}
}

// TestAsyncFailoverLosesRateTimesLag checks that promoting an asynchronous
// replica loses about the write rate × its lag of acknowledged writes.
func TestAsyncFailoverLosesRateTimesLag(t *testing.T) {
	tests := []struct {
		rate float64
		lag  time.Duration
	}{
		{200, 2 * time.Second},
		{500, 500 * time.Millisecond},
		{50, 10 * time.Second},
	}
	for _, tc := range tests {
		for _, seed := range []uint64{1, 2, 3} {
			cfg := dbConfig(seed, tc.rate, oneReplica(tc.lag))
			cfg.Faults = []Fault{primaryFailure(30*time.Second, 0)}
			s := run(t, cfg, 100*time.Second)

			want := tc.rate * tc.lag.Seconds()
			got := float64(s.Totals().WritesLost)
			// Poisson arrivals: allow four standard deviations.
			if math.Abs(got-want) > 4*math.Sqrt(want) {
				t.Errorf("rate %g/s, lag %s, seed %d: %g writes lost, want about %g", tc.rate, tc.lag, seed, got, want)
			}
		}
	}
}

func TestSyncReplicationWithFencingLosesNothing(t *testing.T) {
	db := DatabaseSpec{
		Replication: ReplicationSync, Fencing: true, AddressTTL: 30 * time.Second,
		Replicas: []ReplicaSpec{{Name: "replica-1"}},
	}
	cfg := dbConfig(1, 200, db)
	cfg.Faults = []Fault{primaryFailure(30*time.Second, 40*time.Second)}
	s := run(t, cfg, 150*time.Second)

	tot := s.Totals()
	if tot.WritesLost != 0 {
		t.Errorf("%d writes lost with synchronous replication, want 0", tot.WritesLost)
	}
	if tot.SplitBrainWrites != 0 {
		t.Errorf("%d split-brain writes with fencing, want 0", tot.SplitBrainWrites)
	}
}

// TestWritesUnavailableForDetectionAndPromotion checks the outage window:
// checks every 10 s from time zero, 3 misses, then 5 s of promotion. A
// primary lost at 31 s misses the checks at 40, 50 and 60 s, so writes
// return at 65 s.
func TestWritesUnavailableForDetectionAndPromotion(t *testing.T) {
	cfg := dbConfig(1, 200, oneReplica(0))
	cfg.Faults = []Fault{primaryFailure(31*time.Second, 0)}
	s := run(t, cfg, 90*time.Second)
	secs := s.Seconds()

	if g := goodRatio(secs, 32, 65); g > 0 {
		t.Errorf("good ratio from 32 s to 65 s is %.3f, want 0 before the promotion completes", g)
	}
	if g := goodRatio(secs, 65, 90); g < 0.999 {
		t.Errorf("good ratio after 65 s is %.3f, want every write to reach the new primary", g)
	}
	last := secs[89].Leaves[0]
	if last.Primary != "replica-1" {
		t.Errorf("primary at the end is %q, want replica-1", last.Primary)
	}
	if got := last.Nodes[0].Role; got != "down" {
		t.Errorf("the old primary's role is %q, want down", got)
	}
}

func TestFailoverLogsDetectionAndPromotion(t *testing.T) {
	cfg := dbConfig(1, 100, oneReplica(time.Second))
	cfg.Faults = []Fault{primaryFailure(31*time.Second, 0)}
	s := run(t, cfg, 90*time.Second)

	want := []struct {
		at   time.Duration
		text string
	}{
		{31 * time.Second, "node primary, the primary, stopped"},
		{60 * time.Second, "missed 3 health checks; promoting replica-1"},
		{65 * time.Second, "replica-1 is the primary"},
	}
	for _, w := range want {
		found := false
		for _, e := range s.Log() {
			found = found || (e.At == w.at && strings.Contains(e.Text, w.text))
		}
		if !found {
			t.Errorf("no log entry at %s containing %q; log: %v", w.at, w.text, s.Log())
		}
	}
}

// TestUnfencedOldPrimarySplitsBrain checks that an old primary returning
// while clients still use its address takes their writes unless fenced,
// in which case those writes fail instead.
func TestUnfencedOldPrimarySplitsBrain(t *testing.T) {
	for _, fencing := range []bool{false, true} {
		db := oneReplica(time.Second)
		db.AddressTTL = 30 * time.Second
		db.Fencing = fencing
		cfg := dbConfig(1, 200, db)
		// Promoted at 65 s; the old primary is back at 70 s, while about
		// 80 % of writes still use its address.
		cfg.Faults = []Fault{primaryFailure(31*time.Second, 39*time.Second)}
		s := run(t, cfg, 120*time.Second)

		split := s.Totals().SplitBrainWrites
		errorsAfter := 0
		for _, sec := range s.Seconds()[70:95] {
			errorsAfter += sec.Outcomes[OutcomeError]
		}
		if !fencing && split < 1000 {
			t.Errorf("without fencing: %d split-brain writes, want over 1,000 (200/s for most of 25 s)", split)
		}
		if fencing && split != 0 {
			t.Errorf("with fencing: %d split-brain writes, want 0", split)
		}
		if fencing && errorsAfter < 1000 {
			t.Errorf("with fencing: %d errors while clients used the old address, want over 1,000", errorsAfter)
		}
	}
}

func TestManualFailoverWaitsForChange(t *testing.T) {
	db := DatabaseSpec{
		ManualFailover: true,
		Replicas: []ReplicaSpec{
			{Name: "in-sync", Replication: ReplicationSync},
			{Name: "lagging", Lag: durationPtr(5 * time.Second)},
		},
	}
	for _, tc := range []struct {
		replica  string
		wantLost float64
	}{
		{"in-sync", 0},
		{"lagging", 200 * 5},
	} {
		cfg := dbConfig(1, 200, db)
		cfg.Faults = []Fault{primaryFailure(30*time.Second, 0)}
		s := mustNew(t, cfg)
		s.AdvanceTo(80 * time.Second)
		if g := goodRatio(s.Seconds(), 31, 80); g > 0 {
			t.Fatalf("good ratio %.3f before any change with manual failover, want 0", g)
		}
		if err := s.Apply(80*time.Second, Change{Database: &DatabaseChange{Database: "db", Promote: tc.replica}}); err != nil {
			t.Fatal(err)
		}
		s.AdvanceTo(120 * time.Second)

		if g := goodRatio(s.Seconds(), 86, 120); g < 0.999 {
			t.Errorf("promoting %s: good ratio %.3f after the promotion, want all writes served", tc.replica, g)
		}
		got := float64(s.Totals().WritesLost)
		if math.Abs(got-tc.wantLost) > 4*math.Sqrt(tc.wantLost)+0.5 {
			t.Errorf("promoting %s: %g writes lost, want about %g", tc.replica, got, tc.wantLost)
		}
	}
}

func TestReplicaReadsSurvivePrimaryFailure(t *testing.T) {
	cfg := dbConfig(1, 200, DatabaseSpec{ManualFailover: true, Replicas: []ReplicaSpec{{Name: "r1"}, {Name: "r2"}}})
	cfg.System.Service.Calls[0] = CallSpec{Dependency: "db", Operation: OpRead, ReadFrom: ReadReplicas, Timeout: time.Second}
	cfg.Faults = []Fault{primaryFailure(10*time.Second, 0)}
	s := run(t, cfg, 40*time.Second)
	if g := goodRatio(s.Seconds(), 0, 40); g < 0.999 {
		t.Fatalf("replica reads: good ratio %.3f with the primary down, want all served", g)
	}
}

func durationPtr(d time.Duration) *time.Duration { return &d }

// TestFailBackLosesWritesUnlessFenced checks failing back to the old
// primary once it returns. Unfenced, it never replicated from the new
// primary, so every write since the failover is lost. Fenced, it rejoined
// as a replica and loses only its lag.
func TestFailBackLosesWritesUnlessFenced(t *testing.T) {
	for _, fencing := range []bool{false, true} {
		db := DatabaseSpec{ManualFailover: true, Fencing: fencing, Lag: 500 * time.Millisecond, Replicas: []ReplicaSpec{{Name: "replica-1"}}}
		cfg := dbConfig(1, 100, db)
		cfg.Faults = []Fault{primaryFailure(10*time.Second, 30*time.Second)}
		s := mustNew(t, cfg)
		s.AdvanceTo(12 * time.Second)
		if err := s.Apply(12*time.Second, Change{Database: &DatabaseChange{Database: "db", Promote: "replica-1"}}); err != nil {
			t.Fatal(err)
		}
		s.AdvanceTo(60 * time.Second)
		before := s.Totals().WritesLost
		if err := s.Apply(60*time.Second, Change{Database: &DatabaseChange{Database: "db", Promote: "primary"}}); err != nil {
			t.Fatal(err)
		}
		s.AdvanceTo(80 * time.Second)

		lost := s.Totals().WritesLost - before
		// The new primary took writes from 17 s to 65 s: about 4,800.
		if !fencing && lost < 4000 {
			t.Errorf("failing back without fencing lost %d writes, want every write since the failover (about 4,800)", lost)
		}
		if fencing && (lost < 20 || lost > 90) {
			t.Errorf("failing back with fencing lost %d writes, want about 50 (100/s × 0.5 s of lag)", lost)
		}
	}
}
