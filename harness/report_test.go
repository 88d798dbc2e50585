package harness

import (
	"testing"
	"time"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/results"
)

func TestSpecResultsMapsEveryGinkgoState(t *testing.T) {
	it := func(text string, state types.SpecState, message string) types.SpecReport {
		return types.SpecReport{
			ContainerHierarchyTexts:  []string{"Room management", "create_room"},
			ContainerHierarchyLabels: [][]string{{"area:room"}, {"cmd:create_room"}},
			LeafNodeType:             types.NodeTypeIt,
			LeafNodeText:             text,
			LeafNodeLabels:           []string{"code:0"},
			State:                    state,
			RunTime:                  1500 * time.Microsecond,
			Failure:                  types.Failure{Message: message},
		}
	}
	report := types.Report{SpecReports: types.SpecReports{
		it("passes", types.SpecStatePassed, ""),
		it("fails", types.SpecStateFailed, "expected ErrorCode 100004"),
		it("breaks the environment", types.SpecStateFailed, EnvironmentPrefix+"connection refused"),
		it("is skipped", types.SpecStateSkipped, "needs the emulator control plane"),
		it("is filtered out", types.SpecStateSkipped, ""),
		it("panics", types.SpecStatePanicked, "nil map"),
		it("times out", types.SpecStateTimedout, "deadline"),
		{LeafNodeType: types.NodeTypeBeforeSuite, State: types.SpecStateFailed, Failure: types.Failure{Message: EnvironmentPrefix + "cannot reach"}},
		{LeafNodeType: types.NodeTypeAfterSuite, State: types.SpecStatePassed},
	}}
	got := SpecResults(report)
	want := []struct {
		name    string
		outcome results.Outcome
	}{
		{"Room management create_room passes", results.Pass},
		{"Room management create_room fails", results.Fail},
		{"Room management create_room breaks the environment", results.Error},
		{"Room management create_room is skipped", results.Skipped},
		{"Room management create_room is filtered out", results.Skipped},
		{"Room management create_room panics", results.Error},
		{"Room management create_room times out", results.Error},
		{"[BeforeSuite] ", results.Error},
	}
	if len(got) != len(want) {
		t.Fatalf("%d results, want %d (a passing AfterSuite is not a spec): %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Name != w.name || got[i].Outcome != w.outcome {
			t.Errorf("result %d: %q %s, want %q %s", i, got[i].Name, got[i].Outcome, w.name, w.outcome)
		}
		if got[i].Outcome == results.Skipped && got[i].Reason == "" {
			t.Errorf("%q is skipped without a reason", got[i].Name)
		}
	}
	if labels := got[0].Labels; len(labels) != 3 {
		t.Errorf("labels %v, want the containers' and the leaf's", labels)
	}
	if got[0].DurationMillis != 1.5 {
		t.Errorf("duration %v ms, want 1.5", got[0].DurationMillis)
	}
}
