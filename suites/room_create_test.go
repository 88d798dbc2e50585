package suites

import (
	"fmt"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

var _ = Describe("Room management", labels.Area("room"), func() {

	// Create a Room: https://trtc.io/document/60707
	Describe("create_room", labels.Command(catalog.ServiceRoom, "create_room"), func() {

		It("creates a room with every documented field and get_room_info returns each", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			start := time.Now().Add(time.Hour).Unix()
			conference.mustCreate(ctx, wire.CreateRoomRequest{
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
			conference.mustCreate(ctx, minimalRoom(id))

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

		It("defaults MaxMemberCount and MaxSeatCount to the package limits and counts no member in a new room, the owner aside",
			labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
				limits, err := session.Control.Config(ctx)
				Expect(err).NotTo(HaveOccurred())
				id := newRoomID()
				conference.mustCreate(ctx, minimalRoom(id))

				info := roomInfo(ctx, id)
				Expect(info.MaxMemberCount).To(Equal(limits.MemberCap))
				Expect(info.MaxSeatCount).To(Equal(limits.SeatCap))
				expectMembers(ctx, id, session.Settings.Admin)
			})

		It("sets the end one hour after a given start when only the start is given", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			start := time.Now().Add(2 * time.Hour).Unix()
			req := minimalRoom(id)
			req.RoomInfo.ScheduleStartTime = wire.Ptr(start)
			conference.mustCreate(ctx, req)

			Expect(roomInfo(ctx, id)).To(MatchFields(map[string]any{"ScheduleStartTime": start, "ScheduleEndTime": start + 3600}))
		})

		It("accepts the CN edition's password fields and, where it reports them, keeps them", labels.Code(0), func(ctx SpecContext) {
			id := newRoomID()
			req := minimalRoom(id)
			req.RoomInfo.IsPasswordEnabled, req.RoomInfo.Password = wire.Ptr(true), wire.Ptr("1234")
			conference.mustCreate(ctx, req)

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
				conference.mustCreate(ctx, req)
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
			conference.mustCreate(ctx, req)
		})

		DescribeTable("refuses a packet that breaks a documented constraint with 100002",
			func(ctx SpecContext, body func(id string) string) {
				id := newRoomID()
				conference.track(id)
				conference.expect(ctx, "create_room", body(id), catalog.CodeInvalidParameter)
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

		createRefusals(conference)
	})
})
