package sim

import "time"

// System is the simulated service, the services behind it and the leaf
// dependencies they call. Calls form a directed acyclic graph: Service is its
// entry, where client traffic arrives, and every call names a service of
// Services or a leaf of Dependencies.
type System struct {
	// Service is the entry service, the one clients call. Required.
	Service ServiceSpec `yaml:"service" json:"service"`

	// Services are the internal services behind the entry, each with pods
	// of its own. Optional.
	Services []ServiceSpec `yaml:"services" json:"services,omitempty"`

	// Dependencies are leaf dependencies: external APIs, caches and
	// databases.
	Dependencies []DependencySpec `yaml:"dependencies" json:"dependencies"`
}

// ServiceSpec describes a thread-per-request service run as a set of pods
// behind a round-robin load balancer, in the style of a servlet stack.
type ServiceSpec struct {
	// Name is shown in logs and views. Default "service".
	Name string `yaml:"name" json:"name"`

	// Pods is the number of replicas. Required, at least 1.
	Pods int `yaml:"pods" json:"pods"`

	// Workers is the number of worker threads per pod. A worker is held for
	// the request's CPU time and for every downstream call it waits on.
	// Required, at least 1 (Tomcat's default maxThreads is 200).
	Workers int `yaml:"workers" json:"workers"`

	// Queue is the bounded accept queue per pod: requests wait there for a
	// free worker, and are rejected with "queue full" once it is full. Zero
	// means no queue (Tomcat's default acceptCount is 100).
	Queue int `yaml:"queue" json:"queue"`

	// Startup is the time from a pod's creation to its readiness.
	// Default 10 s, an estimate for a JVM service.
	Startup time.Duration `yaml:"startup" json:"startup"`

	// MaxSurge is how many pods a rolling update may add above Pods.
	// Default 25 % of Pods rounded up, as in a Kubernetes Deployment.
	MaxSurge *int `yaml:"max_surge" json:"max_surge,omitempty"`

	// MaxUnavailable is how many pods a rolling update may take below Pods.
	// Default 25 % of Pods rounded down, as in a Kubernetes Deployment.
	MaxUnavailable *int `yaml:"max_unavailable" json:"max_unavailable,omitempty"`

	// Cores is the number of CPU cores of each pod. At most this many
	// handlers do their own CPU work at once; the others hold their worker
	// and wait for a core in FIFO order. Threads beyond the cores therefore
	// add no capacity to CPU-bound work. Zero means a core for every worker.
	Cores int `yaml:"cores" json:"cores,omitempty"`

	// CPU is the handler's own work per request. Required.
	CPU Dist `yaml:"cpu" json:"cpu"`

	// Calls are the downstream calls each request makes, in order. A failed
	// call fails the request; the remaining calls are skipped. Use either
	// Calls or Endpoints.
	Calls []CallSpec `yaml:"calls" json:"calls"`

	// Endpoints split the service's traffic into request types with calls
	// of their own, sharing the pod's worker pool. Optional; without it the
	// service has one endpoint made of CPU and Calls.
	Endpoints []EndpointSpec `yaml:"endpoints" json:"endpoints,omitempty"`

	// Zones spreads the pods over availability zones, round robin in this
	// order. Default one zone, "zone-a".
	Zones []string `yaml:"zones" json:"zones,omitempty"`

	// Balancer picks the pod for each request: "round-robin" (default) or
	// "least-outstanding", which draws two ready pods and takes the one
	// with fewer requests in service and queued (the power of two choices,
	// Envoy's default for its least-request balancer).
	Balancer string `yaml:"balancer" json:"balancer,omitempty"`

	// RateLimit is a token bucket per client at the service's front door;
	// nil means none.
	RateLimit *RateLimitSpec `yaml:"rate_limit" json:"rate_limit,omitempty"`

	// Shedding is each pod's load shedder; nil means none.
	Shedding *SheddingSpec `yaml:"shedding" json:"shedding,omitempty"`

	// DeadlinePropagation passes each request's deadline down with its
	// calls: a callee drops work whose caller has stopped waiting, and a
	// request stops making calls once its deadline has passed. Default off.
	DeadlinePropagation bool `yaml:"deadline_propagation" json:"deadline_propagation,omitempty"`

	// Shutdown, Probes, Autoscale and Rollback are the pod lifecycle, as
	// documented on their types. The zero values mean an abrupt exit, no
	// probes, a fixed number of pods and no automatic rollback.
	Shutdown  ShutdownSpec   `yaml:"shutdown" json:"shutdown,omitempty"`
	Probes    ProbesSpec     `yaml:"probes" json:"probes,omitempty"`
	Autoscale *AutoscaleSpec `yaml:"autoscale" json:"autoscale,omitempty"`
	Rollback  *RollbackSpec  `yaml:"rollback" json:"rollback,omitempty"`

	// bug is the defect of a version a bad-deploy fault shipped; nil for a
	// sound version.
	bug *versionBug
}

