package scoring

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"gameday/content"
)

func questionLib(t testing.TB) *content.Library {
	t.Helper()
	lib, err := content.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func gradeQuestion(t *testing.T, id, answer string) *AnswerGrade {
	t.Helper()
	lib := questionLib(t)
	q := lib.Questions.Question(id)
	if q == nil {
		t.Fatalf("no question %s", id)
	}
	return GradeQuestion(&lib.Checklist, &lib.Questions, q, answer)
}

func TestModelAnswersEarnFullMarks(t *testing.T) {
	lib := questionLib(t)
	for _, q := range lib.Questions.Questions {
		g := GradeQuestion(&lib.Checklist, &lib.Questions, &q, q.ModelAnswer)
		if g.Score != 100 {
			data, _ := json.MarshalIndent(g.Feedback.Missed, "", "  ")
			t.Errorf("%s: its model answer scores %d, want 100; missed %s", q.ID, g.Score, data)
		}
	}
}

// nineConcepts answers "How do you design resilient production systems?"
// in the words of a candidate, covering every concept but failover.
const nineConcepts = `I put a deadline on every call to another service, because a dependency
that hangs would otherwise hold threads until the pool is exhausted.
Retrying helps only with temporary errors, and I back off exponentially
with jitter between attempts. Circuit breakers trip when a dependency
keeps failing, so requests fail fast and we fall back to a cached answer.
Each downstream gets its own pool, a bulkhead, so one slow dependency
cannot starve the rest of the service.

On SIGTERM the pods turn readiness off so no new requests arrive, then
drain in-flight requests and exit.
A token bucket per tenant stops a noisy neighbour from hogging capacity.
When we are overloaded we shed load early instead of letting queues grow.
We run N+1 across three zones so losing a zone is survivable.
Health checks, autoscaling and automatic rollbacks fix most failures
without a human.`

func TestNineOfTenConceptsGradedNineTenths(t *testing.T) {
	g := gradeQuestion(t, "resilient-systems", nineConcepts)
	if g.Score != 90 {
		t.Errorf("score %d, want 90", g.Score)
	}
	if len(g.Covered) != 9 {
		t.Errorf("covered %v (%d), want 9 concepts", g.Covered, len(g.Covered))
	}
	if len(g.Missing) != 1 || g.Missing[0] != "failover" {
		t.Errorf("missing %v, want [failover]", g.Missing)
	}
	if len(g.Partial) != 0 {
		t.Errorf("partial %v, want none", g.Partial)
	}
	found := false
	for _, m := range g.Feedback.Missed {
		if strings.HasPrefix(m, "Failover to a replica or another zone: not mentioned.") {
			found = true
		}
	}
	if !found {
		t.Errorf("feedback does not name failover as missing: %q", g.Feedback.Missed)
	}
	if !strings.Contains(g.ModelAnswer, "promotes the most up-to-date replica") {
		t.Error("the grade does not carry the model answer")
	}
}

func TestKeywordListEarnsNoFullMarks(t *testing.T) {
	list := "timeouts, retries, backoff, jitter, transient, circuit breaker, fallback, fail fast, " +
		"bulkhead, semaphore, blast radius, sigterm, drain, in-flight, readiness, rate limit, per client, " +
		"load shedding, overload, failover, replication lag, n+1, zones, single point of failure, " +
		"self-healing, automatic rollback, health checks, thread pool exhaustion"
	g := gradeQuestion(t, "resilient-systems", list)
	if g.Score >= 60 {
		t.Errorf("a bare keyword list scores %d, want well below full marks (under 60)", g.Score)
	}
	if len(g.Covered) != 0 {
		t.Errorf("a bare keyword list covers %v, want no concept fully", g.Covered)
	}
	if !strings.Contains(strings.Join(g.Feedback.Missed, "\n"), "never explained it") {
		t.Errorf("feedback does not say the keywords were listed without reasons: %q", g.Feedback.Missed)
	}
}

func TestKeywordsInASentenceAreStillAList(t *testing.T) {
	g := gradeQuestion(t, "resilient-systems", "I know timeouts, retries, backoff and transient errors.")
	if c := g.Concepts[1]; c.Credit >= fullCredit {
		t.Errorf("retries credit %.2f for keywords strung into a sentence, want less than full", c.Credit)
	}
	g = gradeQuestion(t, "resilient-systems", "Retrying is right for a transient error, and the wait grows with exponential backoff.")
	if c := g.Concepts[1]; c.Credit < fullCredit {
		t.Errorf("retries credit %.2f for a plain explanation without a connective, want full", c.Credit)
	}
}

func TestRetriesNeedBackoffAndTransient(t *testing.T) {
	tests := []struct {
		name   string
		answer string
		want   float64
	}{
		{"both", "I retry only transient errors, with exponential backoff so clients spread out.", 1},
		{"backoff only", "I retry with exponential backoff so clients spread out.", 2.0 / 3},
		{"transient only", "I retry only transient errors.", 2.0 / 3},
		{"neither", "I retry failed calls so users see fewer errors.", 1.0 / 3},
		{"not mentioned", "I add timeouts.", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := gradeQuestion(t, "resilient-systems", tc.answer)
			got := g.Concepts[1]
			if got.ID != "retries" {
				t.Fatalf("second concept is %s, want retries", got.ID)
			}
			if diff := got.Credit - tc.want; diff > 0.001 || diff < -0.001 {
				t.Errorf("retries credit %.3f, want %.3f", got.Credit, tc.want)
			}
		})
	}
}

