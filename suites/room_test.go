package suites

import (
	"fmt"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

const (
	createSchema  = "room_engine_http_srv/create_room.response"
	destroySchema = "room_engine_http_srv/destroy_room.response"
	updateSchema  = "room_engine_http_srv/update_room_info.response"
	getSchema     = "room_engine_http_srv/get_room_info.response"
	// clockSkew is how far the target's clock may be from ours when a spec compares a
	// server-side time with local time.
	clockSkew = 5 * time.Minute
)

var _ = Describe("Room management", labels.Area("room"), func() {

	// Create a Room: https://trtc.io/document/60707
	Describe("create_room", labels.Command(catalog.ServiceRoom, "create_room"), func() {

		It("creates a room with every documented field and get_room_info returns each", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			start := time.Now().Add(time.Hour).Unix()
			mustCreateRoom(ctx, wire.CreateRoomRequest{
				RoomInfo: wire.RoomSettings{
					RoomID:                   id,
					RoomName:                 wire.Ptr("room-name-test"),
					RoomType:                 wire.Ptr("Conference"),
					OwnerAccount:             wire.Ptr(ownerA),
					MaxMemberCount:           wire.Ptr(15),
					ScheduleStartTime:        wire.Ptr(start),
					ScheduleEndTime:          wire.Ptr(start + 1000),
					IsVideoDisabled:          wire.Ptr(true),
					IsAudioDisabled:          wire.Ptr(true),
					IsMessageDisabled:        wire.Ptr(true),
					IsScreenSharingDisabled:  wire.Ptr(true),
					IsCloudRecordingDisabled: wire.Ptr(true),
					CustomInfo:               wire.Ptr("custom123"),
					IsSeatEnabled:            wire.Ptr(true),
					MaxSeatCount:             wire.Ptr(16),
					TakeSeatMode:             wire.Ptr("ApplyToTake"),
				},
				ScheduleInviteeListAccounts: []string{member1, member2},
			})

			info := roomInfo(ctx, id)
			Expect(info).To(MatchFields(map[string]any{
				"RoomID": id, "RoomName": "room-name-test", "RoomType": "Conference", "OwnerAccount": ownerA,
				"MaxMemberCount": 15, "MaxSeatCount": 16, "ScheduleStartTime": start, "ScheduleEndTime": start + 1000,
				"IsVideoDisabled": true, "IsAudioDisabled": true, "IsMessageDisabled": true,
				"IsScreenSharingDisabled": true, "IsCloudRecordingDisabled": true,
				"CustomInfo": "custom123", "IsSeatEnabled": true, "TakeSeatMode": "ApplyToTake",
			}))
			// D-09: CreateTime is the creation time, though the page describes it as the
			// scheduled start; both readings are accepted.
			Expect(info.CreateTime).To(Or(BeNumerically("~", time.Now().Unix(), clockSkew.Seconds()), Equal(start)),
				"CreateTime is neither now (creation) nor ScheduleStartTime (D-09)")
		})

		It("applies the documented defaults to a room created with the mandatory fields only", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			before := time.Now().Unix()
			mustCreateRoom(ctx, minimalRoom(id))

			info := roomInfo(ctx, id)
			Expect(info).To(MatchFields(map[string]any{
				"RoomName":        id,                     // defaults to the room ID
				"OwnerAccount":    session.Settings.Admin, // defaults to the caller (D-25)
				"RoomType":        "Conference",
				"IsVideoDisabled": false, "IsAudioDisabled": false, "IsMessageDisabled": false,
				"IsScreenSharingDisabled": false, "IsCloudRecordingDisabled": false,
				"IsSeatEnabled": false, // seats are not supported by default
			}))
			Expect(info.ScheduleStartTime).To(BeNumerically("~", before, clockSkew.Seconds()), "ScheduleStartTime defaults to now")
			Expect(info.ScheduleEndTime).To(Equal(info.ScheduleStartTime+3600), "ScheduleEndTime defaults to one hour after the start")
			Expect(info.MaxMemberCount).To(BeNumerically(">", 0), "MaxMemberCount defaults to the package limit")
			Expect(info.MaxSeatCount).To(BeNumerically(">", 0), "MaxSeatCount defaults to the package limit")
		})

		It("defaults MaxMemberCount and MaxSeatCount to the package limits and counts no member in a new room",
			labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
				limits, err := session.Control.Config(ctx)
				Expect(err).NotTo(HaveOccurred())
				id := newRoomID()
				mustCreateRoom(ctx, minimalRoom(id))

				info := roomInfo(ctx, id)
				Expect(info.MaxMemberCount).To(Equal(limits.MemberCap))
				Expect(info.MaxSeatCount).To(Equal(limits.SeatCap))
				Expect(info.MemberCount).To(BeZero())
			})

		It("sets the end one hour after a given start when only the start is given", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			start := time.Now().Add(2 * time.Hour).Unix()
			req := minimalRoom(id)
			req.RoomInfo.ScheduleStartTime = wire.Ptr(start)
			mustCreateRoom(ctx, req)

			Expect(roomInfo(ctx, id)).To(MatchFields(map[string]any{"ScheduleStartTime": start, "ScheduleEndTime": start + 3600}))
		})

		It("accepts the CN edition's password fields and, where it reports them, keeps them", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			req := minimalRoom(id)
			req.RoomInfo.IsPasswordEnabled, req.RoomInfo.Password = wire.Ptr(true), wire.Ptr("1234")
			mustCreateRoom(ctx, req)

			// D-10: the English pages do not have these fields; a service may leave them out.
			info := roomInfo(ctx, id)
			if info.IsPasswordEnabled != nil {
				Expect(*info.IsPasswordEnabled).To(BeTrue())
			}
			if info.Password != nil {
				Expect(*info.Password).To(Equal("1234"))
			}
		})

		DescribeTable("accepts values at the documented limits",
			func(ctx SpecContext, mutate func(*wire.CreateRoomRequest), check func(wire.RoomInfo)) {
				id := newRoomID()
				req := minimalRoom(id)
				mutate(&req)
				mustCreateRoom(ctx, req)
				check(roomInfo(ctx, strings.TrimSpace(req.RoomInfo.RoomID)))
			},
			Entry("a 48-byte RoomId", labels.Code(0), func(r *wire.CreateRoomRequest) {
				r.RoomInfo.RoomID = padTo(r.RoomInfo.RoomID, 48)
			}, func(info wire.RoomInfo) { Expect(info.RoomID).To(HaveLen(48)) }),
			Entry("a 100-byte RoomName of 3-byte characters", labels.Code(0), func(r *wire.CreateRoomRequest) {
				r.RoomInfo.RoomName = wire.Ptr(utf8OfBytes(100))
			}, func(info wire.RoomInfo) { Expect(info.RoomName).To(Equal(utf8OfBytes(100))) }),
			Entry("a 500-byte CustomInfo of 3-byte characters", labels.Code(0), func(r *wire.CreateRoomRequest) {
				r.RoomInfo.CustomInfo = wire.Ptr(utf8OfBytes(500))
			}, func(info wire.RoomInfo) { Expect(info.CustomInfo).To(Equal(utf8OfBytes(500))) }),
			Entry("a meeting of exactly 5 minutes", labels.Code(0), func(r *wire.CreateRoomRequest) {
				r.RoomInfo.ScheduleStartTime, r.RoomInfo.ScheduleEndTime = schedule(time.Hour, 300)
			}, func(info wire.RoomInfo) {
				Expect(info.ScheduleEndTime - info.ScheduleStartTime).To(BeEquivalentTo(300))
			}),
			Entry("a meeting of exactly 24 hours", labels.Code(0), func(r *wire.CreateRoomRequest) {
				r.RoomInfo.ScheduleStartTime, r.RoomInfo.ScheduleEndTime = schedule(time.Hour, 86400)
			}, func(info wire.RoomInfo) {
				Expect(info.ScheduleEndTime - info.ScheduleStartTime).To(BeEquivalentTo(86400))
			}),
			Entry("FreeToTake seat mode", labels.Code(0), func(r *wire.CreateRoomRequest) {
				r.RoomInfo.IsSeatEnabled, r.RoomInfo.TakeSeatMode = wire.Ptr(true), wire.Ptr("FreeToTake")
			}, func(info wire.RoomInfo) { Expect(info.TakeSeatMode).To(Equal("FreeToTake")) }),
		)

		It("accepts an invitee list of 300 accounts", labels.Code(0), func(ctx SpecContext) {
			invitees := make([]string, 300)
			for i := range invitees {
				invitees[i] = fmt.Sprintf("trtcconf_invitee_%03d", i)
			}
			importAccounts(ctx, invitees...)
			req := minimalRoom(newRoomID())
			req.ScheduleInviteeListAccounts = invitees
			mustCreateRoom(ctx, req)
		})

		DescribeTable("refuses a packet that breaks a documented constraint with 100002",
			func(ctx SpecContext, body func(id string) string) {
				id := newRoomID()
				trackRoom(id)
				expectRefused(ctx, "create_room", body(id), catalog.CodeInvalidParameter)
			},
			Entry("RoomInfo missing", labels.Code(100002), func(string) string {
				return `{"ScheduleInviteeList_Account":[]}`
			}),
			Entry("RoomId missing", labels.Code(100002), func(string) string {
				return `{"RoomInfo":{"RoomType":"Conference"}}`
			}),
			Entry("RoomId of 49 bytes", labels.Code(100002), func(id string) string {
				return roomJSON(padTo(id, 49), `"RoomType":"Conference"`)
			}),
			Entry("RoomId not a string", labels.Code(100002), func(string) string {
				return `{"RoomInfo":{"RoomId":12345,"RoomType":"Conference"}}`
			}),
			Entry("RoomType missing", labels.Code(100002), func(id string) string {
				return roomJSON(id, `"RoomName":"no type"`)
			}),
			Entry("RoomType not a documented type", labels.Code(100002), func(id string) string {
				return roomJSON(id, `"RoomType":"NotARoomType"`)
			}),
			Entry("RoomName of 102 bytes in 34 characters", labels.Code(100002), func(id string) string {
				return roomJSON(id, `"RoomType":"Conference","RoomName":"`+strings.Repeat("€", 34)+`"`)
			}),
			Entry("CustomInfo of 501 bytes", labels.Code(100002), func(id string) string {
				return roomJSON(id, `"RoomType":"Conference","CustomInfo":"`+utf8OfBytes(501)+`"`)
			}),
			Entry("TakeSeatMode not a documented mode", labels.Code(100002), func(id string) string {
				return roomJSON(id, `"RoomType":"Conference","IsSeatEnabled":true,"TakeSeatMode":"TakeAnySeat"`)
			}),
			Entry("a room-wide switch that is not a boolean", labels.Code(100002), func(id string) string {
				return roomJSON(id, `"RoomType":"Conference","IsVideoDisabled":"true"`)
			}),
			Entry("MaxMemberCount that is not an integer", labels.Code(100002), func(id string) string {
				return roomJSON(id, `"RoomType":"Conference","MaxMemberCount":"10"`)
			}),
			Entry("a meeting of 299 seconds", labels.Code(100002), func(id string) string {
				start := time.Now().Add(time.Hour).Unix()
				return roomJSON(id, fmt.Sprintf(`"RoomType":"Conference","ScheduleStartTime":%d,"ScheduleEndTime":%d`, start, start+299))
			}),
			Entry("a meeting of 24 hours and 1 second", labels.Code(100002), func(id string) string {
				start := time.Now().Add(time.Hour).Unix()
				return roomJSON(id, fmt.Sprintf(`"RoomType":"Conference","ScheduleStartTime":%d,"ScheduleEndTime":%d`, start, start+86401))
			}),
			Entry("an end before the start", labels.Code(100002), func(id string) string {
				start := time.Now().Add(time.Hour).Unix()
				return roomJSON(id, fmt.Sprintf(`"RoomType":"Conference","ScheduleStartTime":%d,"ScheduleEndTime":%d`, start, start-600))
			}),
			Entry("301 invitees", labels.Code(100002), func(id string) string {
				invitees := make([]string, 301)
				for i := range invitees {
					invitees[i] = fmt.Sprintf(`"trtcconf_invitee_%03d"`, i)
				}
				return `{"RoomInfo":{"RoomId":"` + id + `","RoomType":"Conference"},"ScheduleInviteeList_Account":[` + strings.Join(invitees, ",") + `]}`
			}),
		)

		It("refuses an Owner_Account that is not a string (60015, or 100002)", labels.Code(60015, 100002), func(ctx SpecContext) {
			id := newRoomID()
			trackRoom(id)
			expectRefused(ctx, "create_room", roomJSON(id, `"RoomType":"Conference","Owner_Account":10086`), catalog.CodeAccountType, catalog.CodeInvalidParameter)
		})

		It("refuses an Owner_Account that was never imported (100002, or 70107)", labels.Code(100002, 70107), func(ctx SpecContext) {
			req := minimalRoom(newRoomID())
			req.RoomInfo.OwnerAccount = wire.Ptr(uniqueName("never_imported"))
			resp := createRoom(ctx, req)
			Expect(resp).To(HaveErrorCode(catalog.CodeInvalidParameter, catalog.CodeAccountNotImported))
			Expect(resp).To(MatchSchema(createSchema))
		})

		It("refuses a room ID that another owner's room uses with 100003", labels.Code(100003), func(ctx SpecContext) {
			id := newRoomID()
			first := minimalRoom(id)
			first.RoomInfo.OwnerAccount = wire.Ptr(ownerA)
			created := time.Now()
			mustCreateRoom(ctx, first)
			waitPastCreateRateWindow(created)

			second := minimalRoom(id)
			second.RoomInfo.OwnerAccount = wire.Ptr(ownerB)
			resp := createRoom(ctx, second)
			Expect(resp).To(HaveErrorCode(catalog.CodeRoomIDExists))
			Expect(resp).To(MatchSchema(createSchema))
			Expect(roomInfo(ctx, id).OwnerAccount).To(Equal(ownerA), "the refused create changed the room")
		})

		It("answers 100010 (or 100003) when the room's owner creates its room ID again", labels.Code(100010, 100003), func(ctx SpecContext) {
			id := newRoomID()
			req := minimalRoom(id)
			req.RoomInfo.OwnerAccount = wire.Ptr(ownerA)
			created := time.Now()
			mustCreateRoom(ctx, req)
			waitPastCreateRateWindow(created)

			resp := createRoom(ctx, req)
			Expect(resp).To(HaveErrorCode(catalog.CodeRoomIDOwnedByYou, catalog.CodeRoomIDExists))
			Expect(resp).To(MatchSchema(createSchema))
		})

		It("refuses to create the same room ID twice within a second with 100012", labels.Code(100012), func(ctx SpecContext) {
			id := newRoomID()
			started := time.Now()
			mustCreateRoom(ctx, minimalRoom(id))
			Expect(call(ctx, catalog.ServiceRoom, "destroy_room", wire.RoomIDRequest{RoomID: id})).To(HaveErrorCode(0))
			resp := createRoom(ctx, minimalRoom(id))
			if elapsed := time.Since(started); elapsed >= time.Second {
				Skip(fmt.Sprintf("create, destroy and create took %v on this target: the once-per-second rule cannot be observed", elapsed))
			}
			Expect(resp).To(HaveErrorCode(catalog.CodeCreateTooOften))
			Expect(resp).To(MatchSchema(createSchema))
		})

		It("refuses a room ID that a Chat group uses with 100011", labels.Code(100011), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := newRoomID()
			Expect(session.Control.AddChatGroup(ctx, id)).To(Succeed())
			resp := createRoom(ctx, minimalRoom(id))
			Expect(resp).To(HaveErrorCode(catalog.CodeRoomIDUsedByChat))
			Expect(resp).To(MatchSchema(createSchema))
		})
	})

	// Get the Room Information: https://trtc.io/document/60704
	Describe("get_room_info", labels.Command(catalog.ServiceRoom, "get_room_info"), func() {

		It("answers the documented sample's shape for a room", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			mustCreateRoom(ctx, minimalRoom(id))
			resp := call(ctx, catalog.ServiceRoom, "get_room_info", wire.RoomIDRequest{RoomID: id})
			Expect(resp).To(HaveErrorCode(0))
			Expect(resp).To(MatchSchema(getSchema))
			Expect(resp.Envelope.ErrorInfo).To(BeEmpty())
			Expect(resp.Envelope.RequestID).NotTo(BeEmpty())
		})

		It("answers 100004 for a room that never existed", labels.Code(100004), func(ctx SpecContext) {
			expectRoomGone(ctx, newRoomID())
		})

		It("answers 100004 for a destroyed room", labels.Code(100004), func(ctx SpecContext) {
			id := newRoomID()
			mustCreateRoom(ctx, minimalRoom(id))
			Expect(call(ctx, catalog.ServiceRoom, "destroy_room", wire.RoomIDRequest{RoomID: id})).To(HaveErrorCode(0))
			expectRoomGone(ctx, id)
		})

		DescribeTable("refuses a packet without a valid RoomId with 100002",
			func(ctx SpecContext, body string) {
				expectRefused(ctx, "get_room_info", body, catalog.CodeInvalidParameter)
			},
			Entry("RoomId missing", labels.Code(100002), `{}`),
			Entry("RoomId not a string", labels.Code(100002), `{"RoomId":12345}`),
		)

		It("counts the members who entered", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := newRoomID()
			mustCreateRoom(ctx, minimalRoom(id))
			Expect(session.Control.Enter(ctx, id, member1)).To(Succeed())
			Expect(session.Control.Enter(ctx, id, member2)).To(Succeed())
			Expect(roomInfo(ctx, id).MemberCount).To(Equal(2))
			Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
			Expect(roomInfo(ctx, id).MemberCount).To(Equal(1))
		})
	})

	// Update the Room Information: https://trtc.io/document/60705
	Describe("update_room_info", labels.Command(catalog.ServiceRoom, "update_room_info"), func() {

		It("changes every updatable field and get_room_info returns the new values", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			mustCreateRoom(ctx, minimalRoom(id))
			resp := call(ctx, catalog.ServiceRoom, "update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{
				RoomID:                   id,
				RoomName:                 wire.Ptr("renamed"),
				MaxMemberCount:           wire.Ptr(10),
				IsVideoDisabled:          wire.Ptr(true),
				IsAudioDisabled:          wire.Ptr(true),
				IsMessageDisabled:        wire.Ptr(true),
				IsScreenSharingDisabled:  wire.Ptr(true),
				IsCloudRecordingDisabled: wire.Ptr(true),
				CustomInfo:               wire.Ptr("custom123"),
				TakeSeatMode:             wire.Ptr("ApplyToTake"),
			}})
			Expect(resp).To(HaveErrorCode(0))
			Expect(resp).To(MatchSchema(updateSchema))

			Expect(roomInfo(ctx, id)).To(MatchFields(map[string]any{
				"RoomName": "renamed", "MaxMemberCount": 10,
				"IsVideoDisabled": true, "IsAudioDisabled": true, "IsMessageDisabled": true,
				"IsScreenSharingDisabled": true, "IsCloudRecordingDisabled": true,
				"CustomInfo": "custom123", "TakeSeatMode": "ApplyToTake",
			}))
		})

		It("leaves the fields it was not given unchanged", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			req := minimalRoom(id)
			req.RoomInfo.RoomName, req.RoomInfo.CustomInfo, req.RoomInfo.IsAudioDisabled = wire.Ptr("kept"), wire.Ptr("kept too"), wire.Ptr(true)
			mustCreateRoom(ctx, req)
			before := roomInfo(ctx, id)

			Expect(call(ctx, catalog.ServiceRoom, "update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{
				RoomID: id, IsVideoDisabled: wire.Ptr(true),
			}})).To(HaveErrorCode(0))

			after := roomInfo(ctx, id)
			Expect(after.IsVideoDisabled).To(BeTrue())
			// D-08: the page says RoomName "defaults to the room ID" even on update.
			Expect(after.RoomName).To(Or(Equal(before.RoomName), Equal(id)))
			Expect(after).To(MatchFields(map[string]any{
				"CustomInfo": before.CustomInfo, "IsAudioDisabled": true, "OwnerAccount": before.OwnerAccount,
				"MaxMemberCount": before.MaxMemberCount, "ScheduleStartTime": before.ScheduleStartTime,
				"ScheduleEndTime": before.ScheduleEndTime, "IsSeatEnabled": before.IsSeatEnabled,
			}))
		})

		It("accepts a 100-byte RoomName and a 500-byte CustomInfo of 3-byte characters", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			mustCreateRoom(ctx, minimalRoom(id))
			Expect(call(ctx, catalog.ServiceRoom, "update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{
				RoomID: id, RoomName: wire.Ptr(utf8OfBytes(100)), CustomInfo: wire.Ptr(utf8OfBytes(500)),
			}})).To(HaveErrorCode(0))
			Expect(roomInfo(ctx, id)).To(MatchFields(map[string]any{"RoomName": utf8OfBytes(100), "CustomInfo": utf8OfBytes(500)}))
		})

		DescribeTable("refuses a packet that breaks a documented constraint with 100002, and changes nothing",
			func(ctx SpecContext, fields string) {
				id := newRoomID()
				mustCreateRoom(ctx, minimalRoom(id))
				before := roomInfo(ctx, id)
				expectRefused(ctx, "update_room_info", roomJSON(id, fields), catalog.CodeInvalidParameter)
				Expect(roomInfo(ctx, id)).To(Equal(before))
			},
			Entry("RoomName of 102 bytes in 34 characters", labels.Code(100002), `"RoomName":"`+strings.Repeat("€", 34)+`"`),
			Entry("CustomInfo of 501 bytes", labels.Code(100002), `"CustomInfo":"`+utf8OfBytes(501)+`"`),
			Entry("TakeSeatMode not a documented mode", labels.Code(100002), `"TakeSeatMode":"TakeAnySeat"`),
			Entry("a room-wide switch that is not a boolean", labels.Code(100002), `"IsAudioDisabled":1`),
			Entry("MaxMemberCount that is not an integer", labels.Code(100002), `"MaxMemberCount":"ten"`),
		)

		DescribeTable("refuses a packet without a valid RoomId with 100002",
			func(ctx SpecContext, body string) {
				expectRefused(ctx, "update_room_info", body, catalog.CodeInvalidParameter)
			},
			Entry("RoomInfo missing", labels.Code(100002), `{}`),
			Entry("RoomId missing", labels.Code(100002), `{"RoomInfo":{"RoomName":"x"}}`),
			Entry("RoomId not a string", labels.Code(100002), `{"RoomInfo":{"RoomId":true}}`),
		)

		It("answers 100004 for a room that never existed", labels.Code(100004), func(ctx SpecContext) {
			expectRefused(ctx, "update_room_info", roomJSON(newRoomID(), `"RoomName":"ghost"`), catalog.CodeRoomNotFound)
		})

		It("answers 100004 for a destroyed room", labels.Code(100004), func(ctx SpecContext) {
			id := newRoomID()
			mustCreateRoom(ctx, minimalRoom(id))
			Expect(call(ctx, catalog.ServiceRoom, "destroy_room", wire.RoomIDRequest{RoomID: id})).To(HaveErrorCode(0))
			expectRefused(ctx, "update_room_info", roomJSON(id, `"RoomName":"ghost"`), catalog.CodeRoomNotFound)
		})
	})

	// Destroy a Room: https://trtc.io/document/60706
	Describe("destroy_room", labels.Command(catalog.ServiceRoom, "destroy_room"), func() {

		It("destroys a room, after which every room command answers 100004", labels.Code(0, 100004), func(ctx SpecContext) {
			id := newRoomID()
			mustCreateRoom(ctx, minimalRoom(id))
			resp := call(ctx, catalog.ServiceRoom, "destroy_room", wire.RoomIDRequest{RoomID: id})
			Expect(resp).To(HaveErrorCode(0))
			Expect(resp).To(MatchSchema(destroySchema))

			expectRoomGone(ctx, id)
			again := call(ctx, catalog.ServiceRoom, "destroy_room", wire.RoomIDRequest{RoomID: id})
			Expect(again).To(HaveErrorCode(catalog.CodeRoomNotFound))
			Expect(again).To(MatchSchema(destroySchema))
		})

		It("destroys a room that has members in it", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := newRoomID()
			mustCreateRoom(ctx, minimalRoom(id))
			Expect(session.Control.Enter(ctx, id, member1)).To(Succeed())
			Expect(call(ctx, catalog.ServiceRoom, "destroy_room", wire.RoomIDRequest{RoomID: id})).To(HaveErrorCode(0))
			expectRoomGone(ctx, id)
		})

		It("answers 100004 for a room that never existed", labels.Code(100004), func(ctx SpecContext) {
			resp := call(ctx, catalog.ServiceRoom, "destroy_room", wire.RoomIDRequest{RoomID: newRoomID()})
			Expect(resp).To(HaveErrorCode(catalog.CodeRoomNotFound))
			Expect(resp).To(MatchSchema(destroySchema))
		})

		DescribeTable("refuses a packet without a valid RoomId with 100002",
			func(ctx SpecContext, body string) {
				expectRefused(ctx, "destroy_room", body, catalog.CodeInvalidParameter)
			},
			Entry("RoomId missing", labels.Code(100002), `{}`),
			Entry("RoomId not a string", labels.Code(100002), `{"RoomId":["a"]}`),
		)
	})

	// The recycle rule of the create_room page: a room nobody destroys is recycled 6 hours
	// after its scheduled end, when no member is left in it.
	Describe("the 6-hour recycle rule", Serial, labels.NeedsControlPlane(), labels.Command(catalog.ServiceRoom, "get_room_info"), func() {
		BeforeEach(func() {
			DeferCleanup(func() {
				_, err := session.Control.Clock(background(), control.ClockRequest{Real: true})
				Expect(err).NotTo(HaveOccurred())
			})
		})

		It("keeps an empty room until 6 hours after its end, then recycles it", labels.Code(0, 100004), func(ctx SpecContext) {
			id := newRoomID()
			req := minimalRoom(id)
			req.RoomInfo.ScheduleStartTime, req.RoomInfo.ScheduleEndTime = schedule(0, 300)
			mustCreateRoom(ctx, req)

			_, err := session.Control.Advance(ctx, 5*time.Minute+6*time.Hour-time.Minute)
			Expect(err).NotTo(HaveOccurred())
			Expect(roomInfo(ctx, id).RoomID).To(Equal(id), "recycled before 6 hours had passed since its end")

			_, err = session.Control.Advance(ctx, 2*time.Minute)
			Expect(err).NotTo(HaveOccurred())
			expectRoomGone(ctx, id)
		})

		It("does not recycle a room while a member is in it", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			req := minimalRoom(id)
			req.RoomInfo.ScheduleStartTime, req.RoomInfo.ScheduleEndTime = schedule(0, 300)
			mustCreateRoom(ctx, req)
			Expect(session.Control.Enter(ctx, id, member1)).To(Succeed())

			_, err := session.Control.Advance(ctx, 7*time.Hour)
			Expect(err).NotTo(HaveOccurred())
			Expect(roomInfo(ctx, id).MemberCount).To(Equal(1))
		})
	})
})

// roomJSON builds {"RoomInfo":{"RoomId":id,<fields>}} for packets a typed request cannot express.
func roomJSON(id, fields string) string {
	if fields != "" {
		fields = "," + fields
	}
	return `{"RoomInfo":{"RoomId":"` + id + `"` + fields + `}}`
}

// padTo extends an ASCII ID with '0' to exactly n bytes.
func padTo(id string, n int) string {
	return id + strings.Repeat("0", n-len(id))
}

// schedule returns a start `from` now and an end `length` seconds later.
func schedule(from time.Duration, length int64) (*int64, *int64) {
	start := time.Now().Add(from).Unix()
	return wire.Ptr(start), wire.Ptr(start + length)
}
