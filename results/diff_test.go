package results

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestDiffRunsOutcomes(t *testing.T) {
	spec := func(id string, o Outcome) SpecResult {
		return SpecResult{ID: id, Name: id, Outcome: o, Reason: "why " + id}
	}
	old := &Run{Specs: []SpecResult{
		spec("pass-fail", Pass), spec("pass-error", Pass), spec("skip-fail", Skipped), spec("dev-fail", KnownDeviation),
		spec("fail-pass", Fail), spec("error-pass", Error), spec("dev-pass", KnownDeviation),
		spec("fail-error", Fail), spec("pass-skip", Pass), spec("left", Pass), spec("same", Pass), spec("pass-dev", Pass),
	}}
	new := &Run{Specs: []SpecResult{
		spec("pass-fail", Fail), spec("pass-error", Error), spec("skip-fail", Fail), spec("dev-fail", Fail),
		spec("fail-pass", Pass), spec("error-pass", Pass), spec("dev-pass", Pass),
		spec("fail-error", Error), spec("pass-skip", Skipped), spec("same", Pass), spec("pass-dev", KnownDeviation),
		spec("new-fail", Fail), spec("new-pass", Pass),
	}}
	d := DiffRuns(old, new)
	ids := func(changes []SpecChange) []string {
		out := []string{}
		for _, c := range changes {
			out = append(out, c.ID)
		}
		return out
	}
	for _, tt := range []struct {
		name string
		got  []string
		want []string
	}{
		{"new failures", ids(d.NewFailures), []string{"dev-fail", "new-fail", "pass-error", "pass-fail", "skip-fail"}},
		{"fixed", ids(d.Fixed), []string{"dev-pass", "error-pass", "fail-pass"}},
		{"skipped now", ids(d.SkippedNow), []string{"pass-skip"}},
		{"other changes", ids(d.OtherChanges), []string{"fail-error", "left", "new-pass", "pass-dev"}},
	} {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if d.NewFailures[1].Old != "" || d.NewFailures[1].Reason != "why new-fail" {
		t.Errorf("a spec new in this run: %+v", d.NewFailures[1])
	}
	if !d.Worse(false) {
		t.Error("new failures are worse")
	}
	if back := DiffRuns(new, new); !back.Empty() || back.Worse(true) || len(back.Warnings) != 0 {
		t.Errorf("a run compared with itself: %+v", back)
	}
}

func TestDiffRunsTraffic(t *testing.T) {
	ex := func(spec, command string, code int, body string) Exchange {
		return Exchange{SpecID: spec, Service: "s", Command: command, ErrorCode: &code, ResponseBody: body}
	}
	old := &Run{Exchanges: []Exchange{
		ex("a", "list", 0, `{"ErrorCode":0,"Members":[{"Id":"x","Role":1}],"Total":1}`),
		ex("a", "list", 100004, `{"ErrorCode":100004,"ErrorInfo":"gone"}`),
		ex("", "import", 0, `{"ErrorCode":0}`),
		{SpecID: "a", Service: "s", Command: "list", TransportError: "timeout"}, // no envelope: no code
		ex("only-old", "list", 0, `{"ErrorCode":0}`),
	}}
	new := &Run{Exchanges: []Exchange{
		ex("a", "list", 0, `{"ErrorCode":0,"Members":[{"Id":"x"}],"Total":1,"Next":""}`),
		ex("a", "list", 100005, `{"ErrorCode":100005,"Other":1}`),
		ex("", "import", 0, `not json`),
		ex("only-new", "list", 0, `{"ErrorCode":0}`),
	}}
	d := DiffRuns(old, new)
	wantCodes := []CodeChange{{Service: "s", Command: "list", Case: "a", Old: []int{0, 100004}, New: []int{0, 100005}}}
	if !reflect.DeepEqual(d.CodesChanged, wantCodes) {
		t.Errorf("codes changed %+v, want %+v (cases in one run only are not code changes)", d.CodesChanged, wantCodes)
	}
	wantVanished := []FieldChange{
		{Service: "s", Command: "import", Case: SetupCase, Code: 0, Path: "ErrorCode"},
		{Service: "s", Command: "list", Case: "a", Code: 0, Path: "Members[].Role"},
	}
	if !reflect.DeepEqual(d.FieldsVanished, wantVanished) {
		t.Errorf("vanished %+v, want %+v (fields of codes answered in one run only are not compared)", d.FieldsVanished, wantVanished)
	}
	wantAppeared := []FieldChange{{Service: "s", Command: "list", Case: "a", Code: 0, Path: "Next"}}
	if !reflect.DeepEqual(d.FieldsAppeared, wantAppeared) {
		t.Errorf("appeared %+v, want %+v", d.FieldsAppeared, wantAppeared)
	}
	if !d.Worse(false) {
		t.Error("vanished fields are worse")
	}

	onlyAdditions := DiffRuns(&Run{Exchanges: old.Exchanges[:1]}, &Run{Exchanges: []Exchange{ex("a", "list", 0, `{"ErrorCode":0,"Members":[{"Id":"x","Role":1}],"Total":1,"New":2}`)}})
	if onlyAdditions.Worse(false) || !onlyAdditions.Worse(true) || len(onlyAdditions.FieldsAppeared) != 1 {
		t.Errorf("an appeared field is worse only with strict: %+v", onlyAdditions)
	}
}

func TestDiffRunsMatrix(t *testing.T) {
	old := matrixRun()
	d := DiffRuns(old, &Run{Target: old.Target})
	// every failing cell of the sample becomes not covered: neither better nor worse
	if len(d.CellsWorse) != 0 || len(d.CellsBetter) != 0 || len(d.CellsChanged) == 0 {
		t.Errorf("worse %v better %v changed %v", d.CellsWorse, d.CellsBetter, d.CellsChanged)
	}
	d = DiffRuns(&Run{Target: old.Target}, old)
	var worse []string
	for _, c := range d.CellsWorse {
		worse = append(worse, c.Command+" "+string(c.New))
	}
	want := []string{"room_engine_http_srv/create_room other-code", "room_engine_http_srv/destroy_room error", "room_engine_http_srv/update_room_info failed"}
	if !reflect.DeepEqual(worse, want) {
		t.Errorf("cells worse %v, want %v", worse, want)
	}
}

func TestWriteDiff(t *testing.T) {
	r := matrixRun()
	r.Specs = append(r.Specs, SpecResult{ID: "colour \x1b[31mred\x1b[0m\nline", Outcome: Fail, Reason: "\x1b[1mbold\x1b[0m"})
	d := DiffRuns(&Run{}, r)
	var buf bytes.Buffer
	if err := WriteDiff(&buf, d, false); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"New failures (4) [worse]:\n",
		"  fail  Room management create_room refuses a taken room ID with 100003: room_engine_http_srv/create_room: expected ErrorCode 100003",
		"  error Room management destroy_room answers 100004 for an unknown room: environment error",
		"Other outcome changes (",
		"  absent -> known-deviation  Room management get_room_info answers 100004",
		"\nWORSE: 4 new failures",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") || !strings.Contains(out, "  fail  colour red line: bold\n") {
		t.Errorf("escape sequences or line breaks of a spec reached the output:\n%q", out)
	}
	err := WriteDiff(failingWriter{}, d, false)
	if !errors.Is(err, errWrite) {
		t.Errorf("err = %v, want the writer's error", err)
	}
}

