package sim

import (
	"math/rand/v2"
	"time"
)

// dependency is a leaf dependency. Its faults act on calls by their start
// time. A plain one (no connection limit, not a database or cache) responds
// to each call with one event, and the others serve calls as queries.
type dependency struct {
	name      string
	latency   sampler
	errorRate float64
	faults    []Fault

	pool  *connPool // the connections of an API leaf, unlimited by default
	db    *database // the cluster of a database leaf
	cache *cache    // the cache state of a cache leaf
}

func newDependency(d DependencySpec) dependency {
	dep := dependency{name: d.Name, latency: newSampler(d.Latency), errorRate: d.ErrorPercent / 100}
	switch d.Kind {
	case LeafDatabase:
		dep.db = newDatabase(d)
	case LeafCache:
		dep.cache = newCache(*d.Cache)
	default:
		dep.pool = &connPool{limit: d.Connections, maxWait: d.MaxWait}
	}
	return dep
}

// pools returns the connection pools of the leaf, one per database node.
func (d *dependency) pools() []*connPool {
	if d.db == nil {
		if d.pool == nil {
			return nil
		}
		return []*connPool{d.pool}
	}
	var out []*connPool
	for _, n := range d.db.nodes {
		out = append(out, n.pool)
	}
	return out
}

// plain reports whether calls take the single-event path.
func (d *dependency) plain() bool { return d.pool != nil && d.pool.limit == 0 }

// respond draws how a call started at now ends and after how long. A hang
// returns attemptHang and the time until the hang fault ends (a time past
// any run when it never does): the call never gets a response.
func (d *dependency) respond(now time.Duration, r *rand.Rand) (time.Duration, attemptResult) {
	return d.respondWith(d.latency, now, r)
}

// respondWith is respond with a node's own latency distribution.
func (d *dependency) respondWith(dist sampler, now time.Duration, r *rand.Rand) (time.Duration, attemptResult) {
	latency := dist.sample(r)
	errorRate := d.errorRate
	for _, f := range d.faults {
		if now < f.At || now >= f.end() {
			continue
		}
		if f.Percent > 0 && f.Percent < 100 && (f.Kind == FaultHang || f.Kind == FaultSlow) && r.Float64()*100 >= f.Percent {
			continue // this call is spared
		}
		switch f.Kind {
		case FaultHang:
			return f.end() - now, attemptHang
		case FaultSlow:
			latency += f.Add
		case FaultErrors:
			// Independent failure sources: a call fails if any of them fails it.
			errorRate = 1 - (1-errorRate)*(1-f.ErrorPercent/100)
		}
	}
	if errorRate > 0 && r.Float64() < errorRate {
		return latency, attemptError
	}
	return latency, attemptOK
}

// unreachable returns how long a call started at now takes to fail when a
// refused or DNS fault keeps it from reaching the leaf at all.
func (d *dependency) unreachable(now time.Duration) (time.Duration, bool) {
	for _, f := range d.faults {
		if now < f.At || now >= f.end() {
			continue
		}
		switch f.Kind {
		case FaultRefused:
			return RefusedAfter, true
		case FaultDNS:
			if f.ResolverTimeout > 0 {
				return f.ResolverTimeout, true
			}
			return DefaultResolverTimeout, true
		}
	}
	return 0, false
}
