package suites

import (
	"context"

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
	// bansNeedPresence: the Conference pages answer a ban of an account that is not in the
	// room with 100005 (the suite accepts either), so its specs ban members who entered.
	bansNeedPresence bool
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

// roomToBan creates a room owned by ownerA in which accounts can be banned: they enter it
// where the family's pages ban members only.
func (f family) roomToBan(ctx context.Context, accounts ...string) string {
	GinkgoHelper()
	if f.bansNeedPresence {
		return f.roomWith(ctx, accounts...)
	}
	return f.room(ctx)
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
		f.expect(ctx, f.ban, f.banBody(roomID, duration, batch), 0)
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
