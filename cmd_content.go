package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"gameday/content"
)

// contentFlag is the global flag that adds a team's pack.
const contentFlag = "content"

// addContentFlag adds --content DIR to every command.
func addContentFlag(root *cobra.Command) {
	// A string array, not a string, so that a second --content is seen
	// and rejected instead of silently replacing the first.
	root.PersistentFlags().StringArray(contentFlag, nil, "also load the team pack in `DIR` (its drills/ID.yaml files and questions.yaml) beside the built-in content")
}

// packDir returns the directory --content names, or "" when the flag is
// not set. An empty value, or the flag given more than once, is an input
// error.
func packDir(cmd *cobra.Command) (string, error) {
	f := cmd.Flag(contentFlag)
	if f == nil || !f.Changed {
		return "", nil
	}
	// GetStringArray would lose an empty value, so read the slice itself.
	dirs := f.Value.(pflag.SliceValue).GetSlice()
	if len(dirs) > 1 {
		return "", badInput("--content is given %d times (%s); gameday loads one pack, so put the drills and questions of these packs in one directory", len(dirs), strings.Join(dirs, ", "))
	}
	if dirs[0] == "" {
		return "", badInput("--content needs a directory; leave the flag out to use the built-in drills only")
	}
	return dirs[0], nil
}

// loadLibrary loads the built-in content and the --content pack, if any.
// A failure of the built-in content is a bug in gameday; a failure of the
// pack is the user's input.
func loadLibrary(cmd *cobra.Command) (*content.Library, error) {
	lib, err := content.Builtin()
	if err != nil {
		return nil, fmt.Errorf("built-in content is invalid: %w", err)
	}
	dir, err := packDir(cmd)
	if err != nil || dir == "" {
		return lib, err
	}
	pack, err := content.LoadPack(dir, &lib.Checklist)
	if err != nil {
		return nil, packError(dir, err)
	}
	lib, ps := lib.WithPack(pack)
	if len(ps) > 0 {
		return nil, packError(dir, ps)
	}
	return lib, nil
}

// packError reports an invalid pack with every problem on a line of its
// own, and how to check the pack again.
func packError(dir string, err error) error {
	var ps content.Problems
	if !errors.As(err, &ps) {
		return badInput("cannot load the --content pack %s: %v", dir, err)
	}
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = "  " + p.Error()
	}
	return badInput("the --content pack %s is invalid (check it with `gameday validate %s`):\n%s", dir, dir, strings.Join(lines, "\n"))
}

// loadDrill loads the content and finds the drill with the id.
func loadDrill(cmd *cobra.Command, id string) (*content.Library, *content.Drill, error) {
	lib, err := loadLibrary(cmd)
	if err != nil {
		return nil, nil, err
	}
	d, err := findDrill(lib, id)
	if err != nil {
		return nil, nil, err
	}
	return lib, d, nil
}

// findDrill returns the drill with the id or an input error listing the ids.
func findDrill(lib *content.Library, id string) (*content.Drill, error) {
	if d := lib.Drill(id); d != nil {
		return d, nil
	}
	ids := make([]string, len(lib.Drills))
	for i, d := range lib.Drills {
		ids[i] = d.ID
	}
	return nil, badInput("no drill with id %q; run `gameday list` to see them (%s)", id, strings.Join(ids, ", "))
}
