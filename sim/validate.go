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
		validateLeaf(&ps, path, d, s)
	}

	svcNames := map[string]int{}
	all := append([]ServiceSpec{s.Service}, s.Services...)
	for i, svc := range all {
		path := servicePath(i)
		name := serviceName(svc)
		if i > 0 && svc.Name == "" {
			ps.add(path+".name", "is missing; give the service a name that calls can refer to")
		}
		if _, dup := svcNames[name]; dup || names[name] {
			ps.add(path+".name", "%q is used twice; service and dependency names must be unique", name)
		}
		svcNames[name] = i
	}
	for i, svc := range all {
		validateService(&ps, servicePath(i), svc, i == 0, s, svcNames)
	}
	checkAcyclic(&ps, all, svcNames)
	return ps
}

// servicePath returns the path of the i-th service, the entry first.
func servicePath(i int) string {
	if i == 0 {
		return "service"
	}
	return fmt.Sprintf("services[%d]", i-1)
}

func serviceName(spec ServiceSpec) string {
	if spec.Name == "" {
		return "service"
	}
	return spec.Name
}

func validateService(ps *problems, path string, svc ServiceSpec, entry bool, s System, svcNames map[string]int) {
	if svc.Pods < 1 {
		ps.add(path+".pods", "is %d; a service needs at least 1 pod", svc.Pods)
	}
	if svc.Workers < 1 {
		ps.add(path+".workers", "is %d; a pod needs at least 1 worker thread", svc.Workers)
	}
	if svc.Cores < 0 || svc.Cores > 1024 {
		ps.add(path+".cores", "is %d; use between 1 and 1024 cores per pod, or 0 for a core per worker", svc.Cores)
	}
	if svc.Queue < 0 {
		ps.add(path+".queue", "is %d; use 0 for no queue or a positive length", svc.Queue)
	}
	if svc.Startup < 0 {
		ps.add(path+".startup", "is negative (%s); use a positive duration such as 10s", svc.Startup)
	}
	if svc.MaxSurge != nil && *svc.MaxSurge < 0 {
		ps.add(path+".max_surge", "is %d; it must be 0 or more", *svc.MaxSurge)
	}
	if svc.MaxUnavailable != nil && *svc.MaxUnavailable < 0 {
		ps.add(path+".max_unavailable", "is %d; it must be 0 or more", *svc.MaxUnavailable)
	}
	if svc.MaxSurge != nil && svc.MaxUnavailable != nil && *svc.MaxSurge == 0 && *svc.MaxUnavailable == 0 {
		ps.add(path+".max_surge", "and max_unavailable are both 0, so a rolling update could never progress; raise one of them")
	}
	if rl := svc.RateLimit; rl != nil {
		validateRateLimit(ps, path+".rate_limit", *rl)
	}
	if sh := svc.Shedding; sh != nil {
		validateShedding(ps, path+".shedding", *sh)
	}
	switch svc.Balancer {
	case "", BalancerRoundRobin, BalancerLeastOutstanding:
	default:
		ps.add(path+".balancer", "is %q; expected %s or %s", svc.Balancer, BalancerRoundRobin, BalancerLeastOutstanding)
	}
	validateLifecycle(ps, path, svc)
	zones := map[string]bool{}
	for i, z := range svc.Zones {
		if z == "" || zones[z] {
			ps.add(fmt.Sprintf("%s.zones[%d]", path, i), "is %q; zone names must be unique and not empty", z)
		}
		zones[z] = true
	}

	if len(svc.Endpoints) == 0 {
		if msg := svc.CPU.validate(); msg != "" {
			ps.add(path+".cpu", "%s", msg)
		}
		validateCalls(ps, path+".calls", svc.Calls, s, svcNames)
		return
	}
	if len(svc.Calls) > 0 {
		ps.add(path+".calls", "is set together with endpoints; move the calls into the endpoints")
	}
	share := 0.0
	seen := map[string]bool{}
	for i, e := range svc.Endpoints {
		epath := fmt.Sprintf("%s.endpoints[%d]", path, i)
		if e.Name == "" || seen[e.Name] {
			ps.add(epath+".name", "is %q; endpoint names must be unique and not empty", e.Name)
		}
		seen[e.Name] = true
		checkPercent(ps, epath+".share", e.Share)
		share += e.Share
		switch {
		case !e.CPU.IsZero():
			if msg := e.CPU.validate(); msg != "" {
				ps.add(epath+".cpu", "%s", msg)
			}
		case svc.CPU.IsZero():
			ps.add(epath+".cpu", "is missing and the service has no cpu; set one of them")
		default:
			if msg := svc.CPU.validate(); msg != "" {
				ps.add(path+".cpu", "%s", msg)
			}
		}
		validateCalls(ps, epath+".calls", e.Calls, s, svcNames)
	}
	if entry && math.Abs(share-100) > 1e-9 {
		ps.add(path+".endpoints", "shares add up to %g%%; client traffic is split by share, so make them add up to 100", share)
	}
}

