package harness

import (
	"errors"
	"flag"
	"slices"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/results"
)

func TestIsTestInvocation(t *testing.T) {
	cases := []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"--label-filter", "family:live"}, false},
		{[]string{"sweep", "--yes"}, false},
		{[]string{"-test.paniconexit0", "-test.timeout=10m0s"}, true}, // go test
		{[]string{"--test.timeout=0", "--ginkgo.seed=1"}, true},       // the Ginkgo CLI
		{[]string{"--focus", "test.v"}, false},                        // a value, not a flag
	}
	for _, c := range cases {
		if got := IsTestInvocation(c.args); got != c.want {
			t.Errorf("IsTestInvocation(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}

func TestParseInvocation(t *testing.T) {
	inv, err := ParseInvocation([]string{"--label-filter", "family:live", "--focus", "a", "--focus=b", "--reports", "out", "--known-deviations", "d.json", "--no-color"}, "/work")
	if err != nil {
		t.Fatal(err)
	}
	wantArgs := []string{"-ginkgo.label-filter=family:live", "-ginkgo.focus=a", "-ginkgo.focus=b", "-ginkgo.no-color"}
	if inv.Action != ActionRun || !slices.Equal(inv.GinkgoArgs, wantArgs) {
		t.Errorf("run: %q %q, want %q", inv.Action, inv.GinkgoArgs, wantArgs)
	}
	if inv.Env[EnvCallerDir] != "/work" || inv.Env[EnvReportsDir] != "out" || inv.Env[EnvKnownDeviations] != "d.json" {
		t.Errorf("env %v, want the caller's directory, the reports dir and the deviations file", inv.Env)
	}

	if inv, _ := ParseInvocation([]string{"--dry-run"}, "/w"); !slices.Contains(inv.GinkgoArgs, "-ginkgo.dry-run") || !slices.Contains(inv.GinkgoArgs, "-ginkgo.v") {
		t.Errorf("--dry-run gave %q, want Ginkgo's dry run, verbose so that it lists the specs", inv.GinkgoArgs)
	}
	for args, action := range map[string]string{"--help": ActionHelp, "-h": ActionHelp, "--version": ActionVersion, "sweep": ActionSweep} {
		if inv, err := ParseInvocation([]string{args}, "/w"); err != nil || inv.Action != action {
			t.Errorf("%s: %q, %v; want %q", args, inv.Action, err, action)
		}
	}
	if inv, _ := ParseInvocation([]string{"sweep", "--yes"}, "/w"); !slices.Equal(inv.SweepArgs, []string{"--yes"}) {
		t.Errorf("sweep args %q, want [--yes]", inv.SweepArgs)
	}
	if inv, _ := ParseInvocation([]string{"--procs", "3", "-v"}, "/w"); inv.Procs != 3 || !inv.Reporter.Verbose {
		t.Errorf("--procs 3 -v: %d processes, verbose %v", inv.Procs, inv.Reporter.Verbose)
	}
	if inv, _ := ParseInvocation([]string{"-p"}, "/w"); inv.Procs < 2 {
		t.Errorf("-p: %d processes, want at least 2", inv.Procs)
	}
	if inv, _ := ParseInvocation([]string{"--procs", "3", "--dry-run"}, "/w"); inv.Procs != 1 {
		t.Errorf("a dry run in %d processes, want 1", inv.Procs)
	}
	if inv, _ := ParseInvocation([]string{"--property-checks", "500", "--property-steps", "40"}, "/w"); inv.Env["RAPID_CHECKS"] != "500" || inv.Env["RAPID_STEPS"] != "40" {
		t.Errorf("--property-checks 500 --property-steps 40: RAPID_CHECKS %q, RAPID_STEPS %q", inv.Env["RAPID_CHECKS"], inv.Env["RAPID_STEPS"])
	}
	for _, bad := range [][]string{{"--procs", "0"}, {"--nope"}, {"stray"}, {"--property-checks", "-1"}} {
		if _, err := ParseInvocation(bad, "/w"); !errors.Is(err, ErrUsage) {
			t.Errorf("%q: error %v, want a usage error", bad, err)
		}
	}
}

func TestLeftoverRoomsInResults(t *testing.T) {
	ok, refused := 0, 100003
	ex := func(service, command, body string, code *int) results.Exchange {
		return results.Exchange{Service: service, Command: command, RequestBody: body, ErrorCode: code}
	}
	run := &results.Run{Exchanges: []results.Exchange{
		ex(catalog.ServiceRoom, "create_room", `{"RoomInfo":{"RoomId":"conf-abc123-p1-1"}}`, &ok),      // left behind
		ex(catalog.ServiceRoom, "create_room", `{"RoomInfo":{"RoomId":"conf-abc123-p2-2"}}`, &ok),      // destroyed below
		ex(catalog.ServiceRoom, "destroy_room", `{"RoomId":"conf-abc123-p2-2"}`, &ok),                  //
		ex(catalog.ServiceRoom, "create_room", `{"RoomInfo":{"RoomId":"conf-abc123-p1-3"}}`, &refused), // never created
		ex(catalog.ServiceRoom, "create_room", `{"RoomInfo":{"RoomId":"someone-elses-room"}}`, &ok),    // not the suite's
		ex(catalog.ServiceLive, "create_room", `{"RoomInfo":{"RoomId":"live-abc123-p1-4"}}`, &ok),      // left behind
		ex(catalog.ServiceRoom, "create_room", `{"RoomInfo":{"RoomId":"conf-ffffff-p1-1"}}`, &ok),      // another run
		ex(catalog.ServiceRoom, "destroy_room", `{"RoomId":"conf-abc123-p1-1"}`, &refused),             // a refused destroy
	}}
	var got []string
	for _, r := range LeftoverRoomsInResults(run, "abc123") {
		got = append(got, r.Service+"/"+r.RoomID)
	}
	want := []string{catalog.ServiceRoom + "/conf-abc123-p1-1", catalog.ServiceLive + "/live-abc123-p1-4"}
	if !slices.Equal(got, want) {
		t.Errorf("leftovers of run abc123: %q, want %q", got, want)
	}
	if all := LeftoverRoomsInResults(run, ""); len(all) != 3 {
		t.Errorf("leftovers of every run: %d, want 3 (the other run's room too)", len(all))
	}
}

func TestTestInvocationProcs(t *testing.T) {
	env := func(value string) func(string) string {
		return func(name string) string {
			if name == EnvProcs {
				return value
			}
			return ""
		}
	}
	goTest := []string{"-test.paniconexit0", "-test.timeout=10m0s", "-ginkgo.no-color"}
	if procs, _, err := TestInvocationProcs(goTest, env("")); procs != 1 || err != nil {
		t.Errorf("unset: %d processes, %v; want 1", procs, err)
	}
	procs, reporter, err := TestInvocationProcs(goTest, env("4"))
	if procs != 4 || err != nil || !reporter.NoColor {
		t.Errorf("TRTC_PROCS=4: %d processes, no colour %v, %v; want 4 without colour", procs, reporter.NoColor, err)
	}
	ginkgoSerial := []string{"--test.timeout=0", "--ginkgo.seed=1", "--ginkgo.parallel.process=1", "--ginkgo.parallel.total=1"}
	if procs, _, _ := TestInvocationProcs(ginkgoSerial, env("4")); procs != 4 {
		t.Errorf("the Ginkgo CLI's serial run (process 1 of 1): %d processes, want 4", procs)
	}
	for _, args := range [][]string{
		append(goTest, "-ginkgo.parallel.process=2", "-ginkgo.parallel.total=4"), // already one of them
		append(goTest, "--ginkgo.dry-run"),
	} {
		if procs, _, _ := TestInvocationProcs(args, env("4")); procs != 1 {
			t.Errorf("%q: %d processes, want 1", args, procs)
		}
	}
	for _, bad := range []string{"0", "two", "-3"} {
		if _, _, err := TestInvocationProcs(goTest, env(bad)); !errors.Is(err, ErrSettings) {
			t.Errorf("TRTC_PROCS=%s: %v, want a settings error", bad, err)
		}
	}
}

// go test hands the binary the tail of its command line, a package argument included: the
// parallel flags must still be parsed, so they come before it.
func TestWorkerArgsSurviveAPositionalArgument(t *testing.T) {
	args := workerArgs([]string{"-test.count=1", "-ginkgo.label-filter=x", "."}, "7", 2, 4, "http://127.0.0.1:1")
	flags := flag.NewFlagSet("worker", flag.ContinueOnError)
	process := flags.Int("ginkgo.parallel.process", 1, "")
	total := flags.Int("ginkgo.parallel.total", 1, "")
	flags.String("ginkgo.parallel.host", "", "")
	flags.String("ginkgo.seed", "", "")
	flags.String("ginkgo.label-filter", "", "")
	flags.String("test.timeout", "", "")
	flags.Int("test.count", 1, "")
	if err := flags.Parse(args); err != nil {
		t.Fatal(err)
	}
	if *process != 2 || *total != 4 {
		t.Errorf("%q parses as process %d of %d, want 2 of 4", args, *process, *total)
	}
	// The Ginkgo CLI's serial run passes process 1 of 1: the host's numbers stand.
	serial := workerArgs([]string{"--ginkgo.parallel.process=1", "--ginkgo.parallel.total=1", "--ginkgo.seed=9"}, "7", 3, 4, "http://h")
	if slices.Contains(serial, "--ginkgo.parallel.total=1") || slices.Contains(serial, "--ginkgo.parallel.process=1") || !slices.Contains(serial, "--ginkgo.seed=9") {
		t.Errorf("%q: want the CLI's process numbers dropped and its seed kept", serial)
	}
}
