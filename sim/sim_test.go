package sim

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// checkoutConfig is a small checkout service calling one payment provider.
func checkoutConfig(seed uint64) Config {
	return Config{
		Seed: seed,
		System: System{
			Service: ServiceSpec{
				Name:    "checkout",
				Pods:    4,
				Workers: 50,
				Queue:   20,
				Startup: 5 * time.Second,
				CPU:     Dist{Median: 5 * time.Millisecond, P99: 20 * time.Millisecond},
				Calls:   []CallSpec{{Dependency: "payments"}},
			},
			Dependencies: []DependencySpec{{
				Name:    "payments",
				Latency: Dist{Median: 150 * time.Millisecond, P99: 600 * time.Millisecond},
			}},
		},
		Traffic: Traffic{Rate: 100, ClientTimeout: 10 * time.Second},
	}
}

func hangAt(at time.Duration) Fault {
	return Fault{Kind: FaultHang, Target: "payments", At: at}
}

func mustNew(t *testing.T, cfg Config) *Sim {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func run(t *testing.T, cfg Config, until time.Duration) *Sim {
	t.Helper()
	s := mustNew(t, cfg)
	s.AdvanceTo(until)
	return s
}

func goodRatio(secs []Second, from, to int) float64 {
	good, all := 0, 0
	for _, s := range secs[from:to] {
		good += s.Good()
		all += s.Settled()
	}
	if all == 0 {
		return 1
	}
	return float64(good) / float64(all)
}

func TestSameSeedSameMetrics(t *testing.T) {
	cfg := checkoutConfig(7)
	cfg.Faults = []Fault{hangAt(20 * time.Second)}
	timeout := 2 * time.Second
	change := Change{Rollout: RolloutRolling, Calls: []CallChange{{
		Dependency: "payments",
		Timeout:    &timeout,
		Retry:      &RetrySpec{MaxAttempts: 2, Backoff: 100 * time.Millisecond},
		Breaker:    &BreakerSpec{Window: 20, MinCalls: 10, OpenFor: 5 * time.Second, HalfOpenCalls: 2, Fallback: true},
	}}}

	runOnce := func(seed uint64) ([]Second, []LogEntry) {
		c := cfg
		c.Seed = seed
		s := mustNew(t, c)
		s.AdvanceTo(25 * time.Second)
		if err := s.Apply(s.Now(), change); err != nil {
			t.Fatal(err)
		}
		s.AdvanceTo(90 * time.Second)
		return append([]Second(nil), s.Seconds()...), append([]LogEntry(nil), s.Log()...)
	}

	a, logA := runOnce(7)
	b, logB := runOnce(7)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs with seed 7 and the same change gave different per-second metrics")
	}
	if !reflect.DeepEqual(logA, logB) {
		t.Fatal("two runs with seed 7 and the same change gave different logs")
	}
	c, _ := runOnce(8)
	if reflect.DeepEqual(a, c) {
		t.Fatal("seeds 7 and 8 gave identical metrics; the seed is not used")
	}
}

func TestAdvanceInStepsMatchesOneCall(t *testing.T) {
	cfg := checkoutConfig(3)
	cfg.Faults = []Fault{hangAt(10 * time.Second)}
	whole := run(t, cfg, 40*time.Second)

	steps := mustNew(t, cfg)
	for at := time.Duration(0); at <= 40*time.Second; at += 37 * time.Millisecond {
		steps.AdvanceTo(at)
	}
	steps.AdvanceTo(40 * time.Second)
	if !reflect.DeepEqual(whole.Seconds(), steps.Seconds()) {
		t.Fatal("advancing in 37 ms steps gave other metrics than one AdvanceTo")
	}
}

func TestArrivalsIgnoreChanges(t *testing.T) {
	plain := run(t, checkoutConfig(5), 30*time.Second)

	changed := mustNew(t, checkoutConfig(5))
	timeout := 100 * time.Millisecond
	if err := changed.Apply(0, Change{Calls: []CallChange{{
		Dependency: "payments", Timeout: &timeout, Retry: &RetrySpec{MaxAttempts: 3},
	}}}); err != nil {
		t.Fatal(err)
	}
	changed.AdvanceTo(30 * time.Second)

	for i := range plain.Seconds() {
		if a, b := plain.Seconds()[i].Arrivals, changed.Seconds()[i].Arrivals; a != b {
			t.Fatalf("second %d: %d arrivals without the change, %d with it; arrivals must not depend on the system", i, a, b)
		}
	}
}

