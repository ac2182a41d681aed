package ui

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"gameday/content"
	"gameday/drills"
)

// ratingKeys are the interviewer panel's bindings for rating the
// candidate's spoken explanation of each of the drill's concepts.
var ratingKeys = struct{ Concept, Rate, Score, Cancel key.Binding }{
	Concept: key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "concept")),
	Rate:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rate")),
	Score:   key.NewBinding(key.WithKeys("0", "1", "2"), key.WithHelp("0/1/2", "rating")),
	Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("any other key", "cancel")),
}

// handleRatingKey moves the concept cursor or starts a rating, and
// reports whether k was one of those keys.
func (p *interviewerPanel) handleRatingKey(k tea.KeyPressMsg) bool {
	n := len(p.drill.Concepts)
	switch {
	case key.Matches(k, ratingKeys.Concept) && n > 0:
		delta := 1
		if k.String() == "left" {
			delta = -1
		}
		p.concept = (p.concept + delta + n) % n
	case key.Matches(k, ratingKeys.Rate) && n > 0:
		p.rating = true
	default:
		return false
	}
	return true
}

// rate takes the key after r: 0, 1 or 2 rates the selected concept, and
// any other key cancels the rating.
func (p *interviewerPanel) rate(k tea.KeyPressMsg, s *drills.Session) error {
	p.rating = false
	if !key.Matches(k, ratingKeys.Score) {
		return nil
	}
	score, err := strconv.Atoi(k.String())
	if err != nil {
		return err
	}
	return s.Rate(p.drill.Concepts[p.concept], score)
}

// ratingLines returns the panel's rating section: a heading, then each of
// the drill's concepts with its latest rating, the selected one marked.
func (p *interviewerPanel) ratingLines(st styles, s *drills.Session, width int) []string {
	heading := st.heading.Render("Spoken explanation") + st.faint.Render(" · ←/→ then r")
	if p.rating {
		heading = st.action.Render(fmt.Sprintf("Rate %s: press 0, 1 or 2", p.drill.Concepts[p.concept]))
	}
	lines := []string{truncate(heading, width)}
	ratings := s.Ratings()
	for i, id := range p.drill.Concepts {
		score := "not rated"
		if r, ok := ratings[id]; ok {
			score = fmt.Sprintf("%d/%d", r, content.MaxRating)
		}
		line := fmt.Sprintf("%-18s %s", id, score)
		if i == p.concept {
			lines = append(lines, st.selected.Render(truncate("> "+line, width)))
		} else {
			lines = append(lines, "  "+truncate(line, width-2))
		}
	}
	return lines
}
