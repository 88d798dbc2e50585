package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// TestCallbackURLsAreChecked: set_callback and update_callback refuse with 100002 whatever is
// not a usable http(s) URL, and change nothing.
func TestCallbackURLsAreChecked(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	for _, row := range []struct {
		url, reason string
	}{
		{"", "is empty"},
		{"http://", "has no host"},
		{"http:// /x", "is not a URL"},
		{"http://[::1", "is not a URL"},
		{"https://%zz/", "is not a URL"},
		{"http://receiver.example:99999/cb", "port"},
		{"http://receiver.example:0/cb", "port"},
		{"http://receiver.example:http/cb", "is not a URL"},
		{"http://" + strings.Repeat("a", 100_000) + ".example/", "bytes long"},
		{"ftp://receiver.example/cb", "http or https"},
		{"receiver.example/cb", "http or https"},
		{"http:receiver.example", "has no host"},
		{"javascript:alert(1)", "http or https"},
		{"http://receiver.example/_emulator/reset", "control plane"},
		{"http://receiver.example/%5Femulator/reset", "control plane"},
		{"http://receiver.example/a/../_EMULATOR/reset", "control plane"},
	} {
		for _, command := range []string{"set_callback", "update_callback"} {
			r := h.call(command, wire.CallbackConfig{URL: row.url, CallbackCommandList: []string{catalog.EventAfterCreateRoom}})
			// The request schema already refuses a Url not starting http:// or https://.
			bySchema := strings.Contains(r.env.ErrorInfo, "does not match ^https?://")
			if r.code() != catalog.CodeInvalidParameter || !strings.Contains(r.env.ErrorInfo, row.reason) && !bySchema {
				t.Errorf("%s Url %.60q: %d %.120q, want 100002 saying %q", command, row.url, r.code(), r.env.ErrorInfo, row.reason)
			}
		}
	}
	if r := h.call("get_callback", struct{}{}); r.code() != catalog.CodeCallbackMissing {
		t.Errorf("a refused Url was stored: get_callback %d", r.code())
	}
	for _, good := range []string{"http://receiver.example/cb", "https://receiver.example:8443/cb?x=1", "http://RECEIVER.EXAMPLE:65535", "http://[2001:db8::1]:1/"} {
		checkEnvelope(t, h.call("set_callback", wire.CallbackConfig{URL: good, CallbackCommandList: []string{catalog.EventAfterCreateRoom}}), 0)
		checkEnvelope(t, h.call("delete_callback", struct{}{}), 0)
	}
}

// TestCallbackCannotReachTheEmulator: a callback Url on the emulator's own address, under any
// loopback alias, is refused; a delivery that reaches it anyway (a name that resolves there)
// is stopped when it dials; and a control request without the control header is refused, so
// that /_emulator/reset as a callback target can never wipe the rooms.
func TestCallbackCannotReachTheEmulator(t *testing.T) {
	h, s := listenHarness(t, Config{RatePerSecond: -1, ControlPlane: true})
	h.mustCreate("survivor")
	port := s.URL[strings.LastIndex(s.URL, ":")+1:]
	for _, host := range []string{"127.0.0.1", "localhost", "LOCALHOST.", "127.0.0.2", "127.255.255.254", "0.0.0.0", "[::1]", "[::]", "[::ffff:127.0.0.1]", "app.localhost"} {
		url := fmt.Sprintf("http://%s:%s/v4/anything", host, port)
		r := h.call("set_callback", wire.CallbackConfig{URL: url, CallbackCommandList: []string{catalog.EventAfterCreateRoom}})
		if r.code() != catalog.CodeInvalidParameter || !strings.Contains(r.env.ErrorInfo, "own address") {
			t.Errorf("Url %s: %d %q, want 100002 (the emulator's own address)", url, r.code(), r.env.ErrorInfo)
		}
	}
	if r := h.call("set_callback", wire.CallbackConfig{URL: s.URL + control.PathReset, CallbackCommandList: []string{catalog.EventAfterCreateRoom}}); r.code() != catalog.CodeInvalidParameter {
		t.Errorf("Url %s%s: %d, want 100002", s.URL, control.PathReset, r.code())
	}

	// A delivery that got through (as if a DNS name pointed here) is refused when it dials.
	if err := s.guard.check("127.0.0.1:" + port); err == nil {
		t.Errorf("the dial guard lets a delivery reach 127.0.0.1:%s", port)
	}
	reached := make(chan struct{}, 1)
	s.notifier.log = func(msg string, args ...any) {
		if strings.Contains(fmt.Sprint(args...), errSelfTarget.Error()) {
			reached <- struct{}{}
		}
	}
	s.notifier.send(delivery{url: s.URL + control.PathReset, command: catalog.EventAfterCreateRoom, body: []byte(`{}`)})
	select {
	case <-reached:
	case <-time.After(5 * time.Second):
		t.Error("a delivery to the emulator itself was not refused by the dial guard")
	}

	// What a delivery would send, sent by hand: refused without the control header.
	req, _ := http.NewRequest(http.MethodPost, s.URL+control.PathReset+"?SdkAppid=1&CallbackCommand=x", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a reset without %s: HTTP %d, want 400", control.RequestHeader, resp.StatusCode)
	}
	h.mustGet("survivor")
}

// TestReplacedCallbackDropsItsPendingDeliveries: a slow receiver with a queue of deliveries
// must not hold the events of the configuration that replaced it, nor get any more of them.
func TestReplacedCallbackDropsItsPendingDeliveries(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1, CallbackTimeout: time.Minute})
	slow, slowServer := newReceiver(t, true) // holds every delivery until freed
	fast, fastServer := newReceiver(t, false)
	configure(t, h, slowServer.URL, catalog.EventAfterCreateRoom)
	for i := range 40 {
		h.mustCreate(fmt.Sprintf("queued-%d", i))
	}
	slow.await(t, callbackWorkers) // every worker is stuck in the slow receiver
	slowGot := len(slow.commands())

	checkEnvelope(t, h.call("update_callback", wire.CallbackConfig{URL: fastServer.URL, CallbackCommandList: []string{catalog.EventAfterCreateRoom}}), 0)
	h.mustCreate("fresh")
	started := time.Now()
	fast.await(t, 1)
	if took := time.Since(started); took > 2*time.Second {
		t.Errorf("the fresh event waited %v behind the old configuration's deliveries", took)
	}
	if got := fast.commands(); len(got) != 1 {
		t.Errorf("the new receiver got %v, want only the fresh event", got)
	}
	slow.free()
	time.Sleep(200 * time.Millisecond)
	if got := len(slow.commands()); got > slowGot {
		t.Errorf("the old receiver got %d deliveries after it was replaced (had %d)", got-slowGot, slowGot)
	}

}
