package emulator

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

func TestControlConfig(t *testing.T) {
	h := newHarness(t, Config{SDKAppID: 1400000777, Admins: []string{"boss", "deputy"}, MemberCap: 12, SeatCap: 3, RatePerSecond: 9})
	cfg, err := h.ctl.Config(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	want := control.Config{SDKAppID: 1400000777, Admins: []string{"boss", "deputy"}, MemberCap: 12, SeatCap: 3, RatePerSecond: 9}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("config %+v, want %+v", cfg, want)
	}
	for rate, want := range map[int]int{0: catalog.DefaultMaxQPS, -1: 0} {
		h := newHarness(t, Config{RatePerSecond: rate})
		cfg, err := h.ctl.Config(ctx(t))
		if err != nil || cfg.RatePerSecond != want {
			t.Errorf("RatePerSecond %d reported as %d (%v), want %d", rate, cfg.RatePerSecond, err, want)
		}
	}
}

func TestControlReset(t *testing.T) {
	h := newHarness(t, Config{Admins: []string{"boss", "deputy"}, RatePerSecond: -1})
	h.importAccounts("acc-1")
	h.mustCreate("r1")
	if err := h.ctl.Enter(ctx(t), "r1", "acc-1"); err != nil {
		t.Fatal(err)
	}
	if err := h.ctl.AddChatGroup(ctx(t), "grp"); err != nil {
		t.Fatal(err)
	}
	if err := h.ctl.InjectFault(ctx(t), control.Fault{Service: catalog.ServiceRoom, Command: "destroy_room", ErrorCode: 100001, Count: 5}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.ctl.Advance(ctx(t), 3*time.Hour); err != nil {
		t.Fatal(err)
	}

	if err := h.ctl.Reset(ctx(t)); err != nil {
		t.Fatal(err)
	}

	h.requireGone("r1")
	if faults, err := h.ctl.ArmedFaults(ctx(t)); err != nil || len(faults) != 0 {
		t.Errorf("faults after reset: %v (%v)", faults, err)
	}
	clock, err := h.ctl.Clock(ctx(t), control.ClockRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if clock.OffsetMillis != 0 || abs(clock.UnixMillis-time.Now().UnixMilli()) > 2000 {
		t.Errorf("clock after reset: %+v, want the wall clock", clock)
	}
	r := h.call("account_check", wire.AccountCheckRequest{CheckItem: []wire.UserIDItem{{UserID: "acc-1"}, {UserID: "boss"}, {UserID: "deputy"}}})
	checkCommandAnswer(t, "account_check", r, 0)
	var check wire.AccountCheckResponse
	if err := json.Unmarshal(r.raw, &check); err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, item := range check.ResultItem {
		status[item.UserID] = item.AccountStatus
	}
	if status["acc-1"] != "NotImported" || status["boss"] != "Imported" || status["deputy"] != "Imported" {
		t.Errorf("account statuses after reset: %v, want acc-1 NotImported and both administrators Imported", status)
	}
	// The Chat group is forgotten, the administrators still own rooms, the second admin can call.
	h.create(wire.RoomSettings{RoomID: "grp"}, 0)
	h.create(wire.RoomSettings{RoomID: "by-deputy", OwnerAccount: wire.Ptr("deputy")}, 0)
	checkCommandAnswer(t, "get_room_info", h.callAs("deputy", "get_room_info", `{"RoomId":"by-deputy"}`), 0)
	// The once-per-second memory is gone too: r1 can be created at once.
	h.mustCreate("r1")
	// Members are gone with the rooms: the recreated room is empty.
	if got := h.mustGet("r1").MemberCount; got != 0 {
		t.Errorf("MemberCount %d after reset and re-creation", got)
	}
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func TestControlClock(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	// Half a second into the second: TestClockSetIsNotEarly covers the exact boundary.
	target := time.Date(2031, 5, 6, 7, 8, 9, 500e6, time.UTC).UnixMilli()
	state, err := h.ctl.Clock(ctx(t), control.ClockRequest{SetUnixMillis: &target})
	if err != nil {
		t.Fatal(err)
	}
	if state.UnixMillis < target-1 || state.UnixMillis > target+1000 {
		t.Errorf("after set to %d the clock reads %d", target, state.UnixMillis)
	}
	if want := target - time.Now().UnixMilli(); abs(state.OffsetMillis-want) > 1000 {
		t.Errorf("OffsetMillis %d, want about %d", state.OffsetMillis, want)
	}
	// CreateTime and the default schedule follow the emulator's clock.
	h.mustCreate("at-2031")
	info := h.mustGet("at-2031")
	if info.CreateTime != target/1000 && info.CreateTime != target/1000+1 {
		t.Errorf("CreateTime %d, want %d", info.CreateTime, target/1000)
	}
	if info.ScheduleStartTime != info.CreateTime {
		t.Errorf("ScheduleStartTime %d, want CreateTime %d", info.ScheduleStartTime, info.CreateTime)
	}

	advanced, err := h.ctl.Advance(ctx(t), 90*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if d := advanced.UnixMillis - state.UnixMillis; d < 90*60*1000 || d > 90*60*1000+5000 {
		t.Errorf("advance by 90 min moved the clock by %d ms", d)
	}
	read, err := h.ctl.Clock(ctx(t), control.ClockRequest{})
	if err != nil || read.OffsetMillis != advanced.OffsetMillis {
		t.Errorf("an empty request changed the clock: %+v -> %+v (%v)", advanced, read, err)
	}
	// GET reads too.
	status, _, raw := h.controlRaw(http.MethodGet, control.PathClock, "")
	var got control.ClockState
	if status != 200 || json.Unmarshal(raw, &got) != nil || got.OffsetMillis != advanced.OffsetMillis {
		t.Errorf("GET clock: HTTP %d %s", status, raw)
	}
	// Back in time with SetUnixMillis is allowed.
	past := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	if state, err := h.ctl.Clock(ctx(t), control.ClockRequest{SetUnixMillis: &past}); err != nil || state.OffsetMillis >= 0 {
		t.Errorf("set to 2001: %+v %v", state, err)
	}
	real, err := h.ctl.Clock(ctx(t), control.ClockRequest{Real: true})
	if err != nil || real.OffsetMillis != 0 || abs(real.UnixMillis-time.Now().UnixMilli()) > 2000 {
		t.Errorf("Real: %+v %v", real, err)
	}

	refused := []string{
		`{"AdvanceMillis":-1}`,
		`{"Real":true,"AdvanceMillis":5}`,
		`{"Real":true,"SetUnixMillis":5}`,
		`{"SetUnixMillis":5,"AdvanceMillis":5}`,
		`{"AdvanceMillis":5,"Bogus":1}`,
		`{"AdvanceMillis":"5"}`,
		`not json`,
		``,
	}
	for _, body := range refused {
		before := h.e.clock.offset()
		status, answer, raw := h.controlRaw(http.MethodPost, control.PathClock, body)
		if status != http.StatusBadRequest || answer.OK || answer.Error == "" {
			t.Errorf("POST clock %s: HTTP %d %s, want 400 with an Error", body, status, raw)
		}
		if after := h.e.clock.offset(); after != before {
			t.Errorf("refused clock request %s moved the clock from %d to %d", body, before, after)
		}
	}
}

// TestClockSetIsNotEarly: after SetUnixMillis t the clock reads t or later, so that a spec that
// sets the clock to an exact boundary (end + 6 h) is at the boundary.
func TestClockSetIsNotEarly(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	early := 0
	for i := 0; i < 50; i++ {
		target := time.Now().Add(time.Hour).UnixMilli()
		state, err := h.ctl.Clock(ctx(t), control.ClockRequest{SetUnixMillis: &target})
		if err != nil {
			t.Fatal(err)
		}
		if state.UnixMillis < target {
			early++
		}
	}
	if early > 0 {
		t.Errorf("%d of 50 reads right after SetUnixMillis were earlier than the time set", early)
	}
	// The consequences at a second boundary: CreateTime and the recycle rule.
	second := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC).Unix()
	h.setClock(second * 1000)
	h.mustCreate("at-boundary")
	if got := h.mustGet("at-boundary").CreateTime; got != second {
		t.Errorf("CreateTime %d right after setting the clock to %d.000", got, second)
	}
	h.setClock(time.Now().UnixMilli())
	end := time.Now().Unix() + 600
	h.create(wire.RoomSettings{RoomID: "edge", ScheduleStartTime: wire.Ptr(end - 300), ScheduleEndTime: wire.Ptr(end)}, 0)
	h.setClock((end + int64(recycleAfter/time.Second)) * 1000)
	h.requireGone("edge")
}

func TestControlFaults(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.mustCreate("f-room")
	get := func() *reply { return h.call("get_room_info", `{"RoomId":"f-room"}`) }

	// Count 2: two injected answers, then the real one.
	if err := h.ctl.InjectFault(ctx(t), control.Fault{Service: catalog.ServiceRoom, Command: "get_room_info", ErrorCode: 100001, ErrorInfo: "boom", Count: 2}); err != nil {
		t.Fatal(err)
	}
	faults, err := h.ctl.ArmedFaults(ctx(t))
	if err != nil || len(faults) != 1 || faults[0].Count != 2 {
		t.Errorf("armed faults %+v (%v)", faults, err)
	}
	// Another command is not affected.
	checkCommandAnswer(t, "update_room_info", h.call("update_room_info", `{"RoomInfo":{"RoomId":"f-room"}}`), 0)
	for i := 1; i <= 2; i++ {
		r := get()
		checkCommandAnswer(t, "get_room_info", r, 100001)
		if r.header.Get(control.FaultHeader) != "100001" {
			t.Errorf("injected answer %d: %s header %q, want 100001", i, control.FaultHeader, r.header.Get(control.FaultHeader))
		}
		if r.env.ErrorInfo != "boom" {
			t.Errorf("injected ErrorInfo %q, want boom", r.env.ErrorInfo)
		}
		if i == 1 {
			faults, _ := h.ctl.ArmedFaults(ctx(t))
			if len(faults) != 1 || faults[0].Count != 1 {
				t.Errorf("after one use, armed faults %+v, want Count 1", faults)
			}
		}
	}
	r := get()
	checkCommandAnswer(t, "get_room_info", r, 0)
	if r.header.Get(control.FaultHeader) != "" {
		t.Errorf("a real answer carries %s", control.FaultHeader)
	}

	// Faults of one command are consumed in the order armed; ErrorInfo has a default.
	for _, code := range []int{100004, 60018} {
		if err := h.ctl.InjectFault(ctx(t), control.Fault{Service: catalog.ServiceRoom, Command: "get_room_info", ErrorCode: code, Count: 1}); err != nil {
			t.Fatal(err)
		}
	}
	for _, code := range []int{100004, 60018} {
		r := get()
		checkCommandAnswer(t, "get_room_info", r, code)
		if r.header.Get(control.FaultHeader) != strconv.Itoa(code) {
			t.Errorf("header %q, want %d", r.header.Get(control.FaultHeader), code)
		}
	}
	checkCommandAnswer(t, "get_room_info", get(), 0)

	// A call the gateway refuses does not consume a fault; a fault wins over a bad body.
	if err := h.ctl.InjectFault(ctx(t), control.Fault{Service: catalog.ServiceRoom, Command: "get_room_info", ErrorCode: 100006, Count: 1}); err != nil {
		t.Fatal(err)
	}
	checkEnvelope(t, h.callAs("ghost-user", "get_room_info", `{"RoomId":"f-room"}`), catalog.CodeAdminRequired)
	checkEnvelope(t, h.send(http.MethodPost, "/v4/room_engine_http_srv/nope", h.query(DefaultAdmin).Encode(), []byte(`{}`)), catalog.CodeBadResource)
	checkCommandAnswer(t, "get_room_info", h.call("get_room_info", `not json`), 100006)
	checkCommandAnswer(t, "get_room_info", h.call("get_room_info", `not json`), catalog.CodeJSONParse)

	// DELETE disarms everything.
	if err := h.ctl.InjectFault(ctx(t), control.Fault{Service: catalog.ServiceAccount, Command: "account_check", ErrorCode: 70001, Count: 3}); err != nil {
		t.Fatal(err)
	}
	if err := h.ctl.ClearFaults(ctx(t)); err != nil {
		t.Fatal(err)
	}
	if faults, _ := h.ctl.ArmedFaults(ctx(t)); len(faults) != 0 {
		t.Errorf("faults after DELETE: %+v", faults)
	}
	checkCommandAnswer(t, "account_check", h.call("account_check", `{"CheckItem":[{"UserID":"x"}]}`), 0)
}

func TestControlFaultDelay(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	if err := h.ctl.InjectFault(ctx(t), control.Fault{Service: catalog.ServiceRoom, Command: "get_room_info", ErrorCode: 100001, Count: 1, DelayMillis: 400}); err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	r := h.call("get_room_info", `{"RoomId":"x"}`)
	elapsed := time.Since(started)
	checkCommandAnswer(t, "get_room_info", r, 100001)
	if elapsed < 400*time.Millisecond {
		t.Errorf("answer after %v, want at least the 400 ms delay", elapsed)
	}
	started = time.Now()
	checkCommandAnswer(t, "get_room_info", h.call("get_room_info", `{"RoomId":"x"}`), catalog.CodeRoomNotFound)
	if elapsed := time.Since(started); elapsed > 300*time.Millisecond {
		t.Errorf("an unfaulted call took %v", elapsed)
	}
}

func TestControlFaultRefusals(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	rows := []struct{ name, body string }{
		{"unknown command", `{"Service":"room_engine_http_srv","Command":"nope","ErrorCode":100001,"Count":1}`},
		{"unknown service", `{"Service":"nope","Command":"get_room_info","ErrorCode":100001,"Count":1}`},
		{"seat command under the room service", `{"Service":"room_engine_http_srv","Command":"get_seat_list","ErrorCode":100001,"Count":1}`},
		{"code 0", `{"Service":"room_engine_http_srv","Command":"get_room_info","ErrorCode":0,"Count":1}`},
		{"code missing", `{"Service":"room_engine_http_srv","Command":"get_room_info","Count":1}`},
		{"Count 0", `{"Service":"room_engine_http_srv","Command":"get_room_info","ErrorCode":100001,"Count":0}`},
		{"Count missing", `{"Service":"room_engine_http_srv","Command":"get_room_info","ErrorCode":100001}`},
		{"Count negative", `{"Service":"room_engine_http_srv","Command":"get_room_info","ErrorCode":100001,"Count":-1}`},
		{"Count over a million", `{"Service":"room_engine_http_srv","Command":"get_room_info","ErrorCode":100001,"Count":1000001}`},
		{"DelayMillis negative", `{"Service":"room_engine_http_srv","Command":"get_room_info","ErrorCode":100001,"Count":1,"DelayMillis":-1}`},
		{"DelayMillis over a minute", `{"Service":"room_engine_http_srv","Command":"get_room_info","ErrorCode":100001,"Count":1,"DelayMillis":60001}`},
		{"unknown field", `{"Service":"room_engine_http_srv","Command":"get_room_info","ErrorCode":100001,"Count":1,"Probability":0.5}`},
		{"field of the wrong type", `{"Service":"room_engine_http_srv","Command":"get_room_info","ErrorCode":"100001","Count":1}`},
		{"not JSON", `{"Service":`},
		{"empty body", ``},
		{"array", `[]`},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			defer h.use(t)()
			status, answer, raw := h.controlRaw(http.MethodPost, control.PathFaults, row.body)
			if status != http.StatusBadRequest || answer.OK || answer.Error == "" {
				t.Errorf("HTTP %d %s, want 400 with an Error", status, raw)
			}
			if faults, _ := h.ctl.ArmedFaults(ctx(t)); len(faults) != 0 {
				t.Errorf("a refused fault was armed: %+v", faults)
			}
		})
	}
	// The client reports the refusal as ErrRefused.
	err := h.ctl.InjectFault(ctx(t), control.Fault{Service: catalog.ServiceRoom, Command: "get_room_info", ErrorCode: 0, Count: 1})
	if !errors.Is(err, control.ErrRefused) {
		t.Errorf("client error %v, want ErrRefused", err)
	}
	// The limits themselves are accepted.
	for _, body := range []string{
		`{"Service":"room_engine_http_srv","Command":"get_room_info","ErrorCode":-5,"Count":1000000,"DelayMillis":60000}`,
		`{"Service":"im_open_login_svc","Command":"account_import","ErrorCode":70402,"Count":1,"DelayMillis":0}`,
	} {
		if status, _, raw := h.controlRaw(http.MethodPost, control.PathFaults, body); status != http.StatusOK {
			t.Errorf("POST faults %s: HTTP %d %s, want 200", body, status, raw)
		}
	}
}

func TestControlMembership(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("m1", "m2", "m3")
	h.create(wire.RoomSettings{RoomID: "small", MaxMemberCount: wire.Ptr(2)}, 0)
	post := func(path, room, account string) (int, []byte) {
		body, _ := json.Marshal(control.Membership{RoomID: room, MemberAccount: account})
		status, _, raw := h.controlRaw(http.MethodPost, path, string(body))
		return status, raw
	}
	rows := []struct {
		name          string
		path          string
		room, account string
		status        int
		members       int
	}{
		{"enter unknown room", control.PathMemberEnter, "nope", "m1", 404, 0},
		{"enter not imported", control.PathMemberEnter, "small", "ghost", 404, 0},
		{"enter m1", control.PathMemberEnter, "small", "m1", 200, 1},
		{"enter m1 again", control.PathMemberEnter, "small", "m1", 200, 1},
		{"enter administrator", control.PathMemberEnter, "small", DefaultAdmin, 200, 2},
		{"enter into a full room", control.PathMemberEnter, "small", "m2", 400, 2},
		{"leave non-member", control.PathMemberLeave, "small", "m3", 404, 2},
		{"leave unknown room", control.PathMemberLeave, "nope", "m1", 404, 2},
		{"leave m1", control.PathMemberLeave, "small", "m1", 200, 1},
		{"leave m1 again", control.PathMemberLeave, "small", "m1", 404, 1},
		{"enter m2 now there is room", control.PathMemberEnter, "small", "m2", 200, 2},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			defer h.use(t)()
			status, raw := post(row.path, row.room, row.account)
			if status != row.status {
				t.Errorf("HTTP %d %s, want %d", status, raw, row.status)
			}
			if got := h.mustGet("small").MemberCount; got != row.members {
				t.Errorf("MemberCount %d, want %d", got, row.members)
			}
		})
	}
	for _, body := range []string{`{"RoomId":"small","Member_Account":"m1","Role":"Admin"}`, `nope`} {
		if status, _, raw := h.controlRaw(http.MethodPost, control.PathMemberEnter, body); status != 400 {
			t.Errorf("enter %s: HTTP %d %s, want 400", body, status, raw)
		}
	}
	if status, _, raw := h.controlRaw(http.MethodPost, control.PathChatGroups, `{"GroupId":""}`); status != 400 {
		t.Errorf("empty GroupId: HTTP %d %s, want 400", status, raw)
	}
}

