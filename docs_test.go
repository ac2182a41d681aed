package main

import (
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"gameday/content"
)

func readAuthoringGuide(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("docs/authoring.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAuthoringExampleIsTheStarter keeps the guide's complete example the
// drill `gameday new` writes, which validates and proves.
func TestAuthoringExampleIsTheStarter(t *testing.T) {
	guide := readAuthoringGuide(t)
	_, after, ok := strings.Cut(guide, "## A complete example")
	if !ok {
		t.Fatal("docs/authoring.md has no section \"A complete example\"")
	}
	_, block, _ := strings.Cut(after, "```yaml\n")
	example, _, ok := strings.Cut(block, "```\n")
	if !ok {
		t.Fatal("the example has no closing ``` line")
	}
	want, err := content.StarterDrill("storefront-pricing-slow")
	if err != nil {
		t.Fatal(err)
	}
	if example != string(want) {
		t.Fatal("the example in docs/authoring.md differs from the starter drill; paste the output of\n" +
			"  go run . new storefront-pricing-slow --dir /tmp/example\ninto it")
	}
}

// TestAuthoringDocumentsEveryField checks that every field a drill file
// may hold, down to the simulator's specs, is named in the guide.
func TestAuthoringDocumentsEveryField(t *testing.T) {
	guide := readAuthoringGuide(t)
	fields := map[string][]string{} // YAML name → the Go fields it stands for
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] || typ.PkgPath() == "time" {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			name := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if name == "" || name == "-" {
				continue
			}
			fields[name] = append(fields[name], typ.String()+"."+f.Name)
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(content.Drill{}))

	var missing []string
	for name, owners := range fields {
		if !strings.Contains(guide, "`"+name+"`") && !strings.Contains(guide, "`"+name+":") {
			missing = append(missing, name+" ("+strings.Join(owners, ", ")+")")
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Fatalf("docs/authoring.md does not name these fields; add each, in backquotes, to the table of its section:\n  %s", strings.Join(missing, "\n  "))
	}
	if len(fields) < 50 {
		t.Fatalf("found %d fields; the walk over the drill's types stopped early", len(fields))
	}
}
