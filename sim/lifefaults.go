package sim

import (
	"fmt"
	"slices"
	"strings"
)

// Lifecycle fault kinds. Their Target names a service; a zone outage may
// leave it empty to hit every service.
const (
	// FaultCrash crashes the processes of Count ready pods (default 1) at
	// At; the kubelet restarts them after the back-off. Duration is unused.
	FaultCrash = "crash"

	// FaultMemoryLeak leaks memory in every pod of the service from At to
	// the end of the fault: FillRequests requests, or FillAfter of time, or
	// both together, fill an empty heap. See the model in leak.go.
	FaultMemoryLeak = "memory-leak"

	// FaultZoneOutage makes every pod in Zone unreachable while it lasts:
	// requests sent there get no response, so callers time out, until the
	// node controller marks the pods not ready (NodeMonitorGrace plus the
	// endpoint lag). No new pod goes to the zone, and the lost pods are
	// replaced in the other zones only once evicted (EvictionDelay later).
	// Without a Target it also cuts off the database nodes in Zone, so a
	// primary there fails over to a replica in a zone still up.
	FaultZoneOutage = "zone-outage"

	// FaultBadDeploy starts a rolling update to a version that fails
	// ErrorPercent of requests with a 5xx, adds Add to every request's CPU
	// time, crashes on start (CrashOnStart), or leaks memory as a
	// memory-leak fault does (FillRequests, FillAfter). The version stays
	// until a rollback or another deploy replaces it; Duration is unused.
	FaultBadDeploy = "bad-deploy"

	// FaultRollingDeploy starts a rolling update to a new version with the
	// same settings, as a routine release does. Duration is unused.
	FaultRollingDeploy = "rolling-deploy"
)

// lifecycleFault reports whether kind is one of the lifecycle faults.
func lifecycleFault(kind string) bool {
	switch kind {
	case FaultCrash, FaultMemoryLeak, FaultZoneOutage, FaultBadDeploy, FaultRollingDeploy:
		return true
	}
	return false
}

// validateLifecycleFault checks a lifecycle fault; paths start at the
// fault's fields.
func validateLifecycleFault(ps *problems, f Fault, s System) {
	all := append([]ServiceSpec{s.Service}, s.Services...)
	var target *ServiceSpec
	for i := range all {
		if serviceName(all[i]) == f.Target {
			target = &all[i]
		}
	}
	if target == nil && !(f.Kind == FaultZoneOutage && f.Target == "") {
		var known []string
		for _, svc := range all {
			known = append(known, serviceName(svc))
		}
		ps.add("target", "%q is not a service of the system; a %s fault names one of: %s", f.Target, f.Kind, strings.Join(known, ", "))
	}
	if f.At < 0 {
		ps.add("at", "is negative; faults start at 0s or later")
	}
	if f.Duration < 0 {
		ps.add("duration", "is negative; use 0s to last to the end or a positive duration")
	}
	switch f.Kind {
	case FaultCrash, FaultBadDeploy, FaultRollingDeploy:
		if f.Duration != 0 {
			ps.add("duration", "is %s, but a %s fault happens once; remove it", f.Duration, f.Kind)
		}
	}
	if f.Count < 0 || (f.Count != 0 && f.Kind != FaultCrash) {
		ps.add("count", "is %d; only a crash fault takes a count, of 1 or more pods", f.Count)
	}
	if f.Kind == FaultMemoryLeak {
		if f.FillAfter < 0 || f.FillRequests < 0 || (f.FillAfter == 0 && f.FillRequests == 0) {
			ps.add("fill_requests", "and fill_after are missing or negative; a memory leak needs one, such as fill_requests: 20000 (requests per pod that fill the heap) or fill_after: 10m")
		}
	} else if (f.FillAfter != 0 || f.FillRequests != 0) && f.Kind != FaultBadDeploy {
		ps.add("fill_requests", "is set on a %s fault; fill_requests and fill_after belong to memory-leak and bad-deploy faults", f.Kind)
	} else if f.FillAfter < 0 || f.FillRequests < 0 {
		ps.add("fill_requests", "or fill_after is negative; use a positive count of requests or a duration")
	}
	if f.Kind == FaultZoneOutage {
		validateOutageZone(ps, f, s, all, target)
	} else if f.Zone != "" {
		ps.add("zone", "is set on a %s fault; only zone-outage faults take a zone", f.Kind)
	}
	if f.Kind == FaultBadDeploy {
		checkPercent(ps, "error_percent", f.ErrorPercent)
		if f.ErrorPercent == 0 && f.Add <= 0 && !f.CrashOnStart && f.FillRequests == 0 && f.FillAfter == 0 {
			ps.add("kind", "is bad-deploy with nothing broken; set error_percent, add, crash_on_start, fill_requests or fill_after")
		}
	} else if f.CrashOnStart {
		ps.add("crash_on_start", "is set on a %s fault; it belongs to bad-deploy faults", f.Kind)
	}
	if (f.Kind == FaultCrash || f.Kind == FaultRollingDeploy || f.Kind == FaultMemoryLeak) && (f.Add != 0 || f.ErrorPercent != 0) {
		ps.add("kind", "is %s, which takes no add or error_percent; use bad-deploy for a version that fails", f.Kind)
	}
}

