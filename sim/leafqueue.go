package sim

import "time"

// connPool is the connection limit of one leaf node: up to limit queries
// are served at once and the rest wait in FIFO order, so a leaf with c
// connections and exponential latency is an M/M/c queue. A query whose
// caller timed out stays in the queue and is served anyway, as wasted work:
// a database does not notice that the client stopped waiting.
type connPool struct {
	limit   int           // 0 means unlimited
	maxWait time.Duration // 0 means no limit

	running []*query // queries holding a connection
	waiting []*query
	head    int // index of the oldest waiting query

	// served counts the queries served, and sojourn sums their time from
	// being sent to their response, queueing included.
	served  int
	sojourn time.Duration

	// shed counts queries rejected after waiting longer than maxWait.
	shed int
}

// query is one call at a leaf node, from being sent to its response.
type query struct {
	req *request
	gen uint32 // the attempt generation it responds to

	pool  *connPool
	node  *dbNode // the database node serving it; nil for other leaves
	cache *cache  // the cache a successful answer fills; nil unless a miss
	write bool

	sent    time.Duration
	latency time.Duration // service time; for a hang, the time until the fault ends
	result  attemptResult

	// delay is added before the answer reaches the caller: the cache
	// lookup that found the miss.
	delay time.Duration

	slot    int  // index in pool.running while it holds a connection
	dropped bool // the node stopped or became unreachable: it sends no response from now on
}

func (p *connPool) queued() int { return len(p.waiting) - p.head }

// send admits q at once when a connection is free, else queues it.
func (s *Sim) send(q *query) {
	p := q.pool
	if p.limit == 0 || len(p.running) < p.limit {
		s.serve(q)
		return
	}
	p.waiting = append(p.waiting, q)
}

// serve gives q a connection and schedules its answer. A hung query holds
// its connection until the hang fault ends, forever if it never does, and
// its caller gets no answer.
func (s *Sim) serve(q *query) {
	p := q.pool
	q.slot = len(p.running)
	p.running = append(p.running, q)

	at := s.now + q.latency
	if q.result == attemptHang {
		if q.latency >= forever-q.sent {
			return
		}
		at = max(s.now, q.sent+q.latency)
	}
	s.q.push(event{at: at, kind: evQueryDone, qry: q})
}

// forever is a time past any run.
const forever = time.Duration(1<<63 - 1)

// release frees q's connection and serves the oldest waiting query.
func (s *Sim) release(q *query) {
	p := q.pool
	last := len(p.running) - 1
	moved := p.running[last]
	p.running[q.slot] = moved
	moved.slot = q.slot
	p.running[last] = nil
	p.running = p.running[:last]

	// Shed queries are answered after the free connection is taken, since
	// an answer may send a new query to this pool at once.
	var shed []*query
	for p.queued() > 0 {
		next := p.waiting[p.head]
		p.waiting[p.head] = nil
		p.head++
		if p.head == len(p.waiting) {
			p.waiting, p.head = p.waiting[:0], 0
		}
		if p.maxWait > 0 && s.now-next.sent > p.maxWait {
			shed = append(shed, next)
			continue
		}
		s.serve(next)
		break
	}
	p.shed += len(shed)
	for _, q := range shed {
		s.answer(q.req, q.gen, q.delay, attemptError)
	}
}

// queryDone frees the connection and answers the caller.
func (s *Sim) queryDone(q *query) {
	if q.dropped {
		return
	}
	s.release(q)
	p := q.pool
	p.served++
	p.sojourn += s.now - q.sent
	if q.result == attemptHang {
		return
	}
	if q.result == attemptOK {
		if q.node != nil && q.write {
			s.writeAcked(q.node)
		}
		if q.cache != nil && !q.req.done && q.req.gen == q.gen {
			// The caller sets the key from the answer; a caller that
			// has stopped waiting never does.
			q.cache.fill()
		}
	}
	s.answer(q.req, q.gen, q.delay, q.result)
}

// answer delivers an attempt's result to its caller after delay.
func (s *Sim) answer(r *request, gen uint32, delay time.Duration, result attemptResult) {
	if delay > 0 {
		s.q.push(event{at: s.now + delay, kind: evAttemptDone, req: r, gen: gen, result: result})
		return
	}
	s.attemptDone(r, gen, result)
}

// resetPool fails every query at a stopping node at once, as a connection
// reset does, and empties the pool.
func (s *Sim) resetPool(p *connPool) {
	var all []*query
	all = append(all, p.running...)
	all = append(all, p.waiting[p.head:]...)
	p.running, p.waiting, p.head = nil, nil, 0
	for _, q := range all {
		q.dropped = true
		s.answer(q.req, q.gen, q.delay, attemptError)
	}
}