// Balancer names.
const (
	BalancerRoundRobin       = "round-robin"
	BalancerLeastOutstanding = "least-outstanding"
)

// EndpointSpec is one request type of a service.
type EndpointSpec struct {
	// Name identifies the endpoint in calls and logs. Required.
	Name string `yaml:"name" json:"name"`

	// Share is the endpoint's share of the entry service's client traffic,
	// in percent. Shares of an entry service must add up to 100. Ignored on
	// internal services, where callers name the endpoint.
	Share float64 `yaml:"share" json:"share,omitempty"`

	// CPU overrides the service's CPU for this endpoint. Optional.
	CPU Dist `yaml:"cpu" json:"cpu,omitempty"`

	// Calls are the endpoint's downstream calls, in order.
	Calls []CallSpec `yaml:"calls" json:"calls"`
}

// CallSpec is one downstream call and the policies on its edge. Policies
// apply in a fixed order: bulkhead, circuit breaker, then the retry loop,
// then the timeout on each attempt, then the call itself.
type CallSpec struct {
	// Dependency names an internal service of System.Services or a leaf of
	// System.Dependencies. Required.
	Dependency string `yaml:"dependency" json:"dependency"`

	// Endpoint names the endpoint of an internal service to call. Default
	// its first endpoint. Not used for leaves.
	Endpoint string `yaml:"endpoint" json:"endpoint,omitempty"`

	// Timeout bounds each attempt. Zero means none: the worker waits for as
	// long as the dependency takes, forever if it never responds.
	Timeout time.Duration `yaml:"timeout" json:"timeout"`

	// Bulkhead caps the pod's concurrent calls to this target; nil means
	// none.
	Bulkhead *BulkheadSpec `yaml:"bulkhead" json:"bulkhead,omitempty"`

	// Retry is the retry loop; nil means a single attempt.
	Retry *RetrySpec `yaml:"retry" json:"retry,omitempty"`

	// Breaker is the circuit breaker; nil means none.
	Breaker *BreakerSpec `yaml:"breaker" json:"breaker,omitempty"`

	// Operation is "read" (default) or "write", for calls to a database.
	Operation string `yaml:"operation" json:"operation,omitempty"`

	// ReadFrom is "primary" (default) or "replicas", for reads from a
	// database.
	ReadFrom string `yaml:"read_from" json:"read_from,omitempty"`
}

// BulkheadSpec is a semaphore bulkhead, one per pod and call target: it
// caps the worker threads that may wait on one target, so a failing target
// cannot hold the whole pool. Defaults follow Resilience4j's BulkheadConfig.
type BulkheadSpec struct {
	// MaxConcurrent is how many calls to the target may be in progress at
	// once, retries and backoffs included. Default 25.
	MaxConcurrent int `yaml:"max_concurrent" json:"max_concurrent"`

	// MaxWait is how long a call waits for a free slot before it is
	// rejected; the worker is held while it waits. Default 0, reject at
	// once.
	MaxWait time.Duration `yaml:"max_wait" json:"max_wait,omitempty"`

	// Fallback turns a rejected call into a degraded response, as the
	// breaker's Fallback does. Default off: the request fails with
	// bulkhead_full.
	Fallback bool `yaml:"fallback" json:"fallback,omitempty"`
}

