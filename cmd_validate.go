package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"gameday/content"
	"gameday/drills"
)

// maxProofSeeds caps --seeds, so that a typo cannot start an hour of
// replays.
const maxProofSeeds = 50

func newValidateCmd() *cobra.Command {
	var (
		prove bool
		seeds int
	)
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check content files and packs, and report every problem",
		Long: `Check drill files, checklists and packs, and report every problem found as
file:line: field: message, with what is expected.

Each PATH is one of:
  a pack directory        DIR/drills/ID.yaml files and an optional
                          DIR/questions.yaml, checked against the built-in
                          checklist and for ids the built-in content (or
                          another PATH) already uses
  a content directory     a directory with its own checklist.yaml, laid out
                          like gameday's content/ and checked on its own
  a drill file            ID.yaml, checked against the checklist of the
                          content directory it lies in, else the built-in one
  a questions file        questions.yaml, checked the same way
  a checklist file        checklist.yaml

With no PATH, validate checks the built-in content. A --content pack is
checked too.

With --prove, every drill checked is also proven by simulation on several
seeds: doing nothing must miss the SLO, the reference solution must meet
it, and each wrong or useless move alone must miss it; a useless move must
also change the requests lost by less than 5 % of the reference's
improvement. The report shows each run's success share, p99 and requests
lost, as ranges over the seeds.

Exit status: 0 when everything is valid (and proven), 1 when a problem
is found, 2 for a bad command line.`,
		Example: `  gameday validate
  gameday validate my-pack --prove
  gameday validate my-pack/drills/checkout-db-slow.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if seeds < 1 || seeds > maxProofSeeds {
				return badInput("--seeds is %d; use a number from 1 to %d", seeds, maxProofSeeds)
			}
			if cmd.Flags().Changed("seeds") && !prove {
				return badInput("--seeds only applies with --prove")
			}
			sources, err := checkSources(cmd, args)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if err := reportSources(out, sources); err != nil || !prove {
				return err
			}
			return proveSources(out, sources, seeds)
		},
	}
	cmd.Flags().BoolVar(&prove, "prove", false, "also prove each drill by simulation and report every run")
	cmd.Flags().IntVar(&seeds, "seeds", drills.DefaultProofSeeds, "with --prove, the number of seeds each drill is replayed on")
	return cmd
}

// source is one thing validate checks: the built-in content, the --content
// pack, or a PATH.
type source struct {
	name string // as the user gave it, or "built-in content"
	kind string // "built-in content", "pack", "content directory", "drill", "questions", "checklist"

	checklist  *content.Checklist // the checklist its drills were checked against
	concepts   int                // the concepts of a checklist it holds, 0 for none
	drills     []*content.Drill
	questions  *content.PackQuestions // of a pack or a questions file
	nQuestions int                    // the questions it holds
	problems   content.Problems

	// ownChecklist marks content checked against a checklist of its own,
	// whose ids are not compared with the built-in content.
	ownChecklist bool
}

// checkSources loads and checks the built-in content, the --content pack
// and every PATH. A PATH that does not exist, or is neither a directory
// nor a .yaml file, is an input error. Problems in the files are not.
func checkSources(cmd *cobra.Command, paths []string) ([]*source, error) {
	if err := checkPaths(paths); err != nil {
		return nil, err
	}
	dir, err := packDir(cmd)
	if err != nil {
		return nil, err
	}

	builtin := &source{name: "built-in content", kind: "built-in content", ownChecklist: true}
	lib, err := content.Builtin()
	if err != nil {
		builtin.problems = content.AsProblems(err)
		return []*source{builtin}, nil
	}
	builtin.checklist, builtin.concepts, builtin.drills = &lib.Checklist, len(lib.Checklist.Concepts), lib.Drills
	builtin.nQuestions = len(lib.Questions.Questions)

	var sources []*source
	if len(paths) == 0 {
		sources = append(sources, builtin)
	}
	if dir != "" {
		paths = append([]string{dir}, paths...)
	}
	seen := map[string]bool{}
	for i, p := range paths {
		if abs := absPath(p); !seen[abs] {
			seen[abs] = true
			src := loadSource(p, &lib.Checklist)
			if dir != "" && i == 0 {
				src.kind = "--content pack"
			}
			sources = append(sources, src)
		}
	}
	findClashes(lib, sources)
	return sources, nil
}

// checkPaths rejects PATHs that validate cannot check, naming every one.
func checkPaths(paths []string) error {
	var bad []string
	for _, p := range paths {
		info, err := os.Stat(p)
		switch {
		case errors.Is(err, os.ErrNotExist):
			bad = append(bad, fmt.Sprintf("%s does not exist", p))
		case err != nil:
			bad = append(bad, fmt.Sprintf("%s cannot be read: %v", p, err))
		case !info.IsDir() && filepath.Ext(p) != ".yaml":
			bad = append(bad, fmt.Sprintf("%s is neither a directory nor a .yaml file", p))
		}
	}
	if len(bad) > 0 {
		return badInput("cannot validate: %s. Give pack or content directories, drill files, a questions.yaml or a checklist.yaml", strings.Join(bad, "; "))
	}
	return nil
}

// loadSource loads one PATH and checks it, against cl unless it carries a
// checklist of its own.
func loadSource(p string, cl *content.Checklist) *source {
	info, err := os.Stat(p)
	if err != nil {
		return &source{name: p, kind: "path", problems: content.AsProblems(err)}
	}
	if info.IsDir() {
		return loadDirSource(p, cl)
	}
	return loadFileSource(p, cl)
}

// loadDirSource loads a content directory or a pack.
func loadDirSource(p string, cl *content.Checklist) *source {
	if content.IsContentDir(p) {
		src := &source{name: p, kind: "content directory", ownChecklist: true}
		lib, err := content.LoadContentDir(p)
		if err != nil {
			src.problems = content.AsProblems(err)
			return src
		}
		src.checklist, src.concepts, src.drills = &lib.Checklist, len(lib.Checklist.Concepts), lib.Drills
		src.nQuestions = len(lib.Questions.Questions)
		return src
	}

	src := &source{name: p, kind: "pack", checklist: cl}
	pack, err := content.LoadPack(p, cl)
	if err != nil {
		src.problems = content.AsProblems(err)
	}
	if pack != nil {
		src.drills, src.questions = pack.Drills, pack.Questions
		if pack.Questions != nil {
			src.nQuestions = len(pack.Questions.Set.Questions)
		}
	}
	return src
}

// loadFileSource loads a checklist, a questions file or a drill file. A
// questions or drill file inside a content directory is checked against
// that directory's checklist, else against cl.
func loadFileSource(p string, cl *content.Checklist) *source {
	src := &source{name: p, kind: "drill", checklist: cl}
	base, dir := filepath.Base(p), filepath.Dir(p)
	if base == "checklist.yaml" {
		src.kind = "checklist"
		data, err := content.ReadFile(p)
		if err == nil {
			src.checklist, err = content.ParseChecklist(p, data)
		}
		if err != nil {
			src.problems = content.AsProblems(err)
			return src
		}
		src.concepts = len(src.checklist.Concepts)
		return src
	}

	if base == "questions.yaml" {
		src.kind = "questions"
	} else if filepath.Base(dir) == "drills" {
		dir = filepath.Dir(dir)
	}
	if content.IsContentDir(dir) {
		src.kind, src.ownChecklist = src.kind+" of the content directory "+dir, true
		file := filepath.Join(dir, "checklist.yaml")
		data, err := content.ReadFile(file)
		if err == nil {
			src.checklist, err = content.ParseChecklist(file, data)
		}
		if err != nil {
			src.problems = content.AsProblems(err)
			return src
		}
	}

	if base == "questions.yaml" {
		pq, err := content.LoadQuestionsFile(p, src.checklist)
		if err != nil {
			src.problems = content.AsProblems(err)
			return src
		}
		src.questions, src.nQuestions = pq, len(pq.Set.Questions)
		return src
	}
	d, err := content.LoadDrillFile(p, src.checklist)
	if err != nil {
		src.problems = content.AsProblems(err)
		return src
	}
	src.drills = []*content.Drill{d}
	return src
}

// findClashes reports drill and question ids used twice across the
// built-in content, packs and files. A content directory is checked on its
// own, and a file inside one is not compared with the built-in content.
func findClashes(lib *content.Library, sources []*source) {
	merged := lib
	files := map[string]bool{}
	for _, d := range lib.Drills {
		files[absPath(d.File)] = true
	}
	for _, src := range sources {
		if src.ownChecklist {
			continue
		}
		var add []*content.Drill
		for _, d := range src.drills {
			// A file given twice, once in a pack and once alone, is one drill.
			if abs := absPath(d.File); !files[abs] {
				files[abs] = true
				add = append(add, d)
			}
		}
		var clashes content.Problems
		merged, clashes = merged.WithDrills(add)
		src.problems = append(src.problems, clashes...)
		if q := src.questions; q != nil && !files[absPath(q.Set.File)] {
			files[absPath(q.Set.File)] = true
			merged, clashes = merged.WithQuestions(q)
			src.problems = append(src.problems, clashes...)
		}
	}
}

// reportSources prints every problem, then a line per source. It returns
// an error, for exit status 1, when there is a problem.
func reportSources(w io.Writer, sources []*source) error {
	total := 0
	files := map[string]bool{}
	for _, src := range sources {
		for _, p := range src.problems {
			fmt.Fprintln(w, p.Error())
			files[p.File] = true
		}
		total += len(src.problems)
	}
	if total > 0 {
		fmt.Fprintln(w)
	}
	for _, src := range sources {
		fmt.Fprintln(w, content.EscapeUnsafe(src.summary()))
	}
	if total > 0 {
		fix := "fix them"
		if total == 1 {
			fix = "fix it"
		}
		return fmt.Errorf("found %s in %s; %s and run gameday validate again", plural(total, "problem"), plural(len(files), "file"), fix)
	}
	return nil
}

// summary returns the source's line of the report.
func (src *source) summary() string {
	name := src.name
	if src.kind != src.name {
		name += " (" + src.kind + ")"
	}
	if n := len(src.problems); n > 0 {
		return fmt.Sprintf("FAIL  %s: %s", name, plural(n, "problem"))
	}
	var parts []string
	if src.concepts > 0 {
		parts = append(parts, fmt.Sprintf("checklist of %s", plural(src.concepts, "concept")))
	}
	if src.kind != "checklist" && !strings.HasPrefix(src.kind, "questions") {
		ids := make([]string, len(src.drills))
		for i, d := range src.drills {
			ids[i] = d.ID
		}
		part := plural(len(src.drills), "drill")
		if len(ids) > 0 {
			part += " (" + strings.Join(ids, ", ") + ")"
		}
		parts = append(parts, part)
	}
	if src.nQuestions > 0 {
		parts = append(parts, plural(src.nQuestions, "question"))
	}
	return fmt.Sprintf("ok    %s: %s", name, strings.Join(parts, ", "))
}

// absPath returns p as an absolute, clean path, or p itself when the
// working directory is unknown.
func absPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}
