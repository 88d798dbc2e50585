package suites

import (
	"context"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// neverImported is an account no spec imports.
const neverImported = "trtcconf_never_imported"

// liveRobots reads a Live room's robots.
func liveRobots(ctx context.Context, roomID string) []string {
	GinkgoHelper()
	resp := live.expect(ctx, "get_robot", wire.LiveRoomIDRequest{RoomID: roomID}, 0)
	var answer wire.LiveGetRobotResponse
	Expect(resp.Decode(&answer)).To(Succeed())
	return answer.Response.RobotListAccount
}

// addRobots sends add_robot for the accounts.
func addRobots(ctx context.Context, roomID string, accounts ...string) *client.Response {
	GinkgoHelper()
	return live.send(ctx, "add_robot", wire.LiveRobotRequest{RoomID: roomID, RobotListAccount: accounts})
}

// liveStats reads get_room_stats (or its older name) of a room that must exist.
func liveStats(ctx context.Context, command, roomID string) wire.LiveRoomStats {
	GinkgoHelper()
	resp := live.expect(ctx, command, wire.LiveRoomIDRequest{RoomID: roomID}, 0)
	var answer wire.LiveGetRoomStatsResponse
	Expect(resp.Decode(&answer)).To(Succeed())
	return answer.Response
}

var _ = Describe("Live API", labels.Area("live"), func() {

	// Add Robots: https://trtc.io/document/69079, Delete Robots: https://trtc.io/document/69080,
	// Get Robots: https://trtc.io/document/69081. Robots are imported accounts, at most 3 in a
	// room; 100006 means "the room must be a Live room" (errata-live L-28, L-46).
	Describe("robots", func() {

		It("adds imported accounts as robots, lists them, and deletes them", labels.Command(liveSvc, "add_robot"),
			labels.Command(liveSvc, "get_robot"), labels.Command(liveSvc, "del_robot"), labels.Code(0), func(ctx SpecContext) {
				id := live.room(ctx)
				Expect(liveRobots(ctx, id)).To(BeEmpty(), "a new room has no robots")
				Expect(addRobots(ctx, id, member1, member2)).To(BeDocumentedAnswer(0))
				Expect(liveRobots(ctx, id)).To(ConsistOf(member1, member2))
				live.expect(ctx, "del_robot", wire.LiveRobotRequest{RoomID: id, RobotListAccount: []string{member1}}, 0)
				Expect(liveRobots(ctx, id)).To(ConsistOf(member2))
			})

		It("keeps one entry for a robot added twice", labels.Command(liveSvc, "add_robot"), labels.Code(0), func(ctx SpecContext) {
			id := live.room(ctx)
			Expect(addRobots(ctx, id, member1)).To(BeDocumentedAnswer(0))
			Expect(addRobots(ctx, id, member1)).To(BeDocumentedAnswer(0))
			Expect(liveRobots(ctx, id)).To(ConsistOf(member1))
		})

		It("holds at most 3 robots: a fourth is refused (100002) and changes nothing", labels.Command(liveSvc, "add_robot"), labels.Code(100002), func(ctx SpecContext) {
			id := live.room(ctx)
			fourth := crowdOf(ctx, 1)[0]
			Expect(addRobots(ctx, id, ownerB, member1, member2)).To(BeDocumentedAnswer(0))
			Expect(addRobots(ctx, id, fourth)).To(BeRefusal(catalog.CodeInvalidParameter))
			Expect(liveRobots(ctx, id)).To(ConsistOf(ownerB, member1, member2))
		})

		It("refuses an account that was never imported with 100002", labels.Command(liveSvc, "add_robot"), labels.Code(100002), func(ctx SpecContext) {
			id := live.room(ctx)
			Expect(addRobots(ctx, id, neverImported)).To(BeDocumentedAnswer(catalog.CodeInvalidParameter))
			Expect(liveRobots(ctx, id)).To(BeEmpty())
		})

		It("deletes an account that is no robot without effect, or refuses it with 100002", labels.Command(liveSvc, "del_robot"), labels.Code(0, 100002), func(ctx SpecContext) {
			id := live.room(ctx)
			Expect(addRobots(ctx, id, member1)).To(BeDocumentedAnswer(0))
			live.expect(ctx, "del_robot", wire.LiveRobotRequest{RoomID: id, RobotListAccount: []string{member2}}, 0, catalog.CodeInvalidParameter)
			Expect(liveRobots(ctx, id)).To(ConsistOf(member1))
		})

		It("lets a robot sit on a seat, as Tencent's console does for OBS rooms", labels.Command(liveSvc, "add_robot"),
			labels.Command(catalog.ServiceSeat, "pick_user_on_seat"), labels.Code(0), func(ctx SpecContext) {
				id := live.room(ctx)
				Expect(addRobots(ctx, id, member1)).To(BeDocumentedAnswer(0))
				first, _ := seatIndexes(seats(ctx, id))
				Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
				Expect(occupantOf(seats(ctx, id), first)).To(Equal(member1))
			})

		DescribeTable("refuses a room that is not a Live room with 100006",
			func(ctx SpecContext, command, fields string) {
				live.expect(ctx, command, `{"RoomId":"`+conference.room(ctx)+`"`+fields+`}`, catalog.CodeNoPermission)
			},
			Entry("add_robot", labels.Command(liveSvc, "add_robot"), labels.Code(100006), "add_robot", `,"RobotList_Account":["`+member1+`"]`),
			Entry("del_robot", labels.Command(liveSvc, "del_robot"), labels.Code(100006), "del_robot", `,"RobotList_Account":["`+member1+`"]`),
			Entry("get_robot", labels.Command(liveSvc, "get_robot"), labels.Code(100006), "get_robot", ``),
		)

		DescribeTable("refuses a malformed packet with 100002",
			func(ctx SpecContext, command, body string) {
				live.expect(ctx, command, strings.ReplaceAll(body, "ROOM", live.room(ctx)), catalog.CodeInvalidParameter)
			},
			Entry("add_robot without RobotList_Account", labels.Command(liveSvc, "add_robot"), labels.Code(100002), "add_robot", `{"RoomId":"ROOM"}`),
			Entry("add_robot with an empty RobotList_Account", labels.Command(liveSvc, "add_robot"), labels.Code(100002), "add_robot", `{"RoomId":"ROOM","RobotList_Account":[]}`),
			Entry("del_robot without RobotList_Account", labels.Command(liveSvc, "del_robot"), labels.Code(100002), "del_robot", `{"RoomId":"ROOM"}`),
			Entry("del_robot with a RoomId of 49 bytes", labels.Command(liveSvc, "del_robot"), labels.Code(100002), "del_robot", `{"RoomId":"`+strings.Repeat("r", 49)+`","RobotList_Account":["`+member1+`"]}`),
			Entry("get_robot without RoomId", labels.Command(liveSvc, "get_robot"), labels.Code(100002), "get_robot", `{}`),
			Entry("get_robot with a RoomId of 49 bytes", labels.Command(liveSvc, "get_robot"), labels.Code(100002), "get_robot", `{"RoomId":"`+strings.Repeat("r", 49)+`"}`),
		)

		answersAbsentRoom(live,
			Entry("add_robot", labels.Command(liveSvc, "add_robot"), labels.Code(100004), "add_robot", `,"RobotList_Account":["`+member1+`"]`),
			Entry("del_robot", labels.Command(liveSvc, "del_robot"), labels.Code(100004), "del_robot", `,"RobotList_Account":["`+member1+`"]`),
			Entry("get_robot", labels.Command(liveSvc, "get_robot"), labels.Code(100004), "get_robot", ``),
		)
	})

	// Get Room Statistics: https://trtc.io/document/80421; Tencent's console calls it by its
	// older name get_room_statistic (errata-live L-26, L-47).
	Describe("get_room_stats", labels.Command(liveSvc, "get_room_stats"), func() {

		DescribeTable("answers six zero counters for a room nobody entered",
			func(ctx SpecContext, command string) {
				Expect(liveStats(ctx, command, live.room(ctx))).To(Equal(wire.LiveRoomStats{}))
			},
			Entry("get_room_stats", labels.Code(0), "get_room_stats"),
			Entry("its older name get_room_statistic", labels.Code(0), "get_room_statistic"),
		)

		It("counts every entry in TotalViewers, a user who entered twice twice", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := live.roomWith(ctx, member1, member2)
			Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
			enter(ctx, id, member1)
			Expect(liveStats(ctx, "get_room_stats", id).TotalViewers).To(BeEquivalentTo(3))
			Expect(liveStats(ctx, "get_room_statistic", id).TotalViewers).To(BeEquivalentTo(3), "the older name answers other counters")
		})

		It("counts the messages sent through the REST API in TotalMsgCount, or none of them", labels.Code(0),
			labels.Command(liveSvc, "send_text_msg"), labels.Command(liveSvc, "send_custom_msg"), func(ctx SpecContext) {
				id := live.room(ctx)
				live.expect(ctx, "send_text_msg", wire.LiveSendTextMsgRequest{RoomID: id, SenderAccount: member1, TextContent: "hello"}, 0)
				live.expect(ctx, "send_custom_msg", wire.LiveSendCustomMsgRequest{RoomID: id, SenderAccount: wire.Ptr(member1), BusinessID: "conformance", Data: "{}"}, 0)
				stats := liveStats(ctx, "get_room_stats", id)
				Expect(stats.TotalMsgCount).To(BeElementOf(int64(0), int64(2)), "two messages were sent (L-47: a service may count client messages only)")
				Expect(stats).To(MatchFields(map[string]any{"TotalGiftsSent": int64(0), "TotalGiftCoins": int64(0), "TotalUniqueGiftSenders": int64(0)}))
			})

		DescribeTable("refuses a packet without a valid RoomId with 100002",
			func(ctx SpecContext, command, body string) {
				live.expect(ctx, command, body, catalog.CodeInvalidParameter)
			},
			Entry("RoomId missing", labels.Code(100002), "get_room_stats", `{}`),
			Entry("RoomId not a string", labels.Code(100002), "get_room_stats", `{"RoomId":7}`),
			Entry("RoomId of 49 bytes", labels.Code(100002), "get_room_stats", `{"RoomId":"`+strings.Repeat("r", 49)+`"}`),
			Entry("RoomId missing, to the older name", labels.Code(100002), "get_room_statistic", `{}`),
		)

		answersAbsentRoom(live,
			Entry("get_room_stats", labels.Code(100004), "get_room_stats", ``),
			Entry("get_room_statistic", labels.Code(100004), "get_room_statistic", ``),
		)
	})
})
