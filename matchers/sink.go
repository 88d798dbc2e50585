// Package matchers holds the Gomega matchers of the conformance specs, one per file, each
// with a failure message that explains what the documentation promised and what came back.
package matchers

import (
	"sync"

	"github.com/trtc-conformance/trtc-conformance/results"
)

var (
	sinkMu sync.RWMutex
	sink   func(results.Assertion)
)

// RecordAssertionsWith sends every error-code expectation HaveErrorCode evaluates to record,
// so that coverage is computed from what specs expected of the traffic actually sent.
func RecordAssertionsWith(record func(results.Assertion)) {
	sinkMu.Lock()
	defer sinkMu.Unlock()
	sink = record
}

func recordAssertion(a results.Assertion) {
	sinkMu.RLock()
	record := sink
	sinkMu.RUnlock()
	if record != nil {
		record(a)
	}
}
