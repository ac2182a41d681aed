package sim

import "time"

// PodStatus is one pod as a dashboard shows it.
type PodStatus struct {
	Name    string `json:"name"`
	Zone    string `json:"zone"`
	State   string `json:"state"` // starting, ready, back-off (CrashLoopBackOff) or unknown (node unreachable)
	Version int    `json:"version"`
	Busy    int    `json:"busy"`
	Workers int    `json:"workers"`
	Queued  int    `json:"queued"`
	Queue   int    `json:"queue"`

	// Breakers has one state per target the pod calls, in the order of
	// ServiceStatus.Edges; closed where the edge has no breaker.
	Breakers []BreakerState `json:"breakers"`
}

// ServiceStatus is one service as a dashboard shows it.
type ServiceStatus struct {
	Name     string `json:"name"`
	Entry    bool   `json:"entry"`
	Replicas int    `json:"replicas"`
	Version  int    `json:"version"`

	// Edges names the targets the service calls, services and leaves.
	Edges []string `json:"edges"`

	Pods []PodStatus `json:"pods"`
}

// Services returns every service, the entry first.
func (s *Sim) Services() []ServiceStatus {
	out := make([]ServiceStatus, 0, len(s.services))
	for _, svc := range s.services {
		out = append(out, ServiceStatus{
			Name:     svc.name,
			Entry:    svc.index == 0,
			Replicas: svc.replicas,
			Version:  svc.tmpl.version,
			Edges:    svc.tmpl.edges,
			Pods:     podStatuses(svc),
		})
	}
	return out
}

// Pods returns the entry service's running pods, oldest first.
func (s *Sim) Pods() []PodStatus { return podStatuses(s.services[0]) }

func podStatuses(svc *service) []PodStatus {
	out := make([]PodStatus, 0, len(svc.pods))
	for _, p := range svc.pods {
		st := PodStatus{
			Name:    p.name,
			Zone:    p.zone,
			State:   p.state.String(),
			Version: p.tmpl.version,
			Busy:    p.busy,
			Workers: p.tmpl.workers,
			Queued:  p.queued(),
			Queue:   p.tmpl.queue,
		}
		for _, b := range p.breakers {
			state := BreakerClosed
			if b != nil {
				state = b.state
			}
			st.Breakers = append(st.Breakers, state)
		}
		out = append(out, st)
	}
	return out
}

// ServiceName returns the entry service's name.
func (s *Sim) ServiceName() string { return s.services[0].name }

// Replicas returns the entry service's desired number of pods.
func (s *Sim) Replicas() int { return s.services[0].replicas }

// Current returns the entry service's settings as last changed.
func (s *Sim) Current() ServiceSpec { return s.services[0].tmpl.spec }

// Version returns the entry service's config version, 1 at the start.
func (s *Sim) Version() int { return s.services[0].tmpl.version }

// ClientTimeout returns how long clients wait before giving up.
func (s *Sim) ClientTimeout() time.Duration { return s.cfg.Traffic.ClientTimeout }
