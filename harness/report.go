package harness

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// SpecResults turns Ginkgo's report into spec outcomes: every It, plus any suite-level node
// (BeforeSuite, AfterSuite) that failed, since such a failure explains why specs did not run.
// What a failure means (error, known deviation) is read from the outcome the spec declared
// (OutcomeEntryName), never from its message.
func SpecResults(report types.Report) []results.SpecResult {
	var out []results.SpecResult
	ids := newSpecIDs(report)
	for _, spec := range report.SpecReports {
		if spec.LeafNodeType != types.NodeTypeIt && !spec.State.Is(types.SpecStateFailureStates) {
			continue
		}
		name := specName(spec)
		outcome, reason := judge(spec)
		id := name
		if spec.LeafNodeType == types.NodeTypeIt {
			id = ids.of(spec)
		}
		out = append(out, results.SpecResult{
			ID:             id,
			Name:           name,
			Labels:         spec.Labels(),
			Outcome:        outcome,
			Reason:         reason,
			Location:       spec.LeafNodeLocation.String(),
			DurationMillis: float64(spec.RunTime.Microseconds()) / 1000,
		})
	}
	return out
}

// specIDs gives each It of a report its results ID (results.SpecResult.ID): the full text,
// which stays the same across runs and machines, followed by the leaf's file:line only for
// texts that several specs share (the file's base name: a checkout's path differs per machine).
type specIDs map[string]int // full text → number of Its with that text

func newSpecIDs(report types.Report) specIDs {
	ids := specIDs{}
	for _, spec := range report.SpecReports {
		if spec.LeafNodeType == types.NodeTypeIt {
			ids[spec.FullText()]++
		}
	}
	return ids
}

func (ids specIDs) of(spec types.SpecReport) string {
	text := spec.FullText()
	if ids[text] > 1 {
		return text + " @ " + filepath.Base(spec.LeafNodeLocation.FileName) + ":" + strconv.Itoa(spec.LeafNodeLocation.LineNumber)
	}
	return text
}

// SpecTag is what the recorder tags a spec's exchanges with (Recorder.SetSpec): unique even
// when specs share their text; BuildRun turns it into the spec's ID.
func SpecTag(spec types.SpecReport) string {
	return spec.FullText() + " @ " + spec.LeafNodeLocation.String()
}

// specName is the spec's full text, or the node type of a suite-level node.
func specName(spec types.SpecReport) string {
	if spec.LeafNodeType == types.NodeTypeIt {
		return spec.FullText()
	}
	return "[" + spec.LeafNodeType.String() + "] " + spec.LeafNodeText
}

// judge returns the spec's outcome and the reason the reports give for it: Ginkgo's state,
// refined by the outcome the spec declared when it failed or skipped.
func judge(spec types.SpecReport) (results.Outcome, string) {
	switch spec.State {
	case types.SpecStatePassed:
		return results.Pass, ""
	case types.SpecStatePending:
		return results.Skipped, results.ReasonPending
	case types.SpecStateSkipped, types.SpecStateFailed:
	default: // panicked, interrupted, aborted, timed out: the run, not the target, broke
		return results.Error, failureText(spec)
	}
	declared, found, err := declaredOutcome(spec)
	if err != nil { // what the spec declared cannot be read: the run, not the target, broke
		return results.Error, err.Error() + "\n" + failureText(spec)
	}
	if spec.State == types.SpecStateSkipped {
		switch {
		case found && declared.Kind == results.KnownDeviation:
			return results.KnownDeviation, declared.Reason
		case found && declared.Kind == results.Skipped: // not run: the target went silent
			return results.Skipped, declared.Reason
		case spec.Failure.Message == "":
			return results.Skipped, results.ReasonNotSelected
		}
		return results.Skipped, spec.Failure.Message
	}
	if found && declared.Kind == results.Error {
		return results.Error, failureText(spec)
	}
	return results.Fail, failureText(spec)
}

// failureText is the failure message and where it happened.
func failureText(spec types.SpecReport) string {
	text := spec.Failure.Message
	if spec.Failure.Location.FileName != "" {
		text += "\nat " + spec.Failure.Location.String()
	}
	return text
}

// RunConfig describes the run's configuration for the reports, with the secret key
// redacted: the TRTC_* settings, the known-deviations file and Ginkgo's selection.
func RunConfig(s Settings, suite types.SuiteConfig, deviationsPath string, deviations int) map[string]string {
	orUnset := func(v, unset string) string {
		if v == "" {
			return unset
		}
		return v
	}
	secret := "(unset)"
	if s.SecretKey != "" {
		secret = "(set, " + results.Redacted + ")"
	}
	appID := "(unset)"
	if s.SDKAppID != 0 {
		appID = strconv.FormatUint(s.SDKAppID, 10)
	}
	config := map[string]string{
		EnvEndpoint:          orUnset(s.Endpoint, "(unset: the embedded emulator)"),
		EnvSDKAppID:          appID,
		EnvSecretKey:         secret,
		EnvAdmin:             orUnset(s.Admin, "(unset)"),
		EnvControlURL:        orUnset(s.ControlURL, "(unset)"),
		EnvReportsDir:        s.ReportsDir,
		"known deviations":   fmt.Sprintf("%s (%d entries)", deviationsPath, deviations),
		"label filter":       orUnset(suite.LabelFilter, "(none)"),
		"parallel processes": strconv.Itoa(max(suite.ParallelTotal, 1)),
		"random seed":        strconv.FormatInt(suite.RandomSeed, 10),
		"go":                 runtime.Version(),
	}
	if len(suite.FocusStrings) > 0 {
		config["focus"] = strings.Join(suite.FocusStrings, " | ")
	}
	if len(suite.SkipStrings) > 0 {
		config["skip"] = strings.Join(suite.SkipStrings, " | ")
	}
	return config
}