// validateOutageZone checks that a zone outage names a zone something is
// in: a zone of its target service, or without a target a zone of any
// service or database node.
func validateOutageZone(ps *problems, f Fault, s System, all []ServiceSpec, target *ServiceSpec) {
	if f.Zone == "" {
		ps.add("zone", "is missing; a zone outage names the zone, such as zone: zone-b")
		return
	}
	services := all
	if target != nil {
		services = []ServiceSpec{*target}
	} else if slices.Contains(databaseZones(s), f.Zone) {
		return
	}
	for _, svc := range services {
		zones := svc.Zones
		if len(zones) == 0 {
			zones = []string{"zone-a"}
		}
		for _, z := range zones {
			if z == f.Zone {
				return
			}
		}
	}
	if target == nil {
		ps.add("zone", "%q is not a zone of any service or database node; use one listed under the services' zones or the databases' zone fields", f.Zone)
		return
	}
	ps.add("zone", "%q is not a zone of service %s; use one listed under its zones, or remove the target to take down the whole zone", f.Zone, f.Target)
}

// scheduleLifecycleFault queues fault i's start and, if it has one, its end.
func (s *Sim) scheduleLifecycleFault(i int) {
	f := s.cfg.Faults[i]
	s.q.push(event{at: f.At, kind: evFault, index: i})
	if f.Duration > 0 && (f.Kind == FaultZoneOutage || f.Kind == FaultMemoryLeak) {
		s.q.push(event{at: f.end(), kind: evFault, index: i})
	}
}

// lifecycleFaultEdge starts or ends fault i.
func (s *Sim) lifecycleFaultEdge(i int) {
	f := s.cfg.Faults[i]
	starting := s.now == f.At
	s.logf(LogFault, "%s", describeLifecycleFault(f, starting))
	if f.Kind == FaultZoneOutage {
		if starting {
			s.zoneDown(i)
		} else {
			s.zoneUp(i)
		}
		return
	}
	if !starting {
		return
	}
	svc := s.services[s.svcIndex[f.Target]]
	switch f.Kind {
	case FaultCrash:
		n := max(f.Count, 1)
		for _, p := range append([]*pod(nil), svc.pods...) {
			if n > 0 && p.state == podReady {
				s.restartContainer(p, "crashed")
				n--
			}
		}
	case FaultMemoryLeak:
		svc.life.leaks = append(svc.life.leaks, i)
		for _, p := range svc.pods {
			s.scheduleOOMCheck(p)
		}
	case FaultBadDeploy:
		spec := svc.tmpl.spec
		spec.bug = &versionBug{
			errorRate: f.ErrorPercent / 100, add: f.Add, crashOnStart: f.CrashOnStart,
			fillRequests: f.FillRequests, fillAfter: f.FillAfter,
		}
		s.deploy(svc, spec, "new release")
	case FaultRollingDeploy:
		s.deploy(svc, svc.tmpl.spec, "new release")
	}
}

func describeLifecycleFault(f Fault, starting bool) string {
	switch {
	case f.Kind == FaultZoneOutage && starting:
		return fmt.Sprintf("fault: zone %s is out, its pods are unreachable", f.Zone)
	case f.Kind == FaultZoneOutage:
		return fmt.Sprintf("fault over: zone %s is back", f.Zone)
	case f.Kind == FaultMemoryLeak && !starting:
		return fmt.Sprintf("fault over: %s stops leaking memory; what leaked stays until a restart", f.Target)
	case f.Kind == FaultMemoryLeak:
		return fmt.Sprintf("fault: %s leaks memory", f.Target)
	case f.Kind == FaultCrash:
		return fmt.Sprintf("fault: %d %s pods crash", max(f.Count, 1), f.Target)
	case f.Kind == FaultBadDeploy:
		return fmt.Sprintf("fault: a bad release of %s rolls out", f.Target)
	}
	return fmt.Sprintf("fault: a routine release of %s rolls out", f.Target)
}

// databaseZones returns the zones of the system's database nodes.
func databaseZones(s System) []string {
	var zones []string
	for _, d := range s.Dependencies {
		if d.Database == nil {
			continue
		}
		if d.Database.Zone != "" {
			zones = append(zones, d.Database.Zone)
		}
		for _, r := range d.Database.Replicas {
			if r.Zone != "" {
				zones = append(zones, r.Zone)
			}
		}
	}
	return zones
}
