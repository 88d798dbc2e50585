package harness

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/onsi/ginkgo/v2"

	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/results"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// envChildRun tells the test binary, run again by TestSpecHelpersInARealGinkgoRun, to run
// the small Ginkgo suite and write its run to the file it names.
const envChildRun = "TRTC_HARNESS_TEST_CHILD_RUN"

// TestSpecHelpersInARealGinkgoRun runs FailEnvironment, SkipAsKnownDeviation and
// HaveErrorCode inside real Ginkgo specs and reads the outcomes and assertions back through
// BuildRun. Ginkgo runs one suite per process, so the suite runs in a child process: this
// test binary, run again.
func TestSpecHelpersInARealGinkgoRun(t *testing.T) {
	if out := os.Getenv(envChildRun); out != "" {
		runChildSuite(out)
		return
	}
	path := filepath.Join(t.TempDir(), "run.json")
	child := exec.Command(os.Args[0], "-test.run=^TestSpecHelpersInARealGinkgoRun$", "-test.count=1")
	child.Env = append(os.Environ(), envChildRun+"="+path)
	output, err := child.CombinedOutput()
	if err != nil {
		t.Fatalf("the child suite: %v\n%s", err, output)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("the child suite wrote no run: %v\n%s", err, output)
	}
	defer f.Close()
	run, err := results.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}

	want := map[string]results.Outcome{
		"helpers passes and records its expectation":                 results.Pass,
		"helpers loses the target":                                   results.Error,
		"helpers fails with a message that reads like an error":      results.Fail,
		"helpers deviates as declared":                               results.KnownDeviation,
		"helpers skips itself":                                       results.Skipped,
		"helpers fails, then loses the target while cleaning up":     results.Fail,
		"helpers loses the target while cleaning up after a success": results.Error,
		"helpers is not run once the target went silent":             results.Skipped,
	}
	if len(run.Specs) != len(want) {
		t.Errorf("%d specs, want %d: %+v", len(run.Specs), len(want), run.Specs)
	}
	for _, spec := range run.Specs {
		if spec.Outcome != want[spec.Name] {
			t.Errorf("%q: %s (%q), want %s", spec.Name, spec.Outcome, spec.Reason, want[spec.Name])
		}
		if spec.Name == "helpers is not run once the target went silent" && spec.Reason != results.ReasonNotRunTargetSilent {
			t.Errorf("%q: reason %q, want %q", spec.Name, spec.Reason, results.ReasonNotRunTargetSilent)
		}
		if run.Interrupted == "" {
			t.Errorf("the run does not say it was interrupted")
		}
		if spec.Outcome == results.KnownDeviation && spec.Reason != "expected ErrorCode 100003" {
			t.Errorf("%q: reason %q, want the failure it replaced", spec.Name, spec.Reason)
		}
	}
	if len(run.Assertions) != 1 || run.Assertions[0].SpecID != "helpers passes and records its expectation" ||
		run.Assertions[0].Command != "get_room_info" || !run.Assertions[0].Passed {
		t.Errorf("assertions %+v, want the one HaveErrorCode evaluated, tagged with its spec", run.Assertions)
	}
}

// childT stands in for testing.T, so that the specs that fail on purpose do not fail the
// child process.
type childT struct{}

func (childT) Fail() {}

// runChildSuite declares the specs, runs them and writes the run to path.
func runChildSuite(path string) {
	ginkgo.Describe("helpers", func() {
		ginkgo.It("passes and records its expectation", func() {
			answer := &client.Response{Service: "room_engine_http_srv", Command: "get_room_info", Seq: 1,
				Envelope: wire.Envelope{ActionStatus: "OK"}}
			if ok, err := matchers.HaveErrorCode(0).Match(answer); !ok || err != nil {
				ginkgo.Fail("HaveErrorCode(0) refused a success")
			}
		})
		ginkgo.It("loses the target", func() {
			FailEnvironment(errors.New("connection refused"))
		})
		ginkgo.It("fails with a message that reads like an error", func() {
			ginkgo.Fail("environment error: the room is gone")
		})
		ginkgo.It("deviates as declared", func() {
			SkipAsKnownDeviation(results.DeclaredDeviation{Command: "create_room", Case: "deviates as declared"}, "expected ErrorCode 100003", 0)
		})
		ginkgo.It("skips itself", func() {
			ginkgo.Skip("needs the emulator control plane")
		})
		ginkgo.It("fails, then loses the target while cleaning up", func() {
			ginkgo.DeferCleanup(func() { FailEnvironment(errors.New("connection reset")) })
			ginkgo.Fail("expected ErrorCode 0")
		})
		ginkgo.It("loses the target while cleaning up after a success", func() {
			ginkgo.DeferCleanup(func() { FailEnvironment(errors.New("connection reset")) })
		})
		ginkgo.It("is not run once the target went silent", func() {
			silent := &Session{Recorder: NewRecorder()}
			for range SilenceBound {
				silent.Recorder.Record(results.Exchange{Service: "s", Command: "c", TransportError: "timeout"})
			}
			silent.SkipIfTargetSilent()
			ginkgo.Fail("SkipIfTargetSilent let the spec run")
		})
	})
	ginkgo.ReportAfterSuite("write the run", func(report ginkgo.Report) {
		run, err := BuildRun(report, nil)
		if err != nil {
			ginkgo.Fail(err.Error())
		}
		f, err := os.Create(path)
		if err != nil {
			ginkgo.Fail(err.Error())
		}
		defer f.Close()
		if err := results.WriteJSON(f, run); err != nil {
			ginkgo.Fail(err.Error())
		}
	})
	ginkgo.RunSpecs(childT{}, "harness helpers")
}
