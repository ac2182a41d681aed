package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs gameday with args and returns the exit status and outputs.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestRunReferenceJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "run", "payment-provider-hangs", "--reference", "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got struct {
		Drill   string `json:"drill"`
		Seed    uint64 `json:"seed"`
		Score   int    `json:"score"`
		Level   string `json:"level"`
		SLOMet  *bool  `json:"slo_met"`
		Outcome struct {
			SuccessRatio *float64 `json:"success_ratio"`
			P99Ms        *float64 `json:"p99_ms"`
		} `json:"outcome"`
		Concepts []struct {
			ID           string   `json:"id"`
			Exercised    *bool    `json:"exercised"`
			Demonstrated *bool    `json:"demonstrated"`
			Points       *float64 `json:"points"`
		} `json:"concepts"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	if got.Drill != "payment-provider-hangs" || got.Seed != 1 {
		t.Fatalf("drill %q seed %d, want payment-provider-hangs and 1", got.Drill, got.Seed)
	}
	if got.SLOMet == nil || !*got.SLOMet {
		t.Fatal("slo_met is missing or false for the reference solution")
	}
	if got.Score < 90 || got.Level == "" {
		t.Fatalf("score %d level %q, want at least 90 and a level", got.Score, got.Level)
	}
	if got.Outcome.SuccessRatio == nil || got.Outcome.P99Ms == nil || *got.Outcome.SuccessRatio < 0.99 {
		t.Fatalf("outcome %+v, want success_ratio ≥ 0.99 and p99_ms", got.Outcome)
	}
	if len(got.Concepts) != 10 {
		t.Fatalf("%d concepts, want 10", len(got.Concepts))
	}
	for _, c := range got.Concepts {
		if c.ID == "" || c.Exercised == nil || c.Demonstrated == nil || c.Points == nil {
			t.Fatalf("concept %+v lacks id, exercised, demonstrated or points", c)
		}
	}
}

func TestRunDoNothingByDefault(t *testing.T) {
	code, out, _ := runCLI(t, "run", "payment-provider-hangs", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got struct {
		Score  int  `json:"score"`
		SLOMet bool `json:"slo_met"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.SLOMet || got.Score > 10 {
		t.Fatalf("doing nothing: score %d, slo_met %v; want at most 10 and false", got.Score, got.SLOMet)
	}
}

func TestRunPrintsRationaleAndHints(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "actions.yaml")
	data := "- {at: 31s, hint: true}\n- {at: 33s, action: set-timeout, variant: 2s, rationale: \"threads stuck on payments\"}\n"
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "run", "payment-provider-hangs", "--actions", file)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"because: threads stuck on payments", "Hints taken: 1, -5 points each.", "-5 hints"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestRunActionsFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "actions.yaml")
	data := "# my run\n- {at: 33s, action: set-timeout, variant: 2s}\n- {at: 34s, action: add-breaker, variant: with-fallback}\n"
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "run", "payment-provider-hangs", "--actions", file, "--seed", "3")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"seed 3", "Score ", "SLO met", "✓ timeouts", "Model answer:"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestBadInputExitsWith2(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	badAction := write("bad-action.yaml", "- {at: 33s, action: set-timeout, variant: 2s}\n- {at: 40s, action: reboot}\n")
	badYAML := write("bad-yaml.yaml", "- {at: 33s, action: [\n")
	badTime := write("bad-time.yaml", "- {at: soon, action: grow-pool}\n")

	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown drill", []string{"run", "no-such-drill"}, []string{`no drill with id "no-such-drill"`, "payment-provider-hangs"}},
		{"missing drill id", []string{"run"}, []string{"run takes a drill id"}},
		{"unknown action", []string{"run", "payment-provider-hangs", "--actions", badAction}, []string{badAction + ":2", `"reboot" is not an action`, "set-timeout"}},
		{"malformed file", []string{"run", "payment-provider-hangs", "--actions", badYAML}, []string{badYAML, "invalid YAML"}},
		{"bad time", []string{"run", "payment-provider-hangs", "--actions", badTime}, []string{badTime + ":1", `"soon" is not a duration`}},
		{"missing file", []string{"run", "payment-provider-hangs", "--actions", filepath.Join(dir, "nope.yaml")}, []string{"does not exist"}},
		{"both step sources", []string{"run", "payment-provider-hangs", "--reference", "--actions", badAction}, []string{"use one of them"}},
		{"bad seed", []string{"run", "payment-provider-hangs", "--seed", "-1"}, []string{`invalid value "-1" for --seed: expected a whole number, 0 or more`}},
		{"empty actions flag", []string{"run", "payment-provider-hangs", "--actions", ""}, []string{"--actions needs a file name"}},
		{"show unknown drill", []string{"show", "nope"}, []string{`no drill with id "nope"`}},
		{"unknown flag", []string{"list", "--colour"}, []string{"unknown flag", "gameday list --help"}},
		{"root unknown flag", []string{"--version"}, []string{"unknown flag: --version (see `gameday --help`)"}},
		{"list with an argument", []string{"list", "extra"}, []string{`list takes no arguments; got "extra"`}},
		{"hex seed", []string{"run", "payment-provider-hangs", "--seed", "0x10"}, []string{`invalid value "0x10" for --seed`}},
		{"unknown command", []string{"dance"}, []string{"unknown command", "gameday --help"}},
		{"play unknown drill", []string{"play", "nope"}, []string{`no drill with id "nope"`}},
		{"no terminal", nil, []string{"needs a terminal"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tc.args...)
			if code != exitUsageError {
				t.Fatalf("exit %d, want %d; stderr %q", code, exitUsageError, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q lacks %q", errOut, w)
				}
			}
			if strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine") {
				t.Fatalf("stderr shows a panic: %s", errOut)
			}
		})
	}
}

