package scoring

import (
	"fmt"
	"math"
	"slices"
	"time"

	"gameday/content"
	"gameday/drills"
	"gameday/sim"
)

// Grade replays the player's transcript, "do nothing" and the drill's
// reference solution with the same seed, and grades the player's run.
func Grade(cl *content.Checklist, d *content.Drill, seed uint64, transcript []content.Step) (*Scorecard, error) {
	player, err := drills.Replay(d, seed, transcript)
	if err != nil {
		return nil, err
	}
	nothing, err := drills.Replay(d, seed, withInjected(nil, transcript))
	if err != nil {
		return nil, err
	}
	reference, err := drills.Replay(d, seed, withInjected(d.Reference, transcript))
	if err != nil {
		return nil, fmt.Errorf("drill %s: reference solution: %w", d.ID, err)
	}

	sc := &Scorecard{
		Drill:       d.ID,
		Title:       d.Title,
		Seed:        seed,
		Window:      WindowText{From: content.FormatDuration(d.Window().From), To: content.FormatDuration(d.Window().To)},
		Outcome:     summarise(d, player),
		Nothing:     summarise(d, nothing),
		Reference:   summarise(d, reference),
		ModelAnswer: d.ModelAnswer,
		Actions:     []ActionReview{},
		Penalties:   []Penalty{},
		WentWell:    []string{},
		Missed:      []string{},
		ProbeNext:   []string{},
	}
	sc.SLOMet = sc.Outcome.SLOMet
	sc.Position = position(sc.Nothing.Bad, sc.Reference.Bad, sc.Outcome.Bad)

	gradeActions(sc, cl, d, transcript)
	if err := creditWithoutWrongMoves(sc, d, seed, transcript); err != nil {
		return nil, err
	}
	sc.ErrorBudget = ErrorBudget{Used: sc.Outcome.ErrorBudgetUsed, Reference: sc.Reference.ErrorBudgetUsed, Nothing: sc.Nothing.ErrorBudgetUsed}
	effects, err := conceptEffects(d, seed, transcript, sc)
	if err != nil {
		return nil, err
	}
	gradeConcepts(sc, cl, d, effects, player.Ratings())
	sc.Breakdown.Base = BasePoints
	sc.Breakdown.Outcome = OutcomePoints * max(sc.CreditedPosition, minPosition)
	if sc.CreditedSLO {
		sc.Breakdown.SLO = SLOPoints
	}
	for _, p := range sc.Penalties {
		sc.Breakdown.Penalties -= float64(p.Points)
	}
	sc.Hints = countHints(transcript)
	sc.Breakdown.Hints = -float64(HintPenalty * sc.Hints)
	total := sc.Breakdown.total()
	sc.Score = int(math.Round(min(max(total, 0), 100)))

	level := reachedLevel(sc, cl)
	sc.Level, sc.LevelID = level.Title(), level.String()
	writeFeedback(sc, d)
	return sc, nil
}

// summarise reads one finished run against the drill's SLO.
func summarise(d *content.Drill, s *drills.Session) Run {
	tot := s.Totals()
	r := Run{
		SuccessRatio: tot.GoodRatio(),
		Outcomes:     map[string]int{},
	}
	if tot.Good() > 0 {
		ms := float64(tot.P99) / float64(time.Millisecond)
		r.P99Ms = &ms
	}
	for o := range sim.NumOutcomes {
		if n := tot.Outcomes[o]; n > 0 {
			r.Outcomes[o.String()] = n
		}
	}
	// Over the whole drill, count every request that arrived and lose the
	// ones without a good, fast response by the end, so the total is the
	// same in every run of one seed.
	served := 0
	for _, sec := range s.Seconds() {
		r.Requests += sec.Arrivals
		served += sec.Good() - sec.Slow
		r.Timeline = append(r.Timeline, sec.GoodShare())
	}
	r.Bad = r.Requests - served

	target := d.SLO.SuccessPercent / 100
	r.SLOMet = drills.MeetsSLO(d, tot)
	if budget := (1 - target) * float64(tot.Settled()); budget > 0 {
		r.ErrorBudgetUsed = math.Round(float64(tot.Bad())/budget*1e4) / 1e2
	}
	return r
}

