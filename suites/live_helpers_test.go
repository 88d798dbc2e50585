package suites

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/control"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

const (
	liveSvc = catalog.ServiceLive
	// liveTemplate is the seat template the suite's Live rooms use: required by the 2026 pages,
	// confirmed by their samples, and an unknown (ignored) field for the older generations.
	liveTemplate = "VideoDynamicGrid9Seats"
	// liveMemberRefresh is longer than the 40 s the Live member list may take to show an
	// entry or a departure (get_member_list page); specs advance the emulator's clock by it.
	liveMemberRefresh = 41 * time.Second
)

// liveSchema names a Live command's response schema.
func liveSchema(command string) string { return liveSvc + "/" + command + ".response" }

func newLiveRoomID() string { return uniqueName("live") }

// liveRaw sends a literal JSON body to a Live command.
func liveRaw(ctx context.Context, command, body string) *client.Response {
	GinkgoHelper()
	return send(ctx, client.Request{Service: liveSvc, Command: command, Body: []byte(body)})
}

// liveCall marshals body and sends it to a Live command.
func liveCall(ctx context.Context, command string, body any) *client.Response {
	GinkgoHelper()
	return call(ctx, liveSvc, command, body)
}

// expectLive sends body to a Live command and expects one of codes, in an answer valid against
// the command's response schema.
func expectLive(ctx context.Context, command string, body any, codes ...int) *client.Response {
	GinkgoHelper()
	var resp *client.Response
	if literal, ok := body.(string); ok {
		resp = liveRaw(ctx, command, literal)
	} else {
		resp = liveCall(ctx, command, body)
	}
	Expect(resp).To(HaveErrorCode(codes...))
	Expect(resp).To(MatchSchema(liveSchema(command)))
	return resp
}

// trackLiveRoom dissolves the Live room when the spec ends, whatever its outcome.
func trackLiveRoom(id string) {
	DeferCleanup(func() {
		_, _, _ = session.Client.Live.DestroyRoom(background(), id)
	})
}

// liveRoomRequest is a create_room packet with the mandatory fields of every generation.
func liveRoomRequest(id string) wire.LiveCreateRoomRequest {
	return wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{
		RoomID: id, RoomType: wire.Ptr("Live"), SeatTemplate: wire.Ptr(liveTemplate),
	}}
}

// createLiveRoom sends create_room and dissolves the room after the spec, whether or not the
// create succeeded.
func createLiveRoom(ctx context.Context, req wire.LiveCreateRoomRequest) *client.Response {
	GinkgoHelper()
	trackLiveRoom(req.RoomInfo.RoomID)
	_, resp, err := session.Client.Live.CreateRoom(ctx, req)
	return answered(resp, err)
}

// mustCreateLiveRoom creates a Live room the spec needs and expects success.
func mustCreateLiveRoom(ctx context.Context, req wire.LiveCreateRoomRequest) {
	GinkgoHelper()
	resp := createLiveRoom(ctx, req)
	Expect(resp).To(HaveErrorCode(0), "creating the Live room the spec needs")
	Expect(resp).To(MatchSchema(liveSchema("create_room")))
}

// liveRoom creates a Live room owned by ownerA and returns its ID.
func liveRoom(ctx context.Context) string {
	GinkgoHelper()
	id := newLiveRoomID()
	req := liveRoomRequest(id)
	req.RoomInfo.OwnerAccount = wire.Ptr(ownerA)
	mustCreateLiveRoom(ctx, req)
	return id
}

// liveRoomInfo reads a Live room that must exist, checking the answer against its schema.
func liveRoomInfo(ctx context.Context, id string) wire.LiveRoomInfo {
	GinkgoHelper()
	answer, resp, err := session.Client.Live.GetRoomInfo(ctx, id)
	answered(resp, err)
	Expect(resp).To(HaveErrorCode(0), "reading Live room %q", id)
	Expect(resp).To(MatchSchema(liveSchema("get_room_info")))
	Expect(answer).NotTo(BeNil())
	return answer.Response.RoomInfo
}

// expectLiveRoomGone expects get_room_info to answer 100004 for the Live room.
func expectLiveRoomGone(ctx context.Context, id string) {
	GinkgoHelper()
	expectLive(ctx, "get_room_info", wire.LiveRoomIDRequest{RoomID: id}, catalog.CodeRoomNotFound)
}

