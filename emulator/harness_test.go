package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/schemas"
	"github.com/trtc-conformance/trtc-conformance/usersig"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// requestIDPattern is the vendor's RequestId shape, which the emulator promises.
var requestIDPattern = regexp.MustCompile(`^Id-[0-9a-f]{32}-O-Seq-[0-9]+$`)

// roomEnvelopeSchema checks the envelope of every answer (RequestId mandatory, ErrorCode and
// ActionStatus coupled); a failure answer carries nothing else it could violate.
const roomEnvelopeSchema = "room_engine_http_srv/get_room_info.response"

// harness is an emulator served by httptest with its control plane.
type harness struct {
	t   testing.TB
	e   *Emulator
	url string       // base URL of the REST API (and control plane)
	hc  *http.Client // client for url
	ctl *control.Client
}

// newHarness starts an emulator with cfg and its control plane.
func newHarness(t testing.TB, cfg Config) *harness {
	t.Helper()
	cfg.ControlPlane = true
	return startHarness(t, cfg)
}

// startHarness starts an emulator with cfg exactly as given.
func startHarness(t testing.TB, cfg Config) *harness {
	t.Helper()
	e, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	srv := httptest.NewServer(e.Handler())
	t.Cleanup(srv.Close)
	return &harness{t: t, e: e, url: srv.URL, hc: srv.Client(), ctl: control.NewClient(srv.URL)}
}

// ticket signs a UserSig for identifier valid around the emulator's current clock.
func (h *harness) ticket(identifier string) string {
	h.t.Helper()
	sig, err := usersig.Generate(h.e.cfg.SDKAppID, h.e.cfg.SecretKey, identifier, 24*time.Hour, h.e.clock.Now())
	if err != nil {
		h.t.Fatalf("usersig.Generate(%q): %v", identifier, err)
	}
	return sig
}

// query is the complete, valid query string of a call by identifier.
func (h *harness) query(identifier string) url.Values {
	return url.Values{
		"sdkappid":    {fmtUint(h.e.cfg.SDKAppID)},
		"identifier":  {identifier},
		"usersig":     {h.ticket(identifier)},
		"random":      {"12345"},
		"contenttype": {"json"},
	}
}

