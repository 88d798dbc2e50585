package suites

import (
	"fmt"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

var _ = Describe("Live API", labels.Area("live"), func() {

	// Get the Room List: https://trtc.io/document/63405
	Describe("get_room_list", labels.Command(liveSvc, "get_room_list"), func() {

		It("lists public rooms with the documented fields and not hidden ones", labels.Code(0), func(ctx SpecContext) {
			public := live.newID()
			req := liveRoomRequest(public)
			req.RoomInfo.OwnerAccount, req.RoomInfo.RoomName = wire.Ptr(ownerA), wire.Ptr("listed")
			req.RoomInfo.CoverURL, req.RoomInfo.Category = wire.Ptr("https://example.com/c.png"), &[]int{7, 8}
			live.mustCreate(ctx, req)
			live.expect(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: public, ActivityStatus: wire.Ptr(1)}}, 0)
			hidden := live.newID()
			hiddenReq := liveRoomRequest(hidden)
			hiddenReq.RoomInfo.IsPublicVisible = wire.Ptr(false)
			live.mustCreate(ctx, hiddenReq)

			list := liveRoomList(ctx, nil)
			entry, listed := listedRoom(list, public)
			Expect(listed).To(BeTrue(), "the public room is not listed")
			Expect(entry).To(MatchFields(map[string]any{
				"RoomName": "listed", "OwnerAccount": ownerA, "CoverURL": "https://example.com/c.png",
				"Category": []int{7, 8}, "ActivityStatus": 1, "ViewCount": 0,
			}))
			Expect(entry.CreateTime).To(BeNumerically("~", time.Now().Unix(), clockSkew.Seconds()))
			Expect(listedIDs(list)).NotTo(ContainElement(hidden), "a room with IsPublicVisible false is listed")

			By("showing and hiding the rooms with update_room_info")
			live.expect(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: hidden, IsPublicVisible: wire.Ptr(true)}}, 0)
			live.expect(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: public, IsPublicVisible: wire.Ptr(false)}}, 0)
			ids := listedIDs(liveRoomList(ctx, nil))
			Expect(ids).To(ContainElement(hidden))
			Expect(ids).NotTo(ContainElement(public))
		})

		It("pages with Count and Next, each page holding at most Count rooms", labels.Code(0), func(ctx SpecContext) {
			rooms := []string{live.room(ctx), live.room(ctx), live.room(ctx)}
			ids := listedIDs(liveRoomList(ctx, wire.Ptr(2)))
			for _, id := range rooms {
				Expect(ids).To(ContainElement(id))
			}
		})

		It("lists the most viewed rooms first", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			least, middle, most := live.room(ctx), live.room(ctx), live.room(ctx)
			enter(ctx, most, member1, member2, ownerB)
			enter(ctx, middle, member1)
			ids := listedIDs(liveRoomList(ctx, nil))
			position := func(id string) int {
				for i, listed := range ids {
					if listed == id {
						return i
					}
				}
				Fail(fmt.Sprintf("room %s is not listed", id))
				return -1
			}
			Expect(position(most)).To(BeNumerically("<", position(middle)))
			Expect(position(middle)).To(BeNumerically("<", position(least)))
		})

		// L-07: Count is "required, default 20, max 20": a Count out of range may be refused or
		// read as the nearest allowed value.
		DescribeTable("refuses a Count out of range with 100002, or answers at most 20 rooms",
			func(ctx SpecContext, count int) {
				resp := live.expect(ctx, "get_room_list", fmt.Sprintf(`{"Next":"","Count":%d}`, count), 0, catalog.CodeInvalidParameter)
				if resp.Code() == 0 {
					var page wire.LiveGetRoomListResponse
					Expect(resp.Decode(&page)).To(Succeed())
					Expect(len(page.Response.RoomList)).To(BeNumerically("<=", 20))
				}
			},
			Entry("Count 21", labels.Code(0, 100002), 21),
			Entry("Count 0", labels.Code(0, 100002), 0),
		)

		DescribeTable("refuses a malformed packet with 100002",
			func(ctx SpecContext, body string) {
				live.expect(ctx, "get_room_list", body, catalog.CodeInvalidParameter)
			},
			Entry("Count not an integer", labels.Code(100002), `{"Next":"","Count":"20"}`),
			Entry("Next not a string", labels.Code(100002), `{"Next":0,"Count":20}`),
		)

		It("answers every call spaced within the documented 10 calls per second", serialWhereShared, labels.Code(0), func(ctx SpecContext) {
			Expect(catalog.MustLookup(liveSvc, "get_room_list").MaxQPS).To(BeNumerically("==", 10), "the client's budget reads the catalog")
			started := time.Now()
			for range 12 {
				resp := live.send(ctx, "get_room_list", wire.LiveGetRoomListRequest{Next: "", Count: wire.Ptr(1)})
				Expect(resp).To(BeDocumentedAnswer(0), "a call within the documented frequency was refused")
				Expect(resp.Retries).To(BeZero(), "a call within the documented frequency was refused, then answered when sent again")
			}
			Expect(time.Since(started)).To(BeNumerically(">=", time.Second), "the client did not space get_room_list to 10 calls/s")
		})

		It("answers calls beyond 10 per second with a rate-limit code and the others normally", serialWhereShared,
			labels.NeedsControlPlane(), labels.Code(60007, 60011, 60018, 60019), func(ctx SpecContext) {
				limits, err := session.Control.Config(ctx)
				Expect(err).NotTo(HaveOccurred())
				if limits.RatePerSecond <= 0 {
					Skip("the emulator under test enforces no frequency limit (RatePerSecond 0)")
				}
				DeferCleanup(func() { time.Sleep(1100 * time.Millisecond) }) // leave the next spec a full second's calls
				const burst = 64
				answers := make(chan *client.Response, burst)
				var wg sync.WaitGroup
				for range 8 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						defer GinkgoRecover()
						for range burst / 8 {
							resp, err := session.Client.Do(ctx, client.Request{Service: liveSvc, Command: "get_room_list", Body: []byte(`{"Next":"","Count":1}`), SkipBudget: true})
							answers <- answered(resp, err)
						}
					}()
				}
				wg.Wait()
				close(answers)
				limited := 0
				for resp := range answers {
					if catalogHas(catalog.RateLimitCodes, resp.Code()) {
						limited++
						Expect(resp).To(BeDocumentedAnswer(catalog.RateLimitCodes...))
					} else {
						Expect(resp).To(BeDocumentedAnswer(0))
					}
				}
				Expect(limited).To(BeNumerically(">", 0), "%d calls in a burst, documented limit 10/s: none was limited", burst)
			})
	})
})
