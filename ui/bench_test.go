package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"gameday/internal/benchcpu"
)

// BenchmarkLiveView renders the live screen at 160×50 at 2:00 of the
// payment drill, with the reference moves taken: four tall charts full of
// history, open breakers in the topology and a long incident log.
func BenchmarkLiveView(b *testing.B) {
	m := New(mustLib(b), Options{Drill: "payment-provider-hangs"})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 160, Height: 50})
	next, _ = next.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	m = next.(Model)
	l := m.screen.(*live)
	l.session.AdvanceTo(32 * time.Second)
	for _, st := range l.drill.Reference {
		if err := l.session.Apply(st.Action, st.Variant); err != nil {
			b.Fatal(err)
		}
	}
	l.session.AdvanceTo(2 * time.Minute)

	b.ReportAllocs()
	start := benchcpu.Now(b)
	for b.Loop() {
		if v := m.View(); v.Content == "" {
			b.Fatal("empty view")
		}
	}
	benchcpu.Report(b, start)
}
