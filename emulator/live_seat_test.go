package emulator

import (
	"encoding/json"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// seat runs a seat command and checks its code.
func (h *harness) seat(command string, body any, wantCode int) *reply {
	h.t.Helper()
	r := h.callService(catalog.ServiceSeat, command, body)
	checkEnvelope(h.t, r, wantCode)
	return r
}

// seatList answers get_seat_list's seats of a room of either family.
func (h *harness) seatList(roomID string) []wire.Seat {
	h.t.Helper()
	r := h.seat("get_seat_list", wire.RoomIDRequest{RoomID: roomID}, 0)
	var answer wire.GetSeatListResponse
	if err := json.Unmarshal(r.raw, &answer); err != nil {
		h.t.Fatalf("decoding get_seat_list: %v", err)
	}
	return answer.Response.SeatList
}

func occupants(seats []wire.Seat) []string {
	out := make([]string, len(seats))
	for i, s := range seats {
		out[i] = s.MemberAccount
	}
	return out
}

// TestLiveRoomsUseTheSeatService: a Live room with a SeatTemplate has its template's seats, and
// every room_engine_http_mic command works on it as on a Conference room.
func TestLiveRoomsUseTheSeatService(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("ann", "bob", "cat")
	h.liveCreate(wire.LiveRoomSettings{RoomID: "stage", SeatTemplate: wire.Ptr("VideoLandscape4Seats")})
	for _, m := range []string{"ann", "bob", "cat"} {
		if err := h.e.Enter("stage", m); err != nil {
			t.Fatal(err)
		}
	}
	if seats := h.seatList("stage"); len(seats) != 4 {
		t.Fatalf("%d seats, want the template's 4", len(seats))
	}
	h.seat("pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: "stage", Index: 0, MemberAccount: "ann"}, 0)
	h.seat("pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: "stage", Index: 1, MemberAccount: "bob"}, 0)
	h.seat("pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: "stage", Index: 1, MemberAccount: "cat"}, codeSeatOccupied)
	h.seat("pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: "stage", Index: 9, MemberAccount: "cat"}, catalog.CodeInvalidParameter)
	h.seat("switch_seat", wire.SwitchSeatRequest{RoomID: "stage", ToIndex: 2, MemberAccount: "ann"}, 0)
	h.seat("move_user_to_seat", wire.MoveUserToSeatRequest{RoomID: "stage", SeatIndex: 1, MemberAccount: "ann", Policy: wire.MoveSwap}, 0)
	if got, want := occupants(h.seatList("stage")), []string{"", "ann", "bob", ""}; !equalStrings(got, want) {
		t.Fatalf("after switch and swap the seats hold %q, want %q", got, want)
	}
	h.seat("lock_seat", wire.LockSeatRequest{RoomID: "stage", Index: 2, ForbidTaken: wire.Ptr(true)}, 0)
	h.seat("pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: "stage", Index: 2, MemberAccount: "cat"}, codeSeatLocked)
	h.seat("kick_user_off_seat", wire.KickUserOffSeatRequest{RoomID: "stage", MemberAccount: "ann"}, 0)
	seats := h.seatList("stage")
	if got, want := occupants(seats), []string{"", "", "", ""}; !equalStrings(got, want) || !seats[2].IsTakenDisabled {
		t.Fatalf("after lock and kick the seats are %+v, want all empty and seat 2 locked", seats)
	}
	// ann stays in the room after kick_user_off_seat, and ban_member frees a seat.
	h.seat("pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: "stage", Index: 3, MemberAccount: "ann"}, 0)
	h.liveExpect("ban_member", wire.LiveBanMemberRequest{RoomID: "stage", MemberListAccount: []string{"ann"}, Duration: 60}, 0)
	if got := occupants(h.seatList("stage"))[3]; got != "" {
		t.Errorf("seat 3 holds %q after its member was banned", got)
	}
}

// TestLiveSeatsFollowTheRoom: a Live room without seats answers 100211; IsSeatEnabled with
// MaxSeatCount gives that many; the seat service addresses unknown IDs with 100004; taking a
// seat through the control plane and leaving the room work as in Conference rooms.
func TestLiveSeatsFollowTheRoom(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("ann")
	h.liveCreate(wire.LiveRoomSettings{RoomID: "plain"})
	h.liveCreate(wire.LiveRoomSettings{RoomID: "two", IsSeatEnabled: wire.Ptr(true), MaxSeatCount: wire.Ptr(2)})
	for _, id := range []string{"plain", "two"} {
		if err := h.e.Enter(id, "ann"); err != nil {
			t.Fatal(err)
		}
	}
	if seats := h.seatList("plain"); len(seats) != 0 {
		t.Errorf("a Live room without seats lists %d", len(seats))
	}
	h.seat("pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: "plain", Index: 0, MemberAccount: "ann"}, codeSeatsNotSupported)
	h.seat("lock_seat", wire.LockSeatRequest{RoomID: "plain", Index: 0, ForbidTaken: wire.Ptr(true)}, codeSeatsNotSupported)
	h.seat("get_seat_list", wire.RoomIDRequest{RoomID: "nowhere"}, catalog.CodeRoomNotFound)
	if seats := h.seatList("two"); len(seats) != 2 {
		t.Fatalf("%d seats, want MaxSeatCount 2", len(seats))
	}
	if queued, err := h.e.TakeSeat("two", "ann", 1); err != nil || queued {
		t.Fatalf("take seat in a FreeToTake Live room: queued %v, %v", queued, err)
	}
	if got := occupants(h.seatList("two"))[1]; got != "ann" {
		t.Fatalf("seat 1 holds %q, want ann", got)
	}
	if err := h.e.Leave("two", "ann"); err != nil {
		t.Fatal(err)
	}
	if got := occupants(h.seatList("two"))[1]; got != "" {
		t.Errorf("seat 1 holds %q after its member left", got)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
