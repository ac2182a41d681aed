package sim

import (
	"fmt"
	"time"
)

// eventKind selects the handler an event goes to.
type eventKind uint8

const (
	evArrival eventKind = iota
	evGiveUp
	evCPUDone
	evAttemptDone
	evBackoffDone
	evPodReady
	evChange
	evFault
	evBulkheadWait
	evBulkheadGrant
	evAbuse
	evQueryDone
	evFailoverDetect
	evPromoted
	evLife      // a lifecycle step (lifecycle.go), chosen by sub
	evCancelled // a cancelled lane timer, never dispatched
)

// event is one scheduled step. It is a plain value so the heap holds no
// closures and allocates nothing per event once it has grown.
type event struct {
	at   time.Duration
	seq  uint64
	kind eventKind

	// result is the attempt's outcome for evAttemptDone.
	result attemptResult

	// sub is the lifecycle step of an evLife event.
	sub uint8

	// gen guards against stale events: it must match the request's attempt
	// generation (evAttemptDone, evBackoffDone).
	gen uint32

	req   *request
	pod   *pod
	qry   *query
	index int
}

// eventQueue holds events ordered by (at, seq). Most events go to a 4-ary
// min-heap. Timers with a fixed delay (client timeouts, call timeouts)
// go to a FIFO lane per delay instead: pushed at a non-decreasing now, a
// lane is already in order, so it costs O(1) where the heap costs
// O(log n). Pops take the least (at, seq) over the heap and the lane
// heads, so the order is exactly that of a single heap.
//
// A lane timer can be cancelled through the handle pushAfter returns. Most
// timers are cancelled, because most calls get a response before their
// timeout. A cancelled timer is skipped where it waits, never dispatched.
//
// The heap holds small pointer-free keys; each key names a slot of slots,
// where the event itself waits. Moving keys up and down the heap then
// never pays the garbage collector's write barriers.
type eventQueue struct {
	heap  []heapKey
	slots []event
	free  []int32 // unused slots
	seq   uint64

	lanes  []*lane
	laneOf map[time.Duration]*lane
	count  int // live events in the heap and all lanes

	cur event // the event next returned, valid until the next call
}

// heapKey orders one event of the heap: by time, then by order of
// pushing. order holds the event's seq in its top bits and its slot in the
// low slotBits, so comparing orders compares seqs, and a key is 16 bytes:
// a node's four children fill one 64-byte cache line.
type heapKey struct {
	at    time.Duration
	order uint64
}

// slotBits is how many bits of heapKey.order name the slot, so the heap
// holds at most 1<<slotBits events at once (16.7 million, a gigabyte of
// events) and seq may count to 1<<40 (a trillion pushes). A drill within
// the content limits stays far below both: a million requests, 20 million
// calls at worst. Past them push panics rather than misorder events.
const (
	slotBits = 24
	maxSeq   = 1 << (64 - slotBits)
)

func (k heapKey) slot() int32 { return int32(k.order & (1<<slotBits - 1)) }

// lane is a FIFO of events pushed with one fixed delay. Its head, when it
// has one, is never a cancelled event.
type lane struct {
	items []event
	head  int
	base  uint64 // the position of items[0] among every event ever pushed
	id    uint64 // 1-based index in eventQueue.lanes, 0 past maxLanes
}

// timer names one event of a lane, for cancel; zero names none. The top
// laneBits hold the lane's id, the rest the event's position in its lane.
type timer uint64

const (
	laneBits = 8
	maxLanes = 1<<laneBits - 1
	posMask  = 1<<(64-laneBits) - 1
)

func (q *eventQueue) len() int { return q.count }

// earliestLane returns the index of the non-empty lane with the earliest
// head, or -1.
func (q *eventQueue) earliestLane() int {
	best := -1
	var bestAt time.Duration
	var bestSeq uint64
	for i, l := range q.lanes {
		if l.head == len(l.items) {
			continue
		}
		h := &l.items[l.head]
		if best < 0 || h.at < bestAt || (h.at == bestAt && h.seq < bestSeq) {
			best, bestAt, bestSeq = i, h.at, h.seq
		}
	}
	return best
}

func (q *eventQueue) push(e event) {
	q.checkSeq()
	e.seq = q.seq
	q.seq++
	q.count++
	var slot int32
	if n := len(q.free); n > 0 {
		slot = q.free[n-1]
		q.free = q.free[:n-1]
		q.slots[slot] = e
	} else {
		if len(q.slots) == 1<<slotBits {
			panic(fmt.Sprintf("sim: %d events pending, the event queue's limit", len(q.slots)))
		}
		slot = int32(len(q.slots))
		q.slots = append(q.slots, e)
	}
	q.heap = append(q.heap, heapKey{at: e.at, order: e.seq<<slotBits | uint64(slot)})
	q.up(len(q.heap) - 1)
}

