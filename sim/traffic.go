package sim

import "time"

// request is one request to a service, from arrival to its outcome: a
// client's request to the entry service, or a call from a parent request to
// an internal service.
type request struct {
	id       uint64
	arrived  time.Duration
	svc      *service
	endpoint int
	pod      *pod

	// parent is the request whose call this is, nil for a client request;
	// parentGen is the parent's attempt generation the call belongs to.
	parent    *request
	parentGen uint32

	// client identifies who sent a client request, for rate limits; a call
	// inherits its parent's client, as a tenant id travels with a request.
	client int

	// queuedAt is when the request joined its pod's accept queue.
	queuedAt time.Duration

	// deadline is when the caller stops waiting, if the service propagates
	// deadlines; zero means none.
	deadline time.Duration

	// slot is the request's index in pod.active while it holds a worker.
	slot int

	// call is the index of the current downstream call and attempt the
	// number of attempts made on it.
	call     int
	attempt  int
	lastWait time.Duration // the previous backoff, for decorrelated jitter

	// gen changes on every attempt and backoff, so an event for an earlier
	// one (a late response after a timeout, say) is recognised and ignored.
	gen uint32

	// giveUp is the client's timeout and callTimer the current call
	// attempt's, so a response can cancel them. Zero means none is pending.
	giveUp    timer
	callTimer timer

	// breaker guards the current call, with the generation the call was
	// admitted in; nil when the call has no breaker.
	breaker    *breaker
	breakerGen uint32
	callStart  time.Duration // when the breaker admitted the call

	// bulkhead is the slot the current call holds, nil when none.
	bulkhead *bulkhead

	// probe is the health check this request is, noProbe for traffic. A
	// probe's parentGen is the probe schedule it belongs to.
	probe probeKind

	degraded bool // a call was served by its fallback
	settled  bool // the client has its outcome
	done     bool // the server finished or dropped the request
}

// scheduleArrival draws the next Poisson arrival after from. The rate is
// piecewise constant, so a draw that crosses a step is redrawn from the step
// at the new rate, which is exact for an exponential gap.
func (s *Sim) scheduleArrival(from time.Duration) {
	t := from
	for {
		rate, next := s.rateAt(t)
		if rate > 0 {
			gap := time.Duration(s.arrivalRand.ExpFloat64() / rate * float64(time.Second))
			if next < 0 || t+gap < next {
				s.q.push(event{at: t + gap, kind: evArrival})
				return
			}
		}
		if next < 0 {
			return
		}
		t = next
	}
}

// rateAt returns the arrival rate at t, surges included, and the time of
// the next change of rate, or -1 when none follows.
func (s *Sim) rateAt(t time.Duration) (rate float64, next time.Duration) {
	rate, next = s.cfg.Traffic.Rate, -1
	for _, st := range s.cfg.Traffic.Steps {
		if st.At > t {
			next = st.At
			break
		}
		rate = st.Rate
	}
	for _, f := range s.cfg.Faults {
		if f.Kind != FaultSurge {
			continue
		}
		if t >= f.At && t < f.end() {
			rate *= f.Factor
		}
		for _, edge := range [2]time.Duration{f.At, f.end()} {
			if edge > t && (next < 0 || edge < next) && (edge == f.At || f.Duration > 0) {
				next = edge
			}
		}
	}
	return rate, next
}

// abuse sends one request from the abusive client of fault i and draws the
// next, from its own stream so normal arrivals keep their times.
func (s *Sim) abuse(i int) {
	f := s.cfg.Faults[i]
	if s.now >= f.end() {
		return
	}
	s.scheduleAbuse(i, s.now)
	s.sendClientRequest(s.clients + i)
}

// scheduleAbuse draws the abusive client's next arrival after from.
func (s *Sim) scheduleAbuse(i int, from time.Duration) {
	gap := time.Duration(s.abuseRand.ExpFloat64() / s.cfg.Faults[i].Rate * float64(time.Second))
	s.q.push(event{at: from + gap, kind: evAbuse, index: i})
}

