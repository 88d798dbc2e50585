package emulator

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/schemas"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// blockingReceiver records deliveries; with hold set, each delivery waits until release.
type blockingReceiver struct {
	mu       sync.Mutex
	got      []map[string]any
	queries  []string
	arrived  chan struct{}
	release  chan struct{}
	hold     bool
	released sync.Once
}

func newReceiver(t *testing.T, hold bool) (*blockingReceiver, *httptest.Server) {
	r := &blockingReceiver{arrived: make(chan struct{}, 1024), release: make(chan struct{}), hold: hold}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		raw, _ := io.ReadAll(req.Body)
		var payload map[string]any
		_ = json.Unmarshal(raw, &payload)
		r.mu.Lock()
		r.got = append(r.got, payload)
		r.queries = append(r.queries, req.URL.RawQuery)
		r.mu.Unlock()
		r.arrived <- struct{}{}
		if r.hold {
			<-r.release
		}
		_, _ = w.Write([]byte(`{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`))
	}))
	t.Cleanup(func() { r.free(); server.Close() })
	return r, server
}

func (r *blockingReceiver) free() { r.released.Do(func() { close(r.release) }) }

func (r *blockingReceiver) commands() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, len(r.got))
	for i, p := range r.got {
		out[i], _ = p["CallbackCommand"].(string)
	}
	return out
}

func (r *blockingReceiver) await(t *testing.T, n int) {
	t.Helper()
	for range n {
		select {
		case <-r.arrived:
		case <-time.After(10 * time.Second):
			t.Fatalf("only %v of %d callbacks arrived", r.commands(), n)
		}
	}
}

func configure(t *testing.T, h *harness, url string, commands ...string) {
	t.Helper()
	checkEnvelope(t, h.call("set_callback", wire.CallbackConfig{URL: url, CallbackCommandList: append([]string{}, commands...)}), 0)
}

// TestSlowReceiverCostsTheCallerNothing proves by ordering that REST calls are answered while
// the receiver still holds the first delivery. The delivery timeout is an hour, so an emulator
// that delivered before answering would hold its caller until the watchdog fails the test.
func TestSlowReceiverCostsTheCallerNothing(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1, CallbackTimeout: time.Hour})
	receiver, server := newReceiver(t, true)
	configure(t, h, server.URL, catalog.Events...)

	answered := make(chan struct{})
	go func() {
		defer close(answered)
		h.mustCreate("slow-1")
		for i := range 50 {
			h.call("update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{RoomID: "slow-1", RoomName: wire.Ptr("n" + string(rune('a'+i%26)))}})
		}
		h.mustCreate("slow-2")
	}()
	receiver.await(t, 1) // the receiver holds the create event and does not answer
	select {
	case <-answered:
	case <-time.After(30 * time.Second): // a watchdog against a hang, not a speed target
		t.Fatal("REST calls waited for a receiver that had not answered")
	}
	receiver.free()
	receiver.await(t, 51) // 50 updates and the second create: nothing was lost on the way
}

// TestDeadReceiverCostsTheCallerNothing points the configuration at a closed port.
func TestDeadReceiverCostsTheCallerNothing(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + listener.Addr().String() + "/callback"
	listener.Close()
	configure(t, h, dead, catalog.Events...)
	for _, id := range []string{"dead-1", "dead-2", "dead-3"} {
		h.mustCreate(id)
		checkEnvelope(t, h.call("destroy_room", wire.RoomIDRequest{RoomID: id}), 0)
	}
}

// TestDeliveryTimeoutIsBounded: a receiver that never answers holds a worker only for the
// configured timeout, so later events still arrive.
func TestDeliveryTimeoutIsBounded(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1, CallbackTimeout: 100 * time.Millisecond})
	receiver, server := newReceiver(t, true)
	configure(t, h, server.URL, catalog.EventAfterCreateRoom)
	for i := range callbackWorkers + 2 {
		h.mustCreate("held-" + string(rune('a'+i)))
	}
	receiver.await(t, callbackWorkers+2)
}

// TestOnlyListedEventsAreDeliveredOnce checks the list filter, the URL parameters, the
// payload against its schema, and at-most-once delivery.
func TestOnlyListedEventsAreDeliveredOnce(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	receiver, server := newReceiver(t, false)
	configure(t, h, server.URL+"/cb", catalog.EventAfterDestroyRoom, catalog.EventUpdateRoomInfoOld)
	h.mustCreate("listed")
	checkEnvelope(t, h.call("update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{RoomID: "listed", RoomName: wire.Ptr("x")}}), 0)
	checkEnvelope(t, h.call("destroy_room", wire.RoomIDRequest{RoomID: "listed"}), 0)
	receiver.await(t, 2)
	time.Sleep(200 * time.Millisecond) // a duplicate or an unlisted event would land here
	got := receiver.commands()
	delivered := append([]string(nil), got...)
	slices.Sort(delivered) // four workers: no order is promised (nor documented)
	want := []string{catalog.EventAfterDestroyRoom, catalog.EventAfterUpdateRoomInfo}
	if !slices.Equal(delivered, want) {
		t.Fatalf("delivered %v, want each of %v once (the old update spelling enables the update event; create is not listed)", got, want)
	}
	receiver.mu.Lock()
	defer receiver.mu.Unlock()
	for i, payload := range receiver.got {
		raw, _ := json.Marshal(payload)
		if err := validateEvent(got[i], raw); err != nil {
			t.Error(err)
		}
		if q := receiver.queries[i]; !containsAll(q, "SdkAppid=1400000001", "CallbackCommand=", "contenttype=json", "ClientIP=127.0.0.1", "OptPlatform=RESTAPI") {
			t.Errorf("query %q lacks a documented parameter", q)
		}
	}
}

func TestCallbackConfigurationCodes(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	checkEnvelope(t, h.call("get_callback", struct{}{}), catalog.CodeCallbackMissing)
	checkEnvelope(t, h.call("update_callback", wire.CallbackConfig{URL: "http://x", CallbackCommandList: []string{}}), catalog.CodeCallbackMissing)
	configure(t, h, "http://x")
	checkEnvelope(t, h.call("set_callback", wire.CallbackConfig{URL: "http://y", CallbackCommandList: []string{}}), catalog.CodeCallbackExists)
	checkEnvelope(t, h.call("update_callback", wire.CallbackConfig{URL: "http://y", CallbackCommandList: []string{"Room.NoSuchEvent"}}), catalog.CodeInvalidParameter)
	checkEnvelope(t, h.call("update_callback", map[string]any{"Url": "ftp://y", "CallbackCommandList": []string{}}), catalog.CodeInvalidParameter)
	checkEnvelope(t, h.call("delete_callback", struct{}{}), 0)
	checkEnvelope(t, h.call("delete_callback", struct{}{}), 0)
	checkEnvelope(t, h.call("get_callback", struct{}{}), catalog.CodeCallbackMissing)
}

func validateEvent(command string, raw []byte) error {
	return schemas.Validate("callback/"+command+".event", raw)
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
