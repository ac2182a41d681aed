package sim

import (
	"math"
	"testing"
	"time"
)

// mmcConfig is an M/M/c queue: one pod with c workers, exponential service
// with a 100 ms mean, Poisson arrivals at utilisation rho, an unbounded
// queue and patient clients.
func mmcConfig(c int, rho float64, seed uint64) Config {
	return Config{
		Seed: seed,
		System: System{Service: ServiceSpec{
			Name: "mmc", Pods: 1, Workers: c, Queue: 1 << 30,
			CPU: Dist{Mean: 100 * time.Millisecond},
		}},
		Traffic: Traffic{Rate: rho * float64(c) / 0.1},
	}
}

// erlangC returns the mean time in system of an M/M/c queue with arrival
// rate lambda and service rate mu, from the Erlang C formula.
func erlangC(c int, lambda, mu float64) float64 {
	a := lambda / mu
	rho := a / float64(c)
	term, sum := 1.0, 1.0 // a^k/k! for k = 0
	for k := 1; k < c; k++ {
		term *= a / float64(k)
		sum += term
	}
	last := term * a / float64(c) / (1 - rho) // a^c/c! · 1/(1−ρ)
	pWait := last / (sum + last)
	return pWait/(float64(c)*mu-lambda) + 1/mu
}

func TestErlangCMeanTimeInSystem(t *testing.T) {
	tests := []struct {
		c    int
		rho  float64
		want time.Duration // from simulation-facts.md
	}{
		{1, 0.5, 200 * time.Millisecond},
		{1, 0.8, 500 * time.Millisecond},
		{1, 0.9, time.Second},
		{10, 0.5, 100700 * time.Microsecond},
		{10, 0.8, 120500 * time.Microsecond},
		{10, 0.9, 166900 * time.Microsecond},
	}
	for _, tc := range tests {
		lambda := tc.rho * float64(tc.c) / 0.1
		theory := erlangC(tc.c, lambda, 10)
		if table := tc.want.Seconds(); math.Abs(theory-table)/table > 0.002 {
			t.Fatalf("c=%d ρ=%.1f: formula gives %.4f s, table %.4f s", tc.c, tc.rho, theory, table)
		}
		// Heavy load needs long runs for the mean to settle: about two
		// million requests, over several seeds.
		var sum float64
		seeds := 4
		for seed := 1; seed <= seeds; seed++ {
			run := time.Duration(150000/lambda) * time.Second
			cfg := mmcConfig(tc.c, tc.rho, uint64(seed))
			cfg.Window = Window{From: 100 * time.Second}
			s := mustNew(t, cfg)
			s.AdvanceTo(run)
			sum += s.Totals().Mean.Seconds()
		}
		got := sum / float64(seeds)
		t.Logf("c=%d ρ=%.1f: %.4f s against Erlang C %.4f s (%+.2f %%)", tc.c, tc.rho, got, theory, 100*(got-theory)/theory)
		if math.Abs(got-theory)/theory > 0.02 {
			t.Errorf("c=%d ρ=%.1f: mean time in system %.4f s, Erlang C %.4f s: off by more than 2 %%", tc.c, tc.rho, got, theory)
		}
	}
}

// Little's law ties three measured quantities: the time-averaged number in
// the system, the arrival rate and the mean time in system.
func TestLittlesLawMeasured(t *testing.T) {
	cfg := mmcConfig(10, 0.8, 3)
	cfg.Window = Window{From: 100 * time.Second, To: 20100 * time.Second}
	s := run(t, cfg, 20100*time.Second)
	var inSystem float64
	secs := s.Seconds()[100:20100]
	for _, sec := range secs {
		inSystem += sec.Busy + sec.Queued
	}
	l := inSystem / float64(len(secs))
	tot := s.Totals()
	lambda := float64(tot.Arrivals) / float64(len(secs))
	w := tot.Mean.Seconds()
	if diff := math.Abs(l-lambda*w) / l; diff > 0.01 {
		t.Fatalf("L = %.3f, λ·W = %.2f·%.4f = %.3f: off by %.2f %%, want within 1 %%", l, lambda, w, lambda*w, 100*diff)
	}
}

// chainConfig is layers services in a chain in front of a leaf that fails
// fast, each making attempts tries on its call.
func chainConfig(layers, attempts int, budget float64) Config {
	cfg := Config{Seed: 5, Traffic: Traffic{Rate: 20}}
	names := []string{"edge", "api", "orders", "stock"}
	for i := range layers {
		next := "leaf"
		if i+1 < layers {
			next = names[i+1]
		}
		spec := ServiceSpec{
			Name: names[i], Pods: 1, Workers: 10000, CPU: Dist{Fixed: time.Millisecond},
			Calls: []CallSpec{{Dependency: next, Retry: &RetrySpec{MaxAttempts: attempts, Backoff: time.Millisecond, Jitter: JitterNone, Budget: budget}}},
		}
		if i == 0 {
			cfg.System.Service = spec
		} else {
			cfg.System.Services = append(cfg.System.Services, spec)
		}
	}
	cfg.System.Dependencies = []DependencySpec{{Name: "leaf", Latency: Dist{Fixed: time.Millisecond}, ErrorPercent: 100}}
	// Clients stop at 100 s, so every request's attempts finish in the run.
	cfg.Traffic.Steps = []RateStep{{At: 100 * time.Second, Rate: 0}}
	return cfg
}

func TestRetryAmplificationAcrossLayers(t *testing.T) {
	tests := []struct {
		name     string
		layers   int
		attempts int
		budget   float64
		min, max float64
	}{
		{"3 layers × 4 attempts give 4³", 3, 4, 0, 64, 64},
		{"1 layer × 4 attempts", 1, 4, 0, 4, 4},
		{"a 10 % budget caps one layer near 1.1×", 1, 4, 0.1, 1, 1.2},
		// Each layer's budget lets 10 % through: about 1.1³ at the leaf.
		{"a 10 % budget at 3 layers", 3, 4, 0.1, 1, 1.1*1.1*1.1 + 0.05},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := run(t, chainConfig(tc.layers, tc.attempts, tc.budget), 120*time.Second)
			tot := s.Totals()
			if tot.Settled() != tot.Arrivals {
				t.Fatalf("%d of %d requests answered, want all", tot.Settled(), tot.Arrivals)
			}
			got := float64(tot.Calls["leaf"]) / float64(tot.Arrivals)
			if got < tc.min || got > tc.max {
				t.Fatalf("%.3f attempts at the leaf per request, want within [%.2f, %.2f]", got, tc.min, tc.max)
			}
		})
	}
}
