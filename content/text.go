package content

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Content text is printed to the user's terminal (the list, the briefing,
// the debrief, error messages), and a pack written by someone else is
// untrusted. A terminal acts on control characters: ESC starts escape
// sequences that can retitle the window, clear the screen or move the
// cursor, and the C1 controls U+0080–U+009F (CSI, OSC) do the same on many
// terminals. Bidirectional formatting characters reorder what is shown, so
// text can read differently from what it is. Every string a content file
// decodes to is therefore checked, and any of these is rejected.

// runeNames are the short names of the unsafe runes a reader is most likely
// to meet.
var runeNames = map[rune]string{
	0x07: "BEL", 0x08: "backspace", 0x0d: "carriage return", 0x1b: "ESC", 0x7f: "DEL",
	0x85: "NEL", 0x90: "DCS", 0x9b: "CSI", 0x9c: "ST", 0x9d: "OSC",
	0x2028: "line separator", 0x2029: "paragraph separator",
	0x202a: "LEFT-TO-RIGHT EMBEDDING", 0x202b: "RIGHT-TO-LEFT EMBEDDING",
	0x202c: "POP DIRECTIONAL FORMATTING", 0x202d: "LEFT-TO-RIGHT OVERRIDE",
	0x202e: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
}

// unsafeRune describes r when it may not appear in content text: a C0
// control other than newline and tab, DEL, a C1 control, a line or
// paragraph separator, or a bidirectional embedding, override or isolate.
// It returns "" for every other rune.
func unsafeRune(r rune) string {
	var kind string
	switch {
	case r == '\n' || r == '\t':
		return ""
	case r < 0x20 || (r >= 0x7f && r <= 0x9f):
		kind = "the control character"
	case r == 0x2028 || r == 0x2029:
		kind = "the Unicode separator"
	case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		kind = "the bidirectional formatting character"
	default:
		return ""
	}
	desc := fmt.Sprintf("%s %U", kind, r)
	if name, ok := runeNames[r]; ok {
		desc += " (" + name + ")"
	}
	return desc
}

// firstUnsafe returns the description of the first unsafe rune in s and its
// position, counted in characters from 1; desc is "" when s is safe.
func firstUnsafe(s string) (desc string, at int) {
	n := 0
	for _, r := range s {
		n++
		if d := unsafeRune(r); d != "" {
			return d, n
		}
	}
	return "", 0
}

// EscapeUnsafe returns s with every rune that unsafeRune rejects replaced
// by its Go escape, such as \x1b or \u202e, so that s can be printed to a
// terminal. Newlines and tabs are kept.
func EscapeUnsafe(s string) string {
	if d, _ := firstUnsafe(s); d == "" {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) == "" {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRuneToASCII(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// textProblems checks every scalar of a parsed document (keys, values and
// tags) for unsafe runes, so no field of any file type can carry one, and
// returns one problem per offending scalar. Aliases are not followed,
// because their anchor is checked where it is defined.
func textProblems(file string, root *yaml.Node) Problems {
	var ps Problems
	visitNodes(root, "", func(n *yaml.Node, path string, key bool) {
		if n.Kind == yaml.AliasNode {
			return
		}
		part := "the value"
		if key {
			part = "the key"
		}
		desc, at := firstUnsafe(n.Value)
		if desc == "" {
			part = "the tag"
			desc, at = firstUnsafe(n.Tag)
		}
		if desc == "" {
			return
		}
		ps = append(ps, Problem{
			File: file, Line: n.Line, Field: EscapeUnsafe(path),
			Message: fmt.Sprintf("contains %s at character %d of %s; remove it (content may not hold terminal control characters or escape sequences)", desc, at, part),
		})
	})
	return ps
}
