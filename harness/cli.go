package harness

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// The trtc-conformance binary is the suite's test binary (go test -c ./suites, make binary):
// the specs live in _test.go files, which only a test binary links. Its TestMain reads the
// command line below and hands Ginkgo its own -ginkgo.* flags, so that the binary runs without
// the source tree, the Ginkgo CLI or go test.

// CLI actions.
const (
	ActionRun     = "run"
	ActionHelp    = "help"
	ActionVersion = "version"
	ActionSweep   = "sweep"
)

// Invocation is what the trtc-conformance command line asks for.
type Invocation struct {
	Action string
	// GinkgoArgs replace the binary's arguments before Ginkgo parses its flags (ActionRun).
	GinkgoArgs []string
	// Env are the TRTC_* settings the flags stand for, set before the suite reads them.
	Env map[string]string
	// SweepArgs are the arguments after "sweep" (ActionSweep).
	SweepArgs []string
	// Procs is how many processes run the specs (RunParallel when more than one); Reporter
	// is how the parallel host prints them.
	Procs    int
	Reporter types.ReporterConfig
}

// ErrUsage wraps every command-line problem; the binary exits 2 with it and the usage.
var ErrUsage = errors.New("usage")

// IsTestInvocation reports whether go test or the Ginkgo CLI started the binary: they pass
// -test.* or -ginkgo.* flags (go test always passes -test.timeout, ginkgo --test.timeout=0),
// which the friendly command line never has.
func IsTestInvocation(args []string) bool {
	for _, a := range args {
		name := strings.TrimLeft(a, "-")
		if a != name && (strings.HasPrefix(name, "test.") || strings.HasPrefix(name, "ginkgo.")) {
			return true
		}
	}
	return false
}

// ParseInvocation reads the friendly command line (args without the program name);
// workingDir is where relative paths point (TRTC_CALLER_DIR).
func ParseInvocation(args []string, workingDir string) (Invocation, error) {
	if len(args) > 0 && args[0] == "sweep" {
		return Invocation{Action: ActionSweep, SweepArgs: args[1:], Env: map[string]string{EnvCallerDir: workingDir}}, nil
	}
	flags := flag.NewFlagSet("trtc-conformance", flag.ContinueOnError)
	flags.SetOutput(io.Discard) // the caller prints the usage once, with the error
	var (
		help, version, dryRun, noColor, verbose, autoProcs bool
		labelFilter, reports, deviations                   string
		procs                                              int
		propertyChecks, propertySteps                      int
		focus, skip                                        multiFlag
	)
	flags.BoolVar(&help, "help", false, "")
	flags.BoolVar(&help, "h", false, "")
	flags.BoolVar(&version, "version", false, "")
	flags.BoolVar(&dryRun, "dry-run", false, "")
	flags.BoolVar(&noColor, "no-color", false, "")
	flags.BoolVar(&verbose, "v", false, "")
	flags.StringVar(&labelFilter, "label-filter", "", "")
	flags.Var(&focus, "focus", "")
	flags.Var(&skip, "skip", "")
	flags.StringVar(&reports, "reports", "", "")
	flags.StringVar(&deviations, "known-deviations", "", "")
	flags.IntVar(&procs, "procs", 1, "")
	flags.IntVar(&propertyChecks, "property-checks", 0, "")
	flags.IntVar(&propertySteps, "property-steps", 0, "")
	flags.BoolVar(&autoProcs, "p", false, "")
	if err := flags.Parse(args); err != nil {
		return Invocation{}, fmt.Errorf("%w: %v", ErrUsage, err)
	}
	switch {
	case help:
		return Invocation{Action: ActionHelp}, nil
	case version:
		return Invocation{Action: ActionVersion}, nil
	case flags.NArg() > 0:
		return Invocation{}, fmt.Errorf("%w: unexpected argument %q (settings are TRTC_* variables, see --help)", ErrUsage, flags.Arg(0))
	case procs < 1:
		return Invocation{}, fmt.Errorf("%w: --procs must be at least 1", ErrUsage)
	case propertyChecks < 0 || propertySteps < 0:
		return Invocation{}, fmt.Errorf("%w: --property-checks and --property-steps must not be negative", ErrUsage)
	}
	if autoProcs {
		procs = autoProcessCount(runtime.NumCPU())
	}
	if dryRun {
		procs = 1 // nothing runs: one process lists the specs
	}
	inv := Invocation{Action: ActionRun, Env: map[string]string{EnvCallerDir: workingDir}, Procs: procs,
		Reporter: types.ReporterConfig{NoColor: noColor, Verbose: verbose}}
	if reports != "" {
		inv.Env[EnvReportsDir] = reports
	}
	if deviations != "" {
		inv.Env[EnvKnownDeviations] = deviations
	}
	// The property tests' budget: rapid's own variables, which suites/property_test.go reads
	// when the properties start.
	if propertyChecks > 0 {
		inv.Env["RAPID_CHECKS"] = strconv.Itoa(propertyChecks)
	}
	if propertySteps > 0 {
		inv.Env["RAPID_STEPS"] = strconv.Itoa(propertySteps)
	}
	if labelFilter != "" {
		inv.GinkgoArgs = append(inv.GinkgoArgs, "-ginkgo.label-filter="+labelFilter)
	}
	for _, f := range focus {
		inv.GinkgoArgs = append(inv.GinkgoArgs, "-ginkgo.focus="+f)
	}
	for _, s := range skip {
		inv.GinkgoArgs = append(inv.GinkgoArgs, "-ginkgo.skip="+s)
	}
	if dryRun {
		// A dry run that does not name the specs it would run says nothing.
		inv.GinkgoArgs = append(inv.GinkgoArgs, "-ginkgo.dry-run", "-ginkgo.v")
	} else if verbose {
		inv.GinkgoArgs = append(inv.GinkgoArgs, "-ginkgo.v")
	}
	if noColor {
		inv.GinkgoArgs = append(inv.GinkgoArgs, "-ginkgo.no-color")
	}
	return inv, nil
}

