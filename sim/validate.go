package sim

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Problem is one invalid setting. Path locates it from the root of what was
// validated, in the form "service.calls[0].timeout", so a loader can map it
// back to a line of the source file.
type Problem struct {
	Path    string
	Message string
}

func (p Problem) Error() string { return p.Path + ": " + p.Message }

// ProblemsError is the error New returns for an invalid Config.
type ProblemsError []Problem

func (e ProblemsError) Error() string {
	lines := make([]string, len(e))
	for i, p := range e {
		lines[i] = p.Error()
	}
	return "invalid simulation config:\n  " + strings.Join(lines, "\n  ")
}

type problems []Problem

func (ps *problems) add(path, format string, args ...any) {
	*ps = append(*ps, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// ValidateSystem checks a System. Paths start at the system's fields
// ("service.pods", "dependencies[1].name").
func ValidateSystem(s System) []Problem {
	var ps problems
	names := map[string]bool{}
	for i, d := range s.Dependencies {
		path := fmt.Sprintf("dependencies[%d]", i)
		switch {
		case d.Name == "":
			ps.add(path+".name", "is missing; give the dependency a name that calls can refer to")
		case names[d.Name]:
			ps.add(path+".name", "%q is used twice; dependency names must be unique", d.Name)
		}
		names[d.Name] = true
		if msg := d.Latency.validate(); msg != "" {
			ps.add(path+".latency", "%s", msg)
		}
		checkPercent(&ps, path+".error_percent", d.ErrorPercent)
	}

	svc := s.Service
	if svc.Pods < 1 {
		ps.add("service.pods", "is %d; a service needs at least 1 pod", svc.Pods)
	}
	if svc.Workers < 1 {
		ps.add("service.workers", "is %d; a pod needs at least 1 worker thread", svc.Workers)
	}
	if svc.Queue < 0 {
		ps.add("service.queue", "is %d; use 0 for no queue or a positive length", svc.Queue)
	}
	if svc.Startup < 0 {
		ps.add("service.startup", "is negative (%s); use a positive duration such as 10s", svc.Startup)
	}
	if svc.MaxSurge != nil && *svc.MaxSurge < 0 {
		ps.add("service.max_surge", "is %d; it must be 0 or more", *svc.MaxSurge)
	}
	if svc.MaxUnavailable != nil && *svc.MaxUnavailable < 0 {
		ps.add("service.max_unavailable", "is %d; it must be 0 or more", *svc.MaxUnavailable)
	}
	if svc.MaxSurge != nil && svc.MaxUnavailable != nil && *svc.MaxSurge == 0 && *svc.MaxUnavailable == 0 {
		ps.add("service.max_surge", "and max_unavailable are both 0, so a rolling update could never progress; raise one of them")
	}
	if msg := svc.CPU.validate(); msg != "" {
		ps.add("service.cpu", "%s", msg)
	}
	for i, c := range svc.Calls {
		path := fmt.Sprintf("service.calls[%d]", i)
		if !names[c.Dependency] {
			ps.add(path+".dependency", "%s", unknownDependency(c.Dependency, s))
		}
		validateCall(&ps, path, c.Timeout, c.Retry, c.Breaker)
	}
	return ps
}

func validateCall(ps *problems, path string, timeout time.Duration, r *RetrySpec, b *BreakerSpec) {
	if timeout < 0 {
		ps.add(path+".timeout", "is negative; use 0s for no timeout or a positive duration such as 2s")
	}
	if r != nil {
		validateRetry(ps, path+".retry", *r)
	}
	if b != nil {
		validateBreaker(ps, path+".breaker", *b)
	}
}

func validateRetry(ps *problems, path string, r RetrySpec) {
	if r.MaxAttempts < 0 {
		ps.add(path+".max_attempts", "is %d; it counts the first attempt, so use 1 or more", r.MaxAttempts)
	}
	if r.Backoff < 0 {
		ps.add(path+".backoff", "is negative; use 0s to retry at once or a positive duration such as 100ms")
	}
	if r.Multiplier < 0 || (r.Multiplier > 0 && r.Multiplier < 1) {
		ps.add(path+".multiplier", "is %g; use 1 for a constant wait or more to grow it", r.Multiplier)
	}
	if r.MaxBackoff < 0 {
		ps.add(path+".max_backoff", "is negative; use 0s for no cap or a positive duration such as 2s")
	}
	if r.Jitter != "" && r.Jitter != "full" && r.Jitter != "none" {
		ps.add(path+".jitter", "is %q; expected full or none", r.Jitter)
	}
}

func validateBreaker(ps *problems, path string, b BreakerSpec) {
	if b.Window < 0 {
		ps.add(path+".window", "is %d; use a positive number of calls", b.Window)
	}
	if b.MinCalls < 0 {
		ps.add(path+".min_calls", "is %d; use a positive number of calls", b.MinCalls)
	}
	if b.FailurePercent < 0 || b.FailurePercent > 100 {
		ps.add(path+".failure_percent", "is %g; use a percentage between 0 and 100", b.FailurePercent)
	}
	if b.OpenFor < 0 {
		ps.add(path+".open_for", "is negative; use a positive duration such as 10s")
	}
	if b.HalfOpenCalls < 0 {
		ps.add(path+".half_open_calls", "is %d; use a positive number of calls", b.HalfOpenCalls)
	}
}

func checkPercent(ps *problems, path string, v float64) {
	if v < 0 || v > 100 || math.IsNaN(v) {
		ps.add(path, "is %g; use a percentage between 0 and 100", v)
	}
}

func unknownDependency(name string, s System) string {
	var known []string
	for _, d := range s.Dependencies {
		known = append(known, d.Name)
	}
	if name == "" {
		return "is missing; name one of the dependencies: " + strings.Join(known, ", ")
	}
	return fmt.Sprintf("%q is not a dependency of the system; expected one of: %s", name, strings.Join(known, ", "))
}

// ValidateTraffic checks a Traffic; paths start at its fields ("rate").
func ValidateTraffic(t Traffic) []Problem {
	var ps problems
	if !(t.Rate > 0) || math.IsInf(t.Rate, 0) {
		ps.add("rate", "is %g; use a positive number of requests per second", t.Rate)
	}
	if t.ClientTimeout < 0 {
		ps.add("client_timeout", "is negative; use 0s for clients that wait forever or a positive duration")
	}
	for i, st := range t.Steps {
		path := fmt.Sprintf("steps[%d]", i)
		if st.At < 0 {
			ps.add(path+".at", "is negative; steps start at 0s or later")
		}
		if i > 0 && st.At <= t.Steps[i-1].At {
			ps.add(path+".at", "is %s, not after the previous step at %s; list steps in time order", st.At, t.Steps[i-1].At)
		}
		if st.Rate < 0 || math.IsNaN(st.Rate) || math.IsInf(st.Rate, 0) {
			ps.add(path+".rate", "is %g; use 0 or a positive number of requests per second", st.Rate)
		}
	}
	return ps
}

// ValidateFault checks one Fault against the system it targets; paths start
// at the fault's fields ("target").
func ValidateFault(f Fault, s System) []Problem {
	var ps problems
	switch f.Kind {
	case FaultHang, FaultSlow, FaultErrors:
	default:
		ps.add("kind", "is %q; expected one of: hang, slow, errors", f.Kind)
	}
	found := false
	for _, d := range s.Dependencies {
		found = found || d.Name == f.Target
	}
	if !found {
		ps.add("target", "%s", unknownDependency(f.Target, s))
	}
	if f.At < 0 {
		ps.add("at", "is negative; faults start at 0s or later")
	}
	if f.Duration < 0 {
		ps.add("duration", "is negative; use 0s to last to the end or a positive duration")
	}
	if f.Kind == FaultSlow && f.Add <= 0 {
		ps.add("add", "is missing; a slow fault needs the extra latency, such as add: 3s")
	}
	if f.Kind == FaultErrors {
		checkPercent(&ps, "error_percent", f.ErrorPercent)
		if f.ErrorPercent == 0 {
			ps.add("error_percent", "is missing; an errors fault needs the share of failing calls, such as error_percent: 30")
		}
	}
	return ps
}

// ValidateChange checks a Change against the system it applies to; paths
// start at the change's fields ("calls[0].timeout").
func ValidateChange(c Change, s System) []Problem {
	var ps problems
	switch c.rollout() {
	case RolloutLive, RolloutRolling, RolloutRecreate:
	default:
		ps.add("rollout", "is %q; expected one of: live, rolling, recreate", c.Rollout)
	}
	if c.Pods < 0 {
		ps.add("pods", "is %d; use a positive number of pods", c.Pods)
	}
	if c.Workers < 0 {
		ps.add("workers", "is %d; use a positive number of worker threads", c.Workers)
	}
	if c.Queue != nil && *c.Queue < 0 {
		ps.add("queue", "is %d; use 0 for no queue or a positive length", *c.Queue)
	}
	for i, cc := range c.Calls {
		path := fmt.Sprintf("calls[%d]", i)
		found := false
		for _, call := range s.Service.Calls {
			found = found || call.Dependency == cc.Dependency
		}
		if !found {
			ps.add(path+".dependency", "%q is not called by the service; change one of its calls instead", cc.Dependency)
		}
		var timeout time.Duration
		if cc.Timeout != nil {
			timeout = *cc.Timeout
		}
		validateCall(&ps, path, timeout, cc.Retry, cc.Breaker)
		if cc.RemoveBreaker && cc.Breaker != nil {
			ps.add(path+".remove_breaker", "is set together with breaker; use one or the other")
		}
	}
	return ps
}
