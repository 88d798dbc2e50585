package results

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

const (
	roomSvc   = catalog.ServiceRoom
	secretSig = "eJwtjEELgjAYhv-K2Lm0TSfkMbpEdjAjOg-ENhG2z7avVoj-PXVeX57n*Xu0Ox9Cr92pIqSIklXtWZxQHqHWWGQPMoxWQ"
)

// specLabels builds the labels package labels would give a spec of one command and codes.
func specLabelsFor(command string, codes ...string) []string {
	out := []string{"area:room", catalog.LabelServicePrefix + roomSvc, catalog.LabelCommandPrefix + command}
	for _, c := range codes {
		out = append(out, catalog.LabelCodePrefix+c)
	}
	return out
}

// matrixRun is a run on a remote target without a control plane with one example of every
// cell state, every outcome, a declared deviation no longer observed and a UserSig that
// slipped into a URL and a message.
func matrixRun() *Run {
	const (
		created    = "Room management create_room creates a room"
		taken      = "Room management create_room refuses a taken room ID with 100003"
		injected   = "Room management create_room answers an injected 100001"
		destroyEnv = "Room management destroy_room answers 100004 for an unknown room"
		negated    = "Room management destroy_room never answers 100006 to its owner"
		filtered   = "Room management destroy_room refuses a packet without RoomId with 100002"
		deviation  = "Room management get_room_info answers 100004 for a room that never existed"
		noControl  = "Room management get_room_info answers an injected 100001"
		gateway    = "The REST gateway refuses GET with 60002"
		status     = "Room management update_room_info refuses a bad packet with 100002 <b>bold</b>"
		gone       = "Room management update_room_info leaves the fields it was not given unchanged"
	)
	url := func(sig string) string {
		return "http://127.0.0.1:9080/v4/" + roomSvc + "/create_room?identifier=administrator&sdkappid=1400000001&usersig=" + sig
	}
	return &Run{
		Suite:    "TRTC Conference REST API conformance",
		Target:   Target{Kind: "remote", Endpoint: "http://127.0.0.1:9080", SDKAppID: 1400000001, Admin: "administrator"},
		Config:   map[string]string{"TRTC_SECRET_KEY": "(set, REDACTED)", "label filter": "(none)", "leaked": "usersig=" + secretSig},
		Started:  t0,
		Finished: t0.Add(3 * time.Second),
		Specs: []SpecResult{
			{ID: created, Name: created, Labels: specLabelsFor("create_room", "0"), Outcome: Pass, DurationMillis: 4},
			{ID: taken, Name: taken, Labels: specLabelsFor("create_room", "100003"), Outcome: Fail, Location: "suites/room_test.go:250",
				Reason: "room_engine_http_srv/create_room: expected ErrorCode 100003 (room ID already exists)\n     got 0 (success)\nbody: {\"ErrorCode\":0}\nschema room_engine_http_srv/create_room.response: ErrorInfo: String length must be greater than or equal to 1\nURL http://x/?usersig=" + secretSig},
			{ID: injected, Name: injected, Labels: append(specLabelsFor("create_room", "100001"), catalog.LabelNeedsControlPlane), Outcome: Pass},
			{ID: destroyEnv, Name: destroyEnv, Labels: specLabelsFor("destroy_room", "100004"), Outcome: Error, Reason: "environment error: dial tcp 127.0.0.1:9080: i/o timeout"},
			{ID: negated, Name: negated, Labels: specLabelsFor("destroy_room", "0"), Outcome: Pass},
			{ID: filtered, Name: filtered, Labels: specLabelsFor("destroy_room", "100002"), Outcome: Skipped, Reason: ReasonNotSelected},
			{ID: deviation, Name: deviation, Labels: specLabelsFor("get_room_info", "100004"), Outcome: KnownDeviation,
				Reason:    "room_engine_http_srv/get_room_info: expected ErrorCode 100004\n     got 0",
				Deviation: &Deviation{Command: "get_room_info", Case: "answers 100004 for a room that never existed", Reason: "the service answers 0 with an empty room", Page: "https://trtc.io/document/60704", Observed: true}},
			{ID: noControl, Name: noControl, Labels: append(specLabelsFor("get_room_info", "100001"), catalog.LabelNeedsControlPlane), Outcome: Skipped,
				Reason: "needs the emulator control plane, and http://127.0.0.1:9080 has none"},
			{ID: gateway, Name: gateway, Labels: specLabelsFor("get_room_info", "60002"), Outcome: Pass},
			{ID: status, Name: status, Labels: specLabelsFor("update_room_info", "100002"), Outcome: Fail,
				Reason: "room_engine_http_srv/update_room_info: ErrorCode 100002 came with ActionStatus \"OK\""},
			{ID: gone, Name: gone, Labels: specLabelsFor("update_room_info", "0"), Outcome: Pass,
				Deviation: &Deviation{Command: "update_room_info", Case: "leaves the fields it was not given unchanged", Reason: "RoomName reset on update", Page: "https://trtc.io/document/60705"}},
		},
		Exchanges: []Exchange{
			{Seq: 1, SpecID: created, Service: roomSvc, Command: "create_room", Method: "POST", URL: url(Redacted), RequestBody: `{"RoomInfo":{"RoomId":"r1","RoomType":"Conference"}}`,
				HTTPStatus: 200, ResponseBody: `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"a"}`, ErrorCode: code(0), ActionStatus: "OK"},
			{Seq: 2, SpecID: taken, Service: roomSvc, Command: "create_room", Method: "POST", URL: url(secretSig), RequestBody: `{"RoomInfo":{"RoomId":"r1","RoomType":"Conference"}}`,
				HTTPStatus: 200, ResponseBody: `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"b"}`, ErrorCode: code(0), ActionStatus: "OK"},
			{Seq: 3, SpecID: injected, Service: roomSvc, Command: "create_room", Method: "POST", URL: url(Redacted), RequestBody: `{}`,
				HTTPStatus: 200, ResponseBody: `{"ActionStatus":"FAIL","ErrorCode":100001,"ErrorInfo":"injected","RequestId":"c"}`, ErrorCode: code(100001), ActionStatus: "FAIL", Injected: true},
			{Seq: 4, SpecID: destroyEnv, Service: roomSvc, Command: "destroy_room", Method: "POST", URL: url(Redacted), RequestBody: `{"RoomId":"gone"}`, TransportError: "i/o timeout"},
			{Seq: 5, SpecID: negated, Service: roomSvc, Command: "destroy_room", Method: "POST", URL: url(Redacted), RequestBody: `{"RoomId":"r1"}`,
				HTTPStatus: 200, ResponseBody: `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"d"}`, ErrorCode: code(0), ActionStatus: "OK"},
			{Seq: 6, SpecID: deviation, Service: roomSvc, Command: "get_room_info", Method: "POST", URL: url(Redacted), RequestBody: `{"RoomId":"none"}`,
				HTTPStatus: 200, ResponseBody: `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"e","RoomInfo":{}}`, ErrorCode: code(0), ActionStatus: "OK"},
			{Seq: 7, SpecID: gateway, Service: roomSvc, Command: "get_room_info", Method: "GET", URL: url(Redacted),
				HTTPStatus: 200, ResponseBody: `{"ActionStatus":"FAIL","ErrorCode":60002,"ErrorInfo":"bad method","RequestId":"f"}`, ErrorCode: code(60002), ActionStatus: "FAIL"},
			{Seq: 8, SpecID: status, Service: roomSvc, Command: "update_room_info", Method: "POST", URL: url(Redacted), RequestBody: `{"RoomInfo":{}}`,
				HTTPStatus: 200, ResponseBody: `{"ActionStatus":"OK","ErrorCode":100002,"ErrorInfo":"invalid","RequestId":"g"}`, ErrorCode: code(100002), ActionStatus: "OK"},
			{Seq: 9, SpecID: gone, Service: roomSvc, Command: "update_room_info", Method: "POST", URL: url(Redacted), RequestBody: `{"RoomInfo":{"RoomId":"r1"}}`,
				HTTPStatus: 200, ResponseBody: `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"h"}`, ErrorCode: code(0), ActionStatus: "OK"},
			{Seq: 10, Service: "room_engine_http_nosuch", Command: "get_room_info", Method: "POST", URL: url(Redacted),
				HTTPStatus: 200, ResponseBody: `{"ActionStatus":"FAIL","ErrorCode":60009}`, ErrorCode: code(60009), ActionStatus: "FAIL"},
		},
		Assertions: []Assertion{
			{SpecID: created, Service: roomSvc, Command: "create_room", Expected: []int{0}, Observed: code(0), Passed: true, ExchangeSeq: 1},
			{SpecID: taken, Service: roomSvc, Command: "create_room", Expected: []int{100003}, Observed: code(0), ExchangeSeq: 2},
			{SpecID: injected, Service: roomSvc, Command: "create_room", Expected: []int{100001}, Observed: code(100001), Passed: true, ExchangeSeq: 3},
			{SpecID: destroyEnv, Service: roomSvc, Command: "destroy_room", Expected: []int{100004}, ExchangeSeq: 4},
			// a negated expectation: it "fails" in a spec that passed, and proves nothing
			{SpecID: negated, Service: roomSvc, Command: "destroy_room", Expected: []int{100006}, Observed: code(0), ExchangeSeq: 5},
			{SpecID: negated, Service: roomSvc, Command: "destroy_room", Expected: []int{0}, Observed: code(0), Passed: true, ExchangeSeq: 5},
			{SpecID: deviation, Service: roomSvc, Command: "get_room_info", Expected: []int{100004}, Observed: code(0), ExchangeSeq: 6},
			{SpecID: gateway, Service: roomSvc, Command: "get_room_info", Expected: []int{60002, 60008}, Observed: code(60002), Passed: true, ExchangeSeq: 7},
			{SpecID: status, Service: roomSvc, Command: "update_room_info", Expected: []int{100002}, Observed: code(100002), ExchangeSeq: 8},
			{SpecID: gone, Service: roomSvc, Command: "update_room_info", Expected: []int{0}, Observed: code(0), Passed: true, ExchangeSeq: 9},
			{Service: "room_engine_http_nosuch", Command: "get_room_info", Expected: []int{60009}, Observed: code(60009), Passed: true, ExchangeSeq: 10},
		},
	}
}

