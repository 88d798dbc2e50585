package harness

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// entry is a report entry as AddReportEntry leaves it in the recording process, recorded at
// the given position of the spec's timeline.
func entry(name string, value any, order int) types.ReportEntry {
	return types.ReportEntry{Name: name, Value: types.WrapEntryValue(value), TimelineLocation: types.TimelineLocation{Order: order}}
}

// declaring adds to spec the outcome it declared just before it failed.
func declaring(spec types.SpecReport, o Outcome) types.SpecReport {
	if spec.Failure.TimelineLocation.Order == 0 {
		spec.Failure.TimelineLocation.Order = 10
	}
	spec.ReportEntries = append(spec.ReportEntries, entry(OutcomeEntryName, o, spec.Failure.TimelineLocation.Order-1))
	return spec
}

// carried returns report as the process that writes the reports receives it from the other
// processes of ginkgo -p: through JSON, so that entry values are only their JSON form.
func carried(t *testing.T, report types.Report) types.Report {
	t.Helper()
	data, err := json.Marshal(report)
	if err != nil {
		t.Fatal(err)
	}
	var out types.Report
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOutcomesAreReadFromDataNotMessages checks every outcome a spec can declare, in the
// process that ran it and carried from another process: the failure message plays no part.
func TestOutcomesAreReadFromDataNotMessages(t *testing.T) {
	spec := func(text string, state types.SpecState, message string) types.SpecReport {
		return types.SpecReport{
			ContainerHierarchyTexts: []string{"Room management"},
			LeafNodeType:            types.NodeTypeIt,
			LeafNodeText:            text,
			State:                   state,
			Failure: types.Failure{Message: message, Location: types.CodeLocation{FileName: "room_test.go", LineNumber: 7},
				TimelineLocation: types.TimelineLocation{Order: 10}},
		}
	}
	laterCleanup := spec("fails, then its cleanup loses the target", types.SpecStateFailed, "expected ErrorCode 0")
	laterCleanup.ReportEntries = append(laterCleanup.ReportEntries, entry(OutcomeEntryName, Outcome{Kind: results.Error, Reason: "environment error: EOF"}, 11))
	unreadable := spec("declares something unreadable", types.SpecStateFailed, "boom")
	unreadable.ReportEntries = append(unreadable.ReportEntries, entry(OutcomeEntryName, "not an outcome", 9))
	report := types.Report{SpecReports: types.SpecReports{
		declaring(spec("loses the target", types.SpecStateFailed, "environment error: connection refused"),
			Outcome{Kind: results.Error, Reason: "environment error: connection refused"}),
		declaring(spec("loses the target, whatever its message says", types.SpecStateFailed, "dial tcp: connection refused"),
			Outcome{Kind: results.Error, Reason: "environment error: dial tcp: connection refused"}),
		declaring(spec("deviates as declared", types.SpecStateSkipped, "known deviation create_room \"c\", declared: expected 100003"),
			Outcome{Kind: results.KnownDeviation, Reason: "expected ErrorCode 100003\n     got 0"}),
		spec("fails with a message that reads like an environment error", types.SpecStateFailed, "environment error: the room is gone"),
		spec("skips with a message that reads like a known deviation", types.SpecStateSkipped, "known deviation: needs the control plane"),
		spec("skips itself", types.SpecStateSkipped, "needs the emulator control plane"),
		declaring(spec("declares an error but passes", types.SpecStatePassed, ""), Outcome{Kind: results.Error}),
		declaring(spec("declares a deviation but fails", types.SpecStateFailed, "expected 0"), Outcome{Kind: results.KnownDeviation, Reason: "r"}),
		laterCleanup,
	}}
	want := []struct {
		outcome results.Outcome
		reason  string
	}{
		{results.Error, "environment error: connection refused\nat room_test.go:7"},
		{results.Error, "dial tcp: connection refused\nat room_test.go:7"},
		{results.KnownDeviation, "expected ErrorCode 100003\n     got 0"},
		{results.Fail, "environment error: the room is gone\nat room_test.go:7"},
		{results.Skipped, "known deviation: needs the control plane"},
		{results.Skipped, "needs the emulator control plane"},
		{results.Pass, ""},
		{results.Fail, "expected 0\nat room_test.go:7"},
		{results.Fail, "expected ErrorCode 0\nat room_test.go:7"}, // the error came after the failure that ended the spec
	}
	for _, how := range []struct {
		name   string
		report types.Report
	}{{"in process", report}, {"carried from another process", carried(t, report)}} {
		got := SpecResults(how.report)
		if len(got) != len(want) {
			t.Fatalf("%s: %d results, want %d", how.name, len(got), len(want))
		}
		for i, w := range want {
			if got[i].Outcome != w.outcome || got[i].Reason != w.reason {
				t.Errorf("%s: %q: %s %q, want %s %q", how.name, got[i].Name, got[i].Outcome, got[i].Reason, w.outcome, w.reason)
			}
		}
	}

	got := SpecResults(types.Report{SpecReports: types.SpecReports{unreadable}})
	if got[0].Outcome != results.Error || !strings.Contains(got[0].Reason, OutcomeEntryName) || !strings.Contains(got[0].Reason, "boom") {
		t.Errorf("an unreadable outcome: %s %q, want error naming the entry and keeping the failure", got[0].Outcome, got[0].Reason)
	}
	var entryErr *EntryError
	if _, _, err := declaredOutcome(unreadable); !errors.As(err, &entryErr) || entryErr.Spec != "Room management declares something unreadable" {
		t.Errorf("err = %v, want an *EntryError naming the spec", err)
	}
}

func TestEnvironmentError(t *testing.T) {
	cause := errors.New("connection refused")
	err := error(&EnvironmentError{Err: cause})
	if err.Error() != "environment error: connection refused" || !errors.Is(err, cause) {
		t.Errorf("%v does not say what broke, or hides it from errors.Is", err)
	}
	if (&EnvironmentError{}).Error() == "environment error: " {
		t.Error("an environment error without a cause says nothing")
	}
}
