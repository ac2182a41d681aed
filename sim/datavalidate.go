package sim

import (
	"fmt"
	"strings"
)

// leafSpec returns the leaf dependency with the name.
func leafSpec(s System, name string) (DependencySpec, bool) {
	for _, d := range s.Dependencies {
		if d.Name == name {
			return d, true
		}
	}
	return DependencySpec{}, false
}

// validateLeaf checks a leaf's kind, connections, database and cache.
func validateLeaf(ps *problems, path string, d DependencySpec, s System) {
	if d.Connections < 0 {
		ps.add(path+".connections", "is %d; use 0 for unlimited or a positive number of connections", d.Connections)
	}
	if d.MaxWait < 0 {
		ps.add(path+".max_wait", "is negative (%s); use 0s for no limit or a positive duration such as 200ms", d.MaxWait)
	}
	if d.MaxWait > 0 && d.Connections == 0 {
		ps.add(path+".max_wait", "is set without connections, so calls never wait; set connections or remove max_wait")
	}
	switch d.Kind {
	case "", LeafAPI, LeafDatabase, LeafCache:
	default:
		ps.add(path+".kind", "is %q; expected one of: api, database, cache", d.Kind)
	}
	if d.Database != nil && d.Kind != LeafDatabase {
		ps.add(path+".database", "is set, but the kind is %q; set kind: database or remove it", d.Kind)
	}
	if d.Cache != nil && d.Kind != LeafCache {
		ps.add(path+".cache", "is set, but the kind is %q; set kind: cache or remove it", d.Kind)
	}
	if d.Kind == LeafDatabase && d.Database != nil {
		validateDatabase(ps, path+".database", *d.Database)
	}
	if d.Kind == LeafCache {
		if d.Cache == nil {
			ps.add(path+".cache", "is missing; a cache needs at least its backing leaf, such as cache: {backing: orders-db}")
			return
		}
		if d.Connections > 0 {
			ps.add(path+".connections", "is set on a cache; caches have no connection limit here, so remove it")
		}
		validateCache(ps, path+".cache", *d.Cache, d.Name, s)
	}
}

func validateDatabase(ps *problems, path string, db DatabaseSpec) {
	checkReplication(ps, path+".replication", db.Replication)
	if db.Lag < 0 {
		ps.add(path+".lag", "is negative (%s); use 0s or a positive replication lag", db.Lag)
	}
	if db.HealthCheck < 0 {
		ps.add(path+".health_check", "is negative (%s); use a positive period such as 10s", db.HealthCheck)
	}
	if db.FailureThreshold < 0 {
		ps.add(path+".failure_threshold", "is %d; use a positive number of missed checks such as 3", db.FailureThreshold)
	}
	if db.Promotion < 0 {
		ps.add(path+".promotion", "is negative (%s); use a positive duration such as 5s", db.Promotion)
	}
	if db.AddressTTL < 0 {
		ps.add(path+".address_ttl", "is negative (%s); use 0s for clients that follow at once or a TTL such as 30s", db.AddressTTL)
	}
	checkNodeZone(ps, path+".zone", db.Zone)
	names := map[string]bool{db.Primary: true}
	if db.Primary == "" {
		names[defaultPrimaryName] = true
	}
	for i, r := range db.Replicas {
		rpath := fmt.Sprintf("%s.replicas[%d]", path, i)
		switch {
		case r.Name == "":
			ps.add(rpath+".name", "is missing; give the replica a name that changes can promote")
		case names[r.Name]:
			ps.add(rpath+".name", "%q is used twice; node names of a database must be unique", r.Name)
		}
		names[r.Name] = true
		checkNodeZone(ps, rpath+".zone", r.Zone)
		checkReplication(ps, rpath+".replication", r.Replication)
		if r.Lag != nil && *r.Lag < 0 {
			ps.add(rpath+".lag", "is negative (%s); use 0s or a positive replication lag", *r.Lag)
		}
		if !r.Latency.IsZero() {
			if msg := r.Latency.validate(); msg != "" {
				ps.add(rpath+".latency", "%s", msg)
			}
		}
	}
}

// checkNodeZone rejects a database node's zone that contains spaces: it
// would silently fail to match the zone a zone-outage fault names.
func checkNodeZone(ps *problems, path, zone string) {
	if strings.TrimSpace(zone) != zone || (zone != "" && strings.ContainsAny(zone, " \t")) {
		ps.add(path, "is %q; a zone name has no spaces, such as zone-b", zone)
	}
}

func checkReplication(ps *problems, path, mode string) {
	switch mode {
	case "", ReplicationAsync, ReplicationSync:
	default:
		ps.add(path, "is %q; expected async or sync", mode)
	}
}

func validateCache(ps *problems, path string, c CacheSpec, name string, s System) {
	switch b, ok := leafSpec(s, c.Backing); {
	case c.Backing == "":
		ps.add(path+".backing", "is missing; name the leaf that misses read, such as a database")
	case !ok:
		ps.add(path+".backing", "%q is not a leaf dependency of the system; name one of: %s", c.Backing, strings.Join(leafNames(s), ", "))
	case b.Kind == LeafCache:
		ps.add(path+".backing", "%q is a cache; a cache must be backed by a database or an API", c.Backing)
	case c.Backing == name:
		ps.add(path+".backing", "names the cache itself; name the leaf behind it")
	}
	if c.HitPercent != 0 {
		checkPercent(ps, path+".hit_percent", c.HitPercent)
	}
	if c.Keys < 0 {
		ps.add(path+".keys", "is %d; use a positive number of hot keys", c.Keys)
	}
}