// TestControlPlaneAbsent: without ControlPlane the /_emulator paths are REST paths like any other.
func TestControlPlaneAbsent(t *testing.T) {
	h := startHarness(t, Config{RatePerSecond: -1})
	h.mustCreate("survivor")
	for _, probe := range []struct {
		method, path, body string
		want               int
	}{
		{http.MethodPost, control.PathReset, `{}`, catalog.CodeSDKAppIDMissing},
		{http.MethodPost, control.PathClock, `{"AdvanceMillis":86400000}`, catalog.CodeSDKAppIDMissing},
		{http.MethodPost, control.PathFaults, `{"Service":"room_engine_http_srv","Command":"get_room_info","ErrorCode":100001,"Count":1}`, catalog.CodeSDKAppIDMissing},
		{http.MethodGet, control.PathConfig, ``, catalog.CodeHTTPParse},
		{http.MethodDelete, control.PathFaults, ``, catalog.CodeHTTPParse},
	} {
		var body []byte
		if probe.body != "" {
			body = []byte(probe.body)
		}
		checkEnvelope(t, h.send(probe.method, probe.path, "", body), probe.want)
	}
	// Signed, it is an unknown REST resource.
	checkEnvelope(t, h.send(http.MethodPost, control.PathReset, h.query(DefaultAdmin).Encode(), []byte(`{}`)), catalog.CodeBadResource)

	info := h.mustGet("survivor")
	if info.RoomID != "survivor" {
		t.Errorf("room read back as %+v", info)
	}
	if off := h.e.clock.offset(); off != 0 {
		t.Errorf("clock offset %d without a control plane", off)
	}
	checkCommandAnswer(t, "get_room_info", h.call("get_room_info", `{"RoomId":"survivor"}`), 0)
	if !strings.Contains(h.url, "127.0.0.1") {
		t.Errorf("test server %s is not on loopback", h.url)
	}
}

