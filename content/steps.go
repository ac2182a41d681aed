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
// at the same time keep their order in the file. An empty list is valid and
// means no actions.
func ParseSteps(file string, data []byte, d *Drill) ([]Step, error) {
	var steps []Step
	idx, ps := decodeStrict(file, data, &steps)
	if idx != nil {
		// Name the step each type error is in, the way a reader counts.
		for i := range ps {
			if n := idx.entryAt(ps[i].Line); n >= 0 {
				ps[i].Field = fmt.Sprintf("step %d", n+1)
			}
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}

	for i, st := range steps {
		path := fmt.Sprintf("[%d]", i)
		problem := func(field, msg string) {
			ps = append(ps, Problem{File: file, Line: idx.line(path + "." + field), Field: fmt.Sprintf("step %d, %s", i+1, field), Message: msg})
		}
		if _, ok := idx[path+".at"]; !ok {
			problem("at", "is missing; give the step's time in the drill, such as at: 40s")
			continue
		}
		if field, msg := d.stepProblem(st); msg != "" {
			problem(field, msg)
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}

	slices.SortStableFunc(steps, func(a, b Step) int {
		return int(a.At - b.At)
	})
	return steps, nil
}
