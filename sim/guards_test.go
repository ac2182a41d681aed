package sim

import (
	"testing"
	"time"
)

// sharedPoolConfig is one service with two endpoints on one worker pool: a
// report endpoint calling a slow reporting store and a buy endpoint calling
// payments.
func sharedPoolConfig(seed uint64) Config {
	return Config{
		Seed: seed,
		System: System{
			Service: ServiceSpec{
				Name: "shop", Pods: 2, Workers: 100, Queue: 50,
				CPU: Dist{Mean: 2 * time.Millisecond},
				Endpoints: []EndpointSpec{
					{Name: "report", Share: 20, Calls: []CallSpec{{Dependency: "reports"}}},
					{Name: "buy", Share: 80, Calls: []CallSpec{{Dependency: "payments", Timeout: time.Second}}},
				},
			},
			Dependencies: []DependencySpec{
				{Name: "reports", Latency: Dist{Mean: 50 * time.Millisecond}},
				{Name: "payments", Latency: Dist{Mean: 50 * time.Millisecond}},
			},
		},
		Traffic: Traffic{Rate: 400, ClientTimeout: 5 * time.Second},
		Faults:  []Fault{{Kind: FaultHang, Target: "reports", At: 10 * time.Second}},
		Window:  Window{From: 30 * time.Second},
	}
}

// buyGood returns the good share of requests over the window; with 20 % of
// traffic on the hung report endpoint, 0.8 means every buy succeeds.
func buyGood(t *testing.T, cfg Config) float64 {
	s := run(t, cfg, 60*time.Second)
	return s.Totals().GoodRatio()
}

func TestBulkheadKeepsOneTargetFromTakingThePool(t *testing.T) {
	without := buyGood(t, sharedPoolConfig(1))
	if without > 0.05 {
		t.Fatalf("good share %.3f without a bulkhead, want ~0: the hung reports hold every worker", without)
	}

	cfg := sharedPoolConfig(1)
	cfg.System.Service.Endpoints[0].Calls[0].Bulkhead = &BulkheadSpec{MaxConcurrent: 40}
	with := buyGood(t, cfg)
	if with < 0.79 {
		t.Fatalf("good share %.3f with a 40-slot bulkhead on reports, want ≈ 0.8: every buy served", with)
	}
}

func TestBulkheadWaitAndFallback(t *testing.T) {
	cfg := sharedPoolConfig(2)
	cfg.System.Service.Endpoints[0].Calls[0].Bulkhead = &BulkheadSpec{MaxConcurrent: 40, MaxWait: 100 * time.Millisecond, Fallback: true}
	s := run(t, cfg, 60*time.Second)
	tot := s.Totals()
	if tot.Outcomes[OutcomeDegraded] == 0 || tot.Outcomes[OutcomeBulkheadFull] != 0 {
		t.Fatalf("outcomes %v, want rejected reports answered by the fallback", tot.Outcomes)
	}
	if g := tot.GoodRatio(); g < 0.99 {
		t.Fatalf("good share %.3f with a fallback, want ≥ 0.99", g)
	}
}

// overloadConfig is a CPU-bound service with a capacity of 1,000 requests a
// second (100 workers × 100 ms) offered twice that, behind clients that
// wait one second.
func overloadConfig(shed *SheddingSpec) Config {
	return Config{
		Seed: 4,
		System: System{Service: ServiceSpec{
			Name: "api", Pods: 1, Workers: 100, Queue: 100000,
			CPU:      Dist{Fixed: 100 * time.Millisecond},
			Shedding: shed,
		}},
		Traffic: Traffic{Rate: 2000, ClientTimeout: time.Second},
		Window:  Window{From: 30 * time.Second},
	}
}

func TestSheddingKeepsGoodputAtCapacity(t *testing.T) {
	goodput := func(shed *SheddingSpec) float64 {
		s := run(t, overloadConfig(shed), 60*time.Second)
		return float64(s.Totals().Good()) / 30
	}
	if g := goodput(nil); g > 50 {
		t.Fatalf("goodput %.0f/s at 2× overload without shedding, want near 0: queueing delay passes the client timeout", g)
	}
	for _, shed := range []*SheddingSpec{{MaxQueue: 50}, {MaxWait: 500 * time.Millisecond}} {
		if g := goodput(shed); g < 900 {
			t.Fatalf("goodput %.0f/s with shedding %+v, want near the capacity of 1000/s", g, *shed)
		}
	}
}

