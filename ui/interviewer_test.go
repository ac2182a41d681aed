package ui

import (
	"strings"
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

func TestSelectedFaultShownWhole(t *testing.T) {
	m := newModel(t, Options{Drill: "black-friday", Interviewer: true})
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "live")
	l := m.screen.(*live)
	const title = "recs: refuses connections for 30s"
	for i, c := range l.panel.catalogue {
		if c.Title == title {
			l.panel.cursor = i
		}
	}
	if got := l.panel.catalogue[l.panel.cursor].Title; got != title {
		t.Fatalf("selected fault %q, want %q, which is wider than the 80-column catalogue", got, title)
	}

	view := plain(m)
	if !strings.Contains(view, "> recs: refuses connections for ") || !strings.Contains(view, "│   30s ") {
		t.Errorf("the selected fault is not shown whole:\n%s", view)
	}
}
