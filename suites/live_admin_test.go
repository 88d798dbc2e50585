package suites

import (
	"sort"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

var _ = Describe("Live API", labels.Area("live"), func() {

	// Change Owner: https://trtc.io/document/72534
	Describe("change_room_owner", labels.Command(liveSvc, "change_room_owner"), func() {

		It("hands the room to another account, as get_room_info shows", labels.Code(0), func(ctx SpecContext) {
			id := live.roomWithAccounts(ctx, ownerB)
			expectAcceptedForAccounts(live.send(ctx, "change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: id, NewOwnerAccount: ownerB}))
			Expect(liveRoomInfo(ctx, id).OwnerAccount).To(Equal(ownerB))
		})

		// L-09: the transfer page's error table could not be read; 100016 "the new owner is
		// banned" is inferred from another page. A refusal must change nothing, and the same
		// account must be accepted once unbanned.
		It("answers a transfer to a banned account with 100016, another refusal, or the transfer", labels.Code(0, 100016), func(ctx SpecContext) {
			id := live.roomWithAccounts(ctx, ownerB)
			live.banAll(ctx, id, 3600, ownerB)
			resp := live.send(ctx, "change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: id, NewOwnerAccount: ownerB})
			if resp.Code() == 0 {
				Expect(resp).To(BeDocumentedAnswer(0))
				Expect(liveRoomInfo(ctx, id).OwnerAccount).To(Equal(ownerB), "the transfer was accepted but the owner did not change")
				return
			}
			Expect(resp).To(BeRefusal(catalog.CodeNewOwnerBanned))
			Expect(liveRoomInfo(ctx, id).OwnerAccount).To(Equal(ownerA), "a refused transfer changed the owner")

			By("accepting the same account once unbanned")
			live.expect(ctx, "unban_member", wire.LiveUnbanMemberRequest{RoomID: id, MemberListAccount: []string{ownerB}}, 0)
			if session.Control != nil {
				enter(ctx, id, ownerB) // the ban took it out of the room
			}
			expectAcceptedForAccounts(live.send(ctx, "change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: id, NewOwnerAccount: ownerB}))
			Expect(liveRoomInfo(ctx, id).OwnerAccount).To(Equal(ownerB))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			live.expect(ctx, "change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: live.newID(), NewOwnerAccount: ownerB}, catalog.CodeRoomNotFound)
		})

		DescribeTable("refuses a packet without a valid new owner",
			func(ctx SpecContext, fields string, codes []int) {
				live.expect(ctx, "change_room_owner", `{"RoomId":"`+live.room(ctx)+`"`+fields+`}`, codes...)
			},
			Entry("NewOwner_Account missing (100002)", labels.Code(100002), ``, []int{catalog.CodeInvalidParameter}),
			Entry("NewOwner_Account not a string (60015, or 100002)", labels.Code(60015, 100002), `,"NewOwner_Account":10086`,
				[]int{catalog.CodeAccountType, catalog.CodeInvalidParameter}),
		)
	})

	// Get the Admin List: https://www.tencentcloud.com/document/product/647/63425,
	// Modify Admins: https://www.tencentcloud.com/document/product/1071/76881
	Describe("administrators", func() {

		It("adds administrators, lists them and deletes them", labels.Command(liveSvc, "modify_admin"),
			labels.Command(liveSvc, "get_admin_list"), labels.Code(0), func(ctx SpecContext) {
				id := live.roomWithAccounts(ctx, member1, member2)
				Expect(liveAdmins(ctx, id)).To(BeEmpty())
				expectAcceptedForAccounts(live.send(ctx, "modify_admin", wire.LiveModifyAdminRequest{RoomID: id, AdminAccount: []string{member1, member2}, OpType: wire.LiveAdminAdd}))
				Expect(liveAdmins(ctx, id)).To(ConsistOf(member1, member2))
				live.expect(ctx, "modify_admin", wire.LiveModifyAdminRequest{RoomID: id, AdminAccount: []string{member1}, OpType: wire.LiveAdminDelete}, 0)
				Expect(liveAdmins(ctx, id)).To(ConsistOf(member2))
			})

		It("refuses a sixth administrator with 100020, and changes nothing", labels.Command(liveSvc, "modify_admin"), labels.Code(0, 100020), func(ctx SpecContext) {
			five := append([]string{ownerB, member1, member2}, crowdOf(ctx, 3)[:2]...)
			sixth := crowdOf(ctx, 3)[2]
			id := live.roomWithAccounts(ctx, append(five, sixth)...)
			expectAcceptedForAccounts(live.send(ctx, "modify_admin", wire.LiveModifyAdminRequest{RoomID: id, AdminAccount: five, OpType: wire.LiveAdminAdd}))
			live.expect(ctx, "modify_admin", wire.LiveModifyAdminRequest{RoomID: id, AdminAccount: []string{sixth}, OpType: wire.LiveAdminAdd}, catalog.CodeTooManyAdmins)
			admins := liveAdmins(ctx, id)
			sort.Strings(admins)
			Expect(admins).To(ConsistOf(five))
		})

		DescribeTable("refuses a malformed change with 100002",
			labels.Command(liveSvc, "modify_admin"),
			func(ctx SpecContext, fields string) {
				id := live.room(ctx)
				live.expect(ctx, "modify_admin", `{"RoomId":"`+id+`"`+fields+`}`, catalog.CodeInvalidParameter)
				Expect(liveAdmins(ctx, id)).To(BeEmpty())
			},
			Entry("an OpType that is neither add nor delete", labels.Code(100002), `,"Admin_Account":["`+member1+`"],"OpType":"replace"`),
			Entry("OpType missing", labels.Code(100002), `,"Admin_Account":["`+member1+`"]`),
			Entry("Admin_Account missing", labels.Code(100002), `,"OpType":"add"`),
			Entry("Admin_Account not a list", labels.Code(100002), `,"Admin_Account":"`+member1+`","OpType":"add"`),
		)

		It("refuses an admin-list packet without a RoomId with 100002", labels.Command(liveSvc, "get_admin_list"), labels.Code(100002), func(ctx SpecContext) {
			live.expect(ctx, "get_admin_list", `{}`, catalog.CodeInvalidParameter)
		})

		It("refuses an admin-list packet with an empty RoomId (100002, or 100004: no room has it)", labels.Command(liveSvc, "get_admin_list"),
			labels.Code(100002, 100004), func(ctx SpecContext) {
				live.expect(ctx, "get_admin_list", `{"RoomId":""}`, catalog.CodeInvalidParameter, catalog.CodeRoomNotFound)
			})

		answersAbsentRoom(live,
			Entry("get_admin_list", labels.Command(liveSvc, "get_admin_list"), labels.Code(100004), "get_admin_list", ``),
			Entry("modify_admin", labels.Command(liveSvc, "modify_admin"), labels.Code(100004), "modify_admin", `,"Admin_Account":["`+member1+`"],"OpType":"add"`),
		)
	})
})
