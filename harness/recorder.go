package harness

import (
	"sync"
	"time"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// Recorder collects the exchanges of one process, each tagged with the spec that was
// running. Ginkgo runs one spec at a time per process, so a current-spec tag is exact, and
// it still covers cleanup calls made after the spec's body.
type Recorder struct {
	mu        sync.Mutex
	spec      string
	started   time.Time
	exchanges []results.Exchange
}

// NewRecorder starts recording now.
func NewRecorder() *Recorder { return &Recorder{started: time.Now()} }

// SetSpec tags what is recorded from now on with spec ("" for suite set-up).
func (r *Recorder) SetSpec(spec string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.spec = spec
}

// Record implements client.Recorder.
func (r *Recorder) Record(x results.Exchange) {
	r.mu.Lock()
	defer r.mu.Unlock()
	x.SpecID = r.spec
	r.exchanges = append(r.exchanges, x)
}

// Part returns what this process recorded, as a partial run for BuildRun (the assertions
// travel with the spec reports instead).
func (r *Recorder) Part(target results.Target) *results.Run {
	r.mu.Lock()
	defer r.mu.Unlock()
	return &results.Run{
		Target:    target,
		Started:   r.started,
		Finished:  time.Now(),
		Exchanges: append([]results.Exchange(nil), r.exchanges...),
	}
}
