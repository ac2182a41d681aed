package sim

import (
	"encoding/json"
	"testing"
	"time"
)

// Reusing finished requests must not change a run: every event, timer,
// query or call that still points at a reused request has to see it as
// gone. Each case runs twice, with and without reuse, and compares every
// second, the totals and the log. The faults make stale pointers common:
// calls that time out while their callee works on, retries, bulkhead
// waits, pods that crash or go unreachable with requests in flight.
func TestRecyclingRequestsChangesNothing(t *testing.T) {
	cases := map[string][]Fault{
		"slow database": {{Kind: FaultSlow, Target: "db", At: 20 * time.Second, Duration: 30 * time.Second, Add: 400 * time.Millisecond}},
		"hung database": {{Kind: FaultHang, Target: "db", At: 20 * time.Second, Duration: 20 * time.Second}},
		"crashes": {
			{Kind: FaultCrash, Target: "orders", At: 15 * time.Second, Count: 2},
			{Kind: FaultCrash, Target: "inventory", At: 40 * time.Second},
		},
		"zone outage": {{Kind: FaultZoneOutage, Zone: "b", At: 20 * time.Second, Duration: 30 * time.Second}},
		"surge":       {{Kind: FaultSurge, At: 10 * time.Second, Duration: 30 * time.Second, Factor: 4}},
	}
	for name, faults := range cases {
		t.Run(name, func(t *testing.T) {
			cfg := incidentConfig(1000)
			cfg.Faults = faults
			// A small bulkhead makes calls wait for slots.
			cfg.System.Services[0].Calls[0].Bulkhead.MaxConcurrent = 20

			runOnce := func(keep bool) []byte {
				s := mustNew(t, cfg)
				s.keepRequests = keep
				s.AdvanceTo(90 * time.Second)
				b, err := json.Marshal(struct {
					Seconds []Second
					Totals  Totals
					Log     []LogEntry
				}{s.Seconds(), s.Totals(), s.Log()})
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
			withReuse, withoutReuse := runOnce(false), runOnce(true)
			if string(withReuse) != string(withoutReuse) {
				t.Fatalf("a run that reuses requests differs from one that does not (%d against %d bytes of metrics)", len(withReuse), len(withoutReuse))
			}
		})
	}
}
