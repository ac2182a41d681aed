package scoring

import (
	"fmt"
	"strings"
)

// maxProbes is how many missing or partial concepts the feedback names as
// the next things an interviewer would ask about, before the question's
// own follow-ups.
const maxProbes = 2

// writeAnswerFeedback fills what went well, what was missed and what an
// interviewer would probe next, in an interviewer's voice.
func writeAnswerFeedback(g *AnswerGrade, r rubric) {
	fb := &g.Feedback
	for _, c := range g.Concepts {
		switch {
		case c.Credit >= fullCredit:
			fb.WentWell = append(fb.WentWell, fmt.Sprintf("%s: you covered it, and said why (%s).", c.Title, evidence(c)))
		case c.Credit > 0:
			fb.Missed = append(fb.Missed, partialNote(c))
		default:
			fb.Missed = append(fb.Missed, fmt.Sprintf("%s: not mentioned. A strong answer says: %s", c.Title, pointTexts(c.Points)))
		}
	}
	if len(g.Concepts) > 0 && len(g.Covered) == len(g.Concepts) {
		fb.WentWell = append(fb.WentWell, "Every point I was listening for is there. Next, say it in fewer words and lead with the mechanism.")
	}

	probes := 0
	for _, c := range g.Concepts {
		if c.Credit >= fullCredit || probes == maxProbes {
			continue
		}
		probes++
		if c.Credit == 0 {
			fb.ProbeNext = append(fb.ProbeNext, fmt.Sprintf("You left out %s. Where would it fit, and what goes wrong without it?", lowerFirst(c.Title)))
		} else {
			fb.ProbeNext = append(fb.ProbeNext, fmt.Sprintf("On %s: %s", lowerFirst(c.Title), probeFor(c)))
		}
	}
	fb.ProbeNext = append(fb.ProbeNext, r.followUps...)
}

// evidence names the phrases that earned a covered concept its credit.
func evidence(c AnswerConcept) string {
	var parts []string
	for _, p := range c.Points {
		s := "“" + p.Said + "”"
		if len(p.Explained) > 0 {
			s += " with “" + strings.Join(p.Explained, "”, “") + "”"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// partialNote says what a concept with some credit lacks.
func partialNote(c AnswerConcept) string {
	var gaps []string
	for _, p := range c.Points {
		switch {
		case p.Credit >= fullCredit:
		case p.Said == "":
			// Points are written both as statements and as instructions
			// ("Set it a little above…"), so quote the point whole.
			gaps = append(gaps, "you left out “"+strings.TrimSuffix(p.Point, ".")+"”")
		case len(p.Listed) > 0:
			gaps = append(gaps, fmt.Sprintf("you listed “%s” but never explained it; full credit needs the reason in a sentence", strings.Join(p.Listed, "”, “")))
		default:
			gaps = append(gaps, fmt.Sprintf("you raised it (“%s”) but not the why: nothing about “%s”", p.Said, strings.Join(p.Lacking, "” or “")))
		}
	}
	return fmt.Sprintf("%s: partly there, %s.", c.Title, strings.Join(gaps, "; "))
}

// probeFor returns the question an interviewer asks about a concept the
// answer only touched.
func probeFor(c AnswerConcept) string {
	for _, p := range c.Points {
		if p.Credit >= fullCredit {
			continue
		}
		if p.Said != "" && len(p.Lacking) > 0 {
			return fmt.Sprintf("you mentioned “%s”. Why, and when does it apply (think “%s”)?", p.Said, p.Lacking[0])
		}
		return "what exactly would you do, and why? " + p.Point
	}
	return "what would you add?"
}

func pointTexts(points []PointGrade) string {
	texts := make([]string, len(points))
	for i, p := range points {
		texts[i] = p.Point
	}
	return strings.Join(texts, " ")
}

// lowerFirst returns s with its first letter in lower case, unless the
// first word is an acronym such as "SIGTERM".
func lowerFirst(s string) string {
	if len(s) < 2 || strings.ToUpper(s[:2]) == s[:2] {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