func TestNegationEarnsNoCredit(t *testing.T) {
	tests := []struct {
		answer  string
		concept string
		want    bool // credited
	}{
		{"We had no timeouts, so threads hung until the pool was gone.", "timeouts", false},
		{"Without a timeout, threads hang. So set a timeout on every call because threads otherwise pile up.", "timeouts", true},
		{"I would never use a circuit breaker, so calls fail fast with a fallback anyway.", "circuit-breakers", false},
		{"Run N+1 so losing a zone is fine, with no single point of failure.", "redundancy", true},
	}
	for _, tc := range tests {
		g := gradeQuestion(t, "resilient-systems", tc.answer)
		for _, c := range g.Concepts {
			if c.ID == tc.concept && (c.Credit > 0) != tc.want {
				t.Errorf("%q: %s credit %.2f, want credited %v", tc.answer, tc.concept, c.Credit, tc.want)
			}
		}
	}
}

func TestPhrasingsMatch(t *testing.T) {
	tests := []struct{ phrase, text string }{
		{"retry", "We were retrying"},
		{"retry", "it retried twice"},
		{"timed out", "calls time out"},
		{"backoff", "clients back off"},
		{"back off", "with backoffs"},
		{"half-open", "the half open state"},
		{"load shedding", "they did load-shedding"},
		{"little's law", "Little’s law says"},
		{"shed", "requests were shed"},
		{"queue", "queueing"},
		{"n+1", "we run n+1 capacity"},
		{"circuit breaker", "Circuit-breakers"},
		{"429", "it returns 429."},
	}
	for _, tc := range tests {
		if _, ok := parseText(tc.text).findAny(phrases([]string{tc.phrase}), false); !ok {
			t.Errorf("%q does not match %q", tc.phrase, tc.text)
		}
	}
	misses := []struct{ phrase, text string }{
		{"retry", "retrofit"},
		{"shed", "she'd"},
		{"pool", "whirlpool"},
		{"circuit breaker", "circuit, breaker"},
	}
	for _, tc := range misses {
		if _, ok := parseText(tc.text).findAny(phrases([]string{tc.phrase}), false); ok {
			t.Errorf("%q matches %q, want no match", tc.phrase, tc.text)
		}
	}
}

func TestStem(t *testing.T) {
	tests := map[string]string{
		"retries": "retry", "retried": "retry", "retrying": "retry", "retry": "retry",
		"timeouts": "timeout", "timing": "tim", "time": "tim", "timed": "tim",
		"shedding": "shed", "shed": "shed", "tripped": "trip", "status": "status",
		"queues": "queu", "queueing": "queu", "gracefully": "graceful", "p99": "p99", "n+1": "n+1",
	}
	for in, want := range tests {
		if got := stem(in); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEmptyAnswerScoresZero(t *testing.T) {
	g := gradeQuestion(t, "choose-timeout", "  \n")
	if g.Score != 0 || len(g.Missing) != 1 || g.LevelID != "none" {
		t.Fatalf("empty answer: score %d, missing %v, level %s; want 0, [timeouts], none", g.Score, g.Missing, g.LevelID)
	}
	if len(g.Feedback.ProbeNext) == 0 {
		t.Fatal("empty answer: no probe next")
	}
}

func TestAnswerGradeJSONFields(t *testing.T) {
	data, err := json.Marshal(gradeQuestion(t, "retry-policy", "I retry."))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"question", "score", "covered", "missing", "feedback", "model_answer"} {
		if _, ok := got[field]; !ok {
			t.Errorf("JSON lacks %q: %s", field, data)
		}
	}
	if strings.Contains(string(data), "null") {
		t.Errorf("JSON has a null list: %s", data)
	}
}

func TestDrillAnswerUsesPrimaryConcepts(t *testing.T) {
	lib := questionLib(t)
	d := lib.Drill("payment-provider-hangs")
	g, err := GradeDrillAnswer(&lib.Checklist, &lib.Questions, d, d.ModelAnswer)
	if err != nil {
		t.Fatal(err)
	}
	if g.QuestionID != d.ID || strings.Join(append(g.Covered, g.Partial...), ",") != "timeouts,circuit-breakers" {
		t.Fatalf("drill answer graded on %v %v, want timeouts and circuit-breakers", g.Covered, g.Partial)
	}
	if g.Score < 90 {
		t.Errorf("the drill's model answer scores %d on its own rubric, want at least 90; missed %q", g.Score, g.Feedback.Missed)
	}
	weak, err := GradeDrillAnswer(&lib.Checklist, &lib.Questions, d, "I restarted the pods.")
	if err != nil {
		t.Fatal(err)
	}
	if weak.Score != 0 || len(weak.Missing) != 2 {
		t.Errorf("an answer without the concepts scores %d, missing %v; want 0 and both", weak.Score, weak.Missing)
	}
}

func TestDrillAnswerWithoutDefaults(t *testing.T) {
	lib := questionLib(t)
	d := lib.Drill("payment-provider-hangs")
	_, err := GradeDrillAnswer(&lib.Checklist, &content.QuestionSet{File: "x.yaml"}, d, "anything")
	if !errors.Is(err, ErrNoRubric) {
		t.Fatalf("error %v, want ErrNoRubric", err)
	}
}

func TestPartialNoteQuotesMissedPoint(t *testing.T) {
	g := gradeQuestion(t, "choose-timeout", "I put a timeout on every call because a hung call holds a thread.")
	missed := strings.Join(g.Feedback.Missed, "\n")
	if !strings.Contains(missed, "you left out “Set it a little above the dependency's healthy p99, so healthy calls never hit it”") {
		t.Errorf("feedback does not quote the missed instruction whole:\n%s", missed)
	}
	if strings.Contains(missed, "did not say that set") {
		t.Errorf("feedback turns an instruction into a broken sentence:\n%s", missed)
	}
}
