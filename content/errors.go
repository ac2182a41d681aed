package content

import (
	"fmt"
	"strings"
)

// Problem is one error in a content file.
type Problem struct {
	File string
	Line int // 0 when unknown

	// Field is the dotted path of the field, such as
	// "actions[1].variants[0].verdict"; empty for file-level problems.
	Field string

	Message string
}

// Error returns the problem as "file:line: field: message", with any unsafe
// rune escaped (see EscapeUnsafe), because file names and messages may
// quote a pack's text.
func (p Problem) Error() string {
	return EscapeUnsafe(p.text())
}

func (p Problem) text() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is every error found in one load, in file and line order.
type Problems []Problem

func (ps Problems) Error() string {
	if len(ps) == 1 {
		return ps[0].Error()
	}
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return fmt.Sprintf("%d problems:\n%s", len(ps), strings.Join(lines, "\n"))
}
