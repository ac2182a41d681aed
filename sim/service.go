package sim

import (
	"fmt"
	"math/rand/v2"
	"time"

	"golang.org/x/time/rate"
)

// target is where a call goes: a leaf dependency or an internal service.
// Exactly one of leaf and svc is 0 or more; the other is -1.
type target struct {
	leaf     int
	svc      int
	endpoint int // endpoint index on svc
}

// template is one version of a service's pod settings. Pods keep a pointer
// to the version they run; a live change swaps it, a rolling one replaces
// the pod.
type template struct {
	version   int
	spec      ServiceSpec
	workers   int
	queue     int
	endpoints []endpointPolicy

	// edges names the distinct targets the pod calls. Breakers, like
	// Resilience4j instances, are kept one per pod and target, so every
	// endpoint calling a target shares its breaker.
	edges []string
}

// endpointPolicy is a compiled endpoint.
type endpointPolicy struct {
	name  string
	share float64 // fraction of entry traffic, 0 to 1
	cpu   sampler
	calls []callPolicy
}

// callPolicy is a compiled CallSpec.
type callPolicy struct {
	to       target
	name     string // the target's name
	metric   int    // the target's index in metrics.calls
	edge     int    // index into template.edges and pod.breakers
	timeout  time.Duration
	retry    retryPolicy
	breaker  *BreakerSpec
	bulkhead *BulkheadSpec

	write       bool // a database write
	replicaRead bool // a database read that may go to a replica
}

// compile turns a validated ServiceSpec into a template.
func (s *Sim) compile(spec ServiceSpec, version int) *template {
	t := &template{
		version: version,
		spec:    spec,
		workers: spec.Workers,
		queue:   spec.Queue,
	}
	edgeIndex := map[string]int{}
	for _, e := range endpointsOf(spec) {
		ep := endpointPolicy{name: e.Name, share: e.Share / 100, cpu: newSampler(spec.CPU)}
		if !e.CPU.IsZero() {
			ep.cpu = newSampler(e.CPU)
		}
		for _, c := range e.Calls {
			edge, ok := edgeIndex[c.Dependency]
			if !ok {
				edge = len(t.edges)
				edgeIndex[c.Dependency] = edge
				t.edges = append(t.edges, c.Dependency)
			}
			ep.calls = append(ep.calls, callPolicy{
				to:       s.resolve(c.Dependency, c.Endpoint),
				name:     c.Dependency,
				metric:   s.metrics.callTarget(c.Dependency),
				edge:     edge,
				timeout:  c.Timeout,
				retry:    newRetryPolicy(c.Retry),
				breaker:  c.Breaker,
				bulkhead: c.Bulkhead,

				write:       c.Operation == OpWrite,
				replicaRead: c.ReadFrom == ReadReplicas,
			})
		}
		t.endpoints = append(t.endpoints, ep)
	}
	return t
}

// endpointsOf returns the service's endpoints, turning the single-endpoint
// shorthand (CPU and Calls) into one endpoint named "default".
func endpointsOf(spec ServiceSpec) []EndpointSpec {
	if len(spec.Endpoints) > 0 {
		return spec.Endpoints
	}
	return []EndpointSpec{{Name: "default", Share: 100, Calls: spec.Calls}}
}

// resolve finds a validated call target by name.
func (s *Sim) resolve(name, endpoint string) target {
	if i, ok := s.depIndex[name]; ok {
		return target{leaf: i, svc: -1}
	}
	i := s.svcIndex[name]
	t := target{leaf: -1, svc: i}
	for j, e := range endpointsOf(s.services[i].spec) {
		if e.Name == endpoint {
			t.endpoint = j
		}
	}
	return t
}

