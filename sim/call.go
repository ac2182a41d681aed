package sim

// calls returns the downstream calls of the request's endpoint on the
// template its pod runs.
func (r *request) calls() []callPolicy { return r.pod.tmpl.endpoints[r.endpoint].calls }

// nextCall runs the request's remaining downstream calls in order, each
// through its edge's policies: the bulkhead, the circuit breaker, then the
// retry loop with the per-attempt timeout. With no calls left it responds.
func (s *Sim) nextCall(r *request) {
	for {
		calls := r.calls()
		if r.call >= len(calls) {
			break
		}
		if r.deadline > 0 && s.now >= r.deadline {
			// The caller has stopped waiting: making the call is wasted work.
			s.finish(r, OutcomeTimeout)
			return
		}
		if b := r.pod.bulkheads[calls[r.call].edge]; b != nil && r.bulkhead == nil {
			if !s.enterBulkhead(r, b) {
				return
			}
		}
		if !s.pastBulkhead(r) {
			return
		}
	}

	if r.degraded {
		s.finish(r, OutcomeDegraded)
		return
	}
	s.finish(r, OutcomeSuccess)
}

// pastBulkhead puts the current call through the breaker and starts its
// first attempt. It returns true when the breaker's fallback answered the
// call and the request should go on to its next call.
func (s *Sim) pastBulkhead(r *request) bool {
	p := r.pod
	edge := r.calls()[r.call].edge
	r.breaker = nil
	if b := p.breakers[edge]; b != nil {
		ok, gen, changed := b.allow(s.now)
		if changed {
			s.logBreaker(p, edge, b)
		}
		if !ok {
			if b.fallback {
				s.leaveBulkhead(r)
				r.degraded = true
				r.call++
				return true
			}
			s.finish(r, OutcomeBreakerOpen)
			return false
		}
		r.breaker, r.breakerGen, r.callStart = b, gen, s.now
	}
	r.attempt, r.lastWait = 0, 0
	s.startAttempt(r)
	return false
}

// startAttempt sends one attempt of the current call: to a leaf through
// callLeaf, or to an internal service as a request on that service,
// answered through callAnswered.
func (s *Sim) startAttempt(r *request) {
	policy := &r.calls()[r.call]
	r.attempt++
	r.gen++
	s.metrics.attempt(s.now, r.attempt > 1, policy.metric)
	if r.attempt == 1 && policy.retry.budget > 0 {
		r.pod.budgets[policy.edge].deposit(policy.retry.budget)
	}

	if policy.to.svc >= 0 {
		s.callService(r, policy)
		return
	}

	s.callLeaf(r, policy)
}

// callService sends the attempt as a request to an internal service. The
// timeout event is queued first, so a call rejected at once is answered
// after it and the stale timeout is ignored. A timed-out call keeps running
// on the callee unless deadlines are propagated.
func (s *Sim) callService(r *request, policy *callPolicy) {
	if policy.timeout > 0 {
		r.callTimer = s.q.pushAfter(s.now, policy.timeout, event{kind: evAttemptDone, req: r, gen: r.gen, result: attemptTimeout})
	}
	callee := s.services[policy.to.svc]
	s.nextRequest++
	c := s.newRequest()
	// Fields one by one: the slab is zeroed, and a whole-struct store
	// would pay a bulk write barrier while the collector runs.
	c.id, c.arrived, c.svc, c.endpoint = s.nextRequest, s.now, callee, policy.to.endpoint
	c.parent, c.parentGen, c.slot, c.client = r, r.gen, -1, r.client
	if callee.tmpl.spec.DeadlinePropagation {
		c.deadline = r.deadline
		if policy.timeout > 0 && (c.deadline == 0 || s.now+policy.timeout < c.deadline) {
			c.deadline = s.now + policy.timeout
		}
	}
	s.route(callee, c)
}

// callAnswered delivers a callee's response to the attempt that made the
// call, unless the caller has moved on (timed out, retried or finished).
// Any bad outcome reaches the caller as an error response.
func (s *Sim) callAnswered(c *request, o Outcome) {
	r := c.parent
	if r.done || r.gen != c.parentGen {
		return
	}
	switch o {
	case OutcomeSuccess:
		s.attemptDone(r, r.gen, attemptOK)
	case OutcomeDegraded:
		r.degraded = true
		s.attemptDone(r, r.gen, attemptOK)
	case OutcomeTimeout, OutcomeError, OutcomeDropped:
		s.attemptDone(r, r.gen, attemptError)
	default:
		// Refused before any work: queue full, unavailable, breaker open,
		// shed, rate limited, bulkhead full, connection refused.
		s.attemptDone(r, r.gen, attemptRejected)
	}
}

// attemptDone handles a response or a timeout: success moves on to the next
// call; a failure is retried while attempts remain, after the backoff.
func (s *Sim) attemptDone(r *request, gen uint32, result attemptResult) {
	if r.done || gen != r.gen {
		return
	}
	s.q.cancel(r.callTimer)
	r.callTimer = 0
	if result == attemptOK {
		s.recordBreaker(r, false)
		s.leaveBulkhead(r)
		r.call++
		s.nextCall(r)
		return
	}

	policy := &r.calls()[r.call]
	if s.mayRetry(r, policy, result) {
		wait := policy.retry.wait(r.attempt, r.lastWait, s.jitterRand)
		r.lastWait = wait
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

// mayRetry reports whether a failed attempt is retried: attempts remain,
// the failure is of a retryable class and the budget, if any, has a token.
func (s *Sim) mayRetry(r *request, policy *callPolicy, result attemptResult) bool {
	rp := &policy.retry
	if r.attempt >= rp.maxAttempts || !rp.retryOn[result] {
		return false
	}
	if rp.budget > 0 && !r.pod.budgets[policy.edge].withdraw() {
		return false
	}
	return true
}

func (s *Sim) backoffDone(r *request, gen uint32) {
	if r.done || gen != r.gen {
		return
	}
	if r.deadline > 0 && s.now >= r.deadline {
		s.recordBreaker(r, true)
		s.finish(r, OutcomeTimeout)
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
	if b.record(s.now, r.breakerGen, failed, s.now-r.callStart) {
		s.logBreaker(r.pod, r.calls()[r.call].edge, b)
	}
}

func (s *Sim) logBreaker(p *pod, edge int, b *breaker) {
	dep := p.tmpl.edges[edge]
	switch b.state {
	case BreakerOpen:
		s.logf(LogBreaker, "%s: breaker on %s opened", p.name, dep)
	case BreakerHalfOpen:
		s.logf(LogBreaker, "%s: breaker on %s half-open, letting %d probes through", p.name, dep, b.halfOpenCalls)
	default:
		s.logf(LogBreaker, "%s: breaker on %s closed", p.name, dep)
	}
}
