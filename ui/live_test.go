package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"gameday/content"
	"gameday/drills"
	"gameday/scoring"
	"gameday/sim"
)

// startDrill opens the drill's live screen at 80×24.
func startDrill(t *testing.T, opts Options) (Model, *live) {
	t.Helper()
	opts.Drill = "payment-provider-hangs"
	m := newModel(t, opts)
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "live")
	return m, m.screen.(*live)
}

func TestSpeedKeys(t *testing.T) {
	m, l := startDrill(t, Options{})
	for i, want := range []int{1, 5, 20, 60} {
		m, _ = press(t, m, runeKey(rune('1'+i)))
		if l.speed != want {
			t.Fatalf("key %d: speed %d×, want %d×", i+1, l.speed, want)
		}
	}
	before := l.session.Now()
	m, _ = press(t, m, tickMsg{id: l.tickID})
	if got := l.session.Now() - before; got != 6*time.Second {
		t.Fatalf("one tick at 60× moved the clock %s, want 6s", got)
	}
	if !strings.Contains(plain(m), "60×") {
		t.Fatalf("the header does not show 60×:\n%s", plain(m))
	}
}

func TestHintAsksThenCosts(t *testing.T) {
	m, l := startDrill(t, Options{})
	m = tickUntil(t, m, 35*time.Second)

	m, _ = press(t, m, runeKey('h'))
	if !strings.Contains(plain(m), fmt.Sprintf("A hint costs %d points", scoring.HintPenalty)) {
		t.Fatalf("h did not ask first:\n%s", plain(m))
	}
	if l.running() {
		t.Fatal("the clock runs while the hint question is shown")
	}
	m, _ = press(t, m, runeKey('n'))
	if l.session.Hints() != 0 {
		t.Fatal("answering n took a hint")
	}

	m, _ = press(t, m, runeKey('h'))
	m, _ = press(t, m, runeKey('h'))
	if l.session.Hints() != 1 {
		t.Fatalf("%d hints after confirming, want 1", l.session.Hints())
	}
	if !strings.Contains(plain(m), "Hint: think about") {
		t.Fatalf("the hint is not shown:\n%s", plain(m))
	}
	if !strings.Contains(plain(m), "Timeouts on every remote call") {
		t.Fatalf("the hint does not name the concept:\n%s", plain(m))
	}
}

func TestRepeatedHintNeitherAsksNorCosts(t *testing.T) {
	m, l := startDrill(t, Options{})
	m = tickUntil(t, m, 35*time.Second)
	for range 2 {
		m, _ = press(t, m, runeKey('h'))
		m, _ = press(t, m, runeKey('h'))
	}
	if l.session.Hints() != 2 {
		t.Fatalf("%d hints after two confirmed, want 2", l.session.Hints())
	}

	m, _ = press(t, m, runeKey('h'))
	view := plain(m)
	if strings.Contains(view, "A hint costs") {
		t.Errorf("h asks to pay for a hint that repeats the last one:\n%s", view)
	}
	if !strings.Contains(view, "No new hint until you act on the last one") {
		t.Errorf("the status does not say the hint is a free repeat:\n%s", view)
	}
	if l.session.Hints() != 2 {
		t.Errorf("%d hints after a repeat, want 2", l.session.Hints())
	}
}

func TestDeclinedQuestionKeepsPauseState(t *testing.T) {
	m, l := startDrill(t, Options{})
	m, _ = press(t, m, runeKey('h'))
	m, _ = press(t, m, runeKey('n'))
	if view := plain(m); !strings.Contains(view, "Still playing.") || !l.running() {
		t.Errorf("declining a hint while the clock runs does not play on:\n%s", view)
	}

	m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	m, _ = press(t, m, runeKey('f'))
	m, _ = press(t, m, runeKey('n'))
	if l.running() {
		t.Error("declining to finish restarted a paused clock")
	}
	if view := plain(m); !strings.Contains(view, "Still paused; space starts the clock.") {
		t.Errorf("declining while paused does not say the clock is paused:\n%s", view)
	}
}

func TestRationaleFieldCapturesKeys(t *testing.T) {
	m, l := startDrill(t, Options{})
	m, _ = press(t, m, enterKey)
	m, _ = press(t, m, enterKey)
	if !l.capturing() {
		t.Fatal("the rationale field is not open after choosing a variant")
	}
	before := l.session.Now()
	m, _ = press(t, m, tickMsg{id: l.tickID})
	if l.session.Now() != before {
		t.Fatal("the clock ran while the rationale was typed")
	}

	// ? and q are letters here, not help and quit.
	m = typeText(t, m, "why? q")
	if m.help.ShowAll {
		t.Fatal("? toggled the full help while typing")
	}
	if l.confirming != "" {
		t.Fatalf("q asked %q while typing", l.confirming)
	}
	m, _ = press(t, m, escKey)
	if l.capturing() || l.choosing == nil {
		t.Fatal("esc did not go back to the variants")
	}
	if n := len(l.session.Transcript()); n != 0 {
		t.Fatalf("esc took %d actions, want none", n)
	}
	_ = m
}

