package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// podState is a pod's place in its lifecycle.
type podState uint8

const (
	podStarting podState = iota
	podReady
	podStopped
)

func (s podState) String() string {
	switch s {
	case podStarting:
		return "starting"
	case podReady:
		return "ready"
	}
	return "stopped"
}

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

// retryPolicy is a RetrySpec with its defaults filled in.
type retryPolicy struct {
	maxAttempts int
	backoff     time.Duration
	multiplier  float64
	maxBackoff  time.Duration
	jitter      bool
}

func newRetryPolicy(r *RetrySpec) retryPolicy {
	if r == nil {
		return retryPolicy{maxAttempts: 1}
	}
	p := retryPolicy{
		maxAttempts: r.MaxAttempts,
		backoff:     r.Backoff,
		multiplier:  r.Multiplier,
		maxBackoff:  r.MaxBackoff,
		jitter:      r.Jitter != "none",
	}
	if p.maxAttempts == 0 {
		p.maxAttempts = 3
	}
	if p.multiplier == 0 {
		p.multiplier = 2
	}
	return p
}

// wait returns the sleep before retry n (1 for the second attempt):
// backoff × multiplier^(n-1), capped, then drawn uniformly from [0, wait)
// with full jitter.
func (p retryPolicy) wait(n int, r *rand.Rand) time.Duration {
	if p.backoff <= 0 {
		return 0
	}
	w := float64(p.backoff) * math.Pow(p.multiplier, float64(n-1))
	if p.maxBackoff > 0 && w > float64(p.maxBackoff) {
		w = float64(p.maxBackoff)
	}
	if p.jitter {
		w *= r.Float64()
	}
	return time.Duration(w)
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

// pod is one replica: a pool of worker threads and a FIFO accept queue.
type pod struct {
	name  string
	tmpl  *template
	state podState

	busy   int
	active []*request // requests holding a worker

	queue []*request
	head  int // index of the oldest queued request

	breakers []*breaker // one per call edge, nil where the edge has none
}

func (p *pod) queued() int { return len(p.queue) - p.head }

func (p *pod) push(r *request) { p.queue = append(p.queue, r) }

func (p *pod) pop() *request {
	r := p.queue[p.head]
	p.queue[p.head] = nil
	p.head++
	if p.head == len(p.queue) {
		p.queue, p.head = p.queue[:0], 0
	} else if p.head > 1024 && p.head*2 > len(p.queue) {
		n := copy(p.queue, p.queue[p.head:])
		clear(p.queue[n:])
		p.queue, p.head = p.queue[:n], 0
	}
	return r
}

// setBreakers builds fresh breakers for every edge of the pod's template.
func (p *pod) setBreakers() {
	p.breakers = make([]*breaker, len(p.tmpl.calls))
	for i, c := range p.tmpl.calls {
		if c.breaker != nil {
			p.breakers[i] = newBreaker(*c.breaker)
		}
	}
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
// balancer sees readiness only, so it keeps sending to a pod whose workers
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

// accept gives the request a worker, a place in the queue, or a rejection.
func (s *Sim) accept(p *pod, r *request) {
	r.pod = p
	switch {
	case p.busy < p.tmpl.workers:
		s.startWork(p, r)
	case p.queued() < p.tmpl.queue:
		p.push(r)
		s.metrics.queued++
	default:
		r.done = true
		s.settle(r, OutcomeQueueFull)
	}
}

func (s *Sim) startWork(p *pod, r *request) {
	p.busy++
	s.metrics.busy++
	r.slot = len(p.active)
	p.active = append(p.active, r)
	s.q.push(event{at: s.now + p.tmpl.cpu.sample(s.serviceRand), kind: evCPUDone, req: r})
}

// finish ends the server's work on a request: it frees the worker, responds
// to the client if it is still waiting, and takes the next queued request.
func (s *Sim) finish(r *request, o Outcome) {
	p := r.pod
	r.done = true
	last := len(p.active) - 1
	moved := p.active[last]
	p.active[r.slot] = moved
	moved.slot = r.slot
	p.active[last] = nil
	p.active = p.active[:last]
	r.slot = -1
	p.busy--
	s.metrics.busy--

	s.settle(r, o)
	s.takeQueued(p)
}

// takeQueued starts queued requests while the pod has free workers. A
// request whose client already gave up is still served, as wasted work.
func (s *Sim) takeQueued(p *pod) {
	for p.busy < p.tmpl.workers && p.queued() > 0 {
		r := p.pop()
		s.metrics.queued--
		s.startWork(p, r)
	}
}

func (s *Sim) cpuDone(r *request) {
	if r.done {
		return
	}
	r.call = 0
	s.nextCall(r)
}

// stopPod kills a pod at once: in-flight and queued requests are dropped.
func (s *Sim) stopPod(p *pod, why string) {
	dropped := 0
	for _, r := range p.active {
		r.done = true
		if !r.settled {
			dropped++
		}
		s.settle(r, OutcomeDropped)
	}
	for _, r := range p.queue[p.head:] {
		r.done = true
		if !r.settled {
			dropped++
		}
		s.settle(r, OutcomeDropped)
	}
	s.metrics.busy -= p.busy
	s.metrics.queued -= p.queued()
	p.busy, p.active, p.queue, p.head = 0, nil, nil, 0
	if p.state == podReady {
		s.metrics.capacity -= p.tmpl.workers
	}
	p.state = podStopped

	s.svc.pods = removePod(s.svc.pods, p)
	s.svc.ready = removePod(s.svc.ready, p)
	if dropped > 0 {
		s.logf(LogPod, "%s stopped (%s): %d requests dropped", p.name, why, dropped)
	} else {
		s.logf(LogPod, "%s stopped (%s)", p.name, why)
	}
}

func removePod(pods []*pod, p *pod) []*pod {
	for i, q := range pods {
		if q == p {
			return append(pods[:i], pods[i+1:]...)
		}
	}
	return pods
}

func (s *Sim) podReady(p *pod) {
	if p.state != podStarting {
		return
	}
	p.state = podReady
	s.svc.ready = append(s.svc.ready, p)
	s.metrics.capacity += p.tmpl.workers
	s.logf(LogPod, "%s ready (config v%d)", p.name, p.tmpl.version)
	s.reconcile()
}