// position places bad between nothing (0) and reference (1). When the
// reference is no better than doing nothing, only matching it counts.
func position(nothing, reference, bad int) float64 {
	if nothing <= reference {
		if bad <= reference {
			return 1
		}
		return 0
	}
	return min(float64(nothing-bad)/float64(nothing-reference), 1)
}

// timeliness is the share of credit an action at t keeps.
func timeliness(d *content.Drill, t time.Duration) float64 {
	late := t - d.FirstFault()
	if late <= d.RespondWithin {
		return 1
	}
	over := float64(late-d.RespondWithin) / float64(2*d.RespondWithin)
	return max(1-0.5*over, 0.5)
}

func gradeActions(sc *Scorecard, cl *content.Checklist, d *content.Drill, transcript []content.Step) {
	penalised := map[string]bool{}
	for i, st := range transcript {
		a, v, err := d.Resolve(st)
		if err != nil {
			continue
		}
		review := ActionReview{
			At: st.At, Action: a.ID, Variant: v.ID,
			Title:      a.Title + ": " + v.Title,
			Concept:    a.Concept,
			Verdict:    v.Verdict,
			Why:        v.Why,
			Rationale:  st.Rationale,
			Timeliness: timeliness(d, st.At),
		}
		for _, later := range transcript[i+1:] {
			if later.Action == st.Action && later.Variant != v.ID {
				review.ReplacedAt = later.At
				break
			}
		}
		sc.Actions = append(sc.Actions, review)
		key := a.ID + "/" + v.ID
		if v.Verdict != content.VerdictWrong || penalised[key] {
			continue
		}
		penalised[key] = true
		points := v.Penalty
		if points == 0 {
			points = content.DefaultPenalty
		}
		reason := v.Why
		if review.ReplacedAt > 0 {
			reason += fmt.Sprintf(" (You replaced it at %s; the penalty is for the move itself.)", content.PreciseClock(review.ReplacedAt))
		}
		sc.Penalties = append(sc.Penalties, Penalty{At: st.At, Action: a.ID, Variant: v.ID, Points: points, Why: reason})
	}
}

// gradedConcepts returns the concepts of the reference solution's sound
// moves: the ones points are at stake for.
func gradedConcepts(d *content.Drill) []string {
	var out []string
	for _, st := range d.Reference {
		a, v, err := d.Resolve(st)
		if err == nil && v.Verdict == content.VerdictSound && !slices.Contains(out, a.Concept) {
			out = append(out, a.Concept)
		}
	}
	return out
}

// minEffect is the smallest share of the reference's improvement over doing
// nothing that a concept's moves must account for to earn credit. Below it
// the moves changed nothing that matters, however sound they look.
const minEffect = 0.02

// conceptEffects measures what each concept's moves did in the player's
// run: it replays the transcript without them and returns, per concept,
// the requests they saved as a share of the reference's improvement over
// doing nothing. Only concepts with sound or weak moves are measured.
func conceptEffects(d *content.Drill, seed uint64, transcript []content.Step, sc *Scorecard) (map[string]float64, error) {
	effects := map[string]float64{}
	scale := float64(max(sc.Nothing.Bad-sc.Reference.Bad, 1))
	for _, a := range sc.Actions {
		if _, done := effects[a.Concept]; done || (a.Verdict != content.VerdictSound && a.Verdict != content.VerdictWeak) {
			continue
		}
		var without []content.Step
		for _, st := range transcript {
			if act := d.Action(st.Action); act == nil || act.Concept != a.Concept {
				without = append(without, st)
			}
		}
		s, err := drills.Replay(d, seed, without)
		if err != nil {
			return nil, err
		}
		effects[a.Concept] = float64(summarise(d, s).Bad-sc.Outcome.Bad) / scale
	}
	return effects, nil
}

