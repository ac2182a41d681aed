package sim

import (
	"math"
	"testing"
	"time"
)

// mmcMeanTime returns the mean time in an M/M/c system from Erlang C.
func mmcMeanTime(c int, lambda, mu float64) time.Duration {
	return time.Duration(erlangC(c, lambda, mu) * float64(time.Second))
}

// leafQueueConfig sends rate calls a second to a leaf with c connections
// and exponential latency of mean 100 ms, through a service that is never
// the bottleneck.
func leafQueueConfig(seed uint64, c int, rate float64) Config {
	return Config{
		Seed: seed,
		System: System{
			Service: ServiceSpec{
				Name: "api", Pods: 1, Workers: 100000,
				CPU:   Dist{Fixed: time.Nanosecond},
				Calls: []CallSpec{{Dependency: "db"}},
			},
			Dependencies: []DependencySpec{{
				Name: "db", Latency: Dist{Mean: 100 * time.Millisecond}, Connections: c,
			}},
		},
		Traffic: Traffic{Rate: rate},
	}
}

func TestErlangCMatchesTable(t *testing.T) {
	tests := []struct {
		c    int
		rho  float64
		want time.Duration
	}{
		{1, 0.5, 200 * time.Millisecond},
		{1, 0.8, 500 * time.Millisecond},
		{10, 0.5, 100700 * time.Microsecond},
		{10, 0.8, 120500 * time.Microsecond},
		{10, 0.9, 166900 * time.Microsecond},
	}
	for _, tc := range tests {
		got := mmcMeanTime(tc.c, tc.rho*float64(tc.c)*10, 10)
		if math.Abs(float64(got-tc.want)) > float64(time.Millisecond)/10 {
			t.Errorf("c=%d ρ=%g: formula gives %s, table %s", tc.c, tc.rho, got, tc.want)
		}
	}
}

// TestLeafConnectionsQueueLikeMMc checks that a leaf with a connection
// limit behaves as an M/M/c queue: the mean time from sending a call to its
// answer matches Erlang C.
func TestLeafConnectionsQueueLikeMMc(t *testing.T) {
	tests := []struct {
		c         int
		rho       float64
		span      time.Duration
		tolerance float64
	}{
		{1, 0.5, 10000 * time.Second, 0.03},
		{1, 0.8, 20000 * time.Second, 0.05},
		{10, 0.5, 2000 * time.Second, 0.02},
		{10, 0.8, 2000 * time.Second, 0.02},
		{10, 0.9, 4000 * time.Second, 0.03},
	}
	for _, tc := range tests {
		rate := tc.rho * float64(tc.c) * 10 // μ = 10/s
		s := run(t, leafQueueConfig(1, tc.c, rate), tc.span)
		p := s.deps[0].pool
		got := p.sojourn / time.Duration(p.served)
		want := mmcMeanTime(tc.c, rate, 10)
		if diff := math.Abs(float64(got-want)) / float64(want); diff > tc.tolerance {
			t.Errorf("c=%d ρ=%g: mean time at the leaf %s, Erlang C %s (off by %.1f%%, allowed %.0f%%)",
				tc.c, tc.rho, got, want, diff*100, tc.tolerance*100)
		}
	}
}

// TestTimedOutQueryIsStillServed checks that a caller's timeout leaves its
// query queued at the leaf, which serves it as wasted work.
func TestTimedOutQueryIsStillServed(t *testing.T) {
	cfg := leafQueueConfig(1, 1, 20)
	cfg.System.Dependencies[0].Latency = Dist{Fixed: 100 * time.Millisecond}
	cfg.System.Service.Calls[0].Timeout = 50 * time.Millisecond
	s := run(t, cfg, 20*time.Second)

	tot := s.Totals()
	if tot.Good() != 0 {
		t.Fatalf("%d calls succeeded; every call takes 100 ms against a 50 ms timeout", tot.Good())
	}
	p := s.deps[0].pool
	if p.served < 190 {
		t.Fatalf("the leaf served %d queries in 20 s at its capacity of 10/s, want about 200: timed-out queries must still be served", p.served)
	}
	if p.queued() < 150 {
		t.Fatalf("%d queries wait at the leaf after 20 s of 20 calls/s against 10/s of capacity, want about 200", p.queued())
	}
}

// TestHungQueryHoldsConnectionUntilFaultEnds checks that a hang holds a
// limited leaf's connections, so calls queue behind it, and that they are
// freed when the fault ends.
func TestHungQueryHoldsConnectionUntilFaultEnds(t *testing.T) {
	cfg := leafQueueConfig(1, 5, 20)
	cfg.System.Service.Calls[0].Timeout = time.Second
	cfg.Faults = []Fault{{Kind: FaultHang, Target: "db", At: 10 * time.Second, Duration: 10 * time.Second}}
	s := run(t, cfg, 40*time.Second)

	secs := s.Seconds()
	if got := secs[15].Leaves[0].InUse; got != 5 {
		t.Errorf("connections in use during the hang: %d, want all 5", got)
	}
	if g := goodRatio(secs, 12, 20); g > 0.01 {
		t.Errorf("good ratio during the hang %.2f, want 0", g)
	}
	if g := goodRatio(secs, 30, 40); g < 0.99 {
		t.Errorf("good ratio 10 s after the hang %.3f, want the leaf to have recovered", g)
	}
}