// RetrySpec is a retry loop with exponential backoff. The worker sleeps
// through each backoff.
type RetrySpec struct {
	// MaxAttempts counts the first attempt. Default 3, as in Resilience4j.
	MaxAttempts int `yaml:"max_attempts" json:"max_attempts"`

	// Backoff is the wait before the second attempt. Zero retries at once,
	// which is how retry storms start.
	Backoff time.Duration `yaml:"backoff" json:"backoff"`

	// Multiplier grows the wait on each retry. Default 2.
	Multiplier float64 `yaml:"multiplier" json:"multiplier"`

	// MaxBackoff caps the wait before jitter. Zero means no cap.
	MaxBackoff time.Duration `yaml:"max_backoff" json:"max_backoff"`

	// Jitter spreads the waits of clients that failed together:
	//   - "none": wait = min(cap, backoff·multiplier^(n−1));
	//   - "full": a uniform draw in [0, wait);
	//   - "equal": wait/2 plus a uniform draw in [0, wait/2);
	//   - "decorrelated": min(cap, a uniform draw in [backoff, 3·previous)).
	// Default "full", the form AWS's backoff study recommends.
	Jitter string `yaml:"jitter" json:"jitter"`

	// RetryOn lists the failures that are retried: "timeout" (no answer in
	// time), "error" (a 5xx answer) and "rejected" (refused at once:
	// connection refused, queue full, shed, rate limited, breaker open).
	// Default all three, like a retry policy with no failure filter.
	RetryOn []string `yaml:"retry_on" json:"retry_on,omitempty"`

	// Budget caps retries at this ratio of first attempts, per pod and
	// target, such as 0.1 for at most one retry per ten calls. Each first
	// attempt deposits Budget tokens and each retry takes one. The balance
	// starts at 10 tokens and never exceeds them, an estimate that lets a
	// quiet pod retry a short burst. Zero means no budget.
	Budget float64 `yaml:"budget" json:"budget,omitempty"`
}

// Jitter kinds.
const (
	JitterNone         = "none"
	JitterFull         = "full"
	JitterEqual        = "equal"
	JitterDecorrelated = "decorrelated"
)

// Retryable failure classes for RetrySpec.RetryOn.
const (
	RetryOnTimeout  = "timeout"
	RetryOnError    = "error"
	RetryOnRejected = "rejected"
)

// BreakerSpec is a circuit breaker, one per pod and call target. Defaults
// follow Resilience4j's CircuitBreakerConfig.
type BreakerSpec struct {
	// WindowType is "count" (default): the rates are computed over the last
	// Window calls; or "time": over the calls of the last Window seconds.
	WindowType string `yaml:"window_type" json:"window_type,omitempty"`

	// Window is the number of most recent calls, or of seconds for a time
	// window, the rates are computed over. Default 100.
	Window int `yaml:"window" json:"window"`

	// MinCalls is how many calls the window needs before the breaker may
	// open. Default 100, and never more than Window.
	MinCalls int `yaml:"min_calls" json:"min_calls"`

	// FailurePercent opens the breaker when the window's failure rate is at
	// or above it, in percent. Default 50.
	FailurePercent float64 `yaml:"failure_percent" json:"failure_percent"`

	// SlowCallPercent opens the breaker when the share of calls slower than
	// SlowCallDuration is at or above it, in percent. Default 100.
	SlowCallPercent float64 `yaml:"slow_call_percent" json:"slow_call_percent,omitempty"`

	// SlowCallDuration is how long a call, retries included, may take
	// before it counts as slow. Default 60 s.
	SlowCallDuration time.Duration `yaml:"slow_call_duration" json:"slow_call_duration,omitempty"`

	// OpenFor is how long the breaker rejects calls before it lets probes
	// through. The first call after it moves the breaker to half-open.
	// Default 60 s.
	OpenFor time.Duration `yaml:"open_for" json:"open_for"`

	// HalfOpenCalls is the number of probe calls in half-open. Once all have
	// finished, a failure rate at or above FailurePercent re-opens the
	// breaker and anything lower closes it. Default 10.
	HalfOpenCalls int `yaml:"half_open_calls" json:"half_open_calls"`

	// Fallback turns a call the breaker rejects into a degraded response
	// (for example "order accepted, payment pending") instead of an error.
	Fallback bool `yaml:"fallback" json:"fallback"`
}