func TestSeedIsDecimal(t *testing.T) {
	code, out, errOut := runCLI(t, "run", "payment-provider-hangs", "--seed", "010", "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, `"seed": 10,`) {
		t.Fatalf("--seed 010 ran with another seed than 10:\n%s", out[:80])
	}
}

func TestShowListsActionIDs(t *testing.T) {
	code, out, _ := runCLI(t, "show", "payment-provider-hangs")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"set-timeout", "with-fallback", "SLO: 99% good responses", "--actions FILE"} {
		if !strings.Contains(out, want) {
			t.Errorf("show output lacks %q", want)
		}
	}
	for _, secret := range []string{"sound", "wrong", "interviewer", "reference"} {
		if strings.Contains(strings.ToLower(out), secret) {
			t.Errorf("show output gives away %q", secret)
		}
	}
}

func TestListPrintsDrills(t *testing.T) {
	code, out, _ := runCLI(t, "list")
	if code != 0 || !strings.Contains(out, "payment-provider-hangs") || !strings.Contains(out, "beginner") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}

	code, out, _ = runCLI(t, "list", "--json")
	var drills []map[string]any
	if err := json.Unmarshal([]byte(out), &drills); code != 0 || err != nil {
		t.Fatalf("exit %d, err %v, output:\n%s", code, err, out)
	}
	for _, field := range []string{"id", "title", "difficulty", "concepts", "primary"} {
		if _, ok := drills[0][field]; !ok {
			t.Errorf("list --json lacks %q", field)
		}
	}
}

func TestDebugLogOpensForAppend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debug.log")
	if err := os.WriteFile(path, []byte("earlier line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	log, closeLog, err := openDebugLog(path)
	if err != nil {
		t.Fatal(err)
	}
	log.Info("app started", "drill", "payment-provider-hangs")
	closeLog()

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "earlier line\n") {
		t.Fatalf("the log was not appended to:\n%s", data)
	}
	if !strings.Contains(string(data), `msg="app started" drill=payment-provider-hangs`) {
		t.Fatalf("the log lacks the line written:\n%s", data)
	}
}

func TestDebugLogRejectsBadPath(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := openDebugLog(filepath.Join(notDir, "debug.log"))
	var in inputError
	if !errors.As(err, &in) || !strings.Contains(err.Error(), "cannot open the debug log") || !strings.Contains(err.Error(), "--debug") {
		t.Fatalf("openDebugLog under a file: %v, want an input error naming --debug", err)
	}
}

func TestDebugLogEmptyPathDiscards(t *testing.T) {
	log, closeLog, err := openDebugLog("")
	if err != nil || log == nil {
		t.Fatalf("openDebugLog(\"\") = %v, %v; want a logger that discards", log, err)
	}
	log.Info("nothing")
	closeLog()
}
