// Package benchcpu reports the CPU time of a benchmark's iterations. On a
// shared machine the wall-clock ns/op includes time spent waiting for a
// CPU; the CPU time does not, though it does include the garbage
// collector's work on other threads. It reads getrusage, so it builds on
// Unix only.
package benchcpu

import (
	"syscall"
	"testing"
	"time"
)

// Now returns the CPU time the process has used so far, user and system.
func Now(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage failed: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Report reports the CPU time per iteration since start as cpu-ns/op.
func Report(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(Now(b)-start)/float64(b.N), "cpu-ns/op")
}