// Breaker window types.
const (
	WindowCount = "count"
	WindowTime  = "time"
)

// DependencySpec is a leaf dependency: an external API, a database or a
// cache. Without Connections it has unlimited capacity of its own.
type DependencySpec struct {
	// Name is how calls refer to it. Required.
	Name string `yaml:"name" json:"name"`

	// Latency is the healthy response time. Required.
	Latency Dist `yaml:"latency" json:"latency"`

	// ErrorPercent is the healthy share of calls that fail with a 5xx after
	// their latency, in percent. Default 0.
	ErrorPercent float64 `yaml:"error_percent" json:"error_percent"`

	// Kind is "api" (default), "database" or "cache".
	Kind string `yaml:"kind" json:"kind,omitempty"`

	// Connections is how many calls the leaf serves at once (per node of a
	// database), like a database's connection limit; later calls wait in a
	// FIFO queue. Zero means unlimited. A caller that times out does not
	// take its call back: the call still waits and is served, as wasted
	// work.
	Connections int `yaml:"connections" json:"connections,omitempty"`

	// MaxWait sheds load at the leaf: a call that waited this long for a
	// connection is rejected with an error when it reaches the head of
	// the queue, without using one, as PgBouncer's query_wait_timeout
	// does. Zero means calls wait as long as it takes (PgBouncer's own
	// default is 120 s). Only used with Connections.
	MaxWait time.Duration `yaml:"max_wait" json:"max_wait,omitempty"`

	// Database is the cluster of a "database" leaf. Optional; without it
	// the database is one primary with no replicas.
	Database *DatabaseSpec `yaml:"database" json:"database,omitempty"`

	// Cache is the setup of a "cache" leaf. Required for that kind.
	Cache *CacheSpec `yaml:"cache" json:"cache,omitempty"`
}

// Traffic is open-loop Poisson traffic from clients with their own timeout.
type Traffic struct {
	// Rate is the mean arrival rate in requests per second. Required.
	Rate float64 `yaml:"rate" json:"rate"`

	// Steps change the rate from a point in time on, in time order.
	Steps []RateStep `yaml:"steps" json:"steps,omitempty"`

	// Clients is how many clients share the Rate evenly; each request comes
	// from one of them, drawn uniformly. Rate limits apply per client.
	// Default 100.
	Clients int `yaml:"clients" json:"clients,omitempty"`

	// ClientTimeout is how long a client waits before it gives up. The
	// server keeps working on an abandoned request, as wasted work. Zero
	// means clients wait forever.
	ClientTimeout time.Duration `yaml:"client_timeout" json:"client_timeout"`
}

// RateStep sets the arrival rate from At on.
type RateStep struct {
	At   time.Duration `yaml:"at" json:"at"`
	Rate float64       `yaml:"rate" json:"rate"`
}