func TestTopologyFromSession(t *testing.T) {
	m, l := startDrill(t, Options{})
	m = tickUntil(t, m, 40*time.Second)
	topo := topologyFrom(l.session)
	if topo.Service != "checkout" || len(topo.Pods) != 4 || topo.Ready != 4 {
		t.Fatalf("topology %+v, want checkout with 4 ready pods", topo)
	}
	for _, p := range topo.Pods {
		if p.Health != podSaturated {
			t.Fatalf("pod %s health %d 10 s into the hang, want saturated", p.Name, p.Health)
		}
	}
	if len(topo.Deps) != 1 || topo.Deps[0].Name != "payments" || topo.Deps[0].Breaker || topo.Deps[0].Timeout != 0 {
		t.Fatalf("dependencies %+v, want payments without timeout or breaker", topo.Deps)
	}
	if !strings.Contains(plain(m), "└─▶ payments  no timeout · no retries · no breaker") {
		t.Fatalf("the topology view does not show the payments edge:\n%s", plain(m))
	}

	// A breaker shows its states once the rollout reaches the pods.
	if err := l.session.Apply("add-breaker", "with-fallback"); err != nil {
		t.Fatal(err)
	}
	m = tickUntil(t, m, 90*time.Second)
	topo = topologyFrom(l.session)
	d := topo.Deps[0]
	if !d.Breaker || !d.Fallback || d.Closed+d.Open+d.HalfOpen != len(topo.Pods) {
		t.Fatalf("dependency %+v, want a breaker with fallback on every pod", d)
	}
	if !strings.Contains(plain(m), "breaker+fallback") {
		t.Fatalf("the topology view does not show the breaker:\n%s", plain(m))
	}
}

func TestLiveSeriesMarksSLO(t *testing.T) {
	secs := []sim.Second{
		{Arrivals: 100, Counts: sim.Counts{Outcomes: [sim.NumOutcomes]int{sim.OutcomeSuccess: 100}}, P99: time.Second, Busy: 10, Capacity: 100},
		{Arrivals: 100, Busy: 100, Capacity: 100},
	}
	all := liveSeries(secs, 99, 2*time.Second)
	if len(all) != 4 {
		t.Fatalf("%d series, want traffic, good, p99 and busy", len(all))
	}
	good, p99 := all[1], all[2]
	if good.bad(0) || !good.bad(1) {
		t.Fatalf("good: bad(0)=%v bad(1)=%v, want only the second second below the SLO", good.bad(0), good.bad(1))
	}
	if p99.Limits[0] != 2 || p99.LimitLabel != "SLO 2s" {
		t.Fatalf("p99 limit %v labelled %q, want 2 s", p99.Limits[0], p99.LimitLabel)
	}
	if !isNaN(p99.Values[1]) {
		t.Fatalf("p99 of a second without good responses is %v, want a gap", p99.Values[1])
	}
	for _, h := range []int{2, 5} {
		lines := drawSeries(mustStyles(), p99, 40, h)
		if len(lines) != h {
			t.Fatalf("height %d: %d lines", h, len(lines))
		}
	}
}

// The abusive client's requests are outside the SLO but not out of sight:
// the traffic chart counts them and names them.
func TestLiveSeriesShowsAbusiveTraffic(t *testing.T) {
	secs := []sim.Second{{Arrivals: 600, Abusive: sim.AbusiveCounts{Arrivals: 2000}}}
	traffic := liveSeries(secs, 99, time.Second)[0]
	if traffic.Values[0] != 2600 || traffic.Now != "2600/s" || traffic.Detail != "2000/s from one client" {
		t.Fatalf("traffic %v now %q detail %q, want 2600 with the abusive client named", traffic.Values, traffic.Now, traffic.Detail)
	}
}

