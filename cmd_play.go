package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"gameday/ui"
)

// tuiFlags are the flags of the commands that open the app.
type tuiFlags struct {
	interviewer bool
	debugFile   string
}

func (f *tuiFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.debugFile, "debug", "", "append a debug log of the app to this file (never to the screen)")
}

func newPlayCmd(opts *globalOptions) *cobra.Command {
	var flags tuiFlags
	cmd := &cobra.Command{
		Use:   "play ID",
		Short: "Open the app straight at one drill's briefing",
		Example: `  gameday play payment-provider-hangs
  gameday play payment-provider-hangs --interviewer`,
		Args: exactArgs(1, "a drill id, such as payment-provider-hangs"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTUI(cmd, opts, args[0], flags)
		},
	}
	cmd.Flags().BoolVar(&flags.interviewer, "interviewer", false, "interviewer mode: show the rubric and notes, and inject faults live")
	flags.register(cmd)
	return cmd
}

// runTUI opens the interactive app, at the briefing of drillID if set.
func runTUI(cmd *cobra.Command, opts *globalOptions, drillID string, flags tuiFlags) error {
	lib, err := loadLibrary(cmd)
	if err != nil {
		return err
	}
	if drillID != "" {
		if _, err := findDrill(lib, drillID); err != nil {
			return err
		}
	}
	if !term.IsTerminal(os.Stdin.Fd()) || !term.IsTerminal(os.Stdout.Fd()) {
		return badInput("the interactive app needs a terminal; to play without one, use `gameday run ID --actions FILE`")
	}

	if err := opts.checkUser(); err != nil {
		return err
	}
	history, err := opts.historyPath()
	if err != nil {
		return err
	}
	log, closeLog, err := openDebugLog(flags.debugFile)
	if err != nil {
		return err
	}
	defer closeLog()

	uiOpts := ui.Options{Drill: drillID, HistoryFile: history, User: opts.user(), Interviewer: flags.interviewer, Log: log}
	p := tea.NewProgram(ui.New(lib, uiOpts), tea.WithoutSignalHandler())
	stop := forwardSignals(p)
	defer stop()

	log.Info("app started", "drill", drillID, "interviewer", flags.interviewer)
	final, err := p.Run()
	log.Info("app stopped", "err", err)
	switch {
	case errors.Is(err, tea.ErrInterrupted):
		return errInterrupted
	case err != nil:
		return fmt.Errorf("terminal app failed: %w", err)
	}
	if m, ok := final.(ui.Model); ok {
		return reportSignalSave(cmd, m)
	}
	return nil
}

// forwardSignals hands SIGTERM and SIGHUP to the app, which saves the drill
// in progress and quits, and SIGINT (which a terminal in raw mode sends as
// a key instead) as an interrupt. The returned function stops forwarding.
func forwardSignals(p *tea.Program) (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sigs:
				if s == syscall.SIGINT {
					p.Send(tea.InterruptMsg{})
					continue
				}
				p.Send(ui.SignalMsg{Signal: s})
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

// reportSignalSave prints where the drill in progress was saved when a
// signal stopped the app, and returns errTerminated.
func reportSignalSave(cmd *cobra.Command, m ui.Model) error {
	save, ok := m.SignalSaved()
	if !ok {
		return nil
	}
	switch {
	case save.Err != nil:
		fmt.Fprintln(cmd.ErrOrStderr(), "gameday: stopped by a signal; could not save the drill in progress:", save.Err)
	case save.Path != "":
		fmt.Fprintf(cmd.ErrOrStderr(), "gameday: stopped by a signal; saved the drill in progress to %s\n", save.Path)
	}
	return errTerminated
}

// openDebugLog opens path for appending and returns a logger writing to
// it. An empty path returns a logger that discards everything.
func openDebugLog(path string) (*slog.Logger, func(), error) {
	if path == "" {
		return slog.New(slog.DiscardHandler), func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, badInput("cannot open the debug log: %v; choose a writable file with --debug", err)
	}
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})), func() { f.Close() }, nil
}
