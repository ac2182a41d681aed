package sim

import (
	"math"
	"strings"
	"testing"
	"time"
)

// cacheConfig reads rate times a second through a cache in front of a
// database with the given connections (0 for unlimited).
func cacheConfig(seed uint64, rate float64, connections int) Config {
	return Config{
		Seed: seed,
		System: System{
			Service: ServiceSpec{
				Name: "catalog", Pods: 1, Workers: 100000,
				CPU:   Dist{Fixed: time.Millisecond},
				Calls: []CallSpec{{Dependency: "cache", Timeout: time.Second}},
			},
			Dependencies: []DependencySpec{
				{Name: "cache", Kind: LeafCache, Latency: Dist{Fixed: time.Millisecond},
					Cache: &CacheSpec{Backing: "db", HitPercent: 95, Keys: 10000}},
				{Name: "db", Kind: LeafDatabase, Latency: Dist{Mean: 10 * time.Millisecond}, Connections: connections},
			},
		},
		Traffic: Traffic{Rate: rate},
	}
}

func hitRatio(secs []Second, i int) float64 { return secs[i].Leaves[0].HitRatio }

func TestWarmCacheSendsMissesToBacking(t *testing.T) {
	cfg := cacheConfig(1, 1000, 0)
	cfg.Window = Window{From: 10 * time.Second}
	s := run(t, cfg, 110*time.Second)

	tot := s.Totals()
	misses := float64(tot.Calls["db"]) / float64(tot.Calls["cache"])
	if math.Abs(misses-0.05) > 0.005 {
		t.Errorf("%.3f of lookups reached the database, want 0.05 at a 95%% hit ratio", misses)
	}
	if g := tot.GoodRatio(); g < 0.999 {
		t.Errorf("good ratio %.4f, want every read served", g)
	}
}

// TestFlushedCacheWarmsFromMisses checks the warm-up model: with K keys,
// a warm hit ratio h and λ lookups a second, each miss loads a key, so
// the keys held grow as k(t) = K/h · (1 − exp(−λ·h·t/K)). The hit ratio
// reaches 90 % of h at t = −K/(λh) · ln(1 − 0.9h), 20.3 s here.
func TestFlushedCacheWarmsFromMisses(t *testing.T) {
	cfg := cacheConfig(1, 1000, 0)
	cfg.Faults = []Fault{{Kind: FaultCacheFlush, Target: "cache", At: 30 * time.Second}}
	s := run(t, cfg, 90*time.Second)
	secs := s.Seconds()

	if h := hitRatio(secs, 29); h < 0.93 {
		t.Fatalf("hit ratio before the flush %.3f, want about 0.95", h)
	}
	if h := hitRatio(secs, 30); h > 0.1 {
		t.Errorf("hit ratio in the second after the flush %.3f, want near 0", h)
	}
	if n := secs[30].Services[0].Busy; n < 5 {
		t.Errorf("%.1f workers busy after the flush, want the reads to wait on the database", n)
	}

	want := -10000 / (1000 * 0.95) * math.Log(1-0.9*0.95)
	warm := -1
	for i := 30; i < len(secs); i++ {
		if hitRatio(secs, i) >= 0.9*0.95 {
			warm = i - 30
			break
		}
	}
	if math.Abs(float64(warm)-want) > 2 {
		t.Errorf("hit ratio back to 90%% of warm after %d s, want about %.1f s", warm, want)
	}
}

