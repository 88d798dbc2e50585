// The conformance suite: one Ginkgo suite whose specs read like the vendor's pages.
// Target selection is in harness (README "Targets"); reports are written to TRTC_REPORTS_DIR
// (default ../reports) by the ReportAfterSuite below.
package suites

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/harness"
	"github.com/trtc-conformance/trtc-conformance/labels"
	"github.com/trtc-conformance/trtc-conformance/results"
)

const suiteName = "TRTC Conference REST API conformance"

// session is this process's connection to the target.
var session *harness.Session

// TestMain makes the test binary the trtc-conformance command (make binary): started without
// go test's or Ginkgo's flags, it reads the friendly command line (harness.Usage) and turns it
// into Ginkgo's flags and the TRTC_* settings before the testing package parses anything.
func TestMain(m *testing.M) {
	if harness.IsTestInvocation(os.Args[1:]) {
		os.Exit(runTest(m))
	}
	os.Exit(runCommand(m))
}

// runTest runs the specs as go test asked, in TRTC_PROCS processes when that is set: the
// suite waits on the target far more than it computes, so processes shorten the run.
func runTest(m *testing.M) int {
	procs, reporter, err := harness.TestInvocationProcs(os.Args[1:], os.Getenv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "trtc-conformance: %v\n", err)
		return 2
	}
	if procs == 1 {
		return m.Run()
	}
	return harness.RunParallel(os.Args[1:], procs, reporter, os.Stdout, os.Stderr)
}

func runCommand(m *testing.M) int {
	workingDir, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(os.Stderr, "trtc-conformance: %v\n", err)
		return 1
	}
	invocation, err := harness.ParseInvocation(os.Args[1:], workingDir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "trtc-conformance: %v (trtc-conformance --help lists the flags)\n", err)
		return 2
	}
	for name, value := range invocation.Env {
		os.Setenv(name, value)
	}
	switch invocation.Action {
	case harness.ActionHelp:
		fmt.Print(harness.Usage)
		return 0
	case harness.ActionVersion:
		fmt.Println(harness.VersionLine())
		return 0
	case harness.ActionSweep:
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return harness.Sweep(ctx, invocation.SweepArgs, os.Getenv, os.Stdout, os.Stderr)
	}
	if invocation.Procs > 1 {
		return harness.RunParallel(invocation.GinkgoArgs, invocation.Procs, invocation.Reporter, os.Stdout, os.Stderr)
	}
	os.Args = append([]string{os.Args[0]}, invocation.GinkgoArgs...)
	return m.Run()
}

func TestConformance(t *testing.T) {
	RegisterFailHandler(failUnlessDeviation)
	RunSpecs(t, suiteName)
}

// failUnlessDeviation fails the spec, unless a declared known deviation names it for this
// target: then the spec is skipped as a known deviation, visible in every report without
// failing the run.
func failUnlessDeviation(message string, callerSkip ...int) {
	skip := 1
	if len(callerSkip) > 0 {
		skip += callerSkip[0]
	}
	if deviation, ok := session.KnownDeviationFor(CurrentSpecReport()); ok {
		harness.SkipAsKnownDeviation(deviation, message, skip)
	}
	Fail(message, skip)
}

func settingsOrFail() harness.Settings {
	settings, err := harness.SettingsFromEnv(os.Getenv)
	if err != nil {
		harness.FailEnvironment(err)
	}
	return settings
}

var _ = SynchronizedBeforeSuite(func() []byte {
	settings := settingsOrFail()
	// A malformed known-deviations file stops the run here, naming the entry to fix, before
	// any call is sent.
	if _, _, err := harness.LoadKnownDeviations(os.Getenv); err != nil {
		harness.FailEnvironment(err)
	}
	Expect(harness.ResetParts(settings.ReportsDir)).To(Succeed())
	return nil
}, func(ctx SpecContext, _ []byte) {
	settings := settingsOrFail()
	suiteConfig, _ := GinkgoConfiguration()
	settings.Processes = suiteConfig.ParallelTotal // parallel processes share the target's frequency limits
	var err error
	session, err = harness.Open(ctx, settings)
	if err != nil {
		harness.FailEnvironment(err)
	}
	_, session.KnownDeviations, _ = harness.LoadKnownDeviations(os.Getenv) // checked by process 1 above
	if session.EnvelopeProblem != "" {
		// The target answers, but not with the documented envelope: every spec runs and fails
		// naming it; the accounts cannot be imported first.
		fmt.Fprintf(GinkgoWriter, "the target's answers are not the documented envelope (%s): the specs will fail on it\n", session.EnvelopeProblem)
		return
	}
	importAccounts(ctx, ownerA, ownerB, member1, member2)
})

