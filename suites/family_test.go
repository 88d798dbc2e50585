package suites

import (
	"context"
	"fmt"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// family is one of the two room APIs: Conference (room_engine_http_srv) and Live
// (live_engine_http_srv). Their pages promise the same of many commands (a RoomId refused
// when missing, 100004 for a room that does not exist, destroy, bans by offset); the specs of
// those promises are written once against a family and run for both.
type family struct {
	name     string // as the reports say it: "Conference", "Live"
	service  string
	idPrefix string
	roomType string // create_room's RoomType
	// minimal is a create_room packet with the mandatory fields only, owned by owner ("":
	// the default owner, the calling administrator).
	minimal func(id, owner string) any
	// idOf reads the room ID of a create_room packet built by the spec.
	idOf func(req any) string
	// destroyed is the page's word for a room that was destroyed: "destroyed", "dissolved".
	destroyed string
	// The ban commands of the family's user-management pages, and the ban packet.
	ban, unban, bannedList string
	banBody                func(roomID string, duration int64, accounts []string) any
	// emptyPageEnds: the page does not say which NextOffset ends the banned list, so an empty
	// page does too (errata-live L-13).
	emptyPageEnds bool
	// roomCommands are the family's commands that address an existing room.
	roomCommands []roomCommand
	// bansNeedPresence: the Conference pages answer a ban of an account that is not in the
	// room with 100005 (the suite accepts either), so its specs ban members who entered.
	bansNeedPresence bool
	// withSeats is a create_room packet of a room owned by ownerA with seats seats taken by
	// mode (FreeToTake, ApplyToTake): what the seat specs need of each family (seatRoom).
	withSeats func(id string, seats int, mode string) any
}

var conference = family{
	name: "Conference", service: catalog.ServiceRoom, idPrefix: "conf", roomType: "Conference", destroyed: "destroyed",
	minimal: func(id, owner string) any {
		req := minimalRoom(id)
		if owner != "" {
			req.RoomInfo.OwnerAccount = wire.Ptr(owner)
		}
		return req
	},
	idOf: func(req any) string { return req.(wire.CreateRoomRequest).RoomInfo.RoomID },
	ban:  "ban_room_member", unban: "unban_room_member", bannedList: "get_banned_member_list",
	banBody: func(roomID string, duration int64, accounts []string) any {
		return wire.BanRoomMemberRequest{RoomID: roomID, MemberListAccount: accounts, Reason: "conformance", Duration: duration}
	},
	bansNeedPresence: true,
	withSeats: func(id string, seats int, mode string) any {
		req := minimalRoom(id)
		req.RoomInfo.OwnerAccount = wire.Ptr(ownerA)
		req.RoomInfo.IsSeatEnabled, req.RoomInfo.MaxSeatCount, req.RoomInfo.TakeSeatMode = wire.Ptr(true), wire.Ptr(seats), wire.Ptr(mode)
		return req
	},
	roomCommands: []roomCommand{
		{catalog.ServiceRoom, "get_room_info", `{"RoomId":"%s"}`, nil},
		{catalog.ServiceRoom, "update_room_info", `{"RoomInfo":{"RoomId":"%s","RoomName":"ghost"}}`, nil},
		{catalog.ServiceRoom, "destroy_room", `{"RoomId":"%s"}`, nil},
		{catalog.ServiceRoom, "get_room_member_list", `{"RoomId":"%s"}`, nil},
		{catalog.ServiceRoom, "update_room_member_info", `{"RoomId":"%s","MemberInfo":{"Member_Account":"` + member1 + `","NameCard":"x"}}`, nil},
		{catalog.ServiceRoom, "change_room_owner", `{"RoomId":"%s","From_Account":"` + ownerA + `","NewOwner_Account":"` + member1 + `"}`, nil},
		{catalog.ServiceRoom, "mark_room_member", `{"RoomId":"%s","CommandType":1,"MemberList":[{"Member_Account":"` + member1 + `","Marks":[1000]}]}`, nil},
		{catalog.ServiceRoom, "ban_room_member", `{"RoomId":"%s","MemberList_Account":["` + member1 + `"],"Reason":"r","Duration":60}`, nil},
		{catalog.ServiceRoom, "unban_room_member", `{"RoomId":"%s","MemberList_Account":["` + member1 + `"]}`, nil},
		{catalog.ServiceRoom, "get_banned_member_list", `{"RoomId":"%s","Limit":10,"Offset":0}`, nil},
		{catalog.ServiceRoom, "kick_user_out", `{"RoomId":"%s","MemberList_Account":["` + member1 + `"],"Reason":"r"}`, nil},
		{catalog.ServiceSeat, "get_seat_list", `{"RoomId":"%s"}`, nil},
		{catalog.ServiceSeat, "pick_user_on_seat", `{"RoomId":"%s","Index":0,"Member_Account":"` + member1 + `"}`, nil},
		{catalog.ServiceSeat, "kick_user_off_seat", `{"RoomId":"%s","Member_Account":"` + member1 + `","Data":"x"}`, nil},
		{catalog.ServiceSeat, "lock_seat", `{"RoomId":"%s","Index":0,"ForbidTaken":true}`, nil},
		{catalog.ServiceSeat, "switch_seat", `{"RoomId":"%s","ToIndex":1,"Member_Account":"` + member1 + `"}`, nil},
		{catalog.ServiceSeat, "move_user_to_seat", `{"RoomId":"%s","SeatIndex":1,"Member_Account":"` + member1 + `","Policy":0}`, nil},
	},
}

var live = family{
	name: "Live", service: catalog.ServiceLive, idPrefix: "live", roomType: "Live", destroyed: "dissolved",
	minimal: func(id, owner string) any {
		req := liveRoomRequest(id)
		if owner != "" {
			req.RoomInfo.OwnerAccount = wire.Ptr(owner)
		}
		return req
	},
	idOf: func(req any) string { return req.(wire.LiveCreateRoomRequest).RoomInfo.RoomID },
	ban:  "ban_member", unban: "unban_member", bannedList: "get_banned_member_list",
	banBody: func(roomID string, duration int64, accounts []string) any {
		return wire.LiveBanMemberRequest{RoomID: roomID, MemberListAccount: accounts, Duration: duration}
	},
	emptyPageEnds: true,
	// An audio template: its seat count is MaxSeatCount (a video template fixes its own, L-19).
	withSeats: func(id string, seats int, mode string) any {
		req := liveRoomRequest(id)
		req.RoomInfo.OwnerAccount, req.RoomInfo.SeatTemplate = wire.Ptr(ownerA), wire.Ptr("AudioSalon")
		req.RoomInfo.MaxSeatCount, req.RoomInfo.TakeSeatMode = wire.Ptr(seats), wire.Ptr(mode)
		return req
	},
	roomCommands: []roomCommand{
		{catalog.ServiceLive, "get_room_info", `{"RoomId":"%s"}`, nil},
		{catalog.ServiceLive, "update_room_info", `{"RoomInfo":{"RoomId":"%s","RoomName":"ghost"}}`, nil},
		{catalog.ServiceLive, "destroy_room", `{"RoomId":"%s"}`, nil},
		{catalog.ServiceLive, "get_member_list", `{"RoomId":"%s","Next":""}`, nil},
		{catalog.ServiceLive, "mute_member", `{"RoomId":"%s","MemberList_Account":["` + member1 + `"],"MuteTime":60}`, nil},
		{catalog.ServiceLive, "get_muted_member_list", `{"RoomId":"%s"}`, nil},
		{catalog.ServiceLive, "ban_member", `{"RoomId":"%s","MemberList_Account":["` + member1 + `"],"Duration":60}`, nil},
		{catalog.ServiceLive, "unban_member", `{"RoomId":"%s","MemberList_Account":["` + member1 + `"]}`, nil},
		{catalog.ServiceLive, "get_banned_member_list", `{"RoomId":"%s","Offset":0,"Limit":10}`, nil},
		{catalog.ServiceLive, "get_admin_list", `{"RoomId":"%s"}`, nil},
		{catalog.ServiceLive, "modify_admin", `{"RoomId":"%s","Admin_Account":["` + member1 + `"],"OpType":"add"}`, nil},
		{catalog.ServiceLive, "change_room_owner", `{"RoomId":"%s","NewOwner_Account":"` + ownerB + `"}`, nil},
		{catalog.ServiceLive, "get_room_metadata", `{"RoomId":"%s","Keys":[]}`, nil},
		{catalog.ServiceLive, "set_room_metadata", `{"RoomId":"%s","Metadata":[{"Key":"k","Value":"v"}]}`, nil},
		// L-14: the page's complete table has no 100004.
		{catalog.ServiceLive, "del_room_metadata", `{"RoomId":"%s","Keys":["k"]}`, []int{catalog.CodeInvalidParameter}},
		// Robots, statistics, messages and mixing (group live13a).
		{catalog.ServiceLive, "add_robot", `{"RoomId":"%s","RobotList_Account":["` + member1 + `"]}`, nil},
		{catalog.ServiceLive, "del_robot", `{"RoomId":"%s","RobotList_Account":["` + member1 + `"]}`, nil},
		{catalog.ServiceLive, "get_robot", `{"RoomId":"%s"}`, nil},
		{catalog.ServiceLive, "get_room_stats", `{"RoomId":"%s"}`, nil},
		{catalog.ServiceLive, "send_text_msg", `{"RoomId":"%s","Sender_Account":"` + member1 + `","TextContent":"x"}`, nil},
		{catalog.ServiceLive, "send_custom_msg", `{"RoomId":"%s","BusinessId":"b","Data":"x"}`, nil},
		{catalog.ServiceLive, "set_mix_stream", `{"RoomId":"%s","LayoutMode":0,"VideoEncode":{"Width":720,"Height":1280}}`, nil},
		{catalog.ServiceLive, "resume_mcu_task", `{"RoomId":"%s"}`, nil},
		// The seat service, shared with Conference (the seat specs run in rooms of both families).
		{catalog.ServiceSeat, "get_seat_list", `{"RoomId":"%s"}`, nil},
		{catalog.ServiceSeat, "pick_user_on_seat", `{"RoomId":"%s","Index":0,"Member_Account":"` + member1 + `"}`, nil},
		{catalog.ServiceSeat, "kick_user_off_seat", `{"RoomId":"%s","Member_Account":"` + member1 + `","Data":"x"}`, nil},
		{catalog.ServiceSeat, "lock_seat", `{"RoomId":"%s","Index":0,"ForbidTaken":true}`, nil},
		{catalog.ServiceSeat, "switch_seat", `{"RoomId":"%s","ToIndex":1,"Member_Account":"` + member1 + `"}`, nil},
		{catalog.ServiceSeat, "move_user_to_seat", `{"RoomId":"%s","SeatIndex":1,"Member_Account":"` + member1 + `","Policy":0}`, nil},
		// Gifts. L-54: send_gift's complete table has no 100004; a gift the service checks before
		// the room may answer 102002.
		{catalog.ServiceLive, "send_gift", `{"RoomId":"%s","GiftId":"gift1","From_Account":"` + member1 + `","ReceiverList_Account":["` + ownerA + `"]}`,
			[]int{catalog.CodeInvalidParameter, catalog.CodeGiftNotFound}},
		{catalog.ServiceLive, "get_gift_count", `{"RoomId":"%s","From_Account":"` + ownerA + `"}`, []int{catalog.CodeInvalidParameter}},
	},
}

// roomCommand is a command that addresses an existing room, with a packet that is valid for
// any room ID (body holds %s where the ID goes).
type roomCommand struct {
	service, name string
	body          string
	// alsoAccepted are codes the page allows beside 100004 for a room that does not exist.
	alsoAccepted []int
}

// newID returns a room ID unique to this run and process.
func (f family) newID() string { return uniqueName(f.idPrefix) }

// newRoomID is a Conference room ID.
func newRoomID() string { return conference.newID() }

// minimalRoom is a Conference create_room packet with only the mandatory fields.
func minimalRoom(id string) wire.CreateRoomRequest {
	return wire.CreateRoomRequest{RoomInfo: wire.RoomSettings{RoomID: id, RoomType: wire.Ptr("Conference")}}
}

// liveRoomRequest is a Live create_room packet with the mandatory fields of every generation.
func liveRoomRequest(id string) wire.LiveCreateRoomRequest {
	return wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{
		RoomID: id, RoomType: wire.Ptr("Live"), SeatTemplate: wire.Ptr(liveTemplate),
	}}
}

