package sim

import (
	"math"
	"time"

	"golang.org/x/time/rate"
)

// RateLimitSpec is a token bucket per client at a service's front door, as
// an API gateway keeps one per API key or tenant. A request that finds its
// client's bucket empty is answered 429 at once, without a worker.
type RateLimitSpec struct {
	// Rate is each client's sustained allowance in requests per second.
	// Required.
	Rate float64 `yaml:"rate" json:"rate"`

	// Scope is "client" (default): one bucket per client; or "global": one
	// bucket for all traffic, which throttles everyone once one client
	// drains it.
	Scope string `yaml:"scope" json:"scope,omitempty"`

	// Burst is each client's bucket size: how many requests it may send at
	// once after a quiet spell. A new bucket starts full. Default the Rate
	// rounded up, one second's worth.
	Burst int `yaml:"burst" json:"burst,omitempty"`
}

// SheddingSpec is a pod's load shedder: it refuses work it cannot finish
// in time, cheaply and early, instead of serving it late.
type SheddingSpec struct {
	// MaxQueue refuses a new request when this many are already queued for
	// a worker. Zero means no length limit. The SRE book suggests at most
	// half the worker count.
	MaxQueue int `yaml:"max_queue" json:"max_queue,omitempty"`

	// MaxWait drops a queued request that waited longer than this when a
	// worker takes it, since its client has probably given up. Zero means
	// no wait target.
	MaxWait time.Duration `yaml:"max_wait" json:"max_wait,omitempty"`
}

// Rate-limit scopes.
const (
	RateLimitClient = "client"
	RateLimitGlobal = "global"
)

// epoch anchors virtual time for x/time/rate, which works on time.Time:
// only the methods that take an explicit time are called, never the ones
// that read the wall clock.
var epoch = time.Unix(0, 0).UTC()

// limiterFor returns the client's token bucket on svc, creating it full.
func (svc *service) limiterFor(client int) *rate.Limiter {
	if svc.tmpl.spec.RateLimit.Scope == RateLimitGlobal {
		client = -1
	}
	l, ok := svc.limiters[client]
	if !ok {
		spec := svc.tmpl.spec.RateLimit
		burst := spec.Burst
		if burst == 0 {
			burst = max(1, int(math.Ceil(spec.Rate)))
		}
		l = rate.NewLimiter(rate.Limit(spec.Rate), burst)
		svc.limiters[client] = l
	}
	return l
}

// admit applies svc's ingress guards to a new request: the client's rate
// limit at the front door. It answers and returns false for a refused
// request.
func (s *Sim) admit(svc *service, r *request) bool {
	if svc.tmpl.spec.RateLimit == nil {
		return true
	}
	if svc.limiterFor(r.client).AllowN(epoch.Add(s.now), 1) {
		return true
	}
	r.done = true
	s.settle(r, OutcomeRateLimited)
	return false
}

// shedOnArrival reports whether the pod's shedder refuses a request that
// would have to queue.
func shedOnArrival(p *pod) bool {
	sh := p.tmpl.spec.Shedding
	return sh != nil && sh.MaxQueue > 0 && p.queued() >= sh.MaxQueue
}

// shedOnDequeue reports whether a request waited past the pod's target.
func (s *Sim) shedOnDequeue(p *pod, r *request) bool {
	sh := p.tmpl.spec.Shedding
	return sh != nil && sh.MaxWait > 0 && s.now-r.queuedAt > sh.MaxWait
}
