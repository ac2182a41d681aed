package sim

import (
	"math"
	"strings"
	"testing"
	"time"
)

// pop removes the earliest event, whatever its time.
func (q *eventQueue) pop() event {
	return *q.next(math.MaxInt64)
}

func TestEventQueueOrdersByTimeThenSequence(t *testing.T) {
	var q eventQueue
	pushes := []struct {
		at    time.Duration
		index int
	}{
		{3 * time.Second, 0},
		{1 * time.Second, 1},
		{2 * time.Second, 2},
		{1 * time.Second, 3}, // ties with index 1, scheduled later
		{0, 4},
		{2 * time.Second, 5},
	}
	for _, p := range pushes {
		q.push(event{at: p.at, index: p.index})
	}

	want := []int{4, 1, 3, 2, 5, 0}
	for i, w := range want {
		e := q.pop()
		if e.index != w {
			t.Fatalf("pop %d: got event %d at %s, want event %d", i, e.index, e.at, w)
		}
	}
	if q.len() != 0 {
		t.Fatalf("queue has %d events left, want 0", q.len())
	}
}

func TestEventQueueManyTies(t *testing.T) {
	var q eventQueue
	for i := range 1000 {
		q.push(event{at: time.Duration(i%7) * time.Millisecond, index: i})
	}
	last := event{at: -1}
	for q.len() > 0 {
		e := q.pop()
		if e.at < last.at || (e.at == last.at && e.seq < last.seq) {
			t.Fatalf("event %d (at %s, seq %d) came after event %d (at %s, seq %d)",
				e.index, e.at, e.seq, last.index, last.at, last.seq)
		}
		last = e
	}
}

func TestEventQueueMergesLanesWithTheHeap(t *testing.T) {
	var q eventQueue
	q.push(event{at: 150 * time.Millisecond, index: 0})
	q.pushAfter(0, 100*time.Millisecond, event{index: 1})
	q.pushAfter(50*time.Millisecond, 100*time.Millisecond, event{index: 2})
	q.pushAfter(10*time.Millisecond, 200*time.Millisecond, event{index: 3})
	q.push(event{at: 150 * time.Millisecond, index: 4}) // ties with 2, pushed later

	want := []int{1, 0, 2, 4, 3}
	for i, w := range want {
		if e := q.pop(); e.index != w {
			t.Fatalf("pop %d: got event %d at %s, want event %d", i, e.index, e.at, w)
		}
	}
}

func TestEventQueueNextStopsAtTheLimit(t *testing.T) {
	var q eventQueue
	q.push(event{at: 2 * time.Second, index: 0})
	q.pushAfter(0, time.Second, event{index: 1})

	if e := q.next(999 * time.Millisecond); e != nil {
		t.Fatalf("next before any event is due returned event %d at %s", e.index, e.at)
	}
	if e := q.next(time.Second); e == nil || e.index != 1 {
		t.Fatalf("next at 1s returned %v, want event 1", e)
	}
	if e := q.next(1500 * time.Millisecond); e != nil {
		t.Fatalf("next at 1.5s returned event %d at %s, want none", e.index, e.at)
	}
	if q.len() != 1 {
		t.Fatalf("queue has %d events, want 1", q.len())
	}
}

func TestEventQueueCancel(t *testing.T) {
	const delay = time.Second
	tests := []struct {
		name   string
		cancel []int // indexes of the pushed timers to cancel, in order
		want   []int
	}{
		{"none", nil, []int{0, 1, 2, 3}},
		{"head", []int{0}, []int{1, 2, 3}},
		{"middle", []int{2}, []int{0, 1, 3}},
		{"tail", []int{3}, []int{0, 1, 2}},
		{"all", []int{1, 3, 0, 2}, nil},
		{"twice", []int{1, 1}, []int{0, 2, 3}},
		{"run up to the head", []int{2, 1, 0}, []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var q eventQueue
			var timers []timer
			for i := range 4 {
				timers = append(timers, q.pushAfter(time.Duration(i)*time.Millisecond, delay, event{index: i}))
			}
			for _, i := range tt.cancel {
				q.cancel(timers[i])
			}
			if q.len() != len(tt.want) {
				t.Fatalf("len = %d after cancelling, want %d", q.len(), len(tt.want))
			}
			var got []int
			for q.len() > 0 {
				got = append(got, q.pop().index)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("popped %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("popped %v, want %v", got, tt.want)
				}
			}
			if e := q.next(math.MaxInt64); e != nil {
				t.Fatalf("empty queue returned event %d", e.index)
			}
		})
	}
}

// A handle kept after its timer fired must not cancel a later timer, even
// once the lane has been emptied and refilled.
func TestEventQueueStaleHandleCancelsNothing(t *testing.T) {
	var q eventQueue
	old := q.pushAfter(0, time.Second, event{index: 0})
	q.pop()
	q.pushAfter(time.Millisecond, time.Second, event{index: 1})

	q.cancel(old)
	q.cancel(0)
	if q.len() != 1 {
		t.Fatalf("a stale handle cancelled a live timer: len = %d, want 1", q.len())
	}
	if e := q.pop(); e.index != 1 {
		t.Fatalf("popped event %d, want 1", e.index)
	}
}

// Cancelling timers far behind the head compacts the lane without losing
// the live ones.
func TestEventQueueCancelCompactsLongLanes(t *testing.T) {
	var q eventQueue
	var timers []timer
	for i := range 5000 {
		timers = append(timers, q.pushAfter(time.Duration(i), time.Second, event{index: i}))
	}
	for i := range 4000 {
		q.cancel(timers[i])
	}
	if got := len(q.lanes[0].items) - q.lanes[0].head; got != 1000 {
		t.Fatalf("lane keeps %d events after cancelling 4,000 of 5,000, want 1000", got)
	}
	for i := 4000; i < 5000; i++ {
		if e := q.pop(); e.index != i {
			t.Fatalf("popped event %d, want %d", e.index, i)
		}
	}
}

// Past its limits the queue stops with a clear message instead of
// misordering events.
func TestEventQueuePanicsPastItsSequenceLimit(t *testing.T) {
	defer func() {
		msg, _ := recover().(string)
		if !strings.Contains(msg, "the event queue's limit") {
			t.Fatalf("recovered %q, want a message about the queue's limit", msg)
		}
	}()
	q := eventQueue{seq: maxSeq}
	q.push(event{})
}
