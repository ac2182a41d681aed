package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gameday/content"
)

// actionsFile returns the steps in the format of an actions file.
func actionsFile(drillID string, steps []content.Step) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Moves of one play of %s. Replay them with:\n", drillID)
	fmt.Fprintf(&b, "#   gameday run %s --actions FILE\n", drillID)
	if len(steps) == 0 {
		b.WriteString("[]\n")
	}
	for _, st := range steps {
		b.WriteString("- " + content.FormatStep(st) + "\n")
	}
	return b.String()
}

// saveActions writes an actions file to DIR/NAME.yaml, or NAME-2.yaml and
// so on when that exists, and returns the path; see saveNew.
func saveActions(dir, name, data string) (string, error) {
	return saveNew(dir, name, ".yaml", data)
}

// saveNew writes data to DIR/NAME.EXT, or NAME-2.EXT and so on when that
// exists, and returns the path. The file appears whole or not at all: it
// is written to a temporary file, synced, then linked into place, which
// also never replaces an existing file.
func saveNew(dir, name, ext, data string) (string, error) {
	tmp, err := os.CreateTemp(dir, ".gameday-*.tmp")
	if err != nil {
		return "", fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	defer os.Remove(tmp.Name())

	if _, err := tmp.WriteString(data); err != nil {
		tmp.Close()
		return "", fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}

	for n := 1; n <= 1000; n++ {
		path := filepath.Join(dir, name+ext)
		if n > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d%s", name, n, ext))
		}
		err := os.Link(tmp.Name(), path)
		if err == nil {
			return path, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", fmt.Errorf("saving %s: %w", path, err)
		}
	}
	return "", fmt.Errorf("%s already has 1000 files named %s-N%s; move some away", dir, name, ext)
}