// TestStrictCountsLostCoverage: a spec that passed and is skipped now, alone, is worse only
// with strict; so is a matrix cell that passed and is not covered now.
func TestStrictCountsLostCoverage(t *testing.T) {
	old := &Run{Specs: []SpecResult{{ID: "a", Name: "a", Outcome: Pass}}}
	skipped := &Run{Specs: []SpecResult{{ID: "a", Name: "a", Outcome: Skipped, Reason: "needs the control plane"}}}
	d := DiffRuns(old, skipped)
	if len(d.SkippedNow) != 1 || d.Worse(false) || !d.Worse(true) {
		t.Errorf("pass -> skipped: %+v, worse %v, strict %v", d.SkippedNow, d.Worse(false), d.Worse(true))
	}

	for _, tt := range []struct {
		old, new CellState
		lost     bool
	}{
		{CellPassed, CellNotCovered, true},
		{CellPassed, CellNotProvokable, true},
		{CellNotCovered, CellNotProvokable, false},
		{CellPassed, CellKnownDeviation, false},
	} {
		if got := lostCoverage(tt.old, tt.new); got != tt.lost {
			t.Errorf("lostCoverage(%s, %s) = %v", tt.old, tt.new, got)
		}
	}
	cells := RunDiff{CellsLostCoverage: []CellChange{{Command: "s/c", Code: 1, Old: CellPassed, New: CellNotCovered}}}
	if cells.Worse(false) || !cells.Worse(true) || cells.Empty() {
		t.Errorf("a cell that lost its coverage: worse %v, strict %v", cells.Worse(false), cells.Worse(true))
	}
	var buf bytes.Buffer
	if err := WriteDiff(&buf, cells, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Matrix cells that lost their coverage (1) [worse]:\n  s/c 1: passed -> not-covered") {
		t.Errorf("text:\n%s", buf.String())
	}
}

func TestDiffWarnsOfIncomparableRuns(t *testing.T) {
	embedded := Target{Kind: TargetEmbedded, Endpoint: "http://127.0.0.1:1"}
	live := Target{Kind: TargetLive, Endpoint: "https://adminapisgp.im.qcloud.com"}
	same := DiffRuns(&Run{Format: 2, SuiteVersion: "v1", Target: live}, &Run{Format: 2, SuiteVersion: "v1", Target: live})
	if len(same.Warnings) != 0 {
		t.Errorf("same target, format and version: %v", same.Warnings)
	}
	d := DiffRuns(&Run{Target: live, SuiteVersion: "v1"}, &Run{Format: 2, SuiteVersion: "v2", Target: embedded})
	want := []string{
		"the runs had different targets: live https://adminapisgp.im.qcloud.com, then embedded http://127.0.0.1:1",
		"the files have different formats: 1, then 2 (spec IDs and fields may differ)",
		"different suite versions ran: v1, then v2 (specs may have been renamed or added)",
	}
	if !reflect.DeepEqual(d.Warnings, want) {
		t.Errorf("warnings %q, want %q", d.Warnings, want)
	}
}
