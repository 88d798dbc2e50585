package harness

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// OutcomeEntryName names the Ginkgo report entry (value an Outcome, never shown on the
// console) by which a spec declares what its failure means. SpecResults reads the outcome
// from that entry, never from the failure message.
const OutcomeEntryName = "trtc-conformance/outcome"

// Outcome is what a spec declares about the failure that ends it, recorded just before it
// fails or skips:
//   - Kind results.Error: the spec fails because the environment broke (no answer, timeout,
//     settings), not the target; the spec must then fail (FailEnvironment does both).
//   - Kind results.KnownDeviation: the spec's failure is a declared known deviation, and the
//     spec is skipped instead of failed (SkipAsKnownDeviation does both); Reason is the
//     failure, since the skip message is not.
//   - Kind results.Skipped: the spec was not run for a reason of the run, not of the spec
//     (Session.SkipIfTargetSilent); Reason is the reason the reports give.
//
// Any other Kind, or a Kind that disagrees with how the spec ended (an error declared by a
// spec that did not fail), is ignored: the spec's state decides.
type Outcome struct {
	Kind   results.Outcome `json:"kind"`
	Reason string          `json:"reason"`
}

// EnvironmentError is a failure of the environment rather than of the target: the target
// could not be reached or did not answer, or the settings are wrong.
type EnvironmentError struct {
	Err error
}

func (e *EnvironmentError) Error() string {
	if e.Err == nil {
		return "environment error: no answer, and no error to say why"
	}
	return "environment error: " + e.Err.Error()
}

func (e *EnvironmentError) Unwrap() error { return e.Err }

// FailEnvironment ends the running spec with outcome error: it records the outcome, then
// fails the spec with err (wrapped in an EnvironmentError, for the reader of the console).
// Call it where the spec learns that the environment, not the target, broke.
func FailEnvironment(err error) {
	ginkgo.GinkgoHelper()
	var env *EnvironmentError
	if !errors.As(err, &env) {
		env = &EnvironmentError{Err: err}
	}
	recordOutcome(Outcome{Kind: results.Error, Reason: env.Error()})
	ginkgo.Fail(env.Error())
}

// SkipAsKnownDeviation ends the running spec, which failed with failure, as the known
// deviation d: it records the outcome, then skips the spec so that the run stays green. It
// is meant for the suite's fail handler; callerSkip counts frames as ginkgo.Skip does, from
// the caller of SkipAsKnownDeviation.
func SkipAsKnownDeviation(d results.DeclaredDeviation, failure string, callerSkip int) {
	recordOutcome(Outcome{Kind: results.KnownDeviation, Reason: failure})
	ginkgo.Skip(fmt.Sprintf("known deviation %s %q, declared: %s", d.Command, d.Case, failure), callerSkip+1)
}

func recordOutcome(o Outcome) {
	ginkgo.AddReportEntry(OutcomeEntryName, o, ginkgo.ReportEntryVisibilityNever)
}

// declaredOutcome returns the outcome the spec declared for the failure that ended it: the
// last outcome entry recorded before that failure. An entry recorded after it (a cleanup
// that failed in turn) explains a later failure, not the one the spec is reported with.
func declaredOutcome(spec types.SpecReport) (declared Outcome, found bool, err error) {
	failedAt := spec.Failure.TimelineLocation.Order
	for _, entry := range spec.ReportEntries {
		if entry.Name != OutcomeEntryName || (failedAt > 0 && entry.TimelineLocation.Order > failedAt) {
			continue
		}
		if declared, err = entryValue[Outcome](entry); err != nil {
			return Outcome{}, false, &EntryError{Name: entry.Name, Spec: spec.FullText(), Err: err}
		}
		found = true
	}
	return declared, found, nil
}

// EntryError is a report entry of the project whose value cannot be read.
type EntryError struct {
	Name string // the entry's name
	Spec string // the spec it was recorded on
	Err  error
}

func (e *EntryError) Error() string {
	return fmt.Sprintf("report entry %q of %q: %v", e.Name, e.Spec, e.Err)
}

func (e *EntryError) Unwrap() error { return e.Err }

// entryValue returns the value of a report entry: the value itself in the process that
// recorded it, decoded from its JSON form once Ginkgo has carried it from another process
// (ginkgo -p) or from a file.
func entryValue[T any](entry types.ReportEntry) (T, error) {
	if v, ok := entry.GetRawValue().(T); ok {
		return v, nil
	}
	var v T
	if entry.Value.AsJSON == "" {
		return v, fmt.Errorf("holds a %T, not a %T", entry.GetRawValue(), v)
	}
	if err := json.Unmarshal([]byte(entry.Value.AsJSON), &v); err != nil {
		return v, err
	}
	return v, nil
}
