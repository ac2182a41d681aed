package content

import (
	"strings"
	"testing"
	"time"

	"gameday/sim"
)

func TestDrillLimitsAndTimes(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		at       string // text on the line the problem must point at
		want     string
	}{
		{
			name: "traffic step after the end",
			old:  "  rate: 200\n", new: "  rate: 200\n  steps: [{at: 6m, rate: 400}]\n",
			at: "steps: [{at: 6m", want: "traffic.steps[0].at: is 6m, at or after the end of the drill (5m)",
		},
		{
			name: "negative rate",
			old:  "  rate: 200\n", new: "  rate: -5\n",
			at: "rate: -5", want: "traffic.rate: is -5; use a positive number of requests per second",
		},
		{
			name: "negative step rate",
			old:  "  rate: 200\n", new: "  rate: 200\n  steps: [{at: 1m, rate: -1}]\n",
			at: "steps: [{at: 1m", want: "is -1; use 0 or a positive number",
		},
		{
			name: "too many requests",
			old:  "  rate: 200\n", new: "  rate: 5000\n",
			at: "rate: 5000", want: "sends about 1500000 requests over the drill, surges and abusive clients included; a drill may send at most 1000000",
		},
		{
			name: "too many requests after a step",
			old:  "  rate: 200\n", new: "  rate: 200\n  steps: [{at: 1m, rate: 9000}]\n",
			at: "rate: 200", want: "sends about 2172000 requests",
		},
		{
			name: "too many pods",
			old:  "    pods: 4\n", new: "    pods: 1000\n",
			at: "pods: 1000", want: "system.service.pods: is 1000; drills are limited to 100 pods",
		},
		{
			name: "too many workers in an effect",
			old:  "workers: 400", new: "workers: 400000",
			at: "workers: 400000", want: "effect.workers: is 400000; drills are limited to 10000 worker threads per pod",
		},
		{
			name: "huge queue",
			old:  "    queue: 100\n", new: "    queue: 100000000\n",
			at: "queue: 100000000", want: "drills are limited to 100000 queued requests per pod",
		},
		{
			name: "huge breaker window",
			old:  "breaker: {window: 20,", new: "breaker: {window: 2000000000,",
			at: "window: 2000000000", want: "breaker.window: is 2000000000 calls; use a count window of at most 100000",
		},
		{
			name: "too many attempts",
			old:  "retry: {max_attempts: 5,", new: "retry: {max_attempts: 500,",
			at: "max_attempts: 500", want: "retry.max_attempts: is 500; drills are limited to 10 attempts",
		},
		{
			name: "reference out of order",
			old:  "  - {at: 32s, action: add-breaker", new: "  - {at: 31s, action: add-breaker",
			at: "at: 31s, action: add-breaker", want: "reference[1].at: is 31s, before the previous step at 32s; list the steps in time order",
		},
		{
			name: "surge past the cap",
			old:  "faults:\n", new: "faults:\n  - {kind: surge, target: checkout, at: 1m, factor: 100}\n",
			at: "  rate: 200", want: "traffic.rate: sends about 4812000 requests over the drill, surges and abusive clients included",
		},
		{
			name: "abusive client past the cap",
			old:  "faults:\n", new: "faults:\n  - {kind: abusive-client, at: 1m, duration: 2m, rate: 9000}\n",
			at: "  rate: 200", want: "sends about 1140000 requests",
		},
		{
			name: "retries in an endpoint",
			old:  "    calls:\n      - dependency: payments\n", new: "    endpoints:\n      - name: pay\n        share: 100\n        calls: [{dependency: payments, retry: {max_attempts: 11}}]\n",
			at: "calls: [{dependency: payments, retry", want: "system.service.endpoints[0].calls[0].retry.max_attempts: is 11; drills are limited to 10 attempts",
		},
		{
			name: "too many workers in a further change",
			old:  "          workers: 400\n", new: "          workers: 400\n        also:\n          - {workers: 20000}\n",
			at: "{workers: 20000}", want: "actions[3].variants[0].also[0].workers: is 20000; drills are limited to 10000 worker threads per pod",
		},
		{
			name: "delay as long as the drill",
			old:  "    delay: 5s\n", new: "    delay: 5m\n",
			at: "delay: 5m", want: "actions[0].delay: is 5m, as long as the drill (5m) or longer",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := drillSource(t, tc.old, tc.new)
			requireProblem(t, data, parseProblems(t, data), tc.at, tc.want)
		})
	}
}

