package drills

import (
	"testing"

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
