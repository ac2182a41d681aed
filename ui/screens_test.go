package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestHomeMovesAndQuits(t *testing.T) {
	m := newModel(t, Options{})
	h := m.screen.(*home)
	last := len(homeItems) - 1

	m, _ = press(t, m, runeKey('j'))
	if h.cursor != 1 {
		t.Fatalf("cursor %d after j, want 1", h.cursor)
	}
	for range len(homeItems) {
		m, _ = press(t, m, downKey)
	}
	if h.cursor != last {
		t.Fatalf("cursor %d after moving past the end, want %d", h.cursor, last)
	}
	for range len(homeItems) {
		m, _ = press(t, m, runeKey('k'))
	}
	if h.cursor != 0 {
		t.Fatalf("cursor %d after k to the top, want 0", h.cursor)
	}

	_, cmd := press(t, m, runeKey('q'))
	if cmd == nil {
		t.Fatal("q on the home screen returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q on the home screen did not quit")
	}
}

// chooseHomeItem moves the home screen's cursor to the item and presses
// enter.
func chooseHomeItem(t *testing.T, m Model, item string) (Model, tea.Cmd) {
	t.Helper()
	wantScreen(t, m, "home")
	for range homeItems {
		if homeItems[m.screen.(*home).cursor] == item {
			return press(t, m, enterKey)
		}
		m, _ = press(t, m, downKey)
	}
	t.Fatalf("no home item %q", item)
	return m, nil
}

func TestHomeQuitItemQuits(t *testing.T) {
	m := newModel(t, Options{})
	for range len(homeItems) {
		m, _ = press(t, m, downKey)
	}
	if got := homeItems[m.screen.(*home).cursor]; got != "Quit" {
		t.Fatalf("the last home item is %q, want Quit", got)
	}
	_, cmd := press(t, m, enterKey)
	if cmd == nil {
		t.Fatal("enter on Quit returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("enter on Quit did not quit")
	}
}

func TestListOpensBriefingOrGoesBack(t *testing.T) {
	m := newModel(t, Options{})
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "list")
	if !strings.Contains(plain(m), "Payment provider hangs") {
		t.Fatalf("the list does not show the drill:\n%s", plain(m))
	}

	m, _ = press(t, m, escKey)
	wantScreen(t, m, "home")

	m, _ = press(t, m, enterKey)
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "briefing")
	if m.screen.(*briefing).interviewer {
		t.Fatal("enter on the list opened interviewer mode")
	}
}

func TestBriefingTogglesInterviewer(t *testing.T) {
	m := newModel(t, Options{Drill: "payment-provider-hangs"})
	b := m.screen.(*briefing)
	if strings.Contains(plain(m), "Interviewer mode") {
		t.Fatal("the briefing says interviewer mode before i")
	}
	m, _ = press(t, m, runeKey('i'))
	if !b.interviewer || !strings.Contains(plain(m), "Interviewer mode") {
		t.Fatalf("i did not turn interviewer mode on:\n%s", plain(m))
	}
	m, _ = press(t, m, runeKey('i'))
	if b.interviewer {
		t.Fatal("a second i did not turn interviewer mode off")
	}

	m, _ = press(t, m, runeKey('G'))
	if !b.vp.AtBottom() {
		t.Fatal("G did not scroll the briefing to the bottom")
	}
	m, _ = press(t, m, runeKey('g'))
	if b.vp.YOffset() != 0 {
		t.Fatal("g did not scroll the briefing to the top")
	}

	m, _ = press(t, m, escKey)
	wantScreen(t, m, "list")
}

func TestDebriefReplaysAndScrolls(t *testing.T) {
	m, d := playToDebrief(t, Options{Interviewer: true})
	plain(m) // lay out the viewport, as the first frame does
	m, _ = press(t, m, runeKey('j'))
	if d.vp.YOffset() != 1 {
		t.Fatalf("offset %d after j, want 1", d.vp.YOffset())
	}
	m, _ = press(t, m, runeKey('r'))
	wantScreen(t, m, "briefing")
	if !m.screen.(*briefing).interviewer {
		t.Fatal("replaying an interviewer drill dropped interviewer mode")
	}
}

func TestListOrdersByDifficultyThenTitle(t *testing.T) {
	m := newModel(t, Options{})
	m, _ = press(t, m, enterKey)
	drills := m.screen.(*drillList).visible()
	if len(drills) != len(mustLib(t).Drills) {
		t.Fatalf("the unfiltered list shows %d drills, want all %d", len(drills), len(mustLib(t).Drills))
	}
	for i := 1; i < len(drills); i++ {
		a, b := drills[i-1], drills[i]
		ra, rb := difficultyRank(a.Difficulty), difficultyRank(b.Difficulty)
		if ra > rb || (ra == rb && a.Title > b.Title) {
			t.Errorf("%q (%s) is listed before %q (%s)", a.Title, a.Difficulty, b.Title, b.Difficulty)
		}
	}
}

func TestListFiltersByDifficulty(t *testing.T) {
	m := newModel(t, Options{})
	m, _ = press(t, m, enterKey)
	l := m.screen.(*drillList)

	m, _ = press(t, m, runeKey('d'))
	if l.difficulty != "beginner" {
		t.Fatalf("difficulty filter %q after d, want beginner", l.difficulty)
	}
	drills := l.visible()
	if len(drills) == 0 {
		t.Fatal("no beginner drill is listed")
	}
	for _, d := range drills {
		if d.Difficulty != "beginner" {
			t.Errorf("the beginner filter lists %s (%s)", d.ID, d.Difficulty)
		}
	}
	if !strings.Contains(plain(m), "difficulty: beginner") {
		t.Errorf("the list does not show the filter:\n%s", plain(m))
	}

	for range 3 { // intermediate, advanced, then back to all
		m, _ = press(t, m, runeKey('d'))
	}
	if l.difficulty != "" || len(l.visible()) != len(mustLib(t).Drills) {
		t.Fatalf("difficulty filter %q with %d drills after a full cycle, want all", l.difficulty, len(l.visible()))
	}
}

func TestListFiltersByConcept(t *testing.T) {
	m := newModel(t, Options{})
	m, _ = press(t, m, enterKey)
	l := m.screen.(*drillList)

	m, _ = press(t, m, runeKey('c'))
	first := mustLib(t).Checklist.Concepts[0].ID
	if l.concept != first {
		t.Fatalf("concept filter %q after c, want %s", l.concept, first)
	}
	for _, d := range l.visible() {
		if !slices.Contains(d.Concepts, first) {
			t.Errorf("the %s filter lists %s, which trains %v", first, d.ID, d.Concepts)
		}
	}

	// A filter that leaves nothing says so, and enter opens nothing.
	l.concept, l.difficulty = first, "no-such-difficulty"
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "list")
	if !strings.Contains(plain(m), "No drill matches these filters") {
		t.Errorf("an empty list does not say so:\n%s", plain(m))
	}
	m, _ = press(t, m, downKey)
	if l.cursor != 0 {
		t.Errorf("cursor %d in an empty list, want 0", l.cursor)
	}
}
