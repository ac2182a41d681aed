package sim

import "time"

// CrashLoopBackOff, as the kubelet applies it: the n-th restart in a row
// waits min(BackOffBase·2^(n−1), BackOffMax), and a container that ran for
// BackOffReset starts the count again.
const (
	BackOffBase  = 10 * time.Second
	BackOffMax   = 300 * time.Second
	BackOffReset = 10 * time.Minute
)

// backOff returns the wait before the n-th restart in a row, n ≥ 1.
func backOff(n int) time.Duration {
	if n > 6 {
		return BackOffMax
	}
	return min(BackOffBase<<(n-1), BackOffMax)
}

// restartContainer kills the pod's process (a crash, an OOM kill or a
// failed liveness probe) and has the kubelet start it again after the
// back-off. In-flight and queued requests are dropped; the pod refuses
// connections until the load balancer, after the endpoint lag, stops
// sending to it.
func (s *Sim) restartContainer(p *pod, reason string) {
	if p.state == podTerminating || p.state == podStopped || p.state == podBackOff {
		return
	}
	dropped := s.dropWork(p)
	s.setState(p, podBackOff)
	p.life.incarnation++
	p.svc.life.restarts++
	if s.now-p.life.started >= BackOffReset {
		p.life.backoff = 0
	}
	p.life.backoff++
	wait := backOff(p.life.backoff)
	s.logf(LogPod, "%s restarting (%s): %d requests dropped, back-off %s", p.name, reason, dropped, wait)
	s.restarts = append(s.restarts, restartRecord{pod: p.name, at: s.now, backOff: wait})
	s.q.push(event{at: s.now + wait, kind: evLife, sub: uint8(lifeContainerStart), pod: p, gen: p.life.incarnation})
	s.leaveEndpoints(p)
}

// restartRecord is one container restart, kept for tests.
type restartRecord struct {
	pod     string
	at      time.Duration
	backOff time.Duration
}

// containerStart starts the process again; the pod is ready after the
// service's start-up time.
func (s *Sim) containerStart(p *pod, gen uint32) {
	if gen != p.life.incarnation || p.state != podBackOff {
		return
	}
	s.setState(p, podStarting)
	p.life.started = s.now
	p.life.leakRequests = 0
	p.life.unready = false
	s.q.push(event{at: s.now + p.svc.startup, kind: evPodReady, pod: p, gen: p.life.incarnation})
}

// becameReady finishes a pod's start: a version that crashes on start
// crashes now; any other starts its probes. It returns false when the pod
// did not become ready.
func (s *Sim) becameReady(p *pod) bool {
	if bug := p.tmpl.spec.bug; bug != nil && bug.crashOnStart {
		s.restartContainer(p, "crashed on start")
		return false
	}
	p.life.started = s.now
	s.startProbes(p)
	s.scheduleOOMCheck(p)
	return true
}
