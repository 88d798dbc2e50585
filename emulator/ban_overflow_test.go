package emulator

import (
	"testing"

	"github.com/trtc-conformance/trtc-conformance/wire"
)

// TestHugeBanDurationDoesNotWrap: a ban of the largest Duration still ends in the future.
func TestHugeBanDurationDoesNotWrap(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("banned_forever")
	h.mustCreate("ban-room")
	if err := h.e.Enter("ban-room", "banned_forever"); err != nil {
		t.Fatal(err)
	}
	checkEnvelope(t, h.call("ban_room_member", wire.BanRoomMemberRequest{RoomID: "ban-room", MemberListAccount: []string{"banned_forever"}, Reason: "r", Duration: 1 << 62}), 0)
	if err := h.e.Enter("ban-room", "banned_forever"); err == nil {
		t.Fatal("a user banned for the longest Duration entered at once: the ban's end wrapped into the past")
	}
}
