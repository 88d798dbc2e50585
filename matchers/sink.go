// Package matchers holds the Gomega matchers of the conformance specs, one per file, each
// with a failure message that explains what the documentation promised and what came back.
package matchers

import (
	"github.com/onsi/ginkgo/v2"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// AssertionEntryName names the Ginkgo report entry (value a results.Assertion, never shown
// on the console) that HaveErrorCode adds to the running spec for every expectation it
// evaluates, so that coverage is computed from what specs expected of the traffic actually
// sent. The assertions travel with the spec reports, across parallel processes too; the
// harness collects them from the suite's report.
const AssertionEntryName = "trtc-conformance/assertion"

// recordOnSpec adds a to the running spec's report. HaveErrorCode must therefore be
// evaluated while a spec (or a suite set-up or tear-down node) runs.
func recordOnSpec(a results.Assertion) {
	ginkgo.AddReportEntry(AssertionEntryName, a, ginkgo.ReportEntryVisibilityNever)
}
