package sim

import "time"

// LeafSecond is the state of one database, cache or leaf with a
// connection limit at the end of a second.
type LeafSecond struct {
	Name string `json:"name"`

	// InUse and Waiting count queries holding a connection and queries
	// waiting for one, over every node.
	InUse   int `json:"in_use"`
	Waiting int `json:"waiting"`

	// HitRatio is a cache's hits over lookups in the second, 0 to 1, or its
	// modelled ratio when there were no lookups.
	HitRatio float64 `json:"hit_ratio,omitempty"`

	// Nodes are a database's nodes, the one that started as primary first.
	Nodes []NodeSecond `json:"nodes,omitempty"`

	// Primary names the database node clients are directed to.
	Primary string `json:"primary,omitempty"`

	// WritesLost and SplitBrainWrites count the second's writes lost to
	// replication lag and taken by a replaced primary.
	WritesLost       int `json:"writes_lost,omitempty"`
	SplitBrainWrites int `json:"split_brain_writes,omitempty"`
}

// NodeSecond is one database node at the end of a second.
type NodeSecond struct {
	Name string `json:"name"`

	// Role is primary, replica, promoting, down, unreachable (running in
	// a zone that is out), fenced (a replaced primary that is read-only)
	// or stale-primary (a replaced primary still taking writes).
	Role string `json:"role"`

	// Lag is how far behind the primary the node applies writes; zero for
	// the primary and synchronous replicas.
	Lag time.Duration `json:"lag"`
}

// leafSeconds returns the end-of-second state of the leaves that have one,
// and starts their per-second counts again.
func (s *Sim) leafSeconds() []LeafSecond {
	var out []LeafSecond
	for i := range s.deps {
		d := &s.deps[i]
		if d.plain() {
			continue
		}
		ls := LeafSecond{Name: d.name}
		switch {
		case d.cache != nil:
			c := d.cache
			ls.HitRatio = c.ratio()
			if c.lookups > 0 {
				ls.HitRatio = float64(c.hits) / float64(c.lookups)
			}
			c.hits, c.lookups = 0, 0
		case d.db != nil:
			db := d.db
			for j, n := range db.nodes {
				ls.InUse += len(n.pool.running)
				ls.Waiting += n.pool.queued()
				ls.Nodes = append(ls.Nodes, NodeSecond{Name: n.name, Role: db.role(j), Lag: n.lag})
			}
			ls.Primary = db.nodes[db.leader].name
			ls.WritesLost, ls.SplitBrainWrites = db.secWritesLost, db.secSplitBrain
			db.secWritesLost, db.secSplitBrain = 0, 0
		default:
			ls.InUse, ls.Waiting = len(d.pool.running), d.pool.queued()
		}
		out = append(out, ls)
	}
	return out
}

// linkCaches points every cache at its backing leaf.
func (s *Sim) linkCaches() {
	for i, d := range s.cfg.System.Dependencies {
		if d.Kind == LeafCache {
			s.deps[i].cache.backing = s.depIndex[d.Cache.Backing]
		}
	}
}

// leafCall counts a call a cache makes to its backing leaf.
func (m *metrics) leafCall(now time.Duration, target string) {
	if m.window.contains(now) {
		m.calls[m.callTarget(target)]++
	}
}

func (m *metrics) writesLost(now time.Duration, n int) {
	if m.window.contains(now) {
		m.totals.WritesLost += n
	}
}

func (m *metrics) splitBrainWrite(now time.Duration) {
	if m.window.contains(now) {
		m.totals.SplitBrainWrites++
	}
}
