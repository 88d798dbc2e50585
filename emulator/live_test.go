package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/schemas"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// live sends body to a Live command, signed by the first administrator.
func (h *harness) live(command string, body any) *reply {
	h.t.Helper()
	return h.send(http.MethodPost, "/v4/"+catalog.ServiceLive+"/"+command, h.query(h.e.cfg.Admins[0]).Encode(), mustJSON(body))
}

// checkLive is checkEnvelope plus the Live command's own response schema.
func checkLive(t testing.TB, command string, r *reply, wantCode int) {
	t.Helper()
	checkEnvelope(t, r, wantCode)
	name := catalog.ServiceLive + "/" + command + ".response"
	if err := schemas.Validate(name, r.raw); err != nil {
		t.Errorf("answer violates %s: %v\nbody %.300s", name, err, r.raw)
	}
}

func (h *harness) liveExpect(command string, body any, wantCode int) *reply {
	h.t.Helper()
	r := h.live(command, body)
	checkLive(h.t, command, r, wantCode)
	return r
}

func (h *harness) liveCreate(settings wire.LiveRoomSettings) {
	h.t.Helper()
	if settings.RoomType == nil {
		settings.RoomType = wire.Ptr("Live")
	}
	h.liveExpect("create_room", wire.LiveCreateRoomRequest{RoomInfo: settings}, 0)
}

func (h *harness) liveInfo(id string) wire.LiveRoomInfo {
	h.t.Helper()
	r := h.liveExpect("get_room_info", wire.LiveRoomIDRequest{RoomID: id}, 0)
	var answer wire.LiveGetRoomInfoResponse
	if err := json.Unmarshal(r.raw, &answer); err != nil {
		h.t.Fatalf("decoding get_room_info: %v", err)
	}
	return answer.Response.RoomInfo
}

func decodeLive[T any](t testing.TB, r *reply) T {
	t.Helper()
	var answer T
	if err := json.Unmarshal(r.raw, &answer); err != nil {
		t.Fatalf("decoding %T: %v (%s)", answer, err, r.raw)
	}
	return answer
}

func TestLiveCreateRoomDefaultsAndReport(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	before := h.e.clock.Now().Unix()
	h.liveCreate(wire.LiveRoomSettings{RoomID: "live-min"})
	info := h.liveInfo("live-min")
	want := wire.LiveRoomInfo{
		RoomID: "live-min", RoomName: "live-min", RoomType: "Live", OwnerAccount: DefaultAdmin, CreateTime: info.CreateTime,
		TakeSeatMode: wire.LiveSeatFreeToTake, MaxSeatCount: DefaultSeatCap, MaxMemberCount: DefaultMemberCap,
		Category: []int{}, IsPublicVisible: true,
	}
	if !reflect.DeepEqual(info, want) {
		t.Errorf("defaults:\n got %+v\nwant %+v", info, want)
	}
	if info.CreateTime < before || info.CreateTime > before+5 {
		t.Errorf("CreateTime %d, created at %d", info.CreateTime, before)
	}
	// TakeSeatMode is reported as the seed's integer.
	r := h.liveExpect("get_room_info", wire.LiveRoomIDRequest{RoomID: "live-min"}, 0)
	if !strings.Contains(string(r.raw), `"TakeSeatMode":1`) || !strings.Contains(string(r.raw), `"RoomType":"Live"`) {
		t.Errorf("get_room_info does not report TakeSeatMode as 1: %s", r.raw)
	}

	h.importAccounts("host")
	h.liveCreate(wire.LiveRoomSettings{
		RoomID: "live-all", SeatTemplate: wire.Ptr("AudioSalon"), OwnerAccount: wire.Ptr("host"),
		TakeSeatMode: wire.Ptr("ApplyToTake"), MaxSeatCount: wire.Ptr(8), IsMessageDisabled: wire.Ptr(true),
		IsPublicVisible: wire.Ptr(false), RoomName: wire.Ptr("name"), CoverURL: wire.Ptr("https://x/c.png"),
		Category: &[]int{1, 2, 3}, ActivityStatus: wire.Ptr(2), MaxMemberCount: wire.Ptr(50),
	})
	got := h.liveInfo("live-all")
	if got.TakeSeatMode != wire.LiveSeatApplyToTake || got.OwnerAccount != "host" || got.MaxSeatCount != 8 || !got.IsMessageDisabled ||
		got.IsPublicVisible || got.RoomName != "name" || got.CoverURL != "https://x/c.png" || !reflect.DeepEqual(got.Category, []int{1, 2, 3}) ||
		got.ActivityStatus != 2 || got.MaxMemberCount != 50 || !got.IsSeatEnabled {
		t.Errorf("settings not stored: %+v", got)
	}
	// The 2025 generation's numeric nine-grid template gives nine seats.
	h.liveCreate(wire.LiveRoomSettings{RoomID: "live-g2", SeatLayoutTemplateID: wire.Ptr(600)})
	if got := h.liveInfo("live-g2"); got.MaxSeatCount != 9 || !got.IsSeatEnabled {
		t.Errorf("SeatLayoutTemplateId 600: %+v", got)
	}
}

