package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gameday/content"
)

func TestValidateBuiltinContent(t *testing.T) {
	code, out, errOut := runCLI(t, "validate")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lib, err := content.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(lib.Drills))
	for i, d := range lib.Drills {
		ids[i] = d.ID
	}
	want := fmt.Sprintf("ok    built-in content: checklist of 10 concepts, %d drills (%s), %d questions\n",
		len(ids), strings.Join(ids, ", "), len(lib.Questions.Questions))
	if out != want {
		t.Fatalf("output %q, want %q", out, want)
	}
}

func TestValidateAcceptsEveryKindOfPath(t *testing.T) {
	pack := writePack(t, "team-checkout", "", "")
	withQuestions := writePack(t, "team-checkout", "", "")
	writeQuestions(t, withQuestions, "team-timeouts")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"pack", []string{pack}, "ok    " + pack + " (pack): 1 drill (team-checkout)"},
		{"drill file", []string{filepath.Join(pack, "drills", "team-checkout.yaml")}, "(drill): 1 drill (team-checkout)"},
		{"content directory", []string{"content"}, "ok    content (content directory): checklist of 10 concepts, "},
		{"drill of a content directory", []string{"content/drills/payment-provider-hangs.yaml"}, "(drill of the content directory content): 1 drill"},
		{"checklist", []string{"content/checklist.yaml"}, "ok    content/checklist.yaml (checklist): checklist of 10 concepts"},
		{"pack given twice", []string{pack, pack + "/"}, "ok    " + pack + " (pack): 1 drill"},
		{"--content pack", []string{"--content", pack}, "ok    " + pack + " (--content pack): 1 drill (team-checkout)"},
		{"pack with questions", []string{withQuestions}, "ok    " + withQuestions + " (pack): 1 drill (team-checkout), 1 question"},
		{"questions file", []string{filepath.Join(withQuestions, "questions.yaml")}, "(questions): 1 question"},
		{"questions of a content directory", []string{"content/questions.yaml"}, "(questions of the content directory content): "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"validate"}, tc.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d, stderr %q, output:\n%s", code, errOut, out)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
			if strings.Count(out, "\n") != strings.Count(out, "ok    ") {
				t.Errorf("output has lines other than one ok line per source:\n%s", out)
			}
		})
	}
}

