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
	index := len(s.cfg.Faults) - 1

	dep := &s.deps[s.depIndex[f.Target]]
	dep.faults = append(dep.faults, f)
	s.q.push(event{at: f.At, kind: evFault, index: index})
	if f.Duration > 0 {
		s.q.push(event{at: f.end(), kind: evFault, index: index})
	}
	return nil
}
