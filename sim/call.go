package sim

// nextCall runs the request's remaining downstream calls in order, each
// through its edge's policies: the circuit breaker first, then the retry
// loop, then the per-attempt timeout. With no calls left it responds.
func (s *Sim) nextCall(r *request) {
	p := r.pod
	for r.call < len(p.tmpl.calls) {
		r.breaker = nil
		if b := p.breakers[r.call]; b != nil {
			ok, gen, changed := b.allow(s.now)
			if changed {
				s.logBreaker(p, r.call, b)
			}
			if !ok {
				if b.fallback {
					r.degraded = true
					r.call++
					continue
				}
				s.finish(r, OutcomeBreakerOpen)
				return
			}
			r.breaker, r.breakerGen = b, gen
		}
		r.attempt = 0
		s.startAttempt(r)
		return
	}

	if r.degraded {
		s.finish(r, OutcomeDegraded)
		return
	}
	s.finish(r, OutcomeSuccess)
}

// startAttempt sends one attempt of the current call. The outcome is drawn
// now; a single event fires at the response or at the timeout, whichever is
// first. A hang without a timeout schedules nothing: the worker stays held
// until its pod stops.
func (s *Sim) startAttempt(r *request) {
	policy := &r.pod.tmpl.calls[r.call]
	r.attempt++
	r.gen++
	s.metrics.attempt(s.now, r.attempt > 1)

	latency, result := s.deps[policy.dep].respond(s.now, s.depRand)
	if policy.timeout > 0 && (result == attemptHang || latency > policy.timeout) {
		latency, result = policy.timeout, attemptTimeout
	}
	if result == attemptHang {
		return
	}
	s.q.push(event{at: s.now + latency, kind: evAttemptDone, req: r, gen: r.gen, result: result})
}

// attemptDone handles a response or a timeout: success moves on to the next
// call; a failure is retried while attempts remain, after the backoff.
func (s *Sim) attemptDone(r *request, gen uint32, result attemptResult) {
	if r.done || gen != r.gen {
		return
	}
	if result == attemptOK {
		s.recordBreaker(r, false)
		r.call++
		s.nextCall(r)
		return
	}

	policy := &r.pod.tmpl.calls[r.call]
	if r.attempt < policy.retry.maxAttempts {
		wait := policy.retry.wait(r.attempt, s.jitterRand)
		r.gen++
		s.q.push(event{at: s.now + wait, kind: evBackoffDone, req: r, gen: r.gen})
		return
	}

	s.recordBreaker(r, true)
	if result == attemptTimeout {
		s.finish(r, OutcomeTimeout)
		return
	}
	s.finish(r, OutcomeError)
}

func (s *Sim) backoffDone(r *request, gen uint32) {
	if r.done || gen != r.gen {
		return
	}
	s.startAttempt(r)
}

// recordBreaker reports the call's final outcome, after retries, to the
// breaker that admitted it.
func (s *Sim) recordBreaker(r *request, failed bool) {
	b := r.breaker
	if b == nil {
		return
	}
	r.breaker = nil
	if b.record(s.now, r.breakerGen, failed) {
		s.logBreaker(r.pod, r.call, b)
	}
}

func (s *Sim) logBreaker(p *pod, call int, b *breaker) {
	dep := s.deps[p.tmpl.calls[call].dep].name
	switch b.state {
	case BreakerOpen:
		s.logf(LogBreaker, "%s: breaker on %s opened", p.name, dep)
	case BreakerHalfOpen:
		s.logf(LogBreaker, "%s: breaker on %s half-open, letting %d probes through", p.name, dep, b.halfOpenCalls)
	default:
		s.logf(LogBreaker, "%s: breaker on %s closed", p.name, dep)
	}
}
