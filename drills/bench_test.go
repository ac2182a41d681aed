package drills

import (
	"testing"
	"time"

	"gameday/content"
	"gameday/internal/benchcpu"
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

// largestDrill returns the built-in drill whose reference run has the
// most requests and calls per virtual second: the most simulation work per
// tick. The replays are seeded, so the choice is the same on every run.
func largestDrill(b *testing.B) (*content.Drill, float64) {
	lib, err := content.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	var largest *content.Drill
	most := 0.0
	for _, d := range lib.Drills {
		s, err := Replay(d, d.Seed, d.Reference)
		if err != nil {
			b.Fatal(err)
		}
		work := 0
		for _, sec := range s.Seconds() {
			work += sec.Arrivals + sec.Abusive.Arrivals + sec.Attempts
		}
		if perSecond := float64(work) / d.Duration.Seconds(); perSecond > most {
			largest, most = d, perSecond
		}
	}
	return largest, most
}

// tick60x is one tick of the app's clock at 60×: 100 ms of wall time,
// six virtual seconds.
const tick60x = 6 * time.Second

// BenchmarkTick60x advances the largest built-in drill, played with its
// reference solution, by one 60× tick per iteration, from start to end
// and over again, so the time per tick averages every phase of the drill.
func BenchmarkTick60x(b *testing.B) {
	d, work := largestDrill(b)
	b.Logf("drill %s: %.0f requests and calls per virtual second", d.ID, work)
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
	start := benchcpu.Now(b)
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
	benchcpu.Report(b, start)
}
