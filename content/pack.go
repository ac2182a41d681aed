package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// A pack is a team's own drills and questions, kept in a directory beside
// the built-in ones:
//
//	DIR/drills/ID.yaml   one drill a file, named after its id
//	DIR/questions.yaml   interview questions, optional
//
// A pack uses the built-in checklist, because concept ids are shared by
// every drill, score and history record. A directory that has its own
// checklist.yaml is a whole content directory instead, laid out like
// gameday's content/, and is loaded on its own with LoadContentDir.

// Limits on one directory of drill files, so that a mistaken path or a
// hostile pack cannot make every command read for minutes.
const (
	// MaxPackFiles caps the drill files in one drills/ directory.
	MaxPackFiles = 1000

	// MaxPackBytes caps the total size of those files: 64 MiB.
	MaxPackBytes = 64 << 20
)

// Pack is a team's content, loaded from a directory.
type Pack struct {
	// Dir is the directory as it was given.
	Dir string

	// Drills are the pack's drills, in file name order.
	Drills []*Drill

	// Questions are the pack's questions.yaml; nil when it has none.
	Questions *PackQuestions
}

// LoadPack loads the drills and questions of the pack in dir against the
// checklist. Every problem found is returned at once, as Problems. The pack is
// returned with them, holding the drills that did load, so that a caller
// can check those further, such as for ids that clash with other drills.
func LoadPack(dir string, cl *Checklist) (*Pack, error) {
	prefix := dirPrefix(dir)
	if p, ok := dirProblem(dir); !ok {
		return nil, Problems{p}
	}
	if _, err := os.Stat(filepath.Join(dir, "checklist.yaml")); err == nil {
		return nil, Problems{{File: prefix + "checklist.yaml", Message: "a pack cannot replace the checklist, because concept ids are shared by every drill, score and history record; remove the file"}}
	}

	fsys := os.DirFS(dir)
	names, ps := drillFiles(fsys, prefix)
	questions, more := loadPackQuestions(fsys, prefix, cl)
	ps = append(ps, more...)
	if _, err := fs.Stat(fsys, "questions.yaml"); len(names) == 0 && len(ps) == 0 && err != nil {
		ps = append(ps, Problem{File: strings.TrimSuffix(prefix, "/"), Message: fmt.Sprintf("has no drill files and no questions.yaml; a pack keeps its drills in %sdrills/ID.yaml, and `gameday new ID --dir %s` writes one", prefix, dir)})
	}
	drills, more := parseDrillFiles(fsys, prefix, names, cl, MaxPackBytes)
	ps = append(ps, more...)
	pack := &Pack{Dir: dir, Drills: drills, Questions: questions}
	if len(ps) > 0 {
		return pack, ps
	}
	return pack, nil
}

// LoadContentDir loads a directory laid out like gameday's content/: its
// own checklist.yaml and drills/*.yaml.
func LoadContentDir(dir string) (*Library, error) {
	if p, ok := dirProblem(dir); !ok {
		return nil, Problems{p}
	}
	return loadFS(os.DirFS(dir), dirPrefix(dir))
}

// IsContentDir reports whether dir has a checklist.yaml of its own, so it
// is a whole content directory rather than a pack.
func IsContentDir(dir string) bool {
	info, err := os.Stat(filepath.Join(dir, "checklist.yaml"))
	return err == nil && !info.IsDir()
}

// LoadDrillFile loads one drill file against the checklist. Like a file in
// a pack, it must be named after the drill's id.
func LoadDrillFile(file string, cl *Checklist) (*Drill, error) {
	data, err := ReadFile(file)
	if err != nil {
		return nil, err
	}
	d, err := ParseDrill(file, data, cl)
	if err != nil {
		return nil, err
	}
	if p, ok := fileNameProblem(d, file); !ok {
		return nil, Problems{p}
	}
	return d, nil
}

// ReadFile reads one content file from disk. It must be a regular file,
// or a symbolic link to one, of at most MaxFileSize bytes. Devices, FIFOs
// and directories are rejected, because reading one can block or never
// end. Every error is a Problem that names the file.
func ReadFile(file string) ([]byte, error) {
	return readContentFile(os.DirFS(filepath.Dir(file)), filepath.Base(file), file)
}

// readContentFile reads name from fsys with the rules of ReadFile.
// displayName is the file's name in messages.
func readContentFile(fsys fs.FS, name, displayName string) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, Problem{File: displayName, Message: "does not exist"}
	case err != nil:
		return nil, Problem{File: displayName, Message: "cannot be read: " + unwrapPathError(err)}
	case !info.Mode().IsRegular():
		return nil, Problem{File: displayName, Message: fmt.Sprintf("is not a regular file (it is a %s); content files are plain YAML files", modeName(info.Mode()))}
	case info.Size() > MaxFileSize:
		return nil, Problem{File: displayName, Message: fmt.Sprintf("is %d bytes; these files are limited to %d bytes (1 MiB)", info.Size(), MaxFileSize)}
	}

	f, err := fsys.Open(name)
	if err != nil {
		return nil, Problem{File: displayName, Message: "cannot be read: " + unwrapPathError(err)}
	}
	defer f.Close()
	// The limit also holds when the file grows after Stat.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, Problem{File: displayName, Message: "cannot be read: " + unwrapPathError(err)}
	}
	return data, nil
}

