package sim

// Database nodes in a zone outage. A node in a zone that is out keeps
// running but is cut off: queries sent to it and responses from it are
// lost, so callers time out, and the failover health check misses it.
// Replica reads avoid a cut-off replica once the health check has missed
// it FailureThreshold times, as a proxy that routes by the failover
// manager's health checks does. A primary there is replaced by the most
// up-to-date reachable replica, and when the zone returns it comes back as
// a fenced replica or, without fencing, as a stale primary that still
// takes writes from clients with its address.

// nodesUnreachable cuts off every database node in zone. Queries the nodes
// hold get no response, and a leader among them starts the failover
// detection.
func (s *Sim) nodesUnreachable(zone string) {
	for _, d := range s.deps {
		if d.db == nil {
			continue
		}
		db := d.db
		for i, n := range db.nodes {
			if n.zone != zone || n.unreachable {
				continue
			}
			n.unreachable = true
			s.logf(LogDatabase, "%s: node %s is unreachable, its zone %s is out", db.name, n.name, zone)
			if i != db.leader && !n.behind {
				// It has the leader's writes up to its lag ago, and no
				// more until it is reachable again.
				n.behind = true
				n.heldAcks = db.sinceSwitch - db.nodes[db.leader].acksAfter(s.now-n.lag)
			}
			if !n.up {
				// A primary-failure stopped it, and its detection is
				// already queued. Calls to it now time out instead of
				// being refused.
				continue
			}
			n.downAt = s.now
			s.losePool(n.pool)
			if i == db.leader {
				s.scheduleDetection(db)
			}
		}
	}
}

// nodesReachable reconnects the database nodes in zone when its outage
// ends. A node that was replaced as primary meanwhile returns as a fenced
// replica, or without fencing as a stale primary.
// A replica that returns beside a reachable leader catches up at once.
// Beside an unreachable one it stays behind, so promoting it loses every
// write it missed while cut off.
func (s *Sim) nodesReachable(zone string) {
	for _, d := range s.deps {
		if d.db == nil {
			continue
		}
		db := d.db
		for i, n := range db.nodes {
			if n.zone != zone || !n.unreachable {
				continue
			}
			n.unreachable = false
			switch {
			case !n.up:
				s.logf(LogDatabase, "%s: zone %s is back, but node %s is still down", db.name, zone, n.name)
			case i == db.leader:
				s.logf(LogDatabase, "%s: primary %s is reachable again", db.name, n.name)
			case i == db.old && n.fenced:
				s.logf(LogDatabase, "%s: old primary %s is reachable again, fenced: it rejoins as a read-only replica", db.name, n.name)
			case i == db.old:
				s.logf(LogDatabase, "%s: old primary %s is reachable again and not fenced: it takes writes again (split brain)", db.name, n.name)
			default:
				s.logf(LogDatabase, "%s: replica %s is reachable again", db.name, n.name)
			}
		}
		if db.nodes[db.leader].reachable() {
			for _, n := range db.nodes {
				if n.reachable() {
					n.behind = false
				}
			}
		}
		if db.stranded && !db.nodes[db.leader].reachable() {
			// A replica to promote is back: the health check starts
			// counting misses again.
			s.scheduleDetection(db)
		}
	}
}

// losePool drops every query at a node that became unreachable. Unlike a
// connection reset, no error reaches the callers: each waits for its own
// timeout, or forever without one.
func (s *Sim) losePool(p *connPool) {
	for _, q := range p.running {
		q.dropped = true
	}
	for _, q := range p.waiting[p.head:] {
		q.dropped = true
	}
	p.running, p.waiting, p.head = nil, nil, 0
}