// autoProcessCount is -p's number of processes: one per core, leaving one free on larger
// machines for the target and the host.
func autoProcessCount(cores int) int {
	if cores > 4 {
		return cores - 1
	}
	return max(cores, 2)
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// VersionLine is what --version prints.
func VersionLine() string {
	return fmt.Sprintf("trtc-conformance %s (results.json format %d)", results.SuiteVersion, results.FormatVersion)
}

// Usage is what --help prints.
const Usage = `trtc-conformance: the TRTC server REST API conformance suite (Conference and Live)

usage:
  trtc-conformance [flags]            run the specs against the target the TRTC_* variables name
  trtc-conformance sweep [--yes] ...  find (and with --yes destroy) rooms an interrupted run left
                                      behind; trtc-conformance sweep --help

flags:
  --label-filter EXPR    run the specs whose labels match EXPR (Ginkgo syntax), e.g.
                         'family:live', 'cmd:create_room && !needs:control-plane'
  --focus REGEXP         run the specs whose text matches REGEXP (repeatable)
  --skip REGEXP          leave out the specs whose text matches REGEXP (repeatable)
  --dry-run              list the specs that would run; no call is sent, no report is written
  --reports DIR          where junit.xml, results.json and index.html go (default ./reports;
                         TRTC_REPORTS_DIR)
  --known-deviations F   the known-deviations file (default ./fixtures/known-deviations.json
                         when it exists; TRTC_KNOWN_DEVIATIONS)
  --procs N              run the specs in N parallel processes (copies of this binary); on a
                         shared target they share each command's frequency limit
  -p                     --procs with one process per core (at least 2)
  --property-checks N    random sequences per property test (default 60; RAPID_CHECKS), each
                         call within the target's rate budget
  --property-steps N     average steps per sequence (default 25; RAPID_STEPS)
  -v                     name every spec as it runs
  --no-color             plain console output
  --version              print the suite's version
  -h, --help             this text

target (environment; README "Targets"):
  TRTC_ENDPOINT          base URL or region preset (singapore, china, usa, jakarta);
                         unset: the embedded emulator
  TRTC_SDKAPPID, TRTC_SECRET_KEY, TRTC_ADMIN   required with TRTC_ENDPOINT
  TRTC_CONTROL_URL       an emulator's control plane
  TRTC_CALLBACK_LISTEN, TRTC_CALLBACK_URL      the suite's callback receiver

Relative paths are read against the current directory. Exit status: 0 when every selected
spec passed, 1 when one failed or the target could not be used, 2 for a usage error.
`

// TestInvocationProcs is how many processes a test invocation (args as go test or the Ginkgo
// CLI passes them) runs the specs in: TRTC_PROCS, unless the process is already one of a
// parallel run (ginkgo -p, RunParallel) or a dry run, which list the specs in one process.
// The reporter config is what the flags ask of Ginkgo's own reporter.
func TestInvocationProcs(args []string, getenv func(string) string) (int, types.ReporterConfig, error) {
	var reporter types.ReporterConfig
	value := getenv(EnvProcs)
	if value == "" {
		return 1, reporter, nil
	}
	procs, err := strconv.Atoi(value)
	if err != nil || procs < 1 {
		return 0, reporter, fmt.Errorf("%w: %s=%q: want a number of processes, at least 1", ErrSettings, EnvProcs, value)
	}
	for _, a := range args {
		name, value, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch name {
		case "ginkgo.parallel.total":
			// The Ginkgo CLI passes a total of 1 to a serial run, whose one process may still
			// host processes of its own; more than 1: this is one of a parallel run's.
			if total, err := strconv.Atoi(value); err != nil || total > 1 {
				return 1, reporter, nil
			}
		case "ginkgo.parallel.host", "ginkgo.dry-run":
			return 1, reporter, nil
		case "ginkgo.no-color":
			reporter.NoColor = true
		case "ginkgo.v":
			reporter.Verbose = true
		}
	}
	return procs, reporter, nil
}
