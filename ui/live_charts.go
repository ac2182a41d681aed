package ui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"gameday/content"
	"gameday/sim"
)

// series is one chart of the live screen: a value per virtual second, and
// an optional line it should stay on one side of, such as an SLO target.
type series struct {
	Title string
	Now   string // the latest value, as text

	// Detail is what lies behind the latest value ("mostly timeout"), and
	// Short is the same in at most compactCaptionWidth-1 cells ("timeout")
	// for a compact chart's caption column. Both are empty when there is
	// nothing to add.
	Detail, Short string

	Values []float64

	// Limits is the line drawn with the values, one per value, or nil for
	// none. LimitLabel names it ("SLO 99%"). A value on the wrong side of
	// its limit is drawn in the bad colour: above it when HighIsBad,
	// below it otherwise.
	Limits     []float64
	LimitLabel string
	HighIsBad  bool

	// Max is the least top of the y range; data above it raises the top.
	Max float64

	// Label formats a y-axis label in exactly labelWidth cells.
	Label func(float64) string
}

// labelWidth is the width of every chart's y-axis labels, in cells.
const labelWidth = 5

// liveSeries returns the four charts of the live screen over secs: traffic,
// good responses against the SLO target, p99 against the SLO latency, and
// busy workers against the pool size.
func liveSeries(secs []sim.Second, sloPercent float64, sloP99 time.Duration) []series {
	traffic := series{Title: "traffic", Label: func(v float64) string { return fmt.Sprintf("%5.0f", v) }}
	good := series{
		Title: "good", Max: 100, LimitLabel: fmt.Sprintf("SLO %g%%", sloPercent),
		Label: func(v float64) string { return fmt.Sprintf("%4.0f%%", v) },
	}
	p99 := series{Title: "p99", HighIsBad: true, Label: func(v float64) string { return fmt.Sprintf("%4.1fs", v) }}
	busy := series{
		Title: "busy", HighIsBad: true, LimitLabel: "pool size",
		Label: func(v float64) string { return fmt.Sprintf("%5.0f", v) },
	}
	if sloP99 > 0 {
		p99.LimitLabel = "SLO " + content.FormatDuration(sloP99)
		p99.Max = 2 * sloP99.Seconds()
	}

	for _, s := range secs {
		// Traffic counts every client, the abusive one too: the SLO leaves
		// it out, but the player has to see it arrive.
		traffic.Values = append(traffic.Values, float64(s.Arrivals+s.Abusive.Arrivals))
		good.Values = append(good.Values, s.GoodShare()*100)
		good.Limits = append(good.Limits, sloPercent)
		// A second without good responses has no p99: a gap, not a zero.
		if s.Good() > 0 {
			p99.Values = append(p99.Values, s.P99.Seconds())
		} else {
			p99.Values = append(p99.Values, math.NaN())
		}
		if sloP99 > 0 {
			p99.Limits = append(p99.Limits, sloP99.Seconds())
		}
		busy.Values = append(busy.Values, s.Busy)
		busy.Limits = append(busy.Limits, s.Capacity)
	}

	if n := len(secs); n > 0 {
		last := secs[n-1]
		traffic.Now = fmt.Sprintf("%d/s", last.Arrivals+last.Abusive.Arrivals)
		if n := last.Abusive.Arrivals; n > 0 {
			traffic.Detail = fmt.Sprintf("%d/s from one client", n)
			traffic.Short = fmt.Sprintf("abusive %d/s", n)
		}
		good.Now = fmt.Sprintf("%.1f%%", last.GoodShare()*100)
		if o, ok := mainFailure(last); ok {
			failure := strings.ReplaceAll(o.String(), "_", " ")
			good.Detail = "mostly " + failure
			good.Short = good.Detail
			if len(good.Short) >= compactCaptionWidth {
				good.Short = failure
			}
		}
		p99.Now = latency(last.P99)
		busy.Now = fmt.Sprintf("%.0f/%.0f", last.Busy, last.Capacity)
	}
	return []series{traffic, good, p99, busy}
}

// mainFailure returns the commonest bad outcome of a second, so the player
// can tell timeouts from 429s from full queues at a glance.
func mainFailure(sec sim.Second) (sim.Outcome, bool) {
	best, n := sim.Outcome(0), 0
	for o := range sim.NumOutcomes {
		if !o.Good() && sec.Outcomes[o] > n {
			best, n = o, sec.Outcomes[o]
		}
	}
	return best, n > 0
}

// bad reports whether value i is on the wrong side of its limit.
func (s series) bad(i int) bool {
	if i >= len(s.Limits) {
		return false
	}
	if math.IsNaN(s.Values[i]) {
		return false
	}
	if s.HighIsBad {
		return s.Values[i] > s.Limits[i]
	}
	return s.Values[i] < s.Limits[i]
}

// top returns the top of the y range over the values from index from on.
func (s series) top(from int) float64 {
	top := s.Max
	for i := from; i < len(s.Values); i++ {
		if !math.IsNaN(s.Values[i]) {
			top = max(top, s.Values[i])
		}
		if i < len(s.Limits) {
			top = max(top, s.Limits[i])
		}
	}
	if top <= 0 {
		top = 1
	}
	return top
}
