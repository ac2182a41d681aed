package scoring

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// day0 is a fixed time for records in tests.
var day0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func answerRecordAt(t *testing.T, at time.Time, user, question, answer string) Record {
	t.Helper()
	return AnswerRecord(gradeQuestion(t, question, answer), at, user)
}

func TestHistoryRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "history.jsonl")
	_, d := setup(t)
	drill := DrillRecord(grade(t, d.Reference), day0, "ada")
	answer := answerRecordAt(t, day0.Add(time.Hour), "ada", "resilient-systems", nineConcepts)
	for _, r := range []Record{drill, answer} {
		if err := AppendRecord(path, r); err != nil {
			t.Fatal(err)
		}
	}

	got, warnings, err := ReadHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Fatalf("warnings %v, want none", warnings)
	}
	if len(got) != 2 {
		t.Fatalf("%d records, want 2", len(got))
	}
	if got[0].Kind != KindDrill || got[0].ID != "payment-provider-hangs" || got[0].Seed != 1 || !got[0].SLOMet || got[0].Version != HistoryVersion {
		t.Errorf("drill record %+v", got[0])
	}
	if len(got[0].Concepts) != 2 || !got[0].Concepts[0].Demonstrated || got[0].Concepts[0].Points != 20 {
		t.Errorf("drill record concepts %+v, want timeouts and circuit-breakers demonstrated with their points", got[0].Concepts)
	}
	if !got[0].Time.Equal(day0) || got[0].User != "ada" {
		t.Errorf("drill record time %s user %q", got[0].Time, got[0].User)
	}
	if got[1].Kind != KindAnswer || got[1].Score != 90 || len(got[1].Concepts) != 10 {
		t.Errorf("answer record %+v", got[1])
	}

	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v, want 0600", info.Mode().Perm())
	}
}

func TestHistoryMissingFileIsEmpty(t *testing.T) {
	got, warnings, err := ReadHistory(filepath.Join(t.TempDir(), "none.jsonl"))
	if err != nil || len(got) != 0 || len(warnings) != 0 {
		t.Fatalf("missing file: %d records, %v, %v; want none and no error", len(got), warnings, err)
	}
}

func TestHistorySurvivesTruncatedAndForeignLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	for i := range 3 {
		r := answerRecordAt(t, day0.Add(time.Duration(i)*time.Hour), "ada", "choose-timeout", "A timeout, because hung calls hold threads.")
		if err := AppendRecord(path, r); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	// A line from another program, then a record cut short mid-write.
	if _, err := f.WriteString(`{"level":"info","msg":"server started"}` + "\n" + `{"version":1,"kind":"answer","ti`); err != nil {
		t.Fatal(err)
	}
	f.Close()

	got, warnings, err := ReadHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d records survive, want the 3 good ones", len(got))
	}
	if len(warnings) != 2 {
		t.Fatalf("warnings %v, want 2", warnings)
	}
	if w := warnings[0].String(); !strings.HasPrefix(w, path+":4: ") || !strings.Contains(w, "another program") {
		t.Errorf("foreign line warning %q, want line 4 and another program", w)
	}
	if w := warnings[1].String(); !strings.HasPrefix(w, path+":5: ") || !strings.Contains(w, "cut short") {
		t.Errorf("truncated line warning %q, want line 5 and cut short", w)
	}

	// The next append starts on a new line, so it is not lost to the torn one.
	if err := AppendRecord(path, answerRecordAt(t, day0.Add(5*time.Hour), "ada", "choose-timeout", "")); err != nil {
		t.Fatal(err)
	}
	got, warnings, err = ReadHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || len(warnings) != 2 {
		t.Fatalf("after appending: %d records and %d warnings, want 4 and 2", len(got), len(warnings))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`"server started"`)) || !bytes.Contains(data, []byte(`"kind":"answer","ti`+"\n")) {
		t.Error("the foreign and truncated lines were changed; the reader must never rewrite the file")
	}
}

func TestHistorySkipsInvalidRecords(t *testing.T) {
	good := `{"version":1,"kind":"drill","time":"2026-03-02T09:00:00Z","user":"ada","id":"x","score":50,"level":"none","concepts":[]}`
	tests := []struct {
		name, line, want string
	}{
		{"newer version", strings.Replace(good, `"version":1`, `"version":7`, 1), "newer gameday (record version 7"},
		{"unknown kind", strings.Replace(good, `"kind":"drill"`, `"kind":"quiz"`, 1), `kind "quiz"`},
		{"score out of range", strings.Replace(good, `"score":50`, `"score":250`, 1), "score 250"},
		{"no time", strings.Replace(good, `"time":"2026-03-02T09:00:00Z",`, "", 1), "no time"},
		{"not JSON", "garbage \x00 here", "invalid JSON"},
		{"wrong type", strings.Replace(good, `"score":50`, `"score":"high"`, 1), `field "score" is a JSON string; expected a whole number`},
		{"array", `[1,2,3]`, "it is a JSON array, not an object"},
		{"string", `"hello"`, "it is a JSON string, not an object"},
		{"no kind", `{"version":1,"score":5}`, "it has no kind field"},
		{"no version or kind", `{"level":"info"}`, "it has no version or kind field"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, warnings, err := readRecords("h.jsonl", strings.NewReader(good+"\n"+tc.line+"\n"+good+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 {
				t.Errorf("%d records, want the 2 good ones", len(got))
			}
			if len(warnings) != 1 || warnings[0].Line != 2 || !strings.Contains(warnings[0].Message, tc.want) {
				t.Errorf("warnings %v, want one at line 2 containing %q", warnings, tc.want)
			}
		})
	}
}

func TestHistorySkipsOverlongLine(t *testing.T) {
	good := `{"version":1,"kind":"drill","time":"2026-03-02T09:00:00Z","user":"ada","id":"x","score":50,"level":"none","concepts":[]}`
	long := strings.Repeat("x", maxRecordSize+10)
	got, warnings, err := readRecords("h.jsonl", strings.NewReader(long+"\n"+good+"\n"+long))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(warnings) != 2 || warnings[0].Line != 1 || warnings[1].Line != 3 {
		t.Fatalf("%d records, warnings %v; want 1 record and warnings at lines 1 and 3", len(got), warnings)
	}
}

func TestConcurrentAppendsKeepEveryRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	r := answerRecordAt(t, day0, "ada", "choose-timeout", "A timeout, because hung calls hold threads.")
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := r
			r.Time = day0.Add(time.Duration(i) * time.Minute)
			if err := AppendRecord(path, r); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, warnings, err := ReadHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 20 || len(warnings) != 0 {
		t.Fatalf("%d records and warnings %v after 20 concurrent appends, want 20 and none", len(got), warnings)
	}
}
