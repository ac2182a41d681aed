package sim

import "time"

// callLeaf sends one attempt to a leaf. A plain leaf's outcome is drawn now
// and one event fires at the response or at the timeout, whichever is
// first. A hang without a timeout schedules nothing, so the worker stays
// held until its pod stops. Other leaves serve the attempt as a query,
// with the timeout as a separate event queued first.
func (s *Sim) callLeaf(r *request, policy *callPolicy) {
	d := &s.deps[policy.to.leaf]
	if d.plain() {
		var latency time.Duration
		var result attemptResult
		if after, ok := d.unreachable(s.now); ok {
			latency, result = after, attemptError
		} else {
			latency, result = d.respond(s.now, s.depRand)
		}
		if policy.timeout > 0 && (result == attemptHang || latency > policy.timeout) {
			latency, result = policy.timeout, attemptTimeout
		}
		if result == attemptHang {
			return
		}
		s.q.push(event{at: s.now + latency, kind: evAttemptDone, req: r, gen: r.gen, result: result})
		return
	}

	if policy.timeout > 0 {
		r.callTimer = s.q.pushAfter(s.now, policy.timeout, event{kind: evAttemptDone, req: r, gen: r.gen, result: attemptTimeout})
	}
	if d.cache != nil {
		s.lookup(d, r, policy)
		return
	}
	s.queryLeaf(d, r, policy, 0, nil)
}

// queryLeaf sends the attempt as a query to a database or an API leaf with
// a connection limit, or to any leaf as a cache's backing read. The answer
// reaches the caller delay after the query's own, and a successful one
// fills fill when it is set.
func (s *Sim) queryLeaf(d *dependency, r *request, policy *callPolicy, delay time.Duration, fill *cache) {
	if after, ok := d.unreachable(s.now); ok {
		s.answerLater(r, delay+after, attemptError)
		return
	}
	q := &query{req: r, gen: r.gen, cache: fill, write: policy.write, sent: s.now, delay: delay}
	if d.db != nil {
		n := d.db.route(policy.write, policy.replicaRead, s.now, s.dataRand)
		if n.unreachable {
			// Its zone is out, so no response comes back and the
			// caller's timeout ends the attempt.
			return
		}
		if !n.up || (policy.write && n.fenced) {
			// Refused by a stopped node, or rejected by a fenced,
			// read-only one.
			s.answerLater(r, delay+RefusedAfter, attemptError)
			return
		}
		q.node, q.pool = n, n.pool
		q.latency, q.result = d.respondWith(n.latency, s.now, s.depRand)
	} else {
		q.pool = d.pool
		q.latency, q.result = d.respond(s.now, s.depRand)
	}
	s.send(q)
}

// answerLater ends the current attempt of r with result after d.
func (s *Sim) answerLater(r *request, d time.Duration, result attemptResult) {
	s.q.push(event{at: s.now + d, kind: evAttemptDone, req: r, gen: r.gen, result: result})
}
