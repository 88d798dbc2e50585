package emulator

import (
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// The request schema and the command must read the same document. JSON keys are
// case-sensitive and unknown keys are ignored (docs/emulator.md), so a key that differs from a
// documented one only in case is an unknown key and must change nothing.
func TestRequestKeysAreCaseSensitive(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	long := strings.Repeat("x", 600)
	rows := []struct {
		name, body string
	}{
		{"takeseatmode", `{"RoomInfo":{"RoomId":"ci-1","RoomType":"Conference","takeseatmode":"Bogus"}}`},
		{"roomtype after RoomType", `{"RoomInfo":{"RoomId":"ci-2","RoomType":"Conference","roomtype":"Live"}}`},
		{"custominfo over 500 bytes", `{"RoomInfo":{"RoomId":"ci-3","RoomType":"Conference","customInfo":"` + long + `"}}`},
		{"roomname over 100 bytes", `{"RoomInfo":{"RoomId":"ci-4","RoomType":"Conference","ROOMNAME":"` + long + `"}}`},
		{"owner_account not imported", `{"RoomInfo":{"RoomId":"ci-5","RoomType":"Conference","owner_account":"ghost"}}`},
		{"roominfo in lower case", `{"RoomInfo":{"RoomId":"ci-6","RoomType":"Conference"},"roominfo":{"RoomId":"ci-6","TakeSeatMode":"Bogus"}}`},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			defer h.use(t)()
			checkCommandAnswer(t, "create_room", h.call("create_room", row.body), 0)
			id := row.body[len(`{"RoomInfo":{"RoomId":"`):strings.Index(row.body, `","RoomType"`)]
			info := h.mustGet(id) // validates the answer against the response schema
			if info.TakeSeatMode != "None" || info.RoomType != "Conference" || info.CustomInfo != "" || info.RoomName != id || info.OwnerAccount != DefaultAdmin {
				t.Errorf("a key differing only in case changed the room: %+v", info)
			}
		})
	}
	// The ID a differently-cased key names must not be the one created.
	long100 := strings.Repeat("r", 100)
	checkCommandAnswer(t, "create_room", h.call("create_room", `{"RoomInfo":{"RoomId":"ci-7","RoomType":"Conference","roomid":"`+long100+`"}}`), 0)
	h.mustGet("ci-7")
	h.requireGone(long100)
	// update_room_info alike.
	checkCommandAnswer(t, "update_room_info", h.call("update_room_info", `{"RoomInfo":{"RoomId":"ci-7","takeSeatMode":"Bogus","custominfo":"`+long+`"}}`), 0)
	if info := h.mustGet("ci-7"); info.TakeSeatMode != "None" || info.CustomInfo != "" {
		t.Errorf("update with keys differing in case changed the room: %+v", info)
	}
}

// A key given twice must not let one occurrence pass the schema while the other is stored.
func TestDuplicateKeysCannotBypassTheSchema(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	long := strings.Repeat("x", 600)
	body := `{"RoomInfo":{"RoomId":"dup","RoomType":"Conference","CustomInfo":"` + long + `","TakeSeatMode":"Bogus"},` +
		`"RoomInfo":{"RoomId":"dup","RoomType":"Conference"}}`
	r := h.call("create_room", body)
	switch r.code() {
	case catalog.CodeJSONParse, catalog.CodeInvalidParameter:
		checkCommandAnswer(t, "create_room", r, r.code())
		h.requireGone("dup")
	default:
		checkCommandAnswer(t, "create_room", r, 0)
		info := h.mustGet("dup")
		if info.CustomInfo != "" || info.TakeSeatMode != "None" {
			t.Errorf("the first of two RoomInfo objects was stored past the schema: CustomInfo %d bytes, TakeSeatMode %q", len(info.CustomInfo), info.TakeSeatMode)
		}
	}
}
