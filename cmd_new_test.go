package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewWritesADrillThatValidates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pack")
	code, out, errOut := runCLI(t, "new", "checkout-db-slow", "--dir", dir)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	file := filepath.Join(dir, "drills", "checkout-db-slow.yaml")
	for _, want := range []string{"Wrote " + file, "gameday validate " + dir + " --prove", "gameday --content " + dir + " play checkout-db-slow"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o644 {
		t.Errorf("file mode %v, want 0644", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "drills"))
	if len(entries) != 1 {
		t.Errorf("drills/ holds %d entries, want the drill only (no temporary file left)", len(entries))
	}

	code, out, errOut = runCLI(t, "validate", dir)
	if code != exitOK {
		t.Fatalf("validate of the new drill: exit %d, stderr %q, output:\n%s", code, errOut, out)
	}
	code, out, _ = runCLI(t, "--content", dir, "run", "checkout-db-slow", "--reference")
	if code != exitOK || !strings.Contains(out, "SLO met") {
		t.Fatalf("run --reference of the new drill: exit %d, output:\n%s", code, out)
	}
}

func TestNewNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "drills", "mine.yaml")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("my work"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "new", "mine", "--dir", dir)
	if code != exitUsageError || !strings.Contains(errOut, file+" already exists; gameday new never overwrites a file") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if data, _ := os.ReadFile(file); string(data) != "my work" {
		t.Fatalf("the existing file now holds %q", data)
	}
	if entries, _ := os.ReadDir(filepath.Dir(file)); len(entries) != 1 {
		t.Errorf("drills/ holds %d entries, want the existing file only", len(entries))
	}
}

func TestNewRejectsBadIDs(t *testing.T) {
	pack := writePack(t, "team-checkout", "", "")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"uppercase", []string{"new", "Checkout"}, `drill id "Checkout" is not a valid id; use lowercase letters, digits and single hyphens`},
		{"escape", []string{"new", "x\x1b]0;pwned\a"}, `drill id "x\x1b]0;pwned\a" is not a valid id`},
		{"built-in id", []string{"new", "payment-provider-hangs", "--dir", t.TempDir()}, `the drill content/drills/payment-provider-hangs.yaml already has the id "payment-provider-hangs"; choose another`},
		{"id of the --content pack", []string{"new", "team-checkout", "--content", pack, "--dir", t.TempDir()}, `already has the id "team-checkout"`},
		{"empty dir", []string{"new", "fine", "--dir", ""}, "--dir needs a directory"},
		{"no id", []string{"new"}, "new takes a drill id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assertUsageError(t, tc.args, tc.want)
		})
	}
}
