package suites

import (
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

// seatListAndPickSpecs are the specs of Get the Seat List and Pick User on the Seat, run in
// rooms of family f (seat_test.go).
func seatListAndPickSpecs(f family) {

	// Get the Seat List: https://trtc.io/document/60719
	Describe("get_seat_list", labels.Command(catalog.ServiceSeat, "get_seat_list"), func() {

		It("lists MaxSeatCount free, unlocked seats in a new room", labels.Code(0), func(ctx SpecContext) {
			list := seats(ctx, f.seatRoom(ctx, 4, "FreeToTake"))
			Expect(list).To(HaveLen(4))
			first, last := seatIndexes(list)
			Expect(last-first).To(Equal(3), "seat indexes are not consecutive")
			for _, s := range list {
				Expect(s).To(MatchFields(map[string]any{"MemberAccount": "", "IsTakenDisabled": false}))
			}
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectSeatRefused(ctx, "get_seat_list", `{"RoomId":"`+f.newID()+`"}`, catalog.CodeRoomNotFound)
		})

		It("refuses a packet without RoomId with 100002", labels.Code(100002), func(ctx SpecContext) {
			expectSeatRefused(ctx, "get_seat_list", `{}`, catalog.CodeInvalidParameter)
		})
	})

	// Pick User on the Seat: https://trtc.io/zh/document/60718
	Describe("pick_user_on_seat", labels.Command(catalog.ServiceSeat, "pick_user_on_seat"), func() {

		It("seats a member, who is off the seat after a kick and can be picked again", labels.Code(0), labels.NeedsControlPlane(),
			labels.Command(catalog.ServiceSeat, "kick_user_off_seat"), func(ctx SpecContext) {
				id := f.seatRoom(ctx, 4, "ApplyToTake", member1)
				first, _ := seatIndexes(seats(ctx, id))
				Expect(pick(ctx, id, first+1, member1)).To(BeDocumentedAnswer(0))
				Expect(occupantOf(seats(ctx, id), first+1)).To(Equal(member1))

				Expect(seatCall(ctx, "kick_user_off_seat", wire.KickUserOffSeatRequest{RoomID: id, MemberAccount: member1, Data: "time over"})).To(BeDocumentedAnswer(0))
				Expect(occupantOf(seats(ctx, id), first+1)).To(BeEmpty())
				stillInRoom(ctx, id, first+1, member1) // kicked off the seat, not out of the room
			})

		It("accepts the first and the last seat, and refuses one past either end with 100002", labels.Code(0, 100002), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1, member2)
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
			id := f.seatRoom(ctx, 2, "FreeToTake")
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member2)).To(BeDocumentedAnswer(catalog.CodeNotMember))
			expectSeatsFree(ctx, id)
		})

		// With a control plane the member is in the room, so that only the missing seats are
		// wrong; without one, which of the two faults a service checks first is not documented.
		It("refuses a room without seats with 100211", labels.Code(100211), func(ctx SpecContext) {
			id, codes := f.seatlessRoom(ctx), []int{codeSeatsNotSupported}
			if session.Control != nil {
				enter(ctx, id, member1)
			} else {
				codes = append(codes, catalog.CodeNotMember)
			}
			Expect(pick(ctx, id, 0, member1)).To(BeDocumentedAnswer(codes...))
		})

		It("refuses a locked seat with 100200", labels.Code(100200), labels.NeedsControlPlane(), labels.Command(catalog.ServiceSeat, "lock_seat"), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: first, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(codeSeatLocked))
			Expect(occupantOf(seats(ctx, id), first)).To(BeEmpty())
		})

		It("refuses a member already on a seat with 100203", labels.Code(100203), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, first+1, member1)).To(BeDocumentedAnswer(codeAlreadySeated))
			Expect(occupantOf(seats(ctx, id), first+1)).To(BeEmpty())
		})

		It("refuses a seat another member occupies with 100210", labels.Code(100210), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1, member2)
			first, _ := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, first, member2)).To(BeDocumentedAnswer(codeSeatOccupied))
			Expect(occupantOf(seats(ctx, id), first)).To(Equal(member1))
		})

		It("refuses a member when every seat is taken with 100205 (or 100210)", labels.Code(100205, 100210), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 2, "ApplyToTake", member1, member2, ownerB)
			first, last := seatIndexes(seats(ctx, id))
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, last, member2)).To(BeDocumentedAnswer(0))
			Expect(pick(ctx, id, first, ownerB)).To(BeDocumentedAnswer(codeSeatsFull, codeSeatOccupied))
			list := seats(ctx, id)
			Expect(occupantOf(list, first)).To(Equal(member1), "a refused pick changed the seats")
			Expect(occupantOf(list, last)).To(Equal(member2), "a refused pick changed the seats")
		})

		It("refuses a member whose request for a seat waits in the queue with 100202", labels.Code(100202), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			queued, err := session.Control.TakeSeat(ctx, id, member1, first)
			Expect(err).NotTo(HaveOccurred())
			Expect(queued).To(BeTrue(), "in an ApplyToTake room a seat request waits for an administrator")
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(codeSeatQueued))
			expectSeatsFree(ctx, id)
		})

		It("lets a member sit down at once in a FreeToTake room", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := f.seatRoom(ctx, 3, "FreeToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			queued, err := session.Control.TakeSeat(ctx, id, member1, first)
			Expect(err).NotTo(HaveOccurred())
			Expect(queued).To(BeFalse())
			Expect(occupantOf(seats(ctx, id), first)).To(Equal(member1))
		})

		It("gives a seat to exactly one of many members picked for it at once", labels.Code(0, 100210), labels.NeedsControlPlane(), func(ctx SpecContext) {
			contenders := crowdOf(ctx, 12)
			id := f.seatRoom(ctx, 4, "ApplyToTake", contenders...)
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
				expectSeatRefused(ctx, "pick_user_on_seat", `{"RoomId":"`+f.seatRoom(ctx, 2, "FreeToTake")+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("Index missing", labels.Code(100002), `,"Member_Account":"`+member1+`"`),
			Entry("Index not an integer", labels.Code(100002), `,"Index":"1","Member_Account":"`+member1+`"`),
			Entry("Member_Account missing", labels.Code(100002), `,"Index":0`),
		)

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectSeatRefused(ctx, "pick_user_on_seat", `{"RoomId":"`+f.newID()+`","Index":0,"Member_Account":"`+member1+`"}`, catalog.CodeRoomNotFound)
		})
	})

}
