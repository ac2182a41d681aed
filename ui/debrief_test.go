package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// playToDebrief plays the drill with a timeout and its rationale at 0:35,
// a hint at 0:40 and a breaker at 1:00, and returns the debrief.
func playToDebrief(t *testing.T, opts Options) (Model, *debrief) {
	t.Helper()
	m, l := startDrill(t, opts)
	m = tickUntil(t, m, 35*time.Second)
	if err := l.session.ApplyWithRationale("set-timeout", "2s", "threads | stuck"); err != nil {
		t.Fatal(err)
	}
	m = tickUntil(t, m, 40*time.Second)
	l.session.Hint(&m.app.lib.Checklist)
	m = tickUntil(t, m, time.Minute)
	if err := l.session.Apply("add-breaker", "with-fallback"); err != nil {
		t.Fatal(err)
	}
	m, _ = press(t, m, runeKey('f'))
	m, cmd := press(t, m, runeKey('f'))
	m, _ = press(t, m, cmd())
	wantScreen(t, m, "debrief")
	return m, m.screen.(*debrief)
}

func TestDebriefBarsAndTimeline(t *testing.T) {
	_, d := playToDebrief(t, Options{})
	body := ansi.Strip(d.body(96))

	for _, want := range []string{
		"✓ timeouts           20.0/20 ██████████",
		"Failed requests %, you against the reference",
		"── you  ··· reference  ▲ move  ? hint  ✕ injected fault",
		"because: threads | stuck",
		"Hints taken: 1, -5 points each.",
		"Follow-up questions an interviewer would ask next",
		"1. How did you choose 2 seconds",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("debrief lacks %q:\n%s", want, body)
		}
	}

	// The marks row sits under the plot: ? at 0:40 before ▲ at 1:00.
	var marks string
	for _, line := range strings.Split(body, "\n") {
		if strings.Contains(line, "▲") && !strings.Contains(line, "move") {
			marks = line
		}
	}
	hint, move := strings.IndexRune(marks, '?'), strings.LastIndex(marks, "▲")
	if hint < 0 || move < 0 || hint >= move {
		t.Fatalf("marks row %q, want ? (hint at 0:40) before the last ▲ (breaker at 1:00)", marks)
	}
}

func TestConceptBarRounds(t *testing.T) {
	for _, tc := range []struct {
		share float64
		want  int
	}{{0, 0}, {0.04, 0}, {0.05, 1}, {0.5, 5}, {1, 10}, {1.7, 10}, {-1, 0}} {
		if got := barCells(tc.share); got != tc.want {
			t.Errorf("barCells(%v) = %d, want %d", tc.share, got, tc.want)
		}
	}
}

func TestExportWritesMarkdown(t *testing.T) {
	t.Chdir(t.TempDir())
	m, d := playToDebrief(t, Options{})
	m, _ = press(t, m, runeKey('e'))
	if !strings.Contains(plain(m), "Exported the debrief to ./payment-provider-hangs-debrief.md") {
		t.Fatalf("the export is not reported:\n%s", plain(m))
	}
	m, _ = press(t, m, runeKey('e'))
	if !strings.Contains(plain(m), "payment-provider-hangs-debrief-2.md") {
		t.Fatalf("the second export is not reported as a new file:\n%s", plain(m))
	}

	data, err := os.ReadFile("payment-provider-hangs-debrief.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	if strings.Contains(doc, "\x1b[") {
		t.Fatal("the Markdown contains terminal escape codes")
	}
	for _, want := range []string{
		"# Debrief: Payment provider hangs",
		"Score **",
		"| you | ",
		"```text\n",
		"| timeouts | demonstrated | 20.0/20 | `██████████` |",
		`| 0:35 | sound | Set a payment timeout: 2 s | threads \| stuck |`,
		"Hints taken: 1, -5 points each.",
		"## Model answer",
		"## Follow-up questions\n\n1. How did you choose",
		"## Interviewer notes",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, doc)
		}
	}
	second, err := os.ReadFile("payment-provider-hangs-debrief-2.md")
	if err != nil || string(second) != doc {
		t.Fatalf("the second export differs from the first (err %v)", err)
	}
	leftovers, _ := filepath.Glob(".gameday-*")
	if len(leftovers) != 0 {
		t.Fatalf("temporary files left behind: %v", leftovers)
	}
	_ = d
}

func TestExportReportsFailure(t *testing.T) {
	// A regular file in place of the directory fails for root too.
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	m, _ := playToDebrief(t, Options{SaveDir: notDir})
	m, _ = press(t, m, runeKey('e'))
	if !strings.Contains(plain(m), "Could not export the debrief") {
		t.Fatalf("a failed export is not reported:\n%s", plain(m))
	}
}

func TestDebriefListsInjectedFaults(t *testing.T) {
	m, l := startDrill(t, Options{Interviewer: true})
	m = tickUntil(t, m, 10*time.Second)
	m, _ = press(t, m, downKey)
	m, _ = press(t, m, downKey)
	m, _ = press(t, m, enterKey) // the third fault of the catalogue: a hang
	if len(l.session.Injected()) != 1 {
		t.Fatal("enter in the panel injected nothing")
	}
	m, _ = press(t, m, runeKey('f'))
	m, cmd := press(t, m, runeKey('f'))
	m, _ = press(t, m, cmd())
	body := ansi.Strip(m.screen.(*debrief).body(96))
	if !strings.Contains(body, "Faults the interviewer injected") || !strings.Contains(body, "0:10 payments hangs for 30s") {
		t.Fatalf("the debrief does not list the injected fault:\n%s", body)
	}
}