// request sends body to service/command: a string as a literal JSON body (for packets a
// typed request cannot express), anything else marshalled.
func request(ctx context.Context, service, command string, body any) *client.Response {
	GinkgoHelper()
	if literal, ok := body.(string); ok {
		return send(ctx, client.Request{Service: service, Command: command, Body: []byte(literal)})
	}
	return call(ctx, service, command, body)
}

// send sends body (a literal JSON string, or a packet to marshal) to one of the family's commands.
func (f family) send(ctx context.Context, command string, body any) *client.Response {
	GinkgoHelper()
	return request(ctx, f.service, command, body)
}

// expect sends body to one of the family's commands and expects one of codes in a documented
// answer of that command.
func (f family) expect(ctx context.Context, command string, body any, codes ...int) *client.Response {
	GinkgoHelper()
	resp := f.send(ctx, command, body)
	Expect(resp).To(BeDocumentedAnswer(codes...))
	return resp
}

// track destroys the room when the spec ends, whatever its outcome.
func (f family) track(id string) {
	DeferCleanup(func() {
		_, _ = session.Client.Call(background(), f.service, "destroy_room", wire.RoomIDRequest{RoomID: id})
	})
}

// create sends create_room and destroys the room after the spec, whether or not the create
// succeeded (a failing target may still have created it).
func (f family) create(ctx context.Context, req any) *client.Response {
	GinkgoHelper()
	f.track(f.idOf(req))
	return f.send(ctx, "create_room", req)
}