func TestRateLimitStopsOneAbusiveClient(t *testing.T) {
	cfg := Config{
		Seed: 3,
		System: System{
			Service: ServiceSpec{
				Name: "api", Pods: 2, Workers: 50, Queue: 100,
				CPU:   Dist{Mean: 5 * time.Millisecond},
				Calls: []CallSpec{{Dependency: "db", Timeout: time.Second}},
			},
			Dependencies: []DependencySpec{{Name: "db", Latency: Dist{Mean: 40 * time.Millisecond}}},
		},
		Traffic: Traffic{Rate: 500, Clients: 50, ClientTimeout: 5 * time.Second},
		Faults:  []Fault{{Kind: FaultAbusiveClient, At: 10 * time.Second, Rate: 10000}},
		Window:  Window{From: 20 * time.Second},
	}
	s := run(t, cfg, 60*time.Second)
	if g := s.Totals().GoodRatio(); g > 0.5 {
		t.Fatalf("good share %.2f under the abusive client, want the pool overrun", g)
	}

	// 20 requests a second each is twice a normal client's 500/50.
	cfg.System.Service.RateLimit = &RateLimitSpec{Rate: 20, Burst: 40}
	s = run(t, cfg, 60*time.Second)
	tot := s.Totals()
	limited := tot.Abusive.Outcomes[OutcomeRateLimited]
	if abusive := tot.Abusive.Arrivals; limited < abusive*95/100 {
		t.Fatalf("%d requests rate limited, want nearly all of the abuser's %d", limited, abusive)
	}
	if g := tot.GoodRatio(); g < 0.99 {
		t.Fatalf("good share %.3f for the well-behaved clients, want ≥ 0.99", g)
	}
	if n := tot.Outcomes[OutcomeRateLimited]; n > 0 {
		t.Fatalf("%d well-behaved requests rate limited, want none at twice their rate", n)
	}

	// A global limit throttles everyone alike.
	cfg.System.Service.RateLimit = &RateLimitSpec{Rate: 2000, Scope: RateLimitGlobal}
	s = run(t, cfg, 60*time.Second)
	if n := s.Totals().Outcomes[OutcomeRateLimited]; n == 0 {
		t.Fatal("no well-behaved request rate limited by a global limit the abuser drains")
	}
}

func TestSurgeMultipliesArrivals(t *testing.T) {
	cfg := overloadConfig(nil)
	cfg.Traffic.Rate = 100
	cfg.Faults = []Fault{{Kind: FaultSurge, At: 10 * time.Second, Duration: 10 * time.Second, Factor: 3}}
	s := run(t, cfg, 30*time.Second)
	count := func(from, to int) (n int) {
		for _, sec := range s.Seconds()[from:to] {
			n += sec.Arrivals
		}
		return n
	}
	before, during, after := count(0, 10), count(10, 20), count(20, 30)
	if r := float64(during) / float64(before); r < 2.6 || r > 3.4 {
		t.Fatalf("%d arrivals during the surge against %d before: ratio %.2f, want about 3", during, before, r)
	}
	if r := float64(after) / float64(before); r < 0.8 || r > 1.2 {
		t.Fatalf("%d arrivals after the surge against %d before, want the rate back", after, before)
	}
}

// With 4 cores a pod finishes at most 4 / 100 ms = 40 CPU-bound requests a
// second whatever its thread count; threads beyond the cores only queue.
func TestCoresCapCPUBoundThroughput(t *testing.T) {
	served := func(workers int) float64 {
		cfg := Config{
			Seed: 1,
			System: System{Service: ServiceSpec{
				Name: "api", Pods: 1, Workers: workers, Cores: 4, Queue: 10000,
				CPU: Dist{Mean: 100 * time.Millisecond},
			}},
			Traffic: Traffic{Rate: 60, ClientTimeout: 2 * time.Second},
			Window:  Window{From: 20 * time.Second},
		}
		s := run(t, cfg, 120*time.Second)
		return float64(s.Totals().Good()) / 100
	}
	four, forty := served(4), served(40)
	if four > 41 || forty > 41 {
		t.Fatalf("%.1f and %.1f good responses a second with 4 and 40 threads on 4 cores, want at most 40", four, forty)
	}
	if forty > four*1.05 {
		t.Fatalf("40 threads served %.1f/s against %.1f/s for 4: extra threads on 4 cores must not add capacity", forty, four)
	}
}

// A handler that ends right after its CPU time (a health probe, or a
// request failed by a bad release) must give its core back. Otherwise each
// probe leaks a core and, once all are gone, the pod serves nothing.
func TestCoresAreFreedByProbesAndFailedRequests(t *testing.T) {
	cfg := Config{
		Seed: 1,
		System: System{Service: ServiceSpec{
			Name: "api", Pods: 1, Workers: 8, Cores: 2, Queue: 1000,
			CPU:    Dist{Mean: 10 * time.Millisecond},
			Probes: ProbesSpec{Readiness: &ProbeSpec{Period: time.Second}},
		}},
		Traffic: Traffic{Rate: 50, ClientTimeout: 2 * time.Second},
		Window:  Window{From: 60 * time.Second},
	}
	s := run(t, cfg, 120*time.Second)
	if got := s.Totals().Good(); got < 2800 {
		t.Fatalf("%d good responses in the last minute at 50/s on 2 cores with probes every second, want about 3000", got)
	}
}
