// Package ui is gameday's terminal interface, built on Bubble Tea v2. It
// owns the terminal and never the simulation: screens drive a
// drills.Session and show what it reports.
package ui

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"gameday/content"
)

// StudyFileName is the name of the file, beside the history file, that
// keeps the study cards' Leitner boxes.
const StudyFileName = "study.json"

// Minimum terminal size the screens are laid out for.
const (
	minWidth  = 80
	minHeight = 24
)

// Options configure the app at start.
type Options struct {
	// Drill opens the app at this drill's briefing instead of the home
	// screen.
	Drill string

	// HistoryFile is the history file that finished drills and graded
	// answers are appended to and the progress screen reads; empty
	// records nothing. Study mode keeps its boxes in StudyFileName in the
	// same directory. User is the name records are filed under.
	HistoryFile string
	User        string

	// Interviewer opens Drill in interviewer mode, with the interviewer's
	// panel of rubric, notes and faults to inject.
	Interviewer bool

	// Log receives the app's debug log. Nil discards it: the terminal
	// belongs to the app, so nothing is ever logged to it.
	Log *slog.Logger

	// SaveDir is the directory files are written to: the moves and the
	// Markdown debrief on request, and the drill in progress when a
	// SignalMsg arrives. Empty means the working directory.
	SaveDir string
}

// app is the state every screen shares.
type app struct {
	lib     *content.Library
	keys    keyMap
	styles  styles
	history *history
	log     *slog.Logger

	// saveDir is Options.SaveDir.
	saveDir string

	// studyFile is the Leitner state's file, beside the history; empty
	// keeps study progress for this run only.
	studyFile string

	// now is the wall clock; tests replace it. Only the ui reads it, and
	// passes the time to scoring.
	now func() time.Time
}

// screen is one page of the app. The root model routes messages to the
// active screen; a screen returns the screen to show next.
type screen interface {
	update(msg tea.Msg) (screen, tea.Cmd)
	view(width, height int) string
	help() helpKeys
}

// Model is the root model: it handles global keys, the window size and the
// background colour, and hands everything else to the active screen.
type Model struct {
	app    *app
	screen screen
	width  int
	height int
	help   help.Model

	signalSave *SignalSave
}

// New returns the app at the home screen, or at a drill's briefing.
func New(lib *content.Library, opts Options) Model {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a := &app{lib: lib, keys: defaultKeyMap(), styles: newStyles(true), history: &history{path: opts.HistoryFile, user: opts.User}, log: log, saveDir: opts.SaveDir}
	if opts.HistoryFile != "" {
		a.studyFile = filepath.Join(filepath.Dir(opts.HistoryFile), StudyFileName)
	}
	a.now = time.Now
	m := Model{app: a, help: help.New()}
	m.help.Styles = help.DefaultStyles(true)
	m.screen = newHome(a)
	if d := lib.Drill(opts.Drill); d != nil {
		m.screen = newBriefing(a, d, opts.Interviewer)
	}
	return m
}

// Init requests the terminal's background colour. The reply may never come,
// so dark styles are the default.
func (m Model) Init() tea.Cmd { return tea.RequestBackgroundColor }

// pausable is a screen with a clock that must stop while the player cannot
// see it.
type pausable interface {
	// hold stops the clock; resume restarts it if hold stopped it.
	hold()
	resume() tea.Cmd
}

// dir returns the directory files are saved to.
func (a *app) dir() (string, error) {
	if a.saveDir != "" {
		return a.saveDir, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("cannot find the working directory: %w", err)
	}
	return wd, nil
}

// capturer is a screen with a text field: while it captures keys, the
// app's global keys other than ctrl+c go to the field.
type capturer interface {
	capturing() bool
}

// Update handles global messages and routes the rest to the screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		wasObscured := m.obscured()
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		return m, m.holdOrResume(wasObscured)
	case SignalMsg:
		return m.handleSignal(msg)
	case tea.BackgroundColorMsg:
		m.app.styles = newStyles(msg.IsDark())
		m.help.Styles = help.DefaultStyles(msg.IsDark())
	case tea.KeyPressMsg:
		if key.Matches(msg, m.app.keys.ForceQuit) {
			m.app.log.Info("interrupted with ctrl+c", "screen", m.Screen())
			return m, tea.Interrupt
		}
		// Keys would act on a screen the player cannot see.
		if m.tooSmall() {
			return m, nil
		}
		if c, ok := m.screen.(capturer); ok && c.capturing() {
			break
		}
		if key.Matches(msg, m.app.keys.Help) || (m.help.ShowAll && key.Matches(msg, m.app.keys.Back)) {
			wasObscured := m.obscured()
			m.help.ShowAll = !m.help.ShowAll
			return m, m.holdOrResume(wasObscured)
		}
		// Keys would act on the screen behind the full help.
		if m.help.ShowAll {
			return m, nil
		}
	}
	record := m.app.history.observe(msg)
	next, cmd := m.screen.update(msg)
	m.screen = next
	return m, tea.Batch(cmd, record)
}

// obscured reports whether the active screen is hidden, by a window too
// small to show it or by the full help.
func (m Model) obscured() bool { return m.tooSmall() || m.help.ShowAll }

// holdOrResume stops a screen's clock when the screen became obscured and
// restarts it when it became visible again.
func (m Model) holdOrResume(wasObscured bool) tea.Cmd {
	p, ok := m.screen.(pausable)
	if !ok {
		return nil
	}
	switch {
	case m.obscured() && !wasObscured:
		p.hold()
	case !m.obscured() && wasObscured:
		return p.resume()
	}
	return nil
}

// tooSmall reports whether the window is below the minimum size. Before the
// first WindowSizeMsg the size is unknown and not too small.
func (m Model) tooSmall() bool {
	if m.width == 0 && m.height == 0 {
		return false
	}
	return m.width < minWidth || m.height < minHeight
}

// View draws the active screen and its help line.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "gameday"
	// The wheel scrolls the briefing, the debrief and the incident log;
	// every action also has a key, so the mouse stays optional.
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

func (m Model) render() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.tooSmall() {
		msg := fmt.Sprintf("gameday needs a terminal of at least %d×%d.\nThis one is %d×%d: please make the window larger.\nThe drill clock is paused meanwhile.\n\nctrl+c quits.",
			minWidth, minHeight, m.width, m.height)
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg)
	}

	if m.help.ShowAll {
		closeHelp := key.NewBinding(key.WithKeys("?", "esc"), key.WithHelp("?/esc", "close help"))
		helpView := truncate(m.help.ShortHelpView([]key.Binding{closeHelp, m.app.keys.ForceQuit}), m.width)
		body := fullHelpView(m.app.styles, m.screen.help().full, m.width, m.height-1)
		return fitHeight(body, m.height-1) + "\n" + helpView
	}

	// help.Model v2.1.1 keeps adding items past its width once its "…"
	// no longer fits, so the line is cut here as well.
	helpView := truncate(m.help.ShortHelpView(m.screen.help().short), m.width)
	body := m.screen.view(m.width, m.height-1)
	return fitHeight(body, m.height-1) + "\n" + helpView
}

// Screen returns the name of the active screen, for tests.
func (m Model) Screen() string {
	switch m.screen.(type) {
	case *home:
		return "home"
	case *drillList:
		return "list"
	case *briefing:
		return "briefing"
	case *live:
		return "live"
	case *debrief:
		return "debrief"
	case *progressScreen:
		return "progress"
	case *study:
		return "study"
	case *questionRound:
		return "questions"
	}
	return "unknown"
}