// TestControlClientDetectsMissingControlPlane: pointed at a REST-only service, the control client
// must report failure rather than success for calls whose answer it does not read.
func TestControlClientDetectsMissingControlPlane(t *testing.T) {
	h := startHarness(t, Config{RatePerSecond: -1})
	h.mustCreate("survivor")
	calls := map[string]func() error{
		"Reset": func() error { return h.ctl.Reset(ctx(t)) },
		"InjectFault": func() error {
			return h.ctl.InjectFault(ctx(t), control.Fault{Service: catalog.ServiceRoom, Command: "get_room_info", ErrorCode: 1, Count: 1})
		},
		"ClearFaults":  func() error { return h.ctl.ClearFaults(ctx(t)) },
		"AddChatGroup": func() error { return h.ctl.AddChatGroup(ctx(t), "g") },
		"Enter":        func() error { return h.ctl.Enter(ctx(t), "survivor", DefaultAdmin) },
		"Leave":        func() error { return h.ctl.Leave(ctx(t), "survivor", DefaultAdmin) },
	}
	for name, call := range calls {
		if err := call(); err == nil {
			t.Errorf("%s reported success against a service without a control plane", name)
		}
	}
	h.mustGet("survivor")
}

// TestControlClockOutOfRange: a clock request is either refused (HTTP 400, clock unchanged) or
// does what it says; the clock never lands somewhere else, and AdvanceMillis never moves it back.
func TestControlClockOutOfRange(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	year := func(y int) int64 { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli() }
	rows := []struct {
		name string
		req  control.ClockRequest
		want func(before, after control.ClockState) bool
	}{
		{"advance 317 years", control.ClockRequest{AdvanceMillis: wire.Ptr(int64(10_000_000_000_000))}, func(b, a control.ClockState) bool {
			return abs(a.UnixMillis-b.UnixMillis-10_000_000_000_000) < 5000
		}},
		{"advance by MaxInt64 ms", control.ClockRequest{AdvanceMillis: wire.Ptr(int64(9223372036854775807))}, func(b, a control.ClockState) bool {
			return a.UnixMillis >= b.UnixMillis
		}},
		{"set to 2500", control.ClockRequest{SetUnixMillis: wire.Ptr(year(2500))}, func(_, a control.ClockState) bool {
			return abs(a.UnixMillis-year(2500)) < 5000
		}},
		{"set to 1500", control.ClockRequest{SetUnixMillis: wire.Ptr(year(1500))}, func(_, a control.ClockState) bool {
			return abs(a.UnixMillis-year(1500)) < 5000
		}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			defer h.use(t)()
			before, err := h.ctl.Clock(ctx(t), control.ClockRequest{Real: true})
			if err != nil {
				t.Fatal(err)
			}
			body, _ := json.Marshal(row.req)
			status, _, raw := h.controlRaw(http.MethodPost, control.PathClock, string(body))
			after, err := h.ctl.Clock(ctx(t), control.ClockRequest{})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case status == http.StatusBadRequest:
				if abs(after.OffsetMillis-before.OffsetMillis) > 5 {
					t.Errorf("refused request moved the clock: %+v -> %+v", before, after)
				}
			case status == http.StatusOK && row.want(before, after):
			default:
				t.Errorf("%s: HTTP %d %s; clock %+v -> %+v (%v)", body, status, raw, before, after, time.UnixMilli(after.UnixMillis).UTC())
			}
		})
	}
}