// mustCreate creates a room the spec needs and expects success.
func (f family) mustCreate(ctx context.Context, req any) {
	GinkgoHelper()
	Expect(f.create(ctx, req)).To(BeDocumentedAnswer(0), "creating the %s room the spec needs", f.name)
}

// room creates a room owned by ownerA that nobody entered, and returns its ID.
func (f family) room(ctx context.Context) string {
	GinkgoHelper()
	id := f.newID()
	f.mustCreate(ctx, f.minimal(id, ownerA))
	return id
}

// roomWith creates a room owned by ownerA and lets accounts enter it (control plane).
func (f family) roomWith(ctx context.Context, accounts ...string) string {
	GinkgoHelper()
	id := f.room(ctx)
	enter(ctx, id, accounts...)
	return id
}

// roomWithAccounts creates a room owned by ownerA for a spec that acts on accounts (bans,
// mutes, administrators, a new owner), and lets them enter where the target has a control
// plane. Conference bans act on members only; the Live pages do not say whether the accounts
// must be in the room (errata-live L-21), so they enter wherever they can, and
// expectAcceptedForAccounts judges the answer where they cannot.
func (f family) roomWithAccounts(ctx context.Context, accounts ...string) string {
	GinkgoHelper()
	if f.bansNeedPresence || session.Control != nil {
		return f.roomWith(ctx, accounts...)
	}
	return f.room(ctx)
}

