package suites

import (
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// The Live API (live_engine_http_srv), a sibling of the Conference API with rooms of its own.
// Where its pages contradict each other, docs/errata-live.md says what is asserted (L-xx).
var _ = Describe("Live API", labels.Area("live"), func() {

	// Create a Room: https://trtc.io/document/63401 (2026), https://trtc.io/document/63418 (2024)
	Describe("create_room", labels.Command(liveSvc, "create_room"), func() {

		It("creates a room with every field of the current pages and get_room_info returns each", labels.Code(0), func(ctx SpecContext) {
			id := live.newID()
			resp := live.create(ctx, wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{
				RoomID:            id,
				RoomType:          wire.Ptr("Live"),
				SeatTemplate:      wire.Ptr("AudioSalon"),
				OwnerAccount:      wire.Ptr(ownerA),
				TakeSeatMode:      wire.Ptr(wire.LiveSeatApplyToTake),
				MaxSeatCount:      wire.Ptr(8),
				IsMessageDisabled: wire.Ptr(true),
				IsPublicVisible:   wire.Ptr(false),
				RoomName:          wire.Ptr("live name"),
				CoverURL:          wire.Ptr("https://example.com/cover.png"),
				Category:          &[]int{1, 2, 3},
			}})
			Expect(resp).To(BeDocumentedAnswer(0))
			var created wire.LiveCreateRoomResponse
			Expect(resp.Decode(&created)).To(Succeed())
			if created.Response != nil && created.Response.RoomID != nil {
				Expect(*created.Response.RoomID).To(Equal(id), "the 2026 pages answer the new room's ID")
			}

			Expect(liveRoomInfo(ctx, id)).To(MatchFields(map[string]any{
				"RoomID": id, "RoomName": "live name", "RoomType": "Live", "OwnerAccount": ownerA,
				"TakeSeatMode": wire.LiveSeatApplyToTake, "MaxSeatCount": 8, "IsMessageDisabled": true,
				"IsPublicVisible": false, "CoverURL": "https://example.com/cover.png", "Category": []int{1, 2, 3},
			}))
		})

		It("applies the documented defaults to a room created with the mandatory fields only", labels.Code(0), func(ctx SpecContext) {
			id := live.newID()
			before := time.Now().Unix()
			live.mustCreate(ctx, liveRoomRequest(id))

			info := liveRoomInfo(ctx, id)
			Expect(info).To(MatchFields(map[string]any{
				"RoomName":          id,                     // defaults to the room ID
				"OwnerAccount":      session.Settings.Admin, // defaults to the calling administrator
				"RoomType":          "Live",
				"TakeSeatMode":      wire.LiveSeatFreeToTake, // 1 or "FreeToTake" (L-02)
				"IsMessageDisabled": false,
				"IsPublicVisible":   true,
				"ViewCount":         0, // nobody entered
			}))
			Expect(info.CreateTime).To(BeNumerically("~", before, clockSkew.Seconds()), "CreateTime is the creation time")
			Expect(info.MaxSeatCount).To(BeNumerically(">", 0), "MaxSeatCount defaults to the template's or the package's seats")
			Expect(info.MaxMemberCount).To(BeNumerically(">", 0), "MaxMemberCount defaults to the package limit")
		})

		// L-01: the three generations are incompatible. A service of one generation may refuse
		// another's packet (the 2026 pages require SeatTemplate); where it accepts it, the
		// settings the generations share must hold.
		DescribeTable("accepts each generation's documented packet, or refuses an older one for want of SeatTemplate",
			func(ctx SpecContext, file string, required bool) {
				id := live.newID()
				live.track(id)
				codes := []int{0, catalog.CodeInvalidParameter}
				if required {
					codes = []int{0}
				}
				resp := live.expect(ctx, "create_room", livePacket(file, id), codes...)
				if resp.Code() != 0 {
					return
				}
				info := liveRoomInfo(ctx, id)
				Expect(info.RoomType).To(Equal("Live"))
				if strings.Contains(file, "g1") || strings.Contains(file, "g2") {
					Expect(info).To(MatchFields(map[string]any{
						"RoomName": "live name", "OwnerAccount": session.Settings.Admin, "CoverURL": "cover url",
						"IsMessageDisabled": true, "Category": []int{1, 2, 3}, "IsPublicVisible": true,
					}))
				}
			},
			Entry("2026 (SeatTemplate, the Chinese sample)", labels.Code(0), "create_room.request.json", true),
			Entry("2026 English sample, which omits its own required SeatTemplate", labels.Code(0, 100002), "create_room.request.g3-en.json", false),
			Entry("2025 (SeatLayoutTemplateId 600)", labels.Code(0, 100002), "create_room.request.g2.json", false),
			Entry("2024 (flat settings with MaxMemberCount)", labels.Code(0, 100002), "create_room.request.g1.json", false),
		)

		DescribeTable("accepts values at the documented limits",
			func(ctx SpecContext, mutate func(*wire.LiveCreateRoomRequest), check func(wire.LiveRoomInfo)) {
				req := liveRoomRequest(live.newID())
				mutate(&req)
				live.mustCreate(ctx, req)
				check(liveRoomInfo(ctx, req.RoomInfo.RoomID))
			},
			Entry("a 48-byte RoomId", labels.Code(0), func(r *wire.LiveCreateRoomRequest) {
				r.RoomInfo.RoomID = padTo(r.RoomInfo.RoomID, 48)
			}, func(info wire.LiveRoomInfo) { Expect(info.RoomID).To(HaveLen(48)) }),
			Entry("a 100-byte RoomName of 3-byte characters", labels.Code(0), func(r *wire.LiveCreateRoomRequest) {
				r.RoomInfo.RoomName = wire.Ptr(utf8OfBytes(100))
			}, func(info wire.LiveRoomInfo) { Expect(info.RoomName).To(Equal(utf8OfBytes(100))) }),
			Entry("a 200-byte CoverURL of 3-byte characters", labels.Code(0), func(r *wire.LiveCreateRoomRequest) {
				r.RoomInfo.CoverURL = wire.Ptr(utf8OfBytes(200))
			}, func(info wire.LiveRoomInfo) { Expect(info.CoverURL).To(Equal(utf8OfBytes(200))) }),
			Entry("FreeToTake seat mode", labels.Code(0), func(r *wire.LiveCreateRoomRequest) {
				r.RoomInfo.TakeSeatMode = wire.Ptr(wire.LiveSeatFreeToTake)
			}, func(info wire.LiveRoomInfo) { Expect(info.TakeSeatMode).To(Equal(wire.LiveSeatFreeToTake)) }),
		)

		DescribeTable("refuses a packet that breaks a documented constraint with 100002",
			func(ctx SpecContext, body func(id string) string) {
				id := live.newID()
				live.track(id)
				live.expect(ctx, "create_room", body(id), catalog.CodeInvalidParameter)
			},
			Entry("RoomInfo missing", labels.Code(100002), func(string) string { return `{}` }),
			Entry("RoomId missing", labels.Code(100002), func(string) string {
				return `{"RoomInfo":{"RoomType":"Live","SeatTemplate":"` + liveTemplate + `"}}`
			}),
			Entry("RoomId of 49 bytes", labels.Code(100002), func(id string) string {
				return liveRoomJSON(padTo(id, 49), `"RoomType":"Live"`)
			}),
			Entry("RoomId not a string", labels.Code(100002), func(string) string {
				return `{"RoomInfo":{"RoomId":12345,"RoomType":"Live","SeatTemplate":"` + liveTemplate + `"}}`
			}),
			Entry("RoomType missing", labels.Code(100002), func(id string) string { return liveRoomJSON(id, `"RoomName":"no type"`) }),
			Entry("RoomType Conference", labels.Code(100002), func(id string) string { return liveRoomJSON(id, `"RoomType":"Conference"`) }),
			Entry("a SeatTemplate no page names", labels.Code(100002), func(id string) string {
				return `{"RoomInfo":{"RoomId":"` + id + `","RoomType":"Live","SeatTemplate":"Grid9"}}`
			}),
			Entry("RoomName of 102 bytes in 34 characters", labels.Code(100002), func(id string) string {
				return liveRoomJSON(id, `"RoomType":"Live","RoomName":"`+strings.Repeat("€", 34)+`"`)
			}),
			Entry("CoverURL of 201 bytes", labels.Code(100002), func(id string) string {
				return liveRoomJSON(id, `"RoomType":"Live","CoverURL":"`+utf8OfBytes(201)+`"`)
			}),
			Entry("four categories", labels.Code(100002), func(id string) string { return liveRoomJSON(id, `"RoomType":"Live","Category":[1,2,3,4]`) }),
			Entry("a category that is not an integer", labels.Code(100002), func(id string) string {
				return liveRoomJSON(id, `"RoomType":"Live","Category":["music"]`)
			}),
			Entry("TakeSeatMode not a documented mode", labels.Code(100002), func(id string) string {
				return liveRoomJSON(id, `"RoomType":"Live","TakeSeatMode":"TakeAnySeat"`)
			}),
			Entry("TakeSeatMode as get_room_info's integer (create takes strings, L-02)", labels.Code(100002), func(id string) string {
				return liveRoomJSON(id, `"RoomType":"Live","TakeSeatMode":2`)
			}),
			Entry("IsPublicVisible that is not a boolean", labels.Code(100002), func(id string) string {
				return liveRoomJSON(id, `"RoomType":"Live","IsPublicVisible":"true"`)
			}),
		)

		createRefusals(live)
	})

	// Get the Room Information, the seed page: https://trtc.io/document/63404
	Describe("get_room_info", labels.Command(liveSvc, "get_room_info"), func() {

		It("answers the seed page's packet, every documented field checked against its schema", labels.Code(0), func(ctx SpecContext) {
			id := live.newID()
			live.mustCreate(ctx, wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{
				RoomID: id, RoomType: wire.Ptr("Live"), SeatTemplate: wire.Ptr("Karaoke"), OwnerAccount: wire.Ptr(ownerB),
				RoomName: wire.Ptr("rname-123"), TakeSeatMode: wire.Ptr(wire.LiveSeatApplyToTake), MaxSeatCount: wire.Ptr(8),
				IsMessageDisabled: wire.Ptr(true), IsPublicVisible: wire.Ptr(true), CoverURL: wire.Ptr("https://xxxx.png"),
				Category: &[]int{1, 2, 3},
			}})
			live.expect(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{
				RoomID: id, ActivityStatus: wire.Ptr(1), MaxMemberCount: wire.Ptr(15),
			}}, 0)

			answer, resp, err := session.Client.Live.GetRoomInfo(ctx, id)
			Expect(answered(resp, err)).To(BeDocumentedAnswer(0), "every field of Response.RoomInfo is required and typed")
			Expect(resp.Envelope.ErrorInfo).To(BeEmpty())
			Expect(resp.Envelope.RequestID).NotTo(BeEmpty())
			info := &answer.Response.RoomInfo
			Expect(*info).To(MatchFields(map[string]any{
				"RoomID": id, "RoomName": "rname-123", "RoomType": "Live", "OwnerAccount": ownerB,
				"TakeSeatMode": wire.LiveSeatApplyToTake, "MaxSeatCount": 8, "MaxMemberCount": 15,
				"IsMessageDisabled": true, "CoverURL": "https://xxxx.png", "Category": []int{1, 2, 3},
				"ActivityStatus": 1, "ViewCount": 0, "IsPublicVisible": true,
			}))
			Expect(info.CreateTime).To(BeNumerically("~", time.Now().Unix(), clockSkew.Seconds()))
		})

		It("counts every entry in ViewCount, a user entering again counting again", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := live.room(ctx)
			enter(ctx, id, member1, member2)
			Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
			enter(ctx, id, member1)
			Expect(liveRoomInfo(ctx, id).ViewCount).To(BeEquivalentTo(3))
		})

		answersRoomGone(live, "get_room_info", func(id string) any { return wire.RoomIDRequest{RoomID: id} })
		refusesWithoutRoomID(live, "get_room_info")
	})

	// Update the Room Information: https://trtc.io/document/63419
	Describe("update_room_info", labels.Command(liveSvc, "update_room_info"), func() {

		It("changes every updatable field and get_room_info returns the new values", labels.Code(0), func(ctx SpecContext) {
			id := live.room(ctx)
			live.expect(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{
				RoomID: id, RoomName: wire.Ptr("rname-123"), MaxMemberCount: wire.Ptr(10), IsMessageDisabled: wire.Ptr(true),
				CoverURL: wire.Ptr("https://xxxx.png"), Category: &[]int{4, 5}, ActivityStatus: wire.Ptr(2),
				IsPublicVisible: wire.Ptr(false), TakeSeatMode: wire.Ptr(wire.LiveSeatApplyToTake),
			}}, 0)
			Expect(liveRoomInfo(ctx, id)).To(MatchFields(map[string]any{
				"RoomName": "rname-123", "MaxMemberCount": 10, "IsMessageDisabled": true, "CoverURL": "https://xxxx.png",
				"Category": []int{4, 5}, "ActivityStatus": 2, "IsPublicVisible": false, "TakeSeatMode": wire.LiveSeatApplyToTake,
			}))
		})

		It("leaves the fields it was not given unchanged", labels.Code(0), func(ctx SpecContext) {
			id := live.newID()
			req := liveRoomRequest(id)
			req.RoomInfo.RoomName, req.RoomInfo.CoverURL, req.RoomInfo.Category = wire.Ptr("kept"), wire.Ptr("https://kept"), &[]int{9}
			live.mustCreate(ctx, req)
			before := liveRoomInfo(ctx, id)
			live.expect(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: id, IsMessageDisabled: wire.Ptr(true)}}, 0)
			after := liveRoomInfo(ctx, id)
			Expect(after.IsMessageDisabled).To(BeTrue())
			before.IsMessageDisabled = true
			Expect(after).To(Equal(before))
		})

		It("accepts a 100-byte RoomName, a 200-byte CoverURL and a 100-byte Notice of 3-byte characters", labels.Code(0), func(ctx SpecContext) {
			id := live.room(ctx)
			live.expect(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{
				RoomID: id, RoomName: wire.Ptr(utf8OfBytes(100)), CoverURL: wire.Ptr(utf8OfBytes(200)), Notice: wire.Ptr(utf8OfBytes(100)),
			}}, 0)
			Expect(liveRoomInfo(ctx, id)).To(MatchFields(map[string]any{"RoomName": utf8OfBytes(100), "CoverURL": utf8OfBytes(200)}))
		})

		DescribeTable("refuses a packet that breaks a documented constraint with 100002, and changes nothing",
			func(ctx SpecContext, fields string) {
				id := live.room(ctx)
				before := liveRoomInfo(ctx, id)
				live.expect(ctx, "update_room_info", roomJSON(id, fields), catalog.CodeInvalidParameter)
				Expect(liveRoomInfo(ctx, id)).To(Equal(before))
			},
			Entry("RoomName of 102 bytes in 34 characters", labels.Code(100002), `"RoomName":"`+strings.Repeat("€", 34)+`"`),
			Entry("CoverURL of 201 bytes", labels.Code(100002), `"CoverURL":"`+utf8OfBytes(201)+`"`),
			Entry("four categories", labels.Code(100002), `"Category":[1,2,3,4]`),
			Entry("TakeSeatMode not a documented mode", labels.Code(100002), `"TakeSeatMode":"TakeAnySeat"`),
			Entry("TakeSeatMode as get_room_info's integer (update takes strings, L-02)", labels.Code(100002), `"TakeSeatMode":2`),
			Entry("IsPublicVisible that is not a boolean", labels.Code(100002), `"IsPublicVisible":1`),
			Entry("MaxMemberCount that is not an integer", labels.Code(100002), `"MaxMemberCount":"ten"`),
		)

		refusesWithoutRoomID(live, "update_room_info")
		answersRoomGone(live, "update_room_info", func(id string) any { return roomJSON(id, `"RoomName":"ghost"`) })
	})

	// Destroy a Room: https://trtc.io/document/63406
	Describe("destroy_room", labels.Command(liveSvc, "destroy_room"), func() {

		It("dissolves a room, after which get_room_info answers 100004", labels.Code(0, 100004), func(ctx SpecContext) {
			id := live.room(ctx)
			stats, resp, err := session.Client.Live.DestroyRoom(ctx, id)
			Expect(answered(resp, err)).To(BeDocumentedAnswer(0))
			// L-05: the 2025-11 pages answer the room's statistics, the 2024 ones the envelope only.
			if stats.Response != nil && stats.Response.Statistic != nil {
				Expect(stats.Response.Statistic.TotalViewers).To(BeZero(), "nobody entered the room")
			}
			live.gone(ctx, id)
			live.expect(ctx, "destroy_room", wire.LiveRoomIDRequest{RoomID: id}, catalog.CodeRoomNotFound)
		})

		It("reports every entry in TotalViewers, where it reports statistics", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := live.room(ctx)
			enter(ctx, id, member1, member2)
			Expect(session.Control.Leave(ctx, id, member2)).To(Succeed())
			enter(ctx, id, member2)
			stats, resp, err := session.Client.Live.DestroyRoom(ctx, id)
			Expect(answered(resp, err)).To(BeDocumentedAnswer(0))
			if stats.Response != nil && stats.Response.Statistic != nil {
				Expect(stats.Response.Statistic.TotalViewers).To(BeEquivalentTo(3), "a user who entered N times counts N")
			}
			live.gone(ctx, id)
		})

		It("answers 100004 for a room that never existed", labels.Code(100004), func(ctx SpecContext) {
			live.expect(ctx, "destroy_room", wire.LiveRoomIDRequest{RoomID: live.newID()}, catalog.CodeRoomNotFound)
		})

		refusesWithoutRoomID(live, "destroy_room")
		answersEveryCommandOnceDestroyed(live)
	})

	// The auto-dismiss rules of the destroy_room page: once someone entered, a room that stays
	// empty for a period (10 minutes to 24 hours, set per application) is dissolved.
	Describe("auto-dismiss rule 1", serialWhereShared, labels.NeedsControlPlane(), labels.Command(liveSvc, "get_room_info"), func() {

		It("keeps a room left empty for less than 10 minutes and dissolves it within 24 hours", labels.Code(0, 100004), func(ctx SpecContext) {
			id := live.room(ctx)
			enter(ctx, id, member1)
			Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
			restoreClockWhenDone()
			_, err := session.Control.Advance(ctx, 9*time.Minute)
			Expect(err).NotTo(HaveOccurred())
			Expect(liveRoomInfo(ctx, id).RoomID).To(Equal(id), "dissolved before the shortest period the page allows")
			_, err = session.Control.Advance(ctx, 24*time.Hour)
			Expect(err).NotTo(HaveOccurred())
			_, resp, err := longTicketClient().Live.GetRoomInfo(ctx, id)
			Expect(answered(resp, err)).To(BeDocumentedAnswer(catalog.CodeRoomNotFound), "still there 24 hours after it was left empty")
		})

		It("keeps a room nobody entered, and a room somebody is in", labels.Code(0), func(ctx SpecContext) {
			untouched := live.room(ctx)
			occupied := live.room(ctx)
			enter(ctx, occupied, member1)
			restoreClockWhenDone()
			_, err := session.Control.Advance(ctx, 25*time.Hour)
			Expect(err).NotTo(HaveOccurred())
			far := longTicketClient()
			for _, id := range []string{untouched, occupied} {
				answer, resp, err := far.Live.GetRoomInfo(ctx, id)
				Expect(answered(resp, err)).To(BeDocumentedAnswer(0), "room %s was dissolved", id)
				info := &answer.Response.RoomInfo
				Expect(info.RoomID).To(Equal(id))
			}
		})
	})
})
