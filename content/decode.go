package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxFileSize is the largest content file accepted, in bytes (1 MiB).
const MaxFileSize = 1 << 20

// maxNodes bounds a document's size once its aliases are expanded, so a
// file of nested aliases (a "billion laughs" bomb) is rejected before it is
// decoded. A 1 MiB file without aliases has far fewer nodes.
const maxNodes = 200_000

// inProgress marks an anchored node whose size is being computed, so an
// alias inside its own anchor is found instead of recursing forever.
const inProgress = -1

// expandedSize returns the number of nodes n stands for with aliases
// expanded, without expanding them, and the line of the alias that pushes
// it over maxNodes or refers to its own anchor. seen memoises anchored
// nodes; cyclic reports an alias inside its own anchor.
func expandedSize(n *yaml.Node, seen map[*yaml.Node]int) (size, line int, cyclic bool) {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return 1, 0, false
		}
		switch known, ok := seen[n.Alias]; {
		case ok && known == inProgress:
			return 0, n.Line, true
		case ok:
			return known, n.Line, false
		}
		seen[n.Alias] = inProgress
		size, at, cyclic := expandedSize(n.Alias, seen)
		seen[n.Alias] = size
		if at == 0 {
			at = n.Line
		}
		return size, at, cyclic
	}
	if n.Anchor != "" {
		if _, ok := seen[n]; !ok {
			seen[n] = inProgress
			defer func() {
				if !cyclic {
					seen[n] = size
				}
			}()
		}
	}
	size = 1
	for _, c := range n.Content {
		childSize, at, childCyclic := expandedSize(c, seen)
		if childCyclic {
			return 0, at, true
		}
		size += childSize
		if size > maxNodes {
			if at == 0 {
				at = c.Line
			}
			return size, at, false
		}
	}
	return size, 0, false
}

// decodeStrict decodes one YAML document into out, rejecting unknown
// fields, and returns an index from field paths to lines for later
// validation messages. Every error is a Problem with a line where one is
// known. The index is also returned with type errors.
func decodeStrict(file string, data []byte, out any) (lineIndex, Problems) {
	if len(data) > MaxFileSize {
		return nil, Problems{{File: file, Message: fmt.Sprintf("is %d bytes; these files are limited to %d bytes (1 MiB)", len(data), MaxFileSize)}}
	}

	if ps := rawTextProblems(file, data); len(ps) > 0 {
		return nil, ps
	}

	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, Problems{{File: file, Message: "is empty; expected " + topKindName(topKind(out))}}
		}
		return nil, Problems{syntaxProblem(file, err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, Problems{{File: file, Line: extra.Line, Message: "holds a second YAML document; a file holds exactly one"}}
	}
	size, at, cyclic := expandedSize(&root, map[*yaml.Node]int{})
	if cyclic {
		return nil, Problems{{File: file, Line: at, Message: "has an alias inside the anchor it refers to; an anchor cannot contain itself"}}
	}
	if size > maxNodes {
		msg := fmt.Sprintf("expands to more than %d YAML nodes through anchors and aliases; aliases may repeat a block, not multiply the document", maxNodes)
		if !hasAlias(&root) {
			msg = fmt.Sprintf("has more than %d YAML nodes; no drill needs that many, so split the file or remove the repeated entries", maxNodes)
		}
		return nil, Problems{{File: file, Line: at, Message: msg}}
	}
	if want := topKind(out); root.Kind == yaml.DocumentNode && len(root.Content) == 1 && root.Content[0].Kind != want {
		return nil, Problems{{File: file, Line: root.Content[0].Line, Message: "is not " + topKindName(want)}}
	}

	idx := lineIndex{}
	idx.walk(&root)

	// Unsafe text and type errors are reported together and come back with
	// the index, so a caller can say which entry holds each line. Values are
	// not validated further once either is found.
	ps := textProblems(file, &root)
	strict := yaml.NewDecoder(bytes.NewReader(data))
	strict.KnownFields(true)
	if err := strict.Decode(out); err != nil {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			return nil, append(ps, syntaxProblem(file, err))
		}
		doc := typedDoc{root: &root, named: map[*yaml.Node]bool{}}
		for _, msg := range te.Errors {
			ps = append(ps, typeProblem(file, msg, reflect.TypeOf(out), doc))
		}
	}
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Line - b.Line })
	return idx, ps
}

// hasAlias reports whether the document under n uses an alias.
func hasAlias(n *yaml.Node) bool {
	found := false
	visitNodes(n, "", func(c *yaml.Node, _ string, _ bool) {
		found = found || c.Kind == yaml.AliasNode
	})
	return found
}

