package sim

import (
	"math"
	"time"
)

// Memory-leak model. A pod's heap fills from empty at container start:
// each request started while a memory-leak fault is active adds
// 1/FillRequests of the heap, and each second of the fault adds
// 1/FillAfter of it. Leaked memory stays after the fault ends, until the
// container restarts. Garbage collection costs nothing below GCFreeHeap;
// above it, the CPU time of every request is multiplied by 1 + 9·x² with
// x = (heap − GCFreeHeap)/(1 − GCFreeHeap), so a nearly full heap makes
// requests 10 times slower, as a JVM spending most of its time in GC does.
// A full heap is an OOM kill, and the kubelet restarts the container.
// The curve is an estimate: the shape (nothing, then a steep rise) is what
// matters, not the exact factor.
const (
	GCFreeHeap   = 0.7
	GCMaxSlowing = 10.0
)

// versionBug is the defect a bad deploy shipped in its version.
type versionBug struct {
	errorRate    float64       // share of requests failing with a 5xx after their CPU time
	add          time.Duration // extra CPU time per request
	crashOnStart bool

	// fillRequests and fillAfter leak memory as a memory-leak fault does,
	// from container start, for as long as the version runs.
	fillRequests int
	fillAfter    time.Duration
}

// heap returns the share of the pod's heap in use, 0 to 1 and more.
func (s *Sim) heap(p *pod) float64 {
	h := 0.0
	if bug := p.tmpl.spec.bug; bug != nil {
		if bug.fillRequests > 0 {
			h += float64(p.life.leakRequests) / float64(bug.fillRequests)
		}
		if bug.fillAfter > 0 && s.now > p.life.started {
			h += float64(s.now-p.life.started) / float64(bug.fillAfter)
		}
	}
	// NOTE: one request counter serves every leak, so two per-request leaks
	// at once each count the other's requests too.
	for _, i := range p.svc.life.leaks {
		f := s.cfg.Faults[i]
		if f.FillRequests > 0 {
			h += float64(p.life.leakRequests) / float64(f.FillRequests)
		}
		if f.FillAfter > 0 {
			from := max(f.At, p.life.started)
			if d := min(s.now, f.end()) - from; d > 0 {
				h += float64(d) / float64(f.FillAfter)
			}
		}
	}
	return h
}

// gcSlowing returns the factor the heap multiplies CPU time by.
func gcSlowing(heap float64) float64 {
	if heap <= GCFreeHeap {
		return 1
	}
	x := math.Min((heap-GCFreeHeap)/(1-GCFreeHeap), 1)
	return 1 + (GCMaxSlowing-1)*x*x
}

// workTime returns how long a request holds its worker before its calls:
// the endpoint's CPU time, slowed by a filling heap and a bad version's
// extra latency. A probe takes ProbeCPU and draws nothing, so probes leave
// the service-time stream as it was.
func (s *Sim) workTime(p *pod, r *request) time.Duration {
	if r.probe != noProbe {
		return ProbeCPU
	}
	d := p.tmpl.endpoints[r.endpoint].cpu.sample(s.serviceRand)
	bug := p.tmpl.spec.bug
	leaky := bug != nil && (bug.fillRequests > 0 || bug.fillAfter > 0)
	if leaks := p.svc.life.leaks; len(leaks) > 0 || leaky {
		if leaky && bug.fillRequests > 0 {
			p.life.leakRequests++
		}
		for _, i := range leaks {
			if f := s.cfg.Faults[i]; s.now < f.end() && f.FillRequests > 0 && !(leaky && bug.fillRequests > 0) {
				p.life.leakRequests++
				break
			}
		}
		h := s.heap(p)
		d = time.Duration(float64(d) * gcSlowing(h))
		if h >= 1 {
			s.q.push(event{at: s.now, kind: evLife, sub: uint8(lifeOOM), pod: p, gen: p.life.incarnation})
		}
	}
	if bug != nil {
		d += bug.add
	}
	return d
}

// afterWork runs when a request's CPU time is over, before its calls. It
// completes a probe, and fails a request on a version with an error bug. It
// returns true when it finished the request.
func (s *Sim) afterWork(r *request) bool {
	if r.probe != noProbe {
		s.finish(r, OutcomeSuccess)
		return true
	}
	if bug := r.pod.tmpl.spec.bug; bug != nil && bug.errorRate > 0 && s.lifeRand.Float64() < bug.errorRate {
		s.finish(r, OutcomeError)
		return true
	}
	return false
}

// scheduleOOMCheck schedules a check at the time a time-based leak alone
// fills the pod's heap, so an idle pod is OOM-killed too.
func (s *Sim) scheduleOOMCheck(p *pod) {
	if bug := p.tmpl.spec.bug; bug != nil && bug.fillAfter > 0 {
		s.q.push(event{at: p.life.started + bug.fillAfter, kind: evLife, sub: uint8(lifeOOM), pod: p, gen: p.life.incarnation})
	}
	for _, i := range p.svc.life.leaks {
		f := s.cfg.Faults[i]
		if f.FillAfter <= 0 {
			continue
		}
		at := max(f.At, p.life.started) + f.FillAfter
		if at < f.end() {
			s.q.push(event{at: at, kind: evLife, sub: uint8(lifeOOM), pod: p, gen: p.life.incarnation})
		}
	}
}

// oomCheck kills the pod's container if its heap is full.
func (s *Sim) oomCheck(p *pod, gen uint32) {
	if gen != p.life.incarnation || (p.state != podReady && p.state != podStarting) {
		return
	}
	if s.heap(p) >= 1 {
		s.restartContainer(p, "OOMKilled")
	}
}
