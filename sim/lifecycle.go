package sim

import (
	"slices"
	"time"
)

// lifeEvent is the step an evLife event takes (event.sub).
type lifeEvent uint8

const (
	lifeEndpointGone   lifeEvent = iota // the pod leaves the load balancer
	lifeSigterm                         // preStop is over: SIGTERM reaches the process
	lifeKill                            // the grace period is over
	lifeContainerStart                  // the restart back-off is over
	lifeProbe                           // a probe is due (index: probe kind)
	lifeProbeTimeout                    // a probe's timeout (req)
	lifeAutoscale                       // an autoscaler sync (index: service)
	lifeRollbackCheck                   // an error-rate check after a deploy (index: service)
	lifeOOM                             // a pod's heap may be full
	lifeNodeNotReady                    // a zone's nodes are marked not ready (index: fault)
	lifeEvict                           // a zone's pods are evicted (index: fault)
)

// podLife is the lifecycle state of one pod.
type podLife struct {
	// incarnation counts the pod's deaths (container restarts and
	// termination). Events for the pod carry the incarnation they were
	// scheduled under, so one meant for an earlier container is ignored.
	incarnation uint32

	started time.Duration // when the current container started
	backoff int           // restarts in a row, for CrashLoopBackOff

	// Termination: accepting while the preStop hook runs, exited once the
	// process is gone, endpointGone once the load balancer stopped sending.
	accepting    bool
	exited       bool
	endpointGone bool

	// probeGen changes whenever probing starts again, so probe events and
	// results of an earlier schedule are ignored.
	probeGen uint32
	probes   [numProbes]probeState
	unready  bool // the readiness probe has failed

	// unreachable is set while the pod's zone is out: requests to it and
	// responses from it are lost.
	unreachable bool

	// readyUnseen is set when the pod became ready while unreachable: the
	// kubelet cannot report it, so Kubernetes still shows it not ready.
	readyUnseen bool

	leakRequests int // requests started under a memory leak since the container started
}

// serviceLife is the lifecycle state of one service.
type serviceLife struct {
	restarts    int    // container restarts so far, over every pod
	terminating []*pod // pods stopping, no longer counted as replicas

	// recreate is the config version of the last recreate rollout, 0 when
	// none. While it is the current version, no new pod starts until every
	// older pod is gone.
	recreate   int
	downZones  map[string]bool
	maxVersion int

	// revisions are the templates deployed by rolling or recreate updates,
	// oldest first. A rollback goes to the one before the last.
	revisions []*template

	autoscale     *AutoscaleSpec
	autoscaleGen  uint32
	scaleHistory  []scaleRecommendation
	rollback      *RollbackSpec
	watchGen      uint32
	rolledBack    bool // the newest revision change was a rollback
	watchUntil    time.Duration
	responses     []int // responses by virtual second, for the rollback check
	errors        []int // responses that were not good, by virtual second
	leaks         []int // indexes of the memory-leak faults that have started
	nodesNotReady map[string]bool
}

// startLifecycle sets up the lifecycle of the pods New created ready.
func (s *Sim) startLifecycle() {
	s.lifeRand = newStream(s.cfg.Seed, streamLifecycle)
	for _, svc := range s.services {
		svc.life.revisions = []*template{svc.tmpl}
		svc.life.maxVersion = svc.tmpl.version
		for _, p := range svc.pods {
			s.startProbes(p)
		}
		if a := svc.spec.Autoscale; a != nil {
			s.setAutoscale(svc, a)
		}
		svc.life.rollback = svc.spec.Rollback
	}
}

// nextVersion returns a template version no pod of svc has used yet. After
// a rollback the current template is an old one, so its version plus one
// may already exist.
func (svc *service) nextVersion() int {
	svc.life.maxVersion = max(svc.life.maxVersion, svc.tmpl.version) + 1
	return svc.life.maxVersion
}

