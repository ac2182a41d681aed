package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gameday/content"
)

// writePack writes a pack with one drill: the built-in drill's file with
// the id changed and old replaced by new. It returns the pack's directory.
func writePack(t *testing.T, id, old, new string) string {
	t.Helper()
	data, err := os.ReadFile("content/drills/payment-provider-hangs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), "id: payment-provider-hangs", "id: "+id, 1)
	if old != "" {
		if !strings.Contains(s, old) {
			t.Fatalf("the drill file does not contain %q", old)
		}
		s = strings.Replace(s, old, new, 1)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "drills"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "drills", id+".yaml"), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// assertNoEscapes fails when output holds a rune that could drive a
// terminal or reorder its text: a C0 control other than newline and tab,
// DEL, a C1 control, or a bidirectional embedding or override.
func assertNoEscapes(t *testing.T, output string) {
	t.Helper()
	for _, r := range output {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) {
			t.Fatalf("output holds the raw rune %U:\n%q", r, output)
		}
	}
}

func TestContentPackInEveryCommand(t *testing.T) {
	dir := writePack(t, "team-checkout", "title: Payment provider hangs", "title: Team checkout")

	code, out, errOut := runCLI(t, "list", "--content", dir)
	if code != 0 || !strings.Contains(out, "team-checkout") || !strings.Contains(out, "payment-provider-hangs") {
		t.Fatalf("list: exit %d, stderr %q, output:\n%s", code, errOut, out)
	}
	if want := "Play one with: gameday --content " + dir + " play ID"; !strings.Contains(out, want) {
		t.Errorf("list output lacks %q:\n%s", want, out)
	}

	code, out, _ = runCLI(t, "--content", dir, "list", "--json")
	var drills []struct{ ID, Title string }
	if err := json.Unmarshal([]byte(out), &drills); code != 0 || err != nil {
		t.Fatalf("list --json: exit %d, err %v", code, err)
	}
	builtin, err := content.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(drills); n != len(builtin.Drills)+1 || drills[n-1].Title != "Team checkout" {
		t.Fatalf("list --json: %+v, want the built-in drills, then the pack's", drills)
	}

	code, out, _ = runCLI(t, "show", "team-checkout", "--content", dir)
	if code != 0 || !strings.Contains(out, "Team checkout (team-checkout)") {
		t.Fatalf("show: exit %d, output:\n%s", code, out)
	}

	code, out, _ = runCLI(t, "run", "team-checkout", "--reference", "--content", dir)
	if code != 0 || !strings.Contains(out, "Team checkout (team-checkout), seed 1") || !strings.Contains(out, "SLO met") {
		t.Fatalf("run: exit %d, output:\n%s", code, out)
	}

	code, _, errOut = runCLI(t, "show", "team-checkout")
	if code != exitUsageError || !strings.Contains(errOut, `no drill with id "team-checkout"`) {
		t.Fatalf("show without --content: exit %d, stderr %q; want the pack's drill unknown", code, errOut)
	}

	writeQuestions(t, dir, "team-timeouts")
	code, out, errOut = runCLI(t, "questions", "--content", dir)
	if code != 0 || !strings.Contains(out, "team-timeouts") || !strings.Contains(out, "resilient-systems") {
		t.Fatalf("questions: exit %d, stderr %q, output:\n%s", code, errOut, out)
	}
}

// writeQuestions writes a questions.yaml with one question of the id into
// the pack in dir.
func writeQuestions(t *testing.T, dir, id string) {
	t.Helper()
	data := `questions:
  - id: ` + id + `
    question: What timeout does our payment client use, and why?
    rubric:
      concepts: [timeouts]
      points:
        - {id: two-seconds, concept: timeouts, point: "Two seconds, above the p99.", says: [two seconds, 2 s]}
    model_answer: Two seconds, a little above the provider's p99.
`
	if err := os.WriteFile(filepath.Join(dir, "questions.yaml"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestContentPackErrors(t *testing.T) {
	clash := writePack(t, "payment-provider-hangs", "", "")
	escape := writePack(t, "escape", "title: Payment provider hangs", `title: "\e]0;pwned\a\e[2J"`)
	bad := writePack(t, "bad", "difficulty: beginner", "difficulty: easy")
	notDir := filepath.Join(bad, "drills", "bad.yaml")

	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"clash with a built-in drill", []string{"list", "--content", clash}, []string{
			"the --content pack " + clash + " is invalid (check it with `gameday validate " + clash + "`)",
			filepath.Join(clash, "drills", "payment-provider-hangs.yaml") + ":4: id:",
			"is also the id of the built-in drill content/drills/payment-provider-hangs.yaml:4",
		}},
		{"escape sequence in a title", []string{"list", "--content", escape}, []string{`title: contains the control character U+001B (ESC)`}},
		{"invalid drill", []string{"show", "bad", "--content", bad}, []string{`bad.yaml:6: difficulty: is "easy"; expected one of: beginner`}},
		{"empty flag", []string{"list", "--content", ""}, []string{"--content needs a directory"}},
		{"two packs", []string{"list", "--content", clash, "--content", bad}, []string{"--content is given 2 times (" + clash + ", " + bad + "); gameday loads one pack"}},
		{"two packs for the app", []string{"--content", bad, "--content", clash}, []string{"--content is given 2 times"}},
		{"missing directory", []string{"list", "--content", filepath.Join(bad, "nope")}, []string{"nope: does not exist"}},
		{"file instead of directory", []string{"list", "--content", notDir}, []string{"bad.yaml: is not a directory"}},
		{"play with a bad pack", []string{"play", "bad", "--content", bad}, []string{"is invalid"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assertUsageError(t, tc.args, tc.want...)
		})
	}
}

// assertUsageError runs gameday with args and fails unless it exits with
// status 2, prints nothing on stdout, and prints every one of want, with
// no raw escapes, on stderr.
func assertUsageError(t *testing.T, args []string, want ...string) {
	t.Helper()
	code, out, errOut := runCLI(t, args...)
	if code != exitUsageError {
		t.Fatalf("exit %d, want %d; stderr %q", code, exitUsageError, errOut)
	}
	if out != "" {
		t.Errorf("stdout %q, want nothing", out)
	}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	assertNoEscapes(t, errOut)
}

func TestErrorOutputEscapesArguments(t *testing.T) {
	code, _, errOut := runCLI(t, "--\x1b]0;pwned\a")
	if code != exitUsageError || !strings.Contains(errOut, `unknown flag: --\x1b]0;pwned\a`) {
		t.Fatalf("exit %d, stderr %q; want the flag named with its escapes written out", code, errOut)
	}
	assertNoEscapes(t, errOut)

	code, _, errOut = runCLI(t, "show", "\x9b2J")
	if code != exitUsageError {
		t.Fatalf("exit %d, want %d", code, exitUsageError)
	}
	assertNoEscapes(t, errOut)
}
