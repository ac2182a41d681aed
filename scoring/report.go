package scoring

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"gameday/content"
)

// Report merges several people's histories into a leaderboard and a team
// heat map of mastery per concept.
type Report struct {
	// Records counts the records merged, after dropping duplicates (the
	// same record in two files).
	Records int `json:"records"`

	Leaderboard []PlayerSummary `json:"leaderboard"`
	HeatMap     []TeamConcept   `json:"heat_map"`
}

// PlayerSummary is one line of the leaderboard.
type PlayerSummary struct {
	Rank    int    `json:"rank"`
	User    string `json:"user"`
	Level   string `json:"level"`
	LevelID string `json:"level_id"`

	Drills  int `json:"drills_played"`
	Answers int `json:"answers_graded"`

	// AverageScore is the mean score of the player's records, to one
	// decimal; BestScore the highest.
	AverageScore float64 `json:"average_score"`
	BestScore    int     `json:"best_score"`

	// Mastery is the mean mastery over the ten concepts, 0 to 1, and
	// Concepts the mastery of each, in checklist order.
	Mastery  float64   `json:"mastery"`
	Concepts []float64 `json:"concepts"`
}

// TeamConcept is one row of the heat map: a concept's mastery across the
// team.
type TeamConcept struct {
	ID    string `json:"id"`
	Title string `json:"title"`

	// Average is the mean mastery of the players, 0 to 1; Practised counts
	// the players with at least one attempt.
	Average   float64 `json:"average"`
	Practised int     `json:"practised"`

	// Players is each player's mastery, in leaderboard order.
	Players []float64 `json:"players"`
}

// BuildReport merges records from several history files. Records are
// grouped by user; a record without a user counts as "unknown". Identical
// records (the same file merged twice) count once. The leaderboard ranks
// by level, then mean mastery, then average score, then name.
func BuildReport(lib *content.Library, records []Record) Report {
	seen := map[string]bool{}
	byUser := map[string][]Record{}
	total := 0
	for _, r := range records {
		key := recordKey(r)
		if seen[key] {
			continue
		}
		seen[key] = true
		total++
		user := r.User
		if user == "" {
			user = "unknown"
		}
		byUser[user] = append(byUser[user], r)
	}

	rep := Report{Records: total, Leaderboard: []PlayerSummary{}, HeatMap: []TeamConcept{}}
	for user, rs := range byUser {
		slices.SortStableFunc(rs, func(a, b Record) int { return a.Time.Compare(b.Time) })
		rep.Leaderboard = append(rep.Leaderboard, summarisePlayer(lib, user, rs))
	}
	slices.SortFunc(rep.Leaderboard, func(a, b PlayerSummary) int {
		return cmp.Or(
			cmp.Compare(levelRank(b.LevelID), levelRank(a.LevelID)),
			cmp.Compare(b.Mastery, a.Mastery),
			cmp.Compare(b.AverageScore, a.AverageScore),
			cmp.Compare(a.User, b.User),
		)
	})
	for i := range rep.Leaderboard {
		rep.Leaderboard[i].Rank = i + 1
	}

	for i, c := range lib.Checklist.Concepts {
		tc := TeamConcept{ID: c.ID, Title: c.Title, Players: []float64{}}
		for _, p := range rep.Leaderboard {
			tc.Players = append(tc.Players, p.Concepts[i])
			tc.Average += p.Concepts[i]
		}
		if n := len(rep.Leaderboard); n > 0 {
			tc.Average = math.Round(tc.Average/float64(n)*1000) / 1000
		}
		for _, rs := range byUser {
			if slices.ContainsFunc(rs, func(r Record) bool {
				return slices.ContainsFunc(r.Concepts, func(cr ConceptResult) bool { return cr.ID == c.ID })
			}) {
				tc.Practised++
			}
		}
		rep.HeatMap = append(rep.HeatMap, tc)
	}
	return rep
}

func summarisePlayer(lib *content.Library, user string, rs []Record) PlayerSummary {
	p := ComputeProgress(lib, rs, rs[len(rs)-1].Time)
	s := PlayerSummary{User: user, Level: p.Level, LevelID: p.LevelID, Drills: p.Drills, Answers: p.Answers, Concepts: []float64{}}
	sum := 0
	for _, r := range rs {
		sum += r.Score
		s.BestScore = max(s.BestScore, r.Score)
	}
	s.AverageScore = math.Round(float64(sum)/float64(len(rs))*10) / 10
	for _, c := range p.Concepts {
		s.Concepts = append(s.Concepts, c.Mastery)
		s.Mastery += c.Mastery
	}
	s.Mastery = math.Round(s.Mastery/float64(len(p.Concepts))*1000) / 1000
	return s
}

// recordKey identifies a record for merging: two files holding the same
// record count it once.
func recordKey(r Record) string {
	return fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%d", r.User, r.Kind, r.ID, r.Time.UTC().Format(time.RFC3339Nano), r.Score)
}

// levelRank orders level ids from "none" up; unknown ids rank lowest.
func levelRank(id string) int {
	l, ok := content.ParseLevel(id)
	if !ok {
		return 0
	}
	return int(l)
}
