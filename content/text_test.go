package content

import (
	"errors"
	"strings"
	"testing"
)

func TestUnsafeRune(t *testing.T) {
	unsafe := map[rune]string{
		0x1b:   "U+001B (ESC)",
		0x07:   "U+0007 (BEL)",
		'\r':   "U+000D (carriage return)",
		0x7f:   "U+007F (DEL)",
		0x9b:   "U+009B (CSI)",
		0x9d:   "U+009D (OSC)",
		0x85:   "U+0085 (NEL)",
		0x80:   "the control character U+0080",
		0x2028: "U+2028 (line separator)",
		0x202e: "bidirectional formatting character U+202E (RIGHT-TO-LEFT OVERRIDE)",
		0x2066: "U+2066 (LEFT-TO-RIGHT ISOLATE)",
	}
	for r, want := range unsafe {
		if got := unsafeRune(r); !strings.Contains(got, want) {
			t.Errorf("unsafeRune(%U) = %q, want it to contain %q", r, got, want)
		}
	}
	for _, r := range "a≤·é\n\t\u200d\u00a0😀" {
		if got := unsafeRune(r); got != "" {
			t.Errorf("unsafeRune(%U) = %q, want safe", r, got)
		}
	}
}

func TestEscapeUnsafe(t *testing.T) {
	tests := map[string]string{
		"plain ≤ 2s":            "plain ≤ 2s",
		"a\x1b[2Jb":             `a\x1b[2Jb`,
		"title\x1b]0;pwned\a":   `title\x1b]0;pwned\a`,
		"csi \u009b2J":          `csi \u009b2J`,
		"evil\u202etxt.exe":     `evil\u202etxt.exe`,
		"two lines\n\tindented": "two lines\n\tindented",
	}
	for in, want := range tests {
		if got := EscapeUnsafe(in); got != want {
			t.Errorf("EscapeUnsafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// assertNoUnsafe fails when a message would reach the terminal with a rune
// that can drive it.
func assertNoUnsafe(t *testing.T, msg string) {
	t.Helper()
	for _, r := range msg {
		if r != '\n' && unsafeRune(r) != "" {
			t.Fatalf("message holds the raw rune %U: %q", r, msg)
		}
	}
}

func TestDrillRejectsEscapesInEveryField(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		at       string // text on the line the problem must point at
		want     string
	}{
		{
			name: "OSC in the title",
			old:  "title: Payment provider hangs", new: `title: "Payment \e]0;pwned\a provider"`,
			at: "title: \"Payment", want: "title: contains the control character U+001B (ESC) at character 9 of the value",
		},
		{
			name: "C1 CSI in the service name",
			old:  "    name: checkout\n", new: "    name: \"check\\x9b2Jout\"\n",
			at: `name: "check`, want: "system.service.name: contains the control character U+009B (CSI)",
		},
		{
			name: "NEL in a dependency name",
			old:  "    - name: payments\n", new: "    - name: \"pay\\Nments\"\n",
			at: `name: "pay`, want: "U+0085 (NEL)",
		},
		{
			name: "bidi override in a follow-up",
			old:  "  - Where, if anywhere, would you put retries on this call?", new: "  - \"\\u202eWhere, if anywhere?\"",
			at: `\u202eWhere`, want: "follow_ups[3]: contains the bidirectional formatting character U+202E (RIGHT-TO-LEFT OVERRIDE)",
		},
		{
			name: "carriage return in a variant title",
			old:  "title: 500 ms", new: `title: "500 ms\roverwritten"`,
			at: `title: "500 ms`, want: "U+000D (carriage return)",
		},
		{
			name: "escape in a key",
			old:  "respond_within: 30s", new: `"respond\e[2J_within": 30s`,
			at: `"respond`, want: "at character 8 of the key",
		},
		{
			name: "escape in a tag",
			old:  "difficulty: beginner", new: "difficulty: !<%1B[2J> beginner",
			at: "difficulty: !<", want: "of the tag",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := drillSource(t, tc.old, tc.new)
			ps := parseProblems(t, data)
			assertNoUnsafe(t, ps.Error())
			requireProblem(t, data, ps, tc.at, tc.want)
		})
	}
}

// requireProblem fails unless one of ps contains want and points at the
// line of data that holds at.
func requireProblem(t *testing.T, data []byte, ps Problems, at, want string) {
	t.Helper()
	for _, p := range ps {
		if !strings.Contains(p.Error(), want) {
			continue
		}
		if line := lineOf(t, data, at); p.Line != line {
			t.Errorf("line %d, want %d (%q): %v", p.Line, line, at, p)
		}
		return
	}
	t.Fatalf("no problem contains %q:\n%v", want, ps)
}

func TestDrillReportsEveryEscapeAndTypeError(t *testing.T) {
	data := drillSource(t, "title: Payment provider hangs", `title: "\e[2J"`)
	data = []byte(strings.Replace(string(data), "summary: A payment", "summary: \"\\u202eA\"\nx: A payment", 1))
	data = []byte(strings.Replace(string(data), "  rate: 200", "  rate: lots", 1))
	ps := parseProblems(t, data)
	if len(ps) != 4 {
		t.Fatalf("%d problems, want 4 (two escapes, an unknown field, a wrong type):\n%v", len(ps), ps)
	}
	for i, want := range []string{"U+001B", "U+202E", `unknown field "x"`, `"lots" is not a number`} {
		if !strings.Contains(ps[i].Error(), want) {
			t.Errorf("problem %d is %q, want it to contain %q", i+1, ps[i].Error(), want)
		}
	}
}

func TestRawUnsafeCharactersNameTheirLines(t *testing.T) {
	lib := builtinLib(t)
	tests := []struct {
		name  string
		data  string
		lines []int
		want  string
	}{
		{"raw ESC on three lines", "id: x\ntitle: a\x1b[2J\nsummary: b\x1b]0;t\x07\n# c\x1b\n", []int{2, 3, 3, 4}, "the control character U+00"},
		{"raw C1 CSI", "id: x\ntitle: \u009b2J\n", []int{2}, "U+009B (CSI)"},
		{"raw bidi in a comment", "id: x\n# \u202e hidden\ntitle: t\n", []int{2}, "U+202E"},
		{"raw line separator", "id: x\ntitle: a\u2028b\n", []int{2}, "U+2028"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseDrill("x.yaml", []byte(tc.data), &lib.Checklist)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("ParseDrill: %v, want Problems", err)
			}
			assertNoUnsafe(t, ps.Error())
			if len(ps) != len(tc.lines) {
				t.Fatalf("%d problems, want %d:\n%v", len(ps), len(tc.lines), ps)
			}
			for i, p := range ps {
				if p.Line != tc.lines[i] || !strings.Contains(p.Message, tc.want) {
					t.Errorf("problem %d is %q at line %d, want line %d and %q", i+1, p.Message, p.Line, tc.lines[i], tc.want)
				}
			}
		})
	}
}