// expectAcceptedForAccounts expects success for a command that acts on the accounts of a
// room made by roomWithAccounts. Without a control plane they are not in the room; a refusal
// then ends the spec as skipped, with the reason, since no page says they must be (L-21).
func expectAcceptedForAccounts(resp *client.Response) {
	GinkgoHelper()
	if session.Control == nil && resp.Code() != 0 {
		Expect(resp).To(BeRefusal())
		Skip(fmt.Sprintf("%s/%s refused accounts that are not in the room (%s): the pages do not say whether they must be "+
			"(errata-live L-21), and without a control plane they cannot enter", resp.Service, resp.Command, catalog.Describe(resp.Code())))
	}
	Expect(resp).To(BeDocumentedAnswer(0))
}

// packet builds {"RoomInfo":{"RoomId":id,…,<fields>}} for create packets a typed request
// cannot express; Live packets carry the suite's SeatTemplate.
func (f family) packet(id, fields string) string {
	if f.service == catalog.ServiceLive {
		return liveRoomJSON(id, fields)
	}
	return roomJSON(id, fields)
}

// ownerOf reads the owner of a room that must exist.
func (f family) ownerOf(ctx context.Context, id string) string {
	GinkgoHelper()
	if f.service == catalog.ServiceLive {
		return liveRoomInfo(ctx, id).OwnerAccount
	}
	return roomInfo(ctx, id).OwnerAccount
}

