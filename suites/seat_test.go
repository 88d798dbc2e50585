package suites

import (
	"context"
	"strconv"
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/labels"
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

// seatRoom creates a room owned by ownerA with seats enabled, then lets accounts enter.
func seatRoom(ctx context.Context, seats int, mode string, accounts ...string) string {
	GinkgoHelper()
	id := newRoomID()
	req := conference.minimal(id, ownerA).(wire.CreateRoomRequest)
	req.RoomInfo.IsSeatEnabled, req.RoomInfo.MaxSeatCount, req.RoomInfo.TakeSeatMode = wire.Ptr(true), wire.Ptr(seats), wire.Ptr(mode)
	conference.mustCreate(ctx, req)
	enter(ctx, id, accounts...)
	return id
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

var _ = Describe("Seat management", labels.Area("seat"), func() {

	// Get the Seat List: https://trtc.io/document/60719
	Describe("get_seat_list", labels.Command(catalog.ServiceSeat, "get_seat_list"), func() {

		It("lists MaxSeatCount free, unlocked seats in a new room", labels.Code(0), func(ctx SpecContext) {
			list := seats(ctx, seatRoom(ctx, 4, "FreeToTake"))
			Expect(list).To(HaveLen(4))
			first, last := seatIndexes(list)
			Expect(last-first).To(Equal(3), "seat indexes are not consecutive")
			for _, s := range list {
				Expect(s).To(MatchFields(map[string]any{"MemberAccount": "", "IsTakenDisabled": false}))
			}
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectSeatRefused(ctx, "get_seat_list", `{"RoomId":"`+newRoomID()+`"}`, catalog.CodeRoomNotFound)
		})

		It("refuses a packet without RoomId with 100002", labels.Code(100002), func(ctx SpecContext) {
			expectSeatRefused(ctx, "get_seat_list", `{}`, catalog.CodeInvalidParameter)
		})
	})

	// Pick User on the Seat: https://trtc.io/zh/document/60718
	Describe("pick_user_on_seat", labels.Command(catalog.ServiceSeat, "pick_user_on_seat"), func() {

		It("seats a member, who is off the seat after a kick and can be picked again", labels.Code(0), labels.NeedsControlPlane(),
			labels.Command(catalog.ServiceSeat, "kick_user_off_seat"), func(ctx SpecContext) {
				id := seatRoom(ctx, 4, "ApplyToTake", member1)
				first, _ := seatIndexes(seats(ctx, id))
				Expect(pick(ctx, id, first+1, member1)).To(BeDocumentedAnswer(0))
				Expect(occupantOf(seats(ctx, id), first+1)).To(Equal(member1))

				Expect(seatCall(ctx, "kick_user_off_seat", wire.KickUserOffSeatRequest{RoomID: id, MemberAccount: member1, Data: "time over"})).To(BeDocumentedAnswer(0))
				Expect(occupantOf(seats(ctx, id), first+1)).To(BeEmpty())
				Expect(accountsOf(members(ctx, id, nil))).To(ContainElement(member1), "kicked off the seat, not out of the room")

				Expect(pick(ctx, id, first+1, member1)).To(BeDocumentedAnswer(0))
			})

		It("accepts the first and the last seat, and refuses one past either end with 100002", labels.Code(0, 100002), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1, member2)
			first, last := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first-1, member1)).To(BeDocumentedAnswer(catalog.CodeInvalidParameter))
			Expect(pick(ctx, id, last+1, member1)).To(BeDocumentedAnswer(catalog.CodeInvalidParameter))
			expectSeatsFree(ctx, id)
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, last, member2)).To(BeDocumentedAnswer(0))
			list := seats(ctx, id)
			Expect(occupantOf(list, first)).To(Equal(member1))
			Expect(occupantOf(list, last)).To(Equal(member2))
		})

		It("refuses an account that is not in the room with 100005", labels.Code(100005), func(ctx SpecContext) {
			id := seatRoom(ctx, 2, "FreeToTake")
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member2)).To(BeDocumentedAnswer(catalog.CodeNotMember))
			expectSeatsFree(ctx, id)
		})

		// With a control plane the member is in the room, so that only the missing seats are
		// wrong; without one, which of the two faults a service checks first is not documented.
		It("refuses a room without seats with 100211", labels.Code(100211), func(ctx SpecContext) {
			id, codes := conference.room(ctx), []int{codeSeatsNotSupported}
			if session.Control != nil {
				enter(ctx, id, member1)
			} else {
				codes = append(codes, catalog.CodeNotMember)
			}
			Expect(pick(ctx, id, 0, member1)).To(BeDocumentedAnswer(codes...))
		})

		It("refuses a locked seat with 100200", labels.Code(100200), labels.NeedsControlPlane(), labels.Command(catalog.ServiceSeat, "lock_seat"), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: first, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(codeSeatLocked))
			Expect(occupantOf(seats(ctx, id), first)).To(BeEmpty())
		})

		It("refuses a member already on a seat with 100203", labels.Code(100203), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, first+1, member1)).To(BeDocumentedAnswer(codeAlreadySeated))
			Expect(occupantOf(seats(ctx, id), first+1)).To(BeEmpty())
		})

		It("refuses a seat another member occupies with 100210", labels.Code(100210), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1, member2)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, first, member2)).To(BeDocumentedAnswer(codeSeatOccupied))
			Expect(occupantOf(seats(ctx, id), first)).To(Equal(member1))
		})

		It("refuses a member when every seat is taken with 100205 (or 100210)", labels.Code(100205, 100210), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 2, "ApplyToTake", member1, member2, ownerB)
			first, last := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, last, member2)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, first, ownerB)).To(BeDocumentedAnswer(codeSeatsFull, codeSeatOccupied))
			list := seats(ctx, id)
			Expect(occupantOf(list, first)).To(Equal(member1), "a refused pick changed the seats")
			Expect(occupantOf(list, last)).To(Equal(member2), "a refused pick changed the seats")
		})

		It("refuses a member whose request for a seat waits in the queue with 100202", labels.Code(100202), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			queued, err := session.Control.TakeSeat(ctx, id, member1, first)
			Expect(err).NotTo(HaveOccurred())
			Expect(queued).To(BeTrue(), "in an ApplyToTake room a seat request waits for an administrator")
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(codeSeatQueued))
			expectSeatsFree(ctx, id)
		})

		It("lets a member sit down at once in a FreeToTake room", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "FreeToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			queued, err := session.Control.TakeSeat(ctx, id, member1, first)
			Expect(err).NotTo(HaveOccurred())
			Expect(queued).To(BeFalse())
			Expect(occupantOf(seats(ctx, id), first)).To(Equal(member1))
		})

		It("gives a seat to exactly one of many members picked for it at once", labels.Code(0, 100210), labels.NeedsControlPlane(), func(ctx SpecContext) {
			contenders := crowdOf(ctx, 12)
			id := seatRoom(ctx, 4, "ApplyToTake", contenders...)
			first, _ := seatIndexes(seats(ctx, id))
			answers := make([]*client.Response, len(contenders))
			var wg sync.WaitGroup
			for i, account := range contenders {
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer GinkgoRecover()
					resp, err := session.Client.Do(ctx, client.Request{Service: catalog.ServiceSeat, Command: "pick_user_on_seat", SkipBudget: true,
						Body: []byte(`{"RoomId":"` + id + `","Index":` + strconv.Itoa(first) + `,"Member_Account":"` + account + `"}`)})
					answers[i] = answered(resp, err)
				}()
			}
			wg.Wait()
			var winners []string
			for i, resp := range answers {
				Expect(resp).To(BeDocumentedAnswer(0, codeSeatOccupied))
				if resp.Code() == 0 {
					winners = append(winners, contenders[i])
				}
			}
			Expect(winners).To(HaveLen(1), "a seat picked for %d members at once", len(contenders))
			Expect(occupantOf(seats(ctx, id), first)).To(Equal(winners[0]), "get_seat_list disagrees with the winning pick")
		})

		DescribeTable("refuses a malformed packet with 100002",
			func(ctx SpecContext, fields string) {
				expectSeatRefused(ctx, "pick_user_on_seat", `{"RoomId":"`+seatRoom(ctx, 2, "FreeToTake")+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("Index missing", labels.Code(100002), `,"Member_Account":"`+member1+`"`),
			Entry("Index not an integer", labels.Code(100002), `,"Index":"1","Member_Account":"`+member1+`"`),
			Entry("Member_Account missing", labels.Code(100002), `,"Index":0`),
		)

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectSeatRefused(ctx, "pick_user_on_seat", `{"RoomId":"`+newRoomID()+`","Index":0,"Member_Account":"`+member1+`"}`, catalog.CodeRoomNotFound)
		})
	})

	// Kick User off the Seat: https://trtc.io/document/60717
	Describe("kick_user_off_seat", labels.Command(catalog.ServiceSeat, "kick_user_off_seat"), func() {

		// D-21: the table marks Data mandatory, but it only carries a notification, and the
		// vendor's own clients send none: both a refusal and the kick keep a promise.
		It("kicks a member off the seat without Data, or refuses the packet with 100002", labels.Code(0, 100002), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1)
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
			expectSeatRefused(ctx, "kick_user_off_seat", `{"RoomId":"`+newRoomID()+`","Member_Account":"`+member1+`","Data":"x"}`, catalog.CodeRoomNotFound)
		})

		DescribeTable("refuses a packet without a mandatory field with 100002",
			func(ctx SpecContext, fields string) {
				expectSeatRefused(ctx, "kick_user_off_seat", `{"RoomId":"`+seatRoom(ctx, 2, "FreeToTake")+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("Member_Account missing", labels.Code(100002), `,"Data":"x"`),
		)
	})

	// Lock the Seat: https://trtc.io/document/60716
	Describe("lock_seat", labels.Command(catalog.ServiceSeat, "lock_seat"), func() {

		It("locks and unlocks a free seat", labels.Code(0), labels.NeedsControlPlane(), labels.Command(catalog.ServiceSeat, "pick_user_on_seat"), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: first, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
			Expect(seatAt(seats(ctx, id), first).IsTakenDisabled).To(BeTrue())

			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: first, ForbidTaken: wire.Ptr(false)})).To(BeDocumentedAnswer(0))
			Expect(seatAt(seats(ctx, id), first).IsTakenDisabled).To(BeFalse(), "D-20: ForbidTaken false unlocks")
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
		})

		// The page: "locking an occupied seat first removes its user, then locks" (E-27).
		It("takes the user off a seat it locks; the user stays in the room", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: first, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
			Expect(seatAt(seats(ctx, id), first)).To(MatchFields(map[string]any{"MemberAccount": "", "IsTakenDisabled": true}))
			Expect(accountsOf(members(ctx, id, nil))).To(ContainElement(member1))
		})

		It("forbids the audio and video of the user on a seat", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: first, ForbidVideo: wire.Ptr(true), ForbidAudio: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
			Expect(seatAt(seats(ctx, id), first)).To(MatchFields(map[string]any{"MemberAccount": member1, "IsVideoDisabled": true, "IsAudioDisabled": true, "IsTakenDisabled": false}))
		})

		// A room without seats has no seat 0 either: which of the two a service checks first is
		// not documented.
		It("refuses a room without seats with 100211 (or 100002: no seat has the index)", labels.Code(100211, 100002), func(ctx SpecContext) {
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: conference.room(ctx), Index: 0, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(codeSeatsNotSupported, catalog.CodeInvalidParameter))
		})

		It("refuses a seat past the last one with 100002", labels.Code(100002), func(ctx SpecContext) {
			id := seatRoom(ctx, 2, "FreeToTake")
			_, last := seatIndexes(seats(ctx, id))
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: last + 1, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(catalog.CodeInvalidParameter))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectSeatRefused(ctx, "lock_seat", `{"RoomId":"`+newRoomID()+`","Index":0,"ForbidTaken":true}`, catalog.CodeRoomNotFound)
		})
	})

	// Switch Seat (old version): https://trtc.io/document/72552
	Describe("switch_seat", labels.Command(catalog.ServiceSeat, "switch_seat"), func() {

		It("moves a seated member to an empty seat", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1)
			first, last := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(seatCall(ctx, "switch_seat", wire.SwitchSeatRequest{RoomID: id, ToIndex: last, MemberAccount: member1})).To(BeDocumentedAnswer(0))
			list := seats(ctx, id)
			Expect(occupantOf(list, first)).To(BeEmpty())
			Expect(occupantOf(list, last)).To(Equal(member1))
		})

		It("refuses to move a member onto an occupied seat (100002, or 100210)", labels.Code(100002, 100210), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1, member2)
			first, last := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, last, member2)).To(BeDocumentedAnswer(0))
			Expect(seatCall(ctx, "switch_seat", wire.SwitchSeatRequest{RoomID: id, ToIndex: last, MemberAccount: member1})).To(BeDocumentedAnswer(catalog.CodeInvalidParameter, codeSeatOccupied))
			list := seats(ctx, id)
			Expect(occupantOf(list, first)).To(Equal(member1))
			Expect(occupantOf(list, last)).To(Equal(member2))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectSeatRefused(ctx, "switch_seat", `{"RoomId":"`+newRoomID()+`","ToIndex":1,"Member_Account":"`+member1+`"}`, catalog.CodeRoomNotFound)
		})

		It("refuses a packet without ToIndex with 100002", labels.Code(100002), func(ctx SpecContext) {
			expectSeatRefused(ctx, "switch_seat", `{"RoomId":"`+seatRoom(ctx, 2, "FreeToTake")+`","Member_Account":"`+member1+`"}`, catalog.CodeInvalidParameter)
		})
	})

	// Switch Seat (new version): https://trtc.io/document/72685
	Describe("move_user_to_seat", labels.Command(catalog.ServiceSeat, "move_user_to_seat"), func() {
		move := func(ctx context.Context, id string, to int, account string, policy int) *client.Response {
			return seatCall(ctx, "move_user_to_seat", wire.MoveUserToSeatRequest{RoomID: id, SeatIndex: to, MemberAccount: account, Policy: policy})
		}
		// occupiedPair seats member1 on the first seat and member2 on the last.
		occupiedPair := func(ctx context.Context) (id string, first, last int) {
			id = seatRoom(ctx, 3, "ApplyToTake", member1, member2)
			first, last = seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, last, member2)).To(BeDocumentedAnswer(0))
			return id, first, last
		}

		It("moves a seated member to a free seat", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1)
			first, last := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(move(ctx, id, last, member1, wire.MoveCancel)).To(BeDocumentedAnswer(0))
			Expect(occupantOf(seats(ctx, id), last)).To(Equal(member1))
		})

		// E-26: the page does not say what a move onto a locked seat does: the move may unlock
		// the seat, keep the lock, or be refused (100200 "seat locked" on the pick page); a
		// refusal changes nothing.
		It("moves a member onto a locked seat, or refuses the move and changes nothing", labels.Code(0, 100200), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1)
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
			id := seatRoom(ctx, 2, "FreeToTake")
			first, _ := seatIndexes(seats(ctx, id))
			Expect(move(ctx, id, first, member2, wire.MoveCancel)).To(BeDocumentedAnswer(catalog.CodeNotMember))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectSeatRefused(ctx, "move_user_to_seat", `{"RoomId":"`+newRoomID()+`","SeatIndex":1,"Member_Account":"`+member1+`","Policy":0}`, catalog.CodeRoomNotFound)
		})

		It("refuses an undocumented policy with 100002", labels.Code(100002), func(ctx SpecContext) {
			expectSeatRefused(ctx, "move_user_to_seat", `{"RoomId":"`+seatRoom(ctx, 2, "FreeToTake")+`","SeatIndex":1,"Member_Account":"`+member1+`","Policy":3}`, catalog.CodeInvalidParameter)
		})
	})

	// Users on seats must be members: every way out of the room frees the seat.
	DescribeTable("frees the seat of a member who leaves the room", labels.NeedsControlPlane(), labels.Command(catalog.ServiceSeat, "get_seat_list"),
		func(ctx SpecContext, leave func(ctx context.Context, id string)) {
			id := seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			leave(ctx, id)
			Expect(occupantOf(seats(ctx, id), first)).To(BeEmpty())
		},
		Entry("leaving", labels.Code(0), func(ctx context.Context, id string) {
			Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
		}),
		Entry("kick_user_out", labels.Code(0), labels.Command(catalog.ServiceRoom, "kick_user_out"), func(ctx context.Context, id string) {
			Expect(conference.send(ctx, "kick_user_out", wire.KickUserOutRequest{RoomID: id, MemberListAccount: []string{member1}, Reason: "r"})).To(BeDocumentedAnswer(0))
		}),
		Entry("ban_room_member", labels.Code(0), labels.Command(catalog.ServiceRoom, "ban_room_member"), func(ctx context.Context, id string) {
			conference.banAll(ctx, id, 60, member1)
		}),
	)
})