// TestValidateBadInput covers each kind of bad or hostile input a pack may
// hold: validate exits 1 and names the file and line of every problem.
func TestValidateBadInput(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\nfollow_ups: *f\n"
	tests := []struct {
		name     string
		old, new string
		raw      string // the whole file, instead of an edit of the built-in drill
		want     []string
	}{
		{name: "malformed YAML", old: "  rate: 200", new: "  rate: 200: 300", want: []string{"invalid YAML: mapping values are not allowed in this context"}},
		{name: "unknown field", old: "respond_within: 30s", new: "respond_with: 30s", want: []string{`unknown field "respond_with"; expected one of:`}},
		{name: "wrong type", old: "    pods: 4", new: "    pods: four", want: []string{`"four" is not a whole number`}},
		{name: "unknown concept", old: "concepts: [timeouts, circuit-breakers, retries]", new: "concepts: [timeouts, circuit-breakers, retries, chaos]", want: []string{`concepts[3]: "chaos" is not a checklist concept; expected one of: timeouts`}},
		{name: "dangling reference", old: "variant: with-fallback}", new: "variant: with-fallbak}", want: []string{`reference[1].variant: "with-fallbak" is not a variant of action add-breaker; expected one of: with-fallback, no-fallback`}},
		{name: "dangling fault target", old: "    target: payments", new: "    target: payment", want: []string{`faults[0].target: "payment" is not a service or dependency of the system; expected one of: payments`}},
		{name: "time outside the drill", old: "    at: 30s\n", new: "    at: 6m\n", want: []string{"faults[0].at: is 6m, at or after the end of the drill (5m)"}},
		{name: "negative rate", old: "  rate: 200", new: "  rate: -200", want: []string{"traffic.rate: is -200; use a positive number of requests per second"}},
		{name: "file over 1 MiB", raw: "id: big\n" + strings.Repeat("# padding\n", 110_000), want: []string{"big.yaml: is 1100008 bytes; these files are limited to 1048576 bytes (1 MiB)"}},
		{name: "alias bomb", raw: bomb, want: []string{"big.yaml:6: expands to more than 200000 YAML nodes through anchors and aliases"}},
		{name: "escape sequence", old: "title: Payment provider hangs", new: `title: "Payment \e]0;pwned\a\e[2J"`, want: []string{`title: contains the control character U+001B (ESC) at character 9 of the value`}},
		{name: "C1 control", old: "summary: A payment provider stops answering and takes checkout down with it.", new: `summary: "\x9b2J A payment provider"`, want: []string{"summary: contains the control character U+009B (CSI)"}},
		{name: "bidi override", old: "summary: A payment provider stops answering and takes checkout down with it.", new: `summary: "\u202e A payment provider"`, want: []string{"summary: contains the bidirectional formatting character U+202E"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writePack(t, "big", tc.old, tc.new)
			file := filepath.Join(dir, "drills", "big.yaml")
			if tc.raw != "" {
				if err := os.WriteFile(file, []byte(tc.raw), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, out, errOut := runCLI(t, "validate", dir)
			if code != exitFailure {
				t.Fatalf("exit %d, want %d; stderr %q, output:\n%s", code, exitFailure, errOut, out)
			}
			prefix := file + ":"
			if tc.raw == "" {
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				first := strings.SplitN(strings.TrimSpace(tc.new), "\n", 2)[0]
				prefix += strconv.Itoa(strings.Count(string(data[:strings.Index(string(data), first)]), "\n")+1) + ":"
			}
			if !strings.HasPrefix(out, prefix) {
				t.Errorf("output does not start with the file and line %s:\n%s", prefix, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if !strings.Contains(out, "FAIL  "+dir+" (pack): ") || !strings.Contains(errOut, "gameday: found ") {
				t.Errorf("no FAIL line or closing message; stderr %q, output:\n%s", errOut, out)
			}
			assertNoEscapes(t, out)
			assertNoEscapes(t, errOut)
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	dir := writePack(t, "payment-provider-hangs", "difficulty: beginner", "difficulty: easy")
	data := "id: second\ntitle: [\n"
	if err := os.WriteFile(filepath.Join(dir, "drills", "second.yaml"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	other := writePack(t, "team-checkout", "", "")
	clash := writePack(t, "team-checkout", "", "")

	code, out, errOut := runCLI(t, "validate", dir, other, clash)
	if code != exitFailure {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		filepath.Join(dir, "drills", "payment-provider-hangs.yaml") + `:6: difficulty: is "easy"; expected one of: beginner, intermediate, advanced`,
		filepath.Join(dir, "drills", "second.yaml") + ":2: invalid YAML",
		filepath.Join(clash, "drills", "team-checkout.yaml") + `:4: id: "team-checkout" is also the id of ` + filepath.Join(other, "drills", "team-checkout.yaml") + ":4",
		"FAIL  " + dir + " (pack): 2 problems",
		"ok    " + other + " (pack): 1 drill (team-checkout)",
		"FAIL  " + clash + " (pack): 1 problem",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if want := "gameday: found 3 problems in 3 files; fix them and run gameday validate again\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}

func TestValidateClashWithBuiltin(t *testing.T) {
	dir := writePack(t, "payment-provider-hangs", "", "")
	writeQuestions(t, dir, "resilient-systems")
	code, out, _ := runCLI(t, "validate", "--content", dir)
	want := filepath.Join(dir, "drills", "payment-provider-hangs.yaml") + `:4: id: "payment-provider-hangs" is also the id of the built-in drill content/drills/payment-provider-hangs.yaml:4`
	if code != exitFailure || !strings.Contains(out, want) {
		t.Fatalf("exit %d, output lacks %q:\n%s", code, want, out)
	}
	want = filepath.Join(dir, "questions.yaml") + `:2: id: "resilient-systems" is also the id of a question in content/questions.yaml`
	if !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	if !strings.Contains(out, "ok    built-in content:") {
		t.Errorf("the built-in content is not reported with --content and no PATH:\n%s", out)
	}
}

func TestValidateUsageErrors(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing paths", []string{"validate", filepath.Join(dir, "a"), filepath.Join(dir, "b.yaml")}, "a does not exist; " + filepath.Join(dir, "b.yaml") + " does not exist. Give pack or content directories"},
		{"not YAML", []string{"validate", notes}, "notes.txt is neither a directory nor a .yaml file"},
		{"seeds without prove", []string{"validate", "--seeds", "3"}, "--seeds only applies with --prove"},
		{"zero seeds", []string{"validate", "--prove", "--seeds", "0"}, "--seeds is 0; use a number from 1 to 50"},
		{"too many seeds", []string{"validate", "--prove", "--seeds", "51"}, "--seeds is 51"},
		{"empty content flag", []string{"validate", "--content", ""}, "--content needs a directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assertUsageError(t, tc.args, tc.want)
		})
	}
}

func TestValidateProve(t *testing.T) {
	code, out, errOut := runCLI(t, "validate", "drills/testdata", "--prove", "--seeds", "2")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q, output:\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"inventory-errors (drills/testdata/drills/inventory-errors.yaml)",
		"SLO 99% good and p99 ≤ 500ms from 1:00 to 5:00; seeds 1, 101; single moves at 0:40",
		"  proven\n",
		"1 drill proven on 2 seeds each.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	rows := [][]string{
		{"RUN", "SLO MET", "GOOD %", "P99", "REQUESTS LOST"},
		{"do nothing", "0 of 2", "93."},
		{"reference", "2 of 2", "99."},
		{"wrong set-timeout/50ms", "0 of 2"},
		{"useless add-breaker/default", "0 of 2", "changes 0.0% (limit 5%)"},
		{"wrong restart/all-at-once", "0 of 2"},
	}
	for _, cells := range rows {
		if line := lineStarting(out, "  "+cells[0]+" "); !containsAll(line, cells[1:]) {
			t.Errorf("row %q is %q, want it to contain %q", cells[0], line, cells[1:])
		}
	}
}

// lineStarting returns the first line of text that starts with prefix, or "".
func lineStarting(text, prefix string) string {
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	return ""
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return s != ""
}

func TestValidateProveFailure(t *testing.T) {
	dir := writePack(t, "no-timeout", "  - {at: 32s, action: set-timeout, variant: 2s}\n", "")
	code, out, errOut := runCLI(t, "validate", dir, "--prove", "--seeds", "1")
	if code != exitFailure {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if line := lineStarting(out, "  reference "); !containsAll(line, []string{"0 of 1", "0.00"}) {
		t.Errorf("reference row %q, want the SLO missed on the one seed", line)
	}
	if want := "  NOT PROVEN:\n  - the reference solution misses the SLO on seed 1 (0.00% good"; !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	if want := "gameday: 1 of 1 drill not proven; see the failures above\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}

func TestValidateDoesNotProveInvalidContent(t *testing.T) {
	dir := writePack(t, "bad", "difficulty: beginner", "difficulty: easy")
	code, out, _ := runCLI(t, "validate", dir, "--prove")
	if code != exitFailure || strings.Contains(out, "RUN") {
		t.Fatalf("exit %d; want 1 and no proof of invalid content:\n%s", code, out)
	}
}
