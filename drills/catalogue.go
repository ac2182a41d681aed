package drills

import (
	"fmt"
	"time"

	"gameday/content"
	"gameday/sim"
)

// CatalogueFault is one fault an interviewer can inject during a drill.
type CatalogueFault struct {
	Title string
	Fault sim.Fault
}

// Durations of the faults in the catalogue.
const (
	catalogueShort = 30 * time.Second
	catalogueLong  = time.Minute
)

// FaultCatalogue returns the faults an interviewer can inject into the
// drill: for each dependency a hang, a slowdown, a partial and a total
// failure, each for a bounded time.
func FaultCatalogue(d *content.Drill) []CatalogueFault {
	var out []CatalogueFault
	for _, dep := range d.System.Dependencies {
		name := dep.Name
		out = append(out,
			CatalogueFault{
				Title: fmt.Sprintf("%s: hang for %s", name, content.FormatDuration(catalogueShort)),
				Fault: sim.Fault{Kind: sim.FaultHang, Target: name, Duration: catalogueShort},
			},
			CatalogueFault{
				Title: fmt.Sprintf("%s: +2s latency for %s", name, content.FormatDuration(catalogueLong)),
				Fault: sim.Fault{Kind: sim.FaultSlow, Target: name, Add: 2 * time.Second, Duration: catalogueLong},
			},
			CatalogueFault{
				Title: fmt.Sprintf("%s: 30%% errors for %s", name, content.FormatDuration(catalogueLong)),
				Fault: sim.Fault{Kind: sim.FaultErrors, Target: name, ErrorPercent: 30, Duration: catalogueLong},
			},
			CatalogueFault{
				Title: fmt.Sprintf("%s: 100%% errors for %s", name, content.FormatDuration(catalogueShort)),
				Fault: sim.Fault{Kind: sim.FaultErrors, Target: name, ErrorPercent: 100, Duration: catalogueShort},
			},
		)
	}
	return out
}
