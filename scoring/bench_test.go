package scoring

import "testing"

// BenchmarkGradeReference grades the payment drill's reference solution:
// five replays (the run, doing nothing, the reference, and the run without
// each of its two concepts' moves).
func BenchmarkGradeReference(b *testing.B) {
	cl, d := setup(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Grade(cl, d, d.Seed, d.Reference); err != nil {
			b.Fatal(err)
		}
	}
}
