package content

import "testing"

// FuzzParseDrill checks that the loader never panics or hangs on any
// input. It must return a drill or an error, and no error message may hold
// a rune that could drive a terminal.
func FuzzParseDrill(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input it finds, which
	// takes minutes for one as large as a whole drill file.
	f.Add([]byte("id: x\ntitle: X\nduration: 5m\nconcepts: [timeouts]\nslo: {success_percent: 99, p99: 2s}\n"))
	f.Add([]byte("system:\n  service: {pods: 2, workers: 10, cpu: {median: 5ms, p99: 20ms}, calls: [{dependency: db}]}\n  dependencies: [{name: db, latency: {mean: 10ms}}]\n"))
	f.Add([]byte("id: x\ntitle: [unclosed\n"))
	f.Add([]byte("a: &a [1, 2]\nb: [*a, *a]\n"))
	f.Add([]byte("- {at: 40s, action: set-timeout, variant: 2s}\n"))
	// Hostile text: escapes, C1 controls, bidi overrides, tags and keys.
	f.Add([]byte("title: \"\\e]0;x\\a\\e[2J\"\nsummary: \"\\x9b31m\\N\\u202e\"\n"))
	f.Add([]byte("title: \u009b2J\n# \u202e\n"))
	f.Add([]byte("\"k\\e[2J\": !<%1B> v\r\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n"))
	// Limits and times: huge rates and capacities, fan-out through services.
	f.Add([]byte("duration: 2h\ntraffic: {rate: 1e308, steps: [{at: 3h, rate: -1}]}\nfaults: [{kind: surge, factor: 1e9, at: 1s}]\n"))
	f.Add([]byte("system:\n  service: {name: a, pods: 1e9, workers: 9999999999, calls: [{dependency: b, retry: {max_attempts: 99}}]}\n  services: [{name: b, calls: [{dependency: a}]}]\n"))
	f.Add([]byte("reference: [{at: 2m, action: a}, {at: 1m, action: a}]\nactions: [{id: a, delay: 9h}]\n"))
	f.Add([]byte("questions: [{id: q, question: \"\\e[2J?\", rubric: {concepts: [timeouts], points: [{id: p, concept: timeouts, says: [x]}]}}]\n"))
	cl, err := Builtin()
	if err != nil {
		f.Fatal(err)
	}
	d := cl.Drill("payment-provider-hangs")
	f.Fuzz(func(t *testing.T, data []byte) {
		drill, err := ParseDrill("fuzz.yaml", data, &cl.Checklist)
		if (drill == nil) == (err == nil) {
			t.Fatalf("ParseDrill returned drill %v and error %v; want exactly one", drill != nil, err)
		}
		if err != nil {
			assertNoUnsafe(t, err.Error())
		}
		if _, err := ParseSteps("fuzz.yaml", data, d); err != nil {
			assertNoUnsafe(t, err.Error())
		}
		if _, err := ParseChecklist("fuzz.yaml", data); err != nil {
			assertNoUnsafe(t, err.Error())
		}
		if _, err := ParseQuestions("fuzz.yaml", data, &cl.Checklist); err != nil {
			assertNoUnsafe(t, err.Error())
		}
	})
}