// Every spec's traffic is tagged with the spec; control-plane specs are skipped, with the
// reason, on targets without a control plane.
var _ = BeforeEach(func() {
	session.SkipIfTargetSilent()
	session.Recorder.SetSpec(harness.SpecTag(CurrentSpecReport()))
	specLabels := CurrentSpecReport().Labels()
	if labels.Has(specLabels, catalog.LabelNeedsControlPlane) && session.Control == nil {
		Skip(fmt.Sprintf("needs the emulator control plane, and %s has none (set %s to run it against an emulator)",
			session.Target.Endpoint, harness.EnvControlURL))
	}
	if labels.Has(specLabels, catalog.LabelEmulatorOnly) && session.Target.Kind == harness.KindLive {
		Skip("emulator-only: on the live service it would change state that cannot be undone")
	}
	if reachable, why := session.CallbacksReachable(); labels.Has(specLabels, catalog.LabelNeedsCallbacks) && !reachable {
		Skip(why)
	}
})

// processEnd is what a process deletes once its specs are done, last registered first: what
// several of its specs share, which no spec's cleanup may delete (atProcessEnd).
var processEnd []func(context.Context)

// atProcessEnd registers a deletion to run when the process's specs are done.
func atProcessEnd(f func(context.Context)) { processEnd = append(processEnd, f) }

var _ = SynchronizedAfterSuite(func() {
	if session == nil {
		return
	}
	session.Recorder.SetSpec("")
	for i := len(processEnd) - 1; i >= 0; i-- {
		processEnd[i](background())
	}
	settings := session.Settings
	Expect(harness.WritePart(settings.ReportsDir, GinkgoParallelProcess(), session.Recorder.Part(session.Target))).To(Succeed())
	session.Close()
}, func() {})

var _ = ReportAfterSuite("conformance reports", func(report Report) {
	if report.SuiteConfig.DryRun {
		// Nothing ran: reports would show every selected spec as passed, and trtc-results-diff
		// would count them as fixes. Earlier reports are left as they are.
		fmt.Printf("Dry run: %d specs would run; no reports written\n", report.PreRunStats.SpecsThatWillRun)
		return
	}
	settings, err := harness.SettingsFromEnv(os.Getenv)
	if err != nil {
		_ = harness.RemoveStaleReports(os.Getenv) // no earlier run's reports may pass for this one's
		return                                    // the BeforeSuite failure already says what to fix
	}
	parts, err := harness.ReadParts(settings.ReportsDir)
	Expect(err).NotTo(HaveOccurred())
	defer func() { _ = harness.RemoveParts(settings.ReportsDir) }()
	run, err := harness.BuildRun(report, parts)
	Expect(err).NotTo(HaveOccurred())
	// Known deviations: the file was checked at set-up; one changed since is reported after
	// the reports are written without it.
	deviationsPath, deviations, deviationsErr := harness.LoadKnownDeviations(os.Getenv)
	unmatched := results.ApplyKnownDeviations(run, deviations)
	run.Config = harness.RunConfig(settings, report.SuiteConfig, deviationsPath, len(deviations))
	if run.Target.Kind == "" { // set-up stopped before any process recorded: the reports still name the target
		run.Target.Kind, run.Target.Endpoint = settings.Kind(), settings.Endpoint
	}
	Expect(writeReport(filepath.Join(settings.ReportsDir, "junit.xml"), run, results.WriteJUnit)).To(Succeed())
	Expect(writeReport(filepath.Join(settings.ReportsDir, "results.json"), run, results.WriteJSON)).To(Succeed())
	Expect(writeReport(filepath.Join(settings.ReportsDir, "index.html"), run, results.WriteHTML)).To(Succeed())
	results.WriteSummary(os.Stdout, run)
	for _, d := range unmatched {
		fmt.Printf("Known deviation %s %q matched no spec of this run (renamed, or not selected)\n", d.Command, d.Case)
	}
	reportsDir, err := filepath.Abs(settings.ReportsDir)
	if err != nil {
		reportsDir = settings.ReportsDir
	}
	fmt.Printf("Reports in %s: junit.xml, results.json, index.html\n", reportsDir)
	if deviationsErr != nil {
		Fail(deviationsErr.Error() + " (the reports above were written without the known deviations)")
	}
})

func writeReport(path string, run *results.Run, write func(io.Writer, *results.Run) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f, run); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// background is for cleanup calls that must run even when the spec's context has ended.
func background() context.Context { return context.Background() }
