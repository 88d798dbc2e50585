package harness

import (
	"fmt"
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
	// deliveries are the callbacks the receiver got (deliveries.go).
	deliveries []results.Delivery
	// unanswered counts the calls in a row that got no answer; at silenceBound the target is
	// declared silent (silence) for the rest of the run.
	unanswered   int
	answered     int
	silenceBound int
	silence      *TargetSilentError
}

// SilenceBound is how many calls in a row may get no answer (a *client.TransportError:
// refused, reset, timed out) before the run declares the target silent and stops calling it.
const SilenceBound = 5

// TargetSilentError says that the target stopped answering: the run is interrupted, and the
// specs not run yet are skipped with results.ReasonNotRunTargetSilent.
type TargetSilentError struct {
	Unanswered int       // calls in a row without an answer
	Answered   int       // calls answered before
	At         time.Time // when the bound was reached
	Last       string    // the last failure, "<service>/<command>: <error>"
}

func (e *TargetSilentError) Error() string {
	return fmt.Sprintf("the target went silent: %d calls in a row got no answer (after %d answered), declared at %s; last: %s",
		e.Unanswered, e.Answered, e.At.UTC().Format(time.RFC3339), e.Last)
}

// NewRecorder starts recording now.
func NewRecorder() *Recorder { return &Recorder{started: time.Now(), silenceBound: SilenceBound} }

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
	if x.TransportError == "" {
		r.unanswered = 0
		r.answered++
		return
	}
	r.unanswered++
	if r.silence == nil && r.silenceBound > 0 && r.unanswered >= r.silenceBound {
		r.silence = &TargetSilentError{Unanswered: r.unanswered, Answered: r.answered, At: time.Now(),
			Last: x.Service + "/" + x.Command + ": " + x.TransportError}
	}
}

// Silence is the TargetSilentError once the target went silent, and nil before. It never
// goes back to nil: a run whose target stopped answering is reported as interrupted.
func (r *Recorder) Silence() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.silence == nil {
		return nil
	}
	return r.silence
}

// Part returns what this process recorded, as a partial run for BuildRun (the assertions
// travel with the spec reports instead).
func (r *Recorder) Part(target results.Target) *results.Run {
	r.mu.Lock()
	defer r.mu.Unlock()
	run := &results.Run{
		Target:     target,
		Started:    r.started,
		Finished:   time.Now(),
		Exchanges:  append([]results.Exchange(nil), r.exchanges...),
		Deliveries: append([]results.Delivery(nil), r.deliveries...),
	}
	if r.silence != nil {
		run.Interrupted = r.silence.Error()
	}
	return run
}
