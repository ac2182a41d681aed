package ui

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"gameday/content"
)

// SignalMsg asks the app to save the drill in progress and quit, as it
// does for SIGTERM and SIGHUP. Signal names the signal for the log and the
// file's header.
type SignalMsg struct{ Signal os.Signal }

// SignalSave is the outcome of saving the drill in progress on a
// SignalMsg.
type SignalSave struct {
	// Path is the actions file written; empty when no drill was running or
	// the write failed.
	Path string
	// Err is the error of a failed write.
	Err error
}

// saveOnSignal writes the moves of the drill in progress, if any, to an
// actions file in dir, and returns the outcome.
func (m Model) saveOnSignal(msg SignalMsg, dir string) SignalSave {
	l, ok := m.screen.(*live)
	if !ok {
		m.app.log.Info("signal received, no drill in progress", "signal", msg.Signal, "screen", m.Screen())
		return SignalSave{}
	}
	header := fmt.Sprintf("# Saved on %v at %s of virtual time, before the drill ended.\n", msg.Signal, content.PreciseClock(l.session.Now()))
	data := header + actionsFile(l.drill.ID, l.session.Transcript())
	path, err := saveActions(dir, l.drill.ID+"-unfinished", data)
	if err != nil {
		m.app.log.Error("saving the drill in progress failed", "signal", msg.Signal, "dir", dir, "err", err)
		return SignalSave{Err: err}
	}
	m.app.log.Info("saved the drill in progress", "signal", msg.Signal, "path", path)
	return SignalSave{Path: path}
}

// handleSignal saves the drill in progress and quits.
func (m Model) handleSignal(msg SignalMsg) (tea.Model, tea.Cmd) {
	dir, err := m.app.dir()
	if err != nil {
		m.signalSave = &SignalSave{Err: err}
		return m, tea.Quit
	}
	save := m.saveOnSignal(msg, dir)
	m.signalSave = &save
	return m, tea.Quit
}

// SignalSaved returns what the app saved when a SignalMsg stopped it, and
// false when none did.
func (m Model) SignalSaved() (SignalSave, bool) {
	if m.signalSave == nil {
		return SignalSave{}, false
	}
	return *m.signalSave, true
}
