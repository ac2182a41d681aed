package content

import (
	"strings"
	"testing"
)

func TestStarterDrillValidates(t *testing.T) {
	data, err := StarterDrill("checkout-db-slow")
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseDrill("drills/checkout-db-slow.yaml", data, &builtinLib(t).Checklist)
	if err != nil {
		t.Fatalf("the starter drill does not validate: %v", err)
	}
	if d.ID != "checkout-db-slow" || d.Title != "Checkout db slow" {
		t.Errorf("id %q, title %q; want checkout-db-slow and Checkout db slow", d.ID, d.Title)
	}
	verdicts := map[string]bool{}
	for _, a := range d.Actions {
		for _, v := range a.Variants {
			verdicts[v.Verdict] = true
		}
	}
	for _, v := range []string{VerdictSound, VerdictWeak, VerdictUseless, VerdictWrong} {
		if !verdicts[v] {
			t.Errorf("the starter has no %s variant to copy", v)
		}
	}
	if comments := strings.Count(string(data), "\n#"); comments < 10 {
		t.Errorf("the starter has %d comment lines, want it commented throughout", comments)
	}
}

func TestStarterDrillRejectsBadIDs(t *testing.T) {
	for _, id := range []string{"", "Checkout", "db_slow", "-slow", "slow-", "a--b", "x\x1b[2J", strings.Repeat("a", 65)} {
		if _, err := StarterDrill(id); err == nil {
			t.Errorf("StarterDrill(%q) returned no error", id)
		} else {
			assertNoUnsafe(t, err.Error())
		}
	}
}