func fmtUint(v uint64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// serviceOf names the service that implements command.
func serviceOf(command string) string {
	switch command {
	case "account_import", "multiaccount_import", "account_check", "account_delete":
		return catalog.ServiceAccount
	case "get_callback", "set_callback", "update_callback", "delete_callback":
		return catalog.ServiceConfig
	}
	return catalog.ServiceRoom
}

// reply is one HTTP exchange with the emulator.
type reply struct {
	status   int
	header   http.Header
	raw      []byte
	env      wire.Envelope
	fields   map[string]json.RawMessage
	parseErr error
}

func (r *reply) code() int { return r.env.ErrorCode }

// send performs one request and parses the answer as an envelope (parseErr when it is not).
func (h *harness) send(method, path, rawQuery string, body []byte) *reply {
	h.t.Helper()
	r, err := h.do(method, path, rawQuery, body)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

// do is send without testing.TB, for goroutines.
func (h *harness) do(method, path, rawQuery string, body []byte) (*reply, error) {
	u := h.url + path
	if rawQuery != "" {
		u += "?" + rawQuery
	}
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("reading the answer: %w", err)
	}
	return parseReply(resp.StatusCode, resp.Header, raw), nil
}

// mustJSON marshals v, which the tests build from plain types.
func mustJSON(v any) []byte {
	switch b := v.(type) {
	case []byte:
		return b
	case string:
		return []byte(b)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return raw
}

// decodeRoom reads Response.RoomInfo of a get_room_info answer.
func decodeRoom(r *reply) wire.RoomInfo {
	var answer wire.GetRoomInfoResponse
	_ = json.Unmarshal(r.raw, &answer)
	return answer.Response.RoomInfo
}

func parseReply(status int, header http.Header, raw []byte) *reply {
	r := &reply{status: status, header: header, raw: raw}
	if r.parseErr = json.Unmarshal(raw, &r.fields); r.parseErr == nil {
		r.parseErr = json.Unmarshal(raw, &r.env)
	}
	return r
}

// call sends body (marshalled unless already []byte or string) to command, signed by the
// first administrator.
func (h *harness) call(command string, body any) *reply {
	h.t.Helper()
	return h.callAs(h.e.cfg.Admins[0], command, body)
}

func (h *harness) callAs(identifier, command string, body any) *reply {
	h.t.Helper()
	return h.send(http.MethodPost, "/v4/"+serviceOf(command)+"/"+command, h.query(identifier).Encode(), mustJSON(body))
}

// checkEnvelope asserts what every REST answer promises, and the code.
func checkEnvelope(t testing.TB, r *reply, wantCode int) {
	t.Helper()
	if r.status != http.StatusOK {
		t.Errorf("HTTP status %d, want 200 (body %.300s)", r.status, r.raw)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	if r.parseErr != nil {
		t.Fatalf("answer is not a JSON object envelope: %v (body %.300s)", r.parseErr, r.raw)
	}
	for _, key := range []string{"ActionStatus", "ErrorInfo", "ErrorCode", "RequestId"} {
		if _, ok := r.fields[key]; !ok {
			t.Errorf("envelope lacks %s: %.300s", key, r.raw)
		}
	}
	if r.env.ErrorCode != 0 {
		// A failure is a bare envelope, which the room envelope schema checks whole.
		if err := schemas.Validate(roomEnvelopeSchema, r.raw); err != nil {
			t.Errorf("answer violates %s: %v\nbody %.300s", roomEnvelopeSchema, err, r.raw)
		}
	}
	if !requestIDPattern.MatchString(r.env.RequestID) {
		t.Errorf("RequestId %q does not match %s", r.env.RequestID, requestIDPattern)
	}
	if r.env.ErrorCode != wantCode {
		t.Errorf("ErrorCode %d, want %d (ErrorInfo %q)", r.env.ErrorCode, wantCode, r.env.ErrorInfo)
	}
	if wantCode == 0 {
		if r.env.ActionStatus != "OK" || r.env.ErrorInfo != "" {
			t.Errorf("success answer has ActionStatus %q ErrorInfo %q, want OK and empty", r.env.ActionStatus, r.env.ErrorInfo)
		}
	} else {
		if r.env.ActionStatus != "FAIL" {
			t.Errorf("ActionStatus %q, want FAIL", r.env.ActionStatus)
		}
		if strings.TrimSpace(r.env.ErrorInfo) == "" {
			t.Errorf("ErrorInfo is empty on a failure")
		}
	}
}

// checkCommandAnswer is checkEnvelope plus the command's own response schema.
func checkCommandAnswer(t testing.TB, command string, r *reply, wantCode int) {
	t.Helper()
	checkEnvelope(t, r, wantCode)
	name := serviceOf(command) + "/" + command + ".response"
	if err := schemas.Validate(name, r.raw); err != nil {
		t.Errorf("answer violates %s: %v\nbody %.300s", name, err, r.raw)
	}
}

// room is a create_room body with the given settings; RoomType Conference unless set.
func roomBody(settings wire.RoomSettings) wire.CreateRoomRequest {
	if settings.RoomType == nil {
		settings.RoomType = wire.Ptr("Conference")
	}
	return wire.CreateRoomRequest{RoomInfo: settings}
}

// create creates a room and requires the given code.
func (h *harness) create(settings wire.RoomSettings, wantCode int) *reply {
	h.t.Helper()
	r := h.call("create_room", roomBody(settings))
	checkCommandAnswer(h.t, "create_room", r, wantCode)
	return r
}

func (h *harness) mustCreate(id string) {
	h.t.Helper()
	h.create(wire.RoomSettings{RoomID: id}, 0)
}

// get reads a room; ok is false when the answer is not a success.
func (h *harness) get(id string) (wire.RoomInfo, *reply) {
	h.t.Helper()
	r := h.call("get_room_info", wire.RoomIDRequest{RoomID: id})
	if r.parseErr != nil {
		h.t.Fatalf("get_room_info %q: %v (%.300s)", id, r.parseErr, r.raw)
	}
	var answer wire.GetRoomInfoResponse
	if r.code() == 0 {
		if err := json.Unmarshal(r.raw, &answer); err != nil {
			h.t.Fatalf("get_room_info %q: decode: %v", id, err)
		}
		if err := schemas.Validate(roomEnvelopeSchema, r.raw); err != nil {
			h.t.Errorf("get_room_info %q answer violates its schema: %v\n%s", id, err, r.raw)
		}
	}
	return answer.Response.RoomInfo, r
}

// mustGet reads a room that must exist.
func (h *harness) mustGet(id string) wire.RoomInfo {
	h.t.Helper()
	info, r := h.get(id)
	if r.code() != 0 {
		h.t.Fatalf("get_room_info %q: code %d %q, want 0", id, r.code(), r.env.ErrorInfo)
	}
	return info
}

// requireGone asserts get_room_info answers 100004.
func (h *harness) requireGone(id string) {
	h.t.Helper()
	_, r := h.get(id)
	checkCommandAnswer(h.t, "get_room_info", r, catalog.CodeRoomNotFound)
}

// importAccounts imports accounts through multiaccount_import.
func (h *harness) importAccounts(ids ...string) {
	h.t.Helper()
	r := h.call("multiaccount_import", wire.MultiAccountImportRequest{Accounts: ids})
	checkCommandAnswer(h.t, "multiaccount_import", r, 0)
	var answer wire.MultiAccountImportResponse
	if err := json.Unmarshal(r.raw, &answer); err != nil || len(answer.FailAccounts) != 0 {
		h.t.Fatalf("multiaccount_import %v: FailAccounts %v (%v)", ids, answer.FailAccounts, err)
	}
}

// controlRaw sends one control-plane request and returns its status and answer.
func (h *harness) controlRaw(method, path, body string) (int, control.Answer, []byte) {
	h.t.Helper()
	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, h.url+path, reader)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(control.RequestHeader, "1")
	resp, err := h.hc.Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var answer control.Answer
	_ = json.Unmarshal(raw, &answer)
	return resp.StatusCode, answer, raw
}

func ctx(t testing.TB) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

// setClock sets the emulator's clock through the control plane.
func (h *harness) setClock(unixMillis int64) {
	h.t.Helper()
	if _, err := h.ctl.Clock(ctx(h.t), control.ClockRequest{SetUnixMillis: &unixMillis}); err != nil {
		h.t.Fatalf("set clock: %v", err)
	}
}

// roomState is everything the emulator remembers about the rooms, for before/after comparisons.
type roomState struct {
	Rooms      map[string]roomCopy
	LastCreate map[string]time.Time
	ChatGroups map[string]bool
	Accounts   map[string]account
}

type roomCopy struct {
	Info     wire.RoomInfo
	Invitees []string
	Members  []member
	Bans     map[string]time.Time
}

func (h *harness) snapshotState() roomState {
	h.e.mu.Lock()
	defer h.e.mu.Unlock()
	s := roomState{Rooms: map[string]roomCopy{}, LastCreate: map[string]time.Time{}, ChatGroups: map[string]bool{}, Accounts: map[string]account{}}
	for id, r := range h.e.state.rooms {
		var info wire.RoomInfo
		var invitees []string
		if r.conference != nil {
			// The zero time keeps RoomStatus independent of the clock.
			info, invitees = r.snapshot(time.Time{}), append([]string(nil), r.conference.invitees...)
		}
		members := []member{}
		for _, m := range r.ordered() {
			c := *m
			c.marks = append([]int(nil), m.marks...)
			members = append(members, c)
		}
		bans := map[string]time.Time{}
		for account, until := range r.bans {
			bans[account] = until
		}
		s.Rooms[id] = roomCopy{Info: info, Invitees: invitees, Members: members, Bans: bans}
	}
	for id, at := range h.e.state.lastCreate {
		s.LastCreate[id] = at
	}
	for id := range h.e.state.chatGroups {
		s.ChatGroups[id] = true
	}
	for id, a := range h.e.state.accounts {
		s.Accounts[id] = a
	}
	return s
}

func requireSameState(t testing.TB, before, after roomState) {
	t.Helper()
	if !reflect.DeepEqual(before, after) {
		t.Errorf("state changed by a refused request:\nbefore %+v\nafter  %+v", before, after)
	}
}

// use makes h report to t (a subtest) until the returned function restores the previous one.
func (h *harness) use(t testing.TB) func() {
	prev := h.t
	h.t = t
	return func() { h.t = prev }
}