// liveRoomList walks get_room_list with the given page size (nil: the default), checking every
// page, and returns the rooms in the order listed. A rate-limit answer is waited out: the
// 10 calls/s are shared with every other caller of the application. Pages never hold more
// rooms than asked for, and each page is in ViewCount order, most viewed first.
func liveRoomList(ctx context.Context, count *int) []wire.LiveRoomListEntry {
	GinkgoHelper()
	limit := 20 // the documented default and maximum of Count
	if count != nil {
		limit = *count
	}
	var all []wire.LiveRoomListEntry
	next := ""
	for pages := 0; ; pages++ {
		if pages > 200 {
			Skip("get_room_list has more than 200 pages on this target: too many public rooms to look for the spec's own")
		}
		page, resp := liveRoomListPage(ctx, wire.LiveGetRoomListRequest{Next: next, Count: count})
		Expect(len(page.Response.RoomList)).To(BeNumerically("<=", limit), "a page holds more rooms than Count")
		for i := 1; i < len(page.Response.RoomList); i++ {
			Expect(page.Response.RoomList[i].ViewCount).To(BeNumerically("<=", page.Response.RoomList[i-1].ViewCount),
				"the page is not sorted by ViewCount, most viewed first: %s", resp.Raw)
		}
		all = append(all, page.Response.RoomList...)
		if page.Response.Next == "" {
			return all
		}
		Expect(page.Response.Next).NotTo(Equal(next), "Next does not move")
		next = page.Response.Next
	}
}

// liveRoomListPage reads one page, waiting out rate-limit answers for up to 5 s.
func liveRoomListPage(ctx context.Context, req wire.LiveGetRoomListRequest) (*wire.LiveGetRoomListResponse, *client.Response) {
	GinkgoHelper()
	for attempt := 0; ; attempt++ {
		page, resp, err := session.Client.Live.GetRoomList(ctx, req)
		answered(resp, err)
		if catalogHas(catalog.RateLimitCodes, resp.Code()) && attempt < 25 {
			time.Sleep(200 * time.Millisecond)
			continue
		}
		Expect(resp).To(HaveErrorCode(0))
		Expect(resp).To(MatchSchema(liveSchema("get_room_list")))
		return page, resp
	}
}

// listedRoom returns the entry of a room in a room list, and whether it is there.
func listedRoom(list []wire.LiveRoomListEntry, id string) (wire.LiveRoomListEntry, bool) {
	for _, entry := range list {
		if entry.RoomID == id {
			return entry, true
		}
	}
	return wire.LiveRoomListEntry{}, false
}

func listedIDs(list []wire.LiveRoomListEntry) []string {
	out := make([]string, len(list))
	for i, entry := range list {
		out[i] = entry.RoomID
	}
	return out
}

// liveMembers walks get_member_list and returns the members listed and the last MemberCount.
func liveMembers(ctx context.Context, roomID string) ([]string, int) {
	GinkgoHelper()
	var all []string
	seen := map[string]bool{}
	next, count := "", 0
	for pages := 0; ; pages++ {
		Expect(pages).To(BeNumerically("<=", len(seen)+2), "the member list's cursor does not come to an end")
		page, resp, err := session.Client.Live.GetMemberList(ctx, wire.LiveGetMemberListRequest{RoomID: roomID, Next: next})
		answered(resp, err)
		Expect(resp).To(HaveErrorCode(0))
		Expect(resp).To(MatchSchema(liveSchema("get_member_list")))
		for _, m := range page.Response.MemberList {
			Expect(seen).NotTo(HaveKey(m.MemberAccount), "member %s listed twice", m.MemberAccount)
			seen[m.MemberAccount] = true
			all = append(all, m.MemberAccount)
		}
		count = page.Response.MemberCount
		if page.Response.Next == "" {
			return all, count
		}
		Expect(page.Response.MemberList).NotTo(BeEmpty(), "an empty page that announces another")
		next = page.Response.Next
	}
}

// liveBans walks get_banned_member_list by offset with the given page size (nil: the default).
// The Live page does not say which NextOffset ends the list (docs/errata-live.md L-13): 0 or an
// empty page does.
func liveBans(ctx context.Context, roomID string, limit *int) []wire.BannedMember {
	GinkgoHelper()
	var all []wire.BannedMember
	seen := map[string]bool{}
	offset := 0
	for pages := 0; ; pages++ {
		Expect(pages).To(BeNumerically("<=", len(seen)+2), "the banned list's NextOffset does not come to an end")
		page, resp, err := session.Client.Live.GetBannedMemberList(ctx, wire.LiveGetBannedMemberListRequest{RoomID: roomID, Offset: wire.Ptr(offset), Limit: limit})
		answered(resp, err)
		Expect(resp).To(HaveErrorCode(0))
		Expect(resp).To(MatchSchema(liveSchema("get_banned_member_list")))
		if limit != nil {
			Expect(len(page.Response.BannedAccountList)).To(BeNumerically("<=", *limit), "a page holds more entries than Limit")
		}
		for _, b := range page.Response.BannedAccountList {
			Expect(seen).NotTo(HaveKey(b.MemberAccount), "%s listed twice", b.MemberAccount)
			seen[b.MemberAccount] = true
			all = append(all, b)
		}
		if page.Response.NextOffset == 0 || len(page.Response.BannedAccountList) == 0 {
			return all
		}
		Expect(page.Response.NextOffset).To(BeNumerically(">", offset), "NextOffset does not move forward")
		offset = page.Response.NextOffset
	}
}

