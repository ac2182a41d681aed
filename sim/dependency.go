package sim

import (
	"math/rand/v2"
	"time"
)

// dependency is a leaf dependency with unlimited capacity. Its faults act on
// calls by their start time.
type dependency struct {
	name      string
	latency   sampler
	errorRate float64
	faults    []Fault
}

func newDependency(d DependencySpec) dependency {
	return dependency{name: d.Name, latency: newSampler(d.Latency), errorRate: d.ErrorPercent / 100}
}

// respond draws how a call started at now ends and after how long. A hang
// returns attemptHang: the call never gets a response.
func (d *dependency) respond(now time.Duration, r *rand.Rand) (time.Duration, attemptResult) {
	latency := d.latency.sample(r)
	errorRate := d.errorRate
	for _, f := range d.faults {
		if now < f.At || now >= f.end() {
			continue
		}
		if f.Percent > 0 && f.Percent < 100 && (f.Kind == FaultHang || f.Kind == FaultSlow) && r.Float64()*100 >= f.Percent {
			continue // this call is spared
		}
		switch f.Kind {
		case FaultHang:
			return 0, attemptHang
		case FaultSlow:
			latency += f.Add
		case FaultErrors:
			// Independent failure sources: a call fails if any of them fails it.
			errorRate = 1 - (1-errorRate)*(1-f.ErrorPercent/100)
		}
	}
	if errorRate > 0 && r.Float64() < errorRate {
		return latency, attemptError
	}
	return latency, attemptOK
}
