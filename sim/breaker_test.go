package sim

import (
	"testing"
	"time"
)

// breakerStory drives a breaker through its states with helper verbs.
type breakerStory struct {
	t   *testing.T
	b   *breaker
	now time.Duration
}

func (s *breakerStory) call(failed bool) bool {
	s.t.Helper()
	ok, gen, _ := s.b.allow(s.now)
	if ok {
		s.b.record(s.now, gen, failed, 0)
	}
	return ok
}

func (s *breakerStory) succeed() bool { return s.call(false) }
func (s *breakerStory) fail() bool    { return s.call(true) }

func (s *breakerStory) wantState(want BreakerState) {
	s.t.Helper()
	if s.b.state != want {
		s.t.Fatalf("at %s: breaker is %s, want %s", s.now, s.b.state, want)
	}
}

func TestBreakerClosedOpenHalfOpenClosed(t *testing.T) {
	s := &breakerStory{t: t, b: newBreaker(BreakerSpec{
		Window: 10, MinCalls: 5, FailurePercent: 50, OpenFor: 10 * time.Second, HalfOpenCalls: 2,
	})}

	// Closed: four failures stay below the minimum number of calls.
	for range 4 {
		s.fail()
	}
	s.wantState(BreakerClosed)

	// The fifth call reaches the minimum with 100 % failures: it opens.
	s.fail()
	s.wantState(BreakerOpen)

	// Open: calls are rejected until the wait has passed.
	s.now = 9 * time.Second
	if s.succeed() {
		t.Fatal("open breaker let a call through before its wait")
	}
	s.wantState(BreakerOpen)

	// The first call after the wait moves it to half-open and is a probe.
	s.now = 10 * time.Second
	ok, gen1, changed := s.b.allow(s.now)
	if !ok || !changed {
		t.Fatalf("first call after the wait: ok=%v changed=%v, want both true", ok, changed)
	}
	s.wantState(BreakerHalfOpen)
	ok, gen2, _ := s.b.allow(s.now)
	if !ok {
		t.Fatal("second probe was rejected; half-open allows 2")
	}
	if ok, _, _ := s.b.allow(s.now); ok {
		t.Fatal("a third call went through while 2 probes are in flight")
	}

	// Both probes succeed: it closes.
	s.b.record(s.now, gen1, false, 0)
	s.wantState(BreakerHalfOpen)
	s.b.record(s.now, gen2, false, 0)
	s.wantState(BreakerClosed)
}

func TestBreakerHalfOpenFailureReopens(t *testing.T) {
	s := &breakerStory{t: t, b: newBreaker(BreakerSpec{
		Window: 4, MinCalls: 4, FailurePercent: 50, OpenFor: time.Second, HalfOpenCalls: 2,
	})}
	for range 4 {
		s.fail()
	}
	s.wantState(BreakerOpen)

	s.now = 2 * time.Second
	s.succeed()
	s.fail() // one of two probes failed: 50 % is at the threshold
	s.wantState(BreakerOpen)
	if s.b.openedAt != 2*time.Second {
		t.Fatalf("re-opened at %s, want 2s", s.b.openedAt)
	}
}

func TestBreakerWindowSlides(t *testing.T) {
	s := &breakerStory{t: t, b: newBreaker(BreakerSpec{Window: 4, MinCalls: 4, FailurePercent: 75})}
	// F S S S: 25 %, closed. Then F, F: window S S F F = 50 %, still closed.
	s.fail()
	s.succeed()
	s.succeed()
	s.succeed()
	s.fail()
	s.fail()
	s.wantState(BreakerClosed)
	if calls, failures, _ := s.b.win.totals(s.now); calls != 4 || failures != 2 {
		t.Fatalf("window holds %d calls with %d failures, want 4 with 2", calls, failures)
	}
	// One more failure: S F F F = 75 %, at the threshold: open.
	s.fail()
	s.wantState(BreakerOpen)
}

func TestBreakerIgnoresStaleGeneration(t *testing.T) {
	b := newBreaker(BreakerSpec{Window: 2, MinCalls: 2, FailurePercent: 50, HalfOpenCalls: 1})
	_, old, _ := b.allow(0) // a slow call admitted while closed
	b.record(0, b.gen, true, 0)
	b.record(0, b.gen, true, 0)
	if b.state != BreakerOpen {
		t.Fatalf("breaker is %s, want open", b.state)
	}
	if b.record(time.Second, old, false, 0) {
		t.Fatal("an outcome from before the breaker opened changed its state")
	}
	if b.state != BreakerOpen {
		t.Fatalf("breaker is %s after a stale outcome, want open", b.state)
	}
}

func TestBreakerDefaults(t *testing.T) {
	b := newBreaker(BreakerSpec{})
	size := len(b.win.(*countWindow).ring)
	if size != 100 || b.minCalls != 100 || b.threshold != 0.5 || b.openFor != 60*time.Second || b.halfOpenCalls != 10 ||
		b.slowThreshold != 1 || b.slowAfter != 60*time.Second {
		t.Fatalf("defaults: window %d, min calls %d, threshold %v, open for %s, half-open calls %d, slow %v over %s; want Resilience4j's 100, 100, 0.5, 60s, 10, 1 over 60s",
			size, b.minCalls, b.threshold, b.openFor, b.halfOpenCalls, b.slowThreshold, b.slowAfter)
	}
	if b := newBreaker(BreakerSpec{Window: 20}); b.minCalls != 20 {
		t.Fatalf("min calls %d with a window of 20, want it capped at 20", b.minCalls)
	}
}

func TestBreakerTimeWindowForgetsOldSeconds(t *testing.T) {
	s := &breakerStory{t: t, b: newBreaker(BreakerSpec{WindowType: WindowTime, Window: 10, MinCalls: 5, FailurePercent: 50})}
	for range 4 {
		s.fail()
	}
	s.wantState(BreakerClosed) // 4 calls: under the minimum
	s.now += 11 * time.Second  // the failures leave the 10 s window
	for range 4 {
		s.succeed()
	}
	s.fail()
	s.wantState(BreakerClosed) // 1 failure in 5 calls: 20 %
	s.fail()
	s.fail()
	s.fail()
	s.wantState(BreakerOpen) // 4 of 8: 50 %
}

func TestBreakerOpensOnSlowCalls(t *testing.T) {
	b := newBreaker(BreakerSpec{Window: 4, MinCalls: 4, SlowCallPercent: 50, SlowCallDuration: time.Second})
	for i, took := range []time.Duration{100 * time.Millisecond, 3 * time.Second, 200 * time.Millisecond, 2 * time.Second} {
		_, gen, _ := b.allow(0)
		b.record(0, gen, false, took)
		if i < 3 && b.state != BreakerClosed {
			t.Fatalf("breaker %s after %d calls, want closed", b.state, i+1)
		}
	}
	if b.state != BreakerOpen {
		t.Fatalf("breaker %s with 2 of 4 calls slower than 1 s, want open at the 50 %% slow-call threshold", b.state)
	}
}
