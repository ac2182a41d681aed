package sim

import (
	"fmt"
	"time"
)

// DatabaseChange is a player's action on a database: a manual failover, and
// fencing of the primary it replaces.
type DatabaseChange struct {
	// Database names the database leaf. Required.
	Database string `yaml:"database" json:"database"`

	// Promote names the replica to promote. It takes the database's
	// Promotion time, and the writes the old primary acknowledged in the
	// replica's last Lag are lost. Optional.
	Promote string `yaml:"promote" json:"promote,omitempty"`

	// Fence makes the replaced primary read-only when it returns, as
	// DatabaseSpec.Fencing does. Optional.
	Fence bool `yaml:"fence" json:"fence,omitempty"`
}

// primaryFailed stops the leader of db when a primary-failure fault starts
// and schedules its detection. It returns the index of the stopped node.
func (s *Sim) primaryFailed(db *database) int {
	i := db.leader
	n := db.nodes[i]
	n.up, n.downAt = false, s.now
	s.resetPool(n.pool)
	s.logf(LogDatabase, "%s: node %s, the primary, stopped", db.name, n.name)
	s.scheduleDetection(db)
	return i
}

// scheduleDetection queues the failover decision for a leader lost now:
// the first health check at or after now misses, and failover starts at
// the FailureThreshold-th miss in a row. It queues nothing under manual
// failover or when no replica could take over.
func (s *Sim) scheduleDetection(db *database) {
	db.stranded = false
	if db.spec.ManualFailover {
		return
	}
	if db.candidate() < 0 {
		db.stranded = true
		return
	}
	db.epoch++
	s.q.push(event{at: db.detectedAt(s.now), kind: evFailoverDetect, index: s.depIndex[db.name], gen: db.epoch})
}

// candidate returns the replica automatic failover promotes: one that is
// reachable and synchronous if there is one, else the one with the least
// lag, the first listed on a tie; -1 when no replica is reachable.
func (db *database) candidate() int {
	best := -1
	for i, n := range db.nodes {
		if i == db.leader || !n.reachable() || (i == db.old && !n.fenced) {
			continue
		}
		if best < 0 || n.lag < db.nodes[best].lag {
			best = i
		}
	}
	return best
}

// failoverDetected starts automatic failover once the leader has missed
// enough health checks, unless it came back in time.
func (s *Sim) failoverDetected(db *database, epoch uint32) {
	if epoch != db.epoch || db.nodes[db.leader].reachable() {
		return
	}
	next := db.candidate()
	if next < 0 {
		db.stranded = true
		s.logf(LogDatabase, "%s: primary %s missed %d health checks, but no replica is reachable to promote", db.name, db.nodes[db.leader].name, db.spec.FailureThreshold)
		return
	}
	s.logf(LogDatabase, "%s: primary %s missed %d health checks; promoting %s", db.name, db.nodes[db.leader].name, db.spec.FailureThreshold, db.nodes[next].name)
	s.promote(db, next)
}

// promote starts promoting node i; it takes over after the Promotion time.
func (s *Sim) promote(db *database, i int) {
	db.epoch++
	db.promoting = i
	s.q.push(event{at: s.now + db.spec.Promotion, kind: evPromoted, index: s.depIndex[db.name], gen: db.epoch})
}

// promoted makes the promoted node the leader. The old leader's writes from
// the new leader's last lag before the old one stopped (or before now, if
// it is still up) never reached the new leader: they are lost. Clients
// follow the new address over the AddressTTL.
func (s *Sim) promoted(db *database, epoch uint32) {
	if epoch != db.epoch || db.promoting < 0 {
		return
	}
	i := db.promoting
	db.promoting = -1
	n := db.nodes[i]
	if !n.reachable() {
		s.logf(LogDatabase, "%s: promotion of %s failed: the node is down or unreachable", db.name, n.name)
		return
	}

	old := db.nodes[db.leader]
	stop := s.now
	if !old.reachable() {
		stop = old.downAt
	}
	lost := 0
	for _, t := range old.acks {
		if t > stop-n.lag && t <= stop {
			lost++
		}
	}
	if n.behind {
		// Cut off by a zone outage and never caught up: it lacks every
		// write the old leader acknowledged since.
		lost = max(lost, db.sinceSwitch-n.heldAcks)
	}
	if i == db.old && !n.fenced {
		// Failing back to a replaced primary that was never fenced: it
		// did not replicate from the leader that took over from it.
		lost = db.sinceSwitch
	}
	old.acks = nil
	old.lag = db.spec.Lag
	if db.spec.Replication == ReplicationSync {
		old.lag = 0
	}
	if db.spec.Fencing {
		old.fenced = true
	}

	db.old, db.leader, db.switched, db.sinceSwitch = db.leader, i, s.now, 0
	n.lag, n.sync, n.fenced = 0, false, false
	for _, m := range db.nodes {
		// Replicas follow the new leader from its first write; one still
		// cut off misses those until it is back.
		m.behind, m.heldAcks = m != n && !m.reachable() && m.up, 0
	}
	db.writesLost += lost
	db.secWritesLost += lost
	s.metrics.writesLost(s.now, lost)
	if lost > 0 {
		s.logf(LogDatabase, "%s: %s is the primary; %d acknowledged writes were lost to replication lag", db.name, n.name, lost)
	} else {
		s.logf(LogDatabase, "%s: %s is the primary; no writes lost", db.name, n.name)
	}
	if old.reachable() && !old.fenced {
		s.logf(LogDatabase, "%s: old primary %s is still up and not fenced: it takes writes from clients with its address", db.name, old.name)
	}
}

