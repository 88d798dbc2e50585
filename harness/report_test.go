package harness

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/labels"
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
		declaring(it("breaks the environment", types.SpecStateFailed, "environment error: connection refused"), Outcome{Kind: results.Error}),
		it("is skipped", types.SpecStateSkipped, "needs the emulator control plane"),
		it("is filtered out", types.SpecStateSkipped, ""),
		it("panics", types.SpecStatePanicked, "nil map"),
		it("times out", types.SpecStateTimedout, "deadline"),
		declaring(types.SpecReport{LeafNodeType: types.NodeTypeBeforeSuite, State: types.SpecStateFailed, Failure: types.Failure{Message: "cannot reach"}}, Outcome{Kind: results.Error}),
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

// TestLabelsAgreeWithTheMatrix checks that the labels the specs carry are the ones the
// matrix and the known deviations read.
func TestLabelsAgreeWithTheMatrix(t *testing.T) {
	got := append(append(append(labels.Command("svc-x", "cmd-y"), labels.Code(100004)...), labels.NeedsControlPlane()...), labels.EmulatorOnly()...)
	want := []string{catalog.LabelServicePrefix + "svc-x", catalog.LabelCommandPrefix + "cmd-y", catalog.LabelCodePrefix + "100004",
		catalog.LabelNeedsControlPlane, catalog.LabelEmulatorOnly}
	if !slices.Equal([]string(got), want) {
		t.Errorf("labels %v, the matrix reads %v", got, want)
	}
}

func TestRunConfig(t *testing.T) {
	s := Settings{Endpoint: "http://127.0.0.1:9080", SDKAppID: 1400000001, SecretKey: "the-secret-key", Admin: "administrator", ReportsDir: "../reports"}
	config := RunConfig(s, types.SuiteConfig{LabelFilter: "cmd:create_room", ParallelTotal: 2, RandomSeed: 7, FocusStrings: []string{"a", "b"}}, "devs.json", 3)
	for k, v := range config {
		if strings.Contains(v, "the-secret-key") {
			t.Errorf("%s shows the secret key", k)
		}
	}
	for k, want := range map[string]string{EnvSecretKey: "(set, REDACTED)", EnvEndpoint: "http://127.0.0.1:9080", EnvSDKAppID: "1400000001",
		EnvControlURL: "(unset)", "label filter": "cmd:create_room", "parallel processes": "2", "random seed": "7",
		"known deviations": "devs.json (3 entries)", "focus": "a | b"} {
		if config[k] != want {
			t.Errorf("%s = %q, want %q", k, config[k], want)
		}
	}
	if embedded := RunConfig(Settings{}, types.SuiteConfig{}, "d", 0); embedded[EnvSecretKey] != "(unset)" || embedded["parallel processes"] != "1" ||
		!strings.Contains(embedded[EnvEndpoint], "embedded") {
		t.Errorf("embedded config %v", embedded)
	}
}

// TestSpecResultsTellsUnselectedFromSkipped checks the reasons the matrix reads to tell a spec
// that skipped itself on this target from one that never ran.
func TestSpecResultsTellsUnselectedFromSkipped(t *testing.T) {
	report := types.Report{SpecReports: types.SpecReports{
		{LeafNodeType: types.NodeTypeIt, LeafNodeText: "filtered", State: types.SpecStateSkipped},
		{LeafNodeType: types.NodeTypeIt, LeafNodeText: "pending", State: types.SpecStatePending},
		{LeafNodeType: types.NodeTypeIt, LeafNodeText: "skipped itself", State: types.SpecStateSkipped, Failure: types.Failure{Message: "needs the emulator control plane"}},
	}}
	got := SpecResults(report)
	for i, want := range []string{results.ReasonNotSelected, results.ReasonPending, "needs the emulator control plane"} {
		if got[i].Outcome != results.Skipped || got[i].Reason != want {
			t.Errorf("%s: %s %q, want skipped %q", got[i].Name, got[i].Outcome, got[i].Reason, want)
		}
	}
}
