package ui

import (
	"fmt"
	"maps"
	"math"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"gameday/content"
	"gameday/scoring"
)

// study shows the checklist concepts as flashcards in Leitner review
// order. The front of a card is the concept's interview question; the
// back is the explanation, bad and good practice, and the model answer.
// A typed answer is graded like an interview answer, moves the card
// between boxes and is appended to the history.
type study struct {
	app   *app
	boxes *scoring.Leitner
	order []string
	index int

	flipped bool
	answer  answerBox

	// typed and grade are the last graded answer on the current card.
	typed string
	grade *scoring.AnswerGrade

	// warning reports an unusable study file; saveErr the last failed
	// save of the boxes.
	warning string
	saveErr error

	vp viewport.Model
}

// studyLoadedMsg carries the Leitner boxes read from the study file.
type studyLoadedMsg struct {
	boxes   *scoring.Leitner
	warning string
	err     error
}

// studySavedMsg reports the end of a save of the Leitner boxes.
type studySavedMsg struct{ err error }

// newStudy returns the study screen and the command that reads the study
// file. Until it arrives the cards are in checklist order.
func newStudy(a *app) (*study, tea.Cmd) {
	s := &study{app: a, boxes: &scoring.Leitner{Version: scoring.LeitnerVersion}, vp: viewport.New()}
	s.reorder()
	path := a.studyFile
	if path == "" {
		return s, nil
	}
	return s, func() tea.Msg {
		boxes, warning, err := scoring.ReadLeitner(path)
		return studyLoadedMsg{boxes: boxes, warning: warning, err: err}
	}
}

// reorder puts the cards in review order at the current time and goes to
// the first.
func (s *study) reorder() {
	ids := make([]string, len(s.app.lib.Checklist.Concepts))
	for i, c := range s.app.lib.Checklist.Concepts {
		ids[i] = c.ID
	}
	s.order = s.boxes.Order(ids, s.app.now())
	s.index = 0
	s.resetCard()
}

func (s *study) resetCard() {
	s.flipped, s.typed, s.grade = false, "", nil
	s.vp.GotoTop()
}

// concept returns the card's concept, and question the question it is
// graded on (nil when questions.yaml has none for it).
func (s *study) concept() *content.Concept {
	if len(s.order) == 0 {
		return nil
	}
	return s.app.lib.Checklist.Concept(s.order[s.index])
}

func (s *study) question() *content.Question {
	return s.app.lib.Questions.ConceptQuestion(s.order[s.index])
}

// capturing reports whether keys are typed into the answer field.
func (s *study) capturing() bool { return s.answer.open }

func (s *study) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case studyLoadedMsg:
		if msg.err != nil {
			s.warning = msg.err.Error() + "; study progress is not saved this time"
			s.app.studyFile = ""
			return s, nil
		}
		s.boxes, s.warning = msg.boxes, msg.warning
		s.reorder()
		return s, nil
	case studySavedMsg:
		s.saveErr = msg.err
		return s, nil
	}
	if s.answer.open {
		result, cmd := s.answer.update(msg, s.app.keys)
		if result == answerSubmitted {
			return s, s.gradeAnswer()
		}
		return s, cmd
	}
	if scrollWheel(&s.vp, msg) {
		return s, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || s.concept() == nil {
		return s, nil
	}
	keys := s.app.keys
	switch {
	case key.Matches(k, keys.Quit):
		return s, tea.Quit
	case key.Matches(k, keys.Back):
		return newHome(s.app), nil
	case key.Matches(k, keys.Flip):
		s.flipped = !s.flipped
	case key.Matches(k, keys.Answer):
		if s.question() != nil {
			return s, s.answer.start(s.app.styles.isDark, "Answer as you would aloud: what you do, and why.")
		}
	case key.Matches(k, keys.Next):
		s.index = (s.index + 1) % len(s.order)
		s.resetCard()
	case key.Matches(k, keys.Prev):
		s.index = (s.index + len(s.order) - 1) % len(s.order)
		s.resetCard()
	default:
		scrollKey(&s.vp, k, keys)
	}
	return s, nil
}

// gradeAnswer grades the typed answer, files it in the Leitner boxes and
// returns the commands that save the boxes and append it to the history.
// An empty answer is not graded.
func (s *study) gradeAnswer() tea.Cmd {
	typed := s.answer.value()
	q := s.question()
	if q == nil || strings.TrimSpace(typed) == "" {
		return nil
	}
	lib := s.app.lib
	now := s.app.now()
	s.typed = typed
	s.grade = scoring.GradeQuestion(&lib.Checklist, &lib.Questions, q, typed)
	s.boxes.Review(s.order[s.index], s.grade.Score, now)
	s.vp.GotoTop()
	return tea.Batch(s.saveBoxes(), s.app.history.recordAnswer(s.grade, now))
}

// saveBoxes returns the command that writes a copy of the boxes to the
// study file, or nil when there is none.
func (s *study) saveBoxes() tea.Cmd {
	path := s.app.studyFile
	if path == "" {
		return nil
	}
	snapshot := scoring.Leitner{Version: s.boxes.Version, Cards: maps.Clone(s.boxes.Cards)}
	return func() tea.Msg { return studySavedMsg{err: scoring.WriteLeitner(path, &snapshot)} }
}

// dueText describes when a card is next due, in whole days.
func dueText(c scoring.LeitnerCard, now time.Time) string {
	if c.Due(now) {
		return "due now"
	}
	days := int(math.Ceil(c.DueAt().Sub(now).Hours() / 24))
	if days == 1 {
		return "due in 1 day"
	}
	return fmt.Sprintf("due in %d days", days)
}

func (s *study) help() helpKeys {
	k := s.app.keys
	if s.answer.open {
		return helpKeys{
			short: []key.Binding{k.Submit, k.Cancel, k.ForceQuit},
			full:  [][]key.Binding{{k.Submit, k.SubmitAlt, k.Cancel}, {k.ForceQuit}},
		}
	}
	return helpKeys{
		short: []key.Binding{k.Flip, k.Answer, k.Next, k.Prev, k.Back, k.Quit, k.Help},
		full:  [][]key.Binding{{k.Flip, k.Answer, k.Next, k.Prev}, {k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Back, k.Quit, k.ForceQuit, k.Help}},
	}
}
