package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// scrollKey moves vp for a scrolling key and reports whether k was one.
func scrollKey(vp *viewport.Model, k tea.KeyPressMsg, keys keyMap) bool {
	switch {
	case key.Matches(k, keys.Up):
		vp.ScrollUp(1)
	case key.Matches(k, keys.Down):
		vp.ScrollDown(1)
	case key.Matches(k, keys.PageUp):
		vp.PageUp()
	case key.Matches(k, keys.PageDown):
		vp.PageDown()
	case key.Matches(k, keys.Top):
		vp.GotoTop()
	case key.Matches(k, keys.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}

// wheelLines is how many lines one step of the mouse wheel scrolls.
const wheelLines = 3

// scrollWheel scrolls vp for a wheel message and reports whether msg was
// one.
func scrollWheel(vp *viewport.Model, msg tea.Msg) bool {
	w, ok := msg.(tea.MouseWheelMsg)
	if !ok {
		return false
	}
	switch w.Button {
	case tea.MouseWheelUp:
		vp.ScrollUp(wheelLines)
	case tea.MouseWheelDown:
		vp.ScrollDown(wheelLines)
	}
	return true
}

// scrollKeysHelp names the keys that scroll a viewport, for a scroll
// status line.
const scrollKeysHelp = "↑/↓ pgup/pgdn home/end scroll"

// scrollStatus describes where vp is in its content: whether more is above
// or below and which lines it shows, then keysHelp unless that is empty.
// It returns "" when the whole content fits.
func scrollStatus(vp viewport.Model, keysHelp string) string {
	if vp.AtTop() && vp.AtBottom() {
		return ""
	}
	where := "↑↓ more above and below"
	switch {
	case vp.AtTop():
		where = "↓ more below"
	case vp.AtBottom():
		where = "↑ more above"
	}
	total := vp.TotalLineCount()
	first := vp.YOffset() + 1
	last := min(vp.YOffset()+vp.VisibleLineCount(), total)
	status := fmt.Sprintf("%s · lines %d–%d of %d", where, first, last, total)
	if keysHelp != "" {
		status += " · " + keysHelp
	}
	return status
}