func validateCalls(ps *problems, path string, calls []CallSpec, s System, svcNames map[string]int) {
	for i, c := range calls {
		cpath := fmt.Sprintf("%s[%d]", path, i)
		j, isService := svcNames[c.Dependency]
		isLeaf := false
		for _, d := range s.Dependencies {
			isLeaf = isLeaf || d.Name == c.Dependency
		}
		switch {
		case isService:
			if c.Endpoint != "" && !hasEndpoint(serviceAt(s, j), c.Endpoint) {
				ps.add(cpath+".endpoint", "%q is not an endpoint of %s", c.Endpoint, c.Dependency)
			}
		case isLeaf:
			if c.Endpoint != "" {
				ps.add(cpath+".endpoint", "is set, but %s is a leaf dependency without endpoints; remove it", c.Dependency)
			}
		default:
			ps.add(cpath+".dependency", "%s", unknownDependency(c.Dependency, s))
		}
		validateCall(ps, cpath, c.Timeout, c.Retry, c.Breaker)
		if c.Bulkhead != nil {
			validateBulkhead(ps, cpath+".bulkhead", *c.Bulkhead)
		}
		validateDataCall(ps, cpath, c, s)
	}
}

func serviceAt(s System, i int) ServiceSpec {
	if i == 0 {
		return s.Service
	}
	return s.Services[i-1]
}

func hasEndpoint(spec ServiceSpec, name string) bool {
	for _, e := range endpointsOf(spec) {
		if e.Name == name {
			return true
		}
	}
	return false
}

