package selftest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// TestDeclaredDeviationKeepsTheRunGreen runs one spec against an emulator that breaks its
// promise, with a known-deviations file naming that spec: the spec must be reported as a
// known deviation, and the run must pass.
func TestDeclaredDeviationKeepsTheRunGreen(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the conformance suite; skipped with -short")
	}
	const spec = "answers 100004 for a room that never existed"
	file := filepath.Join(t.TempDir(), "deviations.json")
	if err := os.WriteFile(file, []byte(`{"deviations":[{"command":"room_engine_http_srv/get_room_info","case":"`+spec+`",`+
		`"reason":"this emulator answers 100002","page":"https://trtc.io/document/60704"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := mutations[1] // answers 100002 for a room that does not exist
	focus := "-ginkgo.focus=Room management get_room_info " + spec
	without := runSuite(t, startMutant(t, broken), focus)
	with := runSuiteWith(t, startMutant(t, broken), []string{"TRTC_KNOWN_DEVIATIONS=" + file}, focus)

	if without.exitCode == 0 || len(without.failed()) != 1 {
		t.Fatalf("without the declaration the one focused spec must fail: exit %d, failed %v", without.exitCode, without.failed())
	}
	if with.exitCode != 0 {
		t.Errorf("a declared deviation failed the run (exit %d)\n%s", with.exitCode, tail([]byte(with.output)))
	}
	if counts := with.run.Counts(); counts[results.KnownDeviation] != 1 || counts[results.Fail] != 0 {
		t.Errorf("outcomes %v, want exactly one known deviation and no failure", counts)
	}
}
