package content

import (
	"fmt"
	"math"
	"time"

	"gameday/sim"
)

// Limits on what a drill may ask of the simulator. A drill is replayed
// many times: do nothing, the reference and each wrong move, on several
// seeds, and again to grade each concept. A pack may come from anyone, so
// these bounds keep one run to seconds and its memory small. The engine
// replayed about 1.4 million requests a second with one call each on a
// 2-vCPU development machine (docs/benchmarks.md), so these are estimates
// of seconds on such a machine, not measurements of every shape of drill.
const (
	// MaxRequests caps the requests a drill's clients are expected to
	// send: rate times time over the rate schedule, plus surges and
	// abusive clients.
	MaxRequests = 1_000_000

	// MaxCallWork caps the requests and downstream calls a drill can
	// cause in the worst case, where every attempt of every retry loop is
	// made, through every service a request reaches.
	MaxCallWork = 20_000_000

	// MaxPods caps each service's pods, also after a change.
	MaxPods = 100

	// MaxWorkers caps each pod's worker threads, also after a change.
	MaxWorkers = 10_000

	// MaxQueue caps each pod's accept queue, also after a change.
	MaxQueue = 100_000

	// MaxAttempts caps a retry loop's attempts.
	MaxAttempts = 10
)

// maxEntries caps the lists of a drill. Replays grow with the services,
// calls, steps and faults, and proving a drill replays each wrong or
// useless variant on its own.
var maxEntries = []struct {
	field string
	count func(*Drill) int
	limit int
}{
	{"system.services", func(d *Drill) int { return len(d.System.Services) }, 20},
	{"system.dependencies", func(d *Drill) int { return len(d.System.Dependencies) }, 20},
	{"traffic.steps", func(d *Drill) int { return len(d.Traffic.Steps) }, 100},
	{"faults", func(d *Drill) int { return len(d.Faults) }, 100},
	{"actions", func(d *Drill) int { return len(d.Actions) }, 30},
	{"reference", func(d *Drill) int { return len(d.Reference) }, 50},
	{"follow_ups", func(d *Drill) int { return len(d.FollowUps) }, 30},
}

// Caps on the lists inside one service, one action and one database.
const (
	maxEndpoints = 20
	maxCalls     = 10
	maxVariants  = 10
	maxReplicas  = 20
)

// validateLimits checks the bounds above, and times: traffic steps and
// action delays must fall inside the drill, and the reference solution's
// steps must be in time order, as a replay plays them.
func validateLimits(d *Drill) problemList {
	var ps problemList
	for _, e := range maxEntries {
		if n := e.count(d); n > e.limit {
			ps.add(e.field, "has %d entries; a drill may have at most %d", n, e.limit)
		}
	}
	for i, svc := range allServices(d.System) {
		checkService(&ps, servicePath(i), svc)
	}
	for i, dep := range d.System.Dependencies {
		if db := dep.Database; db != nil && len(db.Replicas) > maxReplicas {
			ps.add(fmt.Sprintf("system.dependencies[%d].database.replicas", i), "has %d entries; a database may have at most %d", len(db.Replicas), maxReplicas)
		}
	}
	checkTimes(&ps, d)
	checkWork(&ps, d)

	for i, a := range d.Actions {
		path := fmt.Sprintf("actions[%d]", i)
		if len(a.Variants) > maxVariants {
			ps.add(path+".variants", "has %d entries; an action may have at most %d", len(a.Variants), maxVariants)
		}
		for j, v := range a.Variants {
			for k, c := range v.Changes() {
				cpath := fmt.Sprintf("%s.variants[%d].effect", path, j)
				if k > 0 {
					cpath = fmt.Sprintf("%s.variants[%d].also[%d]", path, j, k-1)
				}
				checkChange(&ps, cpath, c)
			}
		}
	}
	return ps
}

// checkChange checks the capacity and retry loops a variant's change sets.
func checkChange(ps *problemList, path string, c sim.Change) {
	checkCapacity(ps, path, c.Pods, c.Workers, c.Queue)
	for i, call := range c.Calls {
		checkRetry(ps, fmt.Sprintf("%s.calls[%d]", path, i), call.Retry)
	}
}

