package ui

import (
	"image/color"

	"charm.land/lipgloss/v2"
	"github.com/guptarohit/asciigraph"
)

// styles holds every style of the app, built once per background colour.
// Bubble Tea downsamples colours to the terminal's profile, so NO_COLOR
// drops them at output time.
type styles struct {
	isDark bool

	title    lipgloss.Style
	subtitle lipgloss.Style
	faint    lipgloss.Style
	bold     lipgloss.Style
	selected lipgloss.Style
	panel    lipgloss.Style

	// panelBorder colours the border renderPanel draws for panel.
	panelBorder lipgloss.Style
	heading     lipgloss.Style

	good lipgloss.Style
	warn lipgloss.Style
	bad  lipgloss.Style

	alert    lipgloss.Style
	action   lipgloss.Style
	resolved lipgloss.Style

	goodColor color.Color
	badColor  color.Color
	warnColor color.Color

	// chartLine and chartLimit colour asciigraph's values and limit lines,
	// in the 256-colour palette it takes.
	chartLine  asciigraph.AnsiColor
	chartLimit asciigraph.AnsiColor
}

func newStyles(isDark bool) styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FD0"), lipgloss.Color("#B59CFF"))
	faint := ld(lipgloss.Color("#767676"), lipgloss.Color("#8A8A8A"))
	green := ld(lipgloss.Color("#1F7A1F"), lipgloss.Color("#5FD75F"))
	yellow := ld(lipgloss.Color("#8A6A00"), lipgloss.Color("#FFD75F"))
	red := ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF6B6B"))
	blue := ld(lipgloss.Color("#1F5FAF"), lipgloss.Color("#87AFFF"))

	return styles{
		isDark:   isDark,
		title:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		subtitle: lipgloss.NewStyle().Foreground(faint),
		faint:    lipgloss.NewStyle().Foreground(faint),
		bold:     lipgloss.NewStyle().Bold(true),
		selected: lipgloss.NewStyle().Bold(true).Foreground(accent),
		panel:    lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(faint).Padding(0, 1),

		panelBorder: lipgloss.NewStyle().Foreground(faint),
		heading:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		good:        lipgloss.NewStyle().Foreground(green),
		warn:        lipgloss.NewStyle().Foreground(yellow),
		bad:         lipgloss.NewStyle().Foreground(red).Bold(true),
		alert:       lipgloss.NewStyle().Foreground(red),
		action:      lipgloss.NewStyle().Foreground(blue).Bold(true),
		resolved:    lipgloss.NewStyle().Foreground(green),

		goodColor: green,
		badColor:  red,
		warnColor: yellow,

		chartLine:  map[bool]asciigraph.AnsiColor{true: asciigraph.Cyan, false: asciigraph.Navy}[isDark],
		chartLimit: map[bool]asciigraph.AnsiColor{true: asciigraph.Red, false: asciigraph.Maroon}[isDark],
	}
}
