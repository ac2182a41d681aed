// Package drills plays one drill: it builds the simulation from the drill's
// scenario, applies the player's actions at the current virtual time, keeps
// the transcript, and raises the alerts an on-call engineer would see. A
// transcript, the drill and the seed replay to identical metrics.
package drills

import (
	"fmt"
	"slices"
	"time"

	"gameday/content"
	"gameday/sim"
)

// Session is one play of a drill. It is not safe for concurrent use.
type Session struct {
	Drill *content.Drill
	Seed  uint64

	sim        *sim.Sim
	transcript []content.Step
	events     []Event
	simLogSeen int
	alerts     alerts

	// hinted counts the hints given towards each reference action, by id.
	hinted map[string]int
	// lastHint is the text of the last hint given, so a repeat is free.
	lastHint string
}

// New starts a session of the drill at time zero.
func New(d *content.Drill, seed uint64) (*Session, error) {
	s, err := sim.New(sim.Config{
		System:    d.System,
		Traffic:   d.Traffic,
		Faults:    d.Faults,
		Seed:      seed,
		Window:    d.Window(),
		SlowAfter: d.SLO.P99,
	})
	if err != nil {
		return nil, fmt.Errorf("drill %s: %w", d.ID, err)
	}
	return &Session{Drill: d, Seed: seed, sim: s, alerts: newAlerts(d)}, nil
}

// Now returns the virtual time.
func (s *Session) Now() time.Duration { return s.sim.Now() }

// Duration returns the drill's length.
func (s *Session) Duration() time.Duration { return s.Drill.Duration }

// Done reports whether the drill has reached its end.
func (s *Session) Done() bool { return s.sim.Now() >= s.Drill.Duration }

// AdvanceTo runs the simulation to t, capped at the drill's end, and
// collects new log entries and alerts.
func (s *Session) AdvanceTo(t time.Duration) {
	t = min(t, s.Drill.Duration)
	s.sim.AdvanceTo(t)

	for _, e := range s.sim.Log()[s.simLogSeen:] {
		kind := EventSystem
		if e.Kind == sim.LogFault {
			kind = EventFault
		}
		s.events = append(s.events, Event{At: e.At, Kind: kind, Text: e.Text})
	}
	s.simLogSeen = len(s.sim.Log())

	for _, e := range s.alerts.update(s.sim.Seconds()) {
		s.insertEvent(e)
	}
}

// Apply takes an action now: the change starts after the action's delay.
// The variant may be empty when the action has only one.
func (s *Session) Apply(actionID, variantID string) error {
	return s.ApplyWithRationale(actionID, variantID, "")
}

// ApplyWithRationale takes an action now, like Apply, and keeps the
// player's reason for it in the transcript, cut to one line of at most
// MaxRationale characters.
func (s *Session) ApplyWithRationale(actionID, variantID, rationale string) error {
	step := content.Step{At: s.Now(), Action: actionID, Variant: variantID, Rationale: oneLine(rationale)}
	a, v, err := s.Drill.Resolve(step)
	if err != nil {
		return err
	}
	step.Variant = v.ID
	for _, c := range v.Changes() {
		if err := s.sim.Apply(s.Now()+a.Delay, c); err != nil {
			return fmt.Errorf("action %s, variant %s: %w", a.ID, v.ID, err)
		}
	}
	s.transcript = append(s.transcript, step)

	text := a.Title + ": " + v.Title
	if a.Delay > 0 {
		text += fmt.Sprintf(" (starts in %s)", a.Delay)
	}
	s.events = append(s.events, Event{At: s.Now(), Kind: EventAction, Text: text})
	return nil
}

// Transcript returns the actions taken so far, in order.
func (s *Session) Transcript() []content.Step { return slices.Clone(s.transcript) }

// Seconds returns the per-second metrics so far; see sim.Sim.Seconds.
func (s *Session) Seconds() []sim.Second { return s.sim.Seconds() }

// Totals returns the sums over the SLO window so far.
func (s *Session) Totals() sim.Totals { return s.sim.Totals() }

// Pods returns the running pods.
func (s *Session) Pods() []sim.PodStatus { return s.sim.Pods() }

// Current returns the service settings new pods get.
func (s *Session) Current() sim.ServiceSpec { return s.sim.Current() }

// Events returns the event log in time order, faults included; a live view
// hides EventFault from the player.
func (s *Session) Events() []Event { return s.events }

// Firing returns the alerts firing now.
func (s *Session) Firing() []string { return s.alerts.firing() }

func (s *Session) insertEvent(e Event) {
	i := len(s.events)
	for i > 0 && s.events[i-1].At > e.At {
		i--
	}
	s.events = slices.Insert(s.events, i, e)
}

// Replay plays the steps on a new session to the end of the drill. Steps
// must be in time order, as content.ParseSteps returns them.
func Replay(d *content.Drill, seed uint64, steps []content.Step) (*Session, error) {
	s, err := New(d, seed)
	if err != nil {
		return nil, err
	}
	for i, st := range steps {
		if i > 0 && st.At < steps[i-1].At {
			return nil, fmt.Errorf("step %d at %s comes before step %d at %s; sort the steps by time", i+1, st.At, i, steps[i-1].At)
		}
		s.AdvanceTo(st.At)
		if err := s.replayStep(st); err != nil {
			return nil, fmt.Errorf("step %d (%s at %s): %w", i+1, describeStep(st), st.At, err)
		}
	}
	s.AdvanceTo(d.Duration)
	return s, nil
}

// SLOMet reports whether the run so far meets the drill's SLO over its
// window: enough good responses, and their p99 at or under the target.
func (s *Session) SLOMet() bool {
	return MeetsSLO(s.Drill, s.Totals())
}

// MeetsSLO reports whether totals over the drill's window meet its SLO:
// the good ratio, the p99 and, when the drill sets one, the limit on writes
// lost and split-brain writes.
func MeetsSLO(d *content.Drill, t sim.Totals) bool {
	if t.GoodRatio() < d.SLO.SuccessPercent/100 {
		return false
	}
	if limit := d.SLO.MaxWritesLost; limit != nil && t.WritesLost+t.SplitBrainWrites > *limit {
		return false
	}
	return d.SLO.P99 == 0 || t.P99 <= d.SLO.P99
}
