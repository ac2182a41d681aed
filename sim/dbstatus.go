package sim

import "time"

// DatabaseStatus is one database leaf as a dashboard shows it.
type DatabaseStatus struct {
	Name string `json:"name"`

	// Nodes are the primary and the replicas, in the order of the spec.
	Nodes []DatabaseNodeStatus `json:"nodes"`
}

// DatabaseNodeStatus is one node of a database cluster.
type DatabaseNodeStatus struct {
	Name string `json:"name"`

	// Primary marks the node clients are directed to for writes.
	Primary bool `json:"primary"`

	// Up is false while the node is down or unreachable because its zone
	// is out.
	Up bool `json:"up"`

	// Unreachable marks a node that is running but cut off by a zone
	// outage: Up is false, and the node comes back as it was.
	Unreachable bool `json:"unreachable,omitempty"`

	// Lag is how far behind the primary the node applies writes; zero for
	// the primary and for a synchronous replica.
	Lag time.Duration `json:"lag"`
}

// Databases returns the database leaves, in the order of
// System.Dependencies.
func (s *Sim) Databases() []DatabaseStatus {
	var out []DatabaseStatus
	for _, d := range s.deps {
		if d.db == nil {
			continue
		}
		st := DatabaseStatus{Name: d.name}
		for i, n := range d.db.nodes {
			st.Nodes = append(st.Nodes, DatabaseNodeStatus{
				Name: n.name, Primary: i == d.db.leader, Lag: n.lag,
				Up: n.reachable(), Unreachable: n.up && n.unreachable,
			})
		}
		out = append(out, st)
	}
	return out
}
