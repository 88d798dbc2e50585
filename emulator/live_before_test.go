package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/schemas"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// answering is a test receiver whose answer to each delivery is reply's: the HTTP status, the
// body and how long to wait first.
type answering struct {
	server *httptest.Server
	mu     sync.Mutex
	got    []liveDelivery
}

func (a *answering) deliveries(command string) []liveDelivery {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []liveDelivery
	for _, d := range a.got {
		if d.query.Get("CallbackCommand") == command {
			out = append(out, d)
		}
	}
	return out
}

func newAnswering(t testing.TB, reply func(liveDelivery) (int, string, time.Duration)) *answering {
	a := &answering{}
	a.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		d := liveDelivery{query: r.URL.Query(), raw: raw}
		_ = json.Unmarshal(raw, &d.body)
		a.mu.Lock()
		a.got = append(a.got, d)
		a.mu.Unlock()
		status, body, delay := http.StatusOK, `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`, time.Duration(0)
		if d.query.Get("CallbackCommand") == catalog.LiveEventBeforeSendMsg && reply != nil {
			status, body, delay = reply(d)
		}
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(a.server.Close)
	return a
}

// messageRoom makes a Live room "msg" with the imported sender "ann", and the Live webhook
// configuration pointing at a with words.
func messageRoom(h *harness, a *answering, words ...string) {
	h.t.Helper()
	h.importAccounts("ann")
	h.liveCreate(wire.LiveRoomSettings{RoomID: "msg"})
	checkEnvelope(h.t, h.liveConfig("set_callback", wire.CallbackConfig{URL: a.server.URL + "/hook", CallbackCommandList: words}), 0)
}

func sendText(h *harness) *reply {
	h.t.Helper()
	return h.live("send_text_msg", wire.LiveSendTextMsgRequest{RoomID: "msg", SenderAccount: "ann", TextContent: "hello", ExtensionInfo: wire.Ptr(`{"k":1}`)})
}

func msgCount(h *harness) int64 {
	h.t.Helper()
	r := h.liveExpect("get_room_stats", wire.LiveRoomIDRequest{RoomID: "msg"}, 0)
	var answer wire.LiveGetRoomStatsResponse
	if err := json.Unmarshal(r.raw, &answer); err != nil {
		h.t.Fatal(err)
	}
	return answer.Response.TotalMsgCount
}

