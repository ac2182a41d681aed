package sim

import (
	"math"
	"math/rand/v2"
	"time"
)

// budgetCap is the most retry tokens a budget holds, and its start.
const budgetCap = 10.0

// retryPolicy is a RetrySpec with its defaults filled in.
type retryPolicy struct {
	maxAttempts int
	backoff     time.Duration
	multiplier  float64
	maxBackoff  time.Duration
	jitter      string
	retryOn     [numAttemptResults]bool
	budget      float64
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
		jitter:      r.Jitter,
		budget:      r.Budget,
	}
	if p.maxAttempts == 0 {
		p.maxAttempts = 3
	}
	if p.multiplier == 0 {
		p.multiplier = 2
	}
	if p.jitter == "" {
		p.jitter = JitterFull
	}
	on := r.RetryOn
	if len(on) == 0 {
		on = []string{RetryOnTimeout, RetryOnError, RetryOnRejected}
	}
	for _, c := range on {
		switch c {
		case RetryOnTimeout:
			p.retryOn[attemptTimeout] = true
		case RetryOnError:
			p.retryOn[attemptError] = true
		case RetryOnRejected:
			p.retryOn[attemptRejected] = true
		}
	}
	return p
}

// wait returns the backoff after the n-th attempt (n ≥ 1); prev is the
// previous wait, used by decorrelated jitter.
func (p retryPolicy) wait(n int, prev time.Duration, r *rand.Rand) time.Duration {
	if p.backoff <= 0 {
		return 0
	}
	if p.jitter == JitterDecorrelated {
		hi := 3 * float64(max(prev, p.backoff))
		w := float64(p.backoff) + r.Float64()*(hi-float64(p.backoff))
		if p.maxBackoff > 0 {
			w = min(w, float64(p.maxBackoff))
		}
		return time.Duration(w)
	}
	w := float64(p.backoff) * math.Pow(p.multiplier, float64(n-1))
	if p.maxBackoff > 0 && w > float64(p.maxBackoff) {
		w = float64(p.maxBackoff)
	}
	switch p.jitter {
	case JitterFull:
		w *= r.Float64()
	case JitterEqual:
		w = w/2 + r.Float64()*w/2
	}
	return time.Duration(w)
}

// retryBudget is one pod's token balance for retries to one target.
type retryBudget struct{ tokens float64 }

// deposit credits a first attempt.
func (b *retryBudget) deposit(ratio float64) { b.tokens = min(b.tokens+ratio, budgetCap) }

// withdraw takes a token for a retry, reporting whether one was there.
func (b *retryBudget) withdraw() bool {
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
