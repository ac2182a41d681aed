package scoring

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var studyDay0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func TestLeitnerMovesUpAndBack(t *testing.T) {
	var l Leitner
	if got := l.Card("timeouts").Box; got != 1 {
		t.Fatalf("a new card is in box %d, want 1", got)
	}

	// Good answers move the card up one box at a time, and box 5 holds.
	for want := 2; want <= LeitnerBoxes+1; want++ {
		c := l.Review("timeouts", GoodStudyScore, studyDay0)
		if c.Box != min(want, LeitnerBoxes) {
			t.Fatalf("box %d after a good answer, want %d", c.Box, min(want, LeitnerBoxes))
		}
	}

	// A poor answer sends it back to box 1.
	c := l.Review("timeouts", GoodStudyScore-1, studyDay0)
	if c.Box != 1 || c.Reviews != LeitnerBoxes+1 || c.LastScore != GoodStudyScore-1 {
		t.Fatalf("card %+v after a poor answer, want box 1 with 6 reviews", c)
	}
}

func TestLeitnerIntervals(t *testing.T) {
	var l Leitner
	c := l.Review("retries", 90, studyDay0) // box 2: due a day later
	if c.Due(studyDay0.Add(23 * time.Hour)) {
		t.Error("a box 2 card is due after 23 hours, want after 24")
	}
	if !c.Due(studyDay0.Add(24 * time.Hour)) {
		t.Error("a box 2 card is not due after 24 hours")
	}
	c = l.Review("retries", 90, studyDay0) // box 3: three days
	if got := c.DueAt().Sub(studyDay0); got != 72*time.Hour {
		t.Errorf("a box 3 card is due after %s, want 72h", got)
	}
	c = l.Review("retries", 10, studyDay0) // box 1: at once
	if !c.Due(studyDay0) {
		t.Error("a box 1 card is not due at once")
	}
}

func TestLeitnerOrder(t *testing.T) {
	var l Leitner
	ids := []string{"a", "b", "c", "d", "e"}
	l.Review("a", 90, studyDay0)                    // box 2, due day 1
	l.Review("b", 90, studyDay0)                    // box 2, due day 1
	l.Review("b", 90, studyDay0)                    // box 3, due day 3
	l.Review("c", 10, studyDay0)                    // box 1, due at once
	l.Review("d", 90, studyDay0.Add(-48*time.Hour)) // box 2, due since day -1
	// e was never reviewed: box 1, due.

	got := l.Order(ids, studyDay0)
	want := []string{"c", "e", "d", "a", "b"}
	if !slices.Equal(got, want) {
		t.Fatalf("order at day 0 is %v, want %v", got, want)
	}
	if !slices.Equal(l.Order(ids, studyDay0), got) {
		t.Fatal("the same state and time gave another order")
	}
}

func TestLeitnerFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "study.json")
	l, warning, err := ReadLeitner(path)
	if err != nil || warning != "" || len(l.Cards) != 0 {
		t.Fatalf("a missing file gave %+v, %q, %v; want a fresh state", l, warning, err)
	}
	l.Review("timeouts", 80, studyDay0)
	if err := WriteLeitner(path, l); err != nil {
		t.Fatal(err)
	}
	back, warning, err := ReadLeitner(path)
	if err != nil || warning != "" {
		t.Fatalf("reading back: %q, %v", warning, err)
	}
	if c := back.Card("timeouts"); c.Box != 2 || !c.Reviewed.Equal(studyDay0) {
		t.Fatalf("card read back is %+v, want box 2 reviewed at %s", c, studyDay0)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".study-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestLeitnerCorruptFileIsKept(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "study.json")
	for _, bad := range []string{`{"version": 1, "cards": {"timeouts": {"box": 9}}}`, `{"version": 1, "car`} {
		if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
			t.Fatal(err)
		}
		l, warning, err := ReadLeitner(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(warning, path) || len(l.Cards) != 0 {
			t.Fatalf("corrupt file %q gave warning %q and %d cards; want a warning naming the file and a fresh state", bad, warning, len(l.Cards))
		}
		l.Review("retries", 90, studyDay0)
		if err := WriteLeitner(path, l); err != nil {
			t.Fatal(err)
		}
	}

	// Both corrupt versions are kept, and the new state is in place.
	for i, name := range []string{"study.json.corrupt", "study.json.corrupt-2"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("corrupt copy %d: %v", i+1, err)
		}
		if len(data) == 0 {
			t.Errorf("%s is empty", name)
		}
	}
	l, warning, err := ReadLeitner(path)
	if err != nil || warning != "" || l.Card("retries").Box != 2 {
		t.Fatalf("after saving: %q, %v, card %+v", warning, err, l.Card("retries"))
	}
}

func TestLeitnerNewerVersionIsNotOverwritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "study.json")
	newer := `{"version": 99, "cards": {}}`
	if err := os.WriteFile(path, []byte(newer), 0o600); err != nil {
		t.Fatal(err)
	}
	_, warning, _ := ReadLeitner(path)
	if !strings.Contains(warning, "version 99") {
		t.Fatalf("warning %q does not name the version", warning)
	}
	if err := WriteLeitner(path, &Leitner{}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path + ".corrupt"); string(data) != newer {
		t.Fatalf("the newer file was not kept aside: %q", data)
	}
}