// checkAcyclic reports a cycle of calls between services, which would let
// one request call itself forever.
func checkAcyclic(ps *problems, all []ServiceSpec, svcNames map[string]int) {
	const (
		unseen = iota
		visiting
		done
	)
	state := make([]int, len(all))
	var visit func(i int, trail []string) bool
	visit = func(i int, trail []string) bool {
		state[i] = visiting
		trail = append(trail, serviceName(all[i]))
		for _, e := range endpointsOf(all[i]) {
			for _, c := range e.Calls {
				j, ok := svcNames[c.Dependency]
				if !ok {
					continue
				}
				if state[j] == visiting {
					ps.add(servicePath(j), "calls form a cycle (%s → %s); calls between services must form a DAG", strings.Join(trail, " → "), serviceName(all[j]))
					return false
				}
				if state[j] == unseen && !visit(j, trail) {
					return false
				}
			}
		}
		state[i] = done
		return true
	}
	for i := range all {
		if state[i] == unseen && !visit(i, nil) {
			return
		}
	}
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

func validateRateLimit(ps *problems, path string, rl RateLimitSpec) {
	if !(rl.Rate > 0) || math.IsInf(rl.Rate, 0) {
		ps.add(path+".rate", "is %g; use a positive number of requests per second per client", rl.Rate)
	}
	if rl.Scope != "" && rl.Scope != RateLimitClient && rl.Scope != RateLimitGlobal {
		ps.add(path+".scope", "is %q; expected %s or %s", rl.Scope, RateLimitClient, RateLimitGlobal)
	}
	if rl.Burst < 0 {
		ps.add(path+".burst", "is %d; use a positive bucket size, or leave it out for one second's worth", rl.Burst)
	}
}

func validateShedding(ps *problems, path string, sh SheddingSpec) {
	if sh.MaxQueue < 0 {
		ps.add(path+".max_queue", "is %d; use a positive queue length, or 0 for no length limit", sh.MaxQueue)
	}
	if sh.MaxWait < 0 {
		ps.add(path+".max_wait", "is negative; use a positive duration such as 500ms, or 0s for no wait target")
	}
	if sh.MaxQueue == 0 && sh.MaxWait == 0 {
		ps.add(path, "sets neither max_queue nor max_wait, so it would shed nothing; set one of them")
	}
}

func validateBulkhead(ps *problems, path string, b BulkheadSpec) {
	if b.MaxConcurrent < 0 {
		ps.add(path+".max_concurrent", "is %d; use a positive number of calls, such as 25", b.MaxConcurrent)
	}
	if b.MaxWait < 0 {
		ps.add(path+".max_wait", "is negative; use 0s to reject at once or a positive duration such as 50ms")
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
	switch r.Jitter {
	case "", JitterNone, JitterFull, JitterEqual, JitterDecorrelated:
	default:
		ps.add(path+".jitter", "is %q; expected one of: none, full, equal, decorrelated", r.Jitter)
	}
	for i, c := range r.RetryOn {
		if c != RetryOnTimeout && c != RetryOnError && c != RetryOnRejected {
			ps.add(fmt.Sprintf("%s.retry_on[%d]", path, i), "is %q; expected timeout, error or rejected", c)
		}
	}
	if r.Budget < 0 || r.Budget > 1 || math.IsNaN(r.Budget) {
		ps.add(path+".budget", "is %g; use a ratio between 0 (no budget) and 1, such as 0.1", r.Budget)
	}
}

func validateBreaker(ps *problems, path string, b BreakerSpec) {
	if b.WindowType != "" && b.WindowType != WindowCount && b.WindowType != WindowTime {
		ps.add(path+".window_type", "is %q; expected %s or %s", b.WindowType, WindowCount, WindowTime)
	}
	if b.WindowType == WindowTime && b.Window > 3600 {
		ps.add(path+".window", "is %d seconds; use a time window of at most 3600", b.Window)
	}
	if b.WindowType != WindowTime && b.Window > 100000 {
		ps.add(path+".window", "is %d calls; use a count window of at most 100000", b.Window)
	}
	checkPercent(ps, path+".slow_call_percent", b.SlowCallPercent)
	if b.SlowCallDuration < 0 {
		ps.add(path+".slow_call_duration", "is negative; use a positive duration such as 2s")
	}
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
	for _, svc := range s.Services {
		known = append(known, svc.Name)
	}
	for _, d := range s.Dependencies {
		known = append(known, d.Name)
	}
	if name == "" {
		return "is missing; name one of the dependencies: " + strings.Join(known, ", ")
	}
	return fmt.Sprintf("%q is not a service or dependency of the system; expected one of: %s", name, strings.Join(known, ", "))
}

// ValidateTraffic checks a Traffic; paths start at its fields ("rate").
func ValidateTraffic(t Traffic) []Problem {
	var ps problems
	if !(t.Rate > 0) || math.IsInf(t.Rate, 0) {
		ps.add("rate", "is %g; use a positive number of requests per second", t.Rate)
	}
	if t.Clients < 0 || t.Clients > 1_000_000 {
		ps.add("clients", "is %d; use between 1 and 1000000 clients, or leave it out for 100", t.Clients)
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
	if lifecycleFault(f.Kind) {
		validateLifecycleFault(&ps, f, s)
		return ps
	}
	switch f.Kind {
	case FaultHang, FaultSlow, FaultErrors, FaultRefused, FaultDNS, FaultPrimaryFailure, FaultCacheFlush:
		checkPercent(&ps, "percent", f.Percent)
		found := false
		for _, d := range s.Dependencies {
			found = found || d.Name == f.Target
		}
		if !found {
			ps.add("target", "%s", unknownDependency(f.Target, s))
		}
	case FaultSurge:
		if !(f.Factor > 0) || math.IsInf(f.Factor, 0) {
			ps.add("factor", "is %g; a surge needs a positive factor, such as factor: 3", f.Factor)
		}
	case FaultAbusiveClient:
		if !(f.Rate > 0) || math.IsInf(f.Rate, 0) {
			ps.add("rate", "is %g; an abusive client needs a positive rate, such as rate: 500", f.Rate)
		}
	default:
		ps.add("kind", "is %q; expected one of: hang, slow, errors, refused, dns, primary-failure, cache-flush, surge, abusive-client, crash, memory-leak, zone-outage, bad-deploy, rolling-deploy", f.Kind)
	}
	validateDataFault(&ps, f, s)
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

// changedService returns the spec of the service a change targets.
func changedService(c Change, s System) (ServiceSpec, bool) {
	if c.Service == "" {
		return s.Service, true
	}
	for _, svc := range append([]ServiceSpec{s.Service}, s.Services...) {
		if serviceName(svc) == c.Service {
			return svc, true
		}
	}
	return ServiceSpec{}, false
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
	if c.RateLimit != nil {
		validateRateLimit(&ps, "rate_limit", *c.RateLimit)
	}
	if c.Shedding != nil {
		validateShedding(&ps, "shedding", *c.Shedding)

	}
	if c.Leaf != nil {
		validateLeafChange(&ps, *c.Leaf, s)
	}
	if c.Database != nil {
		validateDatabaseChange(&ps, *c.Database, s)
	}
	validateLifecycleChange(&ps, c)
	spec, ok := changedService(c, s)
	if !ok {
		var known []string
		for _, svc := range append([]ServiceSpec{s.Service}, s.Services...) {
			known = append(known, serviceName(svc))
		}
		ps.add("service", "%q is not a service of the system; expected one of: %s", c.Service, strings.Join(known, ", "))
		return ps
	}
	for i, cc := range c.Calls {
		path := fmt.Sprintf("calls[%d]", i)
		found := false
		for _, e := range endpointsOf(spec) {
			for _, call := range e.Calls {
				found = found || call.Dependency == cc.Dependency
			}
		}
		if !found {
			ps.add(path+".dependency", "%q is not called by %s; change one of its calls instead", cc.Dependency, serviceName(spec))
		}
		var timeout time.Duration
		if cc.Timeout != nil {
			timeout = *cc.Timeout
		}
		validateCall(&ps, path, timeout, cc.Retry, cc.Breaker)
		if cc.Bulkhead != nil {
			validateBulkhead(&ps, path+".bulkhead", *cc.Bulkhead)
		}
		if cc.RemoveBreaker && cc.Breaker != nil {
			ps.add(path+".remove_breaker", "is set together with breaker; use one or the other")
		}
	}
	return ps
}
