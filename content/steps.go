package content

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

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
		// Name the step each type error is in, the way a reader counts,
		// and the field inside it where one is known.
		for i := range ps {
			n := idx.entryAt(ps[i].Line)
			if n < 0 {
				continue
			}
			field := strings.TrimPrefix(ps[i].Field, fmt.Sprintf("[%d]", n))
			ps[i].Field = fmt.Sprintf("step %d", n+1)
			if field, ok := strings.CutPrefix(field, "."); ok {
				ps[i].Field += ", " + field
			}
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}

	fractional := fractionalScores(data)
	for i, st := range steps {
		path := fmt.Sprintf("[%d]", i)
		problem := func(field, msg string) {
			ps = append(ps, Problem{File: file, Line: idx.line(path + "." + field), Field: fmt.Sprintf("step %d, %s", i+1, field), Message: msg})
		}
		if _, ok := idx[path+".at"]; !ok {
			problem("at", "is missing; give the step's time in the drill, such as at: 40s")
			continue
		}
		if _, ok := idx[path+".rate.score"]; st.Rate != nil && !ok {
			problem("rate.score", "is missing; "+rateHow)
			continue
		}
		if raw, ok := fractional[i]; ok {
			problem("rate.score", fmt.Sprintf("is %v; %s", raw, rateHow))
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

// fractionalScores returns, by step index, each rate.score written as a
// number that is not whole, such as 1.5. yaml.v3 truncates such a number
// into an int without an error, so the strict decoding alone would take
// 1.5 for 1. The data has already been decoded once without errors.
func fractionalScores(data []byte) map[int]any {
	var loose []struct {
		Rate *struct {
			Score any `yaml:"score"`
		} `yaml:"rate"`
	}
	if err := yaml.Unmarshal(data, &loose); err != nil {
		return nil
	}
	out := map[int]any{}
	for i, st := range loose {
		if st.Rate == nil || st.Rate.Score == nil {
			continue
		}
		if _, whole := st.Rate.Score.(int); !whole {
			out[i] = st.Rate.Score
		}
	}
	return out
}

// otherStepProblem checks a step that is not an action: a hint, a fault an
// interviewer injected or an interviewer's rating. It returns the invalid
// field and what is wrong, or two empty strings.
func (d *Drill) otherStepProblem(st Step) (field, msg string) {
	kinds := 0
	for _, set := range []bool{st.Hint, st.Inject != nil, st.Rate != nil} {
		if set {
			kinds++
		}
	}
	if kinds > 1 {
		field := "hint"
		if !st.Hint {
			field = "inject"
		}
		return field, "is set together with " + strings.Join(otherKinds(st, field), " and ") + "; a step is one hint, one injected fault or one rating, so split it"
	}
	kind := "a hint"
	switch {
	case st.Inject != nil:
		kind = "an injected fault"
	case st.Rate != nil:
		kind = "a rating"
	}
	switch {
	case st.Action != "":
		return "action", fmt.Sprintf("is set on %s; write the action as a step of its own", kind)
	case st.Variant != "":
		return "variant", fmt.Sprintf("is set on %s; write the action as a step of its own", kind)
	case st.Rationale != "":
		return "rationale", fmt.Sprintf("is set on %s; a rationale explains an action", kind)
	case st.Rate != nil:
		if field, msg := d.ratingProblem(*st.Rate); msg != "" {
			return "rate." + field, msg
		}
		return "", ""
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

// otherKinds returns the fields of st's other kinds, besides field, that
// are set: among hint, inject and rate.
func otherKinds(st Step, field string) []string {
	var out []string
	if st.Inject != nil && field != "inject" {
		out = append(out, "inject")
	}
	if st.Rate != nil {
		out = append(out, "rate")
	}
	return out
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
	case st.Rate != nil:
		fields = append(fields, fmt.Sprintf("rate: {concept: %s, score: %d}", st.Rate.Concept, st.Rate.Score))
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
