package suites

import (
	"context"
	"fmt"
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

// Owner roles as documented (D-04): "Owner" in the table, "RoomOwner" in the sample.
var ownerRoles = []any{"Owner", "RoomOwner"}

// crowd is a pool of imported accounts for rooms with many members, imported once per process.
var (
	crowdOnce sync.Once
	crowd     []string
)

func crowdOf(ctx context.Context, n int) []string {
	GinkgoHelper()
	crowdOnce.Do(func() {
		crowd = make([]string, 110)
		for i := range crowd {
			crowd[i] = fmt.Sprintf("trtcconf_crowd_%03d", i)
		}
		importAccounts(ctx, crowd...)
	})
	Expect(n).To(BeNumerically("<=", len(crowd)), "the crowd pool is too small for this spec")
	return crowd[:n]
}

// enter makes accounts enter a room through the control plane.
func enter(ctx context.Context, roomID string, accounts ...string) {
	GinkgoHelper()
	for _, account := range accounts {
		Expect(session.Control.Enter(ctx, roomID, account)).To(Succeed(), "%s entering %s", account, roomID)
	}
}

// roomWith creates a room owned by ownerA and lets accounts enter it.
func roomWith(ctx context.Context, accounts ...string) string {
	GinkgoHelper()
	id := newRoomID()
	req := minimalRoom(id)
	req.RoomInfo.OwnerAccount = wire.Ptr(ownerA)
	mustCreateRoom(ctx, req)
	enter(ctx, id, accounts...)
	return id
}

// emptyRoom creates a room owned by ownerA that nobody entered; it works on every target.
func emptyRoom(ctx context.Context) string {
	GinkgoHelper()
	id := newRoomID()
	req := minimalRoom(id)
	req.RoomInfo.OwnerAccount = wire.Ptr(ownerA)
	mustCreateRoom(ctx, req)
	return id
}

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
		Expect(resp).To(HaveErrorCode(0))
		Expect(resp).To(MatchSchema("room_engine_http_srv/get_room_member_list.response"))
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

// banned reads the whole banned list by offset with the given page size (nil: the default).
func banned(ctx context.Context, roomID string, limit *int) []wire.BannedMember {
	GinkgoHelper()
	var all []wire.BannedMember
	seen := map[string]bool{}
	offset := 0
	for pages := 0; ; pages++ {
		Expect(pages).To(BeNumerically("<=", len(seen)+2), "the banned list's NextOffset does not come to an end")
		page, resp, err := session.Client.Members.GetBannedList(ctx, wire.GetBannedMemberListRequest{RoomID: roomID, Limit: limit, Offset: wire.Ptr(offset)})
		answered(resp, err)
		Expect(resp).To(HaveErrorCode(0))
		Expect(resp).To(MatchSchema("room_engine_http_srv/get_banned_member_list.response"))
		if limit != nil {
			Expect(len(page.Response.BannedAccountList)).To(BeNumerically("<=", *limit), "a page holds more entries than Limit")
		}
		for _, b := range page.Response.BannedAccountList {
			Expect(seen).NotTo(HaveKey(b.MemberAccount), "%s listed twice", b.MemberAccount)
			seen[b.MemberAccount] = true
			all = append(all, b)
		}
		if page.Response.NextOffset == 0 {
			return all
		}
		Expect(page.Response.NextOffset).To(BeNumerically(">", offset), "NextOffset does not move forward")
		offset = page.Response.NextOffset
	}
}

func bannedAccounts(list []wire.BannedMember) []string {
	out := make([]string, len(list))
	for i, b := range list {
		out[i] = b.MemberAccount
	}
	return out
}

// ban bans accounts in batches of the documented 20 and expects success.
func ban(ctx context.Context, roomID string, duration int64, accounts ...string) {
	GinkgoHelper()
	for start := 0; start < len(accounts); start += 20 {
		batch := accounts[start:min(start+20, len(accounts))]
		resp := call(ctx, catalog.ServiceRoom, "ban_room_member", wire.BanRoomMemberRequest{RoomID: roomID, MemberListAccount: batch, Reason: "conformance", Duration: duration})
		Expect(resp).To(HaveErrorCode(0))
		Expect(resp).To(MatchSchema("room_engine_http_srv/ban_room_member.response"))
	}
}

// accountsJSON renders n account names as a JSON array.
func accountsJSON(n int) string {
	quoted := make([]string, n)
	for i := range quoted {
		quoted[i] = fmt.Sprintf(`"trtcconf_crowd_%03d"`, i)
	}
	return "[" + strings.Join(quoted, ",") + "]"
}

var _ = Describe("User management", labels.Area("member"), func() {

	// Get the Room Member List: https://trtc.io/document/60715
	Describe("get_room_member_list", labels.Command(catalog.ServiceRoom, "get_room_member_list"), func() {

		It("lists every member who entered, with the documented fields and roles", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := roomWith(ctx, ownerA, member1, member2)
			list := members(ctx, id, nil)
			Expect(accountsOf(list)).To(ConsistOf(ownerA, member1, member2))
			Expect(memberNamed(list, ownerA).Role).To(BeElementOf(ownerRoles...), "D-04: the owner is Owner or RoomOwner")
			Expect(memberNamed(list, member1).Role).To(Equal("Member"))
		})

		It("lists nobody in a room nobody entered", labels.Code(0), func(ctx SpecContext) {
			Expect(members(ctx, emptyRoom(ctx), nil)).To(BeEmpty())
		})

		DescribeTable("pages through the members with the Next cursor, losing and repeating nobody",
			labels.Code(0), labels.NeedsControlPlane(),
			func(ctx SpecContext, pageSize int, roomSize int) {
				crowd := crowdOf(ctx, roomSize)
				id := roomWith(ctx, crowd...)
				var count *int
				if pageSize > 0 {
					count = wire.Ptr(pageSize)
				}
				Expect(accountsOf(members(ctx, id, count))).To(ConsistOf(crowd))
			},
			paginationEntries([]int{1, 7, 0}, 50),
		)

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectRefused(ctx, "get_room_member_list", `{"RoomId":"`+newRoomID()+`"}`, catalog.CodeRoomNotFound)
		})

		DescribeTable("refuses a malformed packet with 100002",
			func(ctx SpecContext, body func(id string) string) {
				expectRefused(ctx, "get_room_member_list", body(emptyRoom(ctx)), catalog.CodeInvalidParameter)
			},
			Entry("RoomId missing", labels.Code(100002), func(string) string { return `{"Count":10}` }),
			Entry("Count not an integer", labels.Code(100002), func(id string) string { return `{"RoomId":"` + id + `","Count":"ten"}` }),
			Entry("Next not a string", labels.Code(100002), func(id string) string { return `{"RoomId":"` + id + `","Next":5}` }),
		)
	})

	// Update the Room Member Information: https://trtc.io/document/60714
	Describe("update_room_member_info", labels.Command(catalog.ServiceRoom, "update_room_member_info"), func() {

		It("sets a member's name card, custom data and admin role", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := roomWith(ctx, member1)
			resp := call(ctx, catalog.ServiceRoom, "update_room_member_info", wire.UpdateRoomMemberInfoRequest{RoomID: id, MemberInfo: wire.MemberInfo{
				MemberAccount: member1, NameCard: wire.Ptr(utf8OfBytes(32)), Role: wire.Ptr("Admin"), CustomInfo: wire.Ptr(utf8OfBytes(60)),
			}})
			Expect(resp).To(HaveErrorCode(0))
			Expect(resp).To(MatchSchema("room_engine_http_srv/update_room_member_info.response"))
			Expect(memberNamed(members(ctx, id, nil), member1)).To(MatchFields(map[string]any{
				"NameCard": utf8OfBytes(32), "Role": "Admin", "CustomInfo": utf8OfBytes(60),
			}))

			Expect(call(ctx, catalog.ServiceRoom, "update_room_member_info", wire.UpdateRoomMemberInfoRequest{RoomID: id, MemberInfo: wire.MemberInfo{
				MemberAccount: member1, Role: wire.Ptr("Member"),
			}})).To(HaveErrorCode(0))
			Expect(memberNamed(members(ctx, id, nil), member1)).To(MatchFields(map[string]any{"Role": "Member", "NameCard": utf8OfBytes(32)}),
				"revoking the admin role changed something else")
		})

		DescribeTable("refuses a value beyond its documented limit with 100002",
			labels.NeedsControlPlane(),
			func(ctx SpecContext, field string) {
				id := roomWith(ctx, member1)
				expectRefused(ctx, "update_room_member_info", `{"RoomId":"`+id+`","MemberInfo":{"Member_Account":"`+member1+`",`+field+`}}`, catalog.CodeInvalidParameter)
				Expect(memberNamed(members(ctx, id, nil), member1)).To(MatchFields(map[string]any{"NameCard": "", "Role": "Member", "CustomInfo": ""}))
			},
			Entry("a 33-byte NameCard", labels.Code(100002), `"NameCard":"`+utf8OfBytes(33)+`"`),
			Entry("a 61-byte CustomInfo", labels.Code(100002), `"CustomInfo":"`+utf8OfBytes(61)+`"`),
			Entry("a Role other than Admin or Member", labels.Code(100002), `"Role":"Owner"`),
		)

		It("answers 100005 for an account that is not in the room", labels.Code(100005), func(ctx SpecContext) {
			resp := call(ctx, catalog.ServiceRoom, "update_room_member_info", wire.UpdateRoomMemberInfoRequest{RoomID: emptyRoom(ctx), MemberInfo: wire.MemberInfo{MemberAccount: member2, NameCard: wire.Ptr("x")}})
			Expect(resp).To(HaveErrorCode(catalog.CodeNotMember))
			Expect(resp).To(MatchSchema("room_engine_http_srv/update_room_member_info.response"))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectRefused(ctx, "update_room_member_info", `{"RoomId":"`+newRoomID()+`","MemberInfo":{"Member_Account":"`+member1+`","NameCard":"x"}}`, catalog.CodeRoomNotFound)
		})
	})

	// Change the Room Ownership: https://trtc.io/document/60713
	Describe("change_room_owner", labels.Command(catalog.ServiceRoom, "change_room_owner"), func() {

		It("hands the room to a member, as get_room_info and the member roles show", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := roomWith(ctx, ownerA, member1)
			resp := call(ctx, catalog.ServiceRoom, "change_room_owner", wire.ChangeRoomOwnerRequest{RoomID: id, FromAccount: ownerA, NewOwnerAccount: member1})
			Expect(resp).To(HaveErrorCode(0))
			Expect(resp).To(MatchSchema("room_engine_http_srv/change_room_owner.response"))

			Expect(roomInfo(ctx, id).OwnerAccount).To(Equal(member1))
			list := members(ctx, id, nil)
			Expect(memberNamed(list, member1).Role).To(BeElementOf(ownerRoles...))
			Expect(memberNamed(list, ownerA).Role).NotTo(BeElementOf(ownerRoles...), "the room has two owners")
		})

		It("refuses to hand the room to an account that is not in it with 100005", labels.Code(100005), func(ctx SpecContext) {
			id := emptyRoom(ctx)
			resp := call(ctx, catalog.ServiceRoom, "change_room_owner", wire.ChangeRoomOwnerRequest{RoomID: id, FromAccount: ownerA, NewOwnerAccount: member2})
			Expect(resp).To(HaveErrorCode(catalog.CodeNotMember))
			Expect(resp).To(MatchSchema("room_engine_http_srv/change_room_owner.response"))
			Expect(roomInfo(ctx, id).OwnerAccount).To(Equal(ownerA), "a refused transfer changed the owner")
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectRefused(ctx, "change_room_owner", `{"RoomId":"`+newRoomID()+`","From_Account":"`+ownerA+`","NewOwner_Account":"`+member1+`"}`, catalog.CodeRoomNotFound)
		})

		DescribeTable("refuses a packet without a mandatory field with 100002",
			func(ctx SpecContext, fields string) {
				expectRefused(ctx, "change_room_owner", `{"RoomId":"`+emptyRoom(ctx)+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("From_Account missing", labels.Code(100002), `,"NewOwner_Account":"`+member1+`"`),
			Entry("NewOwner_Account missing", labels.Code(100002), `,"From_Account":"`+ownerA+`"`),
		)
	})

	// Mark Room Members: https://trtc.io/document/60712
	Describe("mark_room_member", labels.Command(catalog.ServiceRoom, "mark_room_member"), func() {
		mark := func(ctx context.Context, id string, command int, account string, marks ...int) *client.Response {
			return call(ctx, catalog.ServiceRoom, "mark_room_member", wire.MarkRoomMemberRequest{RoomID: id, CommandType: command,
				MemberList: []wire.MemberMarks{{MemberAccount: account, Marks: marks}}})
		}

		It("sets marks that the member list shows, then deletes them", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := roomWith(ctx, member1)
			resp := mark(ctx, id, wire.MarkSet, member1, 1000, 1002, 1003)
			Expect(resp).To(HaveErrorCode(0))
			Expect(resp).To(MatchSchema("room_engine_http_srv/mark_room_member.response"))
			Expect(memberNamed(members(ctx, id, nil), member1).Marks).To(ConsistOf(1000, 1002, 1003))

			Expect(mark(ctx, id, wire.MarkDelete, member1, 1002)).To(HaveErrorCode(0))
			Expect(memberNamed(members(ctx, id, nil), member1).Marks).To(ConsistOf(1000, 1003))
		})

		It("refuses an eleventh distinct mark in a room with 100002", labels.Code(100002), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := roomWith(ctx, member1, member2)
			Expect(mark(ctx, id, wire.MarkSet, member1, 1000, 1001, 1002)).To(HaveErrorCode(0))
			Expect(mark(ctx, id, wire.MarkSet, member1, 1003, 1004, 1005)).To(HaveErrorCode(0))
			Expect(mark(ctx, id, wire.MarkSet, member2, 1006, 1007, 1008)).To(HaveErrorCode(0))
			Expect(mark(ctx, id, wire.MarkSet, member2, 1009)).To(HaveErrorCode(0), "the tenth distinct mark is allowed")
			resp := mark(ctx, id, wire.MarkSet, member2, 1010)
			Expect(resp).To(HaveErrorCode(catalog.CodeInvalidParameter))
			Expect(resp).To(MatchSchema("room_engine_http_srv/mark_room_member.response"))
			Expect(memberNamed(members(ctx, id, nil), member2).Marks).NotTo(ContainElement(1010))
		})

		DescribeTable("refuses a packet beyond the documented limits with 100002",
			labels.NeedsControlPlane(),
			func(ctx SpecContext, memberList func() string) {
				id := roomWith(ctx, member1)
				expectRefused(ctx, "mark_room_member", `{"RoomId":"`+id+`","CommandType":1,"MemberList":`+memberList()+`}`, catalog.CodeInvalidParameter)
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
			resp := mark(ctx, emptyRoom(ctx), wire.MarkSet, member2, 1000)
			Expect(resp).To(HaveErrorCode(catalog.CodeNotMember))
			Expect(resp).To(MatchSchema("room_engine_http_srv/mark_room_member.response"))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectRefused(ctx, "mark_room_member", `{"RoomId":"`+newRoomID()+`","CommandType":1,"MemberList":[{"Member_Account":"`+member1+`","Marks":[1000]}]}`, catalog.CodeRoomNotFound)
		})
	})

	// Ban Room Members: https://trtc.io/document/60711, Unban: https://tencentcloud.com/document/product/647/60710,
	// Get the Banned Room Member List: https://trtc.io/document/60709
	Describe("bans", func() {

		It("removes a banned member at once and lists the ban with its end", labels.Command(catalog.ServiceRoom, "ban_room_member"),
			labels.Command(catalog.ServiceRoom, "get_banned_member_list"), labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
				id := roomWith(ctx, member1, member2)
				before := time.Now().Unix()
				ban(ctx, id, 3600, member1)

				Expect(accountsOf(members(ctx, id, nil))).To(ConsistOf(member2), "the banned member is still in the room")
				list := banned(ctx, id, nil)
				Expect(bannedAccounts(list)).To(ConsistOf(member1))
				Expect(list[0].BannedUntil).To(BeNumerically("~", before+3600, clockSkew.Seconds()), "BannedUntil is not the ban's end")
				Expect(session.Control.Enter(ctx, id, member1)).To(MatchError(control.ErrRefused), "a banned user entered the room")
			})

		It("lets the user enter again once the ban expires", Serial, labels.Command(catalog.ServiceRoom, "ban_room_member"),
			labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
				DeferCleanup(func() {
					_, err := session.Control.Clock(background(), control.ClockRequest{Real: true})
					Expect(err).NotTo(HaveOccurred())
				})
				id := roomWith(ctx, member1)
				ban(ctx, id, 600, member1)
				_, err := session.Control.Advance(ctx, 590*time.Second)
				Expect(err).NotTo(HaveOccurred())
				Expect(session.Control.Enter(ctx, id, member1)).To(MatchError(control.ErrRefused), "entered 10 s before the ban's end")
				_, err = session.Control.Advance(ctx, 20*time.Second)
				Expect(err).NotTo(HaveOccurred())
				Expect(bannedAccounts(banned(ctx, id, nil))).To(BeEmpty(), "an expired ban is still listed")
				enter(ctx, id, member1)
			})

		It("lifts a ban with unban_room_member", labels.Command(catalog.ServiceRoom, "unban_room_member"), labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := roomWith(ctx, member1)
			ban(ctx, id, 3600, member1)
			resp := call(ctx, catalog.ServiceRoom, "unban_room_member", wire.UnbanRoomMemberRequest{RoomID: id, MemberListAccount: []string{member1}})
			Expect(resp).To(HaveErrorCode(0))
			Expect(resp).To(MatchSchema("room_engine_http_srv/unban_room_member.response"))
			Expect(bannedAccounts(banned(ctx, id, nil))).To(BeEmpty())
			enter(ctx, id, member1)
		})

		It("answers a ban of an account that is not in the room with 100005, or bans it", labels.Command(catalog.ServiceRoom, "ban_room_member"),
			labels.Code(0, 100005), func(ctx SpecContext) {
				id := emptyRoom(ctx)
				resp := call(ctx, catalog.ServiceRoom, "ban_room_member", wire.BanRoomMemberRequest{RoomID: id, MemberListAccount: []string{member2}, Reason: "r", Duration: 60})
				Expect(resp).To(HaveErrorCode(catalog.CodeNotMember, 0))
				Expect(resp).To(MatchSchema("room_engine_http_srv/ban_room_member.response"))
				if resp.Code() == 0 {
					Expect(bannedAccounts(banned(ctx, id, nil))).To(ConsistOf(member2), "the ban was accepted but is not listed")
				} else {
					Expect(bannedAccounts(banned(ctx, id, nil))).To(BeEmpty(), "the ban was refused but is listed")
				}
			})

		DescribeTable("pages through the banned list by offset, losing and repeating nobody",
			labels.Command(catalog.ServiceRoom, "get_banned_member_list"), labels.Code(0), labels.NeedsControlPlane(),
			func(ctx SpecContext, pageSize int, size int) {
				crowd := crowdOf(ctx, size)
				id := roomWith(ctx, crowd...)
				ban(ctx, id, 3600, crowd...)
				var limit *int
				if pageSize > 0 {
					limit = wire.Ptr(pageSize)
				}
				Expect(bannedAccounts(banned(ctx, id, limit))).To(ConsistOf(crowd))
			},
			paginationEntries([]int{1, 7, 0}, 20),
		)

		DescribeTable("refuses a malformed ban with 100002",
			labels.Command(catalog.ServiceRoom, "ban_room_member"),
			func(ctx SpecContext, fields string) {
				expectRefused(ctx, "ban_room_member", `{"RoomId":"`+emptyRoom(ctx)+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("Reason of 1001 bytes", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"Duration":60,"Reason":"`+utf8OfBytes(1001)+`"`),
			Entry("21 accounts", labels.Code(100002), `,"MemberList_Account":`+accountsJSON(21)+`,"Duration":60,"Reason":"r"`),
			Entry("Reason missing", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"Duration":60`),
			Entry("Duration missing", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"Reason":"r"`),
			Entry("MemberList_Account missing", labels.Code(100002), `,"Duration":60,"Reason":"r"`),
		)

		DescribeTable("refuses a malformed unban with 100002",
			labels.Command(catalog.ServiceRoom, "unban_room_member"),
			func(ctx SpecContext, fields string) {
				expectRefused(ctx, "unban_room_member", `{"RoomId":"`+emptyRoom(ctx)+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("21 accounts", labels.Code(100002), `,"MemberList_Account":`+accountsJSON(21)),
			Entry("MemberList_Account missing", labels.Code(100002), ``),
		)

		It("refuses a banned-list page over 100 with 100002", labels.Command(catalog.ServiceRoom, "get_banned_member_list"), labels.Code(100002), func(ctx SpecContext) {
			expectRefused(ctx, "get_banned_member_list", `{"RoomId":"`+emptyRoom(ctx)+`","Limit":101,"Offset":0}`, catalog.CodeInvalidParameter)
		})

		DescribeTable("answers 100004 for a room that does not exist",
			func(ctx SpecContext, command, fields string) {
				expectRefused(ctx, command, `{"RoomId":"`+newRoomID()+`"`+fields+`}`, catalog.CodeRoomNotFound)
			},
			Entry("ban_room_member", labels.Command(catalog.ServiceRoom, "ban_room_member"), labels.Code(100004),
				"ban_room_member", `,"MemberList_Account":["`+member1+`"],"Reason":"r","Duration":60`),
			Entry("unban_room_member", labels.Command(catalog.ServiceRoom, "unban_room_member"), labels.Code(100004),
				"unban_room_member", `,"MemberList_Account":["`+member1+`"]`),
			Entry("get_banned_member_list", labels.Command(catalog.ServiceRoom, "get_banned_member_list"), labels.Code(100004),
				"get_banned_member_list", `,"Limit":10,"Offset":0`),
		)
	})

	// Remove Room Member: https://trtc.io/document/60708
	Describe("kick_user_out", labels.Command(catalog.ServiceRoom, "kick_user_out"), func() {

		It("removes members, who may enter again", labels.Code(0), labels.NeedsControlPlane(), func(ctx SpecContext) {
			id := roomWith(ctx, member1, member2)
			resp := call(ctx, catalog.ServiceRoom, "kick_user_out", wire.KickUserOutRequest{RoomID: id, MemberListAccount: []string{member1}, Reason: "time is up"})
			Expect(resp).To(HaveErrorCode(0))
			Expect(resp).To(MatchSchema("room_engine_http_srv/kick_user_out.response"))
			Expect(accountsOf(members(ctx, id, nil))).To(ConsistOf(member2))
			Expect(roomInfo(ctx, id).MemberCount).To(Equal(1))
			enter(ctx, id, member1)
		})

		It("answers 100005 for an account that is not in the room", labels.Code(100005), func(ctx SpecContext) {
			resp := call(ctx, catalog.ServiceRoom, "kick_user_out", wire.KickUserOutRequest{RoomID: emptyRoom(ctx), MemberListAccount: []string{member2}, Reason: "r"})
			Expect(resp).To(HaveErrorCode(catalog.CodeNotMember))
			Expect(resp).To(MatchSchema("room_engine_http_srv/kick_user_out.response"))
		})

		It("answers 100004 for a room that does not exist", labels.Code(100004), func(ctx SpecContext) {
			expectRefused(ctx, "kick_user_out", `{"RoomId":"`+newRoomID()+`","MemberList_Account":["`+member1+`"],"Reason":"r"}`, catalog.CodeRoomNotFound)
		})

		DescribeTable("refuses a malformed packet with 100002",
			func(ctx SpecContext, fields string) {
				expectRefused(ctx, "kick_user_out", `{"RoomId":"`+emptyRoom(ctx)+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("Reason of 1001 bytes", labels.Code(100002), `,"MemberList_Account":["`+member1+`"],"Reason":"`+utf8OfBytes(1001)+`"`),
			Entry("21 accounts", labels.Code(100002), `,"MemberList_Account":`+accountsJSON(21)+`,"Reason":"r"`),
			Entry("Reason missing", labels.Code(100002), `,"MemberList_Account":["`+member1+`"]`),
		)
	})
})

// paginationEntries builds, for each page size (0: the command's default, defaultSize), rooms
// of 0, 1, a page, a page and one, and several pages.
func paginationEntries(pageSizes []int, defaultSize int) []TableEntry {
	var entries []TableEntry
	for _, pageSize := range pageSizes {
		size, name := pageSize, fmt.Sprintf("page size %d", pageSize)
		if pageSize == 0 {
			size, name = defaultSize, fmt.Sprintf("the default page size (%d)", defaultSize)
		}
		for _, roomSize := range []int{0, 1, size, size + 1, 2*size + 3} {
			entries = append(entries, Entry(fmt.Sprintf("%s, %d entries", name, roomSize), pageSize, roomSize))
		}
	}
	return entries
}
