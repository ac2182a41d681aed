package content

import "testing"

// FuzzParseDrill checks the loader never panics or hangs on any input; it
// only returns a drill or an error.
func FuzzParseDrill(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input it finds, which
	// takes minutes for one as large as a whole drill file.
	f.Add([]byte("id: x\ntitle: X\nduration: 5m\nconcepts: [timeouts]\nslo: {success_percent: 99, p99: 2s}\n"))
	f.Add([]byte("system:\n  service: {pods: 2, workers: 10, cpu: {median: 5ms, p99: 20ms}, calls: [{dependency: db}]}\n  dependencies: [{name: db, latency: {mean: 10ms}}]\n"))
	f.Add([]byte("id: x\ntitle: [unclosed\n"))
	f.Add([]byte("a: &a [1, 2]\nb: [*a, *a]\n"))
	f.Add([]byte("- {at: 40s, action: set-timeout, variant: 2s}\n"))
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
		_, _ = ParseSteps("fuzz.yaml", data, d)
		_, _ = ParseQuestions("fuzz.yaml", data, &cl.Checklist)
	})
}