func awaitDeliveries(a *answering, command string, n int) []liveDelivery {
	deadline := time.Now().Add(2 * time.Second)
	for {
		got := a.deliveries(command)
		if len(got) >= n || time.Now().After(deadline) {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestLiveMessageEventsMatchTheirSchemas(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	a := newAnswering(t, nil)
	messageRoom(h, a, catalog.LiveEventBeforeSendMsg, catalog.LiveEventAfterSendMsg)
	r := h.liveExpect("send_text_msg", wire.LiveSendTextMsgRequest{RoomID: "msg", SenderAccount: "ann", TextContent: "hello", ExtensionInfo: wire.Ptr(`{"k":1}`)}, 0)
	h.liveExpect("send_custom_msg", wire.LiveSendCustomMsgRequest{RoomID: "msg", BusinessID: "like", Data: 12345678901}, 0)
	var sent wire.LiveMessageSent
	if err := json.Unmarshal(r.raw, &sent); err != nil || sent.Response == nil {
		t.Fatalf("answer %s: %v", r.raw, err)
	}
	before, after := a.deliveries(catalog.LiveEventBeforeSendMsg), awaitDeliveries(a, catalog.LiveEventAfterSendMsg, 2)
	if len(before) != 2 || len(after) != 2 {
		t.Fatalf("got %d before and %d after events, want 2 and 2", len(before), len(after))
	}
	for _, d := range append(before, after...) {
		command := d.query.Get("CallbackCommand")
		if err := schemas.Validate("callback/"+command+".event", d.raw); err != nil {
			t.Errorf("%s violates its schema: %v\n%s", command, err, d.raw)
		}
		if d.query.Get("OptPlatform") != platformREST || d.query.Get("SdkAppid") == "" || d.query.Get("contenttype") != "json" {
			t.Errorf("%s URL parameters %v", command, d.query)
		}
	}
	text := after[0].body
	if text["GroupId"] != "msg" || text["From_Account"] != "ann" || text["Operator_Account"] != h.e.cfg.Admins[0] || text["CloudCustomData"] != `{"k":1}` {
		t.Errorf("after event %v", text)
	}
	if text["MsgId"] != before[0].body["MsgId"] || text["Random"] != before[0].body["Random"] {
		t.Errorf("the two events of one message differ: %v / %v", before[0].body, text)
	}
	if seq, _ := text["MsgSeq"].(float64); int64(seq) != sent.Response.MsgSeq {
		t.Errorf("MsgSeq %v, answered %d", text["MsgSeq"], sent.Response.MsgSeq)
	}
	body, _ := after[1].body["MsgBody"].([]any)
	if len(body) != 1 || body[0].(map[string]any)["MsgContent"].(map[string]any)["Data"] != "12345678901" {
		t.Errorf("custom MsgBody %v", after[1].body["MsgBody"])
	}
}

func TestLiveBeforeSendMsgDecides(t *testing.T) {
	for _, tc := range []struct {
		name     string
		reply    string
		status   int
		delay    time.Duration
		notBlock bool
		want     int
	}{
		{"allowed by 0", `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`, 200, 0, false, 0},
		{"refused by 1", `{"ActionStatus":"OK","ErrorInfo":"no","ErrorCode":1}`, 200, 0, false, beforeMsgRefusedChat},
		{"refused with a passed code", `{"ActionStatus":"FAIL","ErrorInfo":"custom","ErrorCode":102150}`, 200, 0, false, 102150},
		{"blocked by a slow receiver", `{"ErrorCode":0}`, 200, 400 * time.Millisecond, false, beforeMsgRefusedChat},
		{"let through a slow receiver with NotBlock", `{"ErrorCode":0}`, 200, 400 * time.Millisecond, true, 0},
		{"blocked by a reply that is not JSON", `ok`, 200, 0, false, beforeMsgRefusedChat},
		{"blocked by an undocumented code", `{"ErrorCode":7}`, 200, 0, false, beforeMsgRefusedChat},
		{"blocked by an HTTP error", `{"ErrorCode":0}`, 500, 0, false, beforeMsgRefusedChat},
		{"let through an HTTP error with NotBlock", `{"ErrorCode":1}`, 500, 0, true, 0},
		{"not let through a refusal with NotBlock", `{"ErrorCode":1}`, 200, 0, true, beforeMsgRefusedChat},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Config{RatePerSecond: -1, CallbackTimeout: 150 * time.Millisecond})
			a := newAnswering(t, func(liveDelivery) (int, string, time.Duration) { return tc.status, tc.reply, tc.delay })
			words := []string{catalog.LiveEventBeforeSendMsg, catalog.LiveEventAfterSendMsg}
			if tc.notBlock {
				words = append(words, catalog.LiveCallbackNotBlock)
			}
			messageRoom(h, a, words...)
			r := sendText(h)
			checkLive(t, "send_text_msg", r, tc.want)
			wantSent := 0
			if tc.want == 0 {
				wantSent = 1
			}
			if n := msgCount(h); n != int64(wantSent) {
				t.Errorf("TotalMsgCount %d, want %d", n, wantSent)
			}
			if got := awaitDeliveries(a, catalog.LiveEventAfterSendMsg, wantSent); len(got) != wantSent {
				t.Errorf("%d after events, want %d", len(got), wantSent)
			}
		})
	}
}

func TestLiveBeforeSendMsgHoldsNoLockAndForgetsAReplacedConfiguration(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1, CallbackTimeout: 5 * time.Second})
	release := make(chan struct{})
	a := newAnswering(t, func(liveDelivery) (int, string, time.Duration) {
		<-release
		return 200, `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}`, 0
	})
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	messageRoom(h, a, catalog.LiveEventBeforeSendMsg)
	done := make(chan *reply, 1)
	go func() {
		r, err := h.do(http.MethodPost, "/v4/"+catalog.ServiceLive+"/send_text_msg", h.query(h.e.cfg.Admins[0]).Encode(),
			mustJSON(wire.LiveSendTextMsgRequest{RoomID: "msg", SenderAccount: "ann", TextContent: "waiting"}))
		if err != nil {
			t.Error(err)
		}
		done <- r
	}()
	if got := awaitDeliveries(a, catalog.LiveEventBeforeSendMsg, 1); len(got) != 1 {
		t.Fatal("no before event")
	}
	start := time.Now()
	h.liveExpect("get_room_info", wire.LiveRoomIDRequest{RoomID: "msg"}, 0) // the state is not locked meanwhile
	if waited := time.Since(start); waited > time.Second {
		t.Errorf("a REST call waited %v behind a blocking callback", waited)
	}
	// The configuration is replaced by one without the word: the old receiver's refusal is
	// not used, the message goes ahead.
	other := newAnswering(t, nil)
	checkEnvelope(t, h.liveConfig("update_callback", wire.CallbackConfig{URL: other.server.URL, CallbackCommandList: []string{catalog.LiveEventAfterSendMsg}}), 0)
	close(release)
	select {
	case r := <-done:
		checkLive(t, "send_text_msg", r, 0)
	case <-time.After(3 * time.Second):
		t.Fatal("send_text_msg still waits after its configuration was replaced")
	}
	if got := awaitDeliveries(other, catalog.LiveEventAfterSendMsg, 1); len(got) != 1 {
		t.Errorf("%d after events to the new configuration, want 1", len(got))
	}
}