func leafNames(s System) []string {
	var out []string
	for _, d := range s.Dependencies {
		out = append(out, d.Name)
	}
	return out
}

// validateDataCall checks a call's operation and read source against its
// target.
func validateDataCall(ps *problems, path string, c CallSpec, s System) {
	switch c.Operation {
	case "", OpRead, OpWrite:
	default:
		ps.add(path+".operation", "is %q; expected read or write", c.Operation)
	}
	switch c.ReadFrom {
	case "", ReadPrimary, ReadReplicas:
	default:
		ps.add(path+".read_from", "is %q; expected primary or replicas", c.ReadFrom)
	}
	d, ok := leafSpec(s, c.Dependency)
	if !ok {
		if c.Operation != "" || c.ReadFrom != "" {
			ps.add(path+".operation", "is set, but %s is not a database or cache; remove operation and read_from", c.Dependency)
		}
		return
	}
	if c.ReadFrom == ReadReplicas && c.Operation == OpWrite {
		ps.add(path+".read_from", "is replicas on a write; writes always go to the primary, so remove read_from")
	}
	switch d.Kind {
	case LeafDatabase:
	case LeafCache:
		if c.Operation == OpWrite {
			ps.add(path+".operation", "is write on the cache %s; a cache serves reads, so write to its backing database", c.Dependency)
		}
	default:
		if c.Operation != "" || c.ReadFrom != "" {
			ps.add(path+".operation", "is set, but %s is not a database or cache; remove operation and read_from", c.Dependency)
		}
	}
}

// validateDataFault checks what the leaf fault kinds need of their target.
func validateDataFault(ps *problems, f Fault, s System) {
	d, ok := leafSpec(s, f.Target)
	switch f.Kind {
	case FaultPrimaryFailure:
		if ok && d.Kind != LeafDatabase {
			ps.add("target", "%q is not a database; a primary-failure fault needs a leaf of kind database", f.Target)
		}
	case FaultCacheFlush:
		if ok && d.Kind != LeafCache {
			ps.add("target", "%q is not a cache; a cache-flush fault needs a leaf of kind cache", f.Target)
		}
		if f.Duration != 0 {
			ps.add("duration", "is %s, but a cache flush is instant; remove the duration", f.Duration)
		}
	case FaultDNS:
		if f.ResolverTimeout < 0 {
			ps.add("resolver_timeout", "is negative (%s); use a positive duration such as 5s", f.ResolverTimeout)
		}
	}
	if f.ResolverTimeout != 0 && f.Kind != FaultDNS {
		ps.add("resolver_timeout", "is set on a %s fault; it applies to dns faults only, so remove it", f.Kind)
	}
}

// validateLeafChange checks a change of a leaf's load shedding.
func validateLeafChange(ps *problems, c LeafChange, s System) {
	d, ok := leafSpec(s, c.Dependency)
	switch {
	case c.Dependency == "":
		ps.add("leaf.dependency", "is missing; name the leaf dependency to change")
		return
	case !ok:
		ps.add("leaf.dependency", "%q is not a leaf dependency of the system; name one of: %s", c.Dependency, strings.Join(leafNames(s), ", "))
		return
	}
	if c.MaxWait == nil {
		ps.add("leaf", "does nothing; set max_wait")
		return
	}
	if *c.MaxWait < 0 {
		ps.add("leaf.max_wait", "is negative (%s); use 0s to remove the limit or a positive duration such as 200ms", *c.MaxWait)
	}
	if d.Connections == 0 {
		ps.add("leaf.max_wait", "is set, but %s has no connection limit, so calls never wait; set connections on the leaf first", c.Dependency)
	}
}

// validateDatabaseChange checks a manual failover against the system.
func validateDatabaseChange(ps *problems, c DatabaseChange, s System) {
	d, ok := leafSpec(s, c.Database)
	switch {
	case c.Database == "":
		ps.add("database.database", "is missing; name the database leaf to fail over")
		return
	case !ok || d.Kind != LeafDatabase:
		ps.add("database.database", "%q is not a database of the system; name a leaf of kind database", c.Database)
		return
	}
	if c.Promote == "" && !c.Fence {
		ps.add("database", "does nothing; set promote to a replica's name, fence: true, or both")
	}
	if c.Promote == "" {
		return
	}

	var nodes []string
	spec := DatabaseSpec{}
	if d.Database != nil {
		spec = *d.Database
	}
	for _, r := range spec.Replicas {
		nodes = append(nodes, r.Name)
		if r.Name == c.Promote {
			return
		}
	}

	primary := spec.Primary
	if primary == "" {
		primary = defaultPrimaryName
	}
	if c.Promote == primary {
		return
	}
	ps.add("database.promote", "%q is not a node of %s; expected one of: %s", c.Promote, c.Database, strings.Join(append([]string{primary}, nodes...), ", "))
}
