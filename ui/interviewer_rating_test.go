package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

var (
	rightKey = tea.KeyPressMsg{Code: tea.KeyRight}
	leftKey  = tea.KeyPressMsg{Code: tea.KeyLeft}
)

func TestInterviewerPanelRates(t *testing.T) {
	m, l := startDrill(t, Options{Interviewer: true})
	m = tickUntil(t, m, 20*time.Second)
	if view := plain(m); !strings.Contains(view, "Spoken explanation") || !strings.Contains(view, "> timeouts           not rated") {
		t.Fatalf("the panel lacks the ratings with timeouts selected:\n%s", view)
	}

	// → selects circuit-breakers; r, then 1, rates it.
	m, _ = press(t, m, rightKey)
	m, _ = press(t, m, runeKey('r'))
	if !l.panel.rating || !strings.Contains(plain(m), "Rate circuit-breakers: press 0, 1 or 2") {
		t.Fatalf("r does not ask for the rating:\n%s", plain(m))
	}
	m, _ = press(t, m, runeKey('1'))
	if got, want := l.session.Ratings(), map[string]int{"circuit-breakers": 1}; !reflect.DeepEqual(got, want) {
		t.Fatalf("ratings %v, want %v", got, want)
	}
	if l.speed != defaultSpeed {
		t.Errorf("the rating's 1 changed the speed to %d×", l.speed)
	}
	if view := plain(m); !strings.Contains(view, "> circuit-breakers   1/2") {
		t.Errorf("the panel does not show the rating:\n%s", view)
	}

	// A later rating of the same concept replaces the first.
	m, _ = press(t, m, runeKey('r'))
	m, _ = press(t, m, runeKey('2'))
	if got := l.session.Ratings()["circuit-breakers"]; got != 2 {
		t.Errorf("circuit-breakers rated %d after a second rating of 2, want 2", got)
	}

	// Any other key after r cancels; ← wraps round to the last concept.
	m, _ = press(t, m, leftKey)
	m, _ = press(t, m, leftKey)
	if got := l.drill.Concepts[l.panel.concept]; got != "retries" {
		t.Errorf("two ← from circuit-breakers select %s, want retries", got)
	}
	m, _ = press(t, m, runeKey('r'))
	m, _ = press(t, m, runeKey('x'))
	if l.panel.rating || len(l.session.Ratings()) != 1 {
		t.Errorf("a key other than 0, 1 or 2 did not cancel the rating: armed %v, ratings %v", l.panel.rating, l.session.Ratings())
	}

	// Hidden from the candidate: no ratings, and 1 is the speed key again.
	m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeyTab})
	view := plain(m)
	if strings.Contains(view, "Spoken explanation") || strings.Contains(view, "2/2") || strings.Contains(view, "circuit-breakers") {
		t.Errorf("the candidate's view shows the ratings:\n%s", view)
	}
	m, _ = press(t, m, runeKey('r'))
	m, _ = press(t, m, runeKey('1'))
	if l.speed != 1 {
		t.Errorf("speed %d× after 1 with the panel hidden, want 1×", l.speed)
	}
	if len(l.session.Transcript()) != 2 {
		t.Errorf("transcript %+v, want only the two ratings", l.session.Transcript())
	}
}

func TestTabCancelsPendingRating(t *testing.T) {
	m, l := startDrill(t, Options{Interviewer: true})
	m, _ = press(t, m, runeKey('r'))
	m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeyTab})
	m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeyTab})
	m, _ = press(t, m, runeKey('2'))
	if len(l.session.Ratings()) != 0 {
		t.Errorf("ratings %v: tab did not cancel the pending rating", l.session.Ratings())
	}
	_ = m
}

func TestDebriefShowsRatings(t *testing.T) {
	m, l := startDrill(t, Options{Interviewer: true})
	m = tickUntil(t, m, 35*time.Second)
	if err := l.session.Apply("set-timeout", "2s"); err != nil {
		t.Fatal(err)
	}
	m, _ = press(t, m, runeKey('r'))
	m, _ = press(t, m, runeKey('0'))
	m, _ = press(t, m, runeKey('f'))
	m, cmd := press(t, m, runeKey('f'))
	m, _ = press(t, m, cmd())
	wantScreen(t, m, "debrief")
	d := m.screen.(*debrief)

	body := ansi.Strip(d.body(110))
	for _, want := range []string{"spoken explanation rated 0/2, so 50% of the", "-10.0 spoken"} {
		if !strings.Contains(body, want) {
			t.Errorf("the debrief lacks %q:\n%s", want, body)
		}
	}
	doc := debriefMarkdown(d.app.styles, d.drill, d.session, d.card, explanation{})
	if !strings.Contains(doc, "| timeouts | demonstrated | 10.0/20 |") || !strings.Contains(doc, "spoken explanation rated 0/2") {
		t.Errorf("the Markdown lacks the rated timeouts row:\n%s", doc)
	}
	if !strings.Contains(doc, "-10.0 spoken") {
		t.Errorf("the Markdown's points line lacks the spoken term:\n%s", doc)
	}
	if !strings.Contains(actionsFile(d.drill.ID, d.session.Transcript()), "rate: {concept: timeouts, score: 0}") {
		t.Errorf("the saved moves lack the rating:\n%s", actionsFile(d.drill.ID, d.session.Transcript()))
	}
}
