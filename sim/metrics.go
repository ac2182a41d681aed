package sim

import (
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// Latencies are recorded in microseconds from 1 µs to 1 h with three
// significant digits.
const (
	histLowest  = 1
	histHighest = int64(time.Hour / time.Microsecond)
	histDigits  = 3
)

// Counts are the responses of a span of time, by outcome. Second and
// Totals embed them.
type Counts struct {
	// Outcomes counts requests settled in the span, by outcome.
	Outcomes [NumOutcomes]int `json:"outcomes"`

	// Slow counts good responses slower than the Config's SlowAfter; zero
	// when SlowAfter is not set.
	Slow int `json:"slow"`
}

// Settled returns the number of requests settled in the span.
func (c Counts) Settled() int {
	n := 0
	for _, k := range c.Outcomes {
		n += k
	}
	return n
}

// Good returns the number of successful and degraded responses.
func (c Counts) Good() int { return c.Outcomes[OutcomeSuccess] + c.Outcomes[OutcomeDegraded] }

// Bad returns the requests that missed the SLO: those without a good
// response, and good responses slower than SlowAfter.
func (c Counts) Bad() int { return c.Settled() - c.Good() + c.Slow }

// GoodRatio returns Good over Settled, or 1 when nothing settled.
func (c Counts) GoodRatio() float64 {
	if n := c.Settled(); n > 0 {
		return float64(c.Good()) / float64(n)
	}
	return 1
}

// GoodShare returns the share of good responses for a chart: GoodRatio,
// except that a second in which requests arrived but none was settled
// counts as 0, because nothing good came back.
func (s Second) GoodShare() float64 {
	if s.Settled() == 0 && s.Arrivals > 0 {
		return 0
	}
	return s.GoodRatio()
}

// Second is the metrics of one virtual second [Start, Start+1s).
type Second struct {
	Start time.Duration `json:"start"`

	// Arrivals counts requests that reached the load balancer.
	Arrivals int `json:"arrivals"`

	Counts

	// P50 and P99 are latencies of the good responses (full or degraded)
	// settled in this second, as their clients saw them, and zero when
	// there were none. Failures are left out, as latency SLIs usually do,
	// because a fast 503 would otherwise make an outage look quick.
	P50 time.Duration `json:"p50"`
	P99 time.Duration `json:"p99"`

	// Busy, Queued and Capacity are time-weighted means over the second,
	// summed over pods: workers held, requests waiting in accept queues, and
	// worker threads of ready pods.
	Busy     float64 `json:"busy"`
	Queued   float64 `json:"queued"`
	Capacity float64 `json:"capacity"`

	// PodsReady and Pods count ready pods and all running pods.
	PodsReady int `json:"pods_ready"`
	Pods      int `json:"pods"`

	// BreakersOpen and BreakersHalfOpen count breakers (pods × call edges)
	// in each state at the end of the second; Breakers counts them all.
	BreakersOpen     int `json:"breakers_open"`
	BreakersHalfOpen int `json:"breakers_half_open"`
	Breakers         int `json:"breakers"`

	// Attempts counts attempts at dependencies; Retries counts those after
	// the first attempt of a call.
	Attempts int `json:"attempts"`
	Retries  int `json:"retries"`
}

// Totals sums a span of the run (the Config's Window).
type Totals struct {
	Window   Window `json:"window"`
	Arrivals int    `json:"arrivals"`
	Counts
	Attempts int `json:"attempts"`
	Retries  int `json:"retries"`

	// P50 to Max are latencies of the window's good responses.
	P50  time.Duration `json:"p50"`
	P99  time.Duration `json:"p99"`
	P999 time.Duration `json:"p999"`
	Max  time.Duration `json:"max"`

	hist *hdrhistogram.Histogram
}

// metrics accumulates per-second buckets and the window totals.
type metrics struct {
	seconds []Second
	cur     Second
	curEnd  time.Duration
	hist    *hdrhistogram.Histogram

	last     time.Duration // time the gauges were last integrated to
	busy     int           // workers held, over all pods
	queued   int           // requests in accept queues, over all pods
	capacity int           // worker threads of ready pods

	// busyArea and queuedArea integrate the gauges over the current second
	// in count × nanoseconds. Integers keep the sum exact however the run is
	// split into AdvanceTo calls.
	busyArea     int64
	queuedArea   int64
	capacityArea int64

	// snapshot fills the end-of-second state (pods, breakers) of a bucket.
	snapshot func(*Second)

	window    Window
	slowAfter time.Duration
	totals    Totals
}

func newMetrics(w Window, slowAfter time.Duration) *metrics {
	m := &metrics{
		curEnd:    time.Second,
		hist:      hdrhistogram.New(histLowest, histHighest, histDigits),
		window:    w,
		slowAfter: slowAfter,
	}
	m.totals.Window = w
	m.totals.hist = hdrhistogram.New(histLowest, histHighest, histDigits)
	return m
}

// advance integrates the gauges up to now and closes every second that ends
// at or before now.
func (m *metrics) advance(now time.Duration) {
	for now >= m.curEnd {
		m.integrate(m.curEnd)
		m.snapshot(&m.cur)
		m.cur.Busy = float64(m.busyArea) / float64(time.Second)
		m.cur.Queued = float64(m.queuedArea) / float64(time.Second)
		m.cur.Capacity = float64(m.capacityArea) / float64(time.Second)
		m.busyArea, m.queuedArea, m.capacityArea = 0, 0, 0
		m.cur.P50 = percentile(m.hist, 50)
		m.cur.P99 = percentile(m.hist, 99)
		m.hist.Reset()
		m.seconds = append(m.seconds, m.cur)
		m.cur = Second{Start: m.curEnd}
		m.curEnd += time.Second
	}
	m.integrate(now)
}

func (m *metrics) integrate(to time.Duration) {
	if to <= m.last {
		return
	}
	dt := int64(to - m.last)
	m.busyArea += int64(m.busy) * dt
	m.queuedArea += int64(m.queued) * dt
	m.capacityArea += int64(m.capacity) * dt
	m.last = to
}

func (m *metrics) arrival(now time.Duration) {
	m.cur.Arrivals++
	if m.window.contains(now) {
		m.totals.Arrivals++
	}
}

func (m *metrics) attempt(now time.Duration, retry bool) {
	m.cur.Attempts++
	inWindow := m.window.contains(now)
	if inWindow {
		m.totals.Attempts++
	}
	if retry {
		m.cur.Retries++
		if inWindow {
			m.totals.Retries++
		}
	}
}

func (m *metrics) settle(now time.Duration, o Outcome, latency time.Duration) {
	m.cur.Outcomes[o]++
	inWindow := m.window.contains(now)
	if inWindow {
		m.totals.Outcomes[o]++
	}
	if !o.Good() {
		return
	}

	us := min(max(int64(latency/time.Microsecond), histLowest), histHighest)
	_ = m.hist.RecordValue(us)
	slow := m.slowAfter > 0 && latency > m.slowAfter
	if slow {
		m.cur.Slow++
	}
	if inWindow {
		_ = m.totals.hist.RecordValue(us)
		if slow {
			m.totals.Slow++
		}
	}
}

// finishTotals computes the window's percentiles.
func (m *metrics) finishTotals() Totals {
	t := m.totals
	t.P50 = percentile(t.hist, 50)
	t.P99 = percentile(t.hist, 99)
	t.P999 = percentile(t.hist, 99.9)
	if t.hist.TotalCount() > 0 {
		t.Max = time.Duration(t.hist.Max()) * time.Microsecond
	}
	return t
}

func percentile(h *hdrhistogram.Histogram, p float64) time.Duration {
	if h.TotalCount() == 0 {
		return 0
	}
	return time.Duration(h.ValueAtPercentile(p)) * time.Microsecond
}
