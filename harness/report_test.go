package harness

import (
	"errors"
	"path/filepath"
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

func TestSpecResultsKnownDeviationSkip(t *testing.T) {
	report := types.Report{SpecReports: types.SpecReports{{
		ContainerHierarchyTexts: []string{"Room management", "create_room"},
		LeafNodeType:            types.NodeTypeIt,
		LeafNodeText:            "deviates",
		State:                   types.SpecStateSkipped,
		Failure:                 types.Failure{Message: KnownDeviationPrefix + "expected ErrorCode 100003\n     got 0"},
	}}}
	got := SpecResults(report)
	if len(got) != 1 || got[0].Outcome != results.KnownDeviation || got[0].Reason != "expected ErrorCode 100003\n     got 0" {
		t.Errorf("%+v, want a known deviation whose reason is the failure", got)
	}
}

const validDeviations = `{
  "about": "explained",
  "deviations": [
    {"command": "create_room", "case": "refuses a room ID that another owner's room uses with 100003",
     "reason": "answers 0", "page": "https://trtc.io/document/60707", "targets": ["live"]},
    {"command": "room_engine_http_srv/get_room_info", "case": "RoomId missing", "reason": "answers 60003", "page": "https://trtc.io/document/60704"}
  ]
}`

func TestParseKnownDeviations(t *testing.T) {
	entry := func(fields string) string { return `{"deviations":[` + fields + `]}` }
	good := `"command":"create_room","case":"c","reason":"r","page":"https://trtc.io/document/60707"`
	tests := []struct {
		name    string
		doc     string
		want    int
		wantErr string
	}{
		{"valid", validDeviations, 2, ""},
		{"no entries", `{"deviations":[]}`, 0, ""},
		{"no list", `{"about":"x"}`, 0, ""},
		{"not JSON", `deviations:`, 0, "invalid character"},
		{"data after the object", `{"deviations":[]} {}`, 0, "data after the JSON object"},
		{"a misspelt field", entry(`{` + good + `,"targtes":["live"]}`), 0, `unknown field "targtes"`},
		{"no command", entry(`{"case":"c","reason":"r","page":"https://trtc.io/document/60707"}`), 0, `entry 1 ("", "c"): "command" is empty`},
		{"an unknown command", entry(`{"command":"create_rooms","case":"c","reason":"r","page":"https://x.test/p"}`), 0, `"create_rooms" is not a documented command`},
		{"a command of another service", entry(`{"command":"room_engine_http_mic/create_room","case":"c","reason":"r","page":"https://x.test/p"}`), 0, "room_engine_http_mic/create_room is not a documented command"},
		{"no case", entry(`{"command":"create_room","case":" ","reason":"r","page":"https://x.test/p"}`), 0, `"case" is empty`},
		{"no reason", entry(`{"command":"create_room","case":"c","page":"https://x.test/p"}`), 0, `"reason" is empty`},
		{"a page that is not a URL", entry(`{"command":"create_room","case":"c","reason":"r","page":"docs page"}`), 0, `"page" "docs page" is not an http(s) URL`},
		{"an unknown target kind", entry(`{` + good + `,"targets":["staging"]}`), 0, `target "staging" is none of embedded, remote, live`},
		{"declared twice", entry(`{` + good + `},{` + good + `}`), 0, "entry 2 repeats entry 1"},
		{"same case for other targets", entry(`{` + good + `,"targets":["live"]},{` + good + `,"targets":["remote"]}`), 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseKnownDeviations(strings.NewReader(tt.doc), "devs.json")
			if tt.wantErr != "" {
				if err == nil || !errors.Is(err, ErrKnownDeviations) || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "devs.json") {
					t.Fatalf("err = %v, want ErrKnownDeviations naming the file and %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || len(got) != tt.want || got == nil {
				t.Fatalf("got %d entries (%v), err %v; want %d", len(got), got, err, tt.want)
			}
		})
	}
}

func TestLoadKnownDeviations(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.json")
	if got, err := LoadKnownDeviations(missing, false); err != nil || got != nil {
		t.Errorf("missing default file: %v, %v; want no deviation", got, err)
	}
	if _, err := LoadKnownDeviations(missing, true); !errors.Is(err, ErrKnownDeviations) || !strings.Contains(err.Error(), EnvKnownDeviations) {
		t.Errorf("missing named file: err = %v, want ErrKnownDeviations naming %s", err, EnvKnownDeviations)
	}
	// the project's own file, where the suite looks for it by default (suites/ and harness/
	// are siblings)
	path, explicit := KnownDeviationsPath(func(string) string { return "" })
	if explicit || path != DefaultKnownDeviations {
		t.Errorf("default path %q explicit %v", path, explicit)
	}
	if _, err := LoadKnownDeviations(path, true); err != nil {
		t.Errorf("the project's known-deviations file: %v", err)
	}
	if path, explicit := KnownDeviationsPath(func(k string) string { return map[string]string{EnvKnownDeviations: " x.json "}[k] }); path != "x.json" || !explicit {
		t.Errorf("named path %q explicit %v", path, explicit)
	}
}

func TestApplyKnownDeviations(t *testing.T) {
	devs, err := ParseKnownDeviations(strings.NewReader(validDeviations), "devs.json")
	if err != nil {
		t.Fatal(err)
	}
	devs = append(devs, KnownDeviation{Command: "destroy_room", Case: "never ran", Reason: "r", Page: "https://x.test/p"})
	room := func(command string) []string {
		return []string{"area:room", "svc:room_engine_http_srv", "cmd:" + command, "code:0"}
	}
	spec := func(name, command string, o results.Outcome) results.SpecResult {
		return results.SpecResult{ID: name, Name: name, Labels: room(command), Outcome: o, Reason: "failure of " + name}
	}
	newRun := func(kind string) *results.Run {
		return &results.Run{Target: results.Target{Kind: kind}, Specs: []results.SpecResult{
			spec("Room management create_room refuses a room ID that another owner's room uses with 100003", "create_room", results.Fail),
			spec("Room management get_room_info refuses a packet without a valid RoomId with 100002 RoomId missing", "get_room_info", results.Pass),
			spec("Room management destroy_room refuses a packet without a valid RoomId with 100002 RoomId missing", "destroy_room", results.Fail),
			spec("Room management get_room_info refuses a packet with 100002 RoomId missing", "get_room_info", results.Error),
			spec("Room management get_room_info checks a RoomId missing", "get_room_info", results.Fail),
			{ID: "live", Name: "Live create_room refuses a room ID that another owner's room uses with 100003",
				Labels: []string{"svc:live_engine_http_srv", "cmd:create_room"}, Outcome: results.Fail},
		}}
	}

	run := newRun(KindLive)
	unmatched := ApplyKnownDeviations(run, devs)
	want := []struct {
		outcome  results.Outcome
		observed *bool
	}{
		{results.KnownDeviation, ptr(true)}, // failed as declared
		{results.Pass, ptr(false)},          // passes: no longer observed
		{results.Fail, nil},                 // another command
		{results.Error, nil},                // the environment broke: nothing to say
		{results.KnownDeviation, ptr(true)}, // its text ends with " RoomId missing" too
		{results.KnownDeviation, ptr(true)}, // "create_room" without a service matches any service's create_room
	}
	for i, w := range want {
		s := run.Specs[i]
		if s.Outcome != w.outcome {
			t.Errorf("%s: outcome %s, want %s", s.Name, s.Outcome, w.outcome)
		}
		switch {
		case w.observed == nil && s.Deviation != nil:
			t.Errorf("%s: deviation %+v attached", s.Name, s.Deviation)
		case w.observed != nil && (s.Deviation == nil || s.Deviation.Observed != *w.observed || s.Deviation.Page == "" || s.Deviation.Reason == ""):
			t.Errorf("%s: deviation %+v, want observed %v", s.Name, s.Deviation, *w.observed)
		}
	}
	if run.Specs[0].Reason != "failure of "+run.Specs[0].Name {
		t.Errorf("a known deviation lost its failure message: %q", run.Specs[0].Reason)
	}
	if len(unmatched) != 1 || unmatched[0].Case != "never ran" {
		t.Errorf("unmatched %+v, want the destroy_room entry", unmatched)
	}

	// on the embedded emulator the live-only entry does not apply
	run = newRun(KindEmbedded)
	ApplyKnownDeviations(run, devs)
	if run.Specs[0].Outcome != results.Fail || run.Specs[0].Deviation != nil {
		t.Errorf("a live-only deviation applied to the emulator: %+v", run.Specs[0])
	}

	// the case is matched whole or at a word boundary only
	partial := KnownDeviation{Command: "get_room_info", Case: "Id missing", Reason: "r", Page: "https://x.test/p"}
	if partial.Matches(spec("x get_room_info RoomId missing", "get_room_info", results.Fail)) {
		t.Error(`"Id missing" matched "RoomId missing"`)
	}
	serviceBound := KnownDeviation{Command: "live_engine_http_srv/create_room", Case: "c", Reason: "r", Page: "https://x.test/p"}
	if serviceBound.Matches(spec("c", "create_room", results.Fail)) {
		t.Error("an entry of the live service matched a room service spec")
	}
	if ApplyKnownDeviations(nil, devs) != nil {
		t.Error("nil run")
	}
}

func ptr[T any](v T) *T { return &v }

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
