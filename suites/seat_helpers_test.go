package suites

import (
	"context"
	"strconv"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// Seat codes of pick_user_on_seat (https://trtc.io/zh/document/60718).
const (
	codeSeatLocked        = 100200
	codeSeatQueued        = 100202
	codeAlreadySeated     = 100203
	codeSeatsFull         = 100205
	codeSeatOccupied      = 100210
	codeSeatsNotSupported = 100211
)

// seatRoom creates a Conference room owned by ownerA with seats enabled, then lets accounts
// enter (conference.seatRoom).
func seatRoom(ctx context.Context, seats int, mode string, accounts ...string) string {
	GinkgoHelper()
	return conference.seatRoom(ctx, seats, mode, accounts...)
}

// seatRoom creates a room of the family owned by ownerA with seats seats taken by mode, then
// lets accounts enter. A Live room uses the audio template AudioSalon, whose seat count is
// MaxSeatCount (a video template fixes its own, errata-live L-19).
func (f family) seatRoom(ctx context.Context, seats int, mode string, accounts ...string) string {
	GinkgoHelper()
	id := f.newID()
	f.mustCreate(ctx, f.withSeats(id, seats, mode))
	enter(ctx, id, accounts...)
	return id
}

// seatlessRoom creates a room of the family without seats. The 2026 Live pages require a
// SeatTemplate; a Live service that refuses a room without one ends the spec as skipped.
func (f family) seatlessRoom(ctx context.Context) string {
	GinkgoHelper()
	if f.service != catalog.ServiceLive {
		return f.room(ctx)
	}
	id := f.newID()
	f.track(id)
	resp := f.send(ctx, "create_room", `{"RoomInfo":{"RoomId":"`+id+`","RoomType":"Live","Owner_Account":"`+ownerA+`","IsSeatEnabled":false}}`)
	if resp.Code() != 0 {
		Expect(resp).To(BeRefusal(catalog.CodeInvalidParameter))
		Skip("this Live service refuses a room without a SeatTemplate (the 2026 pages require one, errata-live L-01): it has no room without seats")
	}
	Expect(resp).To(BeDocumentedAnswer(0))
	return id
}

// stillInRoom expects account, taken off a seat, to be in the room still: picking it onto
// another seat succeeds (only members are picked, 100005), in either family.
func stillInRoom(ctx context.Context, roomID string, index int, account string) {
	GinkgoHelper()
	Expect(pick(ctx, roomID, index, account)).To(BeDocumentedAnswer(0), "%s left the room, not only the seat", account)
}

// seats reads the seat list, checked against its schema, ordered by index.
func seats(ctx context.Context, roomID string) []wire.Seat {
	GinkgoHelper()
	answer, resp, err := session.Client.Seats.GetList(ctx, roomID)
	answered(resp, err)
	Expect(resp).To(BeDocumentedAnswer(0))
	return answer.Response.SeatList
}

// seatIndexes returns the first and last seat index the service reports.
func seatIndexes(list []wire.Seat) (first, last int) {
	GinkgoHelper()
	Expect(list).NotTo(BeEmpty())
	first, last = list[0].Index, list[0].Index
	for _, s := range list {
		first, last = min(first, s.Index), max(last, s.Index)
	}
	return first, last
}

// occupantOf returns who sits on a seat ("" when free: absent and "" both mean free, D-12).
func occupantOf(list []wire.Seat, index int) string {
	GinkgoHelper()
	for _, s := range list {
		if s.Index == index {
			return s.MemberAccount
		}
	}
	Fail("no seat with index " + strconv.Itoa(index))
	return ""
}

func seatAt(list []wire.Seat, index int) wire.Seat {
	GinkgoHelper()
	for _, s := range list {
		if s.Index == index {
			return s
		}
	}
	Fail("no seat with index " + strconv.Itoa(index))
	return wire.Seat{}
}

func seatCall(ctx context.Context, command string, body any) *client.Response {
	GinkgoHelper()
	return request(ctx, catalog.ServiceSeat, command, body)
}

func pick(ctx context.Context, roomID string, index int, account string) *client.Response {
	GinkgoHelper()
	return seatCall(ctx, "pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: roomID, Index: index, MemberAccount: account})
}

func lock(ctx context.Context, req wire.LockSeatRequest) *client.Response {
	GinkgoHelper()
	return seatCall(ctx, "lock_seat", req)
}

// expectSeatsFree expects every seat of the room to be free.
func expectSeatsFree(ctx context.Context, roomID string) {
	GinkgoHelper()
	for _, s := range seats(ctx, roomID) {
		Expect(s.MemberAccount).To(BeEmpty(), "seat %d is taken after a refused request", s.Index)
	}
}

// expectSeatRefused sends a literal body to a seat command and expects one of codes.
func expectSeatRefused(ctx context.Context, command, body string, codes ...int) {
	GinkgoHelper()
	Expect(seatCall(ctx, command, body)).To(BeDocumentedAnswer(codes...))
}
