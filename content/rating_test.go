package content

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseStepsRatings(t *testing.T) {
	d := builtinLib(t).Drill("payment-provider-hangs")
	data := []byte(`- {at: 1m, rate: {concept: timeouts, score: 2}}
- {at: 40s, rate: {concept: circuit-breakers, score: 0}}
`)
	steps, err := ParseSteps("a.yaml", data, d)
	if err != nil {
		t.Fatal(err)
	}
	want := []Step{
		{At: 40 * time.Second, Rate: &Rating{Concept: "circuit-breakers", Score: 0}},
		{At: time.Minute, Rate: &Rating{Concept: "timeouts", Score: 2}},
	}
	if !reflect.DeepEqual(steps, want) {
		t.Fatalf("steps:\n got %+v\nwant %+v", steps, want)
	}
	if steps[0].IsAction() {
		t.Error("a rating counts as an action")
	}
	if _, _, err := d.Resolve(steps[0]); err == nil {
		t.Error("Resolve of a rating returned no error")
	}
}

func TestParseStepsRatingErrors(t *testing.T) {
	d := builtinLib(t).Drill("payment-provider-hangs")
	tests := []struct {
		name string
		data string
		line int
		want string
	}{
		{"score above 2", "- {at: 40s, rate: {concept: timeouts, score: 3}}\n", 1, "step 1, rate.score: is 3; rate the explanation 0 (missing or wrong), 1 (partial) or 2 (complete)"},
		{"negative score", "- {at: 40s,\n   rate: {concept: timeouts, score: -1}}\n", 2, "step 1, rate.score: is -1"},
		{"fractional score", "- {at: 40s, rate: {concept: timeouts, score: 1.5}}\n", 1, "step 1, rate.score: is 1.5; rate the explanation"},
		{"missing score", "- {at: 40s, rate: {concept: timeouts}}\n", 1, "step 1, rate.score: is missing"},
		{"missing concept", "- {at: 40s, rate: {score: 1}}\n", 1, "step 1, rate.concept: is missing; expected one of the drill's concepts: timeouts, circuit-breakers, retries"},
		{"concept of another drill", "- {at: 40s, rate: {concept: failover, score: 1}}\n", 1, `rate.concept: "failover" is not a concept of drill payment-provider-hangs; expected one of: timeouts, circuit-breakers, retries`},
		{"unknown field", "- {at: 40s, rate: {concept: timeouts, score: 1, note: good}}\n", 1, `unknown field "note"; expected one of: concept, score`},
		{"rating with an action", "- {at: 40s, rate: {concept: timeouts, score: 1}, action: grow-pool}\n", 1, "step 1, action: is set on a rating"},
		{"rating with a rationale", "- {at: 40s, rate: {concept: timeouts, score: 1}, rationale: clear}\n", 1, "step 1, rationale: is set on a rating"},
		{"rating and hint", "- {at: 40s, hint: true, rate: {concept: timeouts, score: 1}}\n", 1, "step 1, hint: is set together with rate"},
		{"rating and fault", "- {at: 40s, inject: {kind: hang, target: payments}, rate: {concept: timeouts, score: 1}}\n", 1, "step 1, inject: is set together with rate"},
		{"rating after the end", "- {at: 5m, rate: {concept: timeouts, score: 1}}\n", 1, "step 1, at: is 5m"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSteps("a.yaml", []byte(tc.data), d)
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("ParseSteps: %v, want Problems", err)
			}
			if ps[0].Line != tc.line {
				t.Errorf("problem %q at line %d, want line %d", ps[0].Error(), ps[0].Line, tc.line)
			}
			if !strings.Contains(ps[0].Error(), tc.want) {
				t.Errorf("problem %q, want it to contain %q", ps[0].Error(), tc.want)
			}
		})
	}
}

func TestFormatStepRatingRoundTrips(t *testing.T) {
	d := builtinLib(t).Drill("payment-provider-hangs")
	steps := []Step{
		{At: 40 * time.Second, Action: "set-timeout", Variant: "2s"},
		{At: time.Minute + 500*time.Millisecond, Rate: &Rating{Concept: "timeouts", Score: 0}},
		{At: 2 * time.Minute, Rate: &Rating{Concept: "circuit-breakers", Score: 2}},
	}
	var b strings.Builder
	for _, st := range steps {
		b.WriteString("- " + FormatStep(st) + "\n")
	}
	if line := FormatStep(steps[1]); line != "{at: 1m0.5s, rate: {concept: timeouts, score: 0}}" {
		t.Errorf("FormatStep = %q", line)
	}
	got, err := ParseSteps("a.yaml", []byte(b.String()), d)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if !reflect.DeepEqual(got, steps) {
		t.Fatalf("round trip:\n got %+v\nwant %+v\nfile:\n%s", got, steps, b.String())
	}
}

func TestReferenceRejectsRatings(t *testing.T) {
	d := *builtinLib(t).Drill("payment-provider-hangs")
	d.Reference = append([]Step{{At: time.Second, Rate: &Rating{Concept: "timeouts", Score: 2}}}, d.Reference...)
	var ps problemList
	validateSteps(&ps, "reference", d.Reference, &d)
	if len(ps) != 1 {
		t.Fatalf("problems %v, want one", ps)
	}
	if !strings.Contains(ps[0].Message, "reference holds actions only") {
		t.Errorf("problem %q, want it to say the reference holds actions only", ps[0].Message)
	}
}

func TestCheckRating(t *testing.T) {
	d := builtinLib(t).Drill("payment-provider-hangs")
	if err := d.CheckRating(Rating{Concept: "retries", Score: 1}); err != nil {
		t.Errorf("CheckRating of a valid rating: %v", err)
	}
	err := d.CheckRating(Rating{Concept: "retries", Score: 5})
	if err == nil || !strings.Contains(err.Error(), "rating score is 5") {
		t.Errorf("CheckRating of score 5: %v, want an error naming the score", err)
	}
}
