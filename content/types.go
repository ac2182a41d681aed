// Package content defines the file format of gameday's content (the
// checklist and the drills), embeds the built-in files, and loads them
// strictly: an unknown field, a wrong type or an invalid value is an error
// that names the file, the line and what is expected.
package content

import (
	"fmt"
	"strings"
	"time"

	"gameday/sim"
)

// Level is a rung of the interview ladder, lowest first.
type Level int

const (
	LevelNone Level = iota
	LevelMid
	LevelSenior
	LevelStrongSenior
	LevelStaff
	LevelPrincipal
)

var levelIDs = []string{"none", "mid", "senior", "strong-senior", "staff", "principal"}
var levelTitles = []string{"None yet", "Mid", "Senior", "Strong Senior", "Staff", "Principal"}

// String returns the level's id, as content files spell it.
func (l Level) String() string {
	if l >= 0 && int(l) < len(levelIDs) {
		return levelIDs[l]
	}
	return "unknown"
}

// Title returns the level as people write it ("Strong Senior").
func (l Level) Title() string {
	if l >= 0 && int(l) < len(levelTitles) {
		return levelTitles[l]
	}
	return "Unknown"
}

// ParseLevel returns the level with the id s, such as "strong-senior".
func ParseLevel(s string) (Level, bool) {
	for i, id := range levelIDs {
		if i > 0 && id == s {
			return Level(i), true
		}
	}
	return LevelNone, false
}

// Checklist is the curriculum: the ten concepts, in order.
type Checklist struct {
	Concepts []Concept `yaml:"concepts"`
}

