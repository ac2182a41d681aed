package main

import (
	"errors"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"gameday/ui"
)

func newPlayCmd(opts *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "play ID",
		Short:   "Open the app straight at one drill's briefing",
		Example: "  gameday play payment-provider-hangs",
		Args:    exactArgs(1, "a drill id, such as payment-provider-hangs"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTUI(cmd, opts, args[0])
		},
	}
}

// runTUI opens the interactive app, at the briefing of drillID if set.
func runTUI(cmd *cobra.Command, opts *globalOptions, drillID string) error {
	lib, err := loadLibrary()
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
	p := tea.NewProgram(ui.New(lib, ui.Options{Drill: drillID, HistoryFile: history, User: opts.user()}))
	_, err = p.Run()
	switch {
	case errors.Is(err, tea.ErrInterrupted):
		return errInterrupted
	case err != nil:
		return fmt.Errorf("terminal app failed: %w", err)
	}
	return nil
}
