package drills

import (
	"fmt"
	"time"

	"gameday/content"
	"gameday/sim"
)

// Alert rules, evaluated once per virtual second over recent seconds, the
// way a monitoring system with short rule windows would.
const (
	// alertWindow is the number of seconds the success and latency rules
	// look back over. The saturation rule looks back saturationWindow
	// seconds, so it fires as soon as pools fill.
	alertWindow      = 5
	saturationWindow = 2
	// saturationFire and saturationClear are busy-worker shares of capacity.
	saturationFire  = 0.95
	saturationClear = 0.80
)

type alertRule struct {
	name   string
	firing bool
}

type alerts struct {
	drill *content.Drill
	seen  int // seconds evaluated so far
	rules [3]alertRule
}

const (
	ruleSuccess = iota
	ruleLatency
	ruleSaturation
)

func newAlerts(d *content.Drill) alerts {
	return alerts{drill: d, rules: [3]alertRule{{name: "success rate"}, {name: "latency"}, {name: "worker saturation"}}}
}

// update evaluates the rules on each second not seen yet and returns the
// alerts that started or stopped firing.
func (a *alerts) update(secs []sim.Second) []Event {
	var out []Event
	for ; a.seen < len(secs); a.seen++ {
		if a.seen+1 < alertWindow {
			continue
		}
		recent := secs[a.seen+1-alertWindow : a.seen+1]
		at := secs[a.seen].Start + time.Second
		out = append(out, a.evaluate(recent, at)...)
	}
	return out
}

func (a *alerts) evaluate(recent []sim.Second, at time.Duration) []Event {
	var good, settled, slow int
	for _, s := range recent {
		good += s.Good()
		settled += s.Settled()
		slow += s.Slow
	}
	var busy, capacity float64
	for _, s := range recent[len(recent)-saturationWindow:] {
		busy += s.Busy / saturationWindow
		capacity += s.Capacity / saturationWindow
	}
	slo := a.drill.SLO
	target := slo.SuccessPercent / 100

	var out []Event
	if settled > 0 {
		ratio := float64(good) / float64(settled)
		out = a.set(ruleSuccess, ratio < target, at,
			fmt.Sprintf("ALERT success %.1f%% over the last %ds (SLO %g%%)", ratio*100, alertWindow, slo.SuccessPercent),
			fmt.Sprintf("resolved: success back to %.1f%%", ratio*100), out)
	}
	// p99 is above the target exactly when more than 1 % of good responses
	// are slower than it.
	if slo.P99 > 0 && good > 0 {
		share := float64(slow) / float64(good)
		out = a.set(ruleLatency, share > 0.01, at,
			fmt.Sprintf("ALERT p99 above %s: %.1f%% of responses slower over the last %ds", slo.P99, share*100, alertWindow),
			"resolved: p99 back under "+slo.P99.String(), out)
	}
	if capacity > 0 {
		share := busy / capacity
		fire := share >= saturationFire
		if a.rules[ruleSaturation].firing {
			fire = share >= saturationClear
		}
		out = a.set(ruleSaturation, fire, at,
			fmt.Sprintf("ALERT worker pools saturated: %.0f of %.0f threads busy", busy, capacity),
			fmt.Sprintf("resolved: %.0f of %.0f threads busy", busy, capacity), out)
	}
	return out
}

func (a *alerts) set(rule int, fire bool, at time.Duration, fired, resolved string, out []Event) []Event {
	r := &a.rules[rule]
	switch {
	case fire && !r.firing:
		r.firing = true
		return append(out, Event{At: at, Kind: EventAlert, Text: fired})
	case !fire && r.firing:
		r.firing = false
		return append(out, Event{At: at, Kind: EventResolved, Text: resolved})
	}
	return out
}

// firing returns the names of the alerts firing now.
func (a *alerts) firing() []string {
	var out []string
	for _, r := range a.rules {
		if r.firing {
			out = append(out, r.name)
		}
	}
	return out
}
