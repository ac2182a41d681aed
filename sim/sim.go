package sim

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Sim is one run of the simulation. Create it with New, move it forward
// with AdvanceTo and change the system with Apply. The zero value is not
// usable.
type Sim struct {
	cfg Config
	now time.Duration
	q   eventQueue

	arrivalRand *rand.Rand
	serviceRand *rand.Rand
	depRand     *rand.Rand
	jitterRand  *rand.Rand
	clientRand  *rand.Rand
	abuseRand   *rand.Rand
	balanceRand *rand.Rand
	lifeRand    *rand.Rand // bad-version errors

	clients  int // Traffic.Clients with its default
	dataRand *rand.Rand

	services []*service // the entry service first, then System.Services
	svcIndex map[string]int
	deps     []dependency
	depIndex map[string]int
	changes  []Change

	slab         []request  // unused requests of the current slab
	freeRequests []*request // finished requests to reuse, see recycle
	keepRequests bool       // never recycle; tests compare runs with and without

	metrics     *metrics
	log         []LogEntry
	restarts    []restartRecord
	nextRequest uint64
}

// New validates cfg and returns a run at time zero with every pod ready.
// An invalid cfg returns a ProblemsError whose paths start with "system.",
// "traffic." or "faults[i].".
func New(cfg Config) (*Sim, error) {
	if err := validateConfig(cfg); err != nil {
		return nil, err
	}

	s := &Sim{
		cfg:         cfg,
		arrivalRand: newStream(cfg.Seed, streamArrivals),
		serviceRand: newStream(cfg.Seed, streamService),
		depRand:     newStream(cfg.Seed, streamDependency),
		jitterRand:  newStream(cfg.Seed, streamJitter),
		clientRand:  newStream(cfg.Seed, streamClients),
		abuseRand:   newStream(cfg.Seed, streamAbuse),
		balanceRand: newStream(cfg.Seed, streamBalancer),
		clients:     cfg.Traffic.Clients,
		dataRand:    newStream(cfg.Seed, streamData),
		depIndex:    map[string]int{},
		svcIndex:    map[string]int{},
	}

	if s.clients == 0 {
		s.clients = 100
	}
	for i, d := range cfg.System.Dependencies {
		s.depIndex[d.Name] = i
		s.deps = append(s.deps, newDependency(d))
	}
	s.linkCaches()
	for i, spec := range append([]ServiceSpec{cfg.System.Service}, cfg.System.Services...) {
		svc := newService(i, spec)
		s.svcIndex[svc.name] = i
		s.services = append(s.services, svc)
	}
	s.metrics = newMetrics(cfg.Window, cfg.SlowAfter, s.services)
	s.metrics.snapshot = s.snapshot
	for i := range cfg.Faults {
		s.scheduleFault(i)
	}

	// Compile after every service exists, since calls resolve by name.
	for _, svc := range s.services {
		svc.tmpl = s.compile(svc.spec, 1)
	}
	for _, svc := range s.services {
		for range svc.replicas {
			p := svc.newPod(svc.tmpl)
			p.state = podReady
			svc.ready = append(svc.ready, p)
			svc.capacity += p.tmpl.workers
		}
	}

	s.startLifecycle()
	s.scheduleArrival(0)
	return s, nil
}

func validateConfig(cfg Config) error {
	var all ProblemsError
	for _, p := range ValidateSystem(cfg.System) {
		all = append(all, Problem{Path: "system." + p.Path, Message: p.Message})
	}
	for _, p := range ValidateTraffic(cfg.Traffic) {
		all = append(all, Problem{Path: "traffic." + p.Path, Message: p.Message})
	}
	for i, f := range cfg.Faults {
		for _, p := range ValidateFault(f, cfg.System) {
			all = append(all, Problem{Path: fmt.Sprintf("faults[%d].%s", i, p.Path), Message: p.Message})
		}
	}
	if cfg.Window.From < 0 || (cfg.Window.To != 0 && cfg.Window.To <= cfg.Window.From) {
		all = append(all, Problem{Path: "window", Message: fmt.Sprintf("[%s, %s) is empty or negative; use from < to", cfg.Window.From, cfg.Window.To)})
	}
	if len(all) > 0 {
		return all
	}
	return nil
}

// Now returns the virtual time since the run began.
func (s *Sim) Now() time.Duration { return s.now }

// AdvanceTo runs every event scheduled at or before t and moves the clock to
// t. A t before Now does nothing.
func (s *Sim) AdvanceTo(t time.Duration) {
	for e := s.q.next(t); e != nil; e = s.q.next(t) {
		s.metrics.advance(e.at)
		s.now = e.at
		s.dispatch(e)
	}
	if t > s.now {
		s.metrics.advance(t)
		s.now = t
	}
}