// topKind returns the YAML node kind a Go value decodes from.
func topKind(out any) yaml.Kind {
	t := reflect.TypeOf(out)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Slice {
		return yaml.SequenceNode
	}
	return yaml.MappingNode
}

// topKindName describes the document a kind of node stands for.
func topKindName(k yaml.Kind) string {
	if k == yaml.SequenceNode {
		return "a YAML list of steps, with entries such as - {at: 40s, action: set-timeout, variant: 2s}"
	}
	return "a YAML mapping, with fields such as id: and title:"
}

// maxRawProblems caps how many unsafe characters one file reports, so a
// binary file does not print a problem per line.
const maxRawProblems = 20

// rawTextProblems reports a file that is not UTF-8 text, or each line that
// contains an unsafe character (see unsafeRune) as raw bytes. yaml.v3 would
// reject most of these without naming a line, and it accepts the
// bidirectional ones. Carriage returns are allowed, so CRLF files load.
func rawTextProblems(file string, data []byte) Problems {
	var ps Problems
	line, more := 1, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return append(ps, Problem{File: file, Line: line, Message: fmt.Sprintf("contains the byte 0x%02x, which is not UTF-8 text; is this the right file?", data[i])})
		case r == 0:
			return append(ps, Problem{File: file, Line: line, Message: "contains the control character U+0000 (NUL); is this the right file? Content files are plain text"})
		case r == '\n':
			line++
		case r == '\r':
		default:
			desc := unsafeRune(r)
			if desc == "" {
				break
			}
			if len(ps) == maxRawProblems {
				more++
				break
			}
			ps = append(ps, Problem{File: file, Line: line, Message: "contains " + desc + "; remove it (content files are plain text and may not hold terminal control characters)"})
		}
		i += size
	}
	if more > 0 {
		ps = append(ps, Problem{File: file, Line: line, Message: fmt.Sprintf("contains %d more unsafe characters after the ones above", more)})
	}
	return ps
}

var lineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// syntaxProblem turns a yaml.v3 parse error into a Problem.
func syntaxProblem(file string, err error) Problem {
	msg := err.Error()
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return Problem{File: file, Line: line, Message: "invalid YAML: " + m[2]}
	}
	return Problem{File: file, Message: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

var (
	unknownFieldRE = regexp.MustCompile("^field (.+) not found in type (\\S+)$")
	cannotRE       = regexp.MustCompile("^cannot unmarshal !!(\\w+) `(.*)` into (\\S+)$")
	cannotKindRE   = regexp.MustCompile("^cannot unmarshal !!(\\w+) into (\\S+)$")
)

// typeProblem rewrites one yaml.v3 type error ("line 12: field foo not
// found in type content.Action") into a message that states what is
// expected, and finds in doc the path of the field it is about.
func typeProblem(file, raw string, root reflect.Type, doc typedDoc) Problem {
	p := Problem{File: file, Message: raw}
	m := lineRE.FindStringSubmatch(raw)
	if m == nil {
		return p
	}
	p.Line, _ = strconv.Atoi(m[1])
	msg := m[2]
	p.Message = msg

	if f := unknownFieldRE.FindStringSubmatch(msg); f != nil {
		p.Message = fmt.Sprintf("unknown field %q", f[1])
		if fields := fieldsOf(root, f[2]); len(fields) > 0 {
			p.Message += "; expected one of: " + strings.Join(fields, ", ")
		}
		// The field is unknown, so the problem belongs to the mapping it
		// sits in.
		if path, ok := doc.pathAt(p.Line, func(n *yaml.Node, key bool) bool { return key && n.Value == f[1] }); ok {
			p.Field = strings.TrimSuffix(strings.TrimSuffix(path, f[1]), ".")
		}
		return p
	}
	if f := cannotRE.FindStringSubmatch(msg); f != nil {
		// yaml.v3 shortens a long value, so quote it whole from the node.
		value := f[2]
		p.Field, _ = doc.pathAt(p.Line, func(n *yaml.Node, key bool) bool {
			if key || n.Kind != yaml.ScalarNode || !quotedValueMatches(f[2], n.Value) {
				return false
			}
			value = n.Value
			return true
		})
		p.Message = fmt.Sprintf("%q is not %s", value, expectedKind(f[3]))
		return p
	}
	if f := cannotKindRE.FindStringSubmatch(msg); f != nil {
		p.Message = fmt.Sprintf("found a %s; expected %s", kindName(f[1]), expectedKind(f[2]))
		p.Field, _ = doc.pathAt(p.Line, func(n *yaml.Node, key bool) bool { return !key && n.Kind == nodeKind(f[1]) })
	}
	return p
}

// typedDoc is a decoded document and the nodes its type errors have
// already been attributed to.
type typedDoc struct {
	root  *yaml.Node
	named map[*yaml.Node]bool
}

// pathAt returns the field path of the first node on line that match
// accepts and no earlier type error was attributed to, visiting keys and
// values in document order. yaml.v3 reports type errors in document
// order, so two errors on one line ({median: [5ms], p99: [20ms]}) get the
// two nodes in turn. The top node is skipped: decodeStrict checks its kind
// before decoding.
func (d typedDoc) pathAt(line int, match func(n *yaml.Node, key bool) bool) (string, bool) {
	var (
		path  string
		found *yaml.Node
	)
	visitNodes(d.root, "", func(n *yaml.Node, p string, key bool) {
		if found == nil && p != "" && n.Line == line && !d.named[n] && match(n, key) {
			path, found = p, n
		}
	})
	if found == nil {
		return "", false
	}
	d.named[found] = true
	return path, true
}

// quotedValueMatches reports whether quoted, a value as a yaml.v3 type error
// quotes it, is value. yaml.v3 v3.0.1 quotes a value of more than 10 bytes
// as its first 7 bytes followed by "...".
func quotedValueMatches(quoted, value string) bool {
	if len(value) > 10 {
		prefix, ok := strings.CutSuffix(quoted, "...")
		return ok && strings.HasPrefix(value, prefix)
	}
	return quoted == value
}

// nodeKind returns the node kind of a yaml.v3 short tag ("seq", "map").
func nodeKind(tag string) yaml.Kind {
	switch tag {
	case "seq":
		return yaml.SequenceNode
	case "map":
		return yaml.MappingNode
	}
	return yaml.ScalarNode
}

func expectedKind(goType string) string {
	switch {
	case goType == "time.Duration":
		return "a duration; write a number with a unit, such as 500ms, 30s or 5m"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"):
		return "a whole number"
	case strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "bool":
		return "true or false"
	case goType == "string":
		return "text"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	}
	return "a mapping of fields"
}

func kindName(tag string) string {
	switch tag {
	case "seq":
		return "list"
	case "map":
		return "mapping"
	case "str":
		return "text value"
	}
	return tag + " value"
}

// fieldsOf returns the YAML field names of the struct type named name
// ("content.Action", "sim.CallSpec"), found anywhere under root.
func fieldsOf(root reflect.Type, name string) []string {
	seen := map[reflect.Type]bool{}
	var found reflect.Type
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || found != nil {
			return
		}
		seen[t] = true
		if t.String() == name {
			found = t
			return
		}
		for i := range t.NumField() {
			visit(t.Field(i).Type)
		}
	}
	visit(root)
	if found == nil {
		return nil
	}
	var names []string
	for i := range found.NumField() {
		tag := strings.Split(found.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			names = append(names, tag)
		}
	}
	sort.Strings(names)
	return names
}

// lineIndex maps a field path ("actions[0].variants[1].why") to the line
// it starts on.
type lineIndex map[string]int

func (idx lineIndex) walk(root *yaml.Node) {
	visitNodes(root, "", func(n *yaml.Node, path string, _ bool) {
		if _, ok := idx[path]; !ok {
			idx[path] = n.Line
		}
	})
}

// visitNodes calls visit for n and every node below it, in document order,
// with its field path ("actions[0].variants[1].why"). A mapping key is
// visited just before its value, with the value's path and key set, so the
// first visit of a path is the line the field starts on. The document node
// itself is not visited, and aliases are visited but not followed.
func visitNodes(n *yaml.Node, path string, visit func(n *yaml.Node, path string, key bool)) {
	if n.Kind != yaml.DocumentNode {
		visit(n, path, false)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			visitNodes(c, path, visit)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			p := key.Value
			if path != "" {
				p = path + "." + key.Value
			}
			visit(key, p, true)
			visitNodes(val, p, visit)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			visitNodes(c, fmt.Sprintf("%s[%d]", path, i), visit)
		}
	}
}

// line returns the line of path, or of its nearest parent present in the
// file (a missing field is reported where its parent starts).
func (idx lineIndex) line(path string) int {
	for {
		if l, ok := idx[path]; ok {
			return l
		}
		cut := strings.LastIndexAny(path, ".[")
		if cut < 0 {
			return idx[""]
		}
		path = path[:cut]
	}
}

// entryAt returns the index of the top-level list entry that contains line,
// or -1 when the document is not a list or the line comes before it.
func (idx lineIndex) entryAt(line int) int {
	found := -1
	for i := 0; ; i++ {
		start, ok := idx[fmt.Sprintf("[%d]", i)]
		if !ok || start > line {
			return found
		}
		found = i
	}
}
