//go:build unix

package content

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestPackRejectsFIFOWithoutBlocking(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "drills/ok.yaml", renamedDrill(t, "ok"))
	if err := syscall.Mkfifo(filepath.Join(dir, "drills", "pipe.yaml"), 0o644); err != nil {
		t.Skip("cannot make a FIFO:", err)
	}
	done := make(chan string, 1)
	go func() { done <- packProblems(t, dir) }()
	select {
	case got := <-done:
		if !strings.Contains(got, "drills/pipe.yaml: is not a regular file (it is a named pipe)") {
			t.Fatalf("problems %q, want the FIFO rejected", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("LoadPack blocked on a FIFO")
	}
}
