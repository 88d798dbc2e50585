package suites

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

var _ = Describe("Live API", labels.Area("live"), func() {

	// Get the Room Member List: https://trtc.io/document/66908
	Describe("get_member_list", labels.Command(liveSvc, "get_member_list"), func() {

		It("lists nobody in a room nobody entered", labels.Code(0), func(ctx SpecContext) {
			list, count := liveMembers(ctx, live.room(ctx))
			Expect(list).To(BeEmpty())
			Expect(count).To(BeZero())
		})

		It("lists the members who entered and counts them, once the 40-second refresh has passed",
			serialWhereShared, labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
				id := live.room(ctx)
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

		It("pages through a crowd with Next, losing and repeating nobody", serialWhereShared, labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			crowd := crowdOf(ctx, 110)
			id := live.room(ctx)
			enter(ctx, id, crowd...)
			advancePastMemberRefresh(ctx)
			list, count := liveMembers(ctx, id)
			Expect(list).To(ConsistOf(crowd))
			Expect(count).To(Equal(len(crowd)))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			live.expect(ctx, "get_member_list", wire.LiveGetMemberListRequest{RoomID: live.newID()}, catalog.CodeRoomNotFound)
		})

		It("answers 100006 (its truncated text), or 100004, for a room that is not a Live room", labels.Code(100006, 100004), func(ctx SpecContext) {
			conferenceRoom := conference.room(ctx)
			live.expect(ctx, "get_member_list", wire.LiveGetMemberListRequest{RoomID: conferenceRoom}, catalog.CodeNoPermission, catalog.CodeRoomNotFound)
		})

		// L-11: the page's complete error table has no 100002; the sibling pages answer it for a
		// malformed packet, and a RoomId 7 may as well name no room.
		It("refuses a RoomId that is not a string (100002 on the sibling pages)", labels.Code(100002), func(ctx SpecContext) {
			Expect(live.send(ctx, "get_member_list", `{"RoomId":7,"Next":""}`)).To(BeRefusal(catalog.CodeInvalidParameter))
		})

		It("refuses a Next that is not a string, or reads it as the first page", labels.Code(0, 100002), func(ctx SpecContext) {
			resp := live.send(ctx, "get_member_list", `{"RoomId":"`+live.room(ctx)+`","Next":0}`)
			if resp.Code() == 0 {
				Expect(resp).To(BeDocumentedAnswer(0))
			} else {
				Expect(resp).To(BeRefusal(catalog.CodeInvalidParameter))
			}
		})
	})

	// Mute Members: https://trtc.io/document/66969, Get the Muted Member List: https://trtc.io/document/69894
	Describe("mutes", func() {

		It("mutes members for MuteTime seconds and lists each with the mute's end", labels.Command(liveSvc, "mute_member"),
			labels.Command(liveSvc, "get_muted_member_list"), labels.Code(0), func(ctx SpecContext) {
				id := live.roomWithAccounts(ctx, member1, member2)
				before := time.Now().Unix()
				expectAcceptedForAccounts(live.send(ctx, "mute_member", wire.LiveMuteMemberRequest{RoomID: id, MemberListAccount: []string{member1, member2}, MuteTime: 3600}))
				list := liveMuted(ctx, id)
				Expect(mutedAccounts(list)).To(ConsistOf(member1, member2))
				for _, m := range list {
					Expect(m.MutedUntil).To(BeNumerically("~", before+3600, clockSkew.Seconds()), "MutedUntil is not the mute's end")
				}
			})

		It("lifts a mute with MuteTime 0", labels.Command(liveSvc, "mute_member"), labels.Code(0), func(ctx SpecContext) {
			id := live.roomWithAccounts(ctx, member1, member2)
			expectAcceptedForAccounts(live.send(ctx, "mute_member", wire.LiveMuteMemberRequest{RoomID: id, MemberListAccount: []string{member1, member2}, MuteTime: 3600}))
			live.expect(ctx, "mute_member", wire.LiveMuteMemberRequest{RoomID: id, MemberListAccount: []string{member1}, MuteTime: 0}, 0)
			Expect(mutedAccounts(liveMuted(ctx, id))).To(ConsistOf(member2))
		})

		// E-38: whether an ended mute leaves the list at once is not documented; it may stay
		// listed until the service tidies up, but not as a mute in force.
		It("lists no ended mute as in force", serialWhereShared, labels.Command(liveSvc, "get_muted_member_list"), labels.Code(0),
			labels.NeedsControlPlane(), func(ctx SpecContext) {
				id := live.roomWithAccounts(ctx, member1)
				restoreClockWhenDone()
				muted := time.Now()
				expectAcceptedForAccounts(live.send(ctx, "mute_member", wire.LiveMuteMemberRequest{RoomID: id, MemberListAccount: []string{member1}, MuteTime: 60}))
				_, err := session.Control.Advance(ctx, 61*time.Second)
				Expect(err).NotTo(HaveOccurred())
				for _, m := range liveMuted(ctx, id) {
					Expect(m.MutedUntil).To(BeNumerically("<=", muted.Unix()+60+int64(clockSkew.Seconds())), "an ended mute is listed as in force")
				}
			})

		DescribeTable("refuses a malformed mute with 100002",
			labels.Command(liveSvc, "mute_member"),
			func(ctx SpecContext, fields string) {
				id := live.room(ctx)
				live.expect(ctx, "mute_member", `{"RoomId":"`+id+`"`+fields+`}`, catalog.CodeInvalidParameter)
				Expect(liveMuted(ctx, id)).To(BeEmpty())
			},
			Entry("MemberList_Account missing", labels.Code(100002), `,"MuteTime":60`),
			Entry("MemberList_Account empty", labels.Code(100002), `,"MemberList_Account":[],"MuteTime":60`),
			Entry("MuteTime missing", labels.Code(100002), `,"MemberList_Account":["`+member1+`"]`),
			Entry("MuteTime negative", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"MuteTime":-1`),
			Entry("MuteTime not an integer", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"MuteTime":"60"`),
		)

		It("refuses a muted-list packet without a RoomId with 100002", labels.Command(liveSvc, "get_muted_member_list"), labels.Code(100002), func(ctx SpecContext) {
			live.expect(ctx, "get_muted_member_list", `{}`, catalog.CodeInvalidParameter)
		})

		answersAbsentRoom(live,
			Entry("mute_member", labels.Command(liveSvc, "mute_member"), labels.Code(100004), "mute_member", `,"MemberList_Account":["`+member1+`"],"MuteTime":60`),
			Entry("get_muted_member_list", labels.Command(liveSvc, "get_muted_member_list"), labels.Code(100004), "get_muted_member_list", ``),
		)
	})

	// Ban Room Members: https://trtc.io/document/63423, Unban: https://www.tencentcloud.com/document/product/647/63426,
	// Get the Banned Member List: https://trtc.io/document/63424
	Describe("bans", func() {

		It("bans users and lists each ban with its end", labels.Command(liveSvc, "ban_member"),
			labels.Command(liveSvc, "get_banned_member_list"), labels.Code(0), func(ctx SpecContext) {
				id := live.roomWithAccounts(ctx, member1, member2)
				before := time.Now().Unix()
				live.banAll(ctx, id, 3600, member1, member2)
				list := live.bans(ctx, id, nil)
				Expect(bannedAccounts(list)).To(ConsistOf(member1, member2))
				for _, b := range list {
					Expect(b.BannedUntil).To(BeNumerically("~", before+3600, clockSkew.Seconds()), "BannedUntil is not the ban's end")
				}
			})

		It("accepts a 200-byte Reason of 3-byte characters", labels.Command(liveSvc, "ban_member"), labels.Code(0), func(ctx SpecContext) {
			id := live.roomWithAccounts(ctx, member1)
			expectAcceptedForAccounts(live.send(ctx, "ban_member", wire.LiveBanMemberRequest{RoomID: id, MemberListAccount: []string{member1}, Reason: wire.Ptr(utf8OfBytes(200)), Duration: 60}))
			Expect(bannedAccounts(live.bans(ctx, id, nil))).To(ConsistOf(member1))
		})

		It("lifts a ban with unban_member", labels.Command(liveSvc, "unban_member"), labels.Code(0), func(ctx SpecContext) {
			id := live.roomWithAccounts(ctx, member1, member2)
			live.banAll(ctx, id, 3600, member1, member2)
			live.expect(ctx, "unban_member", wire.LiveUnbanMemberRequest{RoomID: id, MemberListAccount: []string{member1}}, 0)
			Expect(bannedAccounts(live.bans(ctx, id, nil))).To(ConsistOf(member2))
		})

		bannedListSpecs(live)

		DescribeTable("refuses a malformed ban with 100002",
			labels.Command(liveSvc, "ban_member"),
			func(ctx SpecContext, fields string) {
				id := live.room(ctx)
				live.expect(ctx, "ban_member", `{"RoomId":"`+id+`"`+fields+`}`, catalog.CodeInvalidParameter)
				Expect(live.bans(ctx, id, nil)).To(BeEmpty())
			},
			Entry("21 accounts", labels.Code(100002), `,"MemberList_Account":`+accountsJSON(21)+`,"Duration":60`),
			Entry("MemberList_Account missing", labels.Code(100002), `,"Duration":60`),
			Entry("Duration missing", labels.Code(100002), `,"MemberList_Account":["`+member1+`"]`),
			Entry("Duration not an integer", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"Duration":"60"`),
			Entry("Reason not a string", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"Duration":60,"Reason":1`),
		)

		DescribeTable("refuses a malformed banned-list request with 100002",
			labels.Command(liveSvc, "get_banned_member_list"),
			func(ctx SpecContext, fields string) {
				live.expect(ctx, "get_banned_member_list", `{"RoomId":"`+live.room(ctx)+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("Offset negative", labels.Code(100002), `,"Limit":10,"Offset":-1`),
		)

		answersAbsentRoom(live,
			Entry("ban_member", labels.Command(liveSvc, "ban_member"), labels.Code(100004), "ban_member", `,"MemberList_Account":["`+member1+`"],"Duration":60`),
			Entry("unban_member", labels.Command(liveSvc, "unban_member"), labels.Code(100004), "unban_member", `,"MemberList_Account":["`+member1+`"]`),
			Entry("get_banned_member_list", labels.Command(liveSvc, "get_banned_member_list"), labels.Code(100004), "get_banned_member_list", `,"Offset":0,"Limit":10`),
		)
	})
})
