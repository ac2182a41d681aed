package content

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"gameday/sim"
)

func builtinLib(t *testing.T) *Library {
	t.Helper()
	lib, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func TestBuiltinChecklistHasTheTenConcepts(t *testing.T) {
	lib := builtinLib(t)
	want := []string{"timeouts", "retries", "circuit-breakers", "bulkheads", "graceful-shutdown",
		"rate-limiting", "load-shedding", "failover", "redundancy", "self-healing"}
	var got []string
	for _, c := range lib.Checklist.Concepts {
		got = append(got, c.ID)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("checklist ids:\n got %q\nwant %q", got, want)
	}
	levels := map[string]Level{"timeouts": LevelMid, "circuit-breakers": LevelSenior, "bulkheads": LevelStrongSenior, "load-shedding": LevelStaff, "self-healing": LevelPrincipal}
	for id, want := range levels {
		if got := lib.Checklist.Concept(id).LevelValue(); got != want {
			t.Errorf("%s is at level %s, want %s", id, got, want)
		}
	}
}

func TestBuiltinDrillLoads(t *testing.T) {
	d := builtinLib(t).Drill("payment-provider-hangs")
	if d == nil {
		t.Fatal("payment-provider-hangs is missing")
	}
	if d.File != "content/drills/payment-provider-hangs.yaml" {
		t.Fatalf("File = %q", d.File)
	}
	if len(d.Actions) < 5 {
		t.Fatalf("%d actions, want at least 5", len(d.Actions))
	}
	wrong := 0
	for _, a := range d.Actions {
		for _, v := range a.Variants {
			if v.Verdict == VerdictWrong {
				wrong++
			}
		}
	}
	if wrong < 2 {
		t.Fatalf("%d wrong variants, want at least 2 plausible wrong moves", wrong)
	}
	if d.Faults[0].At != 30*time.Second || d.Faults[0].Kind != "hang" {
		t.Fatalf("first fault %+v, want a hang at 30s", d.Faults[0])
	}
	if d.Seed != 1 || d.RespondWithin != 30*time.Second {
		t.Fatalf("seed %d, respond_within %s; want the defaults 1 and 30s", d.Seed, d.RespondWithin)
	}
}

// drillSource returns the built-in drill's file with old replaced by new.
func drillSource(t *testing.T, old, new string) []byte {
	t.Helper()
	data, err := os.ReadFile("drills/payment-provider-hangs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if old != "" {
		if !strings.Contains(s, old) {
			t.Fatalf("the drill file does not contain %q", old)
		}
		s = strings.Replace(s, old, new, 1)
	}
	return []byte(s)
}

// lineOf returns the 1-based line of the first occurrence of text in data.
func lineOf(t *testing.T, data []byte, text string) int {
	t.Helper()
	i := strings.Index(string(data), text)
	if i < 0 {
		t.Fatalf("%q not found", text)
	}
	return strings.Count(string(data[:i]), "\n") + 1
}

func parseProblems(t *testing.T, data []byte) Problems {
	t.Helper()
	lib := builtinLib(t)
	_, err := ParseDrill("x.yaml", data, &lib.Checklist)
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("ParseDrill: %v, want Problems", err)
	}
	return ps
}

