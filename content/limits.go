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
// these bounds keep one run to about a second and its memory small. The
// simulator replays about 1.4 million requests a second on a 2-vCPU
// development machine (docs/benchmarks.md), so MaxRequests is under a
// second of that machine's time, before retries.
const (
	// MaxRequests caps the requests a drill's traffic is expected to send,
	// rate times time, summed over the rate schedule.
	MaxRequests = 1_000_000

	// MaxPods caps a service's pods, also after a change.
	MaxPods = 100

	// MaxWorkers caps a pod's worker threads, also after a change.
	MaxWorkers = 10_000

	// MaxQueue caps a pod's accept queue, also after a change.
	MaxQueue = 100_000

	// MaxAttempts caps a retry loop's attempts.
	MaxAttempts = 10

	// MaxBreakerCalls caps a circuit breaker's window, min_calls and
	// half_open_calls. Each pod keeps a window of calls per call edge.
	MaxBreakerCalls = 10_000
)

// maxEntries caps the lists of a drill. Replays grow with the steps and
// the rate schedule, and proving a drill replays each wrong or useless
// variant on its own.
var maxEntries = []struct {
	field string
	count func(*Drill) int
	limit int
}{
	{"system.dependencies", func(d *Drill) int { return len(d.System.Dependencies) }, 20},
	{"system.service.calls", func(d *Drill) int { return len(d.System.Service.Calls) }, 10},
	{"traffic.steps", func(d *Drill) int { return len(d.Traffic.Steps) }, 100},
	{"faults", func(d *Drill) int { return len(d.Faults) }, 100},
	{"actions", func(d *Drill) int { return len(d.Actions) }, 30},
	{"reference", func(d *Drill) int { return len(d.Reference) }, 50},
	{"follow_ups", func(d *Drill) int { return len(d.FollowUps) }, 30},
}

// maxVariants caps the variants of one action.
const maxVariants = 10

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

	svc := d.System.Service
	checkCapacity(&ps, "system.service", svc.Pods, svc.Workers, &svc.Queue)
	for i, c := range svc.Calls {
		checkPolicies(&ps, fmt.Sprintf("system.service.calls[%d]", i), c.Retry, c.Breaker)
	}

	for i, st := range d.Traffic.Steps {
		if d.Duration > 0 && st.At >= d.Duration {
			ps.add(fmt.Sprintf("traffic.steps[%d].at", i), "is %s, at or after the end of the drill (%s); a step must start inside the drill", FormatDuration(st.At), FormatDuration(d.Duration))
		}
	}
	// An infinite or NaN rate is reported by the traffic check.
	if n := expectedRequests(d.Traffic, d.Duration); n > MaxRequests && !math.IsInf(n, 0) {
		ps.add("traffic.rate", "sends about %.0f requests over the drill; a drill may send at most %d, so lower the rate or shorten the drill", n, MaxRequests)
	}

	for i := 1; i < len(d.Reference); i++ {
		if prev, at := d.Reference[i-1].At, d.Reference[i].At; at < prev {
			ps.add(fmt.Sprintf("reference[%d].at", i), "is %s, before the previous step at %s; list the steps in time order", FormatDuration(at), FormatDuration(prev))
		}
	}

	for i, a := range d.Actions {
		path := fmt.Sprintf("actions[%d]", i)
		if d.Duration > 0 && a.Delay >= d.Duration {
			ps.add(path+".delay", "is %s, as long as the drill (%s) or longer, so the change would never start", FormatDuration(a.Delay), FormatDuration(d.Duration))
		}
		if len(a.Variants) > maxVariants {
			ps.add(path+".variants", "has %d entries; an action may have at most %d", len(a.Variants), maxVariants)
		}
		for j, v := range a.Variants {
			vpath := fmt.Sprintf("%s.variants[%d].effect", path, j)
			checkCapacity(&ps, vpath, v.Effect.Pods, v.Effect.Workers, v.Effect.Queue)
			for k, c := range v.Effect.Calls {
				checkPolicies(&ps, fmt.Sprintf("%s.calls[%d]", vpath, k), c.Retry, c.Breaker)
			}
		}
	}
	return ps
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

// checkPolicies checks a call edge's retry loop and breaker against their
// caps; nil means the edge has none.
func checkPolicies(ps *problemList, path string, r *sim.RetrySpec, b *sim.BreakerSpec) {
	if r != nil {
		checkMax(ps, path+".retry.max_attempts", r.MaxAttempts, MaxAttempts, "attempts")
	}
	if b != nil {
		checkMax(ps, path+".breaker.window", b.Window, MaxBreakerCalls, "calls")
		checkMax(ps, path+".breaker.min_calls", b.MinCalls, MaxBreakerCalls, "calls")
		checkMax(ps, path+".breaker.half_open_calls", b.HalfOpenCalls, MaxBreakerCalls, "calls")
	}
}

func checkMax(ps *problemList, path string, value, limit int, unit string) {
	if value > limit {
		ps.add(path, "is %d; drills are limited to %d %s, so that a run stays fast", value, limit, unit)
	}
}

// expectedRequests returns the mean number of requests traffic sends in
// [0, end): each rate times the span it holds for. Steps after end and a
// negative rate add nothing; the validator reports them.
func expectedRequests(t sim.Traffic, end time.Duration) float64 {
	total := 0.0
	rate, from := t.Rate, time.Duration(0)
	for _, st := range t.Steps {
		if st.At >= end {
			break
		}
		if st.At > from {
			total += max(rate, 0) * (st.At - from).Seconds()
			from = st.At
		}
		rate = st.Rate
	}
	if end > from {
		total += max(rate, 0) * (end - from).Seconds()
	}
	return total
}