// setState moves a pod to a new state, keeping the service's ready
// capacity, the workers of pods whose process serves, in step.
func (s *Sim) setState(p *pod, to podState) {
	if p.state == podReady && to != podReady {
		p.svc.capacity -= p.tmpl.workers
	}
	if p.state != podReady && to == podReady {
		p.svc.capacity += p.tmpl.workers
	}
	p.state = to
}

// serving reports whether the load balancer should send to the pod: its
// process is up, ready and reachable.
func (p *pod) serving() bool {
	return p.state == podReady && !p.life.unready && !p.life.unreachable
}

// reportsReady reports whether Kubernetes would show the pod as ready: its
// process is up and its readiness probe passes. A pod in an unreachable
// zone still shows ready until the node controller marks it, unless it
// became ready after the zone went out.
func (p *pod) reportsReady() bool {
	return p.state == podReady && !p.life.unready && !p.life.readyUnseen
}

// readyCount returns the service's pods that Kubernetes shows as ready,
// leaving out terminating pods that are still in the load balancer. This
// is the availability a rolling update goes by, so a pod in an unreachable
// zone counts until the node controller marks it not ready.
func (svc *service) readyCount() int {
	n := 0
	for _, p := range svc.pods {
		if p.reportsReady() {
			n++
		}
	}
	return n
}

// endpointLag returns the service's endpoint propagation lag.
func (p *pod) endpointLag() time.Duration {
	if lag := p.tmpl.spec.Shutdown.EndpointLag; lag > 0 {
		return lag
	}
	return DefaultEndpointLag
}

// leaveEndpoints takes the pod out of the load balancer after the
// endpoint lag; until then requests keep arriving.
func (s *Sim) leaveEndpoints(p *pod) {
	s.q.push(event{at: s.now + p.endpointLag(), kind: evLife, sub: uint8(lifeEndpointGone), pod: p, gen: p.life.incarnation})
}

// joinEndpoints puts a serving pod back into the load balancer at once.
func (p *pod) joinEndpoints() {
	if p.serving() && !slices.Contains(p.svc.ready, p) {
		p.svc.ready = append(p.svc.ready, p)
	}
}

func (s *Sim) endpointGone(p *pod, gen uint32) {
	if gen != p.life.incarnation || p.serving() {
		return
	}
	p.svc.ready = removePod(p.svc.ready, p)
	if p.state == podTerminating {
		p.life.endpointGone = true
		if p.life.exited {
			s.finishTermination(p)
		}
	}
}

// gate decides what happens to a request the load balancer sent to p
// before the pod's workers see it. It returns false when the pod takes it
// as usual. It returns true when it has handled the request itself, either
// refused because no process listens or lost because the pod is unreachable.
func (s *Sim) gate(p *pod, r *request) bool {
	if p.life.unreachable {
		// The connection never completes: the caller's timeout ends it.
		r.done = true
		return true
	}
	switch p.state {
	case podReady:
		return false
	case podTerminating:
		if p.life.accepting {
			return false
		}
	}
	r.done = true
	s.settle(r, OutcomeRefused)
	return true
}

// settleHook takes the outcomes that are not a response to a caller: a
// probe's result, and a response lost because its pod is unreachable. It
// returns true when it consumed the outcome.
func (s *Sim) settleHook(r *request, o Outcome) bool {
	if r.probe != noProbe {
		s.probeSettled(r, o)
		return true
	}
	if o != OutcomeGaveUp && r.pod != nil && r.pod.life.unreachable {
		return true
	}
	if !r.settled && o != OutcomeGaveUp {
		s.observeResponse(r.svc, o)
	}
	return false
}

