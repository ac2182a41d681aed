package scoring

import (
	"path/filepath"
	"testing"
	"time"
)

func TestReportMergesThreeFiles(t *testing.T) {
	lib := questionLib(t)
	_, d := setup(t)
	dir := t.TempDir()
	ref := grade(t, d.Reference)
	nothing := grade(t, nil)
	adaAnswer := answerRecordAt(t, day0.Add(2*time.Hour), "ada", "resilient-systems", nineConcepts)
	files := map[string][]Record{
		"ada.jsonl": {
			DrillRecord(ref, day0, "ada"),
			adaAnswer,
		},
		"bob.jsonl": {
			DrillRecord(nothing, day0, "bob"),
			DrillRecord(ref, day0.Add(time.Hour), "bob"),
		},
		// Cara's file also holds a copy of one of Ada's records, as when
		// someone merges files by hand.
		"cara.jsonl": {
			answerRecordAt(t, day0, "cara", "choose-timeout", mustModelAnswer(t, "choose-timeout")),
			adaAnswer,
		},
	}
	var all []Record
	for _, name := range []string{"ada.jsonl", "bob.jsonl", "cara.jsonl"} {
		path := filepath.Join(dir, name)
		for _, r := range files[name] {
			if err := AppendRecord(path, r); err != nil {
				t.Fatal(err)
			}
		}
		rs, warnings, err := ReadHistory(path)
		if err != nil || len(warnings) > 0 {
			t.Fatalf("%s: %v %v", name, err, warnings)
		}
		all = append(all, rs...)
	}

	rep := BuildReport(lib, all)
	if rep.Records != 5 {
		t.Errorf("%d records merged, want 5 (six read, one duplicate)", rep.Records)
	}
	if len(rep.Leaderboard) != 3 {
		t.Fatalf("%d players, want 3", len(rep.Leaderboard))
	}
	var order []string
	for _, p := range rep.Leaderboard {
		order = append(order, p.User)
	}
	// Ada covered nine concepts and both drill concepts: highest mastery.
	// Bob and Cara reach no level; Bob's drills cover more concepts.
	if order[0] != "ada" || order[1] != "bob" || order[2] != "cara" {
		t.Errorf("leaderboard %v, want ada, bob, cara", order)
	}
	ada, bob, cara := rep.Leaderboard[0], rep.Leaderboard[1], rep.Leaderboard[2]
	if ada.Rank != 1 || ada.Drills != 1 || ada.Answers != 1 || ada.AverageScore != 95 || ada.BestScore != 100 {
		t.Errorf("ada %+v, want rank 1, one drill, one answer, average 95, best 100", ada)
	}
	if bob.Drills != 2 || bob.Answers != 0 || bob.BestScore != 100 {
		t.Errorf("bob %+v, want two drills, best 100", bob)
	}
	if cara.Answers != 1 || cara.Concepts[0] != 1 {
		t.Errorf("cara %+v, want one answer and timeouts mastered", cara)
	}

	if len(rep.HeatMap) != 10 {
		t.Fatalf("%d heat map rows, want 10", len(rep.HeatMap))
	}
	timeouts := rep.HeatMap[0]
	if timeouts.ID != "timeouts" || timeouts.Practised != 3 || len(timeouts.Players) != 3 {
		t.Errorf("timeouts row %+v, want practised by all 3", timeouts)
	}
	failover := rep.HeatMap[7]
	if failover.ID != "failover" || failover.Practised != 1 || failover.Average != 0 {
		t.Errorf("failover row %+v, want practised by Ada alone, at 0", failover)
	}
	want := (ada.Concepts[0] + bob.Concepts[0] + cara.Concepts[0]) / 3
	if diff := timeouts.Average - want; diff > 0.001 || diff < -0.001 {
		t.Errorf("timeouts average %.3f, want %.3f", timeouts.Average, want)
	}
}

func TestReportOfNothingIsEmpty(t *testing.T) {
	rep := BuildReport(questionLib(t), nil)
	if rep.Records != 0 || len(rep.Leaderboard) != 0 || len(rep.HeatMap) != 10 {
		t.Fatalf("empty report %+v", rep)
	}
}
