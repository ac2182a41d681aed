package sim

import "time"

// BreakerState is a circuit breaker's state.
type BreakerState uint8

const (
	BreakerClosed BreakerState = iota
	BreakerOpen
	BreakerHalfOpen
)

func (s BreakerState) String() string {
	switch s {
	case BreakerOpen:
		return "open"
	case BreakerHalfOpen:
		return "half-open"
	default:
		return "closed"
	}
}

// breaker is a count-based circuit breaker on one pod's call edge. It is
// judged on the outcome of the whole retry loop, because it sits outside it.
//
// Closed: outcomes go into a ring of the last Window calls. Once MinCalls
// have been seen and the failure rate is at or above FailurePercent, it opens.
// Open: every call is rejected until OpenFor has passed, and the first call
// after that moves it to half-open. Half-open: HalfOpenCalls probes are let
// through and other calls are rejected. Once every probe has finished, a
// failure rate at or above the threshold re-opens it, and anything lower
// closes it.
//
// Each state change starts a new generation. An outcome from an older
// generation, such as a slow call that started before the breaker opened, is
// ignored.
type breaker struct {
	window, minCalls, halfOpenCalls int
	threshold                       float64 // failure rate in [0, 1]
	openFor                         time.Duration
	fallback                        bool

	state    BreakerState
	gen      uint32
	openedAt time.Duration

	ring     []bool // true = failure
	next     int
	count    int
	failures int

	probesIssued, probesDone, probeFailures int
}

func newBreaker(spec BreakerSpec) *breaker {
	b := &breaker{
		window:        spec.Window,
		minCalls:      spec.MinCalls,
		halfOpenCalls: spec.HalfOpenCalls,
		threshold:     spec.FailurePercent / 100,
		openFor:       spec.OpenFor,
		fallback:      spec.Fallback,
	}
	if b.window == 0 {
		b.window = 100
	}
	if b.minCalls == 0 {
		b.minCalls = 100
	}
	if b.minCalls > b.window {
		b.minCalls = b.window
	}
	if spec.FailurePercent == 0 {
		b.threshold = 0.5
	}
	if b.openFor == 0 {
		b.openFor = 60 * time.Second
	}
	if b.halfOpenCalls == 0 {
		b.halfOpenCalls = 10
	}
	b.ring = make([]bool, b.window)
	return b
}

// allow reports whether a call may go through at now, and the generation its
// outcome must be recorded against. It may move an open breaker to half-open.
func (b *breaker) allow(now time.Duration) (ok bool, gen uint32, changed bool) {
	if b.state == BreakerOpen && now >= b.openedAt+b.openFor {
		b.transition(BreakerHalfOpen, now)
		changed = true
	}
	switch b.state {
	case BreakerClosed:
		return true, b.gen, changed
	case BreakerHalfOpen:
		if b.probesIssued < b.halfOpenCalls {
			b.probesIssued++
			return true, b.gen, changed
		}
	}
	return false, b.gen, changed
}

// record counts one finished call and reports whether the state changed.
func (b *breaker) record(now time.Duration, gen uint32, failed bool) bool {
	if gen != b.gen {
		return false
	}
	switch b.state {
	case BreakerClosed:
		if b.count == b.window {
			if b.ring[b.next] {
				b.failures--
			}
		} else {
			b.count++
		}
		b.ring[b.next] = failed
		if failed {
			b.failures++
		}
		b.next = (b.next + 1) % b.window
		if b.count >= b.minCalls && float64(b.failures) >= b.threshold*float64(b.count) {
			b.transition(BreakerOpen, now)
			return true
		}
	case BreakerHalfOpen:
		b.probesDone++
		if failed {
			b.probeFailures++
		}
		if b.probesDone == b.halfOpenCalls {
			if float64(b.probeFailures) >= b.threshold*float64(b.halfOpenCalls) {
				b.transition(BreakerOpen, now)
			} else {
				b.transition(BreakerClosed, now)
			}
			return true
		}
	}
	return false
}

func (b *breaker) transition(to BreakerState, now time.Duration) {
	b.state = to
	b.gen++
	switch to {
	case BreakerOpen:
		b.openedAt = now
	case BreakerHalfOpen:
		b.probesIssued, b.probesDone, b.probeFailures = 0, 0, 0
	case BreakerClosed:
		b.next, b.count, b.failures = 0, 0, 0
		clear(b.ring)
	}
}

// failureRate returns the closed window's failure rate, for log messages.
func (b *breaker) failureRate() float64 {
	if b.count == 0 {
		return 0
	}
	return float64(b.failures) / float64(b.count)
}
