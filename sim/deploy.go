package sim

import (
	"slices"
	"strconv"
	"strings"
)

// applyChange brings a validated Change to the service.
func (s *Sim) applyChange(c Change) {
	if c.Database != nil || c.Leaf != nil {
		s.applyLeafChanges(c)
		if !c.settings() && c.Pods == 0 {
			return
		}
	}
	svc := s.services[s.svcIndex[c.target(s.services[0].name)]]
	if s.applyLifecycle(svc, c.LifecycleChange) {
		return
	}
	if c.Pods > 0 {
		svc.replicas = c.Pods
	}
	spec := withChange(svc.tmpl.spec, c)
	what := describeChange(c)
	if c.RateLimit != nil {
		clear(svc.limiters)
	}

	switch c.rollout() {
	case RolloutLive:
		if c.settings() {
			t := s.compile(spec, svc.nextVersion())
			svc.tmpl = t
			for _, p := range svc.pods {
				s.pushLive(p, t, c)
			}
			s.logf(LogChange, "%s config v%d pushed live to %d pods: %s", svc.name, t.version, len(svc.pods), what)
			s.startChangedProbes(svc, c.LifecycleChange)
		} else if c.Pods > 0 {
			s.logf(LogChange, "scaling %s to %d pods", svc.name, c.Pods)
		}
		s.reconcile(svc)

	case RolloutRolling:
		svc.tmpl = s.compile(spec, svc.nextVersion())
		svc.updating = true
		s.noteRevision(svc)
		surge, unavailable := svc.limits()
		s.logf(LogChange, "rolling update of %s to config v%d started (%d surge, %d unavailable): %s",
			svc.name, svc.tmpl.version, surge, unavailable, what)
		s.reconcile(svc)

	case RolloutRecreate:
		svc.tmpl = s.compile(spec, svc.nextVersion())
		svc.life.recreate = svc.tmpl.version
		s.noteRevision(svc)
		s.logf(LogChange, "recreating every %s pod with config v%d: %s", svc.name, svc.tmpl.version, what)
		for _, p := range slices.Clone(svc.pods) {
			s.terminatePod(p, "recreate")
		}
		s.reconcile(svc)
	}
}

// pushLive moves a running pod to a new template. An attempt in flight
// keeps the timeout it started with, and later attempts follow the new
// retry settings. A breaker the change sets or removes starts fresh, closed.
func (s *Sim) pushLive(p *pod, t *template, c Change) {
	if p.state == podReady {
		p.svc.capacity += t.workers - p.tmpl.workers
	}
	p.tmpl = t
	for _, cc := range c.Calls {
		for _, e := range t.endpoints {
			for _, call := range e.calls {
				if call.name != cc.Dependency {
					continue
				}
				if cc.Breaker != nil || cc.RemoveBreaker {
					p.breakers[call.edge] = nil
					if call.breaker != nil {
						p.breakers[call.edge] = newBreaker(*call.breaker)
					}
				}
				if cc.Bulkhead != nil {
					p.bulkheads[call.edge] = newBulkhead(*call.bulkhead)
				}
			}
		}
	}
	s.takeQueued(p)
}

// withChange returns spec with the change's settings applied. It copies the
// calls, so templates already in use stay as they were.
func withChange(spec ServiceSpec, c Change) ServiceSpec {
	spec.Calls = slices.Clone(spec.Calls)
	spec.Endpoints = slices.Clone(spec.Endpoints)
	if c.Workers > 0 {
		spec.Workers = c.Workers
	}
	if c.Queue != nil {
		spec.Queue = *c.Queue
	}
	if c.RateLimit != nil {
		rl := *c.RateLimit
		spec.RateLimit = &rl
	}
	if c.Shedding != nil {
		sh := *c.Shedding
		spec.Shedding = &sh
	}
	if c.DeadlinePropagation != nil {
		spec.DeadlinePropagation = *c.DeadlinePropagation
	}
	withLifecycle(&spec, c.LifecycleChange)
	edges := []*[]CallSpec{&spec.Calls}
	for i := range spec.Endpoints {
		spec.Endpoints[i].Calls = slices.Clone(spec.Endpoints[i].Calls)
		edges = append(edges, &spec.Endpoints[i].Calls)
	}
	for _, cc := range c.Calls {
		for _, calls := range edges {
			changeCalls(*calls, cc)
		}
	}
	return spec
}

// changeCalls applies one CallChange to every call to its dependency.
func changeCalls(calls []CallSpec, cc CallChange) {
	for i := range calls {
		call := &calls[i]
		if call.Dependency != cc.Dependency {
			continue
		}
		if cc.Timeout != nil {
			call.Timeout = *cc.Timeout
		}
		if cc.Retry != nil {
			r := *cc.Retry
			call.Retry = &r
		}
		if cc.Breaker != nil {
			b := *cc.Breaker
			call.Breaker = &b
		}
		if cc.RemoveBreaker {
			call.Breaker = nil
		}
		if cc.Bulkhead != nil {
			b := *cc.Bulkhead
			call.Bulkhead = &b
		}
	}
}