func TestHangWithoutTimeoutSaturatesPool(t *testing.T) {
	tests := []struct {
		name          string
		pods, workers int
		rate          float64
	}{
		{"4 pods x 200 at 100 rps", 4, 200, 100},
		{"2 pods x 300 at 50 rps", 2, 300, 50},
		{"8 pods x 100 at 200 rps", 8, 100, 200},
	}
	hang := 30 * time.Second
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := checkoutConfig(1)
			cfg.System.Service.Pods = tc.pods
			cfg.System.Service.Workers = tc.workers
			cfg.Traffic.Rate = tc.rate
			cfg.Faults = []Fault{hangAt(hang)}
			s := mustNew(t, cfg)

			// Step in 10 ms until every worker is held.
			capacity := tc.pods * tc.workers
			var full time.Duration
			for at := hang; at < hang+10*time.Minute; at += 10 * time.Millisecond {
				s.AdvanceTo(at)
				if s.services[0].busy >= capacity {
					full = at - hang
					break
				}
			}
			predicted := time.Duration(float64(capacity) / tc.rate * float64(time.Second))
			if full == 0 {
				t.Fatalf("pool never filled; predicted after %s", predicted)
			}
			if diff := math.Abs(float64(full-predicted)) / float64(predicted); diff > 0.10 {
				t.Fatalf("pool filled %s after the hang, predicted N·W/λ = %s (off by %.0f%%, allowed 10%%)",
					full, predicted, diff*100)
			}

			// Success collapses and stays down.
			s.AdvanceTo(hang + predicted + 60*time.Second)
			secs := s.Seconds()
			from := int((hang + predicted + 15*time.Second) / time.Second)
			if got := goodRatio(secs, from, len(secs)); got > 0.01 {
				t.Fatalf("good responses after saturation: %.1f%%, want under 1%%", got*100)
			}
		})
	}
}

func TestTimeoutAndBreakerRecover(t *testing.T) {
	cfg := checkoutConfig(2)
	cfg.Faults = []Fault{hangAt(30 * time.Second)}
	cfg.System.Service.Calls[0].Timeout = 2 * time.Second
	cfg.System.Service.Calls[0].Breaker = &BreakerSpec{
		Window: 20, MinCalls: 10, FailurePercent: 50, OpenFor: 30 * time.Second, HalfOpenCalls: 3, Fallback: true,
	}
	s := run(t, cfg, 120*time.Second)
	secs := s.Seconds()

	// Within a few seconds every breaker is open and responses come from the
	// fallback, fast. Only the half-open probes still fail: 4 pods × 3
	// probes every 30 s.
	if got := goodRatio(secs, 40, 120); got < 0.99 {
		t.Fatalf("good responses from 40s to 120s: %.2f%%, want at least 99%%", got*100)
	}
	var p99 time.Duration
	for _, sec := range secs[40:120] {
		p99 = max(p99, sec.P99)
	}
	if p99 > 2100*time.Millisecond {
		t.Fatalf("worst per-second p99 from 40s on is %s, want at most the 2s timeout", p99)
	}
	if secs[60].BreakersOpen+secs[60].BreakersHalfOpen != 4 {
		t.Fatalf("second 60: %d open and %d half-open breakers, want all 4 tripped",
			secs[60].BreakersOpen, secs[60].BreakersHalfOpen)
	}
	if secs[60].Outcomes[OutcomeDegraded] == 0 {
		t.Fatal("second 60 has no degraded responses; the fallback never responded")
	}
}

func TestTimeoutAloneBoundsOccupancy(t *testing.T) {
	cfg := checkoutConfig(4)
	cfg.System.Service.Workers = 200
	cfg.System.Service.Calls[0].Timeout = time.Second
	cfg.Faults = []Fault{hangAt(10 * time.Second)}
	s := run(t, cfg, 60*time.Second)

	// Every call now holds a worker for the 1 s timeout: λ·T = 100 workers on
	// average, with the Poisson spread of one second of arrivals (σ = 10).
	mean := 0.0
	for _, sec := range s.Seconds()[20:60] {
		mean += sec.Busy / 40
		if math.Abs(sec.Busy-100) > 35 {
			t.Fatalf("second %s: %.1f busy workers, want about λ·T = 100", sec.Start, sec.Busy)
		}
		if sec.Outcomes[OutcomeTimeout] < sec.Settled()*9/10 {
			t.Fatalf("second %s: %d timeouts of %d responses, want nearly all", sec.Start, sec.Outcomes[OutcomeTimeout], sec.Settled())
		}
	}
	if math.Abs(mean-100.5) > 3 {
		t.Fatalf("mean busy workers %.1f, want λ·(T + CPU) = 100.5 within 3%%", mean)
	}
}

