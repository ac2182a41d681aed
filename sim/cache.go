package sim

// cache is the state of a cache leaf: how many of its hot keys it holds.
// The hit ratio is the warm ratio scaled by the share of keys held, and
// every successful miss loads one key, so the cache warms at the rate its
// backing leaf serves misses.
type cache struct {
	backing int     // index of the backing leaf in Sim.deps
	warm    float64 // hit ratio when every key is held, 0 to 1
	keys    int
	held    int

	// hits and lookups count the current second's lookups.
	hits    int
	lookups int
}

// Cache defaults.
const (
	defaultHitPercent = 95
	defaultCacheKeys  = 10000
)

func newCache(spec CacheSpec) *cache {
	c := &cache{warm: spec.HitPercent / 100, keys: spec.Keys}
	if spec.HitPercent == 0 {
		c.warm = defaultHitPercent / 100.0
	}
	if c.keys == 0 {
		c.keys = defaultCacheKeys
	}
	if !spec.Cold {
		c.held = c.keys
	}
	return c
}

// ratio returns the hit ratio now.
func (c *cache) ratio() float64 { return c.warm * float64(c.held) / float64(c.keys) }

// fill loads one key after a successful miss.
func (c *cache) fill() {
	if c.held < c.keys {
		c.held++
	}
}

// lookup looks the attempt's key up in the cache leaf d. A hit answers
// after the cache's latency; a miss reads the backing leaf and answers
// after both. A failed lookup fails the attempt: the client does not fall
// back to the backing leaf.
func (s *Sim) lookup(d *dependency, r *request, policy *callPolicy) {
	c := d.cache
	if after, ok := d.unreachable(s.now); ok {
		s.answerLater(r, after, attemptError)
		return
	}
	latency, result := d.respond(s.now, s.depRand)
	if result == attemptHang {
		return
	}
	if result != attemptOK {
		s.answerLater(r, latency, result)
		return
	}

	c.lookups++
	if s.dataRand.Float64() < c.ratio() {
		c.hits++
		s.answerLater(r, latency, attemptOK)
		return
	}
	backing := &s.deps[c.backing]
	s.metrics.leafCall(s.now, backing.name)
	s.queryLeaf(backing, r, policy, latency, c)
}
