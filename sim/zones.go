package sim

import "time"

// Zone-outage timings, the Kubernetes defaults.
const (
	// NodeMonitorGrace is how long the node controller waits for an
	// unreachable node's heartbeat before marking it NotReady, which marks
	// its pods not ready and starts their endpoint removal
	// (kube-controller-manager --node-monitor-grace-period: 40 s for many
	// releases, 50 s from v1.32).
	NodeMonitorGrace = 40 * time.Second

	// EvictionDelay is how long pods stay bound to a NotReady node before
	// they are evicted and their controllers replace them elsewhere: the
	// 300 s tolerationSeconds the DefaultTolerationSeconds admission plugin
	// gives every pod for the not-ready and unreachable taints.
	EvictionDelay = 300 * time.Second
)

// zoneServices returns the services a zone fault hits: its target, or
// every service when it names none.
func (s *Sim) zoneServices(f Fault) []*service {
	if f.Target == "" {
		return s.services
	}
	return []*service{s.services[s.svcIndex[f.Target]]}
}

// zoneDown starts a zone outage: every pod in the zone becomes
// unreachable, new pods avoid the zone, and the node controller's timers
// start. An outage without a target also cuts off the database nodes in
// the zone.
func (s *Sim) zoneDown(i int) {
	f := s.cfg.Faults[i]
	if f.Target == "" {
		s.nodesUnreachable(f.Zone)
	}
	for _, svc := range s.zoneServices(f) {
		if svc.life.downZones == nil {
			svc.life.downZones = map[string]bool{}
		}
		svc.life.downZones[f.Zone] = true
		for _, p := range svc.pods {
			if p.zone == f.Zone {
				p.life.unreachable = true
			}
		}
	}
	s.q.push(event{at: s.now + NodeMonitorGrace, kind: evLife, sub: uint8(lifeNodeNotReady), index: i})
	s.q.push(event{at: s.now + NodeMonitorGrace + EvictionDelay, kind: evLife, sub: uint8(lifeEvict), index: i})
}

// zoneUp ends a zone outage: pods not yet evicted and database nodes are
// reachable and ready again.
func (s *Sim) zoneUp(i int) {
	f := s.cfg.Faults[i]
	if f.Target == "" {
		s.nodesReachable(f.Zone)
	}
	for _, svc := range s.zoneServices(f) {
		delete(svc.life.downZones, f.Zone)
		for _, p := range svc.pods {
			if p.zone != f.Zone || !p.life.unreachable {
				continue
			}
			p.life.unreachable, p.life.readyUnseen = false, false
			if p.state == podLost {
				s.setState(p, podReady)
				s.startProbes(p)
			}
			p.joinEndpoints()
		}
		s.reconcile(svc)
	}
}

// zoneActive reports whether fault i is still in effect.
func (s *Sim) zoneActive(i int) bool {
	f := s.cfg.Faults[i]
	return s.now >= f.At && s.now < f.end()
}

// nodesNotReady marks the zone's unreachable pods not ready, so they leave
// the load balancer after the endpoint lag, and a rolling update in
// progress counts them unavailable and replaces them, as the Deployment
// controller does when a pod's Ready condition turns false.
func (s *Sim) nodesNotReady(i int) {
	if !s.zoneActive(i) {
		return
	}
	f := s.cfg.Faults[i]
	for _, svc := range s.zoneServices(f) {
		n := 0
		for _, p := range svc.pods {
			if p.zone == f.Zone && p.life.unreachable && p.state == podReady {
				s.setState(p, podLost)
				s.leaveEndpoints(p)
				n++
			}
		}
		if n > 0 {
			s.logf(LogPod, "%s: %d pods in %s marked not ready, their node is unreachable", svc.name, n, f.Zone)
			s.reconcile(svc)
		}
	}
}

// evictZone deletes the zone's unreachable pods, so the deployment
// replaces them in the zones still up. Their requests are lost, not
// dropped, because no response leaves the zone.
func (s *Sim) evictZone(i int) {
	if !s.zoneActive(i) {
		return
	}
	f := s.cfg.Faults[i]
	for _, svc := range s.zoneServices(f) {
		evicted := 0
		for _, p := range append([]*pod(nil), svc.pods...) {
			if p.zone == f.Zone && p.life.unreachable {
				s.stopPod(p, "evicted from unreachable node")
				evicted++
			}
		}
		if evicted > 0 {
			s.reconcile(svc)
		}
	}
}

// zoneUsable reports whether new pods may go to zone z.
func (svc *service) zoneUsable(z string) bool { return !svc.life.downZones[z] }
