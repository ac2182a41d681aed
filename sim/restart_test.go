package sim

import (
	"strings"
	"testing"
	"time"
)

func TestBackOffDoublesToCap(t *testing.T) {
	want := []time.Duration{10, 20, 40, 80, 160, 300, 300, 300}
	for i, w := range want {
		if got := backOff(i + 1); got != w*time.Second {
			t.Errorf("restart %d waits %s, want %s", i+1, got, w*time.Second)
		}
	}
}

// stuckConfig is checkout with liveness probes and a payment provider that
// hangs for good at 5 s with no timeout: every container fills its pool a
// few seconds after it is ready and fails its probes from then on.
func stuckConfig(seed uint64) Config {
	cfg := checkoutConfig(seed)
	cfg.System.Service.Probes = ProbesSpec{Liveness: &ProbeSpec{}}
	cfg.Faults = []Fault{hangAt(5 * time.Second)}
	return cfg
}

func TestLivenessRestartsFollowBackOff(t *testing.T) {
	s := run(t, stuckConfig(1), 1400*time.Second)
	byPod := map[string][]restartRecord{}
	for _, r := range s.restarts {
		byPod[r.pod] = append(byPod[r.pod], r)
	}
	if len(byPod) != 4 {
		t.Fatalf("%d pods restarted, want all 4", len(byPod))
	}
	want := []time.Duration{10, 20, 40, 80, 160, 300, 300}
	for name, rs := range byPod {
		if len(rs) < len(want) {
			t.Fatalf("%s restarted %d times in 1400 s, want at least %d", name, len(rs), len(want))
		}
		// The pool is full ~3 s after 5 s; probes at 10, 20 and 30 s fail.
		if first := rs[0].at; first != 30*time.Second {
			t.Errorf("%s first restarted at %s, want 30s: three failed probes 10 s apart", name, first)
		}
		for i, w := range want {
			if rs[i].backOff != w*time.Second {
				t.Errorf("%s restart %d waited %s, want %s", name, i+1, rs[i].backOff, w*time.Second)
			}
		}
		// Between restarts: back-off, 5 s start-up, then three probe periods.
		for i := 1; i < len(want); i++ {
			gap := rs[i].at - rs[i-1].at
			if wantGap := rs[i-1].backOff + 5*time.Second + 30*time.Second; gap != wantGap {
				t.Errorf("%s restarts %d and %d are %s apart, want %s", name, i, i+1, gap, wantGap)
			}
		}
	}
	if got := s.Seconds()[1399].Restarts; got < 4*len(want) {
		t.Errorf("metrics count %d restarts, want at least %d", got, 4*len(want))
	}
}

func TestBackOffResetsAfterTenMinutes(t *testing.T) {
	cfg := checkoutConfig(1)
	cfg.Faults = []Fault{
		{Kind: FaultCrash, Target: "checkout", Count: 4, At: 10 * time.Second},
		{Kind: FaultCrash, Target: "checkout", Count: 4, At: 40 * time.Second},
		{Kind: FaultCrash, Target: "checkout", Count: 4, At: 700 * time.Second},
	}
	s := run(t, cfg, 720*time.Second)
	var got []time.Duration
	for _, r := range s.restarts {
		if r.pod == "checkout-1" {
			got = append(got, r.backOff)
		}
	}
	want := []time.Duration{10 * time.Second, 20 * time.Second, 10 * time.Second}
	if len(got) != len(want) {
		t.Fatalf("checkout-1 restarted with back-offs %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("checkout-1 back-offs %v, want %v: the third crash follows 10 min of running", got, want)
		}
	}
}

func TestCrashRefusesUntilEndpointGone(t *testing.T) {
	cfg := checkoutConfig(1)
	cfg.Traffic.Rate = 400
	cfg.Faults = []Fault{{Kind: FaultCrash, Target: "checkout", At: 10 * time.Second}}
	s := run(t, cfg, 40*time.Second)
	secs := s.Seconds()
	refused := 0
	for _, sec := range secs[10:15] {
		refused += sec.Outcomes[OutcomeRefused]
	}
	// One pod of four, the default 3 s of lag, at 400 rps.
	if refused < 200 || refused > 400 {
		t.Fatalf("%d requests refused in the 3 s lag, want about 300", refused)
	}
	for _, sec := range secs[13:40] {
		if sec.Outcomes[OutcomeRefused] > 0 {
			t.Fatalf("second %s: %d refused after the endpoint lag", sec.Start, sec.Outcomes[OutcomeRefused])
		}
	}
	if got := secs[22].PodsReady; got != 3 {
		t.Fatalf("%d pods ready during the back-off, want 3", got)
	}
	// Back at 10 + 10 s back-off + 5 s start-up.
	if got := secs[26].PodsReady; got != 4 {
		t.Fatalf("%d pods ready at 26 s, want 4", got)
	}
}

func TestReadinessTakesStuckPodsOutAndBack(t *testing.T) {
	cfg := checkoutConfig(1)
	cfg.System.Service.Probes = ProbesSpec{Readiness: &ProbeSpec{}}
	cfg.Faults = []Fault{{Kind: FaultSlow, Target: "payments", At: 5 * time.Second, Duration: 40 * time.Second, Add: 5 * time.Second}}
	s := run(t, cfg, 120*time.Second)
	secs := s.Seconds()
	// Probes at 10, 20 and 30 s fail on the saturated pool. Out of the load
	// balancer from 35 s, the pods drain and pass the 40 s probe: they flap.
	if got := secs[35].PodsReady; got != 0 {
		t.Fatalf("%d pods ready at 35 s, want 0: every pod has failed its readiness probe", got)
	}
	if got := secs[35].Restarts; got != 0 {
		t.Fatalf("%d restarts at 35 s, want 0: readiness keeps the process running", got)
	}
	if n := len(s.services[0].ready); n != 4 {
		t.Fatalf("%d pods in the load balancer at the end, want 4 again", n)
	}
	unavailable := 0
	for _, sec := range secs[36:45] {
		unavailable += sec.Outcomes[OutcomeUnavailable]
	}
	if unavailable == 0 {
		t.Fatal("no request found the load balancer empty while every pod failed readiness")
	}
	if got := goodRatio(secs, 90, 120); got < 0.999 {
		t.Fatalf("good ratio %.4f after recovery, want ≥ 0.999", got)
	}
	var out, back bool
	for _, e := range s.Log() {
		out = out || strings.Contains(e.Text, "readiness probe failed")
		back = back || strings.Contains(e.Text, "readiness probe passed")
	}
	if !out || !back {
		t.Fatalf("log has readiness failure %v and recovery %v, want both", out, back)
	}
}
