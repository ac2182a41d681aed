package content

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// writeFile writes data to dir/name, creating the directories it needs.
func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	file := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// renamedDrill returns the built-in drill's file with another id.
func renamedDrill(t *testing.T, id string) string {
	t.Helper()
	return string(drillSource(t, "id: payment-provider-hangs", "id: "+id))
}

// packProblems loads dir as a pack and returns its problems as one text.
func packProblems(t *testing.T, dir string) string {
	t.Helper()
	_, err := LoadPack(dir, &builtinLib(t).Checklist)
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("LoadPack: %v, want Problems", err)
	}
	assertNoUnsafe(t, ps.Error())
	return ps.Error()
}

func TestLoadPackAddsDrills(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "drills/team-checkout.yaml", renamedDrill(t, "team-checkout"))
	writeFile(t, dir, "drills/README.md", "not a drill")
	writeFile(t, dir, "drills/notes/old.yaml", "ignored: subdirectories are not read")

	lib := builtinLib(t)
	pack, err := LoadPack(dir, &lib.Checklist)
	if err != nil {
		t.Fatal(err)
	}
	if len(pack.Drills) != 1 || pack.Drills[0].ID != "team-checkout" {
		t.Fatalf("pack drills %v, want team-checkout only", pack.Drills)
	}
	if want := filepath.ToSlash(dir) + "/drills/team-checkout.yaml"; pack.Drills[0].File != want {
		t.Errorf("File = %q, want %q", pack.Drills[0].File, want)
	}

	merged, ps := lib.WithDrills(pack.Drills)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	if len(merged.Drills) != len(lib.Drills)+1 || merged.Drill("team-checkout") == nil {
		t.Fatalf("merged library has %d drills, want the built-in ones and team-checkout", len(merged.Drills))
	}
	if !merged.Drill("payment-provider-hangs").IsBuiltin() || merged.Drill("team-checkout").IsBuiltin() {
		t.Error("IsBuiltin does not tell the built-in drill from the pack's")
	}
	if len(lib.Drills) != len(merged.Drills)-1 {
		t.Error("WithDrills changed the library it was called on")
	}
}

func TestPackClashNamesBothFiles(t *testing.T) {
	dir := t.TempDir()
	data := renamedDrill(t, "payment-provider-hangs")
	file := writeFile(t, dir, "drills/payment-provider-hangs.yaml", data)
	lib := builtinLib(t)
	pack, err := LoadPack(dir, &lib.Checklist)
	if err != nil {
		t.Fatal(err)
	}

	merged, ps := lib.WithDrills(pack.Drills)
	if len(ps) != 1 {
		t.Fatalf("%d problems, want 1 clash: %v", len(ps), ps)
	}
	line := lineOf(t, []byte(data), "id: payment")
	want := filepath.ToSlash(file) + ":" + strconv.Itoa(line) + `: id: "payment-provider-hangs" is also the id of the built-in drill content/drills/payment-provider-hangs.yaml:` + strconv.Itoa(line)
	if !strings.HasPrefix(ps[0].Error(), want) {
		t.Fatalf("problem\n %q\nwant it to start with\n %q", ps[0].Error(), want)
	}
	if merged.Drill("payment-provider-hangs") != lib.Drill("payment-provider-hangs") {
		t.Error("the pack's drill replaced the built-in one")
	}
}

func TestPackClashBetweenPacks(t *testing.T) {
	lib := builtinLib(t)
	var all []*Drill
	for _, name := range []string{"a", "b"} {
		dir := filepath.Join(t.TempDir(), name)
		writeFile(t, dir, "drills/shared.yaml", renamedDrill(t, "shared"))
		pack, err := LoadPack(dir, &lib.Checklist)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, pack.Drills...)
	}
	_, ps := lib.WithDrills(all)
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "/a/drills/shared.yaml:") || !strings.Contains(ps[0].File, "/b/drills/shared.yaml") {
		t.Fatalf("problems %v, want b's drill reported as a clash with a's", ps)
	}
	if strings.Contains(ps[0].Message, "built-in") {
		t.Errorf("problem %q calls a pack's drill built in", ps[0].Message)
	}
}