func TestDrillErrorsNameFileLineAndFix(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		at       string // text on the line the problem must point at
		want     []string
	}{
		{
			name: "unknown field",
			old:  "    delay: 5s\n", new: "    delay: 5s\n    dealy: 5s\n",
			at: "dealy", want: []string{`unknown field "dealy"`, "expected one of:", "delay", "variants"},
		},
		{
			name: "duration without unit",
			old:  "duration: 5m", new: "duration: 300",
			at: "duration: 300", want: []string{`duration: "300" is not a duration`, "500ms"},
		},
		{
			name: "negative duration",
			old:  "duration: 5m", new: "duration: -5m",
			at: "duration: -5m", want: []string{"duration: is -5m;", "a positive duration such as 5m"},
		},
		{
			name: "empty list",
			old:  "primary: [timeouts, circuit-breakers]", new: "primary: []",
			at: "primary: []", want: []string{"primary: is empty; name the drill's main concepts"},
		},
		{
			name: "zero duration",
			old:  "duration: 5m", new: "duration: 0s",
			at: "duration: 0s", want: []string{"duration: is missing or 0s; set the drill's length"},
		},
		{
			name: "text for a number",
			old:  "  rate: 200", new: "  rate: lots",
			at: "rate: lots", want: []string{`traffic.rate: "lots" is not a number`},
		},
		{
			name: "list for a number",
			old:  "  rate: 200", new: "  rate: [200]",
			at: "rate: [200]", want: []string{"traffic.rate: found a list; expected a number"},
		},
		{
			name: "long bad value in a flow mapping",
			old:  "latency: {median: 180ms, p99: 700ms}", new: "latency: {median: 180ms, p99: seven-hundred-ms}",
			at: "p99: seven", want: []string{`system.dependencies[0].latency.p99: "seven-hundred-ms" is not a duration`},
		},
		{
			name: "unknown field names its mapping",
			old:  "  rate: 200", new: "  rate: 200\n  burst: 5",
			at: "burst: 5", want: []string{`traffic: unknown field "burst"`},
		},
		{
			name: "unknown field with a dot",
			old:  "  rate: 200", new: "  rate: 200\n  \"bur.st\": 5",
			at: "bur.st", want: []string{`traffic: unknown field "bur.st"`},
		},
		{
			name: "unknown concept",
			old:  "concept: redundancy", new: "concept: resilience",
			at: "concept: resilience", want: []string{`"resilience" is not a checklist concept`, "timeouts"},
		},
		{
			name: "unknown verdict",
			old:  "verdict: useless\n        why: >-\n          Eight", new: "verdict: meh\n        why: >-\n          Eight",
			at: "verdict: meh", want: []string{`is "meh"; expected one of: sound, weak, useless, wrong`},
		},
		{
			name: "effect on an unknown call",
			old:  "calls: [{dependency: payments, timeout: 2s}]", new: "calls: [{dependency: ledger, timeout: 2s}]",
			at: "dependency: ledger", want: []string{`"ledger" is not called by checkout`},
		},
		{
			name: "fault after the end",
			old:  "    at: 30s\n", new: "    at: 10m\n",
			at: "at: 10m", want: []string{"after the end of the drill"},
		},
		{
			name: "reference names a missing variant",
			old:  "{at: 32s, action: set-timeout, variant: 2s}", new: "{at: 32s, action: set-timeout, variant: 3s}",
			at: "variant: 3s}", want: []string{`"3s" is not a variant of action set-timeout`, "500ms, 2s, 30s"},
		},
		{
			name: "reference uses a wrong move",
			old:  "{at: 32s, action: set-timeout, variant: 2s}", new: "{at: 32s, action: set-timeout, variant: 500ms}",
			at: "variant: 500ms}", want: []string{"marked wrong", "only use sound or weak"},
		},
		{
			name: "negative pods",
			old:  "    pods: 4\n", new: "    pods: -4\n",
			at: "pods: -4", want: []string{"at least 1 pod"},
		},
		{
			name: "bad YAML",
			old:  "title: Payment provider hangs", new: "title: [Payment provider hangs",
			at: "title: [", want: []string{"invalid YAML"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := drillSource(t, tc.old, tc.new)
			ps := parseProblems(t, data)
			p := ps[0]
			if p.File != "x.yaml" {
				t.Errorf("file %q, want x.yaml", p.File)
			}
			wantLine := lineOf(t, data, tc.at)
			if tc.name == "bad YAML" {
				// The parser names the line where the unclosed flow starts
				// its mapping, which may be just above the bracket.
				if p.Line < wantLine-1 || p.Line > wantLine+1 {
					t.Errorf("line %d, want within a line of the bracket on line %d", p.Line, wantLine)
				}
				wantLine = p.Line
			}
			if p.Line != wantLine {
				t.Errorf("line %d, want %d (%q); problem: %v", p.Line, wantLine, tc.at, p)
			}
			for _, w := range tc.want {
				if !strings.Contains(p.Error(), w) {
					t.Errorf("problem %q does not contain %q", p.Error(), w)
				}
			}
		})
	}
}

func TestTypeErrorsOnOneLineNameEachField(t *testing.T) {
	data := drillSource(t, "latency: {median: 180ms, p99: 700ms}", "latency: {median: [180ms], p99: [700ms]}")
	ps := parseProblems(t, data)
	if len(ps) != 2 {
		t.Fatalf("%d problems, want one per field: %v", len(ps), ps)
	}
	for i, want := range []string{"system.dependencies[0].latency.median", "system.dependencies[0].latency.p99"} {
		if ps[i].Field != want {
			t.Errorf("problem %d names field %q, want %q: %v", i+1, ps[i].Field, want, ps[i])
		}
	}
}

