package suites

import (
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
	// clockSkew is how far the target's clock may be from ours when a spec compares a
	// server-side time with local time.
	clockSkew = 5 * time.Minute
)

var _ = Describe("Room management", labels.Area("room"), func() {

	// Get the Room Information: https://trtc.io/document/60704
	Describe("get_room_info", labels.Command(catalog.ServiceRoom, "get_room_info"), func() {

		It("answers the documented sample's shape for a room", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			conference.mustCreate(ctx, minimalRoom(id))
			resp := conference.send(ctx, "get_room_info", wire.RoomIDRequest{RoomID: id})
			Expect(resp).To(BeDocumentedAnswer(0))
			Expect(resp.Envelope.ErrorInfo).To(BeEmpty())
			Expect(resp.Envelope.RequestID).NotTo(BeEmpty())
		})

		answersRoomGone(conference, "get_room_info", func(id string) any { return wire.RoomIDRequest{RoomID: id} })
		refusesWithoutRoomID(conference, "get_room_info")

		It("counts the members who entered", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := newRoomID()
			conference.mustCreate(ctx, minimalRoom(id))
			enter(ctx, id, member1, member2)
			expectMembers(ctx, id, session.Settings.Admin, member1, member2)
			Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
			expectMembers(ctx, id, session.Settings.Admin, member2)
		})
	})

	// Update the Room Information: https://trtc.io/document/60705
	Describe("update_room_info", labels.Command(catalog.ServiceRoom, "update_room_info"), func() {

		It("changes every updatable field and get_room_info returns the new values", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			conference.mustCreate(ctx, minimalRoom(id))
			resp := conference.send(ctx, "update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{
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
			Expect(resp).To(BeDocumentedAnswer(0))

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
			conference.mustCreate(ctx, req)
			before := roomInfo(ctx, id)

			Expect(conference.send(ctx, "update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{
				RoomID: id, IsVideoDisabled: wire.Ptr(true),
			}})).To(BeDocumentedAnswer(0))

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
			conference.mustCreate(ctx, minimalRoom(id))
			Expect(conference.send(ctx, "update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{
				RoomID: id, RoomName: wire.Ptr(utf8OfBytes(100)), CustomInfo: wire.Ptr(utf8OfBytes(500)),
			}})).To(BeDocumentedAnswer(0))
			Expect(roomInfo(ctx, id)).To(MatchFields(map[string]any{"RoomName": utf8OfBytes(100), "CustomInfo": utf8OfBytes(500)}))
		})

		DescribeTable("refuses a packet that breaks a documented constraint with 100002, and changes nothing",
			func(ctx SpecContext, fields string) {
				id := newRoomID()
				conference.mustCreate(ctx, minimalRoom(id))
				before := roomInfo(ctx, id)
				conference.expect(ctx, "update_room_info", roomJSON(id, fields), catalog.CodeInvalidParameter)
				Expect(roomInfo(ctx, id)).To(Equal(before))
			},
			Entry("RoomName of 102 bytes in 34 characters", labels.Code(100002), `"RoomName":"`+strings.Repeat("€", 34)+`"`),
			Entry("CustomInfo of 501 bytes", labels.Code(100002), `"CustomInfo":"`+utf8OfBytes(501)+`"`),
			Entry("TakeSeatMode not a documented mode", labels.Code(100002), `"TakeSeatMode":"TakeAnySeat"`),
			Entry("a room-wide switch that is not a boolean", labels.Code(100002), `"IsAudioDisabled":1`),
			Entry("MaxMemberCount that is not an integer", labels.Code(100002), `"MaxMemberCount":"ten"`),
		)

		refusesWithoutRoomID(conference, "update_room_info")
		answersRoomGone(conference, "update_room_info", func(id string) any { return roomJSON(id, `"RoomName":"ghost"`) })
	})

	// Destroy a Room: https://trtc.io/document/60706
	Describe("destroy_room", labels.Command(catalog.ServiceRoom, "destroy_room"), func() {

		It("destroys a room, which get_room_info then cannot find and destroy_room cannot destroy again", labels.Code(0, 100004), func(ctx SpecContext) {
			id := newRoomID()
			conference.mustCreate(ctx, minimalRoom(id))
			resp := conference.send(ctx, "destroy_room", wire.RoomIDRequest{RoomID: id})
			Expect(resp).To(BeDocumentedAnswer(0))

			conference.gone(ctx, id)
			again := conference.send(ctx, "destroy_room", wire.RoomIDRequest{RoomID: id})
			Expect(again).To(BeDocumentedAnswer(catalog.CodeRoomNotFound))
		})

		It("destroys a room that has members in it", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := newRoomID()
			conference.mustCreate(ctx, minimalRoom(id))
			Expect(session.Control.Enter(ctx, id, member1)).To(Succeed())
			conference.destroy(ctx, id)
			conference.gone(ctx, id)
		})

		It("answers 100004 for a room that never existed", labels.Code(100004), func(ctx SpecContext) {
			conference.expect(ctx, "destroy_room", wire.RoomIDRequest{RoomID: newRoomID()}, catalog.CodeRoomNotFound)
		})

		refusesWithoutRoomID(conference, "destroy_room")
		answersEveryCommandOnceDestroyed(conference)
	})

	// The recycle rule of the create_room page: the backend "will try to" recycle a room 6 hours
	// after its scheduled end when no member is left in it. A try is no promise (errata E-10):
	// the room must last until then, and may be gone after.
	Describe("the 6-hour recycle rule", serialWhereShared, labels.NeedsControlPlane(), labels.Command(catalog.ServiceRoom, "get_room_info"), func() {
		BeforeEach(func() {
			DeferCleanup(func() {
				_, err := session.Control.Clock(background(), control.ClockRequest{Real: true})
				Expect(err).NotTo(HaveOccurred())
			})
		})

		It("keeps an empty room until 6 hours after its end, and may recycle it then", labels.Code(0, 100004), func(ctx SpecContext) {
			id := newRoomID()
			req := minimalRoom(id)
			req.RoomInfo.ScheduleStartTime, req.RoomInfo.ScheduleEndTime = schedule(0, 300)
			conference.mustCreate(ctx, req)

			_, err := session.Control.Advance(ctx, 5*time.Minute+6*time.Hour-time.Minute)
			Expect(err).NotTo(HaveOccurred())
			Expect(roomInfo(ctx, id).RoomID).To(Equal(id), "recycled before 6 hours had passed since its end")

			_, err = session.Control.Advance(ctx, 2*time.Minute)
			Expect(err).NotTo(HaveOccurred())
			conference.expect(ctx, "get_room_info", wire.RoomIDRequest{RoomID: id}, 0, catalog.CodeRoomNotFound)
		})

		It("does not recycle a room while a member is in it", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			req := minimalRoom(id)
			req.RoomInfo.ScheduleStartTime, req.RoomInfo.ScheduleEndTime = schedule(0, 300)
			conference.mustCreate(ctx, req)
			Expect(session.Control.Enter(ctx, id, member1)).To(Succeed())

			_, err := session.Control.Advance(ctx, 7*time.Hour)
			Expect(err).NotTo(HaveOccurred())
			expectMembers(ctx, id, session.Settings.Admin, member1)
		})
	})
})
