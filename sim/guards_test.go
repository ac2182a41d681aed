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