func TestDrillReportsEveryProblem(t *testing.T) {
	data := drillSource(t, "difficulty: beginner", "difficulty: easy")
	data = []byte(strings.Replace(string(data), "  success_percent: 99", "  success_percent: 0", 1))
	ps := parseProblems(t, data)
	if len(ps) != 2 {
		t.Fatalf("%d problems, want 2 (difficulty and success_percent): %v", len(ps), ps)
	}
	if ps[0].Field != "difficulty" || ps[1].Field != "slo.success_percent" {
		t.Fatalf("fields %q and %q, want difficulty then slo.success_percent", ps[0].Field, ps[1].Field)
	}
}

func TestDrillRejectsControlCharacters(t *testing.T) {
	data := drillSource(t, "title: Payment provider hangs", "title: \"Payment \\e]0;pwned\\a provider\"")
	ps := parseProblems(t, data)
	if !strings.Contains(ps[0].Error(), "control character") || ps[0].Line != lineOf(t, data, "title: \"Payment") {
		t.Fatalf("problem %v, want a control character on the title line", ps[0])
	}
}

func TestDrillFileLimits(t *testing.T) {
	lib := builtinLib(t)
	tests := []struct {
		name string
		data string
		want string
	}{
		{"empty", "", "is empty; expected a YAML mapping"},
		{"binary", "id: x\n\x00\x01\x02", "x.yaml:2: contains the control character U+0000"},
		{"not UTF-8", "id: x\ntitle: caf\xe9\n", "x.yaml:2: contains the byte 0xe9, which is not UTF-8"},
		{"comment only", "# nothing\n", "is empty"},
		{"list instead of mapping", "- a\n- b\n", "is not a YAML mapping"},
		{"two documents", "id: a\n---\nid: b\n", "second YAML document"},
		{"too large", "id: a\n" + strings.Repeat("# padding\n", MaxFileSize/10+1), "limited to 1048576 bytes"},
		{"alias bomb", aliasBomb(), "expands to more than 200000 YAML nodes"},
		{"alias inside its anchor", "a: &a [*a, *a]\n", "an anchor cannot contain itself"},
		{"nested alias inside its anchor", "a: &a {b: [1, {c: *a}]}\n", "an anchor cannot contain itself"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseDrill("x.yaml", []byte(tc.data), &lib.Checklist)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("ParseDrill: %v, want an error containing %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "x.yaml") {
				t.Fatalf("error %q does not start with the file name", err)
			}
		})
	}
}

// aliasBomb returns YAML whose aliases expand exponentially.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for i := range 12 {
		name := string(rune('b' + i))
		b.WriteString(name + ": &" + name + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	b.WriteString("follow_ups: *" + prev + "\n")
	return b.String()
}

func TestParseSteps(t *testing.T) {
	d := builtinLib(t).Drill("payment-provider-hangs")
	data := []byte("- {at: 50s, action: add-breaker, variant: with-fallback}\n- {at: 40s, action: set-timeout, variant: 2s}\n- {at: 1m, action: grow-pool}\n")
	steps, err := ParseSteps("a.yaml", data, d)
	if err != nil {
		t.Fatal(err)
	}
	want := []Step{
		{At: 40 * time.Second, Action: "set-timeout", Variant: "2s"},
		{At: 50 * time.Second, Action: "add-breaker", Variant: "with-fallback"},
		{At: time.Minute, Action: "grow-pool"},
	}
	if !reflect.DeepEqual(steps, want) {
		t.Fatalf("steps:\n got %+v\nwant %+v", steps, want)
	}
}

func TestParseStepsHintsFaultsRationales(t *testing.T) {
	d := builtinLib(t).Drill("payment-provider-hangs")
	data := []byte(`- {at: 40s, action: set-timeout, variant: 2s, rationale: threads are stuck on payments}
- {at: 35s, hint: true}
- {at: 1m, inject: {kind: errors, target: payments, error_percent: 30, duration: 20s}}
`)
	steps, err := ParseSteps("a.yaml", data, d)
	if err != nil {
		t.Fatal(err)
	}
	want := []Step{
		{At: 35 * time.Second, Hint: true},
		{At: 40 * time.Second, Action: "set-timeout", Variant: "2s", Rationale: "threads are stuck on payments"},
		{At: time.Minute, Inject: &sim.Fault{Kind: sim.FaultErrors, Target: "payments", ErrorPercent: 30, Duration: 20 * time.Second}},
	}
	if !reflect.DeepEqual(steps, want) {
		t.Fatalf("steps:\n got %+v\nwant %+v", steps, want)
	}
	if steps[0].IsAction() || steps[2].IsAction() {
		t.Fatal("a hint or an injected fault counts as an action")
	}
	if _, _, err := d.Resolve(steps[0]); err == nil {
		t.Fatal("Resolve of a hint returned no error")
	}
}

