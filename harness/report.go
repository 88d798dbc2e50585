package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// EnvironmentPrefix starts the failure message of a spec that failed because the
// environment broke (no answer, timeout) rather than the target; such specs are reported
// with outcome error.
const EnvironmentPrefix = "environment error: "

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
	case types.SpecStateSkipped, types.SpecStatePending:
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
		return "pending: not implemented yet"
	case spec.State == types.SpecStateSkipped && spec.Failure.Message == "":
		return "not selected by the label or focus filter, or skipped after a set-up failure"
	case spec.State == types.SpecStatePassed:
		return ""
	}
	message := spec.Failure.Message
	if spec.Failure.Location.FileName != "" && spec.State != types.SpecStateSkipped {
		message += "\nat " + spec.Failure.Location.String()
	}
	return message
}
