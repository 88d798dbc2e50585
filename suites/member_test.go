package suites

import (
	"context"
	"fmt"
	"slices"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// Owner roles as documented (D-04): "Owner" in the table, "RoomOwner" in the sample.
var ownerRoles = []any{"Owner", "RoomOwner"}

// members reads the whole member list through its cursor with the given page size (nil: the
// default), checking every page, and returns the members in the order listed.
func members(ctx context.Context, roomID string, count *int) []wire.RoomMember {
	GinkgoHelper()
	pageLimit := 50 // the documented default Count
	if count != nil {
		pageLimit = *count
	}
	var all []wire.RoomMember
	seen := map[string]bool{}
	next := ""
	for pages := 0; ; pages++ {
		Expect(pages).To(BeNumerically("<=", len(seen)+2), "the member list's cursor does not come to an end")
		page, resp, err := session.Client.Members.GetList(ctx, wire.GetRoomMemberListRequest{RoomID: roomID, Count: count, Next: wire.Ptr(next)})
		answered(resp, err)
		Expect(resp).To(BeDocumentedAnswer(0))
		Expect(len(page.Response.MemberList)).To(BeNumerically("<=", pageLimit), "a page holds more members than Count")
		for _, m := range page.Response.MemberList {
			Expect(seen).NotTo(HaveKey(m.MemberAccount), "member %s listed twice", m.MemberAccount)
			seen[m.MemberAccount] = true
			all = append(all, m)
		}
		if page.Response.Next == "" {
			return all
		}
		Expect(page.Response.MemberList).NotTo(BeEmpty(), "an empty page that announces another")
		next = page.Response.Next
	}
}

// besidesOwner drops owner from a list of accounts. Whether a Conference room's owner is a
// member before entering is not documented (errata E-09): a service may list it from the
// room's creation on, the emulator only once it entered.
func besidesOwner(accounts []string, owner string) []string {
	return slices.DeleteFunc(slices.Clone(accounts), func(a string) bool { return a == owner })
}

// expectMembers expects the room's members, besides its owner, to be exactly accounts, and
// get_room_info's MemberCount to count them (and the owner, where the list shows it).
func expectMembers(ctx context.Context, roomID, owner string, accounts ...string) {
	GinkgoHelper()
	listed := accountsOf(members(ctx, roomID, nil))
	Expect(besidesOwner(listed, owner)).To(ConsistOf(accounts), "the members besides the owner")
	counted := len(accounts)
	if slices.Contains(listed, owner) {
		counted++
	}
	Expect(roomInfo(ctx, roomID).MemberCount).To(Equal(counted), "MemberCount is not the number of members listed")
}

func accountsOf(list []wire.RoomMember) []string {
	out := make([]string, len(list))
	for i, m := range list {
		out[i] = m.MemberAccount
	}
	return out
}

func memberNamed(list []wire.RoomMember, account string) wire.RoomMember {
	GinkgoHelper()
	for _, m := range list {
		if m.MemberAccount == account {
			return m
		}
	}
	Fail(fmt.Sprintf("%s is not in the member list %v", account, accountsOf(list)))
	return wire.RoomMember{}
}

var _ = Describe("User management", labels.Area("member"), func() {

	// Get the Room Member List: https://trtc.io/document/60715
	Describe("get_room_member_list", labels.Command(catalog.ServiceRoom, "get_room_member_list"), func() {

		It("lists every member who entered, with the documented fields and roles", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := conference.roomWith(ctx, ownerA, member1, member2)
			list := members(ctx, id, nil)
			Expect(accountsOf(list)).To(ConsistOf(ownerA, member1, member2))
			Expect(memberNamed(list, ownerA).Role).To(BeElementOf(ownerRoles...), "D-04: the owner is Owner or RoomOwner")
			Expect(memberNamed(list, member1).Role).To(Equal("Member"))
		})

		It("lists nobody in a room nobody entered, the owner aside", labels.Code(0), func(ctx SpecContext) {
			Expect(besidesOwner(accountsOf(members(ctx, conference.room(ctx), nil)), ownerA)).To(BeEmpty())
		})

		DescribeTable("pages through the members with the Next cursor, losing and repeating nobody",
			labels.Code(0), labels.NeedsControlPlane(),
			func(ctx SpecContext, pageSize int, roomSize int) {
				crowd := crowdOf(ctx, roomSize)
				id := conference.roomWith(ctx, crowd...)
				var count *int
				if pageSize > 0 {
					count = wire.Ptr(pageSize)
				}
				Expect(besidesOwner(accountsOf(members(ctx, id, count)), ownerA)).To(ConsistOf(crowd))
			},
			paginationEntries([]int{1, 7, 0}, 50),
		)

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			conference.expect(ctx, "get_room_member_list", `{"RoomId":"`+newRoomID()+`"}`, catalog.CodeRoomNotFound)
		})

		DescribeTable("refuses a malformed packet with 100002",
			func(ctx SpecContext, body func(id string) string) {
				conference.expect(ctx, "get_room_member_list", body(conference.room(ctx)), catalog.CodeInvalidParameter)
			},
			Entry("RoomId missing", labels.Code(100002), func(string) string { return `{"Count":10}` }),
			Entry("Count not an integer", labels.Code(100002), func(id string) string { return `{"RoomId":"` + id + `","Count":"ten"}` }),
			Entry("Next not a string", labels.Code(100002), func(id string) string { return `{"RoomId":"` + id + `","Next":5}` }),
		)
	})

	// Update the Room Member Information: https://trtc.io/document/60714
	Describe("update_room_member_info", labels.Command(catalog.ServiceRoom, "update_room_member_info"), func() {

		It("sets a member's name card, custom data and admin role", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := conference.roomWith(ctx, member1)
			resp := conference.send(ctx, "update_room_member_info", wire.UpdateRoomMemberInfoRequest{RoomID: id, MemberInfo: wire.MemberInfo{
				MemberAccount: member1, NameCard: wire.Ptr(utf8OfBytes(32)), Role: wire.Ptr("Admin"), CustomInfo: wire.Ptr(utf8OfBytes(60)),
			}})
			Expect(resp).To(BeDocumentedAnswer(0))
			Expect(memberNamed(members(ctx, id, nil), member1)).To(MatchFields(map[string]any{
				"NameCard": utf8OfBytes(32), "Role": "Admin", "CustomInfo": utf8OfBytes(60),
			}))

			Expect(conference.send(ctx, "update_room_member_info", wire.UpdateRoomMemberInfoRequest{RoomID: id, MemberInfo: wire.MemberInfo{
				MemberAccount: member1, Role: wire.Ptr("Member"),
			}})).To(BeDocumentedAnswer(0))
			Expect(memberNamed(members(ctx, id, nil), member1)).To(MatchFields(map[string]any{"Role": "Member", "NameCard": utf8OfBytes(32)}),
				"revoking the admin role changed something else")
		})

		DescribeTable("refuses a value beyond its documented limit with 100002",
			labels.NeedsControlPlane(),
			func(ctx SpecContext, field string) {
				id := conference.roomWith(ctx, member1)
				conference.expect(ctx, "update_room_member_info", `{"RoomId":"`+id+`","MemberInfo":{"Member_Account":"`+member1+`",`+field+`}}`, catalog.CodeInvalidParameter)
				Expect(memberNamed(members(ctx, id, nil), member1)).To(MatchFields(map[string]any{"NameCard": "", "Role": "Member", "CustomInfo": ""}))
			},
			Entry("a 33-byte NameCard", labels.Code(100002), `"NameCard":"`+utf8OfBytes(33)+`"`),
			Entry("a 61-byte CustomInfo", labels.Code(100002), `"CustomInfo":"`+utf8OfBytes(61)+`"`),
			Entry("a Role other than Admin or Member", labels.Code(100002), `"Role":"Owner"`),
		)

		// E-36: this page's error table could not be read; 100005 is what its siblings answer.
		It("refuses an account that is not in the room (100005 on the sibling pages)", labels.Code(100005), func(ctx SpecContext) {
			resp := conference.send(ctx, "update_room_member_info", wire.UpdateRoomMemberInfoRequest{RoomID: conference.room(ctx), MemberInfo: wire.MemberInfo{MemberAccount: member2, NameCard: wire.Ptr("x")}})
			Expect(resp).To(BeRefusal(catalog.CodeNotMember))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			conference.expect(ctx, "update_room_member_info", `{"RoomId":"`+newRoomID()+`","MemberInfo":{"Member_Account":"`+member1+`","NameCard":"x"}}`, catalog.CodeRoomNotFound)
		})
	})

	// Change the Room Ownership: https://trtc.io/document/60713
	Describe("change_room_owner", labels.Command(catalog.ServiceRoom, "change_room_owner"), func() {

		It("hands the room to a member, as get_room_info and the member roles show", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := conference.roomWith(ctx, ownerA, member1)
			resp := conference.send(ctx, "change_room_owner", wire.ChangeRoomOwnerRequest{RoomID: id, FromAccount: ownerA, NewOwnerAccount: member1})
			Expect(resp).To(BeDocumentedAnswer(0))

			Expect(roomInfo(ctx, id).OwnerAccount).To(Equal(member1))
			list := members(ctx, id, nil)
			Expect(memberNamed(list, member1).Role).To(BeElementOf(ownerRoles...))
			Expect(memberNamed(list, ownerA).Role).NotTo(BeElementOf(ownerRoles...), "the room has two owners")
		})

		It("refuses to hand the room to an account that is not in it with 100005", labels.Code(100005), func(ctx SpecContext) {
			id := conference.room(ctx)
			resp := conference.send(ctx, "change_room_owner", wire.ChangeRoomOwnerRequest{RoomID: id, FromAccount: ownerA, NewOwnerAccount: member2})
			Expect(resp).To(BeDocumentedAnswer(catalog.CodeNotMember))
			Expect(roomInfo(ctx, id).OwnerAccount).To(Equal(ownerA), "a refused transfer changed the owner")
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			conference.expect(ctx, "change_room_owner", `{"RoomId":"`+newRoomID()+`","From_Account":"`+ownerA+`","NewOwner_Account":"`+member1+`"}`, catalog.CodeRoomNotFound)
		})

		DescribeTable("refuses a packet without a mandatory field with 100002",
			func(ctx SpecContext, fields string) {
				conference.expect(ctx, "change_room_owner", `{"RoomId":"`+conference.room(ctx)+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("From_Account missing", labels.Code(100002), `,"NewOwner_Account":"`+member1+`"`),
			Entry("NewOwner_Account missing", labels.Code(100002), `,"From_Account":"`+ownerA+`"`),
		)
	})

	// Mark Room Members: https://trtc.io/document/60712
	Describe("mark_room_member", labels.Command(catalog.ServiceRoom, "mark_room_member"), func() {
		mark := func(ctx context.Context, id string, command int, account string, marks ...int) *client.Response {
			return conference.send(ctx, "mark_room_member", wire.MarkRoomMemberRequest{RoomID: id, CommandType: command,
				MemberList: []wire.MemberMarks{{MemberAccount: account, Marks: marks}}})
		}

		It("sets marks that the member list shows, then deletes them", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := conference.roomWith(ctx, member1)
			resp := mark(ctx, id, wire.MarkSet, member1, 1000, 1002, 1003)
			Expect(resp).To(BeDocumentedAnswer(0))
			Expect(memberNamed(members(ctx, id, nil), member1).Marks).To(ConsistOf(1000, 1002, 1003))

			Expect(mark(ctx, id, wire.MarkDelete, member1, 1002)).To(BeDocumentedAnswer(0))
			Expect(memberNamed(members(ctx, id, nil), member1).Marks).To(ConsistOf(1000, 1003))
		})

		// E-37: the page's error table is cut off; 100002 is the code it shows for a broken limit.
		It("refuses an eleventh distinct mark in a room (100002, or a code of the unread table)", labels.Code(100002), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := conference.roomWith(ctx, member1, member2)
			Expect(mark(ctx, id, wire.MarkSet, member1, 1000, 1001, 1002)).To(BeDocumentedAnswer(0))
			Expect(mark(ctx, id, wire.MarkSet, member1, 1003, 1004, 1005)).To(BeDocumentedAnswer(0))
			Expect(mark(ctx, id, wire.MarkSet, member2, 1006, 1007, 1008)).To(BeDocumentedAnswer(0))
			Expect(mark(ctx, id, wire.MarkSet, member2, 1009)).To(BeDocumentedAnswer(0), "the tenth distinct mark is allowed")
			resp := mark(ctx, id, wire.MarkSet, member2, 1010)
			Expect(resp).To(BeRefusal(catalog.CodeInvalidParameter))
			Expect(memberNamed(members(ctx, id, nil), member2).Marks).NotTo(ContainElement(1010))
		})

		DescribeTable("refuses a packet beyond the documented limits with 100002",
			labels.NeedsControlPlane(),
			func(ctx SpecContext, memberList func() string) {
				id := conference.roomWith(ctx, member1)
				conference.expect(ctx, "mark_room_member", `{"RoomId":"`+id+`","CommandType":1,"MemberList":`+memberList()+`}`, catalog.CodeInvalidParameter)
				Expect(memberNamed(members(ctx, id, nil), member1).Marks).To(BeEmpty())
			},
			Entry("a mark below 1000", labels.Code(100002), func() string { return `[{"Member_Account":"` + member1 + `","Marks":[999]}]` }),
			Entry("four marks in one call", labels.Code(100002), func() string {
				return `[{"Member_Account":"` + member1 + `","Marks":[1000,1001,1002,1003]}]`
			}),
			Entry("eleven accounts in one call", labels.Code(100002), func() string {
				entries := make([]string, 11)
				for i := range entries {
					entries[i] = fmt.Sprintf(`{"Member_Account":"trtcconf_crowd_%03d","Marks":[1000]}`, i)
				}
				return "[" + strings.Join(entries, ",") + "]"
			}),
		)

		It("answers 100005 for an account that is not in the room", labels.Code(100005), func(ctx SpecContext) {
			resp := mark(ctx, conference.room(ctx), wire.MarkSet, member2, 1000)
			Expect(resp).To(BeDocumentedAnswer(catalog.CodeNotMember))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			conference.expect(ctx, "mark_room_member", `{"RoomId":"`+newRoomID()+`","CommandType":1,"MemberList":[{"Member_Account":"`+member1+`","Marks":[1000]}]}`, catalog.CodeRoomNotFound)
		})
	})

	// Remove Room Member: https://trtc.io/document/60708
	Describe("kick_user_out", labels.Command(catalog.ServiceRoom, "kick_user_out"), func() {

		It("removes members, who may enter again", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := conference.roomWith(ctx, member1, member2)
			resp := conference.send(ctx, "kick_user_out", wire.KickUserOutRequest{RoomID: id, MemberListAccount: []string{member1}, Reason: "time is up"})
			Expect(resp).To(BeDocumentedAnswer(0))
			expectMembers(ctx, id, ownerA, member2)
			enter(ctx, id, member1)
		})

		// E-21: the page lists 100005 "not a room member" without saying when; a kick of nobody
		// present may as well change nothing.
		It("answers a kick of an account that is not in the room with 100005, or changes nothing", labels.Code(0, 100005), func(ctx SpecContext) {
			id := conference.room(ctx)
			resp := conference.send(ctx, "kick_user_out", wire.KickUserOutRequest{RoomID: id, MemberListAccount: []string{member2}, Reason: "r"})
			Expect(resp).To(BeDocumentedAnswer(catalog.CodeNotMember, 0))
			Expect(besidesOwner(accountsOf(members(ctx, id, nil)), ownerA)).To(BeEmpty(), "the kick let somebody in")
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			conference.expect(ctx, "kick_user_out", `{"RoomId":"`+newRoomID()+`","MemberList_Account":["`+member1+`"],"Reason":"r"}`, catalog.CodeRoomNotFound)
		})

		DescribeTable("refuses a malformed packet with 100002",
			func(ctx SpecContext, fields string) {
				conference.expect(ctx, "kick_user_out", `{"RoomId":"`+conference.room(ctx)+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("Reason of 1001 bytes", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"Reason":"`+utf8OfBytes(1001)+`"`),
			Entry("21 accounts", labels.Code(100002), `,"MemberList_Account":`+accountsJSON(21)+`,"Reason":"r"`),
			Entry("Reason missing", labels.Code(100002), `,"MemberList_Account":["`+member1+`"]`),
		)
	})
})