func TestReferenceRejectsHints(t *testing.T) {
	d := *builtinLib(t).Drill("payment-provider-hangs")
	d.Reference = append([]Step{{At: time.Second, Hint: true}}, d.Reference...)
	var ps problemList
	validateSteps(&ps, "reference", d.Reference, &d)
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "reference holds actions only") {
		t.Fatalf("problems %v, want one saying the reference holds actions only", ps)
	}
}

func TestParseStepsErrors(t *testing.T) {
	d := builtinLib(t).Drill("payment-provider-hangs")
	tests := []struct {
		name string
		data string
		line int
		want string
	}{
		{"unknown action", "- {at: 40s, action: set-timeout, variant: 2s}\n- {at: 50s, action: pray}\n", 2, `step 2, action: "pray" is not an action of drill payment-provider-hangs; expected one of: set-timeout`},
		{"unknown variant", "- {at: 40s, action: set-timeout, variant: 1h}\n", 1, `"1h" is not a variant of action set-timeout; expected one of: 500ms, 2s, 30s`},
		{"missing variant", "- {at: 40s, action: set-timeout}\n", 1, "step 1, variant: is missing; action set-timeout has several"},
		{"time after the end", "- {at: 6m, action: grow-pool}\n", 1, "at: is 6m; actions happen between 0s and the end of the drill (5m)"},
		{"unknown field", "- {at: 40s, action: grow-pool, when: now}\n", 1, `unknown field "when"; expected one of: action, at, hint, inject, rate, rationale, variant`},
		{"bad duration", "- {at: soon, action: grow-pool}\n", 1, `step 1, at: "soon" is not a duration`},
		{"bad duration in step 2", "- {at: 4s, action: grow-pool}\n-\n  action: grow-pool\n  at: later\n", 4, `step 2, at: "later" is not a duration`},
		{"list for an action", "- {at: 4s, action: [grow-pool]}\n", 1, "step 1, action: found a list; expected text"},
		{"text for a rating", "- {at: 4s, rate: {concept: timeouts, score: high}}\n", 1, `step 1, rate.score: "high" is not a whole number`},
		{"missing time", "- {action: grow-pool}\n", 1, "step 1, at: is missing; give the step's time"},
		{"mapping instead of list", "at: 40s\naction: grow-pool\n", 1, "is not a YAML list of steps"},
		{"hint with an action", "- {at: 40s, hint: true, action: grow-pool}\n", 1, "step 1, action: is set on a hint; write the action as a step of its own"},
		{"rationale on a fault", "- {at: 40s, rationale: why, inject: {kind: hang, target: payments}}\n", 1, "rationale: is set on an injected fault"},
		{"hint and fault", "- {at: 40s, hint: true, inject: {kind: hang, target: payments}}\n", 1, "hint: is set together with inject"},
		{"fault with its own time", "- {at: 40s, inject: {kind: hang, target: payments, at: 1m}}\n", 1, "inject.at: is set; the step's at is when the fault starts"},
		{"fault on unknown target", "- {at: 40s, inject: {kind: hang, target: ledger}}\n", 1, "step 1, inject.target:"},
		{"fault of unknown kind", "- {at: 40s,\n   inject: {kind: melt, target: payments}}\n", 2, `inject.kind: is "melt"; expected one of: hang, slow, errors`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSteps("a.yaml", []byte(tc.data), d)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("ParseSteps: %v, want Problems", err)
			}
			if ps[0].Line != tc.line || !strings.Contains(ps[0].Error(), tc.want) {
				t.Fatalf("problem %q at line %d, want line %d containing %q", ps[0].Error(), ps[0].Line, tc.line, tc.want)
			}
		})
	}
}

func TestParseStepsEmptyFile(t *testing.T) {
	d := builtinLib(t).Drill("payment-provider-hangs")
	_, err := ParseSteps("a.yaml", nil, d)
	if err == nil || !strings.Contains(err.Error(), "a.yaml: is empty; expected a YAML list of steps") {
		t.Fatalf("ParseSteps of an empty file: %v, want it to say a list of steps was expected", err)
	}
	steps, err := ParseSteps("a.yaml", []byte("[]\n"), d)
	if err != nil || len(steps) != 0 {
		t.Fatalf("ParseSteps of []: %v steps, error %v; want no steps and no error", steps, err)
	}
}

func TestChecklistErrors(t *testing.T) {
	_, err := ParseChecklist("c.yaml", []byte("concepts:\n  - id: Timeouts\n    title: T\n    level: junior\n    summary: s\n    keywords: [k]\n"))
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 2 {
		t.Fatalf("ParseChecklist: %v, want 2 problems (id and level)", err)
	}
	if !strings.Contains(ps.Error(), `"Timeouts" is not a valid id`) || !strings.Contains(ps.Error(), `is "junior"; expected one of: mid, senior`) {
		t.Fatalf("problems %q do not name the bad id and level", ps.Error())
	}
}

