package drills

import "gameday/sim"

// Services returns every simulated service with its pods, the entry
// first; see sim.Sim.Services.
func (s *Session) Services() []sim.ServiceStatus { return s.sim.Services() }
