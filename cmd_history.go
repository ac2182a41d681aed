package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"gameday/scoring"
)

// historyFileName is the history file's name in the data directory.
const historyFileName = "history.jsonl"

// maxWarnings is how many skipped history lines are listed one by one;
// the rest are counted.
const maxWarnings = 10

// globalOptions are the flags every command shares.
type globalOptions struct {
	// dataDir overrides where the history is kept (--data-dir).
	dataDir string

	// userName overrides the name records are filed under (--user).
	userName string

	// now is the clock that dates records and streaks; scoring never
	// reads it itself.
	now func() time.Time
}

func (o *globalOptions) addFlags(cmd *cobra.Command) {
	cmd.PersistentFlags().StringVar(&o.dataDir, "data-dir", "",
		"directory of the history file (default: $XDG_DATA_HOME/gameday, or ~/.local/share/gameday)")
	cmd.PersistentFlags().StringVar(&o.userName, "user", "",
		"name to file history records under, for team reports (default: $USER)")
}

// historyPath returns the history file's path: in --data-dir, else in
// $XDG_DATA_HOME/gameday when that is an absolute path (the XDG base
// directory specification says to ignore a relative one), else in
// ~/.local/share/gameday.
func (o *globalOptions) historyPath() (string, error) {
	if o.dataDir != "" {
		// A missing directory is created on the first write, but a file
		// in its place would fail only then, with a message about a path
		// the user never typed.
		if info, err := os.Stat(o.dataDir); err == nil && !info.IsDir() {
			return "", badInput("--data-dir %s is a file, not a directory; give the directory that holds %s, such as %s", o.dataDir, historyFileName, filepath.Dir(o.dataDir))
		}
		return filepath.Join(o.dataDir, historyFileName), nil
	}
	if xdg := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(xdg) {
		return filepath.Join(xdg, "gameday", historyFileName), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", badInput("cannot find the data directory (%v); set --data-dir or XDG_DATA_HOME", err)
	}
	return filepath.Join(home, ".local", "share", "gameday", historyFileName), nil
}

// user returns the name to file records under: --user, else $USER, else
// $LOGNAME, else "unknown".
func (o *globalOptions) user() string {
	for _, name := range []string{o.userName, os.Getenv("USER"), os.Getenv("LOGNAME")} {
		if name = strings.TrimSpace(name); name != "" {
			return name
		}
	}
	return "unknown"
}

// checkUser rejects a --user that would garble reports.
func (o *globalOptions) checkUser() error {
	name := o.user()
	if len(name) > 64 {
		return badInput("--user %q is longer than 64 characters; use a short name", name)
	}
	if strings.ContainsFunc(name, func(r rune) bool { return unicode.IsControl(r) || r == '|' || r == ',' }) {
		return badInput("--user %q contains a control character, a comma or a pipe, which would break the report tables; use a plain name", name)
	}
	return nil
}

// record appends a record to the history file.
func (o *globalOptions) record(r scoring.Record) (string, error) {
	if err := o.checkUser(); err != nil {
		return "", err
	}
	path, err := o.historyPath()
	if err != nil {
		return "", err
	}
	if err := scoring.AppendRecord(path, r); err != nil {
		return "", fmt.Errorf("saving to the history: %w (use --data-dir to keep it elsewhere)", err)
	}
	return path, nil
}

// readHistory reads the history file and prints a warning for each line it
// skips.
func (o *globalOptions) readHistory(stderr io.Writer) ([]scoring.Record, string, error) {
	path, err := o.historyPath()
	if err != nil {
		return nil, "", err
	}
	records, warnings, err := scoring.ReadHistory(path)
	if err != nil {
		return nil, "", err
	}
	printWarnings(stderr, warnings)
	return records, path, nil
}

// printWarnings lists skipped history lines, up to maxWarnings of them.
func printWarnings(w io.Writer, warnings []scoring.HistoryWarning) {
	for i, warning := range warnings {
		if i == maxWarnings {
			fmt.Fprintf(w, "gameday: warning: %d more lines skipped\n", len(warnings)-maxWarnings)
			break
		}
		fmt.Fprintf(w, "gameday: warning: %s\n", warning)
	}
}
