package selftest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/emulator"
	"github.com/trtc-conformance/trtc-conformance/harness"
	"github.com/trtc-conformance/trtc-conformance/results"
)

var (
	buildOnce  sync.Once
	suiteBin   string
	buildError error
)

// suiteBinary compiles the conformance suite once per test process.
func suiteBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "trtc-selftest-")
		if err != nil {
			buildError = err
			return
		}
		suiteBin = filepath.Join(dir, "suites.test")
		out, err := exec.Command("go", "test", "-c", "-o", suiteBin, "../suites").CombinedOutput()
		if err != nil {
			buildError = fmt.Errorf("go test -c ../suites: %v\n%s", err, out)
		}
	})
	if buildError != nil {
		t.Fatal(buildError)
	}
	return suiteBin
}

// target is what the suite is pointed at.
type target struct {
	endpoint, control string
	cfg               emulator.Config
}

// suiteRun is the outcome of one run of the compiled suite.
type suiteRun struct {
	exitCode int
	run      *results.Run
	output   string
}

// wholeSuiteProcs is how many processes run the suite in the selftests that run all of it:
// the suite waits on its target far more than it computes (about 6 s of CPU in an 85 s serial
// run), so processes shorten those runs several times over. Runs of a few specs keep one
// process: some mutations follow the calls of one process in order.
const wholeSuiteProcs = 8

// runWholeSuite runs every spec of the compiled suite in wholeSuiteProcs processes.
func runWholeSuite(t *testing.T, tgt *target, extraEnv ...string) suiteRun {
	t.Helper()
	return runSuiteWith(t, tgt, append(extraEnv, fmt.Sprintf("%s=%d", harness.EnvProcs, wholeSuiteProcs)))
}

// atOnce runs each named function as a parallel subtest of t and returns when all have ended,
// so that a test can compare runs that need not wait for one another.
func atOnce(t *testing.T, runs map[string]func(t *testing.T)) {
	t.Helper()
	t.Run("at once", func(t *testing.T) {
		for name, run := range runs {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				run(t)
			})
		}
	})
}

// runSuite runs the compiled suite against t (the embedded emulator when t is nil) and reads
// back its results.json.
func runSuite(t *testing.T, tgt *target, extraArgs ...string) suiteRun {
	t.Helper()
	return runSuiteWith(t, tgt, nil, extraArgs...)
}

// runSuiteWith is runSuite with extra environment variables (NAME=value).
func runSuiteWith(t *testing.T, tgt *target, extraEnv []string, extraArgs ...string) suiteRun {
	t.Helper()
	reports := t.TempDir()
	for _, kv := range extraEnv { // a caller that reads the other reports names the folder
		if dir, ok := strings.CutPrefix(kv, "TRTC_REPORTS_DIR="); ok {
			reports = dir
		}
	}
	env := append([]string{"TRTC_REPORTS_DIR=" + reports}, extraEnv...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TRTC_") {
			env = append(env, kv)
		}
	}
	if tgt != nil {
		env = append(env,
			"TRTC_ENDPOINT="+tgt.endpoint,
			fmt.Sprintf("TRTC_SDKAPPID=%d", tgt.cfg.SDKAppID),
			"TRTC_SECRET_KEY="+tgt.cfg.SecretKey,
			"TRTC_ADMIN="+tgt.cfg.Admins[0],
		)
		if tgt.control != "" {
			env = append(env, "TRTC_CONTROL_URL="+tgt.control)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append([]string{"-test.count=1", "-ginkgo.no-color"}, extraArgs...)
	cmd := exec.CommandContext(ctx, suiteBinary(t), args...)
	cmd.Dir = "../suites"
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("running the suite: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(reports, "results.json"))
	if err != nil {
		t.Fatalf("the suite wrote no results.json (exit %d): %v\n%s", code, err, tail(out))
	}
	defer f.Close()
	run, err := results.ReadJSON(f)
	if err != nil {
		t.Fatalf("results.json: %v", err)
	}
	return suiteRun{exitCode: code, run: run, output: string(out)}
}

// outcomes maps each spec's ID to its outcome (IDs are unique; names may repeat).
func (r suiteRun) outcomes() map[string]results.Outcome {
	out := map[string]results.Outcome{}
	for _, spec := range r.run.Specs {
		out[spec.ID] = spec.Outcome
	}
	return out
}

// failed lists the names of the specs that failed.
func (r suiteRun) failed() []string {
	var names []string
	for _, spec := range r.run.Specs {
		if spec.Outcome == results.Fail || spec.Outcome == results.Error {
			names = append(names, spec.Name)
		}
	}
	return names
}

func tail(out []byte) string {
	const keep = 4000
	if len(out) > keep {
		return "…" + string(out[len(out)-keep:])
	}
	return string(out)
}
