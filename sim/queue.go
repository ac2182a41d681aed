package sim

import "time"

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
	evLife // a lifecycle step (lifecycle.go), chosen by sub
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
// O(log n), and the many timers that are stale by the time they fire stay
// out of the heap. Pops take the least (at, seq) over the heap and the lane
// heads, so the order is exactly that of a single heap.
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
	count  int // events in the heap and all lanes
}

// heapKey orders one event of the heap.
type heapKey struct {
	at   time.Duration
	seq  uint64
	slot int32
}

// lane is a FIFO of events pushed with one fixed delay.
type lane struct {
	items []event
	head  int
}

func (q *eventQueue) len() int { return q.count }

// peek returns the earliest event's time; the queue must not be empty.
func (q *eventQueue) peek() time.Duration {
	l := q.earliestLane()
	if l >= 0 {
		head := &q.lanes[l].items[q.lanes[l].head]
		if len(q.heap) == 0 || before(head.at, head.seq, &q.heap[0]) {
			return head.at
		}
	}
	return q.heap[0].at
}

// before reports whether an event at (at, seq) comes before key k.
func before(at time.Duration, seq uint64, k *heapKey) bool {
	if at != k.at {
		return at < k.at
	}
	return seq < k.seq
}

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
	e.seq = q.seq
	q.seq++
	q.count++
	var slot int32
	if n := len(q.free); n > 0 {
		slot = q.free[n-1]
		q.free = q.free[:n-1]
		q.slots[slot] = e
	} else {
		slot = int32(len(q.slots))
		q.slots = append(q.slots, e)
	}
	q.heap = append(q.heap, heapKey{at: e.at, seq: e.seq, slot: slot})
	q.up(len(q.heap) - 1)
}

// pushAfter schedules e at now+delay on the lane for delay. Every call for
// one delay must come with a now no earlier than the last.
func (q *eventQueue) pushAfter(now, delay time.Duration, e event) {
	l := q.laneOf[delay]
	if l == nil {
		if q.laneOf == nil {
			q.laneOf = map[time.Duration]*lane{}
		}
		l = &lane{}
		q.laneOf[delay] = l
		q.lanes = append(q.lanes, l)
	}
	e.at = now + delay
	e.seq = q.seq
	q.seq++
	q.count++
	l.items = append(l.items, e)
}

func (q *eventQueue) pop() event {
	q.count--
	if li := q.earliestLane(); li >= 0 {
		l := q.lanes[li]
		h := &l.items[l.head]
		if len(q.heap) == 0 || before(h.at, h.seq, &q.heap[0]) {
			e := *h
			*h = event{}
			l.head++
			if l.head == len(l.items) {
				l.items, l.head = l.items[:0], 0
			} else if l.head > 1024 && l.head*2 > len(l.items) {
				n := copy(l.items, l.items[l.head:])
				clear(l.items[n:])
				l.items, l.head = l.items[:n], 0
			}
			return e
		}
	}
	return q.popHeap()
}

func (q *eventQueue) popHeap() event {
	top := q.heap[0]
	last := len(q.heap) - 1
	q.heap[0] = q.heap[last]
	q.heap = q.heap[:last]
	if last > 0 {
		q.down(0)
	}
	e := q.slots[top.slot]
	q.slots[top.slot] = event{} // drop its pointers for the collector
	q.free = append(q.free, top.slot)
	return e
}

func (q *eventQueue) less(i, j int) bool {
	a, b := &q.heap[i], &q.heap[j]
	if a.at != b.at {
		return a.at < b.at
	}
	return a.seq < b.seq
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