// service is one deployment: its desired replicas, its current template and
// its running pods.
type service struct {
	index    int
	name     string
	spec     ServiceSpec // as first deployed
	replicas int
	startup  time.Duration
	zones    []string

	maxSurge       *int
	maxUnavailable *int

	tmpl  *template
	pods  []*pod // running pods (starting or ready), oldest first
	ready []*pod // ready pods, the load balancer's targets
	rr    int    // round-robin position

	// limiters holds each client's token bucket while a rate limit is on.
	limiters map[int]*rate.Limiter

	created  int  // pods created so far, for names and zones
	updating bool // a rolling update is in progress

	life serviceLife

	// Gauges over the service's pods, integrated by metrics.
	busy     int
	queued   int
	capacity int
}

func newService(index int, spec ServiceSpec) *service {
	svc := &service{
		index:          index,
		name:           spec.Name,
		spec:           spec,
		replicas:       spec.Pods,
		startup:        spec.Startup,
		zones:          spec.Zones,
		maxSurge:       spec.MaxSurge,
		maxUnavailable: spec.MaxUnavailable,
		limiters:       map[int]*rate.Limiter{},
	}
	if svc.name == "" {
		svc.name = "service"
	}
	if svc.startup == 0 {
		svc.startup = 10 * time.Second
	}
	if len(svc.zones) == 0 {
		svc.zones = []string{"zone-a"}
	}
	return svc
}

// limits returns the rolling-update surge and unavailability, defaulting to
// 25 % of replicas rounded up and down as Kubernetes does.
func (svc *service) limits() (surge, unavailable int) {
	surge = (svc.replicas + 3) / 4
	unavailable = svc.replicas / 4
	if svc.maxSurge != nil {
		surge = *svc.maxSurge
	}
	if svc.maxUnavailable != nil {
		unavailable = *svc.maxUnavailable
	}
	if surge == 0 && unavailable == 0 {
		surge = 1
	}
	return surge, unavailable
}

// newPod creates a pod in the zone with the fewest of the service's pods,
// the first such zone in the service's order, as a topology spread
// constraint would.
func (svc *service) newPod(t *template) *pod {
	svc.created++
	p := &pod{name: fmt.Sprintf("%s-%d", svc.name, svc.created), tmpl: t, svc: svc, zone: svc.emptiestZone()}
	p.setBreakers()
	svc.pods = append(svc.pods, p)
	return p
}

func (svc *service) emptiestZone() string {
	best, bestN := svc.zones[0], -1
	for _, z := range svc.zones {
		if !svc.zoneUsable(z) {
			continue
		}
		n := 0
		for _, p := range svc.pods {
			if p.zone == z {
				n++
			}
		}
		if bestN < 0 || n < bestN {
			best, bestN = z, n
		}
	}
	return best
}

// route sends a request to a ready pod of svc. The load balancer tracks
// readiness only, so it keeps sending to a pod whose workers are all stuck.
func (s *Sim) route(svc *service, r *request) {
	if !s.admit(svc, r) {
		return
	}
	ready := svc.ready
	if len(ready) == 0 {
		r.done = true
		s.settle(r, OutcomeUnavailable)
		return
	}
	var p *pod
	if svc.tmpl.spec.Balancer == BalancerLeastOutstanding {
		p = leastOfTwo(ready, s.balanceRand)
	} else {
		svc.rr++
		p = ready[svc.rr%len(ready)]
	}
	s.accept(p, r)
}

// leastOfTwo picks two ready pods at random and returns the one with fewer
// requests in service and queued, the first on a tie: the "power of two
// choices" that Envoy's least-request balancer uses by default. It costs
// the same whatever the number of pods, and spreads load almost as evenly
// as scanning them all.
func leastOfTwo(ready []*pod, r *rand.Rand) *pod {
	if len(ready) == 1 {
		return ready[0]
	}
	i := r.IntN(len(ready))
	j := r.IntN(len(ready) - 1)
	if j >= i {
		j++
	}
	a, b := ready[i], ready[j]
	if b.busy+b.queued() < a.busy+a.queued() {
		return b
	}
	return a
}