func TestLiveDocumentedSamplesAreAccepted(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1, MemberCap: 400}) // the 2024 sample asks for 400
	h.importAccounts("user1", "user2")
	files, err := filepath.Glob(filepath.Join("..", "fixtures", "samples", catalog.ServiceLive, "create_room.request*.json"))
	if err != nil || len(files) != 4 {
		t.Fatalf("create_room samples: %v %v", files, err)
	}
	for i, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		body = []byte(strings.ReplaceAll(string(body), `"live-room"`, fmt.Sprintf(`"sample-%d"`, i)))
		h.liveExpect("create_room", body, 0)
	}
	// The seed's get_room_info sample decodes with its 18-digit owner intact.
	seed, err := os.ReadFile(filepath.Join("..", "fixtures", "samples", catalog.ServiceLive, "get_room_info.response.json"))
	if err != nil {
		t.Fatal(err)
	}
	var answer wire.LiveGetRoomInfoResponse
	if err := json.Unmarshal(seed, &answer); err != nil {
		t.Fatal(err)
	}
	if info := answer.Response.RoomInfo; info.OwnerAccount != "144115233775727695" || info.TakeSeatMode != wire.LiveSeatFreeToTake {
		t.Errorf("seed decoded as %+v", info)
	}
}

func TestLiveCreateRoomConflicts(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("a", "b")
	h.liveCreate(wire.LiveRoomSettings{RoomID: "dup", OwnerAccount: wire.Ptr("a")})
	h.liveExpect("destroy_room", wire.LiveRoomIDRequest{RoomID: "dup"}, 0)
	h.liveExpect("create_room", wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{RoomID: "dup", RoomType: wire.Ptr("Live"), OwnerAccount: wire.Ptr("a")}}, catalog.CodeCreateTooOften)
	h.setClock(h.e.clock.Now().Add(2 * time.Second).UnixMilli())
	h.liveCreate(wire.LiveRoomSettings{RoomID: "dup", OwnerAccount: wire.Ptr("a")})
	h.setClock(h.e.clock.Now().Add(2 * time.Second).UnixMilli())
	h.liveExpect("create_room", wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{RoomID: "dup", RoomType: wire.Ptr("Live"), OwnerAccount: wire.Ptr("a")}}, catalog.CodeRoomIDOwnedByYou)
	h.liveExpect("create_room", wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{RoomID: "dup", RoomType: wire.Ptr("Live"), OwnerAccount: wire.Ptr("b")}}, catalog.CodeRoomIDExists)
	h.liveExpect("create_room", wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{RoomID: "ghost-owned", RoomType: wire.Ptr("Live"), OwnerAccount: wire.Ptr("ghost")}}, catalog.CodeInvalidParameter)
	h.liveExpect("create_room", `{"RoomInfo":{"RoomId":"n","RoomType":"Live","Owner_Account":10086}}`, catalog.CodeAccountType)
	h.liveExpect("create_room", `{"RoomInfo":{"RoomId":"c","RoomType":"Conference"}}`, catalog.CodeInvalidParameter)
	h.liveExpect("create_room", `{"RoomInfo":{"RoomId":"t","RoomType":"Live","SeatTemplate":"karaoke"}}`, catalog.CodeInvalidParameter)
	if status, _, _ := h.controlRaw(http.MethodPost, control.PathChatGroups, `{"GroupId":"grp"}`); status != http.StatusOK {
		t.Fatalf("chat group: %d", status)
	}
	h.liveExpect("create_room", wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{RoomID: "grp", RoomType: wire.Ptr("Live")}}, catalog.CodeRoomIDUsedByChat)
	// One ID namespace: a Conference room's ID is taken for Live rooms and the other way round,
	// and each family's commands answer 100004 for the other's rooms.
	h.mustCreate("both")
	h.liveExpect("create_room", wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{RoomID: "both", RoomType: wire.Ptr("Live")}}, catalog.CodeRoomIDOwnedByYou)
	h.liveExpect("create_room", wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{RoomID: "both", RoomType: wire.Ptr("Live"), OwnerAccount: wire.Ptr("b")}}, catalog.CodeRoomIDExists)
	h.liveExpect("destroy_room", wire.LiveRoomIDRequest{RoomID: "both"}, catalog.CodeRoomNotFound)
	h.mustGet("both")
	h.liveCreate(wire.LiveRoomSettings{RoomID: "live-only", OwnerAccount: wire.Ptr("a")})
	h.create(wire.RoomSettings{RoomID: "live-only", OwnerAccount: wire.Ptr("a")}, catalog.CodeRoomIDOwnedByYou)
	h.create(wire.RoomSettings{RoomID: "live-only", OwnerAccount: wire.Ptr("b")}, catalog.CodeRoomIDExists)
	checkEnvelope(t, h.call("get_room_info", wire.RoomIDRequest{RoomID: "live-only"}), catalog.CodeRoomNotFound)
	h.liveInfo("live-only")
}

