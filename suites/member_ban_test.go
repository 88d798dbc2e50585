package suites

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

var _ = Describe("User management", labels.Area("member"), func() {

	// Ban Room Members: https://trtc.io/document/60711, Unban: https://tencentcloud.com/document/product/647/60710,
	// Get the Banned Room Member List: https://trtc.io/document/60709
	Describe("bans", func() {

		It("removes a banned member at once and lists the ban with its end", labels.Command(catalog.ServiceRoom, "ban_room_member"),
			labels.Command(catalog.ServiceRoom, "get_banned_member_list"), labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
				id := conference.roomWith(ctx, member1, member2)
				before := time.Now().Unix()
				conference.banAll(ctx, id, 3600, member1)

				Expect(besidesOwner(accountsOf(members(ctx, id, nil)), ownerA)).To(ConsistOf(member2), "the banned member is still in the room")
				list := conference.bans(ctx, id, nil)
				Expect(bannedAccounts(list)).To(ConsistOf(member1))
				Expect(list[0].BannedUntil).To(BeNumerically("~", before+3600, clockSkew.Seconds()), "BannedUntil is not the ban's end")
				Expect(session.Control.Enter(ctx, id, member1)).To(MatchError(control.ErrRefused), "a banned user entered the room")
			})

		It("lifts a ban with unban_room_member", labels.Command(catalog.ServiceRoom, "unban_room_member"), labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := conference.roomWith(ctx, member1)
			conference.banAll(ctx, id, 3600, member1)
			resp := conference.send(ctx, "unban_room_member", wire.UnbanRoomMemberRequest{RoomID: id, MemberListAccount: []string{member1}})
			Expect(resp).To(BeDocumentedAnswer(0))
			Expect(bannedAccounts(conference.bans(ctx, id, nil))).To(BeEmpty())
			enter(ctx, id, member1)
		})

		It("answers a ban of an account that is not in the room with 100005, or bans it", labels.Command(catalog.ServiceRoom, "ban_room_member"),
			labels.Code(0, 100005), func(ctx SpecContext) {
				id := conference.room(ctx)
				resp := conference.send(ctx, "ban_room_member", wire.BanRoomMemberRequest{RoomID: id, MemberListAccount: []string{member2}, Reason: "r", Duration: 60})
				Expect(resp).To(BeDocumentedAnswer(catalog.CodeNotMember, 0))
				if resp.Code() == 0 {
					Expect(bannedAccounts(conference.bans(ctx, id, nil))).To(ConsistOf(member2), "the ban was accepted but is not listed")
				} else {
					Expect(bannedAccounts(conference.bans(ctx, id, nil))).To(BeEmpty(), "the ban was refused but is listed")
				}
			})

		bannedListSpecs(conference)

		DescribeTable("refuses a malformed ban with 100002",
			labels.Command(catalog.ServiceRoom, "ban_room_member"),
			func(ctx SpecContext, fields string) {
				conference.expect(ctx, "ban_room_member", `{"RoomId":"`+conference.room(ctx)+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("Reason of 1001 bytes", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"Duration":60,"Reason":"`+utf8OfBytes(1001)+`"`),
			Entry("21 accounts", labels.Code(100002), `,"MemberList_Account":`+accountsJSON(21)+`,"Duration":60,"Reason":"r"`),
			Entry("Reason missing", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"Duration":60`),
			Entry("Duration missing", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"Reason":"r"`),
			Entry("MemberList_Account missing", labels.Code(100002), `,"Duration":60,"Reason":"r"`),
		)

		answersAbsentRoom(conference,
			Entry("ban_room_member", labels.Command(catalog.ServiceRoom, "ban_room_member"), labels.Code(100004),
				"ban_room_member", `,"MemberList_Account":["`+member1+`"],"Reason":"r","Duration":60`),
			Entry("unban_room_member", labels.Command(catalog.ServiceRoom, "unban_room_member"), labels.Code(100004),
				"unban_room_member", `,"MemberList_Account":["`+member1+`"]`),
			Entry("get_banned_member_list", labels.Command(catalog.ServiceRoom, "get_banned_member_list"), labels.Code(100004),
				"get_banned_member_list", `,"Limit":10,"Offset":0`),
		)
	})
})
