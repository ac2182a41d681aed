package sim

import "time"

// PodStatus is one pod as a dashboard shows it.
type PodStatus struct {
	Name     string         `json:"name"`
	State    string         `json:"state"` // starting, ready
	Version  int            `json:"version"`
	Busy     int            `json:"busy"`
	Workers  int            `json:"workers"`
	Queued   int            `json:"queued"`
	Queue    int            `json:"queue"`
	Breakers []BreakerState `json:"breakers"` // per call edge; closed where the edge has none
}

// Pods returns the running pods, oldest first.
func (s *Sim) Pods() []PodStatus {
	out := make([]PodStatus, 0, len(s.svc.pods))
	for _, p := range s.svc.pods {
		st := PodStatus{
			Name:    p.name,
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

// ServiceName returns the service's name.
func (s *Sim) ServiceName() string { return s.svc.name }

// Replicas returns the desired number of pods.
func (s *Sim) Replicas() int { return s.svc.replicas }

// Current returns the service settings that new pods get: the latest
// template, with every change applied so far.
func (s *Sim) Current() ServiceSpec { return s.svc.tmpl.spec }

// Version returns the latest template's version, starting at 1.
func (s *Sim) Version() int { return s.svc.tmpl.version }

// ClientTimeout returns how long clients wait, zero for forever.
func (s *Sim) ClientTimeout() time.Duration { return s.cfg.Traffic.ClientTimeout }
