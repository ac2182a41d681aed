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

	// Restarts counts the container restarts of the run so far.
	Restarts int `json:"restarts"`

	// BreakersOpen and BreakersHalfOpen count breakers (pods × call edges)
	// in each state at the end of the second; Breakers counts them all.
	BreakersOpen     int `json:"breakers_open"`
	BreakersHalfOpen int `json:"breakers_half_open"`
	Breakers         int `json:"breakers"`

	// Attempts counts attempts at dependencies; Retries counts those after
	// the first attempt of a call.
	Attempts int `json:"attempts"`
	Retries  int `json:"retries"`

	// Abusive counts the requests of abusive-client faults apart: they are
	// not in Arrivals, Counts or the latencies, so an SLO covers the
	// well-behaved clients, as a per-tenant SLO would.
	Abusive AbusiveCounts `json:"abusive"`

	// Services has the same gauges for every service, the entry first and
	// then System.Services in order. Busy, Queued, Capacity, pods and
	// breakers above repeat the entry's.
	Services []ServiceSecond `json:"services"`

	// Leaves has the state of every database, cache and leaf with a
	// connection limit, in System.Dependencies order.
	Leaves []LeafSecond `json:"leaves,omitempty"`
}

// AbusiveCounts are the arrivals and outcomes of abusive clients.
type AbusiveCounts struct {
	Arrivals int              `json:"arrivals"`
	Outcomes [NumOutcomes]int `json:"outcomes"`
}

// ServiceSecond is one service's state over a second.
type ServiceSecond struct {
	Name string `json:"name"`

	// Busy, Queued and Capacity are time-weighted means over the second:
	// workers held, requests waiting in accept queues and worker threads of
	// ready pods.
	Busy     float64 `json:"busy"`
	Queued   float64 `json:"queued"`
	Capacity float64 `json:"capacity"`

	// Pods, breakers and their states at the end of the second.
	PodsReady        int `json:"pods_ready"`
	Pods             int `json:"pods"`
	Restarts         int `json:"restarts"`
	BreakersOpen     int `json:"breakers_open"`
	BreakersHalfOpen int `json:"breakers_half_open"`
	Breakers         int `json:"breakers"`
}

// Totals sums a span of the run (the Config's Window).
type Totals struct {
	Window   Window `json:"window"`
	Arrivals int    `json:"arrivals"`
	Counts
	Attempts int `json:"attempts"`
	Retries  int `json:"retries"`

	// Abusive counts the abusive clients' requests apart, as in Second.
	Abusive AbusiveCounts `json:"abusive"`

	// Calls counts attempts by target name, over every call edge: with
	// Arrivals it gives the amplification at each dependency.
	Calls map[string]int `json:"calls"`

	// WritesLost counts acknowledged writes lost to replication lag in a
	// failover; SplitBrainWrites counts writes acknowledged by a replaced
	// primary that was not fenced.
	WritesLost       int `json:"writes_lost"`
	SplitBrainWrites int `json:"split_brain_writes"`

	// P50 to Max are latencies of the window's good responses.
	Mean time.Duration `json:"mean"`
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

	// Gauges are read from the services and integrated over time in
	// integer nanosecond areas, one set a service.
	services []*service
	last     time.Duration // time the gauges were last integrated to
	areas    []gaugeArea

	// snapshot fills the end-of-second pod and breaker counts.
	snapshot func(*Second)

	window    Window
	slowAfter time.Duration
	totals    Totals

	// calls counts the window's attempts by target, indexed by
	// callTarget, so the hot path adds to a slice instead of hashing a
	// name. finishTotals turns it into Totals.Calls.
	calls     []int
	callNames []string
	callIndex map[string]int
}

// callTarget returns the index of a call target's name in calls.
func (m *metrics) callTarget(name string) int {
	i, ok := m.callIndex[name]
	if !ok {
		i = len(m.callNames)
		m.callIndex[name] = i
		m.callNames = append(m.callNames, name)
		m.calls = append(m.calls, 0)
	}
	return i
}

type gaugeArea struct{ busy, queued, capacity int64 }

func newMetrics(w Window, slowAfter time.Duration, services []*service) *metrics {
	m := &metrics{
		curEnd:    time.Second,
		hist:      hdrhistogram.New(histLowest, histHighest, histDigits),
		services:  services,
		areas:     make([]gaugeArea, len(services)),
		window:    w,
		slowAfter: slowAfter,
	}
	m.totals.Window = w
	m.callIndex = map[string]int{}
	m.totals.hist = hdrhistogram.New(histLowest, histHighest, histDigits)
	m.cur.Services = m.newServiceSeconds()
	return m
}

func (m *metrics) newServiceSeconds() []ServiceSecond {
	out := make([]ServiceSecond, len(m.services))
	for i, svc := range m.services {
		out[i].Name = svc.name
	}
	return out
}

// advance closes every second that ends at or before now and integrates
// the gauges up to now.
func (m *metrics) advance(now time.Duration) {
	for now >= m.curEnd {
		m.integrate(m.curEnd)
		for i := range m.areas {
			ss := &m.cur.Services[i]
			ss.Busy = float64(m.areas[i].busy) / float64(time.Second)
			ss.Queued = float64(m.areas[i].queued) / float64(time.Second)
			ss.Capacity = float64(m.areas[i].capacity) / float64(time.Second)
			m.areas[i] = gaugeArea{}
		}
		m.snapshot(&m.cur)
		entry := m.cur.Services[0]
		m.cur.Busy, m.cur.Queued, m.cur.Capacity = entry.Busy, entry.Queued, entry.Capacity
		m.cur.P50 = percentile(m.hist, 50)
		m.cur.P99 = percentile(m.hist, 99)
		m.hist.Reset()
		m.seconds = append(m.seconds, m.cur)
		m.cur = Second{Start: m.curEnd, Services: m.newServiceSeconds()}
		m.curEnd += time.Second
	}
	m.integrate(now)
}

func (m *metrics) integrate(to time.Duration) {
	if to <= m.last {
		return
	}
	dt := int64(to - m.last)
	for i, svc := range m.services {
		a := &m.areas[i]
		a.busy += int64(svc.busy) * dt
		a.queued += int64(svc.queued) * dt
		a.capacity += int64(svc.capacity) * dt
	}
	m.last = to
}

func (m *metrics) arrival(now time.Duration, abusive bool) {
	if abusive {
		m.cur.Abusive.Arrivals++
		if m.window.contains(now) {
			m.totals.Abusive.Arrivals++
		}
		return
	}
	m.cur.Arrivals++
	if m.window.contains(now) {
		m.totals.Arrivals++
	}
}

// settleAbusive records an abusive client's outcome.
func (m *metrics) settleAbusive(now time.Duration, o Outcome) {
	m.cur.Abusive.Outcomes[o]++
	if m.window.contains(now) {
		m.totals.Abusive.Outcomes[o]++
	}
}

func (m *metrics) attempt(now time.Duration, retry bool, target int) {
	m.cur.Attempts++
	inWindow := m.window.contains(now)
	if inWindow {
		m.totals.Attempts++
		m.calls[target]++
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
	t.Calls = make(map[string]int, len(m.calls))
	for i, n := range m.calls {
		if n > 0 {
			t.Calls[m.callNames[i]] = n
		}
	}
	if t.hist.TotalCount() > 0 {
		t.Mean = time.Duration(t.hist.Mean() * float64(time.Microsecond))
	}
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