// A title too long for the home screen's two columns needs a short one.
func TestChecklistShortTitle(t *testing.T) {
	long := strings.Repeat("word ", 8) // 40 characters
	tests := []struct {
		name, concept, want string
	}{
		{"long title", "title: " + long, "c.yaml:3: concepts[0].title: is 39 characters; give the concept a short title of at most 34 characters"},
		{"long short", "title: T\n    short: " + long, "c.yaml:4: concepts[0].short: is 39 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "concepts:\n  - id: timeouts\n    " + tt.concept + "\n    level: mid\n    summary: s\n    keywords: [k]\n"
			_, err := ParseChecklist("c.yaml", []byte(src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ParseChecklist: %v, want %q", err, tt.want)
			}
		})
	}

	ok := "concepts:\n  - id: timeouts\n    title: " + long + "\n    short: Timeouts\n    level: mid\n    summary: s\n    keywords: [k]\n"
	c, err := ParseChecklist("c.yaml", []byte(ok))
	if err != nil {
		t.Fatalf("a long title with a short one: %v", err)
	}
	if got := c.Concepts[0].ShortTitle(); got != "Timeouts" {
		t.Fatalf("ShortTitle() = %q, want the short title", got)
	}
}

func TestFormatDuration(t *testing.T) {
	tests := map[time.Duration]string{
		0:                                     "0s",
		500 * time.Millisecond:                "500ms",
		32*time.Second + 500*time.Millisecond: "32.5s",
		2 * time.Minute:                       "2m",
		90 * time.Second:                      "1m30s",
		time.Hour:                             "1h",
		90 * time.Minute:                      "1h30m",
	}
	for d, want := range tests {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%s) = %q, want %q", d, got, want)
		}
	}
}

func TestClockFormats(t *testing.T) {
	tests := []struct {
		at             time.Duration
		clock, precise string
	}{
		{0, "0:00", "0:00"},
		{32 * time.Second, "0:32", "0:32"},
		{32*time.Second + 540*time.Millisecond, "0:32", "0:32.5"},
		{5 * time.Minute, "5:00", "5:00"},
		{61*time.Minute + 5*time.Second, "61:05", "61:05"},
	}
	for _, tc := range tests {
		if got := Clock(tc.at); got != tc.clock {
			t.Errorf("Clock(%s) = %q, want %q", tc.at, got, tc.clock)
		}
		if got := PreciseClock(tc.at); got != tc.precise {
			t.Errorf("PreciseClock(%s) = %q, want %q", tc.at, got, tc.precise)
		}
	}
}

func TestFormatStepRoundTrips(t *testing.T) {
	d := builtinLib(t).Drill("payment-provider-hangs")
	steps := []Step{
		{At: 31 * time.Second, Hint: true},
		{At: 40*time.Second + 500*time.Millisecond, Action: "set-timeout", Variant: "2s", Rationale: `threads hang on "payments": 800/800 busy, é`},
		{At: time.Minute, Action: "grow-pool"},
		{At: 90 * time.Second, Inject: &sim.Fault{Kind: sim.FaultSlow, Target: "payments", Add: 1500 * time.Millisecond, Duration: 20 * time.Second}},
		{At: 2 * time.Minute, Inject: &sim.Fault{Kind: sim.FaultErrors, Target: "payments", ErrorPercent: 12.5}},
		{At: 2*time.Minute + time.Second, Inject: &sim.Fault{Kind: sim.FaultHang, Target: "payments", Percent: 20}},
		{At: 2*time.Minute + 2*time.Second, Inject: &sim.Fault{Kind: sim.FaultSurge, Factor: 2.5, Duration: time.Minute}},
		{At: 2*time.Minute + 3*time.Second, Inject: &sim.Fault{Kind: sim.FaultAbusiveClient, Rate: 300}},
		{At: 2*time.Minute + 4*time.Second, Inject: &sim.Fault{Kind: sim.FaultDNS, Target: "payments", ResolverTimeout: 5 * time.Second, Duration: 20 * time.Second}},
	}
	var b strings.Builder
	for _, st := range steps {
		b.WriteString("- " + FormatStep(st) + "\n")
	}
	got, err := ParseSteps("a.yaml", []byte(b.String()), d)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if !reflect.DeepEqual(got, steps) {
		t.Fatalf("round trip:\n got %+v\nwant %+v\nfile:\n%s", got, steps, b.String())
	}
}