// primaryReturned brings back node i at the end of a primary-failure fault.
// A node that is still the leader simply resumes. A replaced one rejoins as
// a replica when fenced, and otherwise takes writes as a stale primary.
func (s *Sim) primaryReturned(db *database, i int) {
	n := db.nodes[i]
	n.up = true
	switch {
	case i == db.leader:
		s.logf(LogDatabase, "%s: primary %s is back", db.name, n.name)
	case n.fenced:
		s.logf(LogDatabase, "%s: old primary %s is back, fenced: it rejoins as a read-only replica", db.name, n.name)
	default:
		s.logf(LogDatabase, "%s: old primary %s is back and not fenced: it takes writes again (split brain)", db.name, n.name)
	}
}

// LeafChange sets the load shedding of a leaf dependency.
type LeafChange struct {
	// Dependency names the leaf. Required.
	Dependency string `yaml:"dependency" json:"dependency"`

	// MaxWait sets DependencySpec.MaxWait on every node of the leaf; 0s
	// removes it. Queries already waiting are judged by it from now on.
	MaxWait *time.Duration `yaml:"max_wait" json:"max_wait,omitempty"`
}

// applyLeafChanges applies a change's leaf and database parts.
func (s *Sim) applyLeafChanges(c Change) {
	if c.Leaf != nil && c.Leaf.MaxWait != nil {
		d := &s.deps[s.depIndex[c.Leaf.Dependency]]
		for _, p := range d.pools() {
			p.maxWait = *c.Leaf.MaxWait
		}
		s.logf(LogChange, "%s: queries now wait at most %s for a connection", d.name, *c.Leaf.MaxWait)
	}
	if c.Database != nil {
		s.applyDatabaseChange(*c.Database)
	}
}

// applyDatabaseChange fences the old primary and promotes a replica, as
// the change requests.
func (s *Sim) applyDatabaseChange(c DatabaseChange) {
	db := s.deps[s.depIndex[c.Database]].db
	if c.Fence {
		db.spec.Fencing = true
		if db.old >= 0 {
			db.nodes[db.old].fenced = true
		}
		s.logf(LogChange, "%s: fencing on: a replaced primary cannot take writes", db.name)
	}
	if c.Promote == "" {
		return
	}
	i, n := db.node(c.Promote)
	switch {
	case i == db.leader:
		s.logf(LogChange, "%s: %s is already the primary", db.name, n.name)
	case !n.up:
		s.logf(LogChange, "%s: cannot promote %s: the node is down", db.name, n.name)
	case n.unreachable:
		s.logf(LogChange, "%s: cannot promote %s: the node is unreachable, its zone is out", db.name, n.name)
	default:
		s.logf(LogChange, "%s: manual failover: promoting %s (lag %s)", db.name, n.name, n.lag)
		s.promote(db, i)
	}
}

// describeDataFault describes the leaf fault kinds of this file's area.
func describeDataFault(f Fault) (string, bool) {
	switch f.Kind {
	case FaultRefused:
		return fmt.Sprintf("fault: %s refuses connections", f.Target), true
	case FaultDNS:
		return fmt.Sprintf("fault: the name %s no longer resolves", f.Target), true
	case FaultPrimaryFailure:
		return fmt.Sprintf("fault: the primary of %s fails", f.Target), true
	case FaultCacheFlush:
		return fmt.Sprintf("fault: %s is flushed", f.Target), true
	}
	return "", false
}

// dataFaultEdge applies the start or end of a fault to a database or cache.
func (s *Sim) dataFaultEdge(index int) {
	f := s.cfg.Faults[index]
	if f.Kind != FaultCacheFlush && f.Kind != FaultPrimaryFailure {
		return
	}
	d := &s.deps[s.depIndex[f.Target]]
	start := s.now == f.At
	switch {
	case f.Kind == FaultCacheFlush && start:
		d.cache.held = 0
	case f.Kind == FaultPrimaryFailure && start:
		d.db.failed[index] = s.primaryFailed(d.db)
	case f.Kind == FaultPrimaryFailure:
		s.primaryReturned(d.db, d.db.failed[index])
	}
}
