package sim

import "time"

// Rollout strategies: how a Change reaches the pods.
const (
	// RolloutLive pushes the change to every running pod at once, as a
	// dynamic configuration reload. An attempt already waiting keeps the
	// timeout it started with; the next attempt and the next call use the
	// new settings.
	RolloutLive = "live"

	// RolloutRolling replaces pods with new ones that carry the change,
	// within MaxSurge and MaxUnavailable, like a Kubernetes rolling update.
	// A replaced pod shuts down as its ServiceSpec.Shutdown says: by
	// default it exits at once, dropping its in-flight and queued requests.
	RolloutRolling = "rolling"

	// RolloutRecreate stops every pod at once and starts new ones once
	// every old pod is gone, as Kubernetes' Recreate strategy does. The
	// service serves nothing from the old pods' endpoint removal until the
	// new ones are ready.
	RolloutRecreate = "recreate"
)

// Change is a set of new settings for the service and how to roll them out.
// A field left empty keeps its current value. A Change with no settings and
// a rolling or recreate rollout restarts the pods.
type Change struct {
	// Service names the service the change applies to. Default the entry
	// service.
	Service string `yaml:"service" json:"service,omitempty"`

	// Rollout is "live", "rolling" or "recreate". Default "live".
	Rollout string `yaml:"rollout" json:"rollout,omitempty"`

	// Pods sets the number of replicas.
	Pods int `yaml:"pods" json:"pods,omitempty"`

	// Workers sets the worker threads per pod.
	Workers int `yaml:"workers" json:"workers,omitempty"`

	// Queue sets the accept queue per pod; zero removes it.
	Queue *int `yaml:"queue" json:"queue,omitempty"`

	// Calls change the policies of existing call edges.
	Calls []CallChange `yaml:"calls" json:"calls,omitempty"`

	// RateLimit sets the service's per-client rate limit; every client's
	// bucket starts full again.
	RateLimit *RateLimitSpec `yaml:"rate_limit" json:"rate_limit,omitempty"`

	// Shedding sets the pods' load shedder.
	Shedding *SheddingSpec `yaml:"shedding" json:"shedding,omitempty"`

	// DeadlinePropagation turns deadline propagation on or off for the
	// requests the service receives from then on.
	DeadlinePropagation *bool `yaml:"deadline_propagation" json:"deadline_propagation,omitempty"`

	// Database fails a database over or fences it. It acts on the database,
	// not the service, and takes no rollout.
	Database *DatabaseChange `yaml:"database" json:"database,omitempty"`

	// Leaf changes the load shedding of a leaf dependency. It acts on the
	// leaf, not the service, and takes no rollout.
	Leaf *LeafChange `yaml:"leaf" json:"leaf,omitempty"`

	// LifecycleChange sets shutdown, probes, autoscaling, rollback and
	// zones (lifechange.go).
	LifecycleChange `yaml:",inline" json:",inline"`
}

// CallChange sets the policies of one call edge.
type CallChange struct {
	// Dependency names the call edge to change. Required.
	Dependency string `yaml:"dependency" json:"dependency"`

	// Timeout sets the per-attempt timeout; 0s removes it.
	Timeout *time.Duration `yaml:"timeout" json:"timeout,omitempty"`

	// Retry replaces the retry loop; max_attempts: 1 turns retries off.
	Retry *RetrySpec `yaml:"retry" json:"retry,omitempty"`

	// Breaker replaces the circuit breaker.
	Breaker *BreakerSpec `yaml:"breaker" json:"breaker,omitempty"`

	// RemoveBreaker takes the circuit breaker off the edge.
	RemoveBreaker bool `yaml:"remove_breaker" json:"remove_breaker,omitempty"`

	// Bulkhead replaces the call's bulkhead; calls holding a slot of the
	// old one keep it until they end.
	Bulkhead *BulkheadSpec `yaml:"bulkhead" json:"bulkhead,omitempty"`
}

// settings reports whether the change sets anything besides pods.
func (c Change) settings() bool {
	return c.Workers != 0 || c.Queue != nil || len(c.Calls) > 0 || c.RateLimit != nil || c.Shedding != nil || c.DeadlinePropagation != nil || c.podSettings()
}

// rollout returns the strategy with its default.
// target returns the service the change applies to, entry when unset.
func (c Change) target(entry string) string {
	if c.Service == "" {
		return entry
	}
	return c.Service
}

func (c Change) rollout() string {
	if c.Rollout == "" {
		return RolloutLive
	}
	return c.Rollout
}
