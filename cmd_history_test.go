package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gameday/content"
)

// runWithInput runs gameday with args and stdin, and returns the exit
// status and outputs.
func runWithInput(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// historyLines returns the lines of the history file in dir.
func historyLines(t *testing.T, dir string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "history.jsonl"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

const timeoutAnswer = "Every call needs a timeout above the healthy p99, because a hung dependency holds threads; " +
	"it stays below what the caller waits, and I propagate the remaining deadline."

func TestAnswerJSONAndRecord(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runWithInput(t, timeoutAnswer, "answer", "choose-timeout", "--json", "--data-dir", dir, "--user", "ada")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got struct {
		Question string   `json:"question"`
		Score    *int     `json:"score"`
		Covered  []string `json:"covered"`
		Missing  []string `json:"missing"`
		Feedback struct {
			WentWell  []string `json:"went_well"`
			Missed    []string `json:"missed"`
			ProbeNext []string `json:"probe_next"`
		} `json:"feedback"`
		ModelAnswer string `json:"model_answer"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	if got.Question != "How do you choose a timeout for a call to another service?" {
		t.Errorf("question %q", got.Question)
	}
	if got.Score == nil || *got.Score != 100 || len(got.Covered) != 1 || got.Missing == nil {
		t.Errorf("score %v, covered %v, missing %v; want 100, [timeouts], []", got.Score, got.Covered, got.Missing)
	}
	if len(got.Feedback.WentWell) == 0 || got.ModelAnswer == "" {
		t.Errorf("feedback %+v or model answer missing", got.Feedback)
	}

	lines := historyLines(t, dir)
	if len(lines) != 1 || !strings.Contains(lines[0], `"kind":"answer"`) || !strings.Contains(lines[0], `"user":"ada"`) {
		t.Fatalf("history %q, want one answer record for ada", lines)
	}
}

func TestAnswerTextNamesWhatIsMissing(t *testing.T) {
	code, out, _ := runWithInput(t, "I retry failed calls.", "answer", "retry-policy", "--no-record")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Score ", "~ retries", "What was missed:", "“transient”", "Model answer:"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestAnswerNoRecordWritesNothing(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runWithInput(t, timeoutAnswer, "answer", "choose-timeout", "--no-record", "--data-dir", dir); code != 0 {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	if lines := historyLines(t, dir); lines != nil {
		t.Fatalf("history %q, want no file", lines)
	}
}

func TestRunRecordsOnlyWhenAsked(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "run", "payment-provider-hangs", "--reference", "--data-dir", dir); code != 0 {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	if lines := historyLines(t, dir); lines != nil {
		t.Fatalf("run without --record wrote %q", lines)
	}
	if code, _, errOut := runCLI(t, "run", "payment-provider-hangs", "--reference", "--record", "--json", "--data-dir", dir); code != 0 {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	lines := historyLines(t, dir)
	if len(lines) != 1 {
		t.Fatalf("history %q, want one record", lines)
	}
	for _, want := range []string{`"version":1`, `"kind":"drill"`, `"id":"payment-provider-hangs"`, `"seed":1`, `"demonstrated":true`} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("record lacks %s: %s", want, lines[0])
		}
	}
}

func TestHistoryUsesXDGDataHome(t *testing.T) {
	xdg := t.TempDir()
	t.Setenv("XDG_DATA_HOME", xdg)
	if code, _, errOut := runWithInput(t, timeoutAnswer, "answer", "choose-timeout"); code != 0 {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	if lines := historyLines(t, filepath.Join(xdg, "gameday")); len(lines) != 1 {
		t.Fatalf("history under $XDG_DATA_HOME/gameday: %q, want one record", lines)
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DATA_HOME", "relative/dir")
	if code, _, errOut := runWithInput(t, timeoutAnswer, "answer", "choose-timeout"); code != 0 {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	if lines := historyLines(t, filepath.Join(home, ".local", "share", "gameday")); len(lines) != 1 {
		t.Fatalf("with a relative XDG_DATA_HOME, history under ~/.local/share/gameday: %q, want one record", lines)
	}
}

func TestProgressReadsHistory(t *testing.T) {
	dir := t.TempDir()
	runCLI(t, "run", "payment-provider-hangs", "--reference", "--record", "--data-dir", dir)
	runWithInput(t, timeoutAnswer, "answer", "choose-timeout", "--data-dir", dir)
	f, err := os.OpenFile(filepath.Join(dir, "history.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("not json\n")
	f.Close()

	code, out, errOut := runCLI(t, "progress", "--json", "--data-dir", dir)
	if code != 0 {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	if !strings.Contains(errOut, "history.jsonl:3: is not a gameday history record") {
		t.Errorf("stderr %q, want a warning for line 3", errOut)
	}
	var got struct {
		HistoryFile string `json:"history_file"`
		Drills      int    `json:"drills_played"`
		Answers     int    `json:"answers_graded"`
		StreakDays  int    `json:"streak_days"`
		Weakest     string `json:"weakest"`
		Concepts    []struct {
			ID       string  `json:"id"`
			Mastery  float64 `json:"mastery"`
			Attempts int     `json:"attempts"`
		} `json:"concepts"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if got.Drills != 1 || got.Answers != 1 || got.StreakDays != 1 || len(got.Concepts) != 10 {
		t.Errorf("progress %+v, want 1 drill, 1 answer, a 1-day streak, 10 concepts", got)
	}
	if got.Concepts[0].ID != "timeouts" || got.Concepts[0].Attempts != 2 || got.Concepts[0].Mastery != 1 {
		t.Errorf("timeouts %+v, want 2 attempts at mastery 1", got.Concepts[0])
	}
	if got.Weakest != "retries" {
		t.Errorf("weakest %q, want retries, the first concept never practised", got.Weakest)
	}

	code, out, _ = runCLI(t, "progress", "--data-dir", dir)
	if code != 0 || !strings.Contains(out, "Weakest: retries.") {
		t.Errorf("progress text (exit %d) lacks the weakest concept:\n%s", code, out)
	}
	// The suggested drill depends on the library; it must train retries.
	_, rest, found := strings.Cut(out, "gameday play ")
	id, _, _ := strings.Cut(rest, "\n")
	lib, err := content.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if d := lib.Drill(strings.TrimSpace(id)); !found || d == nil || !slices.Contains(d.Concepts, "retries") {
		t.Errorf("progress suggests drill %q, want one that trains retries:\n%s", id, out)
	}
}

func TestProgressWithoutHistory(t *testing.T) {
	code, out, _ := runCLI(t, "progress", "--data-dir", t.TempDir())
	if code != 0 || !strings.Contains(out, "No history yet") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
}

func TestReportMergesThreeHistoryFiles(t *testing.T) {
	var files []string
	for _, user := range []string{"ada", "bob", "cara"} {
		dir := t.TempDir()
		if code, _, errOut := runCLI(t, "run", "payment-provider-hangs", "--reference", "--record", "--data-dir", dir, "--user", user); code != 0 {
			t.Fatalf("exit %d, %s", code, errOut)
		}
		if user == "ada" {
			// Ada also answers a question on retries, which nobody else
			// practised, so she leads the board.
			runWithInput(t, retryAnswer, "answer", "retry-policy", "--data-dir", dir, "--user", user)
		}
		files = append(files, filepath.Join(dir, "history.jsonl"))
	}

	code, out, errOut := runCLI(t, append([]string{"report", "--format", "json"}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	var rep struct {
		Records     int `json:"records"`
		Leaderboard []struct {
			Rank int    `json:"rank"`
			User string `json:"user"`
		} `json:"leaderboard"`
		HeatMap []struct {
			ID      string    `json:"id"`
			Players []float64 `json:"players"`
		} `json:"heat_map"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if rep.Records != 4 || len(rep.Leaderboard) != 3 || len(rep.HeatMap) != 10 {
		t.Fatalf("report: %d records, %d players, %d heat map rows; want 4, 3, 10", rep.Records, len(rep.Leaderboard), len(rep.HeatMap))
	}
	if rep.Leaderboard[0].User != "ada" || len(rep.HeatMap[0].Players) != 3 {
		t.Errorf("leaderboard %+v, want ada first", rep.Leaderboard)
	}

	code, out, _ = runCLI(t, append([]string{"report"}, files...)...)
	for _, want := range []string{"# gameday team report", "4 records from 3 files, 3 players.", "| 1 | ada |", "| retries | ░ 33% | █ 100% | · 0% | · 0% |"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown (exit %d) lacks %q:\n%s", code, want, out)
		}
	}

	code, out, _ = runCLI(t, append([]string{"report", "--format", "csv"}, files...)...)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || code != 0 {
		t.Fatalf("csv (exit %d): %v\n%s", code, err, out)
	}
	if len(rows) != 4 || len(rows[0]) != 18 || rows[0][8] != "timeouts" || rows[1][1] != "ada" {
		t.Errorf("csv rows %q, want a header and 3 players with 8 + 10 columns", rows)
	}
}

const retryAnswer = "I retry only transient failures, such as a 503, with exponential backoff and jitter so that clients " +
	"do not retry in lockstep. At most three attempts and a retry budget, because retries multiply load at every layer. " +
	"Only idempotent calls are retried."

func TestHistoryCommandsRejectBadInput(t *testing.T) {
	dir := t.TempDir()
	notHistory := filepath.Join(dir, "drill.yaml")
	if err := os.WriteFile(notHistory, []byte("id: x\ntitle: A drill\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"unknown question", "x", []string{"answer", "nope"}, `no question with id "nope"; run ` + "`gameday questions`"},
		{"empty answer", " \n", []string{"answer", "choose-timeout"}, "the answer is empty"},
		{"binary answer", "\xff\xfe", []string{"answer", "choose-timeout"}, "not UTF-8"},
		{"huge answer", strings.Repeat("a", maxAnswerSize+1), []string{"answer", "choose-timeout"}, "longer than 65536 bytes"},
		{"bad user", timeoutAnswer, []string{"answer", "choose-timeout", "--user", "a|b"}, `--user "a|b" contains`},
		{"report without files", "", []string{"report"}, "report takes one or more history files"},
		{"report missing file", "", []string{"report", filepath.Join(dir, "nope.jsonl")}, "nope.jsonl does not exist"},
		{"report bad format", "", []string{"report", "--format", "pdf", "x"}, `invalid value "pdf" for --format`},
		{"report directory", "", []string{"report", dir}, "is a directory; give the history file in it, such as " + filepath.Join(dir, "history.jsonl")},
		{"report of no history", "", []string{"report", notHistory}, "found no gameday history records in " + notHistory + "; give the history.jsonl file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runWithInput(t, tc.stdin, append(tc.args, "--data-dir", dir)...)
			if code != exitUsageError {
				t.Fatalf("exit %d, want %d; stderr %q", code, exitUsageError, errOut)
			}
			if !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr %q lacks %q", errOut, tc.want)
			}
		})
	}
	if lines := historyLines(t, dir); lines != nil {
		t.Errorf("rejected commands wrote history %q", lines)
	}
}

func TestQuestionsListsIDs(t *testing.T) {
	code, out, _ := runCLI(t, "questions")
	if code != 0 || !strings.Contains(out, "resilient-systems") || !strings.Contains(out, "all ten") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
}

func TestDataDirThatIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "history.jsonl")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"progress"},
		{"run", "payment-provider-hangs", "--record"},
		{"answer", "choose-timeout"},
	} {
		code, _, errOut := runWithInput(t, timeoutAnswer, append(args, "--data-dir", file)...)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2 for bad input", args[0], code)
		}
		if want := "--data-dir " + file + " is a file, not a directory"; !strings.Contains(errOut, want) {
			t.Errorf("%s: stderr %q, want it to contain %q", args[0], errOut, want)
		}
	}
}

func TestReportWarnsOfFileWithoutRecords(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "run", "payment-provider-hangs", "--record", "--data-dir", dir); code != 0 {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	notHistory := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notHistory, []byte("remember the breaker\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := runCLI(t, "report", filepath.Join(dir, "history.jsonl"), notHistory)
	if code != 0 {
		t.Fatalf("exit %d, want 0 when one file has records; stderr %q", code, errOut)
	}
	if !strings.Contains(out, "1 record from 2 files") {
		t.Errorf("report lacks the one record:\n%s", out)
	}
	if want := notHistory + " contains no gameday history records"; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q lacks %q", errOut, want)
	}
}