func TestLiveUpdateAndDestroy(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.liveCreate(wire.LiveRoomSettings{RoomID: "u", RoomName: wire.Ptr("kept")})
	h.liveExpect("update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{
		RoomID: "u", TakeSeatMode: wire.Ptr("ApplyToTake"), Category: &[]int{7}, IsPublicVisible: wire.Ptr(false), Notice: wire.Ptr("n"),
	}}, 0)
	if got := h.liveInfo("u"); got.RoomName != "kept" || got.TakeSeatMode != wire.LiveSeatApplyToTake || !reflect.DeepEqual(got.Category, []int{7}) || got.IsPublicVisible {
		t.Errorf("update: %+v", got)
	}
	h.liveExpect("update_room_info", `{"RoomInfo":{"RoomId":"u","TakeSeatMode":2}}`, catalog.CodeInvalidParameter)
	h.liveExpect("update_room_info", `{"RoomInfo":{"RoomId":"u","Category":[1,2,3,4]}}`, catalog.CodeInvalidParameter)
	h.liveExpect("update_room_info", `{"RoomInfo":{"RoomId":"nope"}}`, catalog.CodeRoomNotFound)

	h.importAccounts("v1")
	if err := h.e.Enter("u", "v1"); err != nil {
		t.Fatal(err)
	}
	if err := h.e.Leave("u", "v1"); err != nil {
		t.Fatal(err)
	}
	if err := h.e.Enter("u", "v1"); err != nil {
		t.Fatal(err)
	}
	r := h.liveExpect("destroy_room", wire.LiveRoomIDRequest{RoomID: "u"}, 0)
	stats := decodeLive[wire.LiveDestroyRoomResponse](t, r)
	if stats.Response == nil || stats.Response.Statistic == nil || stats.Response.Statistic.TotalViewers != 2 {
		t.Errorf("destroy statistics: %s", r.raw)
	}
	h.liveExpect("get_room_info", wire.LiveRoomIDRequest{RoomID: "u"}, catalog.CodeRoomNotFound)
	h.liveExpect("destroy_room", wire.LiveRoomIDRequest{RoomID: "u"}, catalog.CodeRoomNotFound)
}

