package ui

import (
	"time"

	"gameday/drills"
	"gameday/sim"
)

// topology is the view model of the live screen's topology view: the load
// balancer, the entry service's pods and zones, and the targets it calls:
// internal services with their pods and edges, and leaf dependencies,
// databases with their nodes' roles. topologyFrom fills it from a session;
// a richer simulator snapshot only needs a new filling function.
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

// depNode is one call edge from a service to a target, with the edge's
// policies and the breakers of every pod of the calling service on it.
type depNode struct {
	Name     string
	Timeout  time.Duration // zero: none
	Retries  bool
	Bulkhead int // concurrent calls allowed; zero: no bulkhead
	Breaker  bool
	Fallback bool

	// Service marks an internal service, whose pods are Pods and whose
	// own call edges are Children.
	Service  bool
	Pods     []podNode
	Ready    int
	Children []depNode

	// Closed, Open and HalfOpen count the pods' breakers on this edge in
	// each state; all zero when the edge has no breaker.
	Closed, Open, HalfOpen int

	// DB lists a database's nodes with their roles; empty for other
	// targets.
	DB []sim.DatabaseNodeStatus
}

// topologyFrom fills the topology view model from the session's services
// and their current settings.
func topologyFrom(s *drills.Session) topology {
	services := s.Services()
	if len(services) == 0 {
		return topology{Service: "service"}
	}
	byName := map[string]sim.ServiceStatus{}
	for _, svc := range services {
		byName[svc.Name] = svc
	}
	databases := map[string][]sim.DatabaseNodeStatus{}
	for _, db := range s.Databases() {
		databases[db.Name] = db.Nodes
	}
	entry := services[0]
	t := topology{Service: entry.Name, Deps: edgeNodes(s, byName, databases, entry, maxTopologyDepth)}

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
	}
	return t
}

// maxTopologyDepth bounds how many levels of services the topology walks
// below the entry service.
const maxTopologyDepth = 4

// edgeNodes returns the call edges of svc, with the policies of its
// current settings and its pods' breaker states, the nodes of databases,
// and for internal services their own edges, depth levels down at most.
func edgeNodes(s *drills.Session, byName map[string]sim.ServiceStatus, databases map[string][]sim.DatabaseNodeStatus, svc sim.ServiceStatus, depth int) []depNode {
	spec, _ := s.CurrentOf(svc.Name)
	policies := callPolicies(spec)
	var out []depNode
	for _, edge := range svc.Edges {
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
		if target, ok := byName[edge]; ok {
			d.Service = true
			d.Pods, d.Ready = podNodes(target.Pods)
			if depth > 1 {
				d.Children = edgeNodes(s, byName, databases, target, depth-1)
			}
		}
		d.DB = databases[edge]
		out = append(out, d)
	}
	countBreakers(out, svc.Pods)
	return out
}

// countBreakers adds the pods' breaker states to the edges that have a
// breaker, matching PodStatus.Breakers to the edges by position.
func countBreakers(edges []depNode, pods []sim.PodStatus) {
	for _, p := range pods {
		for i, b := range p.Breakers {
			if i >= len(edges) || !edges[i].Breaker {
				continue
			}
			switch b {
			case sim.BreakerOpen:
				edges[i].Open++
			case sim.BreakerHalfOpen:
				edges[i].HalfOpen++
			default:
				edges[i].Closed++
			}
		}
	}
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
