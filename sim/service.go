package sim

import (
	"fmt"
	"time"
)

// template is one version of the pod settings. Pods keep a pointer to the
// version they run; a live change swaps it, a rolling one replaces the pod.
type template struct {
	version int
	spec    ServiceSpec
	workers int
	queue   int
	cpu     sampler
	calls   []callPolicy
}

// callPolicy is a compiled CallSpec.
type callPolicy struct {
	dep     int
	timeout time.Duration
	retry   retryPolicy
	breaker *BreakerSpec
}

// compile turns a validated ServiceSpec into a template.
func (s *Sim) compile(spec ServiceSpec, version int) *template {
	t := &template{
		version: version,
		spec:    spec,
		workers: spec.Workers,
		queue:   spec.Queue,
		cpu:     newSampler(spec.CPU),
	}
	for _, c := range spec.Calls {
		t.calls = append(t.calls, callPolicy{
			dep:     s.depIndex[c.Dependency],
			timeout: c.Timeout,
			retry:   newRetryPolicy(c.Retry),
			breaker: c.Breaker,
		})
	}
	return t
}

// service is the deployment: its desired replicas, its current template and
// its running pods.
type service struct {
	name     string
	replicas int
	startup  time.Duration

	maxSurge       *int
	maxUnavailable *int

	tmpl  *template
	pods  []*pod // running pods (starting or ready), oldest first
	ready []*pod // ready pods, the load balancer's targets
	rr    int    // round-robin position

	created  int  // pods created so far, for names
	updating bool // a rolling update is in progress
}

func newService(spec ServiceSpec, t *template) service {
	svc := service{
		name:           spec.Name,
		replicas:       spec.Pods,
		startup:        spec.Startup,
		maxSurge:       spec.MaxSurge,
		maxUnavailable: spec.MaxUnavailable,
		tmpl:           t,
	}
	if svc.name == "" {
		svc.name = "service"
	}
	if svc.startup == 0 {
		svc.startup = 10 * time.Second
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

func (svc *service) newPod(t *template) *pod {
	svc.created++
	p := &pod{name: fmt.Sprintf("%s-%d", svc.name, svc.created), tmpl: t}
	p.setBreakers()
	svc.pods = append(svc.pods, p)
	return p
}

// route sends a new request to the next ready pod, round robin. The load
// balancer tracks readiness only, so it keeps sending to a pod whose workers
// are all stuck.
func (s *Sim) route(r *request) {
	ready := s.svc.ready
	if len(ready) == 0 {
		r.done = true
		s.settle(r, OutcomeUnavailable)
		return
	}
	s.svc.rr++
	p := ready[s.svc.rr%len(ready)]
	s.accept(p, r)
}