func TestPackProblems(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  []string
	}{
		{
			name:  "missing directory",
			setup: func(t *testing.T, dir string) { os.Remove(dir) },
			want:  []string{"does not exist; give the directory of a pack"},
		},
		{
			name:  "empty pack",
			setup: func(t *testing.T, dir string) {},
			want:  []string{"has no drill files", "gameday new ID --dir"},
		},
		{
			name: "own checklist",
			setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "checklist.yaml", "concepts: []\n")
				writeFile(t, dir, "drills/x.yaml", renamedDrill(t, "x"))
			},
			want: []string{"checklist.yaml: a pack cannot replace the checklist"},
		},
		{
			name: "file named after another id",
			setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "drills/checkout.yaml", renamedDrill(t, "team-checkout"))
			},
			want: []string{`drills/checkout.yaml:4: id: is "team-checkout", but the file is named checkout.yaml; name the file team-checkout.yaml`},
		},
		{
			name:  ".yml extension",
			setup: func(t *testing.T, dir string) { writeFile(t, dir, "drills/x.yml", renamedDrill(t, "x")) },
			want:  []string{"drills/x.yml: is not loaded, because drill files end in .yaml; rename it to x.yaml"},
		},
		{
			name: "file over 1 MiB",
			setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "drills/big.yaml", "id: big\n"+strings.Repeat("# padding\n", MaxFileSize/10))
			},
			want: []string{"drills/big.yaml: is 1048578 bytes; these files are limited to 1048576 bytes (1 MiB)"},
		},
		{
			name:  "directory named like a drill",
			setup: func(t *testing.T, dir string) { writeFile(t, dir, "drills/x.yaml/inner", "") },
			want:  []string{"has no drill files"},
		},
		{
			name: "every bad file reported",
			setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "drills/a.yaml", "id: a\ntitle: [\n")
				writeFile(t, dir, "drills/b.yaml", strings.Replace(renamedDrill(t, "b"), "difficulty: beginner", "difficulty: easy", 1))
			},
			want: []string{"2 problems", "drills/a.yaml:", "invalid YAML", `drills/b.yaml:6: difficulty: is "easy"`},
		},
		{
			name: "escape in a file name",
			setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "drills/x\x1b]0;pwned\a.yaml", renamedDrill(t, "x"))
			},
			want: []string{`drills/x\x1b]0;pwned\a.yaml:4: id: is "x"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			got := packProblems(t, dir)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems lack %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestPackFileAndByteCaps(t *testing.T) {
	dir := t.TempDir()
	for i := range MaxPackFiles + 1 {
		writeFile(t, dir, "drills/d"+strconv.Itoa(i)+".yaml", "")
	}
	if got := packProblems(t, dir); !strings.Contains(got, "drills: has 1001 drill files; a directory may have at most 1000") {
		t.Errorf("problems %q, want the file count named", got)
	}

	dir = t.TempDir()
	for _, id := range []string{"a", "b", "c"} {
		writeFile(t, dir, "drills/"+id+".yaml", renamedDrill(t, id))
	}
	names, _ := drillFiles(os.DirFS(dir), "p/")
	size := len(renamedDrill(t, "a"))
	drills, ps := parseDrillFiles(os.DirFS(dir), "p/", names, &builtinLib(t).Checklist, 2*size+1)
	if drills != nil || len(ps) != 1 || !strings.Contains(ps[0].Error(), "p/drills: holds more than") {
		t.Fatalf("drills %v, problems %v; want none and the byte cap named", drills, ps)
	}
}

func TestReadFileRejectsSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Skip("symbolic links are not available:", err)
	}
	_, err := ReadFile(filepath.Join(dir, "zero.yaml"))
	if err == nil || !strings.Contains(err.Error(), "is not a regular file (it is a character device)") {
		t.Errorf("ReadFile of a link to /dev/zero: %v, want it rejected as a device", err)
	}

	_, err = ReadFile(dir)
	if err == nil || !strings.Contains(err.Error(), "is not a regular file (it is a directory)") {
		t.Errorf("ReadFile of a directory: %v, want it rejected", err)
	}

	real := writeFile(t, dir, "real.yaml", "id: x\n")
	if err := os.Symlink(real, filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(filepath.Join(dir, "link.yaml")); err != nil || string(data) != "id: x\n" {
		t.Errorf("ReadFile of a link to a regular file: %q, %v; want its content", data, err)
	}
}

func TestLoadContentDir(t *testing.T) {
	lib, err := LoadContentDir(".")
	if err != nil {
		t.Fatal(err)
	}
	builtin := builtinLib(t)
	if len(lib.Drills) != len(builtin.Drills) {
		t.Fatalf("LoadContentDir(.) loaded %d drills, want the %d built-in ones", len(lib.Drills), len(builtin.Drills))
	}
	for i, d := range lib.Drills {
		if want := "./drills/" + builtin.Drills[i].ID + ".yaml"; d.File != want {
			t.Errorf("drill %d comes from %q, want %q", i, d.File, want)
		}
		if d.IsBuiltin() {
			t.Errorf("drill %s from a directory claims to be built in", d.ID)
		}
	}
	if !IsContentDir(".") || IsContentDir(t.TempDir()) {
		t.Error("IsContentDir does not tell a content directory from an empty one")
	}
}
