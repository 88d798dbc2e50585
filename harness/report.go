package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// EnvironmentPrefix starts the failure message of a spec that failed because the
// environment broke (no answer, timeout) rather than the target; such specs are reported
// with outcome error.
const EnvironmentPrefix = "environment error: "

// KnownDeviationPrefix starts the skip message of a spec that a fail handler turned into a
// skip because it failed as a declared known deviation; such specs are reported with outcome
// known-deviation, and the rest of the message is their failure.
const KnownDeviationPrefix = "known deviation: "

const partsDir = ".parts"

// ResetParts empties the folder the processes write their parts to; call it once, before
// any process records.
func ResetParts(reportsDir string) error {
	dir := filepath.Join(reportsDir, partsDir)
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("clear %s: %w", dir, err)
	}
	return os.MkdirAll(dir, 0o755)
}

// WritePart saves one process's recording for the merge at the end of the suite.
func WritePart(reportsDir string, process int, part *results.Run) error {
	path := filepath.Join(reportsDir, partsDir, fmt.Sprintf("process-%d.json", process))
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write part: %w", err)
	}
	if err := results.WriteJSON(f, part); err != nil {
		f.Close()
		return fmt.Errorf("write part %s: %w", path, err)
	}
	return f.Close()
}

// ReadParts loads every process's part.
func ReadParts(reportsDir string) ([]*results.Run, error) {
	paths, err := filepath.Glob(filepath.Join(reportsDir, partsDir, "process-*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var parts []*results.Run
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read part: %w", err)
		}
		part, err := results.ReadJSON(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read part %s: %w", path, err)
		}
		parts = append(parts, part)
	}
	return parts, nil
}

// SpecResults turns Ginkgo's report into spec outcomes: every It, plus any suite-level node
// (BeforeSuite, AfterSuite) that failed, since such a failure explains why specs did not run.
func SpecResults(report types.Report) []results.SpecResult {
	var out []results.SpecResult
	for _, spec := range report.SpecReports {
		isIt := spec.LeafNodeType == types.NodeTypeIt
		if !isIt && !spec.State.Is(types.SpecStateFailureStates) {
			continue
		}
		name := spec.FullText()
		if !isIt {
			name = "[" + spec.LeafNodeType.String() + "] " + spec.LeafNodeText
		}
		out = append(out, results.SpecResult{
			ID:             name,
			Name:           name,
			Labels:         spec.Labels(),
			Outcome:        outcomeOf(spec),
			Reason:         reasonOf(spec),
			Location:       spec.LeafNodeLocation.String(),
			DurationMillis: float64(spec.RunTime.Microseconds()) / 1000,
		})
	}
	return out
}

func outcomeOf(spec types.SpecReport) results.Outcome {
	switch spec.State {
	case types.SpecStatePassed:
		return results.Pass
	case types.SpecStateSkipped:
		if strings.HasPrefix(spec.Failure.Message, KnownDeviationPrefix) {
			return results.KnownDeviation
		}
		return results.Skipped
	case types.SpecStatePending:
		return results.Skipped
	case types.SpecStateFailed:
		if strings.HasPrefix(spec.Failure.Message, EnvironmentPrefix) {
			return results.Error
		}
		return results.Fail
	default: // panicked, interrupted, aborted, timed out: the run, not the target, broke
		return results.Error
	}
}

func reasonOf(spec types.SpecReport) string {
	switch {
	case spec.State == types.SpecStatePending:
		return results.ReasonPending
	case spec.State == types.SpecStateSkipped && spec.Failure.Message == "":
		return results.ReasonNotSelected
	case spec.State == types.SpecStatePassed:
		return ""
	}
	message := strings.TrimPrefix(spec.Failure.Message, KnownDeviationPrefix)
	if spec.Failure.Location.FileName != "" && spec.State != types.SpecStateSkipped {
		message += "\nat " + spec.Failure.Location.String()
	}
	return message
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
