package sim

import (
	"strings"
	"testing"
	"time"
)

// twoHopConfig is a front service calling an orders service that calls a
// leaf database, with a bulk endpoint beside it that calls nothing.
func twoHopConfig(seed uint64) Config {
	return Config{
		Seed: seed,
		System: System{
			Service: ServiceSpec{
				Name: "front", Pods: 2, Workers: 100, Queue: 50,
				CPU:   Dist{Mean: 2 * time.Millisecond},
				Calls: []CallSpec{{Dependency: "orders", Timeout: time.Second}},
			},
			Services: []ServiceSpec{{
				Name: "orders", Pods: 2, Workers: 50, Queue: 50,
				Zones: []string{"a", "b"},
				CPU:   Dist{Mean: 5 * time.Millisecond},
				Calls: []CallSpec{{Dependency: "db"}},
			}},
			Dependencies: []DependencySpec{{Name: "db", Latency: Dist{Mean: 20 * time.Millisecond}}},
		},
		Traffic: Traffic{Rate: 200, ClientTimeout: 5 * time.Second},
	}
}

func TestTwoHopServesThroughTheChain(t *testing.T) {
	s := run(t, twoHopConfig(1), 30*time.Second)
	if got := goodRatio(s.Seconds(), 5, 30); got < 0.999 {
		t.Fatalf("good ratio %.4f through a healthy chain, want ≥ 0.999", got)
	}
	tot := s.Totals()
	// Calls still in orders' CPU at the end have not reached the db yet.
	if d := tot.Calls["orders"] - tot.Calls["db"]; d < 0 || d > 5 {
		t.Fatalf("%d calls to orders and %d to db, want one db call per orders call", tot.Calls["orders"], tot.Calls["db"])
	}
	svcs := s.Services()
	if len(svcs) != 2 || !svcs[0].Entry || svcs[1].Name != "orders" {
		t.Fatalf("services %+v, want front (entry) then orders", svcs)
	}
	zones := map[string]int{}
	for _, p := range svcs[1].Pods {
		zones[p.Zone]++
	}
	if zones["a"] != 1 || zones["b"] != 1 {
		t.Fatalf("orders pods by zone %v, want one in a and one in b", zones)
	}
	// Orders' busy workers follow Little's law: λ × (CPU + db latency).
	busy := 0.0
	for _, sec := range s.Seconds()[5:30] {
		busy += sec.Services[1].Busy
	}
	busy /= 25
	if want := 200 * 0.025; busy < want*0.85 || busy > want*1.15 {
		t.Fatalf("orders busy %.2f, want about %.1f", busy, want)
	}
}

// A hung leaf fills the middle service's pool; the caller's timeout frees
// the caller but the orders workers stay stuck, as wasted work.
func TestHungLeafFillsTheMiddleService(t *testing.T) {
	cfg := twoHopConfig(1)
	cfg.Faults = []Fault{{Kind: FaultHang, Target: "db", At: 10 * time.Second}}
	s := run(t, cfg, 20*time.Second)
	last := s.Seconds()[19]
	if last.Services[1].Busy < 99 {
		t.Fatalf("orders busy %.1f after the db hung, want all 100 workers stuck", last.Services[1].Busy)
	}
	if last.Busy > 100 {
		t.Fatalf("front busy %.1f, want its 1 s timeout to cap it near λ·T = 200", last.Busy)
	}
	if got := goodRatio(s.Seconds(), 15, 20); got > 0.01 {
		t.Fatalf("good ratio %.3f with a hung db, want ~0", got)
	}
}

// With deadline propagation, orders drops queued calls whose caller has
// timed out instead of serving them late.
func TestDeadlinePropagationDropsAbandonedWork(t *testing.T) {
	slow := func(prop bool) Totals {
		cfg := twoHopConfig(2)
		cfg.System.Services[0].DeadlinePropagation = prop
		cfg.System.Services[0].Queue = 1000
		cfg.Faults = []Fault{{Kind: FaultSlow, Target: "db", At: 10 * time.Second, Duration: 20 * time.Second, Add: 2 * time.Second}}
		s := run(t, cfg, 60*time.Second)
		return s.Totals()
	}
	without, with := slow(false), slow(true)
	if with.Calls["db"] >= without.Calls["db"] {
		t.Fatalf("db calls with propagation %d, without %d: want fewer, since expired work is dropped", with.Calls["db"], without.Calls["db"])
	}
	if with.Good() <= without.Good() {
		t.Fatalf("good responses with propagation %d, without %d: want more once the fault ends", with.Good(), without.Good())
	}
}

func TestValidateRejectsCallCycles(t *testing.T) {
	cfg := twoHopConfig(1)
	cfg.System.Services = append(cfg.System.Services, ServiceSpec{
		Name: "billing", Pods: 1, Workers: 1, CPU: Dist{Mean: time.Millisecond},
		Calls: []CallSpec{{Dependency: "orders"}},
	})
	cfg.System.Services[0].Calls = append(cfg.System.Services[0].Calls, CallSpec{Dependency: "billing"})
	_, err := New(cfg)
	if err == nil || !strings.Contains(err.Error(), "orders → billing → orders") {
		t.Fatalf("err = %v, want the cycle orders → billing → orders named", err)
	}
}

func TestEndpointsSplitTrafficByShare(t *testing.T) {
	cfg := twoHopConfig(1)
	cfg.System.Service.Calls = nil
	cfg.System.Service.Endpoints = []EndpointSpec{
		{Name: "browse", Share: 75},
		{Name: "buy", Share: 25, Calls: []CallSpec{{Dependency: "orders", Timeout: time.Second}}},
	}
	s := run(t, cfg, 60*time.Second)
	tot := s.Totals()
	share := float64(tot.Calls["orders"]) / float64(tot.Arrivals)
	if share < 0.23 || share > 0.27 {
		t.Fatalf("%.3f of requests called orders, want the buy share 0.25", share)
	}

	cfg.System.Service.Endpoints[0].Share = 70
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "add up to 95%") {
		t.Fatalf("err = %v, want shares that add up to 95%% reported", err)
	}
}

// Least outstanding draws two pods and keeps the less loaded: with one pod
// stuck, it still gets a share of new requests only when both draws land
// on it, so the healthy pods take nearly all the traffic.
func TestLeastOutstandingAvoidsALoadedPod(t *testing.T) {
	cfg := twoHopConfig(4)
	cfg.System.Services[0].Balancer = BalancerLeastOutstanding
	s := mustNew(t, cfg)
	orders := s.services[1]
	stuck := orders.ready[0]
	stuck.busy = stuck.tmpl.workers // as if every worker hung
	s.AdvanceTo(20 * time.Second)
	if n := stuck.queued(); n > 0 {
		t.Fatalf("%d requests queued on the loaded pod, want the balancer to avoid it", n)
	}
	if g := goodRatio(s.Seconds(), 5, 20); g < 0.99 {
		t.Fatalf("good ratio %.3f, want ≥ 0.99 with the healthy pod taking the load", g)
	}
}
