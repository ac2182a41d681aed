package ui

import (
	"cmp"
	"slices"

	"gameday/content"
)

// visible returns the drills that pass the list's filters, ordered by
// difficulty (beginner, intermediate, advanced) and then by title.
func (l *drillList) visible() []*content.Drill {
	var out []*content.Drill
	for _, d := range l.app.lib.Drills {
		if l.concept != "" && !slices.Contains(d.Concepts, l.concept) {
			continue
		}
		if l.difficulty != "" && d.Difficulty != l.difficulty {
			continue
		}
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b *content.Drill) int {
		return cmp.Or(
			cmp.Compare(difficultyRank(a.Difficulty), difficultyRank(b.Difficulty)),
			cmp.Compare(a.Title, b.Title),
			cmp.Compare(a.ID, b.ID),
		)
	})
	return out
}

// difficultyRank returns the difficulty's place in content.Difficulties;
// an unknown difficulty sorts last.
func difficultyRank(d string) int {
	if i := slices.Index(content.Difficulties, d); i >= 0 {
		return i
	}
	return len(content.Difficulties)
}

// nextFilter returns the value after current in the cycle "" (any),
// values[0], values[1], …, back to "".
func nextFilter(current string, values []string) string {
	i := slices.Index(values, current)
	if i+1 < len(values) {
		return values[i+1]
	}
	return ""
}

// orAll returns the filter's value, or "all" for the empty filter.
func orAll(filter string) string {
	if filter == "" {
		return "all"
	}
	return filter
}