// Concept is one item of the checklist.
type Concept struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`

	// Short is the title in at most MaxShortTitle characters, for screens
	// that list all ten concepts side by side. Empty means the title is
	// short enough.
	Short string `yaml:"short"`

	Level    string   `yaml:"level"`
	Summary  string   `yaml:"summary"`
	Bad      []string `yaml:"bad"`
	Good     []string `yaml:"good"`
	Keywords []string `yaml:"keywords"`
}

// MaxShortTitle is the longest short title of a concept, in characters:
// two columns of "NN. " and a title fit in 80 columns.
const MaxShortTitle = 34

// ShortTitle returns the concept's short title, or its title when it has
// none.
func (c Concept) ShortTitle() string {
	if c.Short != "" {
		return c.Short
	}
	return c.Title
}

// LevelValue returns the concept's parsed level.
func (c Concept) LevelValue() Level {
	l, _ := ParseLevel(c.Level)
	return l
}

// Concept returns the concept with the id, or nil.
func (c *Checklist) Concept(id string) *Concept {
	for i := range c.Concepts {
		if c.Concepts[i].ID == id {
			return &c.Concepts[i]
		}
	}
	return nil
}

// Difficulties, easiest first.
var Difficulties = []string{"beginner", "intermediate", "advanced"}

// Verdicts of an action variant.
const (
	// VerdictSound is the right move, made well: full credit.
	VerdictSound = "sound"
	// VerdictWeak is the right idea with a poor setting: half credit.
	VerdictWeak = "weak"
	// VerdictUseless is harmless but does not help: no credit, no penalty.
	VerdictUseless = "useless"
	// VerdictWrong makes things worse or shows a misconception: a penalty.
	VerdictWrong = "wrong"
)

// DefaultPenalty is the cost of a wrong move, in points out of 100, when
// its variant does not set one.
const DefaultPenalty = 15

// Drill is one scripted outage with everything needed to play and grade it.
type Drill struct {
	ID         string   `yaml:"id"`
	Title      string   `yaml:"title"`
	Difficulty string   `yaml:"difficulty"`
	Summary    string   `yaml:"summary"`
	Concepts   []string `yaml:"concepts"`
	Primary    []string `yaml:"primary"`

	// Briefing is the text the candidate reads before the drill starts.
	Briefing string `yaml:"briefing"`

	// InterviewerNotes are hidden from the candidate.
	InterviewerNotes string `yaml:"interviewer_notes"`

	// Duration is the length of the drill in virtual time.
	Duration time.Duration `yaml:"duration"`

	// Seed drives the simulation. Default 1.
	Seed uint64 `yaml:"seed"`

	// RespondWithin is the time after the first fault within which an
	// action earns full timeliness credit. Default 30 s.
	RespondWithin time.Duration `yaml:"respond_within"`

	System  sim.System  `yaml:"system"`
	Traffic sim.Traffic `yaml:"traffic"`
	Faults  []sim.Fault `yaml:"faults"`
	SLO     SLO         `yaml:"slo"`

	Actions   []Action `yaml:"actions"`
	Reference []Step   `yaml:"reference"`

	ModelAnswer string   `yaml:"model_answer"`
	FollowUps   []string `yaml:"follow_ups"`

	// File is the path the drill was loaded from, for messages.
	File string `yaml:"-"`

	idLine  int  // the line of the id field in File
	builtin bool // embedded in gameday rather than loaded from a pack
}

// IsBuiltin reports whether the drill is embedded in gameday rather than
// loaded from a pack with --content.
func (d *Drill) IsBuiltin() bool { return d.builtin }

// SLO is the drill's target over the window [From, To).
type SLO struct {
	// SuccessPercent is the share of requests that must get a good response
	// (full or degraded), in percent.
	SuccessPercent float64 `yaml:"success_percent"`

	// P99 is the latency the 99th percentile must stay at or under.
	P99 time.Duration `yaml:"p99"`

	// MaxWritesLost is a durability objective: the most acknowledged
	// writes the window may lose, to replication lag in a failover or to a
	// split brain. Optional; nil sets no limit.
	MaxWritesLost *int `yaml:"max_writes_lost"`

	// From and To bound the window; a zero To means the end of the drill.
	From time.Duration `yaml:"from"`
	To   time.Duration `yaml:"to"`
}

// Window returns the SLO window with To filled in.
func (d *Drill) Window() sim.Window {
	w := sim.Window{From: d.SLO.From, To: d.SLO.To}
	if w.To == 0 {
		w.To = d.Duration
	}
	return w
}

// Action is one entry of the action palette.
type Action struct {
	ID          string `yaml:"id"`
	Title       string `yaml:"title"`
	Concept     string `yaml:"concept"`
	Description string `yaml:"description"`

	// Delay is the time between choosing the action and the change
	// starting to roll out, such as a config build and push.
	Delay time.Duration `yaml:"delay"`

	Variants []Variant `yaml:"variants"`
}

// Variant is one way of taking an action, such as a timeout of 2 s.
type Variant struct {
	ID      string `yaml:"id"`
	Title   string `yaml:"title"`
	Verdict string `yaml:"verdict"`

	// Why is the reason for the verdict, shown in the debrief.
	Why string `yaml:"why"`

	// Penalty is the cost of a wrong variant, in points. Default DefaultPenalty.
	Penalty int `yaml:"penalty"`

	// Effect is what the move changes, on the entry service unless it
	// names another.
	Effect sim.Change `yaml:"effect"`

	// Also lists more changes made by the same move, such as the same
	// timeout on every hop of a chain. They start with Effect.
	Also []sim.Change `yaml:"also"`
}

// Changes returns the variant's changes: Effect, then Also.
func (v Variant) Changes() []sim.Change { return append([]sim.Change{v.Effect}, v.Also...) }

// Step is one line of a transcript, of an actions file, or of a drill's
// reference solution, at a point of virtual time. It is an action with its
// variant, or, in a transcript or an actions file only, a hint the player
// asked for (Hint), a fault an interviewer injected (Inject) or an
// interviewer's rating of a spoken explanation (Rate).
type Step struct {
	At      time.Duration `yaml:"at" json:"at"`
	Action  string        `yaml:"action,omitempty" json:"action,omitempty"`
	Variant string        `yaml:"variant,omitempty" json:"variant,omitempty"`

	// Rationale is the player's one-line reason for an action, shown in
	// the debrief and the report. Optional.
	Rationale string `yaml:"rationale,omitempty" json:"rationale,omitempty"`

	// Hint marks a hint the player asked for. Each costs points.
	Hint bool `yaml:"hint,omitempty" json:"hint,omitempty"`

	// Inject is an extra fault that starts at At; its own at is left out.
	Inject *sim.Fault `yaml:"inject,omitempty" json:"inject,omitempty"`

	// Rate is the interviewer's rating of the candidate's spoken
	// explanation of one concept. A later rating of the same concept
	// replaces an earlier one.
	Rate *Rating `yaml:"rate,omitempty" json:"rate,omitempty"`
}

// IsAction reports whether the step is an action, not a hint, a fault or a
// rating.
func (s Step) IsAction() bool { return !s.Hint && s.Inject == nil && s.Rate == nil }

// Action returns the action with the id, or nil.
func (d *Drill) Action(id string) *Action {
	for i := range d.Actions {
		if d.Actions[i].ID == id {
			return &d.Actions[i]
		}
	}
	return nil
}

// Variant returns the variant with the id, or nil.
func (a *Action) Variant(id string) *Variant {
	for i := range a.Variants {
		if a.Variants[i].ID == id {
			return &a.Variants[i]
		}
	}
	return nil
}

// FirstFault returns when the first fault starts, or the drill's duration
// when it has none.
func (d *Drill) FirstFault() time.Duration {
	first := d.Duration
	for _, f := range d.Faults {
		first = min(first, f.At)
	}
	return first
}

// Library is the loaded content.
type Library struct {
	Checklist Checklist
	Questions QuestionSet
	Drills    []*Drill

	// questionFiles names, by id, the file and line of each question a
	// pack added; the others come from Questions.File.
	questionFiles map[string]string
}

// Drill returns the drill with the id, or nil.
func (l *Library) Drill(id string) *Drill {
	for _, d := range l.Drills {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// FormatDuration writes a duration the short way content files do: "2m"
// rather than Go's "2m0s", "1h30m" rather than "1h30m0s".
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// Clock writes virtual time the way the app's clock shows it: m:ss.
func Clock(t time.Duration) string {
	t = t.Truncate(time.Second)
	return fmt.Sprintf("%d:%02d", int(t.Minutes()), int(t.Seconds())%60)
}

// PreciseClock writes virtual time as m:ss, with tenths when t is not on a
// whole second, so a logged action can be replayed exactly.
func PreciseClock(t time.Duration) string {
	if t%time.Second == 0 {
		return Clock(t)
	}
	return fmt.Sprintf("%s.%d", Clock(t), int(t/(100*time.Millisecond))%10)
}
