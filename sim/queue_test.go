package sim

import (
	"testing"
	"time"
)

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
