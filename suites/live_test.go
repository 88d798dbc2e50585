package suites

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/control"
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
			id := newLiveRoomID()
			resp := createLiveRoom(ctx, wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{
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
			Expect(resp).To(HaveErrorCode(0))
			Expect(resp).To(MatchSchema(liveSchema("create_room")))
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
			id := newLiveRoomID()
			before := time.Now().Unix()
			mustCreateLiveRoom(ctx, liveRoomRequest(id))

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
				id := newLiveRoomID()
				trackLiveRoom(id)
				codes := []int{0, catalog.CodeInvalidParameter}
				if required {
					codes = []int{0}
				}
				resp := expectLive(ctx, "create_room", livePacket(file, id), codes...)
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
				req := liveRoomRequest(newLiveRoomID())
				mutate(&req)
				mustCreateLiveRoom(ctx, req)
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
				id := newLiveRoomID()
				trackLiveRoom(id)
				expectLive(ctx, "create_room", body(id), catalog.CodeInvalidParameter)
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

		It("refuses an Owner_Account that is not a string (60015, or 100002)", labels.Code(60015, 100002), func(ctx SpecContext) {
			id := newLiveRoomID()
			trackLiveRoom(id)
			expectLive(ctx, "create_room", liveRoomJSON(id, `"RoomType":"Live","Owner_Account":10086`), catalog.CodeAccountType, catalog.CodeInvalidParameter)
		})

		It("refuses an Owner_Account that was never imported (100002, or 70107)", labels.Code(100002, 70107), func(ctx SpecContext) {
			req := liveRoomRequest(newLiveRoomID())
			req.RoomInfo.OwnerAccount = wire.Ptr(uniqueName("never_imported"))
			resp := createLiveRoom(ctx, req)
			Expect(resp).To(HaveErrorCode(catalog.CodeInvalidParameter, catalog.CodeAccountNotImported))
			Expect(resp).To(MatchSchema(liveSchema("create_room")))
		})

		It("refuses a room ID that another owner's room uses with 100003", labels.Code(100003), func(ctx SpecContext) {
			id := newLiveRoomID()
			first := liveRoomRequest(id)
			first.RoomInfo.OwnerAccount = wire.Ptr(ownerA)
			created := time.Now()
			mustCreateLiveRoom(ctx, first)
			waitPastCreateRateWindow(created)

			second := liveRoomRequest(id)
			second.RoomInfo.OwnerAccount = wire.Ptr(ownerB)
			resp := createLiveRoom(ctx, second)
			Expect(resp).To(HaveErrorCode(catalog.CodeRoomIDExists))
			Expect(resp).To(MatchSchema(liveSchema("create_room")))
			Expect(liveRoomInfo(ctx, id).OwnerAccount).To(Equal(ownerA), "the refused create changed the room")
		})

		It("answers 100010 (or 100003) when the room's owner creates its room ID again", labels.Code(100010, 100003), func(ctx SpecContext) {
			req := liveRoomRequest(newLiveRoomID())
			req.RoomInfo.OwnerAccount = wire.Ptr(ownerA)
			created := time.Now()
			mustCreateLiveRoom(ctx, req)
			waitPastCreateRateWindow(created)

			resp := createLiveRoom(ctx, req)
			Expect(resp).To(HaveErrorCode(catalog.CodeRoomIDOwnedByYou, catalog.CodeRoomIDExists))
			Expect(resp).To(MatchSchema(liveSchema("create_room")))
		})

		It("refuses to create the same room ID twice within a second with 100012", labels.Code(100012), func(ctx SpecContext) {
			id := newLiveRoomID()
			started := time.Now()
			mustCreateLiveRoom(ctx, liveRoomRequest(id))
			expectLive(ctx, "destroy_room", wire.LiveRoomIDRequest{RoomID: id}, 0)
			resp := createLiveRoom(ctx, liveRoomRequest(id))
			if elapsed := time.Since(started); elapsed >= time.Second {
				Skip(fmt.Sprintf("create, destroy and create took %v on this target: the once-per-second rule cannot be observed", elapsed))
			}
			Expect(resp).To(HaveErrorCode(catalog.CodeCreateTooOften))
			Expect(resp).To(MatchSchema(liveSchema("create_room")))
		})

		It("refuses a room ID that a Chat group uses with 100011", labels.Code(100011), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := newLiveRoomID()
			Expect(session.Control.AddChatGroup(ctx, id)).To(Succeed())
			resp := createLiveRoom(ctx, liveRoomRequest(id))
			Expect(resp).To(HaveErrorCode(catalog.CodeRoomIDUsedByChat))
			Expect(resp).To(MatchSchema(liveSchema("create_room")))
		})
	})

	// Get the Room Information, the seed page: https://trtc.io/document/63404
	Describe("get_room_info", labels.Command(liveSvc, "get_room_info"), func() {

		It("answers the seed page's packet, every documented field checked against its schema", labels.Code(0), func(ctx SpecContext) {
			id := newLiveRoomID()
			mustCreateLiveRoom(ctx, wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{
				RoomID: id, RoomType: wire.Ptr("Live"), SeatTemplate: wire.Ptr("Karaoke"), OwnerAccount: wire.Ptr(ownerB),
				RoomName: wire.Ptr("rname-123"), TakeSeatMode: wire.Ptr(wire.LiveSeatApplyToTake), MaxSeatCount: wire.Ptr(8),
				IsMessageDisabled: wire.Ptr(true), IsPublicVisible: wire.Ptr(true), CoverURL: wire.Ptr("https://xxxx.png"),
				Category: &[]int{1, 2, 3},
			}})
			expectLive(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{
				RoomID: id, ActivityStatus: wire.Ptr(1), MaxMemberCount: wire.Ptr(15),
			}}, 0)

			answer, resp, err := session.Client.Live.GetRoomInfo(ctx, id)
			answered(resp, err)
			Expect(resp).To(HaveErrorCode(0))
			Expect(resp).To(MatchSchema(liveSchema("get_room_info")), "every field of Response.RoomInfo is required and typed")
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
			id := liveRoom(ctx)
			enter(ctx, id, member1, member2)
			Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
			enter(ctx, id, member1)
			Expect(liveRoomInfo(ctx, id).ViewCount).To(BeEquivalentTo(3))
		})

		It("answers 100004 for a room that never existed", labels.Code(100004), func(ctx SpecContext) {
			expectLiveRoomGone(ctx, newLiveRoomID())
		})

		It("answers 100004 for a dissolved room", labels.Code(100004), func(ctx SpecContext) {
			id := liveRoom(ctx)
			expectLive(ctx, "destroy_room", wire.LiveRoomIDRequest{RoomID: id}, 0)
			expectLiveRoomGone(ctx, id)
		})

		DescribeTable("refuses a packet without a valid RoomId with 100002",
			func(ctx SpecContext, body string) {
				expectLive(ctx, "get_room_info", body, catalog.CodeInvalidParameter)
			},
			Entry("RoomId missing", labels.Code(100002), `{}`),
			Entry("RoomId not a string", labels.Code(100002), `{"RoomId":12345}`),
		)
	})

	// Update the Room Information: https://trtc.io/document/63419
	Describe("update_room_info", labels.Command(liveSvc, "update_room_info"), func() {

		It("changes every updatable field and get_room_info returns the new values", labels.Code(0), func(ctx SpecContext) {
			id := liveRoom(ctx)
			expectLive(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{
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
			id := newLiveRoomID()
			req := liveRoomRequest(id)
			req.RoomInfo.RoomName, req.RoomInfo.CoverURL, req.RoomInfo.Category = wire.Ptr("kept"), wire.Ptr("https://kept"), &[]int{9}
			mustCreateLiveRoom(ctx, req)
			before := liveRoomInfo(ctx, id)
			expectLive(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: id, IsMessageDisabled: wire.Ptr(true)}}, 0)
			after := liveRoomInfo(ctx, id)
			Expect(after.IsMessageDisabled).To(BeTrue())
			before.IsMessageDisabled = true
			Expect(after).To(Equal(before))
		})

		It("accepts a 100-byte RoomName, a 200-byte CoverURL and a 100-byte Notice of 3-byte characters", labels.Code(0), func(ctx SpecContext) {
			id := liveRoom(ctx)
			expectLive(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{
				RoomID: id, RoomName: wire.Ptr(utf8OfBytes(100)), CoverURL: wire.Ptr(utf8OfBytes(200)), Notice: wire.Ptr(utf8OfBytes(100)),
			}}, 0)
			Expect(liveRoomInfo(ctx, id)).To(MatchFields(map[string]any{"RoomName": utf8OfBytes(100), "CoverURL": utf8OfBytes(200)}))
		})

		DescribeTable("refuses a packet that breaks a documented constraint with 100002, and changes nothing",
			func(ctx SpecContext, fields string) {
				id := liveRoom(ctx)
				before := liveRoomInfo(ctx, id)
				expectLive(ctx, "update_room_info", roomJSON(id, fields), catalog.CodeInvalidParameter)
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

		DescribeTable("refuses a packet without a valid RoomId with 100002",
			func(ctx SpecContext, body string) {
				expectLive(ctx, "update_room_info", body, catalog.CodeInvalidParameter)
			},
			Entry("RoomInfo missing", labels.Code(100002), `{}`),
			Entry("RoomId missing", labels.Code(100002), `{"RoomInfo":{"RoomName":"x"}}`),
			Entry("RoomId not a string", labels.Code(100002), `{"RoomInfo":{"RoomId":true}}`),
		)

		It("answers 100004 for a room that never existed", labels.Code(100004), func(ctx SpecContext) {
			expectLive(ctx, "update_room_info", roomJSON(newLiveRoomID(), `"RoomName":"ghost"`), catalog.CodeRoomNotFound)
		})
	})

	// Destroy a Room: https://trtc.io/document/63406
	Describe("destroy_room", labels.Command(liveSvc, "destroy_room"), func() {

		It("dissolves a room, after which get_room_info answers 100004", labels.Code(0, 100004), func(ctx SpecContext) {
			id := liveRoom(ctx)
			stats, resp, err := session.Client.Live.DestroyRoom(ctx, id)
			answered(resp, err)
			Expect(resp).To(HaveErrorCode(0))
			Expect(resp).To(MatchSchema(liveSchema("destroy_room")))
			// L-05: the 2025-11 pages answer the room's statistics, the 2024 ones the envelope only.
			if stats.Response != nil && stats.Response.Statistic != nil {
				Expect(stats.Response.Statistic.TotalViewers).To(BeZero(), "nobody entered the room")
			}
			expectLiveRoomGone(ctx, id)
			expectLive(ctx, "destroy_room", wire.LiveRoomIDRequest{RoomID: id}, catalog.CodeRoomNotFound)
		})

		It("reports every entry in TotalViewers, where it reports statistics", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := liveRoom(ctx)
			enter(ctx, id, member1, member2)
			Expect(session.Control.Leave(ctx, id, member2)).To(Succeed())
			enter(ctx, id, member2)
			stats, resp, err := session.Client.Live.DestroyRoom(ctx, id)
			answered(resp, err)
			Expect(resp).To(HaveErrorCode(0))
			Expect(resp).To(MatchSchema(liveSchema("destroy_room")))
			if stats.Response != nil && stats.Response.Statistic != nil {
				Expect(stats.Response.Statistic.TotalViewers).To(BeEquivalentTo(3), "a user who entered N times counts N")
			}
			expectLiveRoomGone(ctx, id)
		})

		It("answers 100004 for a room that never existed", labels.Code(100004), func(ctx SpecContext) {
			expectLive(ctx, "destroy_room", wire.LiveRoomIDRequest{RoomID: newLiveRoomID()}, catalog.CodeRoomNotFound)
		})

		DescribeTable("refuses a packet without a valid RoomId with 100002",
			func(ctx SpecContext, body string) {
				expectLive(ctx, "destroy_room", body, catalog.CodeInvalidParameter)
			},
			Entry("RoomId missing", labels.Code(100002), `{}`),
			Entry("RoomId not a string", labels.Code(100002), `{"RoomId":["a"]}`),
		)
	})

	// The auto-dismiss rules of the destroy_room page: once someone entered, a room that stays
	// empty for a period (10 minutes to 24 hours, set per application) is dissolved.
	Describe("auto-dismiss rule 1", Serial, labels.NeedsControlPlane(), labels.Command(liveSvc, "get_room_info"), func() {

		It("keeps a room left empty for less than 10 minutes and dissolves it within 24 hours", labels.Code(0, 100004), func(ctx SpecContext) {
			id := liveRoom(ctx)
			enter(ctx, id, member1)
			Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
			restoreClockWhenDone()
			_, err := session.Control.Advance(ctx, 9*time.Minute)
			Expect(err).NotTo(HaveOccurred())
			Expect(liveRoomInfo(ctx, id).RoomID).To(Equal(id), "dissolved before the shortest period the page allows")
			_, err = session.Control.Advance(ctx, 24*time.Hour)
			Expect(err).NotTo(HaveOccurred())
			_, resp, err := longTicketClient().Live.GetRoomInfo(ctx, id)
			answered(resp, err)
			Expect(resp).To(HaveErrorCode(catalog.CodeRoomNotFound), "still there 24 hours after it was left empty")
			Expect(resp).To(MatchSchema(liveSchema("get_room_info")))
		})

		It("keeps a room nobody entered, and a room somebody is in", labels.Code(0), func(ctx SpecContext) {
			untouched := liveRoom(ctx)
			occupied := liveRoom(ctx)
			enter(ctx, occupied, member1)
			restoreClockWhenDone()
			_, err := session.Control.Advance(ctx, 25*time.Hour)
			Expect(err).NotTo(HaveOccurred())
			far := longTicketClient()
			for _, id := range []string{untouched, occupied} {
				answer, resp, err := far.Live.GetRoomInfo(ctx, id)
				answered(resp, err)
				Expect(resp).To(HaveErrorCode(0), "room %s was dissolved", id)
				Expect(resp).To(MatchSchema(liveSchema("get_room_info")))
				info := &answer.Response.RoomInfo
				Expect(info.RoomID).To(Equal(id))
			}
		})
	})

	// Get the Room List: https://trtc.io/document/63405
	Describe("get_room_list", labels.Command(liveSvc, "get_room_list"), func() {

		It("lists public rooms with the documented fields and not hidden ones", labels.Code(0), func(ctx SpecContext) {
			public := newLiveRoomID()
			req := liveRoomRequest(public)
			req.RoomInfo.OwnerAccount, req.RoomInfo.RoomName = wire.Ptr(ownerA), wire.Ptr("listed")
			req.RoomInfo.CoverURL, req.RoomInfo.Category = wire.Ptr("https://example.com/c.png"), &[]int{7, 8}
			mustCreateLiveRoom(ctx, req)
			expectLive(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: public, ActivityStatus: wire.Ptr(1)}}, 0)
			hidden := newLiveRoomID()
			hiddenReq := liveRoomRequest(hidden)
			hiddenReq.RoomInfo.IsPublicVisible = wire.Ptr(false)
			mustCreateLiveRoom(ctx, hiddenReq)

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
			expectLive(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: hidden, IsPublicVisible: wire.Ptr(true)}}, 0)
			expectLive(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: public, IsPublicVisible: wire.Ptr(false)}}, 0)
			ids := listedIDs(liveRoomList(ctx, nil))
			Expect(ids).To(ContainElement(hidden))
			Expect(ids).NotTo(ContainElement(public))
		})

		It("pages with Count and Next, each page holding at most Count rooms", labels.Code(0), func(ctx SpecContext) {
			rooms := []string{liveRoom(ctx), liveRoom(ctx), liveRoom(ctx)}
			ids := listedIDs(liveRoomList(ctx, wire.Ptr(2)))
			for _, id := range rooms {
				Expect(ids).To(ContainElement(id))
			}
		})

		It("lists the most viewed rooms first", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			least, middle, most := liveRoom(ctx), liveRoom(ctx), liveRoom(ctx)
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

		It("refuses a Count over 20 with 100002, or returns at most 20 rooms", labels.Code(0, 100002), func(ctx SpecContext) {
			resp := expectLive(ctx, "get_room_list", `{"Next":"","Count":21}`, 0, catalog.CodeInvalidParameter)
			if resp.Code() == 0 {
				var page wire.LiveGetRoomListResponse
				Expect(resp.Decode(&page)).To(Succeed())
				Expect(len(page.Response.RoomList)).To(BeNumerically("<=", 20))
			}
		})

		DescribeTable("refuses a malformed packet with 100002",
			func(ctx SpecContext, body string) {
				expectLive(ctx, "get_room_list", body, catalog.CodeInvalidParameter)
			},
			Entry("Count not an integer", labels.Code(100002), `{"Next":"","Count":"20"}`),
			Entry("Count 0", labels.Code(100002), `{"Next":"","Count":0}`),
			Entry("Next not a string", labels.Code(100002), `{"Next":0,"Count":20}`),
		)

		It("answers every call spaced within the documented 10 calls per second", Serial, labels.Code(0), func(ctx SpecContext) {
			Expect(catalog.MustLookup(liveSvc, "get_room_list").MaxQPS).To(Equal(10), "the client's budget reads the catalog")
			started := time.Now()
			for range 12 {
				resp := liveCall(ctx, "get_room_list", wire.LiveGetRoomListRequest{Next: "", Count: wire.Ptr(1)})
				Expect(resp).To(HaveErrorCode(0), "a call within the documented frequency was refused")
			}
			Expect(time.Since(started)).To(BeNumerically(">=", time.Second), "the client did not space get_room_list to 10 calls/s")
		})

		It("answers calls beyond 10 per second with a rate-limit code and the others normally", Serial,
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
					Expect(resp).To(MatchSchema(liveSchema("get_room_list")))
					if catalogHas(catalog.RateLimitCodes, resp.Code()) {
						limited++
						Expect(resp).To(HaveErrorCode(catalog.RateLimitCodes...))
					} else {
						Expect(resp).To(HaveErrorCode(0))
					}
				}
				Expect(limited).To(BeNumerically(">", 0), "%d calls in a burst, documented limit 10/s: none was limited", burst)
			})
	})

	// Get / Set / Delete Room Metadata: https://trtc.io/document/64374, https://trtc.io/document/64375,
	// https://www.tencentcloud.com/document/product/647/64376
	Describe("room metadata", func() {

		It("adds and overwrites pairs and reads all keys or the keys asked for", labels.Command(liveSvc, "set_room_metadata"),
			labels.Command(liveSvc, "get_room_metadata"), labels.Code(0), func(ctx SpecContext) {
				id := liveRoom(ctx)
				Expect(liveMetadata(ctx, id)).To(BeEmpty(), "a new room has metadata")
				resp := setLiveMetadata(ctx, id, "key1", "value1", "key2", "value2")
				Expect(resp).To(HaveErrorCode(0))
				Expect(resp).To(MatchSchema(liveSchema("set_room_metadata")))
				Expect(setLiveMetadata(ctx, id, "key1", "value1b")).To(HaveErrorCode(0))

				Expect(liveMetadata(ctx, id)).To(Equal(map[string]string{"key1": "value1b", "key2": "value2"}))
				Expect(liveMetadata(ctx, id, "key2")).To(Equal(map[string]string{"key2": "value2"}))
			})

		It("deletes the keys given", labels.Command(liveSvc, "del_room_metadata"), labels.Code(0), func(ctx SpecContext) {
			id := liveRoom(ctx)
			Expect(setLiveMetadata(ctx, id, "key1", "value1", "key2", "value2", "key3", "value3")).To(HaveErrorCode(0))
			expectLive(ctx, "del_room_metadata", wire.LiveDelRoomMetadataRequest{RoomID: id, Keys: []string{"key1", "key3"}}, 0)
			Expect(liveMetadata(ctx, id)).To(Equal(map[string]string{"key2": "value2"}))
		})

		It("accepts a 50-byte key and a 2000-byte value of 3-byte characters", labels.Command(liveSvc, "set_room_metadata"), labels.Code(0), func(ctx SpecContext) {
			id := liveRoom(ctx)
			key, value := utf8OfBytes(50), utf8OfBytes(2000)
			Expect(setLiveMetadata(ctx, id, key, value)).To(HaveErrorCode(0))
			Expect(liveMetadata(ctx, id, key)).To(Equal(map[string]string{key: value}))
		})

		DescribeTable("refuses a malformed set with 100002, and changes nothing",
			labels.Command(liveSvc, "set_room_metadata"),
			func(ctx SpecContext, metadata string) {
				id := liveRoom(ctx)
				expectLive(ctx, "set_room_metadata", `{"RoomId":"`+id+`"`+metadata+`}`, catalog.CodeInvalidParameter)
				Expect(liveMetadata(ctx, id)).To(BeEmpty())
			},
			Entry("a key of 51 bytes in 17 characters", labels.Code(100002), `,"Metadata":[{"Key":"`+strings.Repeat("€", 17)+`","Value":"v"}]`),
			Entry("a pair without Value", labels.Code(100002), `,"Metadata":[{"Key":"k"}]`),
			Entry("a Value that is not a string", labels.Code(100002), `,"Metadata":[{"Key":"k","Value":1}]`),
			Entry("Metadata missing", labels.Code(100002), ``),
			Entry("Metadata not a list", labels.Code(100002), `,"Metadata":{"Key":"k","Value":"v"}`),
		)

		It("refuses a value over 2 KB with 100501 (or 100002)", labels.Command(liveSvc, "set_room_metadata"), labels.Code(100501, 100002), func(ctx SpecContext) {
			id := liveRoom(ctx)
			resp := setLiveMetadata(ctx, id, "big", strings.Repeat("x", 2049))
			Expect(resp).To(HaveErrorCode(catalog.CodeMetadataValueTooBig, catalog.CodeInvalidParameter))
			Expect(resp).To(MatchSchema(liveSchema("set_room_metadata")))
			Expect(liveMetadata(ctx, id)).To(BeEmpty())
		})

		It("refuses an eleventh key with 100500 (or 100002)", labels.Command(liveSvc, "set_room_metadata"), labels.Code(0, 100500, 100002), func(ctx SpecContext) {
			id := liveRoom(ctx)
			pairs := make([]string, 0, 20)
			for i := range 10 {
				pairs = append(pairs, fmt.Sprintf("key%02d", i), "v")
			}
			Expect(setLiveMetadata(ctx, id, pairs...)).To(HaveErrorCode(0), "ten keys are allowed")
			resp := setLiveMetadata(ctx, id, "key10", "v")
			Expect(resp).To(HaveErrorCode(catalog.CodeTooManyMetadataKeys, catalog.CodeInvalidParameter))
			Expect(resp).To(MatchSchema(liveSchema("set_room_metadata")))
			Expect(liveMetadata(ctx, id)).To(HaveLen(10))
		})

		It("refuses values over 16 KB in total with 100502 (or 100002)", labels.Command(liveSvc, "set_room_metadata"), labels.Code(0, 100502, 100002), func(ctx SpecContext) {
			id := liveRoom(ctx)
			pairs := make([]string, 0, 16)
			for i := range 8 {
				pairs = append(pairs, fmt.Sprintf("key%d", i), strings.Repeat("x", 2000))
			}
			Expect(setLiveMetadata(ctx, id, pairs...)).To(HaveErrorCode(0), "16000 bytes are within 16 KB")
			resp := setLiveMetadata(ctx, id, "key8", strings.Repeat("x", 2000))
			Expect(resp).To(HaveErrorCode(catalog.CodeMetadataTooBig, catalog.CodeInvalidParameter))
			Expect(resp).To(MatchSchema(liveSchema("set_room_metadata")))
			Expect(liveMetadata(ctx, id)).To(HaveLen(8))
		})

		DescribeTable("refuses a malformed packet with 100002",
			func(ctx SpecContext, command, fields string) {
				expectLive(ctx, command, `{"RoomId":"`+liveRoom(ctx)+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("get without Keys", labels.Command(liveSvc, "get_room_metadata"), labels.Code(100002), "get_room_metadata", ``),
			Entry("get with a key that is not a string", labels.Command(liveSvc, "get_room_metadata"), labels.Code(100002), "get_room_metadata", `,"Keys":[1]`),
			Entry("delete without Keys", labels.Command(liveSvc, "del_room_metadata"), labels.Code(100002), "del_room_metadata", ``),
			Entry("delete with Keys not a list", labels.Command(liveSvc, "del_room_metadata"), labels.Code(100002), "del_room_metadata", `,"Keys":"key1"`),
		)

		DescribeTable("answers a room that does not exist with 100004",
			func(ctx SpecContext, command, fields string, codes []int) {
				expectLive(ctx, command, `{"RoomId":"`+newLiveRoomID()+`"`+fields+`}`, codes...)
			},
			Entry("get_room_metadata", labels.Command(liveSvc, "get_room_metadata"), labels.Code(100004),
				"get_room_metadata", `,"Keys":[]`, []int{catalog.CodeRoomNotFound}),
			Entry("set_room_metadata", labels.Command(liveSvc, "set_room_metadata"), labels.Code(100004),
				"set_room_metadata", `,"Metadata":[{"Key":"k","Value":"v"}]`, []int{catalog.CodeRoomNotFound}),
			// L-14: del_room_metadata's complete table has no 100004.
			Entry("del_room_metadata (or 100002: its table lacks 100004)", labels.Command(liveSvc, "del_room_metadata"), labels.Code(100004, 100002),
				"del_room_metadata", `,"Keys":["k"]`, []int{catalog.CodeRoomNotFound, catalog.CodeInvalidParameter}),
		)
	})

	// Change Owner: https://trtc.io/document/72534
	Describe("change_room_owner", labels.Command(liveSvc, "change_room_owner"), func() {

		It("hands the room to another account, as get_room_info shows", labels.Code(0), func(ctx SpecContext) {
			id := liveRoom(ctx)
			expectLive(ctx, "change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: id, NewOwnerAccount: ownerB}, 0)
			Expect(liveRoomInfo(ctx, id).OwnerAccount).To(Equal(ownerB))
		})

		It("refuses a banned new owner with 100016", labels.Code(100016), func(ctx SpecContext) {
			id := liveRoom(ctx)
			liveBan(ctx, id, 3600, ownerB)
			expectLive(ctx, "change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: id, NewOwnerAccount: ownerB}, catalog.CodeNewOwnerBanned)
			Expect(liveRoomInfo(ctx, id).OwnerAccount).To(Equal(ownerA), "a refused transfer changed the owner")

			By("accepting the same account once unbanned")
			expectLive(ctx, "unban_member", wire.LiveUnbanMemberRequest{RoomID: id, MemberListAccount: []string{ownerB}}, 0)
			expectLive(ctx, "change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: id, NewOwnerAccount: ownerB}, 0)
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectLive(ctx, "change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: newLiveRoomID(), NewOwnerAccount: ownerB}, catalog.CodeRoomNotFound)
		})

		DescribeTable("refuses a packet without a valid new owner",
			func(ctx SpecContext, fields string, codes []int) {
				expectLive(ctx, "change_room_owner", `{"RoomId":"`+liveRoom(ctx)+`"`+fields+`}`, codes...)
			},
			Entry("NewOwner_Account missing (100002)", labels.Code(100002), ``, []int{catalog.CodeInvalidParameter}),
			Entry("NewOwner_Account not a string (60015, or 100002)", labels.Code(60015, 100002), `,"NewOwner_Account":10086`,
				[]int{catalog.CodeAccountType, catalog.CodeInvalidParameter}),
		)
	})

	// Get the Room Member List: https://trtc.io/document/66908
	Describe("get_member_list", labels.Command(liveSvc, "get_member_list"), func() {

		It("lists nobody in a room nobody entered", labels.Code(0), func(ctx SpecContext) {
			list, count := liveMembers(ctx, liveRoom(ctx))
			Expect(list).To(BeEmpty())
			Expect(count).To(BeZero())
		})

		It("lists the members who entered and counts them, once the 40-second refresh has passed",
			Serial, labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
				id := liveRoom(ctx)
				enter(ctx, id, ownerA, member1, member2)
				advancePastMemberRefresh(ctx)
				list, count := liveMembers(ctx, id)
				Expect(list).To(ConsistOf(ownerA, member1, member2))
				Expect(count).To(Equal(3))

				Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
				advancePastMemberRefresh(ctx)
				list, count = liveMembers(ctx, id)
				Expect(list).To(ConsistOf(ownerA, member2))
				Expect(count).To(Equal(2))
			})

		It("pages through a crowd with Next, losing and repeating nobody", Serial, labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			crowd := crowdOf(ctx, 110)
			id := liveRoom(ctx)
			enter(ctx, id, crowd...)
			advancePastMemberRefresh(ctx)
			list, count := liveMembers(ctx, id)
			Expect(list).To(ConsistOf(crowd))
			Expect(count).To(Equal(len(crowd)))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectLive(ctx, "get_member_list", wire.LiveGetMemberListRequest{RoomID: newLiveRoomID()}, catalog.CodeRoomNotFound)
		})

		It("answers 100006 (its truncated text), or 100004, for a room that is not a Live room", labels.Code(100006, 100004), func(ctx SpecContext) {
			conference := newRoomID()
			mustCreateRoom(ctx, minimalRoom(conference))
			expectLive(ctx, "get_member_list", wire.LiveGetMemberListRequest{RoomID: conference}, catalog.CodeNoPermission, catalog.CodeRoomNotFound)
		})

		DescribeTable("refuses a malformed packet with 100002",
			func(ctx SpecContext, body func(id string) string) {
				expectLive(ctx, "get_member_list", body(liveRoom(ctx)), catalog.CodeInvalidParameter)
			},
			Entry("Next not a string", labels.Code(100002), func(id string) string { return `{"RoomId":"` + id + `","Next":0}` }),
			Entry("RoomId not a string", labels.Code(100002), func(string) string { return `{"RoomId":7,"Next":""}` }),
		)
	})

	// Mute Members: https://trtc.io/document/66969, Get the Muted Member List: https://trtc.io/document/69894
	Describe("mutes", func() {

		It("mutes members for MuteTime seconds and lists each with the mute's end", labels.Command(liveSvc, "mute_member"),
			labels.Command(liveSvc, "get_muted_member_list"), labels.Code(0), func(ctx SpecContext) {
				id := liveRoom(ctx)
				before := time.Now().Unix()
				expectLive(ctx, "mute_member", wire.LiveMuteMemberRequest{RoomID: id, MemberListAccount: []string{member1, member2}, MuteTime: 3600}, 0)
				list := liveMuted(ctx, id)
				Expect(mutedAccounts(list)).To(ConsistOf(member1, member2))
				for _, m := range list {
					Expect(m.MutedUntil).To(BeNumerically("~", before+3600, clockSkew.Seconds()), "MutedUntil is not the mute's end")
				}
			})

		It("lifts a mute with MuteTime 0", labels.Command(liveSvc, "mute_member"), labels.Code(0), func(ctx SpecContext) {
			id := liveRoom(ctx)
			expectLive(ctx, "mute_member", wire.LiveMuteMemberRequest{RoomID: id, MemberListAccount: []string{member1, member2}, MuteTime: 3600}, 0)
			expectLive(ctx, "mute_member", wire.LiveMuteMemberRequest{RoomID: id, MemberListAccount: []string{member1}, MuteTime: 0}, 0)
			Expect(mutedAccounts(liveMuted(ctx, id))).To(ConsistOf(member2))
		})

		It("lists a mute no more once it has ended", Serial, labels.Command(liveSvc, "get_muted_member_list"), labels.Code(0),
			labels.NeedsControlPlane(), func(ctx SpecContext) {
				id := liveRoom(ctx)
				restoreClockWhenDone()
				expectLive(ctx, "mute_member", wire.LiveMuteMemberRequest{RoomID: id, MemberListAccount: []string{member1}, MuteTime: 60}, 0)
				_, err := session.Control.Advance(ctx, 61*time.Second)
				Expect(err).NotTo(HaveOccurred())
				Expect(liveMuted(ctx, id)).To(BeEmpty())
			})

		DescribeTable("refuses a malformed mute with 100002",
			labels.Command(liveSvc, "mute_member"),
			func(ctx SpecContext, fields string) {
				id := liveRoom(ctx)
				expectLive(ctx, "mute_member", `{"RoomId":"`+id+`"`+fields+`}`, catalog.CodeInvalidParameter)
				Expect(liveMuted(ctx, id)).To(BeEmpty())
			},
			Entry("MemberList_Account missing", labels.Code(100002), `,"MuteTime":60`),
			Entry("MemberList_Account empty", labels.Code(100002), `,"MemberList_Account":[],"MuteTime":60`),
			Entry("MuteTime missing", labels.Code(100002), `,"MemberList_Account":["`+member1+`"]`),
			Entry("MuteTime negative", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"MuteTime":-1`),
			Entry("MuteTime not an integer", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"MuteTime":"60"`),
		)

		It("refuses a muted-list packet without a RoomId with 100002", labels.Command(liveSvc, "get_muted_member_list"), labels.Code(100002), func(ctx SpecContext) {
			expectLive(ctx, "get_muted_member_list", `{}`, catalog.CodeInvalidParameter)
		})

		DescribeTable("answers 100004 for a room that does not exist",
			func(ctx SpecContext, command, fields string) {
				expectLive(ctx, command, `{"RoomId":"`+newLiveRoomID()+`"`+fields+`}`, catalog.CodeRoomNotFound)
			},
			Entry("mute_member", labels.Command(liveSvc, "mute_member"), labels.Code(100004), "mute_member", `,"MemberList_Account":["`+member1+`"],"MuteTime":60`),
			Entry("get_muted_member_list", labels.Command(liveSvc, "get_muted_member_list"), labels.Code(100004), "get_muted_member_list", ``),
		)
	})

	// Ban Room Members: https://trtc.io/document/63423, Unban: https://www.tencentcloud.com/document/product/647/63426,
	// Get the Banned Member List: https://trtc.io/document/63424
	Describe("bans", func() {

		It("bans users and lists each ban with its end", labels.Command(liveSvc, "ban_member"),
			labels.Command(liveSvc, "get_banned_member_list"), labels.Code(0), func(ctx SpecContext) {
				id := liveRoom(ctx)
				before := time.Now().Unix()
				liveBan(ctx, id, 3600, member1, member2)
				list := liveBans(ctx, id, nil)
				Expect(bannedAccounts(list)).To(ConsistOf(member1, member2))
				for _, b := range list {
					Expect(b.BannedUntil).To(BeNumerically("~", before+3600, clockSkew.Seconds()), "BannedUntil is not the ban's end")
				}
			})

		It("keeps a banned user from entering until the ban ends", Serial, labels.Command(liveSvc, "ban_member"), labels.Code(0),
			labels.NeedsControlPlane(), func(ctx SpecContext) {
				id := liveRoom(ctx)
				restoreClockWhenDone()
				liveBan(ctx, id, 600, member1)
				Expect(session.Control.Enter(ctx, id, member1)).To(MatchError(control.ErrRefused), "a banned user entered the room")
				_, err := session.Control.Advance(ctx, 610*time.Second)
				Expect(err).NotTo(HaveOccurred())
				Expect(bannedAccounts(liveBans(ctx, id, nil))).To(BeEmpty(), "an ended ban is still listed")
				enter(ctx, id, member1)
			})

		It("accepts a 200-byte Reason of 3-byte characters", labels.Command(liveSvc, "ban_member"), labels.Code(0), func(ctx SpecContext) {
			id := liveRoom(ctx)
			expectLive(ctx, "ban_member", wire.LiveBanMemberRequest{RoomID: id, MemberListAccount: []string{member1}, Reason: wire.Ptr(utf8OfBytes(200)), Duration: 60}, 0)
			Expect(bannedAccounts(liveBans(ctx, id, nil))).To(ConsistOf(member1))
		})

		It("lifts a ban with unban_member", labels.Command(liveSvc, "unban_member"), labels.Code(0), func(ctx SpecContext) {
			id := liveRoom(ctx)
			liveBan(ctx, id, 3600, member1, member2)
			expectLive(ctx, "unban_member", wire.LiveUnbanMemberRequest{RoomID: id, MemberListAccount: []string{member1}}, 0)
			Expect(bannedAccounts(liveBans(ctx, id, nil))).To(ConsistOf(member2))
		})

		DescribeTable("pages through the banned list by Offset, losing and repeating nobody",
			labels.Command(liveSvc, "get_banned_member_list"), labels.Code(0),
			func(ctx SpecContext, pageSize int, size int) {
				crowd := crowdOf(ctx, size)
				id := liveRoom(ctx)
				liveBan(ctx, id, 3600, crowd...)
				var limit *int
				if pageSize > 0 {
					limit = wire.Ptr(pageSize)
				}
				Expect(bannedAccounts(liveBans(ctx, id, limit))).To(ConsistOf(crowd))
			},
			paginationEntries([]int{1, 7, 0}, 20),
		)

		DescribeTable("refuses a malformed ban with 100002",
			labels.Command(liveSvc, "ban_member"),
			func(ctx SpecContext, fields string) {
				id := liveRoom(ctx)
				expectLive(ctx, "ban_member", `{"RoomId":"`+id+`"`+fields+`}`, catalog.CodeInvalidParameter)
				Expect(liveBans(ctx, id, nil)).To(BeEmpty())
			},
			Entry("21 accounts", labels.Code(100002), `,"MemberList_Account":`+accountsJSON(21)+`,"Duration":60`),
			Entry("MemberList_Account missing", labels.Code(100002), `,"Duration":60`),
			Entry("Duration missing", labels.Code(100002), `,"MemberList_Account":["`+member1+`"]`),
			Entry("Duration not an integer", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"Duration":"60"`),
			Entry("Reason not a string", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"Duration":60,"Reason":1`),
		)

		DescribeTable("refuses a malformed unban with 100002",
			labels.Command(liveSvc, "unban_member"),
			func(ctx SpecContext, fields string) {
				expectLive(ctx, "unban_member", `{"RoomId":"`+liveRoom(ctx)+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("21 accounts", labels.Code(100002), `,"MemberList_Account":`+accountsJSON(21)),
			Entry("MemberList_Account missing", labels.Code(100002), ``),
		)

		DescribeTable("refuses a malformed banned-list request with 100002",
			labels.Command(liveSvc, "get_banned_member_list"),
			func(ctx SpecContext, fields string) {
				expectLive(ctx, "get_banned_member_list", `{"RoomId":"`+liveRoom(ctx)+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("Limit over 100", labels.Code(100002), `,"Limit":101,"Offset":0`),
			Entry("Offset negative", labels.Code(100002), `,"Limit":10,"Offset":-1`),
		)

		DescribeTable("answers 100004 for a room that does not exist",
			func(ctx SpecContext, command, fields string) {
				expectLive(ctx, command, `{"RoomId":"`+newLiveRoomID()+`"`+fields+`}`, catalog.CodeRoomNotFound)
			},
			Entry("ban_member", labels.Command(liveSvc, "ban_member"), labels.Code(100004), "ban_member", `,"MemberList_Account":["`+member1+`"],"Duration":60`),
			Entry("unban_member", labels.Command(liveSvc, "unban_member"), labels.Code(100004), "unban_member", `,"MemberList_Account":["`+member1+`"]`),
			Entry("get_banned_member_list", labels.Command(liveSvc, "get_banned_member_list"), labels.Code(100004), "get_banned_member_list", `,"Offset":0,"Limit":10`),
		)
	})

	// Get the Admin List: https://www.tencentcloud.com/document/product/647/63425,
	// Modify Admins: https://www.tencentcloud.com/document/product/1071/76881
	Describe("administrators", func() {

		It("adds administrators, lists them and deletes them", labels.Command(liveSvc, "modify_admin"),
			labels.Command(liveSvc, "get_admin_list"), labels.Code(0), func(ctx SpecContext) {
				id := liveRoom(ctx)
				Expect(liveAdmins(ctx, id)).To(BeEmpty())
				expectLive(ctx, "modify_admin", wire.LiveModifyAdminRequest{RoomID: id, AdminAccount: []string{member1, member2}, OpType: wire.LiveAdminAdd}, 0)
				Expect(liveAdmins(ctx, id)).To(ConsistOf(member1, member2))
				expectLive(ctx, "modify_admin", wire.LiveModifyAdminRequest{RoomID: id, AdminAccount: []string{member1}, OpType: wire.LiveAdminDelete}, 0)
				Expect(liveAdmins(ctx, id)).To(ConsistOf(member2))
			})

		It("refuses a sixth administrator with 100020, and changes nothing", labels.Command(liveSvc, "modify_admin"), labels.Code(0, 100020), func(ctx SpecContext) {
			id := liveRoom(ctx)
			five := append([]string{ownerB, member1, member2}, crowdOf(ctx, 3)[:2]...)
			expectLive(ctx, "modify_admin", wire.LiveModifyAdminRequest{RoomID: id, AdminAccount: five, OpType: wire.LiveAdminAdd}, 0)
			sixth := crowdOf(ctx, 3)[2]
			expectLive(ctx, "modify_admin", wire.LiveModifyAdminRequest{RoomID: id, AdminAccount: []string{sixth}, OpType: wire.LiveAdminAdd}, catalog.CodeTooManyAdmins)
			admins := liveAdmins(ctx, id)
			sort.Strings(admins)
			Expect(admins).To(ConsistOf(five))
		})

		DescribeTable("refuses a malformed change with 100002",
			labels.Command(liveSvc, "modify_admin"),
			func(ctx SpecContext, fields string) {
				id := liveRoom(ctx)
				expectLive(ctx, "modify_admin", `{"RoomId":"`+id+`"`+fields+`}`, catalog.CodeInvalidParameter)
				Expect(liveAdmins(ctx, id)).To(BeEmpty())
			},
			Entry("an OpType that is neither add nor delete", labels.Code(100002), `,"Admin_Account":["`+member1+`"],"OpType":"replace"`),
			Entry("OpType missing", labels.Code(100002), `,"Admin_Account":["`+member1+`"]`),
			Entry("Admin_Account missing", labels.Code(100002), `,"OpType":"add"`),
			Entry("Admin_Account not a list", labels.Code(100002), `,"Admin_Account":"`+member1+`","OpType":"add"`),
		)

		It("refuses an admin-list packet without a RoomId with 100002", labels.Command(liveSvc, "get_admin_list"), labels.Code(100002), func(ctx SpecContext) {
			expectLive(ctx, "get_admin_list", `{"RoomId":""}`, catalog.CodeInvalidParameter)
		})

		DescribeTable("answers 100004 for a room that does not exist",
			func(ctx SpecContext, command, fields string) {
				expectLive(ctx, command, `{"RoomId":"`+newLiveRoomID()+`"`+fields+`}`, catalog.CodeRoomNotFound)
			},
			Entry("get_admin_list", labels.Command(liveSvc, "get_admin_list"), labels.Code(100004), "get_admin_list", ``),
			Entry("modify_admin", labels.Command(liveSvc, "modify_admin"), labels.Code(100004), "modify_admin", `,"Admin_Account":["`+member1+`"],"OpType":"add"`),
		)
	})
})

// liveRoomJSON builds {"RoomInfo":{"RoomId":id,"SeatTemplate":…,<fields>}} for packets a typed
// request cannot express.
func liveRoomJSON(id, fields string) string {
	if fields != "" {
		fields = "," + fields
	}
	return `{"RoomInfo":{"RoomId":"` + id + `","SeatTemplate":"` + liveTemplate + `"` + fields + `}}`
}
