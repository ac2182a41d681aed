package ui

import (
	"testing"
	"time"

	"gameday/sim"
)

func TestDescribeLifecycleFaults(t *testing.T) {
	tests := []struct {
		fault sim.Fault
		want  string
	}{
		{sim.Fault{Kind: sim.FaultZoneOutage, Zone: "zone-a"}, "zone-a goes dark to the end"},
		{sim.Fault{Kind: sim.FaultZoneOutage, Zone: "zone-b", Target: "orders", Duration: time.Minute}, "zone-b goes dark for orders for 1m"},
		{sim.Fault{Kind: sim.FaultCrash, Target: "checkout"}, "a pod of checkout crashes"},
		{sim.Fault{Kind: sim.FaultCrash, Target: "checkout", Count: 3}, "3 pods of checkout crash"},
		{sim.Fault{Kind: sim.FaultMemoryLeak, Target: "search"}, "the pods of search leak memory to the end"},
		{sim.Fault{Kind: sim.FaultBadDeploy, Target: "search"}, "a bad release of search rolls out, until it is rolled back"},
		{sim.Fault{Kind: sim.FaultRollingDeploy, Target: "orders"}, "a routine release of orders rolls out"},
	}
	for _, tc := range tests {
		if got := describeFault(tc.fault); got != tc.want {
			t.Errorf("describeFault(%+v) = %q, want %q", tc.fault, got, tc.want)
		}
	}
}
