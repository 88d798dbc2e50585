package emulator

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// seatHarness creates a room with seats and lets n members enter it.
func seatHarness(t *testing.T, seats, n int) (*harness, []string) {
	t.Helper()
	h := newHarness(t, Config{RatePerSecond: -1})
	members := make([]string, n)
	for i := range members {
		members[i] = fmt.Sprintf("seated_%02d", i)
	}
	h.importAccounts(members...)
	h.create(wire.RoomSettings{RoomID: "seats", IsSeatEnabled: wire.Ptr(true), MaxSeatCount: wire.Ptr(seats), TakeSeatMode: wire.Ptr("ApplyToTake")}, 0)
	for _, m := range members {
		if err := h.e.Enter("seats", m); err != nil {
			t.Fatal(err)
		}
	}
	return h, members
}

// TestConcurrentPicksOfOneSeatHaveOneWinner runs under -race in make test.
func TestConcurrentPicksOfOneSeatHaveOneWinner(t *testing.T) {
	h, members := seatHarness(t, 4, 24)
	codes := make([]int, len(members))
	query := h.query(h.e.cfg.Admins[0]).Encode()
	var wg sync.WaitGroup
	for i, m := range members {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := mustJSON(wire.PickUserOnSeatRequest{RoomID: "seats", Index: 2, MemberAccount: m})
			r, err := h.do(http.MethodPost, "/v4/"+catalog.ServiceSeat+"/pick_user_on_seat", query, body)
			if err != nil {
				t.Error(err)
				return
			}
			codes[i] = r.code()
		}()
	}
	wg.Wait()
	winners := 0
	for i, code := range codes {
		switch code {
		case 0:
			winners++
		case codeSeatOccupied:
		default:
			t.Errorf("%s: code %d, want 0 or %d", members[i], code, codeSeatOccupied)
		}
	}
	if winners != 1 {
		t.Fatalf("%d members won seat 2, want exactly one", winners)
	}
	h.e.mu.Lock()
	defer h.e.mu.Unlock()
	if occupant := h.e.state.rooms["seats"].seats[2].occupant; codes[indexOf(members, occupant)] != 0 {
		t.Errorf("seat 2 holds %q, who did not win", occupant)
	}
}

// TestEveryWayOutFreesTheSeat: leaving, kick and ban free the seat, and the seat list agrees.
func TestEveryWayOutFreesTheSeat(t *testing.T) {
	h, members := seatHarness(t, 3, 3)
	for i, m := range members {
		checkEnvelope(t, h.callService(catalog.ServiceSeat, "pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: "seats", Index: i, MemberAccount: m}), 0)
	}
	if err := h.e.Leave("seats", members[0]); err != nil {
		t.Fatal(err)
	}
	checkEnvelope(t, h.call("kick_user_out", wire.KickUserOutRequest{RoomID: "seats", MemberListAccount: []string{members[1]}, Reason: "r"}), 0)
	checkEnvelope(t, h.call("ban_room_member", wire.BanRoomMemberRequest{RoomID: "seats", MemberListAccount: []string{members[2]}, Reason: "r", Duration: 60}), 0)
	h.e.mu.Lock()
	defer h.e.mu.Unlock()
	for i, s := range h.e.state.rooms["seats"].seats {
		if s.occupant != "" {
			t.Errorf("seat %d still holds %q after its member left the room", i, s.occupant)
		}
	}
}

func indexOf(values []string, v string) int {
	for i, x := range values {
		if x == v {
			return i
		}
	}
	return 0
}

// callService is call for a command of any service, signed by the first administrator.
func (h *harness) callService(service, command string, body any) *reply {
	h.t.Helper()
	return h.send(http.MethodPost, "/v4/"+service+"/"+command, h.query(h.e.cfg.Admins[0]).Encode(), mustJSON(body))
}