// pushAfter schedules e at now+delay on the lane for delay and returns a
// handle for cancel. Every call for one delay must come with a now no
// earlier than the last.
func (q *eventQueue) pushAfter(now, delay time.Duration, e event) timer {
	l := q.laneOf[delay]
	if l == nil {
		if q.laneOf == nil {
			q.laneOf = map[time.Duration]*lane{}
		}
		l = &lane{}
		q.laneOf[delay] = l
		q.lanes = append(q.lanes, l)
		if len(q.lanes) <= maxLanes {
			l.id = uint64(len(q.lanes))
		}
	}
	q.checkSeq()
	e.at = now + delay
	e.seq = q.seq
	q.seq++
	q.count++
	pos := l.base + uint64(len(l.items))
	l.items = append(l.items, e)
	if l.id == 0 {
		return 0 // a lane past maxLanes: its timers fire and are ignored
	}
	return timer(l.id<<(64-laneBits) | pos)
}

// checkSeq panics once seq would no longer fit in a heapKey.
func (q *eventQueue) checkSeq() {
	if q.seq >= maxSeq {
		panic(fmt.Sprintf("sim: %d events pushed, the event queue's limit", q.seq))
	}
}

// cancel removes the lane event t names. A zero t, or one already popped
// or cancelled, does nothing.
func (q *eventQueue) cancel(t timer) {
	if t == 0 {
		return
	}
	l := q.lanes[t>>(64-laneBits)-1]
	pos := uint64(t) & posMask
	if pos < l.base+uint64(l.head) || pos >= l.base+uint64(len(l.items)) {
		return
	}
	e := &l.items[pos-l.base]
	if e.kind == evCancelled {
		return
	}
	*e = event{kind: evCancelled} // drop its pointers
	q.count--
	l.skipCancelled()
}

// skipCancelled moves the head past cancelled events and frees the space
// of the events before it.
func (l *lane) skipCancelled() {
	for l.head < len(l.items) && l.items[l.head].kind == evCancelled {
		l.items[l.head] = event{}
		l.head++
	}
	switch {
	case l.head == len(l.items):
		l.base += uint64(len(l.items))
		l.items, l.head = l.items[:0], 0
	case l.head > 1024 && l.head*2 > len(l.items):
		n := copy(l.items, l.items[l.head:])
		clear(l.items[n:])
		l.base += uint64(l.head)
		l.items, l.head = l.items[:n], 0
	}
}

// next removes and returns the earliest event if it is due at or before
// t, or nil. The event stays valid until the next call.
func (q *eventQueue) next(t time.Duration) *event {
	if q.count == 0 {
		return nil
	}
	if li := q.earliestLane(); li >= 0 {
		l := q.lanes[li]
		h := &l.items[l.head]
		if len(q.heap) == 0 || before(h.at, h.seq, &q.heap[0]) {
			if h.at > t {
				return nil
			}
			q.count--
			q.cur = *h
			*h = event{}
			l.head++
			l.skipCancelled()
			return &q.cur
		}
	}
	if q.heap[0].at > t {
		return nil
	}
	q.count--
	q.popHeap()
	return &q.cur
}

// before reports whether an event at (at, seq) comes before key k.
func before(at time.Duration, seq uint64, k *heapKey) bool {
	if at != k.at {
		return at < k.at
	}
	return seq < k.order>>slotBits
}

// popHeap moves the heap's least event to cur.
func (q *eventQueue) popHeap() {
	top := q.heap[0]
	last := len(q.heap) - 1
	q.heap[0] = q.heap[last]
	q.heap = q.heap[:last]
	if last > 0 {
		q.down(0)
	}
	slot := top.slot()
	q.cur = q.slots[slot]
	q.slots[slot] = event{} // drop its pointers for the collector
	q.free = append(q.free, slot)
}

func (q *eventQueue) less(i, j int) bool {
	a, b := &q.heap[i], &q.heap[j]
	if a.at != b.at {
		return a.at < b.at
	}
	return a.order < b.order
}

// The heap is 4-ary: half the depth of a binary heap, and a node's
// children share a cache line, which matters when thousands of events are
// pending.
const arity = 4

func (q *eventQueue) up(i int) {
	for i > 0 {
		parent := (i - 1) / arity
		if !q.less(i, parent) {
			return
		}
		q.heap[i], q.heap[parent] = q.heap[parent], q.heap[i]
		i = parent
	}
}

func (q *eventQueue) down(i int) {
	n := len(q.heap)
	for {
		first := arity*i + 1
		if first >= n {
			return
		}
		smallest := first
		for c := first + 1; c < first+arity && c < n; c++ {
			if q.less(c, smallest) {
				smallest = c
			}
		}
		if !q.less(smallest, i) {
			return
		}
		q.heap[i], q.heap[smallest] = q.heap[smallest], q.heap[i]
		i = smallest
	}
}
