package content

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gameday/sim"
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

// otherStepProblem checks a step that is not an action: a hint, or a fault
// an interviewer injected. It returns the invalid field and what is wrong,
// or two empty strings.
func (d *Drill) otherStepProblem(st Step) (field, msg string) {
	if st.Hint && st.Inject != nil {
		return "hint", "is set together with inject; a step is one hint or one injected fault, so split it in two"
	}
	kind := "a hint"
	if st.Inject != nil {
		kind = "an injected fault"
	}
	switch {
	case st.Action != "":
		return "action", fmt.Sprintf("is set on %s; write the action as a step of its own", kind)
	case st.Variant != "":
		return "variant", fmt.Sprintf("is set on %s; write the action as a step of its own", kind)
	case st.Rationale != "":
		return "rationale", fmt.Sprintf("is set on %s; a rationale explains an action", kind)
	case st.Inject == nil:
		return "", ""
	case st.Inject.At != 0:
		return "inject.at", "is set; the step's at is when the fault starts, so leave inject.at out"
	}
	f := *st.Inject
	f.At = st.At
	if ps := sim.ValidateFault(f, d.System); len(ps) > 0 {
		return "inject." + ps[0].Path, ps[0].Message
	}
	return "", ""
}

// FormatStep writes a step as one line of an actions file, a YAML flow
// mapping such as {at: 40s, action: set-timeout, variant: 2s}, which
// ParseSteps reads back to the same step.
func FormatStep(st Step) string {
	fields := []string{"at: " + FormatDuration(st.At)}
	switch {
	case st.Hint:
		fields = append(fields, "hint: true")
	case st.Inject != nil:
		fields = append(fields, "inject: "+formatFault(*st.Inject))
	default:
		fields = append(fields, "action: "+st.Action)
		if st.Variant != "" {
			fields = append(fields, "variant: "+st.Variant)
		}
		if st.Rationale != "" {
			fields = append(fields, "rationale: "+strconv.Quote(st.Rationale))
		}
	}
	return "{" + strings.Join(fields, ", ") + "}"
}

// formatFault writes an injected fault as a YAML flow mapping, leaving out
// its at and the fields its kind does not use.
func formatFault(f sim.Fault) string {
	fields := []string{"kind: " + f.Kind}
	if f.Target != "" {
		fields = append(fields, "target: "+f.Target)
	}
	if f.Duration > 0 {
		fields = append(fields, "duration: "+FormatDuration(f.Duration))
	}
	if f.Add > 0 {
		fields = append(fields, "add: "+FormatDuration(f.Add))
	}
	if f.ResolverTimeout > 0 {
		fields = append(fields, "resolver_timeout: "+FormatDuration(f.ResolverTimeout))
	}
	number := func(name string, v float64) {
		if v != 0 {
			fields = append(fields, name+": "+strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
	number("percent", f.Percent)
	number("error_percent", f.ErrorPercent)
	number("factor", f.Factor)
	number("rate", f.Rate)
	return "{" + strings.Join(fields, ", ") + "}"
}