// cellOf returns the cell of command (in the room service) and code.
func cellOf(t *testing.T, m Matrix, command string, code int) MatrixCell {
	t.Helper()
	for _, row := range m.Rows {
		if row.Service == roomSvc && row.Command == command {
			c, ok := row.Cell(code)
			if !ok {
				t.Fatalf("%s has no cell %d: %+v", command, code, row.Cells)
			}
			return c
		}
	}
	t.Fatalf("no row %s", command)
	return MatrixCell{}
}

func TestMatrixCellStates(t *testing.T) {
	m := matrixRun().Matrix()
	tests := []struct {
		name       string
		command    string
		code       int
		state      CellState
		documented bool
		check      func(t *testing.T, c MatrixCell)
	}{
		{"a passing assertion", "create_room", 0, CellPassed, true, func(t *testing.T, c MatrixCell) {
			if c.Passed != 1 || c.Injected {
				t.Errorf("passed %d injected %v", c.Passed, c.Injected)
			}
		}},
		{"another code answered", "create_room", 100003, CellOtherCode, true, func(t *testing.T, c MatrixCell) {
			if !reflect.DeepEqual(c.Got, []int{0}) || c.OtherCode != 1 || len(c.Specs) != 1 {
				t.Errorf("got %v other %d specs %v", c.Got, c.OtherCode, c.Specs)
			}
		}},
		{"passed only through fault injection", "create_room", 100001, CellPassed, true, func(t *testing.T, c MatrixCell) {
			if !c.Injected {
				t.Error("not marked injected")
			}
		}},
		{"documented, never expected", "create_room", 100007, CellNotCovered, true, nil},
		{"environment error", "destroy_room", 100004, CellError, true, nil},
		{"a failing negated expectation in a passing spec proves nothing", "destroy_room", 100006, CellNotCovered, true, nil},
		{"skipped by a filter is not covered, with the reason", "destroy_room", 100002, CellNotCovered, true, func(t *testing.T, c MatrixCell) {
			if !strings.HasPrefix(c.Reason, "skipped: not selected") {
				t.Errorf("reason %q", c.Reason)
			}
		}},
		{"known deviation", "get_room_info", 100004, CellKnownDeviation, true, nil},
		{"needs the control plane the target lacks", "get_room_info", 100001, CellNotProvokable, true, func(t *testing.T, c MatrixCell) {
			if !strings.Contains(c.Reason, "fault injection") || !strings.Contains(c.Reason, "has none") || len(c.Specs) != 1 {
				t.Errorf("reason %q specs %v", c.Reason, c.Specs)
			}
		}},
		{"a common code becomes an extra cell", "get_room_info", 60002, CellPassed, false, nil},
		{"the right code with a contradicting ActionStatus", "update_room_info", 100002, CellFailed, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cellOf(t, m, tt.command, tt.code)
			if c.State != tt.state || c.Documented != tt.documented {
				t.Errorf("%s %d: state %s documented %v, want %s %v (%+v)", tt.command, tt.code, c.State, c.Documented, tt.state, tt.documented, c)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

func TestMatrixRowsAreTheReference(t *testing.T) {
	m := (&Run{}).Matrix()
	ref := catalog.Commands()
	if len(m.Rows) != len(ref) {
		t.Fatalf("%d rows, want one per documented command (%d)", len(m.Rows), len(ref))
	}
	for i, c := range ref {
		row := m.Rows[i]
		if row.Key() != c.Key() || row.Page != c.Page || row.CodesComplete != c.CodesComplete {
			t.Errorf("row %d = %s, want %s", i, row.Key(), c.Key())
		}
		var codes []int
		for _, cell := range row.Cells {
			codes = append(codes, cell.Code)
			if !cell.Documented || cell.State != CellNotCovered {
				t.Errorf("%s %d: %+v in an empty run", row.Key(), cell.Code, cell)
			}
		}
		want := append([]int{0}, c.Codes...)
		slices.Sort(want)
		if !reflect.DeepEqual(codes, want) {
			t.Errorf("%s columns %v, want 0 and the documented codes %v", row.Key(), codes, want)
		}
	}
	run := matrixRun()
	for _, row := range run.Matrix().Rows {
		// a command outside the reference adds no row
		if row.Service == "room_engine_http_nosuch" {
			t.Errorf("undocumented path became a row: %+v", row)
		}
	}
	// an accepted variant that was not answered adds no cell
	for _, row := range run.Matrix().Rows {
		if _, ok := row.Cell(60008); ok {
			t.Errorf("%s has a cell for 60008, a variant the target did not answer", row.Key())
		}
	}
}

func TestMatrixWorstEvidenceWins(t *testing.T) {
	docs := []catalog.Command{{Service: "s", Name: "c", Codes: []int{7}}}
	spec := func(id string, o Outcome) SpecResult { return SpecResult{ID: id, Name: id, Outcome: o} }
	pass := Assertion{SpecID: "p", Service: "s", Command: "c", Expected: []int{7}, Observed: code(7), Passed: true}
	tests := []struct {
		name       string
		specs      []SpecResult
		assertions []Assertion
		want       CellState
	}{
		{"pass only", []SpecResult{spec("p", Pass)}, []Assertion{pass}, CellPassed},
		{"pass and a deviation", []SpecResult{spec("p", Pass), spec("d", KnownDeviation)},
			[]Assertion{pass, {SpecID: "d", Service: "s", Command: "c", Expected: []int{7}, Observed: code(0)}}, CellKnownDeviation},
		{"deviation and an error", []SpecResult{spec("d", KnownDeviation), spec("e", Error)},
			[]Assertion{{SpecID: "d", Service: "s", Command: "c", Expected: []int{7}, Observed: code(0)}, {SpecID: "e", Service: "s", Command: "c", Expected: []int{7}}}, CellError},
		{"error and another code", []SpecResult{spec("e", Error), spec("f", Fail)},
			[]Assertion{{SpecID: "e", Service: "s", Command: "c", Expected: []int{7}}, {SpecID: "f", Service: "s", Command: "c", Expected: []int{7}, Observed: code(0)}}, CellOtherCode},
		{"another code and no envelope", []SpecResult{spec("f", Fail), spec("g", Fail)},
			[]Assertion{{SpecID: "f", Service: "s", Command: "c", Expected: []int{7}, Observed: code(0)}, {SpecID: "g", Service: "s", Command: "c", Expected: []int{7}}}, CellFailed},
		{"a failing assertion of an unknown spec counts", nil,
			[]Assertion{{SpecID: "set-up", Service: "s", Command: "c", Expected: []int{7}, Observed: code(0)}}, CellOtherCode},
		{"a failing assertion of a skipped spec does not", []SpecResult{spec("k", Skipped)},
			[]Assertion{{SpecID: "k", Service: "s", Command: "c", Expected: []int{7}, Observed: code(0)}}, CellNotCovered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := BuildMatrix(&Run{Specs: tt.specs, Assertions: tt.assertions}, docs)
			if got := m.Rows[0].Cells[1]; got.Code != 7 || got.State != tt.want {
				t.Errorf("cell %+v, want state %s", got, tt.want)
			}
		})
	}
}

func TestMatrixNotProvokableFollowsTheSkips(t *testing.T) {
	docs := []catalog.Command{{Service: "s", Name: "c", Codes: []int{7}}}
	labels := func(extra ...string) []string {
		return append([]string{catalog.LabelServicePrefix + "s", catalog.LabelCommandPrefix + "c", catalog.LabelCodePrefix + "7", catalog.LabelCodePrefix + "60007"}, extra...)
	}
	const ran = "needs the emulator control plane, and the target has none"
	tests := []struct {
		name   string
		labels []string
		reason string
		want   CellState
		why    string
	}{
		{"skipped itself: needs the control plane", labels(catalog.LabelNeedsControlPlane), ran, CellNotProvokable,
			"not provokable here: needs fault injection or another control-plane action (" + ran + ")"},
		{"skipped itself: needs a callback receiver", labels("needs:callback-receiver"), "unreachable", CellNotProvokable,
			"not provokable here: needs callback-receiver (unreachable)"},
		{"skipped itself: emulator-only on the live service", labels(catalog.LabelEmulatorOnly), "emulator-only: it would change state", CellNotProvokable,
			"not provokable here: emulator-only (emulator-only: it would change state)"},
		{"skipped itself with no label saying why", labels(), "took 1.2s: the once-per-second rule cannot be observed", CellNotProvokable,
			"not provokable here: skipped on this target (took 1.2s: the once-per-second rule cannot be observed)"},
		{"not selected by a filter", labels(catalog.LabelNeedsControlPlane), ReasonNotSelected, CellNotCovered, "skipped: " + ReasonNotSelected},
		{"pending", labels(), ReasonPending, CellNotCovered, "skipped: " + ReasonPending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Run{Specs: []SpecResult{{ID: "x", Name: "x", Labels: tt.labels, Outcome: Skipped, Reason: tt.reason}}}
			row := BuildMatrix(r, docs).Rows[0]
			c, _ := row.Cell(7)
			if c.State != tt.want || c.Reason != tt.why || !slices.Equal(c.Specs, []string{"x"}) {
				t.Errorf("cell %+v, want %s with reason %q", c, tt.want, tt.why)
			}
			// a code the page does not list, named by a skipped spec's labels, becomes an extra cell
			if extra, ok := row.Cell(60007); !ok || extra.Documented || extra.State != tt.want {
				t.Errorf("extra cell %+v (present %v), want undocumented %s", extra, ok, tt.want)
			}
		})
	}
	// a skipped spec of another service says nothing about this one
	other := &Run{Specs: []SpecResult{{ID: "y", Labels: []string{catalog.LabelServicePrefix + "t", catalog.LabelCommandPrefix + "c", catalog.LabelCodePrefix + "7"}, Outcome: Skipped, Reason: "why"}}}
	if c, _ := BuildMatrix(other, docs).Rows[0].Cell(7); c.State != CellNotCovered || c.Reason != "" {
		t.Errorf("another service's skipped spec changed the cell: %+v", c)
	}
	// evidence wins over a skip
	both := &Run{Specs: []SpecResult{{ID: "x", Labels: labels(catalog.LabelNeedsControlPlane), Outcome: Skipped, Reason: ran}, {ID: "p", Outcome: Pass}},
		Assertions: []Assertion{{SpecID: "p", Service: "s", Command: "c", Expected: []int{7}, Observed: code(7), Passed: true}}}
	if c, _ := BuildMatrix(both, docs).Rows[0].Cell(7); c.State != CellPassed || c.Reason != "" {
		t.Errorf("a passed cell with a skipped spec: %+v", c)
	}
}

func TestMatrixCounts(t *testing.T) {
	counts := matrixRun().Matrix().Counts()
	for _, s := range CellStates() {
		if _, ok := counts[s]; !ok {
			t.Errorf("state %s missing from counts", s)
		}
	}
	for state, want := range map[CellState]int{CellPassed: 4, CellFailed: 1, CellOtherCode: 1, CellError: 1, CellKnownDeviation: 1, CellNotProvokable: 1} {
		if counts[state] != want {
			t.Errorf("%s: %d documented cells, want %d (extra cells do not count)", state, counts[state], want)
		}
	}
}

// The passed assertions of generated specs (labelled gen:) are the cells' generated coverage;
// a cell that only they passed is marked in the HTML grid and counted on the console.
func TestMatrixGeneratedCoverage(t *testing.T) {
	generated := append(specLabelsFor("create_room", "0"), catalog.LabelGeneratedSchema)
	run := &Run{
		Specs: []SpecResult{
			{ID: "hand", Name: "hand", Labels: specLabelsFor("create_room", "0"), Outcome: Pass},
			{ID: "gen:a", Name: "gen:a", Labels: generated, Outcome: Pass},
			{ID: "gen:b", Name: "gen:b", Labels: append(specLabelsFor("create_room", "100002"), catalog.LabelGeneratedSchema), Outcome: Pass},
		},
		Assertions: []Assertion{
			{SpecID: "hand", Service: roomSvc, Command: "create_room", Expected: []int{0}, Observed: code(0), Passed: true},
			{SpecID: "gen:a", Service: roomSvc, Command: "create_room", Expected: []int{0}, Observed: code(0), Passed: true},
			{SpecID: "gen:b", Service: roomSvc, Command: "create_room", Expected: []int{100002}, Observed: code(100002), Passed: true},
		},
	}
	m := run.Matrix()
	if c := cellOf(t, m, "create_room", 0); c.Passed != 2 || c.Generated != 1 {
		t.Errorf("cell 0: %d passed, %d generated; want 2 and 1", c.Passed, c.Generated)
	}
	if c := cellOf(t, m, "create_room", 100002); c.Passed != 1 || c.Generated != 1 {
		t.Errorf("cell 100002: %d passed, %d generated; want 1 and 1", c.Passed, c.Generated)
	}
	var console, html strings.Builder
	WriteSummary(&console, run)
	if !strings.Contains(console.String(), "0 only through fault injection, 1 only by generated cases") {
		t.Errorf("the console does not count the cell passed only by generated cases:\n%s", console.String())
	}
	if err := WriteHTML(&html, run); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(html.String(), "pass†"); n != 1 {
		t.Errorf("the grid marks %d cells as passed only by generated cases, want 1", n)
	}
}
