package ui

import (
	"time"

	"gameday/drills"
	"gameday/sim"
)

// topology is the view model of the live screen's topology view: the load
// balancer, the entry service's pods and zones, and the targets it calls,
// internal services with their pods and leaf dependencies. topologyFrom
// fills it from a session; a richer simulator snapshot (database roles,
// deeper call graphs) only needs a new filling function.
type topology struct {
	Service string
	Pods    []podNode
	Ready   int
	Zones   []zoneNode

	// Busy and Workers are worker threads over all pods, held and total;
	// Queued and Queue are requests waiting and accept-queue slots.
	Busy, Workers int
	Queued, Queue int

	Deps []depNode
}

// zoneNode counts the entry service's pods in one availability zone.
type zoneNode struct {
	Name         string
	Ready, Total int
}

// podHealth is the colour a pod is drawn in.
type podHealth int

const (
	podStarting  podHealth = iota // not ready yet: gets no traffic
	podHealthy                    // ready, under podBusyShare of its workers held
	podBusy                       // ready, at least podBusyShare held
	podSaturated                  // ready, at least podSaturatedShare held
)

// Shares of a pod's workers held at which it is drawn busy and saturated.
// They match the worker-saturation alert, which fires at 95 %.
const (
	podBusyShare      = 0.80
	podSaturatedShare = 0.95
)

type podNode struct {
	Name   string
	Health podHealth
}

// depNode is one call edge from the entry service to a target, with the
// edge's policies and the breakers of every pod on it.
type depNode struct {
	Name     string
	Timeout  time.Duration // zero: none
	Retries  bool
	Bulkhead int // concurrent calls allowed; zero: no bulkhead
	Breaker  bool
	Fallback bool

	// Service marks an internal service, whose pods are Pods.
	Service bool
	Pods    []podNode
	Ready   int

	// Closed, Open and HalfOpen count the pods' breakers on this edge in
	// each state; all zero when the edge has no breaker.
	Closed, Open, HalfOpen int

	// Role is a database's role, such as "primary" or "replica", and Lag
	// its replication lag; empty for other dependencies. The simulator
	// has no databases yet, so topologyFrom leaves them empty.
	Role string
	Lag  time.Duration
}

// topologyFrom fills the topology view model from the session's services
// and the settings the entry service's new pods get.
func topologyFrom(s *drills.Session) topology {
	services := s.Services()
	if len(services) == 0 {
		return topology{Service: "service"}
	}
	entry := services[0]
	t := topology{Service: entry.Name}

	policies := callPolicies(s.Current())
	byName := map[string]sim.ServiceStatus{}
	for _, svc := range services[1:] {
		byName[svc.Name] = svc
	}
	for _, edge := range entry.Edges {
		d := depNode{Name: edge}
		if c, ok := policies[edge]; ok {
			d.Timeout = c.Timeout
			d.Retries = c.Retry != nil && c.Retry.MaxAttempts != 1
			if c.Bulkhead != nil {
				d.Bulkhead = c.Bulkhead.MaxConcurrent
			}
			if c.Breaker != nil {
				d.Breaker, d.Fallback = true, c.Breaker.Fallback
			}
		}
		if svc, ok := byName[edge]; ok {
			d.Service = true
			d.Pods, d.Ready = podNodes(svc.Pods)
		}
		t.Deps = append(t.Deps, d)
	}

	t.Pods, t.Ready = podNodes(entry.Pods)
	zones := map[string]int{}
	for _, p := range entry.Pods {
		if p.Zone != "" {
			if _, seen := zones[p.Zone]; !seen {
				zones[p.Zone] = len(t.Zones)
				t.Zones = append(t.Zones, zoneNode{Name: p.Zone})
			}
			z := &t.Zones[zones[p.Zone]]
			z.Total++
			if p.State == "ready" {
				z.Ready++
			}
		}
		if p.State == "ready" {
			t.Busy += p.Busy
			t.Workers += p.Workers
			t.Queued += p.Queued
			t.Queue += p.Queue
		}
		for i, b := range p.Breakers {
			if i >= len(t.Deps) || !t.Deps[i].Breaker {
				continue
			}
			switch b {
			case sim.BreakerOpen:
				t.Deps[i].Open++
			case sim.BreakerHalfOpen:
				t.Deps[i].HalfOpen++
			default:
				t.Deps[i].Closed++
			}
		}
	}
	return t
}

// callPolicies returns the first call to each target in spec, over the
// service's calls and then its endpoints' calls.
func callPolicies(spec sim.ServiceSpec) map[string]sim.CallSpec {
	out := map[string]sim.CallSpec{}
	calls := spec.Calls
	for _, e := range spec.Endpoints {
		calls = append(calls[:len(calls):len(calls)], e.Calls...)
	}
	for _, c := range calls {
		if _, ok := out[c.Dependency]; !ok {
			out[c.Dependency] = c
		}
	}
	return out
}

// podNodes returns the pods' health and how many are ready.
func podNodes(pods []sim.PodStatus) ([]podNode, int) {
	out := make([]podNode, 0, len(pods))
	ready := 0
	for _, p := range pods {
		out = append(out, podNode{Name: p.Name, Health: healthOf(p)})
		if p.State == "ready" {
			ready++
		}
	}
	return out, ready
}

func healthOf(p sim.PodStatus) podHealth {
	if p.State != "ready" {
		return podStarting
	}
	share := 0.0
	if p.Workers > 0 {
		share = float64(p.Busy) / float64(p.Workers)
	}
	switch {
	case share >= podSaturatedShare:
		return podSaturated
	case share >= podBusyShare:
		return podBusy
	}
	return podHealthy
}
