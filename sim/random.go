package sim

import (
	"math"
	"math/rand/v2"
	"time"
)

// stream names one independent random sequence of a run.
type stream uint64

const (
	streamArrivals stream = iota + 1
	streamService
	streamDependency
	streamJitter
	streamClients
	streamAbuse
	streamData // cache hits and which database address a client uses
	streamLifecycle
	streamBalancer
)

// newStream returns the generator for one purpose of a run. Each purpose has
// its own PCG sequence derived from the run seed, so extra draws in one (a
// retry's latency, say) leave the others untouched: the same seed gives the
// same arrival times whatever the player does.
func newStream(seed uint64, s stream) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(s)*0x9E3779B97F4A7C15))
}

// z99 is the standard normal quantile at 0.99, used to turn a median and a
// p99 into a log-normal sigma.
const z99 = 2.3263478740408408

// Dist is a distribution of durations. Set exactly one form:
//
//   - Fixed: every sample is this value.
//   - Mean: exponential with this mean, the form queueing theory uses.
//   - Median and P99: log-normal through both points, a good fit for real
//     service times. P99 must be above Median.
type Dist struct {
	Fixed  time.Duration `yaml:"fixed,omitempty" json:"fixed,omitempty"`
	Mean   time.Duration `yaml:"mean,omitempty" json:"mean,omitempty"`
	Median time.Duration `yaml:"median,omitempty" json:"median,omitempty"`
	P99    time.Duration `yaml:"p99,omitempty" json:"p99,omitempty"`
}

// IsZero reports whether no form is set.
func (d Dist) IsZero() bool { return d == Dist{} }

// validate reports the first problem with the distribution's form.
func (d Dist) validate() string {
	forms := 0
	if d.Fixed != 0 {
		forms++
	}
	if d.Mean != 0 {
		forms++
	}
	if d.Median != 0 || d.P99 != 0 {
		forms++
	}
	switch {
	case forms == 0:
		return "is empty; set fixed, mean, or median and p99 (for example median: 120ms, p99: 600ms)"
	case forms > 1:
		return "sets more than one form; use only one of fixed, mean, or median with p99"
	case d.Fixed < 0 || d.Mean < 0 || d.Median < 0 || d.P99 < 0:
		return "has a negative duration; durations must be positive"
	case (d.Median != 0) != (d.P99 != 0):
		return "needs both median and p99 for a log-normal distribution"
	case d.Median != 0 && d.P99 <= d.Median:
		return "has p99 at or below the median; p99 must be above the median"
	}
	return ""
}

// sampler draws from a validated Dist without recomputing its parameters.
type sampler struct {
	kind  uint8 // 0 fixed, 1 exponential, 2 log-normal
	fixed float64
	mean  float64
	mu    float64
	sigma float64
}

func newSampler(d Dist) sampler {
	switch {
	case d.Mean != 0:
		return sampler{kind: 1, mean: float64(d.Mean)}
	case d.Median != 0:
		sigma := math.Log(float64(d.P99)/float64(d.Median)) / z99
		return sampler{kind: 2, mu: math.Log(float64(d.Median)), sigma: sigma}
	default:
		return sampler{kind: 0, fixed: float64(d.Fixed)}
	}
}

func (s sampler) sample(r *rand.Rand) time.Duration {
	switch s.kind {
	case 1:
		return time.Duration(r.ExpFloat64() * s.mean)
	case 2:
		return time.Duration(math.Exp(s.mu + s.sigma*r.NormFloat64()))
	default:
		return time.Duration(s.fixed)
	}
}

// meanDuration returns the distribution's mean.
func (s sampler) meanDuration() time.Duration {
	switch s.kind {
	case 1:
		return time.Duration(s.mean)
	case 2:
		return time.Duration(math.Exp(s.mu + s.sigma*s.sigma/2))
	default:
		return time.Duration(s.fixed)
	}
}
