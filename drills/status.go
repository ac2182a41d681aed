package drills

import "gameday/sim"

// Services returns every simulated service with its pods, the entry
// first; see sim.Sim.Services.
func (s *Session) Services() []sim.ServiceStatus { return s.sim.Services() }

// CurrentOf returns the settings of the service named name as last
// changed, and false when there is none; see sim.Sim.CurrentOf.
func (s *Session) CurrentOf(name string) (sim.ServiceSpec, bool) { return s.sim.CurrentOf(name) }

// Databases returns the database leaves with their nodes' roles; see
// sim.Sim.Databases.
func (s *Session) Databases() []sim.DatabaseStatus { return s.sim.Databases() }
