package sim

import (
	"math"
	"math/rand/v2"
	"time"
)

// retryPolicy is a RetrySpec with its defaults filled in.
type retryPolicy struct {
	maxAttempts int
	backoff     time.Duration
	multiplier  float64
	maxBackoff  time.Duration
	jitter      bool
}

func newRetryPolicy(r *RetrySpec) retryPolicy {
	if r == nil {
		return retryPolicy{maxAttempts: 1}
	}
	p := retryPolicy{
		maxAttempts: r.MaxAttempts,
		backoff:     r.Backoff,
		multiplier:  r.Multiplier,
		maxBackoff:  r.MaxBackoff,
		jitter:      r.Jitter != "none",
	}
	if p.maxAttempts == 0 {
		p.maxAttempts = 3
	}
	if p.multiplier == 0 {
		p.multiplier = 2
	}
	return p
}

// wait returns the sleep before retry n (1 for the second attempt):
// backoff × multiplier^(n-1), capped, then drawn uniformly from [0, wait)
// with full jitter.
func (p retryPolicy) wait(n int, r *rand.Rand) time.Duration {
	if p.backoff <= 0 {
		return 0
	}
	w := float64(p.backoff) * math.Pow(p.multiplier, float64(n-1))
	if p.maxBackoff > 0 && w > float64(p.maxBackoff) {
		w = float64(p.maxBackoff)
	}
	if p.jitter {
		w *= r.Float64()
	}
	return time.Duration(w)
}
