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
)

// event is one scheduled step. It is a plain value so the heap holds no
// closures and allocates nothing per event once it has grown.
type event struct {
	at   time.Duration
	seq  uint64
	kind eventKind

	// result is the attempt's outcome for evAttemptDone.
	result attemptResult

	// gen guards against stale events: it must match the request's attempt
	// generation (evAttemptDone, evBackoffDone).
	gen uint32

	req   *request
	pod   *pod
	index int
}

// eventQueue is a binary min-heap of events ordered by (at, seq).
type eventQueue struct {
	items []event
	seq   uint64
}

func (q *eventQueue) len() int { return len(q.items) }

// peek returns the earliest event's time; the queue must not be empty.
func (q *eventQueue) peek() time.Duration { return q.items[0].at }

func (q *eventQueue) push(e event) {
	e.seq = q.seq
	q.seq++
	q.items = append(q.items, e)
	q.up(len(q.items) - 1)
}

func (q *eventQueue) pop() event {
	top := q.items[0]
	last := len(q.items) - 1
	q.items[0] = q.items[last]
	q.items[last] = event{}
	q.items = q.items[:last]
	if last > 0 {
		q.down(0)
	}
	return top
}

func (q *eventQueue) less(i, j int) bool {
	a, b := &q.items[i], &q.items[j]
	if a.at != b.at {
		return a.at < b.at
	}
	return a.seq < b.seq
}

func (q *eventQueue) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !q.less(i, parent) {
			return
		}
		q.items[i], q.items[parent] = q.items[parent], q.items[i]
		i = parent
	}
}

func (q *eventQueue) down(i int) {
	n := len(q.items)
	for {
		left := 2*i + 1
		if left >= n {
			return
		}
		smallest := left
		if right := left + 1; right < n && q.less(right, left) {
			smallest = right
		}
		if !q.less(smallest, i) {
			return
		}
		q.items[i], q.items[smallest] = q.items[smallest], q.items[i]
		i = smallest
	}
}
