package content

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gameday/sim"
)

// problemList collects problems by field path; resolve maps them to lines.
type problemList []Problem

func (ps *problemList) add(field, format string, args ...any) {
	*ps = append(*ps, Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (ps problemList) resolve(file string, idx lineIndex) Problems {
	out := make(Problems, len(ps))
	for i, p := range ps {
		p.File = file
		p.Line = idx.line(p.Field)
		// A field that is written but empty (faults: [], title: "") fails
		// the same check as an absent one, but "missing" would send the
		// author looking for a field that is there.
		if rest, ok := strings.CutPrefix(p.Message, "is missing;"); ok {
			if _, written := idx[p.Field]; written {
				p.Message = "is empty;" + rest
			}
		}
		out[i] = p
	}
	slices.SortStableFunc(out, func(a, b Problem) int { return a.Line - b.Line })
	return out
}

var idRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func checkID(ps *problemList, field, id, what string) {
	switch {
	case id == "":
		ps.add(field, "is missing; give the %s an id in lowercase words joined by hyphens, such as set-timeout", what)
	case len(id) > 64:
		ps.add(field, "%q is longer than 64 characters", id)
	case !idRE.MatchString(id):
		ps.add(field, "%q is not a valid id; use lowercase letters, digits and single hyphens, such as set-timeout", id)
	}
}

func required(ps *problemList, field, value, what string) {
	if strings.TrimSpace(value) == "" {
		ps.add(field, "is missing; %s", what)
	}
}

// checkText rejects control characters and terminal escape sequences, so a
// content pack cannot retitle, clear or drive the user's terminal. Decoding
// already rejects them in every field (see textProblems); this check keeps
// the rule for values built in code.
func checkText(ps *problemList, field, value string) {
	if desc, at := firstUnsafe(value); desc != "" {
		ps.add(field, "contains %s at character %d; remove it (terminal escape sequences are not allowed)", desc, at)
	}
}

// ValidateChecklist checks the checklist's concepts.
func validateChecklist(c *Checklist) problemList {
	var ps problemList
	if len(c.Concepts) == 0 {
		ps.add("concepts", "is missing; list the checklist's concepts")
	}
	seen := map[string]bool{}
	for i, k := range c.Concepts {
		f := fmt.Sprintf("concepts[%d]", i)
		checkID(&ps, f+".id", k.ID, "concept")
		if seen[k.ID] {
			ps.add(f+".id", "%q is used twice; concept ids must be unique", k.ID)
		}
		seen[k.ID] = true
		required(&ps, f+".title", k.Title, "give the concept a title")
		if n := utf8.RuneCountInString(k.ShortTitle()); n > MaxShortTitle {
			field := "short"
			if k.Short == "" {
				field = "title"
			}
			ps.add(f+"."+field, "is %d characters; give the concept a short title of at most %d characters (short: ...)", n, MaxShortTitle)
		}
		required(&ps, f+".summary", k.Summary, "explain the concept in a few sentences")
		if _, ok := ParseLevel(k.Level); !ok {
			ps.add(f+".level", "is %q; expected one of: %s", k.Level, strings.Join(levelIDs[1:], ", "))
		}
		if len(k.Keywords) == 0 {
			ps.add(f+".keywords", "is missing; list the words a strong spoken answer uses")
		}
		for _, t := range append([]string{k.Title, k.Short, k.Summary}, slices.Concat(k.Bad, k.Good, k.Keywords)...) {
			checkText(&ps, f, t)
		}
	}
	return ps
}

// validateDrill checks everything about a drill that decoding cannot.
func validateDrill(d *Drill, cl *Checklist) problemList {
	var ps problemList
	checkID(&ps, "id", d.ID, "drill")
	required(&ps, "title", d.Title, "give the drill a title")
	required(&ps, "summary", d.Summary, "add a one-line summary for the drill list")
	required(&ps, "briefing", d.Briefing, "write what the candidate reads before the drill starts")
	required(&ps, "model_answer", d.ModelAnswer, "write the answer a strong candidate would give")
	if !slices.Contains(Difficulties, d.Difficulty) {
		ps.add("difficulty", "is %q; expected one of: %s", d.Difficulty, strings.Join(Difficulties, ", "))
	}
	for field, text := range map[string]string{
		"title": d.Title, "summary": d.Summary, "briefing": d.Briefing,
		"interviewer_notes": d.InterviewerNotes, "model_answer": d.ModelAnswer,
	} {
		checkText(&ps, field, text)
	}
	for i, q := range d.FollowUps {
		checkText(&ps, fmt.Sprintf("follow_ups[%d]", i), q)
	}

	validateConcepts(&ps, d, cl)

	if d.Duration < 0 {
		ps.add("duration", "is %s; set the drill's length in virtual time, a positive duration such as 5m", FormatDuration(d.Duration))
	} else if d.Duration == 0 {
		ps.add("duration", "is missing or 0s; set the drill's length in virtual time, such as 5m")
	} else if d.Duration > 2*time.Hour {
		ps.add("duration", "is %s; drills are limited to 2h of virtual time", FormatDuration(d.Duration))
	}
	if d.RespondWithin < 0 {
		ps.add("respond_within", "is negative; use a positive duration such as 30s")
	}

	for _, p := range sim.ValidateSystem(d.System) {
		ps.add("system."+p.Path, "%s", p.Message)
	}
	for _, p := range sim.ValidateTraffic(d.Traffic) {
		ps.add("traffic."+p.Path, "%s", p.Message)
	}
	if len(d.Faults) == 0 {
		ps.add("faults", "is missing; a drill needs at least one fault")
	}
	for i, f := range d.Faults {
		for _, p := range sim.ValidateFault(f, d.System) {
			ps.add(fmt.Sprintf("faults[%d].%s", i, p.Path), "%s", p.Message)
		}
		if d.Duration > 0 && f.At >= d.Duration {
			ps.add(fmt.Sprintf("faults[%d].at", i), "is %s, at or after the end of the drill (%s)", FormatDuration(f.At), FormatDuration(d.Duration))
		}
	}

	validateSLO(&ps, d)
	validateActions(&ps, d, cl)
	validateSteps(&ps, "reference", d.Reference, d)
	for i, st := range d.Reference {
		if v := d.variant(st); v != nil && (v.Verdict == VerdictWrong || v.Verdict == VerdictUseless) {
			ps.add(fmt.Sprintf("reference[%d].variant", i), "%q is marked %s; the reference solution may only use sound or weak variants", st.Variant, v.Verdict)
		}
	}
	if len(d.Reference) == 0 {
		ps.add("reference", "is missing; list the steps of the reference solution")
	}
	return ps
}

func validateConcepts(ps *problemList, d *Drill, cl *Checklist) {
	if len(d.Concepts) == 0 {
		ps.add("concepts", "is missing; list the checklist concepts the drill exercises")
	}
	for i, id := range d.Concepts {
		if cl.Concept(id) == nil {
			ps.add(fmt.Sprintf("concepts[%d]", i), "%s", unknownConcept(id, cl))
		}
		if slices.Index(d.Concepts, id) != i {
			ps.add(fmt.Sprintf("concepts[%d]", i), "%q is listed twice", id)
		}
	}
	if len(d.Primary) == 0 {
		ps.add("primary", "is missing; name the drill's main concepts")
	}
	for i, id := range d.Primary {
		if !slices.Contains(d.Concepts, id) {
			ps.add(fmt.Sprintf("primary[%d]", i), "%q is not in concepts; a main concept must also be listed under concepts", id)
		}
	}
}

func unknownConcept(id string, cl *Checklist) string {
	ids := make([]string, len(cl.Concepts))
	for i, c := range cl.Concepts {
		ids[i] = c.ID
	}
	return fmt.Sprintf("%q is not a checklist concept; expected one of: %s", id, strings.Join(ids, ", "))
}

func validateSLO(ps *problemList, d *Drill) {
	s := d.SLO
	if !(s.SuccessPercent > 0 && s.SuccessPercent <= 100) {
		ps.add("slo.success_percent", "is %g; set the share of good responses required, in percent, such as 99", s.SuccessPercent)
	}
	if s.P99 < 0 {
		ps.add("slo.p99", "is negative; use a latency such as 2s, or leave it out")
	}
	if s.MaxWritesLost != nil && *s.MaxWritesLost < 0 {
		ps.add("slo.max_writes_lost", "is %d; use 0 or a positive number of writes, or leave it out", *s.MaxWritesLost)
	}
	if s.From < 0 {
		ps.add("slo.from", "is negative; the window starts at 0s or later")
	}
	end := d.Duration
	if s.To != 0 {
		end = s.To
		if d.Duration > 0 && s.To > d.Duration {
			ps.add("slo.to", "is %s, after the end of the drill (%s)", FormatDuration(s.To), FormatDuration(d.Duration))
		}
	}
	if s.From >= end && d.Duration > 0 {
		ps.add("slo.from", "is %s, not before the window's end (%s); the window would be empty", FormatDuration(s.From), FormatDuration(end))
	}
}

func validateActions(ps *problemList, d *Drill, cl *Checklist) {
	if len(d.Actions) == 0 {
		ps.add("actions", "is missing; list the actions the player can take")
	}
	seen := map[string]bool{}
	for i, a := range d.Actions {
		f := fmt.Sprintf("actions[%d]", i)
		checkEntry(ps, f, "action", a.ID, a.Title, seen, "a drill")
		checkText(ps, f+".description", a.Description)
		if cl.Concept(a.Concept) == nil {
			ps.add(f+".concept", "%s", unknownConcept(a.Concept, cl))
		}
		if a.Delay < 0 {
			ps.add(f+".delay", "is negative; use 0s or a positive duration")
		}
		if len(a.Variants) == 0 {
			ps.add(f+".variants", "is missing; an action needs at least one variant")
		}
		variantIDs := map[string]bool{}
		for j, v := range a.Variants {
			vf := fmt.Sprintf("%s.variants[%d]", f, j)
			checkEntry(ps, vf, "variant", v.ID, v.Title, variantIDs, "this action")
			validateVariant(ps, d, f, vf, a, v)
		}
	}
}

// checkEntry checks what every action and variant has: a valid id, unique
// within scope, and a plain-text title for the palette.
func checkEntry(ps *problemList, path, kind, id, title string, seen map[string]bool, scope string) {
	checkID(ps, path+".id", id, kind)
	if seen[id] {
		ps.add(path+".id", "%q is used twice; %s ids must be unique in %s", id, kind, scope)
	}
	seen[id] = true
	required(ps, path+".title", title, "give the "+kind+" a title for the palette")
	checkText(ps, path+".title", title)
}

// validateVariant checks a variant's verdict, reason, penalty and effect.
func validateVariant(ps *problemList, d *Drill, actionPath, path string, a Action, v Variant) {
	checkText(ps, path+".why", v.Why)
	switch v.Verdict {
	case VerdictSound, VerdictWeak:
		if !slices.Contains(d.Concepts, a.Concept) {
			ps.add(actionPath+".concept", "%q is not in the drill's concepts, but variant %q is %s; list the concept or mark the variant useless or wrong", a.Concept, v.ID, v.Verdict)
		}
	case VerdictUseless, VerdictWrong:
	default:
		ps.add(path+".verdict", "is %q; expected one of: sound, weak, useless, wrong", v.Verdict)
	}
	if v.Verdict != VerdictSound {
		required(ps, path+".why", v.Why, "explain why this move is not the right one; the debrief shows it")
	}
	if v.Penalty < 0 || v.Penalty > 100 {
		ps.add(path+".penalty", "is %d; use points between 0 and 100", v.Penalty)
	}
	if v.Penalty != 0 && v.Verdict != VerdictWrong {
		ps.add(path+".penalty", "is set on a %s variant; only wrong variants cost points", v.Verdict)
	}
	for _, p := range sim.ValidateChange(v.Effect, d.System) {
		ps.add(path+".effect."+p.Path, "%s", p.Message)
	}
	for i, c := range v.Also {
		for _, p := range sim.ValidateChange(c, d.System) {
			ps.add(fmt.Sprintf("%s.also[%d].%s", path, i, p.Path), "%s", p.Message)
		}
	}
}

// validateSteps checks steps against the drill: known actions and variants,
// times inside the drill.
func validateSteps(ps *problemList, field string, steps []Step, d *Drill) {
	for i, st := range steps {
		if !st.IsAction() {
			ps.add(fmt.Sprintf("%s[%d]", field, i), "is a hint, an injected fault or a rating; %s holds actions only", field)
			continue
		}
		if sub, msg := d.stepProblem(st); msg != "" {
			ps.add(fmt.Sprintf("%s[%d].%s", field, i, sub), "%s", msg)
		}
	}
}

// stepProblem returns the field of an invalid step (at, action or variant)
// and what is wrong with it, or two empty strings.
func (d *Drill) stepProblem(st Step) (field, msg string) {
	if st.At < 0 || (d.Duration > 0 && st.At >= d.Duration) {
		return "at", fmt.Sprintf("is %s; actions happen between 0s and the end of the drill (%s)", FormatDuration(st.At), FormatDuration(d.Duration))
	}
	if !st.IsAction() {
		return d.otherStepProblem(st)
	}
	a := d.Action(st.Action)
	if a == nil {
		ids := make([]string, len(d.Actions))
		for i, x := range d.Actions {
			ids[i] = x.ID
		}
		if st.Action == "" {
			return "action", "is missing; expected one of: " + strings.Join(ids, ", ")
		}
		return "action", fmt.Sprintf("%q is not an action of drill %s; expected one of: %s", st.Action, d.ID, strings.Join(ids, ", "))
	}
	if st.Variant == "" && len(a.Variants) == 1 {
		return "", ""
	}
	if a.Variant(st.Variant) == nil {
		ids := make([]string, len(a.Variants))
		for i, v := range a.Variants {
			ids[i] = v.ID
		}
		if st.Variant == "" {
			return "variant", fmt.Sprintf("is missing; action %s has several: %s", a.ID, strings.Join(ids, ", "))
		}
		return "variant", fmt.Sprintf("%q is not a variant of action %s; expected one of: %s", st.Variant, a.ID, strings.Join(ids, ", "))
	}
	return "", ""
}

// variant returns the variant a step names, with a lone variant as the
// default; nil when the step does not resolve.
func (d *Drill) variant(st Step) *Variant {
	a := d.Action(st.Action)
	if a == nil {
		return nil
	}
	if st.Variant == "" && len(a.Variants) == 1 {
		return &a.Variants[0]
	}
	return a.Variant(st.Variant)
}

// Resolve returns the action and variant a step names. A step may leave out
// the variant when the action has only one. A hint, an injected fault or a
// rating returns an error.
func (d *Drill) Resolve(st Step) (*Action, *Variant, error) {
	if !st.IsAction() {
		return nil, nil, fmt.Errorf("the step at %s is a hint, an injected fault or a rating, not an action", FormatDuration(st.At))
	}
	if field, msg := d.stepProblem(st); msg != "" {
		return nil, nil, fmt.Errorf("%s %s", field, msg)
	}
	return d.Action(st.Action), d.variant(st), nil
}