// drillFiles lists the drill files under drills/ in fsys, sorted by name.
// A .yml file is reported rather than skipped in silence, and so is a
// directory with more than MaxPackFiles files.
func drillFiles(fsys fs.FS, prefix string) ([]string, Problems) {
	entries, err := fs.ReadDir(fsys, "drills")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, Problems{{File: prefix + "drills", Message: "cannot be read: " + unwrapPathError(err)}}
	}
	var names []string
	var ps Problems
	for _, e := range entries {
		switch ext := path.Ext(e.Name()); {
		case e.IsDir():
		case ext == ".yaml":
			names = append(names, "drills/"+e.Name())
		case ext == ".yml":
			want := strings.TrimSuffix(e.Name(), ext) + ".yaml"
			ps = append(ps, Problem{File: prefix + "drills/" + e.Name(), Message: "is not loaded, because drill files end in .yaml; rename it to " + want})
		}
	}
	if len(names) > MaxPackFiles {
		return nil, append(ps, Problem{File: prefix + "drills", Message: fmt.Sprintf("has %d drill files; a directory may have at most %d", len(names), MaxPackFiles)})
	}
	return names, ps
}

// parseDrillFiles reads and parses the named drill files of fsys, checks
// that each is named after its id and that no two share an id, and returns
// the valid drills with every problem found. It stops once the files read
// add up to more than maxBytes.
func parseDrillFiles(fsys fs.FS, prefix string, names []string, cl *Checklist, maxBytes int) ([]*Drill, Problems) {
	var drills []*Drill
	var all Problems
	total := 0
	for _, name := range names {
		file := prefix + name
		data, err := readContentFile(fsys, name, file)
		if err == nil {
			total += len(data)
			if total > maxBytes {
				return nil, append(all, Problem{File: prefix + path.Dir(name), Message: fmt.Sprintf("holds more than %d bytes of drill files; split the pack", maxBytes)})
			}
		}
		var d *Drill
		if err == nil {
			d, err = ParseDrill(file, data, cl)
		}
		if err != nil {
			all = append(all, AsProblems(err)...)
			continue
		}
		if p, ok := fileNameProblem(d, name); !ok {
			all = append(all, p)
			continue
		}
		drills = append(drills, d)
	}
	drills, clashes := mergeDrills(nil, drills)
	return drills, append(all, clashes...)
}

// fileNameProblem checks that a drill's file is named after its id, so a
// drill can be found by its id.
func fileNameProblem(d *Drill, name string) (Problem, bool) {
	base := filepath.Base(name)
	if want := d.ID + ".yaml"; base != want {
		return Problem{File: d.File, Line: d.idLine, Field: "id", Message: fmt.Sprintf("is %q, but the file is named %s; name the file %s", d.ID, base, want)}, false
	}
	return Problem{}, true
}

// mergeDrills appends add to base. A drill whose id is already taken is
// left out and reported with both files.
func mergeDrills(base, add []*Drill) ([]*Drill, Problems) {
	out := append([]*Drill(nil), base...)
	byID := map[string]*Drill{}
	for _, d := range base {
		byID[d.ID] = d
	}
	var ps Problems
	for _, d := range add {
		if other, dup := byID[d.ID]; dup {
			ps = append(ps, Problem{File: d.File, Line: d.idLine, Field: "id", Message: fmt.Sprintf("%q is also the id of %s; drill ids must be unique, so rename one of them", d.ID, describeFile(other))})
			continue
		}
		byID[d.ID] = d
		out = append(out, d)
	}
	return out, ps
}

// describeFile names the file a drill came from, with its line, for a
// message about another file.
func describeFile(d *Drill) string {
	where := d.File
	if d.idLine > 0 {
		where = fmt.Sprintf("%s:%d", d.File, d.idLine)
	}
	if d.builtin {
		return "the built-in drill " + where
	}
	return where
}

// WithPack returns a copy of the library with the pack's drills and
// questions added, and every id clash found.
func (l *Library) WithPack(p *Pack) (*Library, Problems) {
	withDrills, ps := l.WithDrills(p.Drills)
	out, more := withDrills.WithQuestions(p.Questions)
	return out, append(ps, more...)
}

// WithDrills returns a copy of the library with the drills added after its
// own. A drill whose id is taken is left out of the copy and reported with
// both files.
func (l *Library) WithDrills(drills []*Drill) (*Library, Problems) {
	out := *l
	var ps Problems
	out.Drills, ps = mergeDrills(l.Drills, drills)
	return &out, ps
}

// AsProblems returns err as Problems. An error of another type becomes one
// problem without a file.
func AsProblems(err error) Problems {
	var ps Problems
	var p Problem
	switch {
	case errors.As(err, &ps):
		return ps
	case errors.As(err, &p):
		return Problems{p}
	}
	return Problems{{Message: err.Error()}}
}

// dirProblem checks that dir exists and is a directory.
func dirProblem(dir string) (Problem, bool) {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Problem{File: dir, Message: "does not exist; give the directory of a pack, which holds drills/ID.yaml files"}, false
	case err != nil:
		return Problem{File: dir, Message: "cannot be read: " + unwrapPathError(err)}, false
	case !info.IsDir():
		return Problem{File: dir, Message: "is not a directory; give the directory of a pack, which holds drills/ID.yaml files"}, false
	}
	return Problem{}, true
}

// dirPrefix returns dir as a prefix for file names in messages: cleaned,
// with forward slashes, ending in a slash.
func dirPrefix(dir string) string {
	return filepath.ToSlash(filepath.Clean(dir)) + "/"
}

// unwrapPathError returns the reason of a *fs.PathError without the path,
// which the message names already.
func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// modeName names a file type that is not a regular file.
func modeName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}
