package emulator

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/wire"
)

// write's hand-made envelope must be the bytes of json.Marshal of wire.Envelope, the type the
// client and the suite decode answers with, followed by the payload's fields.
func TestWriteMatchesTheWireEnvelope(t *testing.T) {
	e, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, tc := range []struct {
		name    string
		answer  answer
		payload string
	}{
		{"success", ok(map[string]any{"Response": map[string]any{"Next": "", "MemberList": []wire.RoomMember{}}}), `"Response":{"MemberList":[],"Next":""}`},
		{"failure", fail(100004, `room "<r>" does not exist`), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recorder := httptest.NewRecorder()
			e.write(recorder, tc.answer)
			body := recorder.Body.Bytes()
			var got wire.Envelope
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("answer %s: %v", body, err)
			}
			want := wire.Envelope{ActionStatus: "OK", RequestID: got.RequestID}
			if tc.answer.code != 0 {
				want = wire.Envelope{ActionStatus: "FAIL", ErrorInfo: tc.answer.info, ErrorCode: tc.answer.code, RequestID: got.RequestID}
			}
			head, err := json.Marshal(want)
			if err != nil {
				t.Fatal(err)
			}
			wantBody := head
			if tc.payload != "" {
				wantBody = append(append(head[:len(head)-1:len(head)-1], ','), tc.payload+"}"...)
			}
			if !bytes.Equal(body, wantBody) {
				t.Errorf("answer\n%s\nwant\n%s", body, wantBody)
			}
		})
	}
}