func TestLittlesLaw(t *testing.T) {
	cfg := checkoutConfig(11)
	cfg.Traffic.ClientTimeout = 0
	s := run(t, cfg, 600*time.Second)
	var busy, done float64
	for _, sec := range s.Seconds()[10:] {
		busy += sec.Busy
		done += float64(sec.Settled())
	}
	n := float64(len(s.Seconds()) - 10)
	lambda := done / n
	meanBusy := busy / n

	// Time in service is CPU plus the call: the means of both log-normals.
	spec := cfg.System
	w := newSampler(spec.Service.CPU).meanDuration() + newSampler(spec.Dependencies[0].Latency).meanDuration()
	predicted := lambda * w.Seconds()
	if diff := math.Abs(meanBusy-predicted) / predicted; diff > 0.03 {
		t.Fatalf("mean busy workers %.2f, Little's law predicts λ·W = %.2f·%s = %.2f (off by %.1f%%)",
			meanBusy, lambda, w, predicted, diff*100)
	}
}

func TestRetriesMultiplyAttempts(t *testing.T) {
	cfg := checkoutConfig(6)
	cfg.System.Dependencies[0].ErrorPercent = 100
	cfg.System.Service.Calls[0].Retry = &RetrySpec{MaxAttempts: 4, Backoff: 10 * time.Millisecond}
	cfg.Window = Window{From: 10 * time.Second, To: 50 * time.Second}
	s := run(t, cfg, 60*time.Second)
	tot := s.Totals()

	if tot.Outcomes[OutcomeError] != tot.Settled() {
		t.Fatalf("%d errors of %d responses, want every request to fail", tot.Outcomes[OutcomeError], tot.Settled())
	}
	perRequest := float64(tot.Attempts) / float64(tot.Arrivals)
	if math.Abs(perRequest-4) > 0.05 {
		t.Fatalf("%.3f attempts per request, want 4 (max_attempts)", perRequest)
	}
	if math.Abs(float64(tot.Retries)/float64(tot.Attempts)-0.75) > 0.01 {
		t.Fatalf("%d retries of %d attempts, want 3 of every 4", tot.Retries, tot.Attempts)
	}
}

func TestRetryWait(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name   string
		policy retryPolicy
		n      int
		min    time.Duration
		max    time.Duration
	}{
		{"no backoff retries at once", retryPolicy{backoff: 0, multiplier: 2}, 3, 0, 0},
		{"first retry waits the base", retryPolicy{backoff: 100 * time.Millisecond, multiplier: 2}, 1, 100 * time.Millisecond, 100 * time.Millisecond},
		{"third retry doubles twice", retryPolicy{backoff: 100 * time.Millisecond, multiplier: 2}, 3, 400 * time.Millisecond, 400 * time.Millisecond},
		{"cap applies", retryPolicy{backoff: 100 * time.Millisecond, multiplier: 2, maxBackoff: 250 * time.Millisecond}, 5, 250 * time.Millisecond, 250 * time.Millisecond},
		{"full jitter stays below the wait", retryPolicy{backoff: 100 * time.Millisecond, multiplier: 2, jitter: JitterFull}, 2, 0, 200 * time.Millisecond},
		{"equal jitter keeps half the wait", retryPolicy{backoff: 100 * time.Millisecond, multiplier: 2, jitter: JitterEqual}, 2, 100 * time.Millisecond, 200 * time.Millisecond},
		{"decorrelated stays within base and 3× the previous", retryPolicy{backoff: 100 * time.Millisecond, multiplier: 2, jitter: JitterDecorrelated}, 2, 100 * time.Millisecond, 300 * time.Millisecond},
		{"decorrelated respects the cap", retryPolicy{backoff: 100 * time.Millisecond, jitter: JitterDecorrelated, maxBackoff: 150 * time.Millisecond}, 2, 100 * time.Millisecond, 150 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for range 100 {
				got := tc.policy.wait(tc.n, 0, r)
				if got < tc.min || got > tc.max {
					t.Fatalf("wait(%d) = %s, want within [%s, %s]", tc.n, got, tc.min, tc.max)
				}
			}
		})
	}
}

func TestFullJitterSpreadsWaits(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	p := retryPolicy{backoff: time.Second, multiplier: 2, jitter: JitterFull}
	var sum time.Duration
	for range 10000 {
		sum += p.wait(1, 0, r)
	}
	if mean := sum / 10000; mean < 480*time.Millisecond || mean > 520*time.Millisecond {
		t.Fatalf("mean full-jitter wait %s, want about half the 1s wait", mean)
	}
}

