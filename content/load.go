package content

import (
	"embed"
	"io/fs"
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
	d.idLine = idx.line("id")
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
	lib, err := loadFS(builtin, "content/")
	if err != nil {
		return nil, err
	}
	for _, d := range lib.Drills {
		d.builtin = true
	}
	return lib, nil
}

// loadFS loads checklist.yaml, questions.yaml and drills/*.yaml from fsys;
// prefix is put in front of file names in messages.
func loadFS(fsys fs.FS, prefix string) (*Library, error) {
	data, err := readContentFile(fsys, "checklist.yaml", prefix+"checklist.yaml")
	if err != nil {
		return nil, err
	}
	cl, err := ParseChecklist(prefix+"checklist.yaml", data)
	if err != nil {
		return nil, err
	}

	lib := &Library{Checklist: *cl}
	var all Problems
	data, err = readContentFile(fsys, "questions.yaml", prefix+"questions.yaml")
	if err != nil {
		return nil, err
	}
	qs, err := ParseQuestions(prefix+"questions.yaml", data, &lib.Checklist)
	if ps, ok := err.(Problems); ok {
		all = append(all, ps...)
	} else if err != nil {
		return nil, err
	} else {
		lib.Questions = *qs
	}

	names, ps := drillFiles(fsys, prefix)
	all = append(all, ps...)
	drills, ps := parseDrillFiles(fsys, prefix, names, &lib.Checklist, MaxPackBytes)
	all = append(all, ps...)
	if len(all) > 0 {
		return nil, all
	}
	lib.Drills = drills
	return lib, nil
}
