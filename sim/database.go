package sim

import (
	"math/rand/v2"
	"time"
)

// Database defaults, after Patroni's.
const (
	defaultPrimaryName      = "primary"
	defaultHealthCheck      = 10 * time.Second
	defaultFailureThreshold = 3
	defaultPromotion        = 5 * time.Second
)

// dbNode is one node of a database cluster, with its own connections.
type dbNode struct {
	db      *database
	name    string
	pool    *connPool
	latency sampler
	lag     time.Duration // how far behind the primary it applies writes; 0 when synchronous
	sync    bool
	zone    string // "" when in no zone

	up bool
	// unreachable is set while the node's zone is out: it runs, but no
	// query reaches it and no response leaves it.
	unreachable bool
	downAt      time.Duration // when it last stopped or became unreachable
	fenced      bool          // replaced and read-only: it rejects writes

	// acks are the times of writes this node acknowledged as primary, kept
	// for the longest lag in the cluster so a promotion can count the
	// writes its new primary never received.
	acks []time.Duration

	// behind is set while a replica misses the leader's writes: from when
	// its zone goes out until it is reachable again beside a reachable
	// leader, when it catches up at once. heldAcks is how many of the
	// leader's acknowledged writes (of sinceSwitch) it had received by
	// then.
	behind   bool
	heldAcks int
}

// acksAfter returns how many of the node's acknowledged writes came after
// t; acks older than the cluster's longest lag are no longer kept.
func (n *dbNode) acksAfter(t time.Duration) int {
	count := 0
	for i := len(n.acks) - 1; i >= 0 && n.acks[i] > t; i-- {
		count++
	}
	return count
}

// database is a primary with replicas and the failover state.
type database struct {
	name  string
	spec  DatabaseSpec // defaults filled in
	nodes []*dbNode

	leader int // the node clients are directed to
	// old is the previous leader, which clients with a stale address still
	// reach until switched + AddressTTL; -1 before any failover.
	old      int
	switched time.Duration

	// promoting is the node being promoted, -1 when none. epoch changes
	// with every failover decision, so that a stale detection or promotion
	// event is recognised and ignored.
	promoting int
	epoch     uint32
	maxLag    time.Duration
	rr        int

	// stranded is set when the leader was lost with no replica reachable
	// to promote, so failover waits for a replica to return.
	stranded bool

	// failed maps a primary-failure fault's index to the node it stopped.
	failed map[int]int

	// sinceSwitch counts the writes the leader acknowledged since it took
	// over, which a replaced primary that was not fenced never receives.
	sinceSwitch int

	// Counts since the start and in the current second.
	writesLost, splitBrain       int
	secWritesLost, secSplitBrain int
}

func newDatabase(d DependencySpec) *database {
	spec := DatabaseSpec{}
	if d.Database != nil {
		spec = *d.Database
	}
	if spec.Primary == "" {
		spec.Primary = defaultPrimaryName
	}
	if spec.Replication == "" {
		spec.Replication = ReplicationAsync
	}
	if spec.HealthCheck == 0 {
		spec.HealthCheck = defaultHealthCheck
	}
	if spec.FailureThreshold == 0 {
		spec.FailureThreshold = defaultFailureThreshold
	}
	if spec.Promotion == 0 {
		spec.Promotion = defaultPromotion
	}

	db := &database{name: d.Name, spec: spec, old: -1, promoting: -1, failed: map[int]int{}}
	latency := newSampler(d.Latency)
	db.nodes = append(db.nodes, &dbNode{db: db, name: spec.Primary, zone: spec.Zone, pool: &connPool{limit: d.Connections, maxWait: d.MaxWait}, latency: latency, up: true})
	for _, r := range spec.Replicas {
		n := &dbNode{db: db, name: r.Name, zone: r.Zone, pool: &connPool{limit: d.Connections, maxWait: d.MaxWait}, latency: latency, up: true, lag: spec.Lag}
		if !r.Latency.IsZero() {
			n.latency = newSampler(r.Latency)
		}
		if r.Lag != nil {
			n.lag = *r.Lag
		}
		mode := spec.Replication
		if r.Replication != "" {
			mode = r.Replication
		}
		if mode == ReplicationSync {
			n.sync, n.lag = true, 0
		}
		db.maxLag = max(db.maxLag, n.lag)
		db.nodes = append(db.nodes, n)
	}
	return db
}

// reachable reports whether queries reach the node and its responses return.
func (n *dbNode) reachable() bool { return n.up && !n.unreachable }

// node returns the node with the name, or nil.
func (db *database) node(name string) (int, *dbNode) {
	for i, n := range db.nodes {
		if n.name == name {
			return i, n
		}
	}
	return -1, nil
}

// route picks the node a query goes to. Writes and primary reads go to the
// leader, or to the old leader for a caller whose address is stale. Replica
// reads go round robin over the replicas that are up and not known to be
// unreachable, else to the leader.
func (db *database) route(write, replicas bool, now time.Duration, r *rand.Rand) *dbNode {
	if !write && replicas {
		for range db.nodes {
			db.rr++
			i := db.rr % len(db.nodes)
			n := db.nodes[i]
			known := n.unreachable && now >= db.detectedAt(n.downAt)
			if i != db.leader && n.up && !known && (i != db.old || n.fenced) {
				return n
			}
		}
	}
	if db.old >= 0 && db.spec.AddressTTL > 0 && now < db.switched+db.spec.AddressTTL {
		stale := 1 - float64(now-db.switched)/float64(db.spec.AddressTTL)
		if r.Float64() < stale {
			return db.nodes[db.old]
		}
	}
	return db.nodes[db.leader]
}

// detectedAt returns when the health check finds a node lost at t: at its
// FailureThreshold-th missed check, the first being the check at or after t.
func (db *database) detectedAt(t time.Duration) time.Duration {
	period := db.spec.HealthCheck
	first := (t + period - 1) / period * period
	return first + time.Duration(db.spec.FailureThreshold-1)*period
}

// role returns the node's role as metrics show it.
func (db *database) role(i int) string {
	n := db.nodes[i]
	switch {
	case !n.up:
		return "down"
	case n.unreachable:
		return "unreachable"
	case i == db.leader:
		return "primary"
	case i == db.promoting:
		return "promoting"
	case i == db.old && !n.fenced:
		return "stale-primary"
	case n.fenced:
		return "fenced"
	}
	return "replica"
}

// writeAcked records a write acknowledged by n. On the leader, it may later
// be lost to replication lag. On a replaced primary that is not fenced, it
// is a split-brain write that only the old primary has.
func (s *Sim) writeAcked(n *dbNode) {
	db := n.db
	if db.nodes[db.leader] == n {
		db.sinceSwitch++
		if db.maxLag == 0 {
			return
		}
		n.acks = append(n.acks, s.now)
		cut := 0
		for cut < len(n.acks) && n.acks[cut] < s.now-db.maxLag {
			cut++
		}
		if cut > len(n.acks)/2 {
			n.acks = append(n.acks[:0], n.acks[cut:]...)
		}
		return
	}
	db.splitBrain++
	db.secSplitBrain++
	s.metrics.splitBrainWrite(s.now)
}
