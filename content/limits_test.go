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
			at: "rate: 5000", want: "sends about 1500000 requests over the drill; a drill may send at most 1000000",
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
			at: "window: 2000000000", want: "breaker.window: is 2000000000; drills are limited to 10000 calls",
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
	ps := validateLimits(&d)
	var got []string
	for _, p := range ps {
		got = append(got, p.Field+": "+p.Message)
	}
	text := strings.Join(got, "\n")
	for _, want := range []string{
		"actions: has 31 entries; a drill may have at most 30",
		"actions[0].variants: has 11 entries; an action may have at most 10",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
}

func TestExpectedRequests(t *testing.T) {
	traffic := sim.Traffic{Rate: 10, Steps: []sim.RateStep{
		{At: 10 * time.Second, Rate: 20},
		{At: 20 * time.Second, Rate: 0},
		{At: time.Minute, Rate: 1000},
	}}
	if got := expectedRequests(traffic, 30*time.Second); got != 300 {
		t.Errorf("expectedRequests = %g, want 300 (100 + 200 + 0; the step after the end adds nothing)", got)
	}
	if got := expectedRequests(sim.Traffic{Rate: 200}, 5*time.Minute); got != 60_000 {
		t.Errorf("expectedRequests at a flat rate = %g, want 60000", got)
	}
}
