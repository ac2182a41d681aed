package scoring

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ReadLeitner reads the study file at path. A missing file is a fresh
// state with no error. A file that cannot be used (invalid JSON, a newer
// version, a box out of range) also gives a fresh state, with a warning
// that names the file and the problem. The file itself is left in place,
// and WriteLeitner moves it aside before it writes, so no data is lost.
// The error is set only when the file exists but cannot be read.
func ReadLeitner(path string) (l *Leitner, warning string, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Leitner{Version: LeitnerVersion}, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("reading the study file: %w", err)
	}
	l, problem := parseLeitner(data)
	if problem != "" {
		return &Leitner{Version: LeitnerVersion}, fmt.Sprintf("%s: %s; study starts again from box 1, and the file is kept beside it as %s.corrupt when the next answer is saved", path, problem, filepath.Base(path)), nil
	}
	return l, "", nil
}

// parseLeitner decodes a study file, or returns what makes it unusable.
func parseLeitner(data []byte) (*Leitner, string) {
	var l Leitner
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, fmt.Sprintf("invalid study file (%v)", err)
	}
	if l.Version < 1 || l.Version > LeitnerVersion {
		return nil, fmt.Sprintf("study file version %d is not one this build reads (1 to %d)", l.Version, LeitnerVersion)
	}
	for id, c := range l.Cards {
		if c.Box < 1 || c.Box > LeitnerBoxes {
			return nil, fmt.Sprintf("card %q is in box %d; boxes are 1 to %d", id, c.Box, LeitnerBoxes)
		}
	}
	return &l, ""
}

// WriteLeitner replaces the study file at path with l, creating its
// directory (mode 0700) when missing. The file appears whole or not at
// all: it is written to a temporary file in the same directory, synced,
// then renamed over the old one. An existing file that ReadLeitner would
// reject is first renamed to PATH.corrupt (or PATH.corrupt-2 and so on),
// never overwritten.
func WriteLeitner(path string, l *Leitner) error {
	out := *l
	out.Version = LeitnerVersion
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the study file: %w", err)
	}
	data = append(data, '\n')

	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating the study directory: %w", err)
	}
	if err := keepCorrupt(path); err != nil {
		return err
	}

	tmp, err := os.CreateTemp(dir, ".study-*.tmp")
	if err != nil {
		return fmt.Errorf("writing the study file in %s: %w", dir, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("syncing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	return nil
}

// keepCorrupt renames the file at path to a free PATH.corrupt name when
// it exists and is not a usable study file.
func keepCorrupt(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading the study file: %w", err)
	}
	if _, problem := parseLeitner(data); problem == "" {
		return nil
	}
	for n := 1; n <= 1000; n++ {
		aside := path + ".corrupt"
		if n > 1 {
			aside = fmt.Sprintf("%s.corrupt-%d", path, n)
		}
		if _, err := os.Lstat(aside); errors.Is(err, os.ErrNotExist) {
			if err := os.Rename(path, aside); err != nil {
				return fmt.Errorf("keeping the unusable study file as %s: %w", aside, err)
			}
			return nil
		}
	}
	return fmt.Errorf("%s already has 1000 .corrupt copies; move some away", path)
}
