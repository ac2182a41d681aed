package sim

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestInjectMatchesScheduledFault(t *testing.T) {
	fault := Fault{Kind: FaultErrors, Target: "payments", At: 20 * time.Second, Duration: 15 * time.Second, ErrorPercent: 40}

	cfg := checkoutConfig(7)
	cfg.Faults = []Fault{fault}
	scheduled := run(t, cfg, time.Minute)

	injected := mustNew(t, checkoutConfig(7))
	injected.AdvanceTo(10 * time.Second)
	fault.At = 0 // Inject takes the start time as an argument.
	if err := injected.Inject(20*time.Second, fault); err != nil {
		t.Fatal(err)
	}
	injected.AdvanceTo(time.Minute)

	if !reflect.DeepEqual(scheduled.Seconds(), injected.Seconds()) {
		t.Fatal("an injected fault gives other metrics than the same fault in the Config")
	}
	if !reflect.DeepEqual(scheduled.Log(), injected.Log()) {
		t.Fatalf("logs differ:\nscheduled %v\ninjected  %v", scheduled.Log(), injected.Log())
	}
}

func TestInjectHangSaturatesPool(t *testing.T) {
	s := mustNew(t, checkoutConfig(3))
	s.AdvanceTo(5 * time.Second)
	if err := s.Inject(s.Now(), Fault{Kind: FaultHang, Target: "payments"}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(20 * time.Second)

	last := s.Seconds()[len(s.Seconds())-1]
	if last.Busy < 0.99*last.Capacity {
		t.Fatalf("busy %.0f of %.0f workers after a hang without timeouts; want the pool full", last.Busy, last.Capacity)
	}
}

func TestInjectKeepsCallerFaults(t *testing.T) {
	faults := make([]Fault, 1, 4)
	faults[0] = hangAt(time.Minute)
	cfg := checkoutConfig(1)
	cfg.Faults = faults

	s := mustNew(t, cfg)
	if err := s.Inject(time.Second, Fault{Kind: FaultSlow, Target: "payments", Add: time.Second}); err != nil {
		t.Fatal(err)
	}
	if got := faults[:2][1]; got != (Fault{}) {
		t.Fatalf("Inject wrote %+v into the spare capacity of the caller's slice", got)
	}
}

func TestInjectRejectsPastAndInvalid(t *testing.T) {
	s := mustNew(t, checkoutConfig(1))
	s.AdvanceTo(10 * time.Second)

	err := s.Inject(5*time.Second, hangAt(0))
	if err == nil || !strings.Contains(err.Error(), "in the past") {
		t.Fatalf("fault in the past: got %v", err)
	}

	err = s.Inject(s.Now(), Fault{Kind: FaultHang, Target: "nope"})
	var ps ProblemsError
	if !errors.As(err, &ps) {
		t.Fatalf("unknown target: got %v, want a ProblemsError", err)
	}
	if ps[0].Path != "target" {
		t.Fatalf("unknown target: path %q, want target", ps[0].Path)
	}
}

func TestInjectAbusiveClientMatchesScheduled(t *testing.T) {
	fault := Fault{Kind: FaultAbusiveClient, At: 15 * time.Second, Duration: 10 * time.Second, Rate: 300}

	cfg := checkoutConfig(5)
	cfg.Faults = []Fault{fault}
	scheduled := run(t, cfg, 40*time.Second)

	injected := mustNew(t, checkoutConfig(5))
	injected.AdvanceTo(12 * time.Second)
	if err := injected.Inject(15*time.Second, fault); err != nil {
		t.Fatal(err)
	}
	injected.AdvanceTo(40 * time.Second)

	if !reflect.DeepEqual(scheduled.Seconds(), injected.Seconds()) {
		t.Fatal("an injected abusive client gives other metrics than the same fault in the Config")
	}
}

func TestInjectSurgeRaisesArrivals(t *testing.T) {
	s := mustNew(t, checkoutConfig(9))
	s.AdvanceTo(10 * time.Second)
	if err := s.Inject(s.Now(), Fault{Kind: FaultSurge, Factor: 3, Duration: 10 * time.Second}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(30 * time.Second)

	arrivals := func(from, to int) float64 {
		n := 0
		for _, sec := range s.Seconds()[from:to] {
			n += sec.Arrivals
		}
		return float64(n) / float64(to-from)
	}
	before, during, after := arrivals(0, 10), arrivals(10, 20), arrivals(20, 30)
	if during < 2.5*before || during > 3.5*before {
		t.Fatalf("%.0f arrivals a second during a 3× surge, %.0f before; want about three times as many", during, before)
	}
	if after > 1.3*before {
		t.Fatalf("%.0f arrivals a second after the surge, %.0f before; want the normal rate back", after, before)
	}
}

func TestCurrentOfFollowsChanges(t *testing.T) {
	s := mustNew(t, twoHopConfig(1))
	spec, ok := s.CurrentOf("orders")
	if !ok || spec.Name != "orders" || spec.Calls[0].Timeout != 0 {
		t.Fatalf("CurrentOf(orders) = %+v, %v; want orders without a timeout", spec, ok)
	}
	timeout := 200 * time.Millisecond
	change := Change{Service: "orders", Calls: []CallChange{{Dependency: "db", Timeout: &timeout}}}
	if err := s.Apply(time.Second, change); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(2 * time.Second)
	if spec, _ := s.CurrentOf("orders"); spec.Calls[0].Timeout != timeout {
		t.Fatalf("orders' db timeout %s after the change, want %s", spec.Calls[0].Timeout, timeout)
	}
	if _, ok := s.CurrentOf("nope"); ok {
		t.Fatal("CurrentOf found a service that does not exist")
	}
}