func TestClientGivesUpOnSlowDependency(t *testing.T) {
	cfg := checkoutConfig(8)
	cfg.Traffic.ClientTimeout = 2 * time.Second
	cfg.Faults = []Fault{{Kind: FaultSlow, Target: "payments", At: 10 * time.Second, Duration: 20 * time.Second, Add: 5 * time.Second}}
	cfg.System.Service.Workers = 1000
	s := run(t, cfg, 60*time.Second)
	secs := s.Seconds()

	slow := secs[15]
	if slow.Outcomes[OutcomeGaveUp] < slow.Settled()*9/10 {
		t.Fatalf("second 15: %d of %d clients gave up, want nearly all with 5s of extra latency and a 2s client timeout",
			slow.Outcomes[OutcomeGaveUp], slow.Settled())
	}
	if slow.P99 != 0 {
		t.Fatalf("second 15: p99 %s, want 0: latency covers good responses only, and there were none", slow.P99)
	}
	// The server still works on abandoned requests: about 5 s × 100 rps.
	if slow.Busy < 400 {
		t.Fatalf("second 15: %.0f busy workers, want the server still holding abandoned calls (~500)", slow.Busy)
	}
	if got := goodRatio(secs, 40, 60); got < 0.99 {
		t.Fatalf("good responses after the slowdown: %.1f%%, want at least 99%%", got*100)
	}
}

func TestQueueFullRejects(t *testing.T) {
	cfg := checkoutConfig(1)
	cfg.Faults = []Fault{hangAt(5 * time.Second)}
	s := run(t, cfg, 30*time.Second)
	sec := s.Seconds()[20]
	if sec.Outcomes[OutcomeQueueFull] < sec.Arrivals*9/10 {
		t.Fatalf("second 20: %d queue-full rejections of %d arrivals, want nearly all", sec.Outcomes[OutcomeQueueFull], sec.Arrivals)
	}
	if sec.Queued < 79 || sec.Queued > 80 {
		t.Fatalf("second 20: %.1f queued, want the full 4 × 20", sec.Queued)
	}
}

