package drills

import "time"

// EventKind is the source of a log line.
type EventKind uint8

const (
	// EventSystem is the simulated platform: rollouts, pods, breakers.
	EventSystem EventKind = iota
	// EventAction is an action the player took.
	EventAction
	// EventAlert is an alert that started firing.
	EventAlert
	// EventResolved is an alert that stopped firing.
	EventResolved
	// EventFault is a fault starting or ending: hidden during play.
	EventFault
	// EventHint is a hint the player asked for.
	EventHint
)

// String returns the kind's stable id.
func (k EventKind) String() string {
	switch k {
	case EventAction:
		return "action"
	case EventAlert:
		return "alert"
	case EventResolved:
		return "resolved"
	case EventFault:
		return "fault"
	case EventHint:
		return "hint"
	}
	return "system"
}

// Event is one line of the incident log.
type Event struct {
	At   time.Duration `json:"at"`
	Kind EventKind     `json:"kind"`
	Text string        `json:"text"`
}
