package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"gameday/content"
)

func newNewCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "new ID",
		Short: "Write a starter drill to edit into your own",
		Long: `Write a starter drill, a commented YAML file, to DIR/drills/ID.yaml, where
DIR is a pack directory (--dir, default the current directory). The starter
validates and proves as it is: edit it into your own incident, and check it
after each change with gameday validate DIR --prove.

ID is lowercase letters, digits and single hyphens, such as
checkout-db-slow. new never overwrites a file, and rejects an id that a
built-in drill or the --content pack already uses.`,
		Example: `  gameday new checkout-db-slow --dir my-pack
  gameday validate my-pack --prove
  gameday --content my-pack play checkout-db-slow`,
		Args: exactArgs(1, "a drill id, such as checkout-db-slow"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := args[0]
			if err := content.ValidateID(id); err != nil {
				return badInput("drill id %v", err)
			}
			if dir == "" {
				return badInput("--dir needs a directory; leave the flag out to write into the current directory")
			}
			lib, err := loadLibrary(cmd)
			if err != nil {
				return err
			}
			if d := lib.Drill(id); d != nil {
				return badInput("the drill %s already has the id %q; choose another", d.File, id)
			}

			data, err := content.StarterDrill(id)
			if err != nil {
				return err
			}
			drillsDir := filepath.Join(dir, "drills")
			if err := os.MkdirAll(drillsDir, 0o755); err != nil {
				return badInput("failed to create %s: %v", drillsDir, unwrapPath(err))
			}
			file := filepath.Join(drillsDir, id+".yaml")
			if err := writeNewFile(file, data); err != nil {
				return err
			}

			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "Wrote %s, a starter drill that validates and proves.\n\n", file)
			fmt.Fprintf(out, "Edit it into your own incident, then check it:  gameday validate %s --prove\n", dir)
			fmt.Fprintf(out, "Play it:                                        gameday --content %s play %s\n", dir, id)
			fmt.Fprintln(out, "Every field is described in docs/authoring.md of gameday's source.")
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", ".", "pack `DIR`ectory to write into; the drill goes to DIR/drills/ID.yaml")
	return cmd
}

// writeNewFile writes data to file, which must not exist yet, so that the
// file appears whole or not at all: the data goes to a temporary file in
// the same directory, which is then hard-linked to its name. A link never
// replaces an existing file.
//
// NOTE: where the file system has no hard links, the file is created with
// O_EXCL and written in place instead. It is still never overwritten, but
// a crash while writing can leave it incomplete.
func writeNewFile(file string, data []byte) error {
	if _, err := os.Lstat(file); err == nil {
		return existsError(file)
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*.tmp")
	if err != nil {
		return badInput("failed to write %s: %v", file, unwrapPath(err))
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("failed to write %s: %w", file, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("failed to write %s: %w", file, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("failed to write %s: %w", file, err)
	}
	// CreateTemp makes the file readable by its owner only.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("failed to write %s: %w", file, err)
	}

	err = os.Link(tmp.Name(), file)
	switch {
	case errors.Is(err, fs.ErrExist):
		return existsError(file)
	case err != nil:
		return writeExclusive(file, data)
	}
	return nil
}

// writeExclusive creates file, failing if it exists, and writes data.
func writeExclusive(file string, data []byte) error {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return existsError(file)
	}
	if err != nil {
		return fmt.Errorf("failed to write %s: %w", file, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("failed to write %s: %w", file, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("failed to write %s: %w", file, err)
	}
	return nil
}

func existsError(file string) error {
	return badInput("%s already exists; gameday new never overwrites a file, so choose another id or move the file away", file)
}

// unwrapPath returns the reason of a *fs.PathError without the path, which
// the message names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
