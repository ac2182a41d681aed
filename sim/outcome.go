package sim

// Outcome is the result a client saw for one request.
type Outcome uint8

const (
	// OutcomeSuccess is a full response.
	OutcomeSuccess Outcome = iota
	// OutcomeDegraded is a fallback response: a call was rejected by an open
	// circuit breaker and its fallback responded instead.
	OutcomeDegraded
	// OutcomeTimeout is a 504: a downstream call timed out on its last attempt.
	OutcomeTimeout
	// OutcomeError is a 5xx: a downstream call failed on its last attempt.
	OutcomeError
	// OutcomeBreakerOpen is a 503 from an open breaker with no fallback.
	OutcomeBreakerOpen
	// OutcomeQueueFull is a 503: every worker was busy and the accept queue full.
	OutcomeQueueFull
	// OutcomeUnavailable is a 503 from the load balancer: no pod was ready.
	OutcomeUnavailable
	// OutcomeDropped is a connection reset: the pod holding the request stopped.
	OutcomeDropped
	// OutcomeGaveUp means the client stopped waiting at its own timeout.
	OutcomeGaveUp

	// OutcomeBulkheadFull: the call's bulkhead had no free slot within its
	// wait, and the edge has no fallback.
	OutcomeBulkheadFull

	// OutcomeShed: the load shedder refused the request, at arrival for a
	// full queue or at dequeue for a wait over its target.
	OutcomeShed

	// OutcomeRateLimited: the client's token bucket was empty (HTTP 429).
	OutcomeRateLimited

	// OutcomeRefused is a connection refused: the load balancer sent the
	// request to a pod whose process was not listening (exited, stopping or
	// restarting).
	OutcomeRefused

	// NumOutcomes is the number of outcomes, for arrays indexed by Outcome.
	NumOutcomes
)

var outcomeNames = [NumOutcomes]string{
	"success", "degraded", "timeout", "error", "breaker_open",
	"queue_full", "unavailable", "dropped", "gave_up",
	"bulkhead_full", "shed", "rate_limited", "refused",
}

// String returns the outcome's stable snake_case id, used in JSON.
func (o Outcome) String() string {
	if o < NumOutcomes {
		return outcomeNames[o]
	}
	return "unknown"
}

// Good reports whether the client got a usable response: a full or a degraded one.
func (o Outcome) Good() bool { return o == OutcomeSuccess || o == OutcomeDegraded }

// attemptResult is how one attempt at a dependency ended.
type attemptResult uint8

const (
	attemptOK attemptResult = iota
	attemptError
	attemptTimeout
	attemptHang     // never gets a response; no event is scheduled without a timeout
	attemptRejected // refused at once: connection refused, queue full, shed, throttled

	numAttemptResults
)
