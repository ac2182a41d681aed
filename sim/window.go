package sim

import "time"

// window is a breaker's record of recent calls.
type window interface {
	add(now time.Duration, failed, slow bool)
	// totals returns the calls, failures and slow calls the window holds
	// at now.
	totals(now time.Duration) (calls, failures, slows int)
	reset()
}

// countWindow holds the outcomes of the last size calls.
type countWindow struct {
	ring                   []uint8 // bit 0 failed, bit 1 slow
	next, count            int
	calls, failures, slows int
}

func newCountWindow(size int) *countWindow { return &countWindow{ring: make([]uint8, size)} }

func (w *countWindow) add(_ time.Duration, failed, slow bool) {
	if w.count == len(w.ring) {
		old := w.ring[w.next]
		w.failures -= int(old & 1)
		w.slows -= int(old >> 1)
	} else {
		w.count++
	}
	var v uint8
	if failed {
		v |= 1
		w.failures++
	}
	if slow {
		v |= 2
		w.slows++
	}
	w.ring[w.next] = v
	w.next = (w.next + 1) % len(w.ring)
}

func (w *countWindow) totals(time.Duration) (int, int, int) { return w.count, w.failures, w.slows }

func (w *countWindow) reset() {
	w.next, w.count, w.failures, w.slows = 0, 0, 0, 0
	clear(w.ring)
}

// timeWindow holds the calls of the last size whole seconds, in one bucket
// a second, as Resilience4j's time-based sliding window does.
type timeWindow struct {
	buckets []bucket
}

type bucket struct {
	second                 int64 // the bucket's second, -1 when empty
	calls, failures, slows int
}

func newTimeWindow(seconds int) *timeWindow {
	w := &timeWindow{buckets: make([]bucket, seconds)}
	w.reset()
	return w
}

func (w *timeWindow) add(now time.Duration, failed, slow bool) {
	sec := int64(now / time.Second)
	b := &w.buckets[sec%int64(len(w.buckets))]
	if b.second != sec {
		*b = bucket{second: sec}
	}
	b.calls++
	if failed {
		b.failures++
	}
	if slow {
		b.slows++
	}
}

func (w *timeWindow) totals(now time.Duration) (calls, failures, slows int) {
	oldest := int64(now/time.Second) - int64(len(w.buckets)) + 1
	for _, b := range w.buckets {
		if b.second >= oldest {
			calls += b.calls
			failures += b.failures
			slows += b.slows
		}
	}
	return calls, failures, slows
}

func (w *timeWindow) reset() {
	for i := range w.buckets {
		w.buckets[i] = bucket{second: -1}
	}
}