// describeChange summarises a change for the log.
func describeChange(c Change) string {
	var parts []string
	if c.Pods > 0 {
		parts = append(parts, "pods "+strconv.Itoa(c.Pods))
	}
	if c.Workers > 0 {
		parts = append(parts, "workers "+strconv.Itoa(c.Workers))
	}
	if c.Queue != nil {
		parts = append(parts, "queue "+strconv.Itoa(*c.Queue))
	}
	if c.RateLimit != nil {
		parts = append(parts, "rate limit "+strconv.FormatFloat(c.RateLimit.Rate, 'g', -1, 64)+"/s per client")
	}
	if c.Shedding != nil {
		parts = append(parts, "load shedding on")
	}
	if c.DeadlinePropagation != nil {
		parts = append(parts, "deadline propagation "+map[bool]string{true: "on", false: "off"}[*c.DeadlinePropagation])
	}
	for _, cc := range c.Calls {
		if cc.Timeout != nil {
			if *cc.Timeout == 0 {
				parts = append(parts, cc.Dependency+" timeout off")
			} else {
				parts = append(parts, cc.Dependency+" timeout "+cc.Timeout.String())
			}
		}
		if cc.Retry != nil {
			parts = append(parts, cc.Dependency+" retries "+strconv.Itoa(newRetryPolicy(cc.Retry).maxAttempts)+" attempts")
		}
		if cc.Breaker != nil {
			parts = append(parts, cc.Dependency+" breaker on")
		}
		if cc.RemoveBreaker {
			parts = append(parts, cc.Dependency+" breaker off")
		}
		if cc.Bulkhead != nil {
			parts = append(parts, cc.Dependency+" bulkhead "+strconv.Itoa(newBulkhead(*cc.Bulkhead).max))
		}
	}
	if len(parts) == 0 {
		return "restart"
	}
	return strings.Join(parts, ", ")
}

// reconcile moves the pods toward the desired state, as a Deployment
// controller would: replicas of the current template, replacing pods of
// older templates within the surge and unavailability limits.
func (s *Sim) reconcile(svc *service) {
	want := svc.replicas
	surge, unavailable := svc.limits()

	// Old pods that are not ready serve nothing: stop them first.
	for _, p := range slices.Clone(svc.pods) {
		if p.tmpl.version != svc.tmpl.version && p.state != podReady {
			s.terminatePod(p, "replaced")
		}
	}

	// Scale the current template down: starting pods first, then the newest.
	current := svc.currentPods()
	for len(current) > want {
		victim := current[len(current)-1]
		for _, p := range current {
			if p.state != podReady {
				victim = p
				break
			}
		}
		s.terminatePod(victim, "scaled down")
		current = svc.currentPods()
	}

	// Start new pods and stop old ones until neither step can move: each
	// stop of an old pod may make room under the surge for a new one.
	for {
		started := s.startCurrent(svc, want, surge)
		stopped := s.stopOld(svc, want-unavailable)
		if !started && !stopped {
			break
		}
	}

	if svc.updating && len(svc.pods) == want && svc.readyCount() == want && len(svc.currentPods()) == want {
		svc.updating = false
		s.logf(LogChange, "rolling update of %s to config v%d complete", svc.name, svc.tmpl.version)
	}
}

// startCurrent starts pods of the current template up to want, keeping the
// total within want plus the surge. During a recreate it starts none until
// every older pod is gone.
func (s *Sim) startCurrent(svc *service, want, surge int) bool {
	if s.awaitingOldPods(svc) {
		return false
	}
	started := false
	for len(svc.currentPods()) < want && len(svc.pods) < want+surge {
		p := svc.newPod(svc.tmpl)
		p.life.started = s.now
		p.life.unreachable = svc.life.downZones[p.zone] // no zone left up
		s.q.push(event{at: s.now + svc.startup, kind: evPodReady, pod: p})
		s.logf(LogPod, "%s starting (config v%d)", p.name, p.tmpl.version)
		started = true
	}
	return started
}

// stopOld stops ready pods of older templates, oldest first, while at least
// minReady pods stay ready.
func (s *Sim) stopOld(svc *service, minReady int) bool {
	stopped := false
	for _, p := range slices.Clone(svc.pods) {
		if p.tmpl.version == svc.tmpl.version {
			continue
		}
		if svc.readyCount()-1 < minReady {
			break
		}
		s.terminatePod(p, "replaced")
		stopped = true
	}
	return stopped
}

func (svc *service) currentPods() []*pod {
	var out []*pod
	for _, p := range svc.pods {
		if p.tmpl.version == svc.tmpl.version {
			out = append(out, p)
		}
	}
	return out
}

// awaitingOldPods reports whether a recreate rollout still waits for older
// pods to stop, and logs the moment the wait ends.
func (s *Sim) awaitingOldPods(svc *service) bool {
	if svc.life.recreate == 0 || svc.life.recreate != svc.tmpl.version {
		return false
	}
	if len(svc.life.terminating) > 0 || len(svc.currentPods()) < len(svc.pods) {
		return true
	}
	svc.life.recreate = 0
	s.logf(LogChange, "old pods of %s are gone; starting %d pods of config v%d", svc.name, svc.replicas, svc.tmpl.version)
	return false
}