func TestDrillListLimits(t *testing.T) {
	d := *builtinLib(t).Drill("payment-provider-hangs")
	a := d.Actions[0]
	for len(a.Variants) <= maxVariants {
		a.Variants = append(a.Variants, a.Variants[0])
	}
	d.Actions = []Action{a}
	for len(d.Actions) <= 30 {
		d.Actions = append(d.Actions, d.Actions[0])
	}
	d.System.Dependencies = []sim.DependencySpec{{Name: "db", Kind: sim.LeafDatabase, Database: &sim.DatabaseSpec{
		Replicas: make([]sim.ReplicaSpec, maxReplicas+1),
	}}}
	ps := validateLimits(&d)
	var got []string
	for _, p := range ps {
		got = append(got, p.Field+": "+p.Message)
	}
	text := strings.Join(got, "\n")
	for _, want := range []string{
		"actions: has 31 entries; a drill may have at most 30",
		"actions[0].variants: has 11 entries; an action may have at most 10",
		"system.dependencies[0].database.replicas: has 21 entries; a database may have at most 20",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
}

func TestExpectedRequests(t *testing.T) {
	d := &Drill{Duration: 30 * time.Second, Traffic: sim.Traffic{Rate: 10, Steps: []sim.RateStep{
		{At: 10 * time.Second, Rate: 20},
		{At: 20 * time.Second, Rate: 0},
		{At: time.Minute, Rate: 1000},
	}}}
	if got := expectedRequests(d); got != 300 {
		t.Errorf("expectedRequests = %g, want 300 (100 + 200 + 0; the step after the end adds nothing)", got)
	}

	d.Faults = []sim.Fault{
		{Kind: sim.FaultSurge, At: 5 * time.Second, Duration: 10 * time.Second, Factor: 3},
		{Kind: sim.FaultAbusiveClient, At: 25 * time.Second, Rate: 100},
		{Kind: sim.FaultHang, At: 0},
	}
	// The surge doubles 5 s at 10/s and 5 s at 20/s on top: 2 × 150 more.
	// The abusive client sends 100/s for the last 5 s: 500 more.
	if got := expectedRequests(d); got != 300+300+500 {
		t.Errorf("expectedRequests with a surge and an abusive client = %g, want 1100", got)
	}

	if got := rateIntegral(sim.Traffic{Rate: 200}, 0, 5*time.Minute); got != 60_000 {
		t.Errorf("rateIntegral at a flat rate = %g, want 60000", got)
	}
}

func TestCallsPerRequest(t *testing.T) {
	retry := func(n int) *sim.RetrySpec { return &sim.RetrySpec{MaxAttempts: n} }
	d := &Drill{System: sim.System{
		Service: sim.ServiceSpec{Name: "front", Endpoints: []sim.EndpointSpec{
			{Name: "cheap", Calls: []sim.CallSpec{{Dependency: "db"}}},
			{Name: "costly", Calls: []sim.CallSpec{{Dependency: "middle", Retry: retry(3)}, {Dependency: "db"}}},
		}},
		Services: []sim.ServiceSpec{
			{Name: "middle", Calls: []sim.CallSpec{{Dependency: "back", Retry: &sim.RetrySpec{}}, {Dependency: "db"}}},
			{Name: "back", Calls: []sim.CallSpec{{Dependency: "db"}}},
		},
		Dependencies: []sim.DependencySpec{{Name: "db"}},
	}}
	// back: 1 call. middle: 3 attempts (the default) × (1 + 1) + 1 = 7.
	// front/costly: 3 × (1 + 7) + 1 = 25.
	if got := callsPerRequest(d); got != 25 {
		t.Fatalf("callsPerRequest = %g, want 25", got)
	}

	d.Actions = []Action{{Variants: []Variant{{Effect: sim.Change{Service: "back", Calls: []sim.CallChange{{Dependency: "db", Retry: retry(10)}}}}}}}
	// A variant may add 10 attempts to back's call: middle is 3 × 11 + 1.
	if got := callsPerRequest(d); got != 3*(1+34)+1 {
		t.Fatalf("callsPerRequest with a variant's retries = %g, want %d", got, 3*(1+34)+1)
	}
}

func TestCallWorkLimit(t *testing.T) {
	// Three calls with 10 attempts each at 3,000 requests a second for
	// 5 minutes: 900,000 requests × (1 + 30) calls.
	retried := "      - {dependency: payments, retry: {max_attempts: 10}}\n"
	data := drillSource(t, "      - dependency: payments\n", strings.Repeat(retried, 3))
	data = []byte(strings.Replace(string(data), "  rate: 200", "  rate: 3000", 1))
	requireProblem(t, data, parseProblems(t, data), "  service:", "system.service: can cause up to 27900000 requests and calls (900000 requests, each with up to 30 calls when every retry is made)")
}
