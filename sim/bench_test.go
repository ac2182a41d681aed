package sim

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"gameday/internal/benchcpu"
)

// BenchmarkMMc runs an M/M/8 queue at λ = 700/s, μ = 100/s through the
// full engine (one pod of 8 workers, an unbounded-enough queue, no calls)
// and reports simulated requests per wall-clock second.
func BenchmarkMMc(b *testing.B) {
	cfg := Config{
		Seed: 1,
		System: System{Service: ServiceSpec{
			Pods: 1, Workers: 8, Queue: 1 << 20,
			CPU: Dist{Mean: 10 * time.Millisecond},
		}},
		Traffic: Traffic{Rate: 700},
	}
	const span = 1000 * time.Second // 700,000 requests per run
	b.ReportAllocs()
	requests := 0
	start := benchcpu.Now(b)
	for b.Loop() {
		s, err := New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		s.AdvanceTo(span)
		for _, sec := range s.Seconds() {
			requests += sec.Settled()
		}
	}
	b.ReportMetric(float64(requests)/b.Elapsed().Seconds(), "requests/s")
	// On a shared machine wall time includes waiting for a CPU; requests
	// per CPU-second measures the engine itself (GC threads included).
	cpu := benchcpu.Now(b) - start
	b.ReportMetric(float64(requests)/cpu.Seconds(), "requests/cpu-s")
}

// incidentConfig is a 10-minute incident through three hops (gateway →
// orders → inventory → database) with every policy on: bulkheads,
// breakers, retries with jitter and a budget, timeouts, deadline
// propagation, a per-client rate limit and load shedding. The database
// slows down for two minutes in the middle.
func incidentConfig(rate float64) Config {
	policies := func(dep string) CallSpec {
		return CallSpec{
			Dependency: dep,
			Timeout:    500 * time.Millisecond,
			Bulkhead:   &BulkheadSpec{MaxConcurrent: 400, MaxWait: 10 * time.Millisecond},
			Breaker:    &BreakerSpec{Window: 100, MinCalls: 50, FailurePercent: 50, SlowCallPercent: 80, SlowCallDuration: 300 * time.Millisecond, OpenFor: 5 * time.Second, HalfOpenCalls: 5, Fallback: true},
			Retry:      &RetrySpec{MaxAttempts: 3, Backoff: 20 * time.Millisecond, MaxBackoff: 200 * time.Millisecond, Jitter: JitterFull, Budget: 0.1},
		}
	}
	pods := max(2, int(rate/250))
	service := func(name, dep string) ServiceSpec {
		return ServiceSpec{
			Name: name, Pods: pods, Workers: 200, Queue: 100,
			Zones:               []string{"a", "b", "c"},
			Balancer:            BalancerLeastOutstanding,
			DeadlinePropagation: true,
			Shedding:            &SheddingSpec{MaxQueue: 100, MaxWait: 300 * time.Millisecond},
			CPU:                 Dist{Median: 2 * time.Millisecond, P99: 10 * time.Millisecond},
			Calls:               []CallSpec{policies(dep)},
		}
	}
	gateway := service("gateway", "orders")
	gateway.RateLimit = &RateLimitSpec{Rate: rate / 50, Burst: int(rate / 25)}
	return Config{
		Seed: 1,
		System: System{
			Service:      gateway,
			Services:     []ServiceSpec{service("orders", "inventory"), service("inventory", "db")},
			Dependencies: []DependencySpec{{Name: "db", Latency: Dist{Median: 5 * time.Millisecond, P99: 40 * time.Millisecond}, ErrorPercent: 0.1}},
		},
		Traffic: Traffic{Rate: rate, Clients: 100, ClientTimeout: 2 * time.Second},
		Faults:  []Fault{{Kind: FaultSlow, Target: "db", At: 4 * time.Minute, Duration: 2 * time.Minute, Add: 400 * time.Millisecond}},
	}
}

// BenchmarkIncident simulates the 10-minute, 3-hop incident at 1,000
// requests a second and at 10× and 100× that, reporting the cost per
// client request (flat if cost is linear in requests) and the peak heap.
func BenchmarkIncident(b *testing.B) {
	for _, rate := range []float64{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("rate=%g", rate), func(b *testing.B) {
			cfg := incidentConfig(rate)
			requests := 0
			var peak uint64
			var ms runtime.MemStats
			start := benchcpu.Now(b)
			for b.Loop() {
				s, err := New(cfg)
				if err != nil {
					b.Fatal(err)
				}
				for t := time.Minute; t <= 10*time.Minute; t += time.Minute {
					s.AdvanceTo(t)
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapInuse)
				}
				requests += s.Totals().Arrivals
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(requests), "ns/request")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			benchcpu.Report(b, start)
		})
	}
}