func (s *Sim) dispatch(e *event) {
	switch e.kind {
	case evArrival:
		s.arrive()
	case evGiveUp:
		s.giveUp(e.req)
	case evCPUDone:
		s.cpuDone(e.req, e.gen)
	case evAttemptDone:
		s.attemptDone(e.req, e.gen, e.result)
	case evBackoffDone:
		s.backoffDone(e.req, e.gen)
	case evPodReady:
		s.podReady(e.pod, e.gen)
	case evChange:
		s.applyChange(s.changes[e.index])
	case evFault:
		if lifecycleFault(s.cfg.Faults[e.index].Kind) {
			s.lifecycleFaultEdge(e.index)
			return
		}
		s.faultEdge(s.cfg.Faults[e.index])
		s.dataFaultEdge(e.index)
	case evQueryDone:
		s.queryDone(e.qry)
	case evFailoverDetect:
		s.failoverDetected(s.deps[e.index].db, e.gen)
	case evPromoted:
		s.promoted(s.deps[e.index].db, e.gen)
	case evAbuse:
		s.abuse(e.index)
	case evBulkheadWait:
		s.bulkheadWaitOver(e.req, e.gen)
	case evBulkheadGrant:
		s.bulkheadGranted(e.req, e.gen)
	case evLife:
		s.lifeStep(*e)
	}
}

// Apply schedules c at virtual time at, which must not be before Now.
func (s *Sim) Apply(at time.Duration, c Change) error {
	if at < s.now {
		return fmt.Errorf("change at %s is in the past: the clock is at %s", at, s.now)
	}
	if ps := ValidateChange(c, s.cfg.System); len(ps) > 0 {
		return ProblemsError(ps)
	}
	s.changes = append(s.changes, c)
	s.q.push(event{at: at, kind: evChange, index: len(s.changes) - 1})
	return nil
}

// Seconds returns the metrics of every second that has fully passed. The
// slice is shared with the run: read it, do not keep it across AdvanceTo.
func (s *Sim) Seconds() []Second { return s.metrics.seconds }

// Totals returns the sums over the Config's Window as of Now.
func (s *Sim) Totals() Totals { return s.metrics.finishTotals() }

// Log returns the run's notable events in time order. The slice is shared
// with the run.
func (s *Sim) Log() []LogEntry { return s.log }

func (s *Sim) faultEdge(f Fault) {
	if s.now == f.At {
		s.logf(LogFault, "%s", describeFault(f))
		return
	}
	switch f.Kind {
	case FaultSurge:
		s.logf(LogFault, "fault over: traffic back to its normal rate")
	case FaultAbusiveClient:
		s.logf(LogFault, "fault over: the abusive client stopped")
	default:
		s.logf(LogFault, "fault over: %s behaves normally again", f.Target)
	}
}

func describeFault(f Fault) string {
	if text, ok := describeDataFault(f); ok {
		return text
	}
	switch f.Kind {
	case FaultHang:
		return fmt.Sprintf("fault: %s hangs, calls get no response", f.Target)
	case FaultSlow:
		return fmt.Sprintf("fault: %s slows down by %s", f.Target, f.Add)
	case FaultSurge:
		return fmt.Sprintf("fault: traffic surges to %g× its rate", f.Factor)
	case FaultAbusiveClient:
		return fmt.Sprintf("fault: one client starts sending %g requests a second", f.Rate)
	default:
		return fmt.Sprintf("fault: %s fails %g%% of calls", f.Target, f.ErrorPercent)
	}
}

// snapshot fills the end-of-second state of a metrics bucket: pods and
// breakers of the entry service in the Second itself, every service in
// Second.Services.
func (s *Sim) snapshot(sec *Second) {
	for i, svc := range s.services {
		ss := &sec.Services[i]
		ss.Restarts = svc.life.restarts
		for _, p := range svc.pods {
			ss.Pods++
			if p.reportsReady() {
				ss.PodsReady++
			}
			for _, b := range p.breakers {
				if b == nil {
					continue
				}
				ss.Breakers++
				switch b.state {
				case BreakerOpen:
					ss.BreakersOpen++
				case BreakerHalfOpen:
					ss.BreakersHalfOpen++
				}
			}
		}
	}
	sec.Leaves = s.leafSeconds()
	entry := sec.Services[0]
	sec.Pods, sec.PodsReady, sec.Restarts = entry.Pods, entry.PodsReady, entry.Restarts
	sec.Breakers, sec.BreakersOpen, sec.BreakersHalfOpen = entry.Breakers, entry.BreakersOpen, entry.BreakersHalfOpen
}
