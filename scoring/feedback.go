package scoring

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"gameday/content"
)

// writeFeedback fills what went well, what was missed and what an
// interviewer would probe next, in an interviewer's voice.
func writeFeedback(sc *Scorecard, d *content.Drill) {
	noEffect := map[string]bool{}
	for _, cs := range sc.Concepts {
		noEffect[cs.ID] = cs.NoEffect
	}

	for _, a := range sc.Actions {
		if a.Verdict != content.VerdictSound || noEffect[a.Concept] {
			continue
		}
		line := fmt.Sprintf("At %s you chose %s. %s", content.PreciseClock(a.At), a.Title, a.Why)
		sc.WentWell = append(sc.WentWell, line)
	}
	if sc.SLOMet {
		sc.WentWell = append(sc.WentWell, fmt.Sprintf("%s was back within its SLO: %.2f%% good responses, p99 %s.", capitalise(d.System.Service.Name),
			sc.Outcome.SuccessRatio*100, sc.Outcome.P99Text()))
		sc.WentWell = append(sc.WentWell, sc.ErrorBudget.Text())
	}

	for _, a := range sc.Actions {
		if a.Verdict == content.VerdictSound && noEffect[a.Concept] {
			sc.Missed = append(sc.Missed, fmt.Sprintf("At %s you chose %s, but it changed nothing: your run "+
				"without it loses about as many requests. Ask what the move depends on, and whether it came too late.",
				content.PreciseClock(a.At), a.Title))
		}
	}
	for _, cs := range sc.Concepts {
		if cs.Graded && !cs.Demonstrated {
			sc.Missed = append(sc.Missed, fmt.Sprintf("%s: %s", cs.Title, referenceHint(d, cs.ID)))
		}
	}
	for _, a := range sc.Actions {
		if a.Verdict == content.VerdictWeak || a.Verdict == content.VerdictUseless {
			sc.Missed = append(sc.Missed, fmt.Sprintf("%s (%s): %s", a.Title, a.Verdict, a.Why))
		}
	}
	for _, p := range sc.Penalties {
		sc.Missed = append(sc.Missed, fmt.Sprintf("Wrong move at %s, -%d points: %s", content.PreciseClock(p.At), p.Points, p.Why))
	}
	if sc.CreditedPosition < sc.Position-0.005 || sc.CreditedSLO != sc.SLOMet {
		sc.Missed = append(sc.Missed, "Your wrong moves earned no outcome or SLO points: the outcome is credited as if you had not made them. "+
			"A setting an interviewer would reject does not count, even where it happened to help.")
	}
	if !sc.SLOMet {
		sc.Missed = append(sc.Missed, sc.ErrorBudget.Text())
		sc.Missed = append(sc.Missed, fmt.Sprintf("The SLO was missed (%.2f%% good responses, p99 %s, against %g%% and %s), so no level is credited.",
			sc.Outcome.SuccessRatio*100, sc.Outcome.P99Text(), d.SLO.SuccessPercent, d.SLO.P99))
	}

	for _, cs := range sc.Concepts {
		if cs.Graded && !cs.Demonstrated {
			sc.ProbeNext = append(sc.ProbeNext, fmt.Sprintf("You did not show %s. What on the dashboard tells you it is needed, and what would you set?",
				lowerFirst(cs.Title)))
		}
	}
	sc.ProbeNext = append(sc.ProbeNext, d.FollowUps...)
}

// referenceHint returns why the reference solution's move for a concept is
// right, to say what was missed.
func referenceHint(d *content.Drill, concept string) string {
	for _, st := range d.Reference {
		a, v, err := d.Resolve(st)
		if err == nil && a.Concept == concept {
			return fmt.Sprintf("the reference solution does “%s: %s”. %s", a.Title, v.Title, v.Why)
		}
	}
	return "no move of this concept was made."
}

// capitalise returns s with its first letter in upper case.
func capitalise(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}