func TestRawUnsafeCharactersAreCapped(t *testing.T) {
	lib := builtinLib(t)
	data := strings.Repeat("# \x1b\n", maxRawProblems+5)
	_, err := ParseDrill("x.yaml", []byte(data), &lib.Checklist)
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != maxRawProblems+1 {
		t.Fatalf("ParseDrill: %v, want %d problems", err, maxRawProblems+1)
	}
	if last := ps[len(ps)-1].Message; !strings.Contains(last, "5 more unsafe characters") {
		t.Fatalf("last problem %q, want it to count the 5 left out", last)
	}
}

func TestStepsRejectEscapes(t *testing.T) {
	d := builtinLib(t).Drill("payment-provider-hangs")
	data := []byte("- {at: 40s, action: \"set-timeout\\e]0;x\\a\", variant: 2s}\n")
	_, err := ParseSteps("a.yaml", data, d)
	if err == nil || !strings.Contains(err.Error(), "a.yaml:1: step 1, action: contains the control character U+001B (ESC)") {
		t.Fatalf("ParseSteps: %v, want the escape reported on step 1", err)
	}
	assertNoUnsafe(t, err.Error())
}

func TestUnknownKeyWithSpaceIsQuoted(t *testing.T) {
	data := drillSource(t, "respond_within: 30s", "\"respond within\": 30s")
	ps := parseProblems(t, data)
	if !strings.Contains(ps[0].Message, `unknown field "respond within"; expected one of:`) {
		t.Fatalf("problem %q, want the unknown field quoted with the fields expected", ps[0].Message)
	}
}

func TestManyNodesWithoutAliases(t *testing.T) {
	lib := builtinLib(t)
	data := "follow_ups: [" + strings.Repeat("a, ", maxNodes) + "a]\n"
	_, err := ParseDrill("x.yaml", []byte(data), &lib.Checklist)
	if err == nil || !strings.Contains(err.Error(), "has more than 200000 YAML nodes; no drill needs that many") {
		t.Fatalf("ParseDrill: %v, want a node count without a mention of aliases", err)
	}
}