// terminatePod stops a pod the way Kubernetes does: it leaves the
// endpoints after the lag, and its process gets SIGTERM after the preStop
// hook. Without graceful shutdown the process exits at once, dropping its
// requests, and refuses connections until the endpoint is gone. A pod that
// serves nothing stops at once.
func (s *Sim) terminatePod(p *pod, reason string) {
	if p.state != podReady || p.life.unreachable {
		s.stopPod(p, reason)
		return
	}
	svc := p.svc
	svc.pods = removePod(svc.pods, p)
	svc.life.terminating = append(svc.life.terminating, p)
	s.setState(p, podTerminating)
	p.life.incarnation++
	s.leaveEndpoints(p)

	sd := p.tmpl.spec.Shutdown
	if !sd.Graceful && sd.PreStop == 0 {
		s.logf(LogPod, "%s terminating (%s): no graceful shutdown, exits now", p.name, reason)
		s.exitProcess(p)
		return
	}
	grace := sd.GracePeriod
	if grace == 0 {
		grace = DefaultGracePeriod
	}
	p.life.accepting = true
	if sd.Graceful {
		s.logf(LogPod, "%s terminating (%s): preStop %s, then drain within %s", p.name, reason, sd.PreStop, grace)
	} else {
		s.logf(LogPod, "%s terminating (%s): preStop %s, then exits without draining", p.name, reason, sd.PreStop)
	}
	s.q.push(event{at: s.now + sd.PreStop, kind: evLife, sub: uint8(lifeSigterm), pod: p, gen: p.life.incarnation})
	s.q.push(event{at: s.now + grace, kind: evLife, sub: uint8(lifeKill), pod: p, gen: p.life.incarnation})
}

// sigterm stops the process accepting connections. A graceful process
// exits once drained, any other at once.
func (s *Sim) sigterm(p *pod, gen uint32) {
	if gen != p.life.incarnation || p.life.exited {
		return
	}
	p.life.accepting = false
	if !p.tmpl.spec.Shutdown.Graceful {
		s.exitProcess(p)
		return
	}
	s.drainCheck(p)
}

// drainCheck exits a terminating process that has finished its work.
func (s *Sim) drainCheck(p *pod) {
	if p.state == podTerminating && !p.life.accepting && !p.life.exited && p.busy == 0 && p.queued() == 0 {
		s.logf(LogPod, "%s drained", p.name)
		s.exitProcess(p)
	}
}

// killAtGrace kills a process still draining at the end of the grace period.
func (s *Sim) killAtGrace(p *pod, gen uint32) {
	if gen != p.life.incarnation || p.life.exited {
		return
	}
	p.life.accepting = false
	s.logf(LogPod, "%s killed at the end of its grace period", p.name)
	s.exitProcess(p)
}

// exitProcess ends a terminating pod's process, dropping what it still
// holds. The pod is gone once the load balancer has stopped sending too.
func (s *Sim) exitProcess(p *pod) {
	if n := s.dropWork(p); n > 0 {
		s.logf(LogPod, "%s exited: %d requests dropped", p.name, n)
	}
	p.life.exited = true
	if p.life.endpointGone {
		s.finishTermination(p)
	}
}

func (s *Sim) finishTermination(p *pod) {
	svc := p.svc
	svc.life.terminating = removePod(svc.life.terminating, p)
	s.stopPod(p, "terminated")
	if svc.life.recreate != 0 {
		s.reconcile(svc)
	}
}

// lifeStep dispatches an evLife event.
func (s *Sim) lifeStep(e event) {
	switch lifeEvent(e.sub) {
	case lifeEndpointGone:
		s.endpointGone(e.pod, e.gen)
	case lifeSigterm:
		s.sigterm(e.pod, e.gen)
	case lifeKill:
		s.killAtGrace(e.pod, e.gen)
	case lifeContainerStart:
		s.containerStart(e.pod, e.gen)
	case lifeProbe:
		s.probe(e.pod, e.gen, probeKind(e.index))
	case lifeProbeTimeout:
		s.probeTimedOut(e.req)
	case lifeAutoscale:
		s.autoscale(s.services[e.index], e.gen)
	case lifeRollbackCheck:
		s.rollbackCheck(s.services[e.index], e.gen)
	case lifeOOM:
		s.oomCheck(e.pod, e.gen)
	case lifeNodeNotReady:
		s.nodesNotReady(e.index)
	case lifeEvict:
		s.evictZone(e.index)
	}
}