// liveBan bans accounts in batches of the documented 20 and expects success.
func liveBan(ctx context.Context, roomID string, duration int64, accounts ...string) {
	GinkgoHelper()
	for start := 0; start < len(accounts); start += 20 {
		batch := accounts[start:min(start+20, len(accounts))]
		expectLive(ctx, "ban_member", wire.LiveBanMemberRequest{RoomID: roomID, MemberListAccount: batch, Duration: duration}, 0)
	}
}

// liveAdmins reads a Live room's administrators.
func liveAdmins(ctx context.Context, roomID string) []string {
	GinkgoHelper()
	list, resp, err := session.Client.Live.GetAdminList(ctx, roomID)
	answered(resp, err)
	Expect(resp).To(HaveErrorCode(0))
	Expect(resp).To(MatchSchema(liveSchema("get_admin_list")))
	return list.Response.AdminAccount
}

// liveMuted reads a Live room's muted members.
func liveMuted(ctx context.Context, roomID string) []wire.LiveMutedMember {
	GinkgoHelper()
	list, resp, err := session.Client.Live.GetMutedMemberList(ctx, roomID)
	answered(resp, err)
	Expect(resp).To(HaveErrorCode(0))
	Expect(resp).To(MatchSchema(liveSchema("get_muted_member_list")))
	return list.Response.MutedAccountList
}

func mutedAccounts(list []wire.LiveMutedMember) []string {
	out := make([]string, len(list))
	for i, m := range list {
		out[i] = m.MemberAccount
	}
	return out
}

// liveMetadata reads the metadata of a Live room (every key when keys is empty).
func liveMetadata(ctx context.Context, roomID string, keys ...string) map[string]string {
	GinkgoHelper()
	if keys == nil {
		keys = []string{}
	}
	answer, resp, err := session.Client.Live.GetRoomMetadata(ctx, wire.LiveGetRoomMetadataRequest{RoomID: roomID, Keys: keys})
	answered(resp, err)
	Expect(resp).To(HaveErrorCode(0))
	Expect(resp).To(MatchSchema(liveSchema("get_room_metadata")))
	out := map[string]string{}
	for _, pair := range answer.Response.Metadata {
		Expect(out).NotTo(HaveKey(pair.Key), "key %q listed twice", pair.Key)
		out[pair.Key] = pair.Value
	}
	return out
}

// setLiveMetadata sends set_room_metadata with the pairs, in order.
func setLiveMetadata(ctx context.Context, roomID string, pairs ...string) *client.Response {
	GinkgoHelper()
	list := make([]wire.LiveMetadata, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		list = append(list, wire.LiveMetadata{Key: pairs[i], Value: pairs[i+1]})
	}
	return liveCall(ctx, "set_room_metadata", wire.LiveSetRoomMetadataRequest{RoomID: roomID, Metadata: list})
}

// restoreClockWhenDone returns the emulator's clock to the wall clock when the spec ends. Specs
// call it after creating their rooms, so that the clock is back (and the suite's tickets valid)
// before the rooms are dissolved; they are Serial, since the clock is global.
func restoreClockWhenDone() {
	DeferCleanup(func() {
		_, err := session.Control.Clock(background(), control.ClockRequest{Real: true})
		Expect(err).NotTo(HaveOccurred())
	})
}

// advancePastMemberRefresh moves the emulator's clock past the member list's 40-second refresh,
// and back to the wall clock when the spec ends.
func advancePastMemberRefresh(ctx context.Context) {
	GinkgoHelper()
	restoreClockWhenDone()
	_, err := session.Control.Advance(ctx, liveMemberRefresh)
	Expect(err).NotTo(HaveOccurred())
}

// longTicketClient is a client like the session's whose UserSig tickets stay valid when a spec
// moves the emulator's clock a day or more ahead (the session's tickets last 24 hours).
func longTicketClient() *client.Client {
	GinkgoHelper()
	cfg := session.Client.Config()
	cfg.UserSigTTL = 7 * 24 * time.Hour
	far, err := client.New(cfg)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(far.Close)
	return far
}

// livePacket reads a documented create_room sample from the fixtures and gives it this spec's
// room ID, this target's administrator as the owner and, where it has one, a member cap the
// target's package allows.
func livePacket(file, id string) string {
	GinkgoHelper()
	raw, err := os.ReadFile(filepath.Join("..", "fixtures", "samples", liveSvc, file))
	Expect(err).NotTo(HaveOccurred(), "reading the documented sample %s", file)
	packet := strings.ReplaceAll(string(raw), `"live-room"`, `"`+id+`"`)
	packet = strings.ReplaceAll(packet, `"administrator"`, `"`+session.Settings.Admin+`"`)
	return strings.ReplaceAll(packet, `"MaxMemberCount": 400`, `"MaxMemberCount": 20`)
}