func TestLiveSeriesNamesTheMainFailure(t *testing.T) {
	secs := []sim.Second{{Arrivals: 100, Counts: sim.Counts{Outcomes: [sim.NumOutcomes]int{
		sim.OutcomeSuccess: 40, sim.OutcomeTimeout: 10, sim.OutcomeRateLimited: 50,
	}}}}
	good := liveSeries(secs, 99, time.Second)[1]
	if good.Now != "40.0%" || good.Detail != "mostly rate limited" {
		t.Fatalf("good now %q detail %q, want the share and the commonest failure", good.Now, good.Detail)
	}
	if good.Short != "rate limited" {
		t.Fatalf("short detail %q, want the failure alone where \"mostly\" does not fit", good.Short)
	}
}

// At 80 columns the charts are compact, two rows each, with a 14-cell
// caption: the failure must show there in full, not cut to "mo…".
func TestCompactChartShowsTheMainFailure(t *testing.T) {
	secs := []sim.Second{{Arrivals: 100, Counts: sim.Counts{Outcomes: [sim.NumOutcomes]int{
		sim.OutcomeSuccess: 40, sim.OutcomeTimeout: 60,
	}}}}
	good := liveSeries(secs, 99, time.Second)[1]

	two := ansi.Strip(strings.Join(drawSeries(mustStyles(), good, 36, 2), "\n"))
	if !strings.Contains(two, "good 40.0%") || !strings.Contains(two, "mostly timeout") {
		t.Fatalf("two-row chart does not show the share and the failure:\n%s", two)
	}
	if strings.Contains(two, "…") {
		t.Fatalf("two-row chart cuts its caption:\n%s", two)
	}

	three := ansi.Strip(strings.Join(drawSeries(mustStyles(), good, 36, 3), "\n"))
	if !strings.Contains(three, "SLO 99%") || !strings.Contains(three, "mostly timeout") {
		t.Fatalf("three-row chart does not show both the limit and the failure:\n%s", three)
	}
}

func isNaN(f float64) bool { return f != f }

func mustStyles() styles { return newStyles(true) }

func TestInterviewerPanelInjects(t *testing.T) {
	m, l := startDrill(t, Options{Interviewer: true})
	if l.panel == nil || !l.panel.shown {
		t.Fatal("interviewer mode starts without the panel shown")
	}
	view := plain(m)
	for _, want := range []string{"Interviewer: rubric and notes", "Scripted faults", "payments hangs", "Inject a fault"} {
		if !strings.Contains(view, want) {
			t.Errorf("the panel lacks %q:\n%s", want, view)
		}
	}

	m = tickUntil(t, m, 10*time.Second)
	for range 3 { // past the surge, the abusive client and the hang
		m, _ = press(t, m, downKey)
	}
	m, _ = press(t, m, enterKey)
	injected := l.session.Injected()
	if len(injected) != 1 || injected[0].Kind != sim.FaultSlow || injected[0].At != 10*time.Second {
		t.Fatalf("injected %+v, want the slow fault at 10s", injected)
	}
	if !strings.Contains(plain(m), "- 0:10 payments slows down by") {
		t.Fatalf("the injection is not confirmed:\n%s", plain(m))
	}

	m, _ = press(t, m, tea.KeyPressMsg{Code: tea.KeyTab})
	if l.panel.shown {
		t.Fatal("tab did not hide the panel")
	}
	view = plain(m)
	if strings.Contains(view, "Interviewer") || strings.Contains(view, "slows down") {
		t.Fatalf("the candidate's view shows the interviewer's panel:\n%s", view)
	}
	if !strings.Contains(view, "Actions") {
		t.Fatalf("the hidden panel does not give the palette back:\n%s", view)
	}
}

func TestInterviewerKeyOnDrillList(t *testing.T) {
	m := newModel(t, Options{})
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "list")
	m, _ = press(t, m, runeKey('i'))
	wantScreen(t, m, "briefing")
	if !strings.Contains(plain(m), "Interviewer mode") {
		t.Fatalf("the briefing does not say interviewer mode is on:\n%s", plain(m))
	}
	m, _ = press(t, m, enterKey)
	if m.screen.(*live).panel == nil {
		t.Fatal("the drill started without the interviewer's panel")
	}
}