// TestFlushStampedesLimitedBacking checks the thundering herd: a database
// with capacity for the warm miss rate but not for every read queues past
// the callers' timeout once the cache is flushed. Timed-out callers never
// set their keys, so the cache stays cold until the load falls.
func TestFlushStampedesLimitedBacking(t *testing.T) {
	// 20 connections at 10 ms serve 2,000 reads a second; 3,000 reads a
	// second send 150 misses when warm and all 3,000 after a flush.
	cfg := cacheConfig(1, 3000, 20)
	cfg.System.Dependencies[0].Cache.Keys = 100000
	cfg.Faults = []Fault{{Kind: FaultCacheFlush, Target: "cache", At: 20 * time.Second}}
	cfg.Traffic.Steps = []RateStep{{At: 60 * time.Second, Rate: 1000}}
	s := run(t, cfg, 200*time.Second)
	secs := s.Seconds()

	if g := goodRatio(secs, 10, 20); g < 0.999 {
		t.Errorf("good ratio before the flush %.4f, want all reads served", g)
	}
	if g := goodRatio(secs, 30, 60); g > 0.1 {
		t.Errorf("good ratio 10 to 40 s after the flush %.3f, want nearly every read timed out", g)
	}
	if h := hitRatio(secs, 59); h > 0.1 {
		t.Errorf("hit ratio 40 s after the flush %.3f, want the cache still cold", h)
	}
	if grew := hitRatio(secs, 59) - hitRatio(secs, 30); grew > 0.01 {
		t.Errorf("hit ratio grew by %.3f from 10 s to 40 s after the flush, want it stuck", grew)
	}
	if w := secs[22].Leaves[1].Waiting; w < 100 {
		t.Errorf("%d reads waiting for a database connection after the flush, want a queue", w)
	}
	if g := goodRatio(secs, 180, 200); g < 0.999 {
		t.Errorf("good ratio 2 min after the load fell %.4f, want the cache warm again", g)
	}
}

// TestMaxWaitEndsStampede checks load shedding at the database. Once
// queries that waited over 200 ms are rejected, every query served has a
// caller still waiting. Their keys fill the cache, which warms under the
// same load that kept it cold.
func TestMaxWaitEndsStampede(t *testing.T) {
	cfg := cacheConfig(1, 3000, 20)
	cfg.System.Dependencies[0].Cache.Keys = 100000
	cfg.Faults = []Fault{{Kind: FaultCacheFlush, Target: "cache", At: 20 * time.Second}}
	s := mustNew(t, cfg)
	s.AdvanceTo(40 * time.Second)
	wait := 200 * time.Millisecond
	if err := s.Apply(40*time.Second, Change{Leaf: &LeafChange{Dependency: "db", MaxWait: &wait}}); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(200 * time.Second)
	secs := s.Seconds()

	if g := goodRatio(secs, 41, 45); g > 0.9 {
		t.Errorf("good ratio just after shedding started %.3f, want the cache still cold", g)
	}
	if h := hitRatio(secs, 199); h < 0.9 {
		t.Errorf("hit ratio at the end %.3f, want the cache warm again", h)
	}
	if g := goodRatio(secs, 180, 200); g < 0.999 {
		t.Errorf("good ratio at the end %.4f, want all reads served", g)
	}
	if s.deps[1].db.nodes[0].pool.shed == 0 {
		t.Error("no query was shed")
	}
}

func TestValidateLeafChange(t *testing.T) {
	sys := cacheConfig(1, 10, 20).System
	wait, negative := time.Second, -time.Second
	tests := []struct {
		change LeafChange
		want   string
	}{
		{LeafChange{Dependency: "cache", MaxWait: &wait}, "leaf.max_wait: is set, but cache has no connection limit"},
		{LeafChange{Dependency: "db", MaxWait: &negative}, "leaf.max_wait: is negative"},
		{LeafChange{Dependency: "nope", MaxWait: &wait}, `leaf.dependency: "nope" is not a leaf dependency`},
		{LeafChange{Dependency: "db"}, "leaf: does nothing"},
	}
	for _, tc := range tests {
		ps := ValidateChange(Change{Leaf: &tc.change}, sys)
		if len(ps) != 1 || !strings.Contains(ps[0].Error(), tc.want) {
			t.Errorf("ValidateChange(%+v) = %v, want one problem containing %q", tc.change, ps, tc.want)
		}
	}
}
