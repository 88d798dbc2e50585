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
	t.Parallel()
	alternate := runWholeSuite(t, nil, harness.EnvEmulatorChoices+"="+emulator.ProfileAlternate)
	for _, spec := range alternate.run.Specs {
		if spec.Outcome == results.Fail || spec.Outcome == results.Error {
			t.Errorf("%s\n    insists on a default choice: %s", spec.Name, condensed(spec.Reason))
		}
	}
	if alternate.exitCode != 0 && !t.Failed() {
		t.Fatalf("the suite exited with %d against the alternate choices:\n%s", alternate.exitCode, tail([]byte(alternate.output)))
	}
}

// condensed is a failure message on one line, cut at 300 bytes: Gomega's "Expected" alone says
// nothing, the values after it do.
func condensed(text string) string {
	line := strings.Join(strings.Fields(text), " ")
	if len(line) > 300 {
		return line[:300] + "…"
	}
	return line
}
