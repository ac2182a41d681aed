package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// helpColumnWidth is the width of one column of the full help, in cells.
const helpColumnWidth = 40

// speedsHelp describes the speed keys in the full help, where there is
// room to name each speed.
const speedsHelp = "speed 1×, 5×, 20× or 60×"

// helpKeyHelp describes ? in the full help, where the short help's "more"
// would point at the list the player is reading.
const helpKeyHelp = "show or hide all keys"

// fullHelpView lists every key of the active screen, group by group, in
// as many columns as fit in width × height.
func fullHelpView(st styles, groups [][]key.Binding, width, height int) string {
	var lines []string
	for _, g := range groups {
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		for _, b := range g {
			if !b.Enabled() || b.Help().Key == "" {
				continue
			}
			desc := b.Help().Desc
			switch b.Help().Key {
			case "1-4":
				desc = speedsHelp
			case "?":
				desc = helpKeyHelp
			}
			lines = append(lines, st.selected.Render(padRight(b.Help().Key, 9))+" "+desc)
		}
	}

	title := st.title.Render("Keys") + st.faint.Render("  arrows and vim keys (k, j) both work; the mouse wheel scrolls")
	rows := max(height-2, 1)
	var columns []string
	for start := 0; start < len(lines); start += rows {
		end := min(start+rows, len(lines))
		column := make([]string, end-start)
		for i, l := range lines[start:end] {
			column[i] = padRight(truncate(l, helpColumnWidth-2), helpColumnWidth)
		}
		columns = append(columns, strings.Join(column, "\n"))
	}
	body := lipgloss.JoinHorizontal(lipgloss.Top, columns...)
	return truncate(title, width) + "\n\n" + cutWidth(body, width)
}

// cutWidth cuts every line of s to width cells.
func cutWidth(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = truncate(l, width)
	}
	return strings.Join(lines, "\n")
}
