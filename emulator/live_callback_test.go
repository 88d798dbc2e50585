package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/schemas"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// liveConfig sends body to a live_config command, signed by the first administrator.
func (h *harness) liveConfig(command string, body any) *reply {
	h.t.Helper()
	return h.send(http.MethodPost, "/v4/"+catalog.ServiceLiveConfig+"/"+command, h.query(h.e.cfg.Admins[0]).Encode(), mustJSON(body))
}

// liveDelivery is one Live callback a test receiver got.
type liveDelivery struct {
	query url.Values
	body  map[string]any
	raw   []byte
}

// liveReceiver points the Live webhook configuration at a test server listing commands, and
// returns what it received so far.
func liveReceiver(h *harness, commands ...string) func(wait int) []liveDelivery {
	h.t.Helper()
	var mu sync.Mutex
	var got []liveDelivery
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		_ = json.Unmarshal(raw, &body)
		mu.Lock()
		got = append(got, liveDelivery{query: r.URL.Query(), body: body, raw: raw})
		mu.Unlock()
		_, _ = w.Write([]byte(`{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`))
	}))
	h.t.Cleanup(server.Close)
	checkEnvelope(h.t, h.liveConfig("set_callback", wire.CallbackConfig{URL: server.URL + "/hook", CallbackCommandList: commands}), 0)
	return func(wait int) []liveDelivery {
		deadline := time.Now().Add(2 * time.Second)
		for {
			mu.Lock()
			n := len(got)
			out := append([]liveDelivery(nil), got...)
			mu.Unlock()
			if n >= wait || time.Now().After(deadline) {
				if wait == 0 {
					time.Sleep(200 * time.Millisecond)
					mu.Lock()
					out = append([]liveDelivery(nil), got...)
					mu.Unlock()
				}
				return out
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

func TestLiveCallbackSignMatchesTheDocumentedVector(t *testing.T) {
	if got := LiveCallbackSign("xxxxyyyy", "1669872112"); got != "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061" {
		t.Fatalf("Sign = %s", got)
	}
}

// TestLiveConfigCommands walks the configuration and token commands through their codes.
func TestLiveConfigCommands(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	checkEnvelope(t, h.liveConfig("get_callback", `{}`), catalog.CodeCallbackMissing)
	checkEnvelope(t, h.liveConfig("update_callback", wire.CallbackConfig{URL: "http://www.example.com/a", CallbackCommandList: []string{}}), catalog.CodeCallbackMissing)
	checkEnvelope(t, h.liveConfig("set_callback", wire.CallbackConfig{URL: "http://www.example.com/a", CallbackCommandList: []string{catalog.EventAfterCreateRoom}}), catalog.CodeInvalidParameter)
	checkEnvelope(t, h.liveConfig("set_callback", wire.CallbackConfig{URL: "ftp://www.example.com/a", CallbackCommandList: []string{}}), catalog.CodeInvalidParameter)
	checkEnvelope(t, h.liveConfig("set_callback", wire.CallbackConfig{URL: "http://www.example.com/a", CallbackCommandList: catalog.LiveCallbackCommands}), 0)
	checkEnvelope(t, h.liveConfig("set_callback", wire.CallbackConfig{URL: "http://www.example.com/a", CallbackCommandList: []string{}}), catalog.CodeCallbackExists)
	r := h.liveConfig("get_callback", `{}`)
	checkEnvelope(t, r, 0)
	if err := schemas.Validate("live_config/get_callback.response", r.raw); err != nil {
		t.Error(err)
	}
	checkEnvelope(t, h.liveConfig("delete_callback", `{}`), 0)
	checkEnvelope(t, h.liveConfig("delete_callback", `{}`), 0)

	checkEnvelope(t, h.liveConfig("get_callback_token", `{}`), catalog.CodeCallbackTokenMissing)
	checkEnvelope(t, h.liveConfig("set_callback_token", wire.LiveCallbackTokenRequest{Token: wire.Ptr("t")}), catalog.CodeInvalidParameter)
	checkEnvelope(t, h.liveConfig("set_callback_token", `{"Token":"","IsTokenEnable":true}`), catalog.CodeInvalidParameter)
	checkEnvelope(t, h.liveConfig("set_callback_token", wire.LiveCallbackTokenRequest{Token: wire.Ptr("tok"), IsTokenEnable: wire.Ptr(true)}), 0)
	checkEnvelope(t, h.liveConfig("set_callback_token", wire.LiveCallbackTokenRequest{IsTokenEnable: wire.Ptr(false)}), 0)
	r = h.liveConfig("get_callback_token", `{}`)
	checkEnvelope(t, r, 0)
	var token wire.GetLiveCallbackTokenResponse
	_ = json.Unmarshal(r.raw, &token)
	if token.Response != (wire.LiveCallbackToken{Token: "tok", IsTokenEnable: false}) {
		t.Errorf("token %+v", token.Response)
	}
	checkEnvelope(t, h.liveConfig("delete_callback_token", `{}`), 0)
	checkEnvelope(t, h.liveConfig("get_callback_token", `{}`), catalog.CodeCallbackTokenMissing)
}

// TestLiveEventsAreSignedWhileATokenIsEnabled: Sign and RequestTime ride on the URL while the
// token is enabled, and stop when it is disabled or deleted.
func TestLiveEventsAreSignedWhileATokenIsEnabled(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	received := liveReceiver(h, catalog.LiveEventCreateRoom)
	checkEnvelope(t, h.liveConfig("set_callback_token", wire.LiveCallbackTokenRequest{Token: wire.Ptr("xxxxyyyy"), IsTokenEnable: wire.Ptr(true)}), 0)
	h.liveCreate(wire.LiveRoomSettings{RoomID: "signed"})
	got := received(1)
	if len(got) != 1 {
		t.Fatalf("%d deliveries", len(got))
	}
	q := got[0].query
	at, err := strconv.ParseInt(q.Get("RequestTime"), 10, 64)
	if err != nil || at < time.Now().Unix()-5 || at > time.Now().Unix()+5 {
		t.Errorf("RequestTime %q is not Unix seconds now", q.Get("RequestTime"))
	}
	if q.Get("Sign") != LiveCallbackSign("xxxxyyyy", q.Get("RequestTime")) {
		t.Errorf("Sign %q", q.Get("Sign"))
	}
	if err := schemas.Validate("callback/Live.CallbackAfterCreateRoom.event", got[0].raw); err != nil {
		t.Error(err)
	}
	checkEnvelope(t, h.liveConfig("set_callback_token", wire.LiveCallbackTokenRequest{IsTokenEnable: wire.Ptr(false)}), 0)
	h.liveCreate(wire.LiveRoomSettings{RoomID: "unsigned"})
	// A token change drops the deliveries still queued for the configuration before it: wait
	// for this one before changing the token again.
	if got = received(2); len(got) != 2 {
		t.Fatalf("%d deliveries", len(got))
	}
	checkEnvelope(t, h.liveConfig("set_callback_token", wire.LiveCallbackTokenRequest{IsTokenEnable: wire.Ptr(true)}), 0)
	checkEnvelope(t, h.liveConfig("delete_callback_token", `{}`), 0)
	h.liveCreate(wire.LiveRoomSettings{RoomID: "deleted"})
	got = received(3)
	if len(got) != 3 {
		t.Fatalf("%d deliveries", len(got))
	}
	for _, d := range got[1:] {
		if d.query.Has("Sign") || d.query.Has("RequestTime") {
			t.Errorf("unsigned delivery carries %v", d.query)
		}
	}
}

// TestLiveEventsFollowTheirActions: each Live event comes from its action, with a payload that
// validates against the event's schema, and only for listed words.
func TestLiveEventsFollowTheirActions(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("ann", "bob")
	received := liveReceiver(h, catalog.LiveEventCreateRoom, catalog.LiveEventDestroyRoom, catalog.LiveEventUpdateRoomInfo,
		catalog.LiveEventSetMetadata, catalog.LiveEventDelMetadata, catalog.LiveEventMemberStateChanged,
		catalog.LiveEventChangeOwner, catalog.LiveEventModifyAdmin, catalog.LiveEventSeatInfoChanged)
	h.liveCreate(wire.LiveRoomSettings{RoomID: "ev", SeatTemplate: wire.Ptr("VideoLandscape4Seats")})
	h.liveExpect("update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: "ev", RoomName: wire.Ptr("n")}}, 0)
	h.liveExpect("set_room_metadata", wire.LiveSetRoomMetadataRequest{RoomID: "ev", Metadata: []wire.LiveMetadata{{Key: "k", Value: "v"}}}, 0)
	h.liveExpect("del_room_metadata", wire.LiveDelRoomMetadataRequest{RoomID: "ev", Keys: []string{"k"}}, 0)
	if err := h.e.Enter("ev", "ann"); err != nil {
		t.Fatal(err)
	}
	if err := h.e.Heartbeat("ev", "ann", true); err != nil {
		t.Fatal(err)
	}
	h.seat("pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: "ev", Index: 0, MemberAccount: "ann"}, 0)
	h.liveExpect("modify_admin", wire.LiveModifyAdminRequest{RoomID: "ev", AdminAccount: []string{"bob"}, OpType: wire.LiveAdminAdd}, 0)
	h.liveExpect("change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: "ev", NewOwnerAccount: "bob"}, 0)
	if err := h.e.Leave("ev", "ann"); err != nil {
		t.Fatal(err)
	}
	h.liveExpect("destroy_room", wire.LiveRoomIDRequest{RoomID: "ev"}, 0)
	want := []string{catalog.LiveEventCreateRoom, catalog.LiveEventUpdateRoomInfo, catalog.LiveEventSetMetadata, catalog.LiveEventDelMetadata,
		catalog.LiveEventMemberStateChanged, catalog.LiveEventMemberStateChanged, catalog.LiveEventSeatInfoChanged, catalog.LiveEventModifyAdmin,
		catalog.LiveEventChangeOwner, catalog.LiveEventMemberStateChanged, catalog.LiveEventSeatInfoChanged, catalog.LiveEventDestroyRoom}
	got := received(len(want))
	counts := map[string]int{}
	for _, d := range got {
		command := d.query.Get("CallbackCommand")
		counts[command]++
		if err := schemas.Validate("callback/"+command+".event", d.raw); err != nil {
			t.Errorf("%s: %v", command, err)
		}
		if command == catalog.LiveEventSeatInfoChanged || command == catalog.LiveEventMemberStateChanged {
			if _, has := d.body["Operator_Account"]; has {
				t.Errorf("%s carries Operator_Account", command)
			}
		}
	}
	for _, w := range want {
		counts[w]--
	}
	for command, n := range counts {
		if n != 0 {
			t.Errorf("%s: %+d deliveries against the expected", command, n)
		}
	}
}

// TestAutoDismissalIsReportedBySystem: a Live room the clock dismisses is reported at once,
// DestroyBySystem, by the system operator.
func TestAutoDismissalIsReportedBySystem(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1, ControlPlane: true})
	h.importAccounts("ann")
	received := liveReceiver(h, catalog.LiveEventDestroyRoom)
	h.liveCreate(wire.LiveRoomSettings{RoomID: "idle"})
	if err := h.e.Enter("idle", "ann"); err != nil {
		t.Fatal(err)
	}
	if err := h.e.Leave("idle", "ann"); err != nil {
		t.Fatal(err)
	}
	h.setClock(time.Now().Add(liveDismissAfter + time.Minute).UnixMilli())
	got := received(1)
	if len(got) != 1 || got[0].body["EventType"] != wire.LiveDestroyBySystem || got[0].body["Operator_Account"] != systemOperator {
		t.Fatalf("deliveries %+v", got)
	}
	if err := schemas.Validate("callback/Live.CallbackAfterDestroyRoom.event", got[0].raw); err != nil {
		t.Error(err)
	}
}
