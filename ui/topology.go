package ui

import (
	"time"

	"gameday/drills"
	"gameday/sim"
)

// topology is the view model of the live screen's topology view: the load
// balancer, the service's pods and the dependencies it calls. topologyFrom
// fills it from a session; a richer simulator snapshot (several services,
// zones, database roles) only needs a new filling function.
type topology struct {
	Service string
	Pods    []podNode
	Ready   int

	// Busy and Workers are worker threads over all pods, held and total;
	// Queued and Queue are requests waiting and accept-queue slots.
	Busy, Workers int
	Queued, Queue int

	Deps []depNode
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

// depNode is one call edge from the service to a dependency, with the
// edge's policies and the breakers of every pod on it.
type depNode struct {
	Name     string
	Timeout  time.Duration // zero: none
	Retries  bool
	Breaker  bool
	Fallback bool

	// Closed, Open and HalfOpen count the pods' breakers on this edge in
	// each state; all zero when the edge has no breaker.
	Closed, Open, HalfOpen int

	// Role is a database's role, such as "primary" or "replica", and Lag
	// its replication lag; empty for other dependencies. The simulator
	// has no databases yet, so topologyFrom leaves them empty.
	Role string
	Lag  time.Duration
}

// topologyFrom fills the topology view model from the session's pods and
// the settings new pods get.
func topologyFrom(s *drills.Session) topology {
	spec := s.Current()
	t := topology{Service: spec.Name}
	if t.Service == "" {
		t.Service = "service"
	}

	for _, c := range spec.Calls {
		d := depNode{Name: c.Dependency, Timeout: c.Timeout}
		d.Retries = c.Retry != nil && c.Retry.MaxAttempts != 1
		if c.Breaker != nil {
			d.Breaker, d.Fallback = true, c.Breaker.Fallback
		}
		t.Deps = append(t.Deps, d)
	}

	for _, p := range s.Pods() {
		t.Pods = append(t.Pods, podNode{Name: p.Name, Health: healthOf(p)})
		if p.State == "ready" {
			t.Ready++
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