// absent builds a packet for a room that does not exist: {"RoomId":<new ID><fields>}.
func (f family) absent(fields string) string {
	return `{"RoomId":"` + f.newID() + `"` + fields + `}`
}

// destroy destroys a room and expects success.
func (f family) destroy(ctx context.Context, id string) *client.Response {
	GinkgoHelper()
	return f.expect(ctx, "destroy_room", wire.RoomIDRequest{RoomID: id}, 0)
}

// gone expects get_room_info to answer 100004 for the room.
func (f family) gone(ctx context.Context, id string) {
	GinkgoHelper()
	f.expect(ctx, "get_room_info", wire.RoomIDRequest{RoomID: id}, catalog.CodeRoomNotFound)
}

// readRoom reads a room that must exist, the answer checked against its schema.
func readRoom[T any](ctx context.Context, f family, id string) T {
	GinkgoHelper()
	resp := f.send(ctx, "get_room_info", wire.RoomIDRequest{RoomID: id})
	Expect(resp).To(BeDocumentedAnswer(0), "reading %s room %q", f.name, id)
	var answer struct {
		Response struct {
			RoomInfo T `json:"RoomInfo"`
		} `json:"Response"`
	}
	Expect(resp.Decode(&answer)).To(Succeed())
	return answer.Response.RoomInfo
}

// roomInfo reads a Conference room that must exist.
func roomInfo(ctx context.Context, id string) wire.RoomInfo {
	GinkgoHelper()
	return readRoom[wire.RoomInfo](ctx, conference, id)
}

// liveRoomInfo reads a Live room that must exist.
func liveRoomInfo(ctx context.Context, id string) wire.LiveRoomInfo {
	GinkgoHelper()
	return readRoom[wire.LiveRoomInfo](ctx, live, id)
}

// banAll bans accounts in batches of the documented 20 and expects success.
func (f family) banAll(ctx context.Context, roomID string, duration int64, accounts ...string) {
	GinkgoHelper()
	for start := 0; start < len(accounts); start += 20 {
		batch := accounts[start:min(start+20, len(accounts))]
		expectAcceptedForAccounts(f.send(ctx, f.ban, f.banBody(roomID, duration, batch)))
	}
}

// bans reads the whole banned list by offset with the given page size (nil: the default),
// checking every page.
func (f family) bans(ctx context.Context, roomID string, limit *int) []wire.BannedMember {
	GinkgoHelper()
	var all []wire.BannedMember
	seen := map[string]bool{}
	offset := 0
	for pages := 0; ; pages++ {
		Expect(pages).To(BeNumerically("<=", len(seen)+2), "the banned list's NextOffset does not come to an end")
		resp := f.expect(ctx, f.bannedList, wire.GetBannedMemberListRequest{RoomID: roomID, Limit: limit, Offset: wire.Ptr(offset)}, 0)
		var page wire.GetBannedMemberListResponse
		Expect(resp.Decode(&page)).To(Succeed())
		if limit != nil {
			Expect(len(page.Response.BannedAccountList)).To(BeNumerically("<=", *limit), "a page holds more entries than Limit")
		}
		for _, b := range page.Response.BannedAccountList {
			Expect(seen).NotTo(HaveKey(b.MemberAccount), "%s listed twice", b.MemberAccount)
			seen[b.MemberAccount] = true
			all = append(all, b)
		}
		if page.Response.NextOffset == 0 || f.emptyPageEnds && len(page.Response.BannedAccountList) == 0 {
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
