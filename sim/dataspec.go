package sim

import "time"

// Leaf kinds: what a DependencySpec models.
const (
	// LeafAPI is a remote API with one endpoint, the default.
	LeafAPI = "api"

	// LeafDatabase is a database cluster: a primary and its replicas
	// (DependencySpec.Database).
	LeafDatabase = "database"

	// LeafCache is a cache in front of another leaf (DependencySpec.Cache).
	LeafCache = "cache"
)

// Operations of a call to a database.
const (
	// OpRead reads data. It goes to the primary unless the call reads from
	// replicas.
	OpRead = "read"

	// OpWrite changes data. It always goes to the primary.
	OpWrite = "write"
)

// Where a read goes.
const (
	// ReadPrimary sends reads to the primary, the default.
	ReadPrimary = "primary"

	// ReadReplicas spreads reads round robin over the replicas that are
	// up, falling back to the primary when none is.
	ReadReplicas = "replicas"
)

// Replication modes.
const (
	// ReplicationAsync acknowledges a write once the primary has it; a
	// replica applies it Lag later. PostgreSQL's and Patroni's default.
	ReplicationAsync = "async"

	// ReplicationSync acknowledges a write once the primary and a
	// synchronous replica have it, so that replica has no lag.
	ReplicationSync = "sync"
)

// DatabaseSpec is a primary with replicas and automatic failover in the
// style of Patroni: a leader that misses FailureThreshold health checks in
// a row is replaced by the most up-to-date replica after Promotion. Each
// node has the leaf's Latency, ErrorPercent and Connections.
type DatabaseSpec struct {
	// Primary names the node that starts as primary. Default "primary".
	Primary string `yaml:"primary" json:"primary,omitempty"`

	// Zone is the availability zone of the node named by Primary. A
	// zone-outage fault without a target makes the nodes in its zone
	// unreachable. Default none: the node is in no zone of the system, as
	// a database in a failure domain of its own, and no zone outage
	// reaches it.
	Zone string `yaml:"zone" json:"zone,omitempty"`

	// Replicas are the standby nodes, in order of preference when two are
	// equally up to date. Optional; without replicas there is no failover.
	Replicas []ReplicaSpec `yaml:"replicas" json:"replicas,omitempty"`

	// Replication is "async" (default) or "sync", for every replica that
	// does not set its own.
	Replication string `yaml:"replication" json:"replication,omitempty"`

	// Lag is how far behind the primary an asynchronous replica applies
	// writes, for every replica that does not set its own. Writes the
	// primary acknowledged in the last Lag before it stopped are lost when
	// that replica is promoted. Default 0.
	Lag time.Duration `yaml:"lag" json:"lag,omitempty"`

	// HealthCheck is the period of the leader health check, from time zero.
	// Default 10 s, Patroni's loop_wait.
	HealthCheck time.Duration `yaml:"health_check" json:"health_check,omitempty"`

	// FailureThreshold is how many checks in a row the primary must miss
	// before failover starts. Default 3, so detection takes 20 to 30 s with
	// the default period, close to Patroni's leader-key ttl of 30 s.
	FailureThreshold int `yaml:"failure_threshold" json:"failure_threshold,omitempty"`

	// Promotion is the time from the decision to fail over to the new
	// primary taking writes. Default 5 s, an estimate of a PostgreSQL
	// promotion with its checkpoint; managed services quote 30 to 120 s for
	// the whole failover, detection included.
	Promotion time.Duration `yaml:"promotion" json:"promotion,omitempty"`

	// ManualFailover turns automatic failover off: a dead primary stays
	// dead until a Change promotes a replica. Default false.
	ManualFailover bool `yaml:"manual_failover" json:"manual_failover,omitempty"`

	// Fencing stops a replaced primary from taking writes: it rejoins as a
	// read-only replica, so clients that still use its address get errors
	// instead of writing to it. Without fencing a returning old primary
	// acknowledges those writes, which are lost (split brain). Default off.
	Fencing bool `yaml:"fencing" json:"fencing,omitempty"`

	// AddressTTL is how long clients keep sending to the old primary after
	// a promotion, as a DNS TTL or a connection pool does: the share of
	// calls using the old address falls linearly from all to none over it.
	// Default 0, clients follow at once as behind a proxy that moves with
	// the leader. The JVM caches DNS answers for 30 s by default.
	AddressTTL time.Duration `yaml:"address_ttl" json:"address_ttl,omitempty"`
}

// ReplicaSpec is one standby node of a database.
type ReplicaSpec struct {
	// Name identifies the node in changes, logs and metrics. Required.
	Name string `yaml:"name" json:"name"`

	// Replication overrides the database's mode for this replica.
	Replication string `yaml:"replication" json:"replication,omitempty"`

	// Lag overrides the database's replication lag for this replica.
	Lag *time.Duration `yaml:"lag" json:"lag,omitempty"`

	// Latency overrides the node's response time, for a replica that is
	// farther away or smaller than the primary. Optional.
	Latency Dist `yaml:"latency" json:"latency,omitempty"`

	// Zone is the replica's availability zone, as DatabaseSpec.Zone is the
	// primary's. Default none, out of reach of every zone outage.
	Zone string `yaml:"zone" json:"zone,omitempty"`
}

// CacheSpec is a look-aside cache in front of another leaf. A hit answers
// with the cache's Latency; a miss reads the backing leaf within the same
// attempt, so the caller's timeout covers both, and a successful miss adds
// one key to the cache. A caller that timed out never sets its key, so a
// backing leaf too slow for the miss rate keeps the cache cold.
//
// The hit ratio is HitPercent × keys cached / Keys: with Keys equally hot
// keys and each miss loading one, a cold cache warms as misses fill it.
// The warm-up time therefore depends on the miss rate the backing leaf can
// serve, which is what makes a flushed cache stampede its backing store.
type CacheSpec struct {
	// Backing names the leaf that misses read, usually a database.
	// Required; it must not be a cache.
	Backing string `yaml:"backing" json:"backing"`

	// HitPercent is the hit ratio of a warm cache, in percent. Default 95.
	HitPercent float64 `yaml:"hit_percent" json:"hit_percent,omitempty"`

	// Keys is the hot working set, in keys. Default 10,000.
	Keys int `yaml:"keys" json:"keys,omitempty"`

	// Cold starts the cache empty instead of warm. Default warm.
	Cold bool `yaml:"cold" json:"cold,omitempty"`
}

// Fault kinds for leaves, next to hang, slow and errors.
const (
	// FaultRefused makes calls fail fast, as a refused connection does:
	// an error RefusedAfter after the call starts, without using a
	// connection of the leaf.
	FaultRefused = "refused"

	// FaultDNS makes the leaf's name fail to resolve: calls fail with an
	// error after the resolver timeout (Fault.ResolverTimeout).
	FaultDNS = "dns"

	// FaultPrimaryFailure stops the primary node of a database. Calls to it
	// are refused until it returns at the fault's end, if it has one.
	FaultPrimaryFailure = "primary-failure"

	// FaultCacheFlush empties a cache at the fault's start. It is instant,
	// so it takes no duration.
	FaultCacheFlush = "cache-flush"
)

// RefusedAfter is how long a refused call takes to fail: one round trip to
// a host that replies with a reset, an estimate for a data-centre network.
const RefusedAfter = time.Millisecond

// DefaultResolverTimeout is the time a lookup takes to fail when no
// resolver answers: glibc's per-try timeout of 5 s (resolv.conf "timeout").
// glibc tries twice by default ("attempts"), so real lookups can take
// longer.
const DefaultResolverTimeout = 5 * time.Second
