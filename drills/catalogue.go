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
// drill, each for a bounded time: a traffic surge, an abusive client, and
// for each dependency a hang, a slowdown, a partial and a total failure,
// refused connections and a DNS failure, plus a primary failure for a
// database and a flush for a cache.
func FaultCatalogue(d *content.Drill) []CatalogueFault {
	out := []CatalogueFault{
		{
			Title: fmt.Sprintf("traffic: 3× surge for %s", content.FormatDuration(catalogueLong)),
			Fault: sim.Fault{Kind: sim.FaultSurge, Factor: 3, Duration: catalogueLong},
		},
		{
			Title: fmt.Sprintf("abusive client, 5× traffic, %s", content.FormatDuration(catalogueLong)),
			Fault: sim.Fault{Kind: sim.FaultAbusiveClient, Rate: 5 * d.Traffic.Rate, Duration: catalogueLong},
		},
	}
	for _, dep := range d.System.Dependencies {
		name := dep.Name
		switch dep.Kind {
		case sim.LeafDatabase:
			out = append(out, CatalogueFault{
				Title: fmt.Sprintf("%s: primary fails for %s", name, content.FormatDuration(catalogueLong)),
				Fault: sim.Fault{Kind: sim.FaultPrimaryFailure, Target: name, Duration: catalogueLong},
			})
		case sim.LeafCache:
			out = append(out, CatalogueFault{
				Title: fmt.Sprintf("%s: flush the cache", name),
				Fault: sim.Fault{Kind: sim.FaultCacheFlush, Target: name},
			})
		}
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
			CatalogueFault{
				Title: fmt.Sprintf("%s: refuses connections for %s", name, content.FormatDuration(catalogueShort)),
				Fault: sim.Fault{Kind: sim.FaultRefused, Target: name, Duration: catalogueShort},
			},
			CatalogueFault{
				Title: fmt.Sprintf("%s: DNS fails for %s", name, content.FormatDuration(catalogueShort)),
				Fault: sim.Fault{Kind: sim.FaultDNS, Target: name, Duration: catalogueShort},
			},
		)
	}
	return out
}
