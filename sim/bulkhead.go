package sim

import "time"

// bulkhead is a semaphore on one pod's calls to one target. A call holds a
// slot from admission to its last attempt's end, backoffs included. Calls
// that find it full wait in FIFO order for up to maxWait, holding their
// worker, then are rejected.
type bulkhead struct {
	max      int
	maxWait  time.Duration
	fallback bool
	inUse    int
	waiting  []*request
}

func newBulkhead(spec BulkheadSpec) *bulkhead {
	b := &bulkhead{max: spec.MaxConcurrent, maxWait: spec.MaxWait, fallback: spec.Fallback}
	if b.max == 0 {
		b.max = 25
	}
	return b
}

// enterBulkhead admits the request's current call to its edge's bulkhead.
// It returns true when the call may go on now; false when the request
// waits for a slot or was answered (rejected or given the fallback).
func (s *Sim) enterBulkhead(r *request, b *bulkhead) bool {
	if b.inUse < b.max {
		b.inUse++
		r.bulkhead = b
		return true
	}
	if b.maxWait > 0 {
		r.gen++
		b.waiting = append(b.waiting, r)
		s.q.pushAfter(s.now, b.maxWait, event{kind: evBulkheadWait, req: r, gen: r.gen})
		return false
	}
	s.bulkheadReject(r, b)
	return false
}

// bulkheadReject answers a call the bulkhead turned away.
func (s *Sim) bulkheadReject(r *request, b *bulkhead) {
	if b.fallback {
		r.degraded = true
		r.call++
		s.nextCall(r)
		return
	}
	s.finish(r, OutcomeBulkheadFull)
}

// bulkheadWaitOver fires when a waiting call's max wait ends.
func (s *Sim) bulkheadWaitOver(r *request, gen uint32) {
	if r.done || gen != r.gen {
		return
	}
	b := r.pod.bulkheads[r.calls()[r.call].edge]
	for i, w := range b.waiting {
		if w == r {
			b.waiting = append(b.waiting[:i], b.waiting[i+1:]...)
			break
		}
	}
	s.bulkheadReject(r, b)
}

// leaveBulkhead frees the request's slot, if it holds one, and hands it to
// the oldest waiting call still alive.
func (s *Sim) leaveBulkhead(r *request) {
	b := r.bulkhead
	if b == nil {
		return
	}
	r.bulkhead = nil
	b.inUse--
	for len(b.waiting) > 0 {
		w := b.waiting[0]
		b.waiting[0] = nil
		b.waiting = b.waiting[1:]
		if w.done {
			continue
		}
		b.inUse++
		w.bulkhead = b
		w.gen++
		// Resume in its own event, so a chain of hand-offs cannot recurse.
		s.q.push(event{at: s.now, kind: evBulkheadGrant, req: w, gen: w.gen})
		return
	}
}

// bulkheadGranted resumes a call that waited for and got a slot.
func (s *Sim) bulkheadGranted(r *request, gen uint32) {
	if r.done {
		s.leaveBulkhead(r) // dropped while the hand-off was queued
		return
	}
	if gen == r.gen && s.pastBulkhead(r) {
		s.nextCall(r)
	}
}