// gradeConcepts scores each checklist concept from the player's moves and
// their measured effects, then scales each rated concept's points by the
// interviewer's rating of the spoken explanation (see RatingFactor).
func gradeConcepts(sc *Scorecard, cl *content.Checklist, d *content.Drill, effects map[string]float64, ratings map[string]int) {
	graded := gradedConcepts(d)
	referenceTime := referenceTimes(d)
	each := 0.0
	if len(graded) > 0 {
		each = ConceptPoints / float64(len(graded))
	}
	for _, c := range cl.Concepts {
		cs := ConceptScore{
			ID: c.ID, Title: c.Title, Level: c.LevelValue().Title(),
			Exercised: slices.Contains(d.Concepts, c.ID),
			Graded:    slices.Contains(graded, c.ID),
		}
		effect, measured := effects[c.ID]
		cs.Effect = math.Round(effect*1000) / 1000
		cs.NoEffect = measured && effect < minEffect

		best := 0.0
		var bestMove *ActionReview
		for i, a := range sc.Actions {
			if a.Concept != c.ID {
				continue
			}
			credit := 0.0
			switch {
			case cs.NoEffect:
			case a.Verdict == content.VerdictSound:
				credit = a.Timeliness
				cs.Demonstrated = true
			case a.Verdict == content.VerdictWeak:
				credit = 0.5 * a.Timeliness
			}
			if bestMove == nil || credit > best {
				best, bestMove = credit, &sc.Actions[i]
			}
		}
		if cs.Graded {
			cs.MaxPoints = each
			cs.Points = math.Round(each*best*10) / 10
			sc.Breakdown.Concepts += each * best
		}
		cs.Note = conceptNote(cs, bestMove)
		if best > 0 {
			cs.Mitigated = true
			cs.TimeToMitigate = timeToMitigate(d, bestMove.At, bestMove.Action)
			cs.Note += "; " + mitigationNote(cs, referenceTime)
		}
		if score, rated := ratings[c.ID]; rated {
			sc.Breakdown.Spoken += rateConcept(&cs, score, cs.MaxPoints*best)
			sc.Breakdown.Rated++
		}
		sc.Concepts = append(sc.Concepts, cs)
	}
}

func conceptNote(cs ConceptScore, move *ActionReview) string {
	switch {
	case !cs.Exercised && move == nil:
		return "not exercised"
	case move == nil && cs.Graded:
		return "missed: no action of this concept was taken"
	case move == nil:
		return "in this drill, but not needed to recover"
	}
	note := fmt.Sprintf("%s at %s: %s", move.Verdict, content.PreciseClock(move.At), move.Title)
	switch {
	case cs.NoEffect:
		note += " (no measurable effect in your run, so no credit)"
	case move.Timeliness < 1 && (move.Verdict == content.VerdictSound || move.Verdict == content.VerdictWeak):
		note += fmt.Sprintf(" (late: %.0f%% of the credit)", move.Timeliness*100)
	}
	return note
}

// reachedLevel walks the ladder: a level is credited once every graded
// concept at it and below was demonstrated, and only when the SLO was met.
func reachedLevel(sc *Scorecard, cl *content.Checklist) content.Level {
	if !sc.SLOMet {
		return content.LevelNone
	}
	reached := content.LevelNone
	for l := content.LevelMid; l <= content.LevelPrincipal; l++ {
		any := false
		for i, c := range cl.Concepts {
			cs := sc.Concepts[i]
			if c.LevelValue() != l || !cs.Graded {
				continue
			}
			if !cs.Demonstrated {
				return reached
			}
			any = true
		}
		if any {
			reached = l
		}
	}
	return reached
}