func TestSignalSavesDrillInProgress(t *testing.T) {
	dir := t.TempDir()
	m, l := startDrill(t, Options{SaveDir: dir})
	m = tickUntil(t, m, 33*time.Second)
	if err := l.session.ApplyWithRationale("set-timeout", "2s", "stuck threads"); err != nil {
		t.Fatal(err)
	}
	l.session.Hint(&m.app.lib.Checklist)

	m, cmd := press(t, m, SignalMsg{Signal: syscall.SIGTERM})
	if cmd == nil {
		t.Fatal("SIGTERM did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("SIGTERM returned something other than tea.Quit")
	}
	save, ok := m.SignalSaved()
	if !ok || save.Err != nil {
		t.Fatalf("SignalSaved() = %+v, %v", save, ok)
	}
	if filepath.Dir(save.Path) != dir || filepath.Base(save.Path) != "payment-provider-hangs-unfinished.yaml" {
		t.Fatalf("saved to %s, want payment-provider-hangs-unfinished.yaml in %s", save.Path, dir)
	}
	data, err := os.ReadFile(save.Path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "# Saved on terminated at 0:33") {
		t.Fatalf("the file does not say when it was saved:\n%s", data)
	}
	steps, err := content.ParseSteps(save.Path, data, l.drill)
	if err != nil {
		t.Fatalf("the saved file does not parse: %v\n%s", err, data)
	}
	if len(steps) != 2 || steps[0].Rationale != "stuck threads" || !steps[1].Hint {
		t.Fatalf("saved steps %+v, want the action with its rationale and the hint", steps)
	}
}

func TestSignalOutsideDrillSavesNothing(t *testing.T) {
	dir := t.TempDir()
	m := newModel(t, Options{SaveDir: dir})
	m, _ = press(t, m, SignalMsg{Signal: syscall.SIGHUP})
	save, ok := m.SignalSaved()
	if !ok || save.Path != "" || save.Err != nil {
		t.Fatalf("SignalSaved() = %+v, %v; want a stop with nothing saved", save, ok)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("files written outside a drill: %v", entries)
	}
}

func TestSignalReportsUnwritableDir(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	m, _ := startDrill(t, Options{SaveDir: notDir})
	m, _ = press(t, m, SignalMsg{Signal: syscall.SIGTERM})
	save, _ := m.SignalSaved()
	if save.Err == nil || !strings.Contains(save.Err.Error(), notDir) {
		t.Fatalf("SignalSaved().Err = %v, want an error naming %s", save.Err, notDir)
	}
}

func TestFullHelpHoldsClock(t *testing.T) {
	m, l := startDrill(t, Options{})
	m = tickUntil(t, m, 5*time.Second)

	m, _ = press(t, m, runeKey('?'))
	if !strings.Contains(plain(m), "speed 1×, 5×, 20× or 60×") || !strings.Contains(plain(m), "close help") {
		t.Fatalf("? does not show every key:\n%s", plain(m))
	}
	before := l.session.Now()
	m, _ = press(t, m, tickMsg{id: l.tickID})
	if l.session.Now() != before {
		t.Fatal("the clock ran behind the full help")
	}
	m, _ = press(t, m, enterKey)
	if l.choosing != nil {
		t.Fatal("enter behind the full help opened the variants")
	}

	m, cmd := press(t, m, escKey)
	if m.help.ShowAll {
		t.Fatal("esc did not close the full help")
	}
	if cmd == nil {
		t.Fatal("closing the help did not restart the clock")
	}
	if !strings.Contains(plain(m), "Actions") {
		t.Fatalf("the live screen is not back:\n%s", plain(m))
	}
}

func TestResizeFollowsWindow(t *testing.T) {
	m, _ := startDrill(t, Options{})
	for _, size := range [][2]int{{100, 30}, {80, 24}, {160, 50}} {
		m, _ = press(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		lines := strings.Split(plain(m), "\n")
		if len(lines) != size[1] {
			t.Fatalf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		if w := len([]rune(lines[0])); w > size[0] {
			t.Fatalf("%dx%d: header is %d cells wide", size[0], size[1], w)
		}
	}
}

// twoServiceDrill is a front service in two zones calling an orders
// service behind a bulkhead and a breaker, which calls a database.
func twoServiceDrill() *content.Drill {
	return &content.Drill{
		ID: "two-services", Title: "Two services", Duration: time.Minute, Seed: 1,
		SLO: content.SLO{SuccessPercent: 99, P99: time.Second},
		System: sim.System{
			Service: sim.ServiceSpec{
				Name: "front", Pods: 4, Workers: 50, Queue: 10, Zones: []string{"a", "b"},
				CPU: sim.Dist{Mean: 2 * time.Millisecond},
				Calls: []sim.CallSpec{{
					Dependency: "orders", Timeout: time.Second,
					Bulkhead: &sim.BulkheadSpec{MaxConcurrent: 20},
					Breaker:  &sim.BreakerSpec{Fallback: true},
				}},
			},
			Services: []sim.ServiceSpec{{
				Name: "orders", Pods: 2, Workers: 50, Queue: 10,
				CPU:   sim.Dist{Mean: 5 * time.Millisecond},
				Calls: []sim.CallSpec{{Dependency: "db"}},
			}},
			Dependencies: []sim.DependencySpec{{Name: "db", Latency: sim.Dist{Mean: 20 * time.Millisecond}}},
		},
		Traffic: sim.Traffic{Rate: 100, ClientTimeout: 5 * time.Second},
	}
}

func TestTopologyShowsServicesAndZones(t *testing.T) {
	s, err := drills.New(twoServiceDrill(), 1)
	if err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(10 * time.Second)
	topo := topologyFrom(s)

	if topo.Service != "front" || len(topo.Pods) != 4 {
		t.Fatalf("topology %+v, want front with 4 pods", topo)
	}
	if len(topo.Zones) != 2 || topo.Zones[0].Total != 2 || topo.Zones[1].Total != 2 {
		t.Fatalf("zones %+v, want two pods in each of a and b", topo.Zones)
	}
	if len(topo.Deps) != 1 {
		t.Fatalf("dependencies %+v, want orders alone", topo.Deps)
	}
	d := topo.Deps[0]
	if !d.Service || len(d.Pods) != 2 || d.Ready != 2 {
		t.Fatalf("orders %+v, want an internal service with 2 ready pods", d)
	}
	if d.Bulkhead != 20 || !d.Breaker || !d.Fallback || d.Closed != 4 {
		t.Fatalf("orders edge %+v, want bulkhead 20 and a closed breaker with fallback on each of 4 pods", d)
	}

	lines := ansi.Strip(strings.Join(topologyView(newStyles(true), topo, 120), "\n"))
	for _, want := range []string{"a 2/2 · b 2/2", "orders  ○○ 2/2 ready", "bulkhead 20", "breaker+fallback ●4 closed"} {
		if !strings.Contains(lines, want) {
			t.Errorf("topology view lacks %q:\n%s", want, lines)
		}
	}
}

func TestTopologyShowsDatabaseRoles(t *testing.T) {
	d := mustLib(t).Drill("primary-db-dies")
	if d == nil {
		t.Skip("the primary-db-dies drill is not built in")
	}
	s, err := drills.New(d, d.Seed)
	if err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(45 * time.Second)
	topo := topologyFrom(s)

	var nodes []sim.DatabaseNodeStatus
	for _, dep := range topo.Deps {
		if len(dep.DB) > 0 {
			nodes = dep.DB
		}
	}
	if len(nodes) != 3 {
		t.Fatalf("database nodes %+v, want db-1, db-2 and db-3", nodes)
	}
	if !nodes[0].Primary || nodes[0].Up {
		t.Fatalf("db-1 %+v, want the primary, down after its failure at 0:30", nodes[0])
	}
	lines := ansi.Strip(strings.Join(topologyView(newStyles(true), topo, 120), "\n"))
	if !strings.Contains(lines, "✕db-1 primary ●db-2 ●db-3 lag 2s") {
		t.Fatalf("the topology does not show the database's nodes:\n%s", lines)
	}
}

// A node cut off by a zone outage reads differently from a stopped one.
func TestDatabaseNodesShowUnreachable(t *testing.T) {
	nodes := []sim.DatabaseNodeStatus{
		{Name: "db-1", Primary: true, Unreachable: true},
		{Name: "db-2", Up: true, Lag: time.Second},
		{Name: "db-3"},
	}
	got := ansi.Strip(dbNodesView(newStyles(true), nodes))
	if want := "?db-1 primary unreachable ●db-2 lag 1s ✕db-3"; got != want {
		t.Fatalf("nodes read %q, want %q", got, want)
	}
}

func TestVariantsShowWholeActionTitle(t *testing.T) {
	m := newModel(t, Options{Drill: "retry-storm"})
	m, _ = press(t, m, enterKey)
	wantScreen(t, m, "live")
	l := m.screen.(*live)
	for i, a := range l.drill.Actions {
		if a.ID == "set-timeout" {
			l.cursor = i
		}
	}
	if title := l.drill.Actions[l.cursor].Title; title != "Change wallet-api's timeout on balances" {
		t.Fatalf("selected action %q, want the one whose title is wider than the 80-column palette", title)
	}

	m, _ = press(t, m, enterKey)
	view := plain(m)
	if !strings.Contains(view, "Change wallet-api's timeout on ") || !strings.Contains(view, "│ balances ") {
		t.Errorf("the variants' heading does not wrap the action's whole title:\n%s", view)
	}
	if !strings.Contains(view, "> Raise it to 2 s") || !strings.Contains(view, "Cut it to 300 ms") {
		t.Errorf("the variants are not all shown under the wrapped title:\n%s", view)
	}
}
