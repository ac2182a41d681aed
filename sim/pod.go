package sim

// podState is a pod's place in its lifecycle.
type podState uint8

const (
	podStarting podState = iota
	podReady
	podStopped
	podTerminating // stopping: preStop, draining, or exited while still in the load balancer
	podBackOff     // the container is down, waiting out its restart back-off
	podLost        // on an unreachable node, marked not ready
)

func (s podState) String() string {
	switch s {
	case podStarting:
		return "starting"
	case podReady:
		return "ready"
	case podTerminating:
		return "terminating"
	case podBackOff:
		return "back-off"
	case podLost:
		return "unknown"
	}
	return "stopped"
}

// pod is one replica: a pool of worker threads and a FIFO accept queue.
type pod struct {
	name  string
	svc   *service
	zone  string
	tmpl  *template
	state podState

	busy   int
	active []*request // requests holding a worker

	queue []*request
	head  int // index of the oldest queued request

	// cpuBusy counts handlers on a core; runQueue holds workers waiting
	// for one when the pod has fewer cores than busy handlers.
	cpuBusy  int
	runQueue []*request

	breakers  []*breaker    // one per template edge, nil where the edge has none
	budgets   []retryBudget // one per template edge
	bulkheads []*bulkhead   // one per template edge, nil where the edge has none

	life podLife
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
	p.budgets = make([]retryBudget, len(p.tmpl.edges))
	for i := range p.budgets {
		p.budgets[i].tokens = budgetCap
	}
	p.breakers = make([]*breaker, len(p.tmpl.edges))
	p.bulkheads = make([]*bulkhead, len(p.tmpl.edges))
	for _, e := range p.tmpl.endpoints {
		for _, c := range e.calls {
			if c.breaker != nil && p.breakers[c.edge] == nil {
				p.breakers[c.edge] = newBreaker(*c.breaker)
			}
			if c.bulkhead != nil && p.bulkheads[c.edge] == nil {
				p.bulkheads[c.edge] = newBulkhead(*c.bulkhead)
			}
		}
	}
}

// accept gives the request a worker, a place in the queue, or a rejection.
func (s *Sim) accept(p *pod, r *request) {
	r.pod = p
	if s.gate(p, r) {
		return
	}
	switch {
	case p.busy < p.tmpl.workers:
		s.startWork(p, r)
	case shedOnArrival(p):
		r.done = true
		s.settle(r, OutcomeShed)
	case p.queued() < p.tmpl.queue:
		r.queuedAt = s.now
		p.push(r)
		p.svc.queued++
	default:
		r.done = true
		s.settle(r, OutcomeQueueFull)
	}
}

func (s *Sim) startWork(p *pod, r *request) {
	p.busy++
	p.svc.busy++
	r.slot = len(p.active)
	p.active = append(p.active, r)
	if c := p.tmpl.spec.Cores; c > 0 && p.cpuBusy >= c {
		p.runQueue = append(p.runQueue, r)
		return
	}
	s.startCPU(p, r)
}

// startCPU runs the request's handler on a core of its pod.
func (s *Sim) startCPU(p *pod, r *request) {
	p.cpuBusy++
	s.q.push(event{at: s.now + s.workTime(p, r), kind: evCPUDone, req: r, gen: r.gen})
}

// finish ends the server's work on a request: it frees the worker, responds
// to the client if it is still waiting, and takes the next queued request.
func (s *Sim) finish(r *request, o Outcome) {
	s.leaveBulkhead(r)
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
	p.svc.busy--

	s.settle(r, o)
	s.takeQueued(p)
	s.drainCheck(p)
	s.recycle(r)
}

// takeQueued starts queued requests while the pod has free workers. A
// request whose client already gave up is still served, as wasted work.
func (s *Sim) takeQueued(p *pod) {
	for p.busy < p.tmpl.workers && p.queued() > 0 {
		r := p.pop()
		p.svc.queued--
		if r.deadline > 0 && s.now >= r.deadline {
			// Deadline propagation: the caller has stopped waiting.
			r.done = true
			s.settle(r, OutcomeTimeout)
			continue
		}
		if s.shedOnDequeue(p, r) {
			r.done = true
			s.settle(r, OutcomeShed)
			continue
		}
		s.startWork(p, r)
	}
}

// cpuDone ends a handler's CPU time: the core goes to the next handler
// waiting for one, and the request goes on to its calls.
func (s *Sim) cpuDone(r *request, gen uint32) {
	if r.done || gen != r.gen {
		return
	}
	p := r.pod
	p.cpuBusy--
	for len(p.runQueue) > 0 && (p.tmpl.spec.Cores == 0 || p.cpuBusy < p.tmpl.spec.Cores) {
		next := p.runQueue[0]
		p.runQueue[0] = nil
		p.runQueue = p.runQueue[1:]
		s.startCPU(p, next)
	}
	if s.afterWork(r) {
		return
	}
	r.call = 0
	s.nextCall(r)
}

// stopPod kills a pod at once: in-flight and queued requests are dropped.
func (s *Sim) stopPod(p *pod, reason string) {
	dropped := s.dropWork(p)
	if p.state == podReady {
		p.svc.capacity -= p.tmpl.workers
	}
	p.state = podStopped

	svc := p.svc
	svc.pods = removePod(svc.pods, p)
	svc.ready = removePod(svc.ready, p)
	if dropped > 0 {
		s.logf(LogPod, "%s stopped (%s): %d requests dropped", p.name, reason, dropped)
	} else {
		s.logf(LogPod, "%s stopped (%s)", p.name, reason)
	}
}

// dropWork drops the pod's in-flight and queued requests and returns how
// many had callers still waiting.
func (s *Sim) dropWork(p *pod) int {
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
	svc := p.svc
	svc.busy -= p.busy
	svc.queued -= p.queued()
	p.busy, p.active, p.queue, p.head = 0, nil, nil, 0
	p.cpuBusy, p.runQueue = 0, nil
	return dropped
}

func removePod(pods []*pod, p *pod) []*pod {
	for i, q := range pods {
		if q == p {
			return append(pods[:i], pods[i+1:]...)
		}
	}
	return pods
}

func (s *Sim) podReady(p *pod, gen uint32) {
	if p.state != podStarting || gen != p.life.incarnation || !s.becameReady(p) {
		return
	}
	s.setState(p, podReady)
	p.life.readyUnseen = p.life.unreachable
	p.joinEndpoints()
	s.logf(LogPod, "%s ready (config v%d)", p.name, p.tmpl.version)
	s.reconcile(p.svc)
}
