package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunActionsFileWithRatings(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "actions.yaml")
	data := "- {at: 33s, action: set-timeout, variant: 2s}\n" +
		"- {at: 1m, rate: {concept: timeouts, score: 2}}\n" +
		"- {at: 2m, rate: {concept: timeouts, score: 1}}\n"
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := runCLI(t, "run", "payment-provider-hangs", "--actions", file)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"spoken explanation rated 1/2, so 75% of the points", "-5.0 spoken"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	code, out, errOut = runCLI(t, "run", "payment-provider-hangs", "--actions", file, "--json")
	if code != 0 {
		t.Fatalf("--json: exit %d, stderr %q", code, errOut)
	}
	var got struct {
		Breakdown struct {
			Spoken float64 `json:"spoken"`
			Rated  int     `json:"rated_concepts"`
		} `json:"breakdown"`
		Concepts []struct {
			ID     string  `json:"id"`
			Points float64 `json:"points"`
			Rating *int    `json:"rating"`
		} `json:"concepts"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	for _, c := range got.Concepts {
		switch {
		case c.ID == "timeouts" && (c.Rating == nil || *c.Rating != 1):
			t.Errorf("timeouts rating %v, want the later rating, 1", c.Rating)
		case c.ID == "timeouts" && c.Points != 15:
			t.Errorf("timeouts points %v, want 15 (three quarters of 20)", c.Points)
		case c.ID != "timeouts" && c.Rating != nil:
			t.Errorf("%s rating %d, want null", c.ID, *c.Rating)
		}
	}
	if got.Breakdown.Spoken != -5 || got.Breakdown.Rated != 1 {
		t.Errorf("breakdown spoken %v, rated %d; want -5 and 1", got.Breakdown.Spoken, got.Breakdown.Rated)
	}
}

func TestRunRejectsBadRating(t *testing.T) {
	file := filepath.Join(t.TempDir(), "actions.yaml")
	if err := os.WriteFile(file, []byte("- {at: 33s, action: set-timeout, variant: 2s}\n- {at: 1m, rate: {concept: timeouts, score: 3}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "run", "payment-provider-hangs", "--actions", file)
	if code != 2 {
		t.Errorf("exit %d, want 2 for bad input", code)
	}
	if want := file + ":2: step 2, rate.score: is 3"; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q, want it to contain %q", errOut, want)
	}
}