// Fault kinds. The kinds for leaves with more to them (refused, dns,
// primary-failure, cache-flush) are next to DatabaseSpec.
const (
	// FaultHang makes the dependency a black hole: calls started while the
	// fault is active never get a response, even after it ends.
	FaultHang = "hang"

	// FaultSlow adds Add to the latency of calls started while it is active.
	FaultSlow = "slow"

	// FaultErrors fails ErrorPercent of calls started while it is active.
	FaultErrors = "errors"

	// FaultSurge multiplies the clients' arrival rate by Factor.
	FaultSurge = "surge"

	// FaultAbusiveClient adds one client sending Rate requests a second on
	// top of the normal traffic, such as a runaway batch job or a scraper.
	FaultAbusiveClient = "abusive-client"
)

// Fault is a scheduled failure of one dependency.
type Fault struct {
	// Kind is one of "hang", "slow", "errors", "refused", "dns",
	// "primary-failure" or "cache-flush", or a lifecycle fault: "crash",
	// "memory-leak", "zone-outage", "bad-deploy" or "rolling-deploy".
	Kind string `yaml:"kind" json:"kind"`

	// Target names the leaf dependency, or the service of a lifecycle fault.
	Target string `yaml:"target" json:"target"`

	// At is when the fault starts.
	At time.Duration `yaml:"at" json:"at"`

	// Duration is how long it lasts; zero lasts to the end of the run.
	Duration time.Duration `yaml:"duration" json:"duration"`

	// Percent is the share of calls a "hang" or "slow" fault affects, in
	// percent. Default 100.
	Percent float64 `yaml:"percent" json:"percent,omitempty"`

	// Add is the extra latency of a "slow" fault.
	Add time.Duration `yaml:"add" json:"add,omitempty"`

	// ErrorPercent is the share of failing calls of an "errors" fault.
	ErrorPercent float64 `yaml:"error_percent" json:"error_percent,omitempty"`

	// Factor multiplies the arrival rate during a "surge" fault.
	Factor float64 `yaml:"factor" json:"factor,omitempty"`

	// Rate is the abusive client's requests per second.
	Rate float64 `yaml:"rate" json:"rate,omitempty"`

	// ResolverTimeout is how long a lookup takes to fail in a "dns" fault.
	// Default DefaultResolverTimeout (5 s).
	ResolverTimeout time.Duration `yaml:"resolver_timeout" json:"resolver_timeout,omitempty"`

	// Zone, Count, FillAfter, FillRequests and CrashOnStart belong to the
	// lifecycle faults (lifefaults.go).
	Zone         string        `yaml:"zone" json:"zone,omitempty"`
	Count        int           `yaml:"count" json:"count,omitempty"`
	FillAfter    time.Duration `yaml:"fill_after" json:"fill_after,omitempty"`
	FillRequests int           `yaml:"fill_requests" json:"fill_requests,omitempty"`
	CrashOnStart bool          `yaml:"crash_on_start" json:"crash_on_start,omitempty"`
}

// end returns when the fault stops, or a time past any run for a fault that
// lasts to the end.
func (f Fault) end() time.Duration {
	if f.Duration == 0 {
		return time.Duration(1<<63 - 1)
	}
	return f.At + f.Duration
}

// Window is a span of virtual time [From, To) that the run totals cover.
// A zero To means up to the end of the run.
type Window struct {
	From time.Duration `yaml:"from" json:"from"`
	To   time.Duration `yaml:"to" json:"to"`
}

// contains reports whether t falls inside the window.
func (w Window) contains(t time.Duration) bool {
	return t >= w.From && (w.To == 0 || t < w.To)
}

// Config is everything a run needs.
type Config struct {
	System  System
	Traffic Traffic
	Faults  []Fault

	// Seed drives every random draw of the run.
	Seed uint64

	// Window is the span the run totals (Totals) cover.
	Window Window

	// SlowAfter is the latency above which a good response is counted as
	// slow (Second.Slow, Totals.Slow), such as an SLO's latency target.
	// Zero counts none.
	SlowAfter time.Duration
}
