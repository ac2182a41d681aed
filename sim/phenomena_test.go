package sim

import (
	"testing"
	"time"
)

// TestBimodalLatencyStarvesThePool is the SRE book's case: 10 servers ×
// 100 threads serve 1,000 requests a second of 100 ms, but 5 % of calls
// hang until a 100 s deadline. Each thread is then held 0.95·0.1 s +
// 0.05·100 s = 5.095 s on average, so 1,000 threads admit 1000/5.095 ≈ 196
// requests a second: about 19.6 % of the traffic.
func TestBimodalLatencyStarvesThePool(t *testing.T) {
	cfg := Config{
		Seed: 8,
		System: System{
			Service: ServiceSpec{
				Name: "api", Pods: 10, Workers: 100, Queue: 0,
				CPU:   Dist{Fixed: time.Millisecond},
				Calls: []CallSpec{{Dependency: "backend", Timeout: 100 * time.Second}},
			},
			Dependencies: []DependencySpec{{Name: "backend", Latency: Dist{Fixed: 99 * time.Millisecond}}},
		},
		Traffic: Traffic{Rate: 1000},
		Faults:  []Fault{{Kind: FaultHang, Target: "backend", Percent: 5}},
		Window:  Window{From: 300 * time.Second, To: 900 * time.Second},
	}
	s := run(t, cfg, 900*time.Second)
	tot := s.Totals()
	admitted := float64(tot.Arrivals-tot.Outcomes[OutcomeQueueFull]) / float64(tot.Arrivals)
	t.Logf("%.2f %% admitted", 100*admitted)
	if admitted < 0.186 || admitted > 0.206 {
		t.Fatalf("%.1f %% of requests admitted, want about 19.6 %%", 100*admitted)
	}
}

// metastableConfig is a backend with a capacity of 300 requests a second
// (30 workers × 100 ms) and a deep queue, behind a front that calls it with
// a 1 s timeout and three immediate attempts. Clients send 200 a second. A
// 10 s slowdown of the backend's disk is the trigger.
func metastableConfig(call CallSpec, backend func(*ServiceSpec)) Config {
	call.Dependency = "backend"
	call.Timeout = time.Second
	cfg := Config{
		Seed: 12,
		System: System{
			Service: ServiceSpec{
				Name: "front", Pods: 2, Workers: 2000, Queue: 100,
				CPU:   Dist{Fixed: time.Millisecond},
				Calls: []CallSpec{call},
			},
			Services: []ServiceSpec{{
				Name: "backend", Pods: 1, Workers: 30, Queue: 600,
				CPU:   Dist{Mean: 90 * time.Millisecond},
				Calls: []CallSpec{{Dependency: "disk"}},
			}},
			Dependencies: []DependencySpec{{Name: "disk", Latency: Dist{Fixed: 10 * time.Millisecond}}},
		},
		Traffic: Traffic{Rate: 200, ClientTimeout: 4 * time.Second},
		Faults:  []Fault{{Kind: FaultSlow, Target: "disk", At: 30 * time.Second, Duration: 10 * time.Second, Add: 400 * time.Millisecond}},
	}
	if backend != nil {
		backend(&cfg.System.Services[0])
	}
	return cfg
}

var aggressive = RetrySpec{MaxAttempts: 3, Jitter: JitterNone}

func TestRetryStormIsMetastable(t *testing.T) {
	s := run(t, metastableConfig(CallSpec{Retry: &aggressive}, nil), 110*time.Second)
	secs := s.Seconds()
	if g := goodRatio(secs, 0, 30); g < 0.99 {
		t.Fatalf("good ratio %.3f before the trigger, want a healthy system", g)
	}
	// The trigger ends at 40 s; a minute later the storm still holds it.
	if g := goodRatio(secs, 40, 100); g > 0.2 {
		t.Fatalf("good ratio %.3f in the minute after the trigger ended, want below 0.2: retries sustain the overload", g)
	}
}

func TestMetastableEscapes(t *testing.T) {
	budget := RetrySpec{MaxAttempts: 3, Backoff: 100 * time.Millisecond, Jitter: JitterFull, Budget: 0.1}
	breaker := &BreakerSpec{Window: 20, MinCalls: 10, FailurePercent: 50, OpenFor: 5 * time.Second, HalfOpenCalls: 3}
	shed := func(b *ServiceSpec) { b.Shedding = &SheddingSpec{MaxWait: 500 * time.Millisecond} }
	tests := []struct {
		name    string
		call    CallSpec
		backend func(*ServiceSpec)
	}{
		{"backoff, jitter and a 10 % budget", CallSpec{Retry: &budget}, nil},
		{"a breaker", CallSpec{Retry: &aggressive, Breaker: breaker}, nil},
		{"load shedding at the backend", CallSpec{Retry: &aggressive}, shed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := run(t, metastableConfig(tc.call, tc.backend), 110*time.Second)
			// Recovered within 15 s of the trigger's end at 40 s.
			if g := goodRatio(s.Seconds(), 55, 110); g < 0.95 {
				t.Fatalf("good ratio %.3f from 15 s after the trigger ended, want ≥ 0.95", g)
			}
		})
	}
}

// TestFullJitterFlattensRetryWaves drops every call in flight at once (the
// backend's pods are recreated) and compares the peak second of retries.
func TestFullJitterFlattensRetryWaves(t *testing.T) {
	peak := func(jitter string) int {
		cfg := Config{
			Seed: 2,
			System: System{
				Service: ServiceSpec{
					Name: "front", Pods: 2, Workers: 5000, CPU: Dist{Fixed: time.Millisecond},
					Calls: []CallSpec{{Dependency: "backend", Retry: &RetrySpec{MaxAttempts: 2, Backoff: 4 * time.Second, Jitter: jitter}}},
				},
				Services: []ServiceSpec{{
					Name: "backend", Pods: 2, Workers: 5000, Startup: time.Second,
					CPU:   Dist{Fixed: time.Millisecond},
					Calls: []CallSpec{{Dependency: "store"}},
				}},
				Dependencies: []DependencySpec{{Name: "store", Latency: Dist{Fixed: 2 * time.Second}}},
			},
			Traffic: Traffic{Rate: 500},
		}
		s := mustNew(t, cfg)
		if err := s.Apply(10*time.Second, Change{Service: "backend", Rollout: RolloutRecreate}); err != nil {
			t.Fatal(err)
		}
		s.AdvanceTo(30 * time.Second)
		most := 0
		for _, sec := range s.Seconds() {
			most = max(most, sec.Retries)
		}
		return most
	}
	none, full := peak(JitterNone), peak(JitterFull)
	t.Logf("peak retries a second: %d without jitter, %d with full jitter", none, full)
	if full*2 > none {
		t.Fatalf("peak retries a second: %d with full jitter, %d without; want full jitter to cut the peak at least in half", full, none)
	}
}