// checkService checks one service's capacity, endpoints and calls.
func checkService(ps *problemList, path string, svc sim.ServiceSpec) {
	checkCapacity(ps, path, svc.Pods, svc.Workers, &svc.Queue)
	if n := len(svc.Endpoints); n > maxEndpoints {
		ps.add(path+".endpoints", "has %d entries; a service may have at most %d", n, maxEndpoints)
	}
	checkCalls(ps, path+".calls", svc.Calls)
	for i, e := range svc.Endpoints {
		checkCalls(ps, fmt.Sprintf("%s.endpoints[%d].calls", path, i), e.Calls)
	}
}

func checkCalls(ps *problemList, path string, calls []sim.CallSpec) {
	if len(calls) > maxCalls {
		ps.add(path, "has %d entries; a request may make at most %d calls", len(calls), maxCalls)
	}
	for i, c := range calls {
		checkRetry(ps, fmt.Sprintf("%s[%d]", path, i), c.Retry)
	}
}

// checkCapacity checks pods, workers and queue at path against their caps;
// a nil queue is not set.
func checkCapacity(ps *problemList, path string, pods, workers int, queue *int) {
	checkMax(ps, path+".pods", pods, MaxPods, "pods")
	checkMax(ps, path+".workers", workers, MaxWorkers, "worker threads per pod")
	if queue != nil {
		checkMax(ps, path+".queue", *queue, MaxQueue, "queued requests per pod")
	}
}

// checkRetry checks a retry loop's attempts; nil means no retry loop.
func checkRetry(ps *problemList, path string, r *sim.RetrySpec) {
	if r != nil {
		checkMax(ps, path+".retry.max_attempts", r.MaxAttempts, MaxAttempts, "attempts")
	}
}

func checkMax(ps *problemList, path string, value, limit int, unit string) {
	if value > limit {
		ps.add(path, "is %d; drills are limited to %d %s, so that a run stays fast", value, limit, unit)
	}
}

// checkTimes checks that traffic steps and action delays fall inside the
// drill, and that the reference solution is in time order.
func checkTimes(ps *problemList, d *Drill) {
	if d.Duration <= 0 {
		return
	}
	for i, st := range d.Traffic.Steps {
		if st.At >= d.Duration {
			ps.add(fmt.Sprintf("traffic.steps[%d].at", i), "is %s, at or after the end of the drill (%s); a step must start inside the drill", FormatDuration(st.At), FormatDuration(d.Duration))
		}
	}
	for i, a := range d.Actions {
		if a.Delay >= d.Duration {
			ps.add(fmt.Sprintf("actions[%d].delay", i), "is %s, as long as the drill (%s) or longer, so the change would never start", FormatDuration(a.Delay), FormatDuration(d.Duration))
		}
	}
	for i := 1; i < len(d.Reference); i++ {
		if prev, at := d.Reference[i-1].At, d.Reference[i].At; at < prev {
			ps.add(fmt.Sprintf("reference[%d].at", i), "is %s, before the previous step at %s; list the steps in time order", FormatDuration(at), FormatDuration(prev))
		}
	}
}

// checkWork checks the requests the drill's clients send and the calls
// they can cause against MaxRequests and MaxCallWork.
func checkWork(ps *problemList, d *Drill) {
	requests := expectedRequests(d)
	// A rate that is negative, infinite or NaN is reported by the traffic
	// and fault checks.
	if math.IsNaN(requests) || math.IsInf(requests, 0) {
		return
	}
	if requests > MaxRequests {
		ps.add("traffic.rate", "sends about %.0f requests over the drill, surges and abusive clients included; a drill may send at most %d, so lower the rate or shorten the drill", requests, MaxRequests)
		return
	}
	calls := callsPerRequest(d)
	if work := requests * (1 + calls); work > MaxCallWork {
		ps.add("system.service", "can cause up to %.0f requests and calls (%.0f requests, each with up to %.0f calls when every retry is made); a drill may cause at most %d, so lower the rate, make fewer calls or allow fewer attempts", work, requests, calls, MaxCallWork)
	}
}

// expectedRequests returns the mean number of requests the drill's clients
// send before it ends: each rate times the span it holds for, plus the
// extra rate of surge faults and abusive clients while they last.
func expectedRequests(d *Drill) float64 {
	t, end := d.Traffic, d.Duration
	total := rateIntegral(t, 0, end)
	for _, f := range d.Faults {
		from, to := f.At, end
		if f.Duration > 0 {
			to = min(end, f.At+f.Duration)
		}
		switch f.Kind {
		case sim.FaultSurge:
			total += max(f.Factor-1, 0) * rateIntegral(t, from, to)
		case sim.FaultAbusiveClient:
			total += max(f.Rate, 0) * max(to-from, 0).Seconds()
		}
	}
	return total
}

