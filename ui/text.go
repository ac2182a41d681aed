package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// reflow joins the lines of each paragraph of text written in a YAML block
// and wraps it to width. Blank lines separate paragraphs; lines that start
// with "- " are list items and keep their own line.
func reflow(text string, width int) string {
	var out []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, wrapItem(strings.Join(para, " "), width))
			para = nil
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
			out = append(out, "")
		case strings.HasPrefix(trimmed, "- "):
			flush()
			para = []string{trimmed}
		default:
			para = append(para, trimmed)
		}
	}
	flush()
	return strings.Join(out, "\n")
}

// wrapItem wraps one paragraph, indenting the continuation of a list item.
func wrapItem(s string, width int) string {
	if !strings.HasPrefix(s, "- ") {
		return ansi.Wordwrap(s, width, "")
	}
	wrapped := ansi.Wordwrap(s[2:], width-2, "")
	return "- " + strings.ReplaceAll(wrapped, "\n", "\n  ")
}

// fitHeight pads or cuts s to exactly h lines.
func fitHeight(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// truncate cuts s to width cells, with an ellipsis.
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// titleRoom returns how many cells a drill title may take in a header
// line of width cells that also contains rest, so the title, not the clock
// or the score beside it, is what an ellipsis cuts. It is at least one
// cell.
func titleRoom(width int, rest ...string) int {
	used := 0
	for _, r := range rest {
		used += ansi.StringWidth(r)
	}
	return max(width-used, 1)
}

// fitWidth cuts s to width cells, with an ellipsis, or pads it with spaces
// to width cells.
func fitWidth(s string, width int) string {
	w := ansi.StringWidth(s)
	if w > width {
		s = ansi.Truncate(s, width, "…")
		w = ansi.StringWidth(s)
	}
	return s + strings.Repeat(" ", max(width-w, 0))
}

// padRight pads s with spaces to width cells.
func padRight(s string, width int) string {
	if w := lipgloss.Width(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// latency formats a latency for the dashboard.
func latency(d time.Duration) string {
	switch {
	case d == 0:
		return "-"
	case d < time.Millisecond:
		return "<1ms"
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	default:
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
}
