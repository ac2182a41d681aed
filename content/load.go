package content

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"time"
)

//go:embed checklist.yaml questions.yaml drills/*.yaml
var builtin embed.FS

// ParseChecklist decodes and validates a checklist file.
func ParseChecklist(file string, data []byte) (*Checklist, error) {
	var c Checklist
	idx, ps := decodeStrict(file, data, &c)
	if len(ps) > 0 {
		return nil, ps
	}
	if found := validateChecklist(&c).resolve(file, idx); len(found) > 0 {
		return nil, found
	}
	return &c, nil
}

// ParseDrill decodes and validates one drill file against the checklist.
// Every problem found is returned at once, as Problems.
func ParseDrill(file string, data []byte, cl *Checklist) (*Drill, error) {
	var d Drill
	idx, ps := decodeStrict(file, data, &d)
	if len(ps) > 0 {
		return nil, ps
	}
	if found := append(validateDrill(&d, cl), validateLimits(&d)...).resolve(file, idx); len(found) > 0 {
		return nil, found
	}
	d.File = file
	if d.Seed == 0 {
		d.Seed = 1
	}
	if d.RespondWithin == 0 {
		d.RespondWithin = 30 * time.Second
	}
	return &d, nil
}

// Builtin loads the embedded checklist, questions and drills.
func Builtin() (*Library, error) {
	return loadFS(builtin, "content/")
}

// loadFS loads checklist.yaml, questions.yaml and drills/*.yaml from fsys;
// prefix is put in front of file names in messages.
func loadFS(fsys fs.FS, prefix string) (*Library, error) {
	data, err := fs.ReadFile(fsys, "checklist.yaml")
	if err != nil {
		return nil, fmt.Errorf("reading %schecklist.yaml: %w", prefix, err)
	}
	cl, err := ParseChecklist(prefix+"checklist.yaml", data)
	if err != nil {
		return nil, err
	}

	names, err := fs.Glob(fsys, "drills/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)

	lib := &Library{Checklist: *cl}
	var all Problems
	data, err = fs.ReadFile(fsys, "questions.yaml")
	if err != nil {
		return nil, fmt.Errorf("reading %squestions.yaml: %w", prefix, err)
	}
	qs, err := ParseQuestions(prefix+"questions.yaml", data, &lib.Checklist)
	if ps, ok := err.(Problems); ok {
		all = append(all, ps...)
	} else if err != nil {
		return nil, err
	} else {
		lib.Questions = *qs
	}
	seen := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("reading %s%s: %w", prefix, name, err)
		}
		file := prefix + name
		d, err := ParseDrill(file, data, &lib.Checklist)
		if ps, ok := err.(Problems); ok {
			all = append(all, ps...)
			continue
		}
		if err != nil {
			return nil, err
		}
		if other, dup := seen[d.ID]; dup {
			all = append(all, Problem{File: file, Line: 1, Field: "id", Message: fmt.Sprintf("%q is also the id of %s; drill ids must be unique", d.ID, other)})
			continue
		}
		seen[d.ID] = file
		if want := d.ID + ".yaml"; path.Base(name) != want {
			all = append(all, Problem{File: file, Field: "id", Message: fmt.Sprintf("is %q, but the file is named %s; name the file %s", d.ID, path.Base(name), want)})
			continue
		}
		lib.Drills = append(lib.Drills, d)
	}
	if len(all) > 0 {
		return nil, all
	}
	return lib, nil
}
