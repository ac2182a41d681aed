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

// breaker is a circuit breaker on one pod's call edge. It is judged on the
// outcome of the whole retry loop, because it sits outside it.
//
// Closed: outcomes go into a window, either the last Window calls or the
// calls of the last Window seconds. Once MinCalls have been seen and the
// failure rate is at or above FailurePercent, or the share of calls slower
// than SlowCallDuration is at or above SlowCallPercent, it opens.
// Open: every call is rejected until OpenFor has passed, and the first call
// after that moves it to half-open. Half-open: HalfOpenCalls probes are let
// through and other calls are rejected. Once every probe has finished, a
// rate at or above either threshold re-opens it, and anything lower closes
// it.
//
// Each state change starts a new generation. An outcome from an older
// generation, such as a slow call that started before the breaker opened, is
// ignored.
type breaker struct {
	minCalls, halfOpenCalls int
	threshold               float64 // failure rate in [0, 1]
	slowThreshold           float64 // slow-call rate in [0, 1]
	slowAfter               time.Duration
	openFor                 time.Duration
	fallback                bool

	state    BreakerState
	gen      uint32
	openedAt time.Duration

	win window

	probesIssued, probesDone, probeFailures, probeSlow int
}

func newBreaker(spec BreakerSpec) *breaker {
	b := &breaker{
		minCalls:      spec.MinCalls,
		halfOpenCalls: spec.HalfOpenCalls,
		threshold:     spec.FailurePercent / 100,
		slowThreshold: spec.SlowCallPercent / 100,
		slowAfter:     spec.SlowCallDuration,
		openFor:       spec.OpenFor,
		fallback:      spec.Fallback,
	}
	size := spec.Window
	if size == 0 {
		size = 100
	}
	if b.minCalls == 0 {
		b.minCalls = 100
	}
	if spec.WindowType == WindowTime {
		b.win = newTimeWindow(size)
	} else {
		b.win = newCountWindow(size)
		b.minCalls = min(b.minCalls, size)
	}
	if spec.FailurePercent == 0 {
		b.threshold = 0.5
	}
	if spec.SlowCallPercent == 0 {
		b.slowThreshold = 1
	}
	if b.slowAfter == 0 {
		b.slowAfter = 60 * time.Second
	}
	if b.openFor == 0 {
		b.openFor = 60 * time.Second
	}
	if b.halfOpenCalls == 0 {
		b.halfOpenCalls = 10
	}
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

// record counts one finished call that took took, and reports whether the
// state changed.
func (b *breaker) record(now time.Duration, gen uint32, failed bool, took time.Duration) bool {
	if gen != b.gen {
		return false
	}
	slow := took > b.slowAfter
	switch b.state {
	case BreakerClosed:
		b.win.add(now, failed, slow)
		calls, failures, slows := b.win.totals(now)
		if calls >= b.minCalls && b.tripped(calls, failures, slows) {
			b.transition(BreakerOpen, now)
			return true
		}
	case BreakerHalfOpen:
		b.probesDone++
		if failed {
			b.probeFailures++
		}
		if slow {
			b.probeSlow++
		}
		if b.probesDone == b.halfOpenCalls {
			if b.tripped(b.halfOpenCalls, b.probeFailures, b.probeSlow) {
				b.transition(BreakerOpen, now)
			} else {
				b.transition(BreakerClosed, now)
			}
			return true
		}
	}
	return false
}

// tripped applies both thresholds: a rate at or above either one trips.
func (b *breaker) tripped(calls, failures, slows int) bool {
	n := float64(calls)
	return float64(failures) >= b.threshold*n || float64(slows) >= b.slowThreshold*n
}

func (b *breaker) transition(to BreakerState, now time.Duration) {
	b.state = to
	b.gen++
	switch to {
	case BreakerOpen:
		b.openedAt = now
	case BreakerHalfOpen:
		b.probesIssued, b.probesDone, b.probeFailures, b.probeSlow = 0, 0, 0, 0
	case BreakerClosed:
		b.win.reset()
	}
}
