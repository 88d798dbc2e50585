package suites

import (
	"context"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// seatChangeSpecs are the specs of Kick User off the Seat, Lock the Seat, both Switch Seat pages
// and of leaving a seat by leaving the room, run in rooms of family f (seat_test.go).
func seatChangeSpecs(f family) {
	// Kick User off the Seat: https://trtc.io/document/60717
	Describe("kick_user_off_seat", labels.Command(catalog.ServiceSeat, "kick_user_off_seat"), func() {

		// D-21: the table marks Data mandatory, but it only carries a notification, and the
		// vendor's own clients send none: both a refusal and the kick keep a promise.
		It("kicks a member off the seat without Data, or refuses the packet with 100002", labels.Code(0, 100002), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			resp := seatCall(ctx, "kick_user_off_seat", `{"RoomId":"`+id+`","Member_Account":"`+member1+`"}`)
			Expect(resp).To(BeDocumentedAnswer(0, catalog.CodeInvalidParameter))
			if resp.Code() == 0 {
				Expect(occupantOf(seats(ctx, id), first)).To(BeEmpty(), "the kick was accepted but the member is still seated")
			} else {
				Expect(occupantOf(seats(ctx, id), first)).To(Equal(member1), "a refused kick changed the seat")
			}
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectSeatRefused(ctx, "kick_user_off_seat", `{"RoomId":"`+f.newID()+`","Member_Account":"`+member1+`","Data":"x"}`, catalog.CodeRoomNotFound)
		})

		DescribeTable("refuses a packet without a mandatory field with 100002",
			func(ctx SpecContext, fields string) {
				expectSeatRefused(ctx, "kick_user_off_seat", `{"RoomId":"`+f.seatRoom(ctx, 2, "FreeToTake")+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("Member_Account missing", labels.Code(100002), `,"Data":"x"`),
		)
	})

	// Lock the Seat: https://trtc.io/document/60716
	Describe("lock_seat", labels.Command(catalog.ServiceSeat, "lock_seat"), func() {

		It("locks and unlocks a free seat", labels.Code(0), labels.NeedsControlPlane(), labels.Command(catalog.ServiceSeat, "pick_user_on_seat"), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: first, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
			Expect(seatAt(seats(ctx, id), first).IsTakenDisabled).To(BeTrue())

			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: first, ForbidTaken: wire.Ptr(false)})).To(BeDocumentedAnswer(0))
			Expect(seatAt(seats(ctx, id), first).IsTakenDisabled).To(BeFalse(), "D-20: ForbidTaken false unlocks")
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
		})

		// The page: "locking an occupied seat first removes its user, then locks" (E-27).
		It("takes the user off a seat it locks; the user stays in the room", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: first, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
			Expect(seatAt(seats(ctx, id), first)).To(MatchFields(map[string]any{"MemberAccount": "", "IsTakenDisabled": true}))
			stillInRoom(ctx, id, first+1, member1)
		})

		It("forbids the audio and video of the user on a seat", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: first, ForbidVideo: wire.Ptr(true), ForbidAudio: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
			Expect(seatAt(seats(ctx, id), first)).To(MatchFields(map[string]any{"MemberAccount": member1, "IsVideoDisabled": true, "IsAudioDisabled": true, "IsTakenDisabled": false}))
		})

		// A room without seats has no seat 0 either: which of the two a service checks first is
		// not documented.
		It("refuses a room without seats with 100211 (or 100002: no seat has the index)", labels.Code(100211, 100002), func(ctx SpecContext) {
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: f.seatlessRoom(ctx), Index: 0, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(codeSeatsNotSupported, catalog.CodeInvalidParameter))
		})

		It("refuses a seat past the last one with 100002", labels.Code(100002), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 2, "FreeToTake")
			_, last := seatIndexes(seats(ctx, id))
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: last + 1, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(catalog.CodeInvalidParameter))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectSeatRefused(ctx, "lock_seat", `{"RoomId":"`+f.newID()+`","Index":0,"ForbidTaken":true}`, catalog.CodeRoomNotFound)
		})
	})

	// Switch Seat (old version): https://trtc.io/document/72552
	Describe("switch_seat", labels.Command(catalog.ServiceSeat, "switch_seat"), func() {

		It("moves a seated member to an empty seat", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1)
			first, last := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(seatCall(ctx, "switch_seat", wire.SwitchSeatRequest{RoomID: id, ToIndex: last, MemberAccount: member1})).To(BeDocumentedAnswer(0))
			list := seats(ctx, id)
			Expect(occupantOf(list, first)).To(BeEmpty())
			Expect(occupantOf(list, last)).To(Equal(member1))
		})

		It("refuses to move a member onto an occupied seat (100002, or 100210)", labels.Code(100002, 100210), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1, member2)
			first, last := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, last, member2)).To(BeDocumentedAnswer(0))
			Expect(seatCall(ctx, "switch_seat", wire.SwitchSeatRequest{RoomID: id, ToIndex: last, MemberAccount: member1})).To(BeDocumentedAnswer(catalog.CodeInvalidParameter, codeSeatOccupied))
			list := seats(ctx, id)
			Expect(occupantOf(list, first)).To(Equal(member1))
			Expect(occupantOf(list, last)).To(Equal(member2))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectSeatRefused(ctx, "switch_seat", `{"RoomId":"`+f.newID()+`","ToIndex":1,"Member_Account":"`+member1+`"}`, catalog.CodeRoomNotFound)
		})

		It("refuses a packet without ToIndex with 100002", labels.Code(100002), func(ctx SpecContext) {
			expectSeatRefused(ctx, "switch_seat", `{"RoomId":"`+f.seatRoom(ctx, 2, "FreeToTake")+`","Member_Account":"`+member1+`"}`, catalog.CodeInvalidParameter)
		})
	})

	// Switch Seat (new version): https://trtc.io/document/72685
	Describe("move_user_to_seat", labels.Command(catalog.ServiceSeat, "move_user_to_seat"), func() {
		move := func(ctx context.Context, id string, to int, account string, policy int) *client.Response {
			return seatCall(ctx, "move_user_to_seat", wire.MoveUserToSeatRequest{RoomID: id, SeatIndex: to, MemberAccount: account, Policy: policy})
		}
		// occupiedPair seats member1 on the first seat and member2 on the last.
		occupiedPair := func(ctx context.Context) (id string, first, last int) {
			id = f.seatRoom(ctx, 3, "ApplyToTake", member1, member2)
			first, last = seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, last, member2)).To(BeDocumentedAnswer(0))
			return id, first, last
		}

		It("moves a seated member to a free seat", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1)
			first, last := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(move(ctx, id, last, member1, wire.MoveCancel)).To(BeDocumentedAnswer(0))
			Expect(occupantOf(seats(ctx, id), last)).To(Equal(member1))
		})

		// E-26: the page does not say what a move onto a locked seat does: the move may unlock
		// the seat, keep the lock, or be refused (100200 "seat locked" on the pick page); a
		// refusal changes nothing.
		It("moves a member onto a locked seat, or refuses the move and changes nothing", labels.Code(0, 100200), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1)
			first, last := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: last, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
			resp := move(ctx, id, last, member1, wire.MoveCancel)
			list := seats(ctx, id)
			if resp.Code() == 0 {
				Expect(resp).To(BeDocumentedAnswer(0))
				Expect(occupantOf(list, last)).To(Equal(member1))
				Expect(occupantOf(list, first)).To(BeEmpty())
				return
			}
			Expect(resp).To(BeRefusal(codeSeatLocked))
			Expect(occupantOf(list, first)).To(Equal(member1), "a refused move changed the seats")
			Expect(seatAt(list, last)).To(MatchFields(map[string]any{"MemberAccount": "", "IsTakenDisabled": true}), "a refused move changed the seats")
		})

		It("with policy 0 refuses an occupied seat and changes nothing", labels.Code(100002, 100210), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id, first, last := occupiedPair(ctx)
			Expect(move(ctx, id, last, member1, wire.MoveCancel)).To(BeDocumentedAnswer(catalog.CodeInvalidParameter, codeSeatOccupied))
			list := seats(ctx, id)
			Expect(occupantOf(list, first)).To(Equal(member1))
			Expect(occupantOf(list, last)).To(Equal(member2))
		})

		It("with policy 1 takes the occupant off the seat", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id, first, last := occupiedPair(ctx)
			Expect(move(ctx, id, last, member1, wire.MoveForce)).To(BeDocumentedAnswer(0))
			list := seats(ctx, id)
			Expect(occupantOf(list, last)).To(Equal(member1))
			Expect(occupantOf(list, first)).To(BeEmpty())
			// E-26: "force move and kick" reads both ways: off the seat, or out of the room too.
		})

		It("with policy 2 swaps the two members", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id, first, last := occupiedPair(ctx)
			Expect(move(ctx, id, last, member1, wire.MoveSwap)).To(BeDocumentedAnswer(0))
			list := seats(ctx, id)
			Expect(occupantOf(list, last)).To(Equal(member1))
			Expect(occupantOf(list, first)).To(Equal(member2))
		})

		It("refuses an account that is not in the room with 100005", labels.Code(100005), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 2, "FreeToTake")
			first, _ := seatIndexes(seats(ctx, id))
			Expect(move(ctx, id, first, member2, wire.MoveCancel)).To(BeDocumentedAnswer(catalog.CodeNotMember))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectSeatRefused(ctx, "move_user_to_seat", `{"RoomId":"`+f.newID()+`","SeatIndex":1,"Member_Account":"`+member1+`","Policy":0}`, catalog.CodeRoomNotFound)
		})

		It("refuses an undocumented policy with 100002", labels.Code(100002), func(ctx SpecContext) {
			expectSeatRefused(ctx, "move_user_to_seat", `{"RoomId":"`+f.seatRoom(ctx, 2, "FreeToTake")+`","SeatIndex":1,"Member_Account":"`+member1+`","Policy":3}`, catalog.CodeInvalidParameter)
		})
	})

	// Users on seats must be members: every way out of the room frees the seat.
	leaves := []TableEntry{
		Entry("leaving", labels.Code(0), func(ctx context.Context, id string) {
			Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
		}),
		Entry(f.ban, labels.Code(0), labels.Command(f.service, f.ban), func(ctx context.Context, id string) {
			f.banAll(ctx, id, 60, member1)
		}),
	}
	if f.service == catalog.ServiceRoom { // the Live API has no kick command
		leaves = append(leaves, Entry("kick_user_out", labels.Code(0), labels.Command(catalog.ServiceRoom, "kick_user_out"), func(ctx context.Context, id string) {
			Expect(conference.send(ctx, "kick_user_out", wire.KickUserOutRequest{RoomID: id, MemberListAccount: []string{member1}, Reason: "r"})).To(BeDocumentedAnswer(0))
		}))
	}
	DescribeTable("frees the seat of a member who leaves the room", labels.NeedsControlPlane(), labels.Command(catalog.ServiceSeat, "get_seat_list"),
		func(ctx SpecContext, leave func(ctx context.Context, id string)) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			leave(ctx, id)
			Expect(occupantOf(seats(ctx, id), first)).To(BeEmpty())
		},
		leaves,
	)
}
