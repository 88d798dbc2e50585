package harness

import (
	"errors"
	"testing"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/results"
)

// TestBuildRunJoinsAssertionsToTheirProcessTraffic checks that the assertions the specs
// recorded as report entries end up in the run, tagged with their spec, each still pointing
// at its own exchange after the parts of two processes are merged.
func TestBuildRunJoinsAssertionsToTheirProcessTraffic(t *testing.T) {
	observed := func(code int) *int { return &code }
	exchange := func(seq int, spec, command string, code int) results.Exchange {
		return results.Exchange{Seq: seq, SpecID: spec, Service: "room_engine_http_srv", Command: command, ErrorCode: observed(code)}
	}
	assertion := func(seq int, command string, code int) types.ReportEntry {
		return entry(matchers.AssertionEntryName, results.Assertion{Service: "room_engine_http_srv", Command: command,
			Expected: []int{code}, Observed: observed(code), Passed: true, ExchangeSeq: seq}, seq)
	}
	dir := t.TempDir()
	if err := ResetParts(dir); err != nil {
		t.Fatal(err)
	}
	for process, part := range map[int]*results.Run{
		1: {Exchanges: []results.Exchange{exchange(1, "", "account_check", 0), exchange(2, "Room creates", "create_room", 0)}},
		2: {Exchanges: []results.Exchange{exchange(1, "Room reads", "get_room_info", 100004)}},
	} {
		if err := WritePart(dir, process, part); err != nil {
			t.Fatal(err)
		}
	}
	parts, err := ReadParts(dir)
	if err != nil || len(parts) != 2 || len(parts[2].Exchanges) != 1 {
		t.Fatalf("parts %v, err %v; want the two processes' parts by number", parts, err)
	}

	it := func(text string, process int, entries ...types.ReportEntry) types.SpecReport {
		return types.SpecReport{ContainerHierarchyTexts: []string{"Room"}, LeafNodeType: types.NodeTypeIt, LeafNodeText: text,
			State: types.SpecStatePassed, ParallelProcess: process, ReportEntries: entries}
	}
	report := types.Report{SuiteDescription: "suite", SpecReports: types.SpecReports{
		{LeafNodeType: types.NodeTypeBeforeSuite, State: types.SpecStatePassed, ParallelProcess: 1,
			ReportEntries: types.ReportEntries{assertion(1, "account_check", 0)}},
		it("reads", 2, assertion(1, "get_room_info", 100004), entry("someone else's entry", 42, 2)),
		it("creates", 1, assertion(2, "create_room", 0)),
		it("checks on a process that wrote no part", 3, assertion(1, "destroy_room", 0)),
	}}
	for _, how := range []struct {
		name   string
		report types.Report
	}{{"in process", report}, {"carried from other processes", carried(t, report)}} {
		run, err := BuildRun(how.report, parts)
		if err != nil {
			t.Fatalf("%s: %v", how.name, err)
		}
		if run.Suite != "suite" || len(run.Specs) != 3 || len(run.Exchanges) != 3 || len(run.Assertions) != 4 {
			t.Fatalf("%s: suite %q, %d specs, %d exchanges, %d assertions; want 3, 3, 4", how.name, run.Suite, len(run.Specs), len(run.Exchanges), len(run.Assertions))
		}
		exchanges := map[int]results.Exchange{}
		for _, x := range run.Exchanges {
			exchanges[x.Seq] = x
		}
		wantSpec := map[string]string{"account_check": "", "create_room": "Room creates", "get_room_info": "Room reads", "destroy_room": "Room checks on a process that wrote no part"}
		for _, a := range run.Assertions {
			if a.SpecID != wantSpec[a.Command] {
				t.Errorf("%s: the %s assertion is tagged %q, want %q", how.name, a.Command, a.SpecID, wantSpec[a.Command])
			}
			x, ok := exchanges[a.ExchangeSeq]
			switch {
			case a.Command == "destroy_room" && a.ExchangeSeq != 0:
				t.Errorf("%s: an assertion without its process's traffic points at exchange %d", how.name, a.ExchangeSeq)
			case a.Command != "destroy_room" && (!ok || x.Command != a.Command || x.SpecID != a.SpecID):
				t.Errorf("%s: the %s assertion points at exchange %d %+v", how.name, a.Command, a.ExchangeSeq, x)
			}
		}
	}

	broken := types.Report{SpecReports: types.SpecReports{it("broken", 1, entry(matchers.AssertionEntryName, "not an assertion", 1))}}
	var entryErr *EntryError
	if _, err := BuildRun(broken, parts); !errors.As(err, &entryErr) || entryErr.Name != matchers.AssertionEntryName {
		t.Errorf("err = %v, want an *EntryError naming the assertion entry", err)
	}
}

// TestSpecIDsAreUniqueAndStable: two specs that share their text get their file:line (base
// name only, the same on every machine) in their ID, and their exchanges and assertions
// follow them; a spec with a text of its own is identified by its text alone.
func TestSpecIDsAreUniqueAndStable(t *testing.T) {
	code := 0
	it := func(text, file string, line int) types.SpecReport {
		spec := types.SpecReport{ContainerHierarchyTexts: []string{"Room"}, LeafNodeType: types.NodeTypeIt, LeafNodeText: text,
			LeafNodeLocation: types.CodeLocation{FileName: file, LineNumber: line}, State: types.SpecStatePassed, ParallelProcess: 1}
		spec.ReportEntries = types.ReportEntries{entry(matchers.AssertionEntryName, results.Assertion{Command: "c", Expected: []int{0},
			Observed: &code, Passed: true, ExchangeSeq: line}, 1)}
		return spec
	}
	first, second := it("twice", "/home/a/suites/room_test.go", 10), it("twice", "/home/a/suites/room_test.go", 20)
	alone := it("once", "/home/a/suites/room_test.go", 30)
	parts := map[int]*results.Run{1: {Exchanges: []results.Exchange{
		{Seq: 10, SpecID: SpecTag(first), Command: "c", ErrorCode: &code},
		{Seq: 20, SpecID: SpecTag(second), Command: "c", ErrorCode: &code},
		{Seq: 30, SpecID: SpecTag(alone), Command: "c", ErrorCode: &code},
	}}}
	run, err := BuildRun(types.Report{SpecReports: types.SpecReports{first, second, alone}}, parts)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Room twice @ room_test.go:10", "Room twice @ room_test.go:20", "Room once"}
	for i, spec := range run.Specs {
		if spec.ID != want[i] || run.Exchanges[i].SpecID != want[i] || run.Assertions[i].SpecID != want[i] {
			t.Errorf("spec %d: ID %q, its exchange %q, its assertion %q; want %q", i, spec.ID, run.Exchanges[i].SpecID, run.Assertions[i].SpecID, want[i])
		}
	}
	if run.SuiteVersion != results.SuiteVersion {
		t.Errorf("suite version %q, want %q", run.SuiteVersion, results.SuiteVersion)
	}
}
