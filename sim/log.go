package sim

import (
	"fmt"
	"time"
)

// LogKind groups log entries so a view can filter them.
type LogKind uint8

const (
	// LogFault marks a fault starting or ending. It is what the drill does to
	// the system, so a live view hides it from the player.
	LogFault LogKind = iota
	// LogChange is a configuration change reaching the pods.
	LogChange
	// LogPod is a pod starting, becoming ready or stopping.
	LogPod
	// LogBreaker is a circuit breaker changing state.
	LogBreaker
	// LogDatabase is a database node stopping or returning, a failover
	// starting or finishing.
	LogDatabase
)

// String returns the kind's stable id.
func (k LogKind) String() string {
	switch k {
	case LogFault:
		return "fault"
	case LogChange:
		return "change"
	case LogPod:
		return "pod"
	case LogBreaker:
		return "breaker"
	case LogDatabase:
		return "database"
	}
	return "unknown"
}

// LogEntry is one notable event of the run.
type LogEntry struct {
	At   time.Duration `json:"at"`
	Kind LogKind       `json:"-"`
	Text string        `json:"text"`
}

func (s *Sim) logf(kind LogKind, format string, args ...any) {
	s.log = append(s.log, LogEntry{At: s.now, Kind: kind, Text: fmt.Sprintf(format, args...)})
}
