package selftest

import (
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/emulator"
	"github.com/trtc-conformance/trtc-conformance/harness"
	"github.com/trtc-conformance/trtc-conformance/results"
)

// TestSuitePassesAgainstTheAlternateChoices runs the whole suite against the embedded emulator
// with the alternate choices profile (TRTC_EMULATOR_CHOICES=alternate): every behaviour the
// documentation leaves open is flipped to a second defensible one (docs/emulator.md). The suite
// asserts only what the pages promise, so it must pass on both profiles; a spec that fails here
// insists on one of the emulator's choices.
func TestSuitePassesAgainstTheAlternateChoices(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole conformance suite; skipped with -short")
	}
	alternate := runSuiteWith(t, nil, []string{harness.EnvEmulatorChoices + "=" + emulator.ProfileAlternate})
	for _, spec := range alternate.run.Specs {
		if spec.Outcome == results.Fail || spec.Outcome == results.Error {
			t.Errorf("%s\n    insists on a default choice: %s", spec.Name, firstLine(spec.Reason))
		}
	}
	if alternate.exitCode != 0 && !t.Failed() {
		t.Fatalf("the suite exited with %d against the alternate choices:\n%s", alternate.exitCode, tail([]byte(alternate.output)))
	}
}

func firstLine(text string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	return line
}