func TestLiveRoomList(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("v1", "v2")
	for i := range 25 {
		h.liveCreate(wire.LiveRoomSettings{RoomID: fmt.Sprintf("pub-%02d", i)})
	}
	h.liveCreate(wire.LiveRoomSettings{RoomID: "hidden", IsPublicVisible: wire.Ptr(false)})
	for _, entry := range []struct{ room, account string }{{"pub-07", "v1"}, {"pub-07", "v2"}, {"pub-03", "v1"}} {
		if err := h.e.Enter(entry.room, entry.account); err != nil {
			t.Fatal(err)
		}
	}
	var all []wire.LiveRoomListEntry
	next := ""
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("the cursor does not end")
		}
		page := decodeLive[wire.LiveGetRoomListResponse](t, h.liveExpect("get_room_list", wire.LiveGetRoomListRequest{Next: next, Count: wire.Ptr(10)}, 0))
		all = append(all, page.Response.RoomList...)
		if next = page.Response.Next; next == "" {
			break
		}
		// Entering a listed room while the list is walked lists it no second time.
		if pages == 0 {
			if err := h.e.Enter("pub-00", "v2"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(all) != 25 || all[0].RoomID != "pub-07" || all[0].ViewCount != 2 || all[1].RoomID != "pub-03" {
		t.Fatalf("list %d rooms, starting %+v", len(all), all[:min(3, len(all))])
	}
	seen := map[string]bool{}
	for _, entry := range all {
		if seen[entry.RoomID] || entry.RoomID == "hidden" {
			t.Errorf("%s listed twice or hidden room listed", entry.RoomID)
		}
		seen[entry.RoomID] = true
	}
	h.liveExpect("get_room_list", wire.LiveGetRoomListRequest{Next: "not-a-cursor"}, catalog.CodeInvalidParameter)
	h.liveExpect("get_room_list", `{"Next":"","Count":21}`, catalog.CodeInvalidParameter)
	h.liveExpect("get_room_list", `{"Count":10}`, catalog.CodeInvalidParameter)
}

func TestLiveRoomListRateLimit(t *testing.T) {
	h := newHarness(t, Config{})
	limited, passed := 0, 0
	started := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 8 {
				r, err := h.do(http.MethodPost, "/v4/"+catalog.ServiceLive+"/get_room_list", h.query(DefaultAdmin).Encode(), []byte(`{"Next":""}`))
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				switch r.code() {
				case catalog.CodeRESTRateLimited:
					limited++
				case 0:
					passed++
				default:
					t.Errorf("code %d", r.code())
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	// A bucket of one second's calls refilled at 10/s lets at most 10 + 10/s * elapsed through.
	allowed := catalog.LiveMaxQPSRoomList + int(time.Since(started).Seconds()*catalog.LiveMaxQPSRoomList) + 1
	if limited == 0 || passed > allowed || passed < catalog.LiveMaxQPSRoomList {
		t.Errorf("%d of 32 calls passed and %d were limited; the limit is %d/s", passed, limited, catalog.LiveMaxQPSRoomList)
	}
	// get_room_info keeps the gateway's 200/s.
	for range 50 {
		if r := h.live("get_room_info", `{"RoomId":"x"}`); r.code() != catalog.CodeRoomNotFound {
			t.Fatalf("get_room_info limited: %s", r.raw)
		}
	}
}

func TestLiveMembersAndAutoDismiss(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1, MemberCap: 250})
	accounts := make([]string, 120)
	for i := range accounts {
		accounts[i] = fmt.Sprintf("m%03d", i)
	}
	h.importAccounts(accounts[:100]...)
	h.importAccounts(accounts[100:]...)
	h.liveCreate(wire.LiveRoomSettings{RoomID: "m"})
	for _, a := range accounts {
		if err := h.e.Enter("m", a); err != nil {
			t.Fatal(err)
		}
	}
	var listed []string
	next := ""
	for {
		page := decodeLive[wire.LiveGetMemberListResponse](t, h.liveExpect("get_member_list", wire.LiveGetMemberListRequest{RoomID: "m", Next: next}, 0))
		if page.Response.MemberCount != 120 {
			t.Errorf("MemberCount %d", page.Response.MemberCount)
		}
		for _, m := range page.Response.MemberList {
			listed = append(listed, m.MemberAccount)
		}
		if next = page.Response.Next; next == "" {
			break
		}
	}
	if !reflect.DeepEqual(listed, accounts) {
		t.Errorf("listed %d members: %v", len(listed), listed)
	}
	h.liveExpect("get_member_list", wire.LiveGetMemberListRequest{RoomID: "m", Next: "bogus"}, catalog.CodeInvalidParameter)
	h.liveExpect("get_member_list", wire.LiveGetMemberListRequest{RoomID: "none"}, catalog.CodeRoomNotFound)
	h.mustCreate("conf")
	h.liveExpect("get_member_list", wire.LiveGetMemberListRequest{RoomID: "conf"}, catalog.CodeNoPermission)

	// Rule 1: once entered, a room left empty for 30 minutes is dissolved; a room nobody
	// entered stays.
	h.liveCreate(wire.LiveRoomSettings{RoomID: "never-entered"})
	for _, a := range accounts {
		if err := h.e.Leave("m", a); err != nil {
			t.Fatal(err)
		}
	}
	start := h.e.clock.Now()
	h.setClock(start.Add(29 * time.Minute).UnixMilli())
	h.liveInfo("m")
	h.setClock(start.Add(31 * time.Minute).UnixMilli())
	h.liveExpect("get_room_info", wire.LiveRoomIDRequest{RoomID: "m"}, catalog.CodeRoomNotFound)
	h.setClock(start.Add(48 * time.Hour).UnixMilli())
	h.liveInfo("never-entered")
	if status, _, _ := h.controlRaw(http.MethodPost, control.PathMemberEnter, `{"RoomId":"m","Member_Account":"m000"}`); status != http.StatusNotFound {
		t.Errorf("entering a dissolved room: HTTP %d", status)
	}
}

func TestLiveBansMutesAdminsOwner(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("host", "u1", "u2", "u3", "u4", "u5", "u6")
	h.liveCreate(wire.LiveRoomSettings{RoomID: "b", OwnerAccount: wire.Ptr("host")})
	if err := h.e.Enter("b", "u1"); err != nil {
		t.Fatal(err)
	}
	now := h.e.clock.Now().Unix()
	h.liveExpect("ban_member", wire.LiveBanMemberRequest{RoomID: "b", MemberListAccount: []string{"u1", "u2"}, Duration: 600}, 0)
	h.liveExpect("ban_member", wire.LiveBanMemberRequest{RoomID: "b", MemberListAccount: []string{"host"}, Duration: 600}, catalog.CodeInvalidParameter)
	h.liveExpect("ban_member", wire.LiveBanMemberRequest{RoomID: "b", MemberListAccount: []string{"u3"}, Duration: 0}, catalog.CodeInvalidParameter)
	h.liveExpect("ban_member", `{"RoomId":"b","MemberList_Account":["u3"],"Duration":60,"Reason":"`+strings.Repeat("€", 67)+`"}`, catalog.CodeInvalidParameter)
	if status, _, _ := h.controlRaw(http.MethodPost, control.PathMemberEnter, `{"RoomId":"b","Member_Account":"u1"}`); status != http.StatusForbidden {
		t.Errorf("banned user entering: HTTP %d", status)
	}
	bans := decodeLive[wire.LiveGetBannedMemberListResponse](t, h.liveExpect("get_banned_member_list", wire.LiveGetBannedMemberListRequest{RoomID: "b", Limit: wire.Ptr(1)}, 0))
	if len(bans.Response.BannedAccountList) != 1 || bans.Response.NextOffset != 1 || bans.Response.BannedAccountList[0].BannedUntil < now+600 {
		t.Errorf("first page: %+v", bans)
	}
	h.liveExpect("change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: "b", NewOwnerAccount: "u2"}, catalog.CodeNewOwnerBanned)
	h.liveExpect("unban_member", wire.LiveUnbanMemberRequest{RoomID: "b", MemberListAccount: []string{"u2"}}, 0)
	h.liveExpect("modify_admin", wire.LiveModifyAdminRequest{RoomID: "b", AdminAccount: []string{"u2", "u3"}, OpType: "add"}, 0)
	h.liveExpect("change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: "b", NewOwnerAccount: "u2"}, 0)
	if info := h.liveInfo("b"); info.OwnerAccount != "u2" {
		t.Errorf("owner %q", info.OwnerAccount)
	}
	h.liveExpect("modify_admin", wire.LiveModifyAdminRequest{RoomID: "b", AdminAccount: []string{"u4", "u5", "u6", "host"}, OpType: "add"}, 0)
	h.liveExpect("modify_admin", wire.LiveModifyAdminRequest{RoomID: "b", AdminAccount: []string{"u1"}, OpType: "add"}, catalog.CodeTooManyAdmins)
	admins := decodeLive[wire.LiveGetAdminListResponse](t, h.liveExpect("get_admin_list", wire.LiveRoomIDRequest{RoomID: "b"}, 0))
	if !reflect.DeepEqual(admins.Response.AdminAccount, []string{"u3", "u4", "u5", "u6", "host"}) {
		t.Errorf("admins %v (the new owner leaves the list)", admins.Response.AdminAccount)
	}
	h.liveExpect("modify_admin", wire.LiveModifyAdminRequest{RoomID: "b", AdminAccount: []string{"u4", "nobody"}, OpType: "delete"}, 0)
	h.liveExpect("modify_admin", `{"RoomId":"b","Admin_Account":["u1"],"OpType":"Add"}`, catalog.CodeInvalidParameter)

	h.liveExpect("mute_member", wire.LiveMuteMemberRequest{RoomID: "b", MemberListAccount: []string{"u5", "u6"}, MuteTime: 60}, 0)
	h.liveExpect("mute_member", wire.LiveMuteMemberRequest{RoomID: "b", MemberListAccount: []string{"u6"}, MuteTime: 0}, 0)
	muted := decodeLive[wire.LiveGetMutedMemberListResponse](t, h.liveExpect("get_muted_member_list", wire.LiveRoomIDRequest{RoomID: "b"}, 0))
	if len(muted.Response.MutedAccountList) != 1 || muted.Response.MutedAccountList[0].MemberAccount != "u5" {
		t.Errorf("muted %+v", muted)
	}
	h.setClock(h.e.clock.Now().Add(61 * time.Second).UnixMilli())
	muted = decodeLive[wire.LiveGetMutedMemberListResponse](t, h.liveExpect("get_muted_member_list", wire.LiveRoomIDRequest{RoomID: "b"}, 0))
	if len(muted.Response.MutedAccountList) != 0 {
		t.Errorf("expired mute listed: %+v", muted)
	}
	for _, command := range []string{"get_muted_member_list", "get_admin_list", "get_banned_member_list"} {
		h.liveExpect(command, wire.LiveRoomIDRequest{RoomID: "none"}, catalog.CodeRoomNotFound)
	}
}

func TestLiveMetadataLimits(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.liveCreate(wire.LiveRoomSettings{RoomID: "md"})
	set := func(code int, pairs ...wire.LiveMetadata) {
		t.Helper()
		h.liveExpect("set_room_metadata", wire.LiveSetRoomMetadataRequest{RoomID: "md", Metadata: pairs}, code)
	}
	get := func(keys ...string) []wire.LiveMetadata {
		t.Helper()
		if keys == nil {
			keys = []string{}
		}
		return decodeLive[wire.LiveGetRoomMetadataResponse](t, h.liveExpect("get_room_metadata", wire.LiveGetRoomMetadataRequest{RoomID: "md", Keys: keys}, 0)).Response.Metadata
	}
	set(0, wire.LiveMetadata{Key: "k1", Value: "v1"}, wire.LiveMetadata{Key: "k2", Value: "v2"})
	set(0, wire.LiveMetadata{Key: "k1", Value: "v1b"})
	if got := get(); !reflect.DeepEqual(got, []wire.LiveMetadata{{Key: "k1", Value: "v1b"}, {Key: "k2", Value: "v2"}}) {
		t.Errorf("all keys: %+v", got)
	}
	if got := get("k2", "missing"); !reflect.DeepEqual(got, []wire.LiveMetadata{{Key: "k2", Value: "v2"}}) {
		t.Errorf("some keys: %+v", got)
	}
	set(catalog.CodeMetadataValueTooBig, wire.LiveMetadata{Key: "big", Value: strings.Repeat("x", 2049)})
	set(0, wire.LiveMetadata{Key: "big", Value: strings.Repeat("x", 2048)})
	var many []wire.LiveMetadata
	for i := range 8 {
		many = append(many, wire.LiveMetadata{Key: fmt.Sprintf("n%d", i), Value: "v"})
	}
	set(catalog.CodeTooManyMetadataKeys, many...)
	var heavy []wire.LiveMetadata
	for i := range 7 {
		heavy = append(heavy, wire.LiveMetadata{Key: fmt.Sprintf("h%d", i), Value: strings.Repeat("y", 2048)})
	}
	set(catalog.CodeMetadataTooBig, heavy...)
	if got := get(); len(got) != 3 {
		t.Errorf("refused sets changed the metadata: %+v", got)
	}
	h.liveExpect("set_room_metadata", `{"RoomId":"md","Metadata":[{"Key":"`+strings.Repeat("k", 51)+`","Value":"v"}]}`, catalog.CodeInvalidParameter)
	h.liveExpect("del_room_metadata", wire.LiveDelRoomMetadataRequest{RoomID: "md", Keys: []string{"k1", "nope"}}, 0)
	if got := get(); len(got) != 2 {
		t.Errorf("after delete: %+v", got)
	}
	h.liveExpect("del_room_metadata", wire.LiveDelRoomMetadataRequest{RoomID: "md", Keys: []string{}}, catalog.CodeInvalidParameter)
	h.liveExpect("del_room_metadata", wire.LiveDelRoomMetadataRequest{RoomID: "gone", Keys: []string{"k"}}, catalog.CodeRoomNotFound)
}

func TestLiveFaultsAndReset(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.liveCreate(wire.LiveRoomSettings{RoomID: "f"})
	if err := h.ctl.InjectFault(ctx(t), control.Fault{Service: catalog.ServiceLive, Command: "del_room_metadata", ErrorCode: 100502, Count: 1}); err != nil {
		t.Fatal(err)
	}
	r := h.liveExpect("del_room_metadata", wire.LiveDelRoomMetadataRequest{RoomID: "f", Keys: []string{"k"}}, 100502)
	if r.header.Get(control.FaultHeader) != "100502" {
		t.Errorf("no fault marker: %v", r.header)
	}
	h.e.Reset()
	h.liveExpect("get_room_info", wire.LiveRoomIDRequest{RoomID: "f"}, catalog.CodeRoomNotFound)
}
