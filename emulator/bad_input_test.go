package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/usersig"
)

// TestInvalidUTF8NeverRewritesAKey: "inv\xff" is refused with 60003 (docs/emulator.md, check
// 12), on create and on read, and never lands as "inv\uFFFD", the key another room could
// legitimately use.
func TestInvalidUTF8NeverRewritesAKey(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	query := h.query(DefaultAdmin).Encode()
	for _, command := range []string{"create_room", "get_room_info", "destroy_room"} {
		body := []byte(`{"RoomId":"inv` + "\xff" + `","RoomInfo":{"RoomId":"inv` + "\xff" + `","RoomType":"Conference"}}`)
		r := h.send(http.MethodPost, "/v4/room_engine_http_srv/"+command, query, body)
		if r.code() != catalog.CodeJSONParse {
			t.Errorf("%s with invalid UTF-8: %d %q, want 60003", command, r.code(), r.env.ErrorInfo)
		}
	}
	h.requireGone("inv\uFFFD")
	h.mustCreate("inv\uFFFD") // the replacement character is an ordinary, valid key
	if got := h.mustGet("inv\uFFFD"); got.RoomID != "inv\uFFFD" {
		t.Errorf("read back %q", got.RoomID)
	}
}

// TestSDKAppIDCanonicalOnly: the sdkappid query value is the application's number in its
// canonical decimal form; leading zeros and signs are refused with 60006 (docs/emulator.md).
func TestSDKAppIDCanonicalOnly(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	for _, spelled := range []string{"01400000001", "001400000001", "+1400000001", " 1400000001", "1400000001.0"} {
		q := h.query(DefaultAdmin)
		q.Set("sdkappid", spelled)
		r := h.send(http.MethodPost, "/v4/room_engine_http_srv/get_room_info", q.Encode(), []byte(`{"RoomId":"x"}`))
		if r.code() != catalog.CodeBadSDKAppID {
			t.Errorf("sdkappid %q: %d, want 60006", spelled, r.code())
		}
	}
}

// TestUserSigFromTheFutureIsAccepted: a ticket whose TLS.time is a year ahead verifies, as
// with the vendor's reference verifier, which checks only TLS.time+TLS.expire; it expires
// a year and its validity from now (docs/emulator.md, "UserSig").
func TestUserSigFromTheFutureIsAccepted(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	now := h.e.clock.Now()
	yearAhead := now.AddDate(1, 0, 0)
	sig, err := usersig.Generate(h.e.cfg.SDKAppID, h.e.cfg.SecretKey, DefaultAdmin, time.Hour, yearAhead)
	if err != nil {
		t.Fatal(err)
	}
	q := h.query(DefaultAdmin)
	q.Set("usersig", sig)
	if r := h.send(http.MethodPost, "/v4/room_engine_http_srv/get_room_info", q.Encode(), []byte(`{"RoomId":"x"}`)); r.code() != catalog.CodeRoomNotFound {
		t.Errorf("ticket signed a year ahead: %d %q, want it accepted (100004 for the unknown room)", r.code(), r.env.ErrorInfo)
	}
	h.setClock(yearAhead.Add(2 * time.Hour).UnixMilli())
	if r := h.send(http.MethodPost, "/v4/room_engine_http_srv/get_room_info", q.Encode(), []byte(`{"RoomId":"x"}`)); r.code() != catalog.CodeUserSigExpired {
		t.Errorf("the same ticket after TLS.time+expire: %d, want 70001", r.code())
	}
}

// TestControlPlaneBounds: sizes and counts of control requests are bounded, refused with 400
// and the reason, and the emulator keeps what it had.
func TestControlPlaneBounds(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	fault := func(info string) string {
		return fmt.Sprintf(`{"Service":%q,"Command":"get_room_info","ErrorCode":100001,"ErrorInfo":%q,"Count":1}`, catalog.ServiceRoom, info)
	}
	rows := []struct {
		name, method, path, body, reason string
	}{
		{"body over the limit", http.MethodPost, control.PathFaults, fault(strings.Repeat("x", control.MaxRequestBytes)), "over 65536 bytes"},
		{"ErrorInfo over the limit", http.MethodPost, control.PathFaults, fault(strings.Repeat("x", control.MaxErrorInfoBytes+1)), "ErrorInfo is 4097 bytes"},
		{"Chat group ID over the limit", http.MethodPost, control.PathChatGroups, fmt.Sprintf(`{"GroupId":%q}`, strings.Repeat("g", control.MaxChatGroupIDSize+1)), "GroupId is 129 bytes"},
		{"oversized clock body", http.MethodPost, control.PathClock, `{"AdvanceMillis":1` + strings.Repeat(" ", control.MaxRequestBytes) + `}`, "over 65536 bytes"},
	}
	for _, row := range rows {
		status, answer, raw := h.controlRaw(row.method, row.path, row.body)
		if status != http.StatusBadRequest || !strings.Contains(answer.Error, row.reason) {
			t.Errorf("%s: HTTP %d %.200s, want 400 saying %q", row.name, status, raw, row.reason)
		}
	}
	// The most faults the emulator holds, then one more.
	for i := range control.MaxArmedFaults {
		if status, _, raw := h.controlRaw(http.MethodPost, control.PathFaults, fault(strings.Repeat("i", control.MaxErrorInfoBytes))); status != http.StatusOK {
			t.Fatalf("fault %d: HTTP %d %s", i, status, raw)
		}
	}
	status, answer, _ := h.controlRaw(http.MethodPost, control.PathFaults, fault("one more"))
	if status != http.StatusBadRequest || !strings.Contains(answer.Error, "faults are armed already") {
		t.Errorf("fault %d: HTTP %d %q, want 400", control.MaxArmedFaults+1, status, answer.Error)
	}
	// Listing them is bounded by count times size.
	_, _, listing := h.controlRaw(http.MethodGet, control.PathFaults, "")
	if limit := control.MaxArmedFaults * (control.MaxErrorInfoBytes + 200); len(listing) > limit {
		t.Errorf("the fault listing is %d bytes, over %d", len(listing), limit)
	}
	if status, _, _ := h.controlRaw(http.MethodDelete, control.PathFaults, ""); status != http.StatusOK {
		t.Fatalf("DELETE faults: %d", status)
	}
	if status, _, raw := h.controlRaw(http.MethodPost, control.PathFaults, fault("after the clear")); status != http.StatusOK {
		t.Errorf("arming after a clear: %d %s", status, raw)
	}
	h.controlRaw(http.MethodDelete, control.PathFaults, "")
	// A control request without the control header is refused and changes nothing.
	h.mustCreate("kept")
	req, _ := http.NewRequest(http.MethodPost, h.url+control.PathReset, strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("reset without %s: HTTP %d, want 400", control.RequestHeader, resp.StatusCode)
	}
	h.mustGet("kept")
}
