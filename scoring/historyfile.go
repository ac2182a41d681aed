package scoring

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
)

// HistoryWarning is a line of a history file that was skipped.
type HistoryWarning struct {
	File    string
	Line    int
	Message string
}

func (w HistoryWarning) String() string {
	return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Message)
}

// maxRecordSize bounds one line of a history file, in bytes (1 MiB); a
// record is well under 10 KiB.
const maxRecordSize = 1 << 20

// AppendRecord appends one record to the history file at path, creating
// the file (mode 0600) and its directory (0700) when missing.
//
// The record goes out as one line in one write(2) to a file opened with
// O_APPEND, then the file is synced. Local file systems position and write
// an O_APPEND write as one step, so concurrent gameday processes never
// interleave or overwrite each other's records, and nothing already in the
// file is rewritten. A crash during the write can leave at most a
// truncated last line, which ReadHistory skips with a warning; the next
// append then starts on a new line, so the torn line never swallows a
// good record. Rewriting the file through a temporary file and a rename
// would avoid the torn line but lose one of two concurrent appends.
func AppendRecord(path string, r Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encoding the history record: %w", err)
	}
	line = append(line, '\n')

	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("creating the history directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("opening the history file: %w", err)
	}
	torn, err := endsMidLine(f)
	if err != nil {
		f.Close()
		return fmt.Errorf("reading the end of %s: %w", path, err)
	}
	if torn {
		line = append([]byte{'\n'}, line...)
	}
	if _, err := f.Write(line); err != nil {
		f.Close()
		return fmt.Errorf("appending to %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("syncing %s: %w", path, err)
	}
	return f.Close()
}

// endsMidLine reports whether the file is not empty and its last byte is
// not a newline.
func endsMidLine(f *os.File) (bool, error) {
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return false, err
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, info.Size()-1); err != nil {
		return false, err
	}
	return last[0] != '\n', nil
}

// ReadHistory reads the history file at path. A missing file is an empty
// history. Lines that are not records of this version (corrupt, truncated,
// from another program or from a newer gameday) are skipped, each with a
// warning that names the file and line; they never stop the rest from
// being read. Records come back sorted by time, in file order for equal
// times.
func ReadHistory(path string) ([]Record, []HistoryWarning, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("opening the history file: %w", err)
	}
	defer f.Close()
	records, warnings, err := readRecords(path, f)
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return records, warnings, nil
}

func readRecords(name string, r io.Reader) ([]Record, []HistoryWarning, error) {
	var (
		records  []Record
		warnings []HistoryWarning
	)
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := readLine(br)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, errLongLine) {
			return nil, nil, err
		}
		last := errors.Is(err, io.EOF)
		if errors.Is(err, errLongLine) {
			warnings = append(warnings, HistoryWarning{name, n, fmt.Sprintf("is longer than %d bytes, so it is not a gameday record; skipped", maxRecordSize)})
			continue
		}
		if len(bytes.TrimSpace(line)) > 0 {
			rec, problem := parseRecord(line)
			if problem != "" {
				if last {
					problem = "is cut short (a write that was interrupted?) and " + problem
				}
				warnings = append(warnings, HistoryWarning{name, n, problem + "; skipped"})
			} else {
				records = append(records, rec)
			}
		}
		if last {
			break
		}
	}
	sort.SliceStable(records, func(i, j int) bool { return records[i].Time.Before(records[j].Time) })
	return records, warnings, nil
}

var errLongLine = errors.New("line too long")

// readLine returns the next line without its newline. At the end of the
// input it returns the last, unterminated line (maybe empty) with io.EOF.
// A line over maxRecordSize is read to its end and dropped, with
// errLongLine.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) <= maxRecordSize+1 {
			line = append(line, chunk...)
		} else {
			line = line[:0]
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err == nil || errors.Is(err, io.EOF) {
				return nil, errLongLine
			}
			return nil, err
		}
		switch {
		case err == nil:
			return bytes.TrimSuffix(line, []byte("\n")), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return line, err
		}
	}
}

// parseRecord decodes one line, or returns why it is not a usable record.
func parseRecord(line []byte) (Record, string) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(line, &probe); err != nil {
		// Unmarshal checks the syntax before it decodes, so a syntax
		// error means the line is not JSON at all.
		var syntaxErr *json.SyntaxError
		if errors.As(err, &syntaxErr) {
			return Record{}, fmt.Sprintf("is not a gameday history record (invalid JSON: %v)", err)
		}
		return Record{}, fmt.Sprintf("is not a gameday history record (it is a JSON %s, not an object; another program may have written it)", jsonKind(line))
	}
	var missing []string
	for _, field := range []string{"version", "kind"} {
		if _, ok := probe[field]; !ok {
			missing = append(missing, field)
		}
	}
	if len(missing) > 0 {
		return Record{}, fmt.Sprintf("is not a gameday history record (it has no %s field; another program may have written it)", strings.Join(missing, " or "))
	}
	var r Record
	if err := json.Unmarshal(line, &r); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return Record{}, fmt.Sprintf("is not a valid gameday history record: field %q is a JSON %s; expected %s", typeErr.Field, typeErr.Value, goKindName(typeErr.Type))
		}
		return Record{}, fmt.Sprintf("is not a valid gameday history record: %v", err)
	}
	if problem := r.validate(); problem != "" {
		return Record{}, "is a gameday history record that " + problem
	}
	return r, ""
}

// jsonKind names the kind of a valid JSON value by its first byte.
func jsonKind(value []byte) string {
	value = bytes.TrimSpace(value)
	switch value[0] {
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// goKindName describes the JSON value a Go type decodes from.
func goKindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}
