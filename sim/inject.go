package sim

import (
	"fmt"
	"slices"
	"time"
)

// Inject schedules an extra fault that starts at virtual time at, which
// must not be before Now. The fault's own At is ignored and set to at. It
// acts like a fault of the Config from then on: it shows in the log with
// LogFault, and it changes calls started while it is active.
//
// NOTE: a surge raises the arrival rate from the first arrival after at,
// since the arrival already queued was drawn at the old rate; a surge in
// the Config starts at its exact time. The gap is one inter-arrival time.
func (s *Sim) Inject(at time.Duration, f Fault) error {
	if at < s.now {
		return fmt.Errorf("fault at %s is in the past: the clock is at %s", at, s.now)
	}
	f.At = at
	if ps := ValidateFault(f, s.cfg.System); len(ps) > 0 {
		return ProblemsError(ps)
	}

	// The Config's slice may be shared with the caller's scenario, so the
	// first append must copy it rather than write into its spare capacity.
	s.cfg.Faults = append(slices.Clip(s.cfg.Faults), f)
	s.scheduleFault(len(s.cfg.Faults) - 1)
	return nil
}

// scheduleFault hands fault i of the Config to what it acts on and queues
// its start and, unless it lasts to the end, its end.
func (s *Sim) scheduleFault(i int) {
	f := s.cfg.Faults[i]
	if lifecycleFault(f.Kind) {
		s.scheduleLifecycleFault(i)
		return
	}
	switch f.Kind {
	case FaultSurge:
		// rateAt reads surges from the Config's faults.
	case FaultAbusiveClient:
		s.scheduleAbuse(i, f.At)
	default:
		dep := &s.deps[s.depIndex[f.Target]]
		dep.faults = append(dep.faults, f)
	}
	s.q.push(event{at: f.At, kind: evFault, index: i})
	if f.Duration > 0 {
		s.q.push(event{at: f.end(), kind: evFault, index: i})
	}
}
