package sim

import "time"

// request is one client request, from arrival to its outcome.
type request struct {
	id      uint64
	arrived time.Duration
	pod     *pod

	// slot is the request's index in pod.active while it holds a worker.
	slot int

	// call is the index of the current downstream call and attempt the
	// number of attempts made on it.
	call    int
	attempt int

	// gen changes on every attempt and backoff, so an event for an earlier
	// one (a late response after a timeout, say) is recognised and ignored.
	gen uint32

	// breaker guards the current call, with the generation the call was
	// admitted in; nil when the call has no breaker.
	breaker    *breaker
	breakerGen uint32

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

// rateAt returns the arrival rate at t and the time of the next step, or -1
// when no step follows.
func (s *Sim) rateAt(t time.Duration) (rate float64, next time.Duration) {
	rate, next = s.cfg.Traffic.Rate, -1
	for _, st := range s.cfg.Traffic.Steps {
		if st.At > t {
			return rate, st.At
		}
		rate = st.Rate
	}
	return rate, next
}

func (s *Sim) arrive() {
	s.scheduleArrival(s.now)

	s.nextRequest++
	r := &request{id: s.nextRequest, arrived: s.now, slot: -1}
	s.metrics.arrival(s.now)
	if ct := s.cfg.Traffic.ClientTimeout; ct > 0 {
		s.q.push(event{at: s.now + ct, kind: evGiveUp, req: r})
	}
	s.route(r)
}

// settle records what the client saw, once per request.
func (s *Sim) settle(r *request, o Outcome) {
	if r.settled {
		return
	}
	r.settled = true
	s.metrics.settle(s.now, o, s.now-r.arrived)
}

// giveUp fires at the client's timeout. The server is not notified, so a
// request still queued or in service goes on using a worker.
func (s *Sim) giveUp(r *request) { s.settle(r, OutcomeGaveUp) }
