package content

import (
	"fmt"
	"slices"
)

// ParseSteps reads an actions file, a YAML list of steps such as
//
//   - {at: 40s, action: set-timeout, variant: 2s}
//
// and checks each against the drill. Steps come back sorted by time; steps
// at the same time keep their order in the file.
func ParseSteps(file string, data []byte, d *Drill) ([]Step, error) {
	var steps []Step
	idx, ps := decodeStrict(file, data, &steps)
	if ps != nil {
		return nil, ps
	}
	var found problemList
	var names []string
	for i, st := range steps {
		if field, msg := d.stepProblem(st); msg != "" {
			found.add(fmt.Sprintf("[%d].%s", i, field), "%s", msg)
			names = append(names, fmt.Sprintf("step %d, %s", i+1, field))
		}
	}
	if len(found) > 0 {
		// Resolve lines by path, then name the field the way a reader
		// counts: "step 2, action".
		ps := found.resolve(file, idx)
		for i := range ps {
			for j, p := range found {
				if p.Field == ps[i].Field && p.Message == ps[i].Message {
					ps[i].Field = names[j]
				}
			}
		}
		return nil, ps
	}
	slices.SortStableFunc(steps, func(a, b Step) int {
		return int(a.At - b.At)
	})
	return steps, nil
}
