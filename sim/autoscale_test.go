package sim

import (
	"strings"
	"testing"
	"time"
)

// surgeConfig is checkout with 10 workers a pod, an autoscaler aiming at
// 50 % of them, and traffic that goes from 100 to 250 rps at 30 s and back
// to 100 rps at 120 s.
func surgeConfig(seed uint64) Config {
	cfg := checkoutConfig(seed)
	cfg.System.Service.Workers = 10
	cfg.System.Service.Autoscale = &AutoscaleSpec{Min: 4, Max: 20, TargetPercent: 50}
	cfg.Traffic.Steps = []RateStep{{At: 30 * time.Second, Rate: 250}, {At: 120 * time.Second, Rate: 100}}
	return cfg
}

func TestAutoscalerReactsAfterSyncAndStartup(t *testing.T) {
	s := run(t, surgeConfig(1), 600*time.Second)
	secs := s.Seconds()
	var first time.Duration
	for _, e := range s.Log() {
		if strings.HasPrefix(e.Text, "autoscaler:") {
			first = e.At
			break
		}
	}
	// Syncs run every 15 s; the 30 s one reads [15 s, 30 s), before the surge.
	if first != 45*time.Second {
		t.Fatalf("first scaling at %s, want 45s: the first sync that sees the surge", first)
	}
	if got := secs[49].PodsReady; got != 4 {
		t.Fatalf("%d pods ready at 49 s, want 4: new pods need their 5 s start-up", got)
	}
	if got := secs[51].PodsReady; got <= 4 {
		t.Fatalf("%d pods ready at 51 s, want more than 4", got)
	}
	// At most max(+4, ×2) per sync: 4 → 8 at 45 s.
	if got := secs[51].Pods; got != 8 {
		t.Fatalf("%d pods at 51 s, want 8: a scale-up adds at most max(4, 100 %%) per sync", got)
	}
	// Scale-down waits for the 300 s stabilisation window after the drop at
	// 120 s: the recommendations made under the surge still count.
	surged := secs[119].Pods
	if got := secs[300].Pods; got != surged {
		t.Fatalf("%d pods at 300 s, want the %d of the surge: scale-down must wait 300 s", got, surged)
	}
	if got := secs[599].Pods; got >= surged {
		t.Fatalf("%d pods at 600 s, want fewer than the %d of the surge once the window has passed", got, surged)
	}
	busy, capacity := 0.0, 0.0
	for _, sec := range secs[90:120] {
		busy += sec.Busy
		capacity += sec.Capacity
	}
	if u := busy / capacity; u < 0.35 || u > 0.6 {
		t.Fatalf("utilisation %.2f under the surge once scaled, want near the 0.5 target", u)
	}
}

func TestAutoscaleChangeTurnsItOn(t *testing.T) {
	cfg := surgeConfig(1)
	cfg.System.Service.Autoscale = nil
	s := run(t, cfg, 60*time.Second)
	if got := s.Seconds()[59].Pods; got != 4 {
		t.Fatalf("%d pods without an autoscaler, want 4", got)
	}
	if err := s.Apply(60*time.Second, Change{LifecycleChange: LifecycleChange{Autoscale: &AutoscaleSpec{Max: 12, TargetPercent: 50}}}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(100 * time.Second)
	if got := s.Seconds()[99].Pods; got <= 4 {
		t.Fatalf("%d pods 40 s after turning the autoscaler on under a surge, want more than 4", got)
	}
}

func TestAutoscaleValidation(t *testing.T) {
	cfg := surgeConfig(1)
	cfg.System.Service.Autoscale = &AutoscaleSpec{Min: 5, Max: 3}
	_, err := New(cfg)
	if err == nil {
		t.Fatal("an autoscaler with max below min and no target was accepted")
	}
	for _, want := range []string{"service.autoscale.max", "service.autoscale.target_percent"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}