func (s *Sim) arrive() {
	s.scheduleArrival(s.now)

	s.sendClientRequest(s.clientRand.IntN(s.clients))
}

// sendClientRequest sends a new request from client to the entry service.
func (s *Sim) sendClientRequest(client int) {
	s.nextRequest++
	entry := s.services[0]
	r := s.newRequest()
	r.id, r.arrived, r.svc, r.slot, r.client = s.nextRequest, s.now, entry, -1, client
	r.endpoint = s.pickEndpoint(entry.tmpl)
	s.metrics.arrival(s.now, client >= s.clients)
	if ct := s.cfg.Traffic.ClientTimeout; ct > 0 {
		r.giveUp = s.q.pushAfter(s.now, ct, event{kind: evGiveUp, req: r})
		if entry.tmpl.spec.DeadlinePropagation {
			r.deadline = s.now + ct
		}
	}
	s.route(entry, r)
}

// requestSlab is how many requests newRequest allocates at once.
const requestSlab = 256

// newRequest returns a request whose fields are all zero but gen; set
// them one by one. Finished requests are reused, so a long run allocates
// only for its peak of requests in flight. New ones are carved from slabs,
// which cuts the allocator's per-object cost.
func (s *Sim) newRequest() *request {
	if n := len(s.freeRequests); n > 0 {
		r := s.freeRequests[n-1]
		s.freeRequests = s.freeRequests[:n-1]
		return r
	}
	if len(s.slab) == 0 {
		s.slab = make([]request, requestSlab)
	}
	r := &s.slab[0]
	s.slab = s.slab[1:]
	return r
}

// recycle puts a request that finish has ended back for newRequest, once
// its caller has the response. Its gen moves on, never back. Whatever
// still points at it (a late response, a timer not cancelled, a call still
// running on another service for it) checks gen, so it sees an older gen
// and is ignored, as it was before the request was reused. Probes are not recycled, and neither are requests ended any
// other way (rejected, shed, dropped), which the collector frees: a
// request dropped with its pod may still wait in a bulkhead queue, and
// that queue checks done, not gen.
func (s *Sim) recycle(r *request) {
	if !r.settled || r.probe != noProbe || s.keepRequests {
		return
	}
	gen := r.gen + 1
	*r = request{gen: gen}
	s.freeRequests = append(s.freeRequests, r)
}

// pickEndpoint draws a client request's endpoint by the endpoints' shares.
// A single endpoint draws nothing, so adding endpoints to one service does
// not move the arrival times of another drill.
func (s *Sim) pickEndpoint(t *template) int {
	if len(t.endpoints) == 1 {
		return 0
	}
	u := s.arrivalRand.Float64()
	for i, e := range t.endpoints {
		if u < e.share {
			return i
		}
		u -= e.share
	}
	return len(t.endpoints) - 1
}

// settle records what the caller saw, once per request: the client's
// outcome for a client request, the response to the parent for a call.
func (s *Sim) settle(r *request, o Outcome) {
	if s.settleHook(r, o) {
		return
	}
	if r.settled {
		return
	}
	r.settled = true
	if r.parent != nil {
		s.callAnswered(r, o)
		// Let go of the caller: requests share slabs, and a pointer from a
		// finished call would keep the caller's whole slab, and through it
		// every older slab, alive.
		r.parent = nil
		return
	}
	s.q.cancel(r.giveUp)
	r.giveUp = 0
	if r.client >= s.clients {
		s.metrics.settleAbusive(s.now, o)
		return
	}
	s.metrics.settle(s.now, o, s.now-r.arrived)
}

// giveUp fires at the client's timeout. The server is not notified, so a
// request still queued or in service goes on using a worker.
func (s *Sim) giveUp(r *request) { s.settle(r, OutcomeGaveUp) }