func TestLiveTimeoutAppliesToNewCallsOnly(t *testing.T) {
	cfg := checkoutConfig(3)
	cfg.Faults = []Fault{hangAt(10 * time.Second)}
	s := run(t, cfg, 20*time.Second)
	stuck := s.services[0].busy

	timeout := time.Second
	if err := s.Apply(20*time.Second, Change{Calls: []CallChange{{Dependency: "payments", Timeout: &timeout}}}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(60 * time.Second)
	if s.services[0].busy != stuck {
		t.Fatalf("%d busy workers after a live timeout change, want the %d stuck calls to stay stuck", s.services[0].busy, stuck)
	}
	if last := s.Log()[len(s.Log())-1]; !strings.Contains(last.Text, "pushed live") {
		t.Fatalf("last log entry %q, want the live push", last.Text)
	}
}

func TestRollingUpdateReplacesPods(t *testing.T) {
	cfg := checkoutConfig(3)
	cfg.Faults = []Fault{hangAt(10 * time.Second)}
	s := run(t, cfg, 20*time.Second)

	timeout := time.Second
	if err := s.Apply(20*time.Second, Change{Rollout: RolloutRolling, Calls: []CallChange{{Dependency: "payments", Timeout: &timeout}}}); err != nil {
		t.Fatal(err)
	}
	minReady := 4
	for at := 20 * time.Second; at <= 60*time.Second; at += 100 * time.Millisecond {
		s.AdvanceTo(at)
		minReady = min(minReady, len(s.services[0].ready))
		if len(s.services[0].pods) > 5 {
			t.Fatalf("at %s: %d pods, want at most 4 + 1 surge", at, len(s.services[0].pods))
		}
	}
	if minReady < 3 {
		t.Fatalf("ready pods fell to %d during the update, want at least 4 - 1 unavailable", minReady)
	}
	for _, p := range s.Pods() {
		if p.Version != 2 || p.State != "ready" {
			t.Fatalf("pod %s is %s on config v%d, want ready on v2", p.Name, p.State, p.Version)
		}
	}
	// New pods time out hung calls after 1 s: 25 rps × 1 s per pod.
	if busy := s.Seconds()[59].Busy; busy > 130 {
		t.Fatalf("%.0f busy workers after the update, want about 100", busy)
	}
	found := false
	for _, e := range s.Log() {
		found = found || strings.Contains(e.Text, "to config v2 complete")
	}
	if !found {
		t.Fatal("log does not say the rolling update completed")
	}
}

func TestRecreateLeavesNoPodReady(t *testing.T) {
	cfg := checkoutConfig(3)
	s := run(t, cfg, 10*time.Second)
	if err := s.Apply(10*time.Second, Change{Rollout: RolloutRecreate}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(14 * time.Second)
	// The old pods exit at once (no graceful shutdown) but stay in the load
	// balancer for the endpoint lag, so every request is refused.
	sec := s.Seconds()[12]
	if sec.PodsReady != 0 || sec.Outcomes[OutcomeRefused] != sec.Arrivals {
		t.Fatalf("second 12: %d pods ready, %d of %d requests refused; want 0 ready and all refused",
			sec.PodsReady, sec.Outcomes[OutcomeRefused], sec.Arrivals)
	}
	// The new pods start once the old ones leave the endpoints at 13 s,
	// and take the 5 s start-up.
	s.AdvanceTo(20 * time.Second)
	if got := s.Seconds()[17].PodsReady; got != 0 {
		t.Fatalf("second 17: %d pods ready, want 0 before the start-up ends", got)
	}
	if got := s.Seconds()[18].PodsReady; got != 4 {
		t.Fatalf("second 18: %d pods ready, want 4 after the 5s start-up", got)
	}
}

func TestScalingChangesReplicas(t *testing.T) {
	s := run(t, checkoutConfig(3), 5*time.Second)
	if err := s.Apply(5*time.Second, Change{Pods: 6}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(11 * time.Second)
	if got := s.Seconds()[10].PodsReady; got != 6 {
		t.Fatalf("%d pods ready after scaling to 6, want 6", got)
	}
	if err := s.Apply(11*time.Second, Change{Pods: 2}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(13 * time.Second)
	if got := len(s.Pods()); got != 2 {
		t.Fatalf("%d pods after scaling to 2, want 2", got)
	}
}

func TestApplyRejectsPastAndInvalid(t *testing.T) {
	s := run(t, checkoutConfig(1), 10*time.Second)
	if err := s.Apply(5*time.Second, Change{}); err == nil || !strings.Contains(err.Error(), "in the past") {
		t.Fatalf("Apply in the past: %v, want an error that says so", err)
	}
	err := s.Apply(10*time.Second, Change{Rollout: "blue-green", Calls: []CallChange{{Dependency: "ledger"}}})
	var ps ProblemsError
	if !errors.As(err, &ps) || len(ps) != 2 {
		t.Fatalf("Apply with a bad rollout and an unknown call: %v, want 2 problems", err)
	}
	if ps[0].Path != "rollout" || ps[1].Path != "calls[0].dependency" {
		t.Fatalf("problem paths %q and %q, want rollout and calls[0].dependency", ps[0].Path, ps[1].Path)
	}
}

func TestNewReportsEveryProblem(t *testing.T) {
	cfg := checkoutConfig(1)
	cfg.System.Service.Pods = 0
	cfg.System.Service.CPU = Dist{}
	cfg.System.Service.Calls[0].Dependency = "ledger"
	cfg.System.Dependencies[0].Latency = Dist{Median: time.Second, P99: time.Millisecond}
	cfg.Traffic.Rate = -5
	cfg.Faults = []Fault{{Kind: "melt", Target: "payments"}}

	_, err := New(cfg)
	var ps ProblemsError
	if !errors.As(err, &ps) {
		t.Fatalf("New: %v, want a ProblemsError", err)
	}
	want := []string{
		"system.dependencies[0].latency",
		"system.service.pods",
		"system.service.cpu",
		"system.service.calls[0].dependency",
		"traffic.rate",
		"faults[0].kind",
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Path)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("problem paths:\n got %q\nwant %q", got, want)
	}
	for _, p := range ps {
		if p.Message == "" {
			t.Fatalf("problem at %s has no message", p.Path)
		}
	}
}

func TestRateStepsChangeArrivals(t *testing.T) {
	cfg := checkoutConfig(12)
	cfg.Traffic.Steps = []RateStep{{At: 20 * time.Second, Rate: 300}, {At: 40 * time.Second, Rate: 0}}
	cfg.System.Service.Workers = 500
	s := run(t, cfg, 60*time.Second)
	count := func(from, to int) int {
		n := 0
		for _, sec := range s.Seconds()[from:to] {
			n += sec.Arrivals
		}
		return n
	}
	if n := count(0, 20); n < 1800 || n > 2200 {
		t.Fatalf("%d arrivals in the first 20s at 100 rps, want about 2000", n)
	}
	if n := count(20, 40); n < 5600 || n > 6400 {
		t.Fatalf("%d arrivals from 20s to 40s at 300 rps, want about 6000", n)
	}
	if n := count(40, 60); n != 0 {
		t.Fatalf("%d arrivals after the rate dropped to 0, want none", n)
	}
}
