package sim

// probeKind names a probe; a request's probe field is noProbe for traffic.
type probeKind uint8

const (
	noProbe probeKind = iota
	probeLiveness
	probeReadiness
	numProbes
)

func (k probeKind) String() string {
	if k == probeLiveness {
		return "liveness"
	}
	return "readiness"
}

// probeState counts a probe's recent results on the current container.
type probeState struct {
	fails, successes int
	failed           bool
}

// spec returns the probe's settings with defaults, or nil when the pod has
// no such probe.
func (k probeKind) spec(p *pod) *ProbeSpec {
	var ps *ProbeSpec
	switch k {
	case probeLiveness:
		ps = p.tmpl.spec.Probes.Liveness
	case probeReadiness:
		ps = p.tmpl.spec.Probes.Readiness
	}
	if ps == nil {
		return nil
	}
	out := *ps
	if out.Period == 0 {
		out.Period = DefaultProbePeriod
	}
	if out.Timeout == 0 {
		out.Timeout = DefaultProbeTimeout
	}
	if out.FailureThreshold == 0 {
		out.FailureThreshold = DefaultFailureThreshold
	}
	if out.SuccessThreshold == 0 {
		out.SuccessThreshold = DefaultSuccessThreshold
	}
	return &out
}

// startProbes schedules the first probes of a pod that has just become
// ready, or whose probe settings changed, and ends any earlier probe
// schedule. Probing starts at readiness, as if a startup probe covered the
// start-up time.
func (s *Sim) startProbes(p *pod) {
	p.life.probes = [numProbes]probeState{}
	p.life.probeGen++
	for k := probeLiveness; k < numProbes; k++ {
		if ps := k.spec(p); ps != nil {
			s.q.push(event{at: s.now + ps.Period, kind: evLife, sub: uint8(lifeProbe), pod: p, gen: p.life.probeGen, index: int(k)})
		}
	}
}

// probe sends one probe to the pod through its accept queue and schedules
// the next. The kubelet cannot probe a pod in an unreachable zone, so such
// a pod keeps its probe results until the zone is back.
func (s *Sim) probe(p *pod, gen uint32, k probeKind) {
	ps := k.spec(p)
	if gen != p.life.probeGen || p.state != podReady || ps == nil {
		return
	}
	s.q.push(event{at: s.now + ps.Period, kind: evLife, sub: uint8(lifeProbe), pod: p, gen: gen, index: int(k)})
	if p.life.unreachable {
		return
	}
	r := &request{svc: p.svc, slot: -1, probe: k, parentGen: gen}
	s.q.push(event{at: s.now + ps.Timeout, kind: evLife, sub: uint8(lifeProbeTimeout), req: r})
	s.accept(p, r)
}

// probeSettled records a probe's result: good when a worker served it,
// failed when it was rejected, refused or dropped.
func (s *Sim) probeSettled(r *request, o Outcome) {
	if r.settled {
		return
	}
	r.settled = true
	s.probeResult(r.pod, r.parentGen, r.probe, o.Good())
}

// probeTimedOut fails a probe that has no response by its timeout. The
// request stays where it is, so a worker may still serve it later.
func (s *Sim) probeTimedOut(r *request) {
	if r.settled {
		return
	}
	r.settled = true
	s.probeResult(r.pod, r.parentGen, r.probe, false)
}

func (s *Sim) probeResult(p *pod, gen uint32, k probeKind, ok bool) {
	ps := k.spec(p)
	if gen != p.life.probeGen || p.state != podReady || ps == nil {
		return
	}
	st := &p.life.probes[k]
	if ok {
		st.fails = 0
		st.successes++
		if st.failed && st.successes >= ps.SuccessThreshold {
			st.failed = false
			if k == probeReadiness {
				p.life.unready = false
				p.joinEndpoints()
				s.logf(LogPod, "%s ready again: readiness probe passed", p.name)
			}
		}
		return
	}
	st.successes = 0
	st.fails++
	if st.failed || st.fails < ps.FailureThreshold {
		return
	}
	st.failed = true
	switch k {
	case probeLiveness:
		s.restartContainer(p, "liveness probe failed")
	case probeReadiness:
		p.life.unready = true
		s.logf(LogPod, "%s not ready: readiness probe failed %d times", p.name, ps.FailureThreshold)
		s.leaveEndpoints(p)
	}
}