// rateIntegral returns the requests the rate schedule sends in [from, to).
// A negative rate adds nothing; the validator reports it.
func rateIntegral(t sim.Traffic, from, to time.Duration) float64 {
	total := 0.0
	rate, start := t.Rate, time.Duration(0)
	add := func(until time.Duration) {
		if lo, hi := max(start, from), min(until, to); hi > lo {
			total += max(rate, 0) * (hi - lo).Seconds()
		}
	}
	for _, st := range t.Steps {
		if st.At > start {
			add(st.At)
			start = st.At
		}
		rate = st.Rate
	}
	add(to)
	return total
}

// callsPerRequest returns the most downstream calls one client request can
// cause: through the entry service's costliest endpoint and every service
// it reaches, with every attempt of every retry loop made. A retry loop
// that any variant adds counts as if it were in place.
func callsPerRequest(d *Drill) float64 {
	services := map[string]sim.ServiceSpec{}
	for _, svc := range allServices(d.System) {
		services[serviceName(svc)] = svc
	}
	attempts := retryAttempts(d)

	memo := map[string]float64{}
	var cost func(svc sim.ServiceSpec, calls []sim.CallSpec, depth int) float64
	cost = func(svc sim.ServiceSpec, calls []sim.CallSpec, depth int) float64 {
		total := 0.0
		for _, c := range calls {
			n := max(attempts[serviceName(svc)+"→"+c.Dependency], 1)
			below := 0.0
			// The validator rejects cycles; the depth bound keeps a cycle
			// it has not yet reported from recursing forever.
			if callee, ok := services[c.Dependency]; ok && depth < len(services) {
				key := c.Dependency + "/" + c.Endpoint
				if v, done := memo[key]; done {
					below = v
				} else {
					below = cost(callee, endpointCalls(callee, c.Endpoint), depth+1)
					memo[key] = below
				}
			}
			total += float64(n) * (1 + below)
		}
		return total
	}

	entry := d.System.Service
	worst := cost(entry, entry.Calls, 0)
	for _, e := range entry.Endpoints {
		worst = max(worst, cost(entry, e.Calls, 0))
	}
	return worst
}

// retryAttempts returns the most attempts of each call edge, keyed
// "service→dependency", over the system and every change of every variant.
func retryAttempts(d *Drill) map[string]int {
	out := map[string]int{}
	note := func(service, dependency string, r *sim.RetrySpec) {
		if r == nil {
			return
		}
		n := r.MaxAttempts
		if n == 0 {
			n = 3 // the simulator's default
		}
		key := service + "→" + dependency
		out[key] = max(out[key], n)
	}
	for _, svc := range allServices(d.System) {
		for _, c := range svc.Calls {
			note(serviceName(svc), c.Dependency, c.Retry)
		}
		for _, e := range svc.Endpoints {
			for _, c := range e.Calls {
				note(serviceName(svc), c.Dependency, c.Retry)
			}
		}
	}
	for _, a := range d.Actions {
		for _, v := range a.Variants {
			for _, change := range v.Changes() {
				service := change.Service
				if service == "" {
					service = serviceName(d.System.Service)
				}
				for _, c := range change.Calls {
					note(service, c.Dependency, c.Retry)
				}
			}
		}
	}
	return out
}

// endpointCalls returns the calls of a service's endpoint, its first one
// when name is empty, or its Calls when it has no endpoints.
func endpointCalls(svc sim.ServiceSpec, name string) []sim.CallSpec {
	if len(svc.Endpoints) == 0 {
		return svc.Calls
	}
	for _, e := range svc.Endpoints {
		if e.Name == name {
			return e.Calls
		}
	}
	return svc.Endpoints[0].Calls
}

// allServices returns the entry service, then the internal ones.
func allServices(s sim.System) []sim.ServiceSpec {
	return append([]sim.ServiceSpec{s.Service}, s.Services...)
}

// servicePath returns the field path of the service at index i of
// allServices.
func servicePath(i int) string {
	if i == 0 {
		return "system.service"
	}
	return fmt.Sprintf("system.services[%d]", i-1)
}

// serviceName returns a service's name with the simulator's default.
func serviceName(svc sim.ServiceSpec) string {
	if svc.Name == "" {
		return "service"
	}
	return svc.Name
}
