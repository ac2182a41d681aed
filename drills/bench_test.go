package drills

import (
	"testing"
	"time"

	"gameday/content"
)

// BenchmarkReplayReference replays the payment drill's reference solution
// from start to end: five virtual minutes at 200 requests a second.
func BenchmarkReplayReference(b *testing.B) {
	lib, err := content.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	d := lib.Drill("payment-provider-hangs")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Replay(d, 1, d.Reference); err != nil {
			b.Fatal(err)
		}
	}
}

// largestDrill returns the built-in drill with the highest peak arrival
// rate: the most simulation work per virtual second.
func largestDrill(b *testing.B) *content.Drill {
	lib, err := content.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	var largest *content.Drill
	peak := 0.0
	for _, d := range lib.Drills {
		rate := d.Traffic.Rate
		for _, st := range d.Traffic.Steps {
			rate = max(rate, st.Rate)
		}
		if rate > peak {
			largest, peak = d, rate
		}
	}
	return largest
}

// tick60x is one tick of the app's clock at 60×: 100 ms of wall time,
// six virtual seconds.
const tick60x = 6 * time.Second

// BenchmarkTick60x advances the largest built-in drill, played with its
// reference solution, by one 60× tick per iteration, from start to end
// and over again, so the time per tick averages every phase of the drill.
func BenchmarkTick60x(b *testing.B) {
	d := largestDrill(b)
	b.Logf("drill %s: %g requests/s", d.ID, d.Traffic.Rate)
	newSession := func() *Session {
		s, err := New(d, d.Seed)
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	s := newSession()
	next := 0
	b.ReportAllocs()
	for b.Loop() {
		if s.Done() {
			s, next = newSession(), 0
		}
		to := s.Now() + tick60x
		for next < len(d.Reference) && d.Reference[next].At < to {
			st := d.Reference[next]
			s.AdvanceTo(st.At)
			if err := s.Apply(st.Action, st.Variant); err != nil {
				b.Fatal(err)
			}
			next++
		}
		s.AdvanceTo(to)
	}
}
