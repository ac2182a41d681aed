package sim

import (
	"testing"
	"time"
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
}
