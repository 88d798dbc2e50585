package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// choiceCase observes one behaviour; the default and the alternate profile must each give
// their own observation.
type choiceCase struct {
	field            string // the Choices field the observation depends on
	observe          func(h *harness) string
	deflt, alternate string
}

func codeText(r *reply) string { return strconv.Itoa(r.code()) }

// fieldOf decodes one field of an answer's Response.
func fieldOf(t testing.TB, r *reply, key string) json.RawMessage {
	t.Helper()
	var answer struct {
		Response map[string]json.RawMessage `json:"Response"`
	}
	if err := json.Unmarshal(r.raw, &answer); err != nil {
		t.Fatalf("decoding %.200s: %v", r.raw, err)
	}
	return answer.Response[key]
}

// populated creates Conference room id (with seats when seats > 0) and lets members enter.
func populated(h *harness, id string, seats int, members ...string) {
	h.t.Helper()
	h.importAccounts(members...)
	settings := wire.RoomSettings{RoomID: id}
	if seats > 0 {
		settings.IsSeatEnabled, settings.MaxSeatCount = wire.Ptr(true), wire.Ptr(seats)
	}
	h.create(settings, 0)
	for _, m := range members {
		if err := h.e.Enter(id, m); err != nil {
			h.t.Fatal(err)
		}
	}
}

func memberRoles(h *harness, id string) string {
	h.t.Helper()
	var list []wire.RoomMember
	_ = json.Unmarshal(fieldOf(h.t, h.call("get_room_member_list", wire.GetRoomMemberListRequest{RoomID: id}), "MemberList"), &list)
	var out []string
	for _, m := range list {
		out = append(out, m.MemberAccount+":"+m.Role+":"+m.NameCard)
	}
	return strings.Join(out, ",")
}

func pick(h *harness, id string, index int, account string) {
	h.t.Helper()
	h.seat("pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: id, Index: index, MemberAccount: account}, 0)
}

var choiceCases = []choiceCase{
	{"SignatureBeforeSDKAppID", func(h *harness) string {
		q := h.query(h.e.cfg.Admins[0])
		q.Set("sdkappid", "1")
		q.Del("usersig")
		return codeText(h.send(http.MethodPost, "/v4/"+catalog.ServiceRoom+"/get_room_info", q.Encode(), mustJSON(wire.RoomIDRequest{RoomID: "r"})))
	}, "60006", "60004"},
	{"GenericSignatureCodes", func(h *harness) string {
		q := h.query(h.e.cfg.Admins[0])
		q.Set("usersig", "garbage")
		return codeText(h.send(http.MethodPost, "/v4/"+catalog.ServiceRoom+"/get_room_info", q.Encode(), mustJSON(wire.RoomIDRequest{RoomID: "r"})))
	}, "70003", "60004"},
	{"FirstSchemaProblemOnly", func(h *harness) string {
		r := h.call("create_room", `{"RoomInfo":{"RoomId":5,"RoomName":6,"CustomInfo":7}}`)
		return strconv.FormatBool(strings.Contains(r.env.ErrorInfo, " more"))
	}, "false", "true"},
	{"ReimportKeepsProfile", func(h *harness) string {
		for _, nick := range []string{"first", "second"} {
			checkEnvelope(h.t, h.call("account_import", wire.AccountImportRequest{UserID: "p", Nick: nick}), 0)
		}
		h.e.mu.Lock()
		defer h.e.mu.Unlock()
		return h.e.state.accounts["p"].nick
	}, "second", "first"},
	{"FailAccountsAbsentWhenEmpty", func(h *harness) string {
		r := h.call("multiaccount_import", wire.MultiAccountImportRequest{Accounts: []string{"q"}})
		_, present := r.fields["FailAccounts"]
		return strconv.FormatBool(present)
	}, "true", "false"},
	{"DeleteUnknownAccountSucceeds", func(h *harness) string {
		r := h.call("account_delete", wire.AccountDeleteRequest{DeleteItem: []wire.UserIDItem{{UserID: "ghost"}}})
		var answer wire.AccountDeleteResponse
		_ = json.Unmarshal(r.raw, &answer)
		return fmt.Sprint(answer.ResultItem[0].ResultCode)
	}, "70107", "0"},
	{"OwnerCheckedBeforeID", func(h *harness) string {
		h.mustCreate("dup")
		h.setClock(h.e.clock.Now().Add(2 * time.Second).UnixMilli())
		return codeText(h.call("create_room", roomBody(wire.RoomSettings{RoomID: "dup", OwnerAccount: wire.Ptr("ghost")})))
	}, "100003", "100002"},
	{"PastStartRefused", func(h *harness) string {
		start := h.e.clock.Now().Unix() - 3600
		return codeText(h.call("create_room", roomBody(wire.RoomSettings{RoomID: "past", ScheduleStartTime: &start})))
	}, "0", "100002"},
	{"ScheduleUpToYear2100", func(h *harness) string {
		start := int64(year2100 + 10)
		return codeText(h.call("create_room", roomBody(wire.RoomSettings{RoomID: "far", ScheduleStartTime: &start})))
	}, "0", "100002"},
	{"InviteesMustBeImported", func(h *harness) string {
		body := wire.CreateRoomRequest{RoomInfo: wire.RoomSettings{RoomID: "inv", RoomType: wire.Ptr("Conference")}, ScheduleInviteeListAccounts: []string{"ghost"}}
		return codeText(h.call("create_room", body))
	}, "0", "100002"},
	{"CreateTimeIsScheduleStart", func(h *harness) string {
		start := h.e.clock.Now().Unix() + 1000
		h.create(wire.RoomSettings{RoomID: "later", ScheduleStartTime: &start}, 0)
		return strconv.FormatBool(h.mustGet("later").CreateTime == start)
	}, "false", "true"},
	{"SeatlessModeFreeToTake", func(h *harness) string {
		h.mustCreate("plain")
		return h.mustGet("plain").TakeSeatMode
	}, "None", "FreeToTake"},
	{"UpdateResetsRoomName", func(h *harness) string {
		h.create(wire.RoomSettings{RoomID: "named", RoomName: wire.Ptr("kept")}, 0)
		checkEnvelope(h.t, h.call("update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{RoomID: "named", CustomInfo: wire.Ptr("c")}}), 0)
		return h.mustGet("named").RoomName
	}, "kept", "named"},
	{"ClampMaxMemberCount", func(h *harness) string {
		h.mustCreate("big")
		return codeText(h.call("update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{RoomID: "big", MaxMemberCount: wire.Ptr(100000)}}))
	}, "100002", "0"},
	{"NeverRecycle", func(h *harness) string {
		h.mustCreate("old")
		h.setClock(h.e.clock.Now().Add(8 * time.Hour).UnixMilli())
		_, r := h.get("old")
		return codeText(r)
	}, "100004", "0"},
	{"PasswordAbsentUnlessSet", func(h *harness) string {
		h.mustCreate("pw")
		_, r := h.get("pw")
		return strconv.FormatBool(strings.Contains(string(r.raw), "Password"))
	}, "true", "false"},
	{"OwnerAutoEntered", func(h *harness) string {
		h.mustCreate("owned")
		return strconv.Itoa(h.mustGet("owned").MemberCount)
	}, "0", "1"},
	{"OwnerRoleRoomOwner", func(h *harness) string {
		populated(h, "roles", 0, h.e.cfg.Admins[0])
		return memberRoles(h, "roles")
	}, "administrator:Owner:", "administrator:RoomOwner:"},
	{"MemberDataSurvivesLeaving", func(h *harness) string {
		populated(h, "card", 0, "m")
		checkEnvelope(h.t, h.call("update_room_member_info", `{"RoomId":"card","MemberInfo":{"Member_Account":"m","NameCard":"x"}}`), 0)
		if err := h.e.Leave("card", "m"); err != nil {
			h.t.Fatal(err)
		}
		if err := h.e.Enter("card", "m"); err != nil {
			h.t.Fatal(err)
		}
		return strings.TrimPrefix(memberRoles(h, "card"), "administrator:RoomOwner:,")
	}, "m:Member:", "m:Member:x"},
	{"PageAboveMaximumRefused", func(h *harness) string {
		h.mustCreate("page")
		return codeText(h.call("get_room_member_list", wire.GetRoomMemberListRequest{RoomID: "page", Count: wire.Ptr(101)}))
	}, "0", "100002"},
	{"OffsetMemberCursors", func(h *harness) string {
		populated(h, "cursor", 0, "m1", "m2", "m3")
		return string(fieldOf(h.t, h.call("get_room_member_list", wire.GetRoomMemberListRequest{RoomID: "cursor", Count: wire.Ptr(1)}), "Next"))
	}, `"seq-1"`, `"1"`},
	{"LastPageWithoutNext", func(h *harness) string {
		h.mustCreate("last")
		return strconv.FormatBool(fieldOf(h.t, h.call("get_room_member_list", wire.GetRoomMemberListRequest{RoomID: "last"}), "Next") != nil)
	}, "true", "false"},
	{"PreviousOwnerBecomesAdmin", func(h *harness) string {
		admin := h.e.cfg.Admins[0]
		populated(h, "handover", 0, admin, "m")
		checkEnvelope(h.t, h.call("change_room_owner", wire.ChangeRoomOwnerRequest{RoomID: "handover", FromAccount: admin, NewOwnerAccount: "m"}), 0)
		return strings.Split(memberRoles(h, "handover"), ",")[0]
	}, "administrator:Member:", "administrator:Admin:"},
	{"OwnerRoleChangeIgnored", func(h *harness) string {
		populated(h, "ownrole", 0, h.e.cfg.Admins[0])
		return codeText(h.call("update_room_member_info", `{"RoomId":"ownrole","MemberInfo":{"Member_Account":"administrator","Role":"Admin","NameCard":"n"}}`))
	}, "100002", "0"},
	{"BanAbsentAllowed", func(h *harness) string {
		h.mustCreate("ban")
		return codeText(h.call("ban_room_member", wire.BanRoomMemberRequest{RoomID: "ban", MemberListAccount: []string{"ghost"}, Duration: 60, Reason: "r"}))
	}, "100005", "0"},
	{"OwnerRemovalInvalid", func(h *harness) string {
		populated(h, "kickowner", 0, h.e.cfg.Admins[0])
		return codeText(h.call("kick_user_out", wire.KickUserOutRequest{RoomID: "kickowner", MemberListAccount: []string{h.e.cfg.Admins[0]}, Reason: "r"}))
	}, "100006", "100002"},
	{"BannedPageOf100", func(h *harness) string {
		members := make([]string, 25)
		for i := range members {
			members[i] = fmt.Sprintf("b%02d", i)
		}
		populated(h, "bans", 0, members...)
		for _, batch := range [][]string{members[:20], members[20:]} { // at most 20 per call
			checkEnvelope(h.t, h.call("ban_room_member", wire.BanRoomMemberRequest{RoomID: "bans", MemberListAccount: batch, Duration: 60, Reason: "r"}), 0)
		}
		var page []wire.BannedMember
		_ = json.Unmarshal(fieldOf(h.t, h.call("get_banned_member_list", `{"RoomId":"bans"}`), "BannedAccountList"), &page)
		return strconv.Itoa(len(page))
	}, "20", "25"},
	{"KickAbsentIgnored", func(h *harness) string {
		h.mustCreate("kick")
		return codeText(h.call("kick_user_out", wire.KickUserOutRequest{RoomID: "kick", MemberListAccount: []string{"ghost"}, Reason: "r"}))
	}, "100005", "0"},
	{"SeatlessListRefused", func(h *harness) string {
		h.mustCreate("noseats")
		return codeText(h.callService(catalog.ServiceSeat, "get_seat_list", wire.RoomIDRequest{RoomID: "noseats"}))
	}, "0", "100211"},
	{"SeatChecksBeforeMember", func(h *harness) string {
		populated(h, "order", 2, "m")
		pick(h, "order", 0, "m")
		return codeText(h.callService(catalog.ServiceSeat, "pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: "order", Index: 0, MemberAccount: "ghost"}))
	}, "100005", "100210"},
	{"KickOffUnseatedSucceeds", func(h *harness) string {
		populated(h, "standing", 2, "m")
		return codeText(h.callService(catalog.ServiceSeat, "kick_user_off_seat", wire.KickUserOffSeatRequest{RoomID: "standing", MemberAccount: "m", Data: "d"}))
	}, "100002", "0"},
	{"SwitchOccupiedSeatCode", func(h *harness) string {
		populated(h, "switch", 2, "m1", "m2")
		pick(h, "switch", 0, "m1")
		pick(h, "switch", 1, "m2")
		return codeText(h.callService(catalog.ServiceSeat, "switch_seat", wire.SwitchSeatRequest{RoomID: "switch", ToIndex: 1, MemberAccount: "m1"}))
	}, "100002", "100210"},
	{"MoveForceKicksFromRoom", func(h *harness) string {
		populated(h, "force", 2, "m1", "m2")
		pick(h, "force", 0, "m1")
		pick(h, "force", 1, "m2")
		h.seat("move_user_to_seat", wire.MoveUserToSeatRequest{RoomID: "force", SeatIndex: 1, MemberAccount: "m1", Policy: wire.MoveForce}, 0)
		return strconv.FormatBool(strings.Contains(memberRoles(h, "force"), "m2:"))
	}, "true", "false"},
	{"MissingCallbackEmpty", func(h *harness) string {
		return codeText(h.call("get_callback", `{}`))
	}, "100301", "0"},
	{"DeleteMissingCallbackRefused", func(h *harness) string {
		return codeText(h.call("delete_callback", `{}`))
	}, "0", "100301"},
	{"UnknownCallbackCommandIgnored", func(h *harness) string {
		return codeText(h.call("set_callback", wire.CallbackConfig{URL: "http://127.0.0.1:1/cb", CallbackCommandList: []string{"Room.Nope"}}))
	}, "100002", "0"},
	{"BanSendsNoLeaveEvent", func(h *harness) string {
		var leaves atomic.Int32
		receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Query().Get("CallbackCommand") == catalog.EventAfterMemberLeave {
				leaves.Add(1)
			}
		}))
		defer receiver.Close()
		checkEnvelope(h.t, h.call("set_callback", wire.CallbackConfig{URL: receiver.URL, CallbackCommandList: []string{catalog.EventAfterMemberLeave}}), 0)
		populated(h, "banned", 0, "m")
		checkEnvelope(h.t, h.call("ban_room_member", wire.BanRoomMemberRequest{RoomID: "banned", MemberListAccount: []string{"m"}, Duration: 60, Reason: "r"}), 0)
		time.Sleep(300 * time.Millisecond)
		return strconv.Itoa(int(leaves.Load()))
	}, "1", "0"},
	{"LiveSeatModeAsString", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "mode"})
		r := h.live("get_room_info", wire.LiveRoomIDRequest{RoomID: "mode"})
		return strconv.FormatBool(strings.Contains(string(r.raw), `"TakeSeatMode":1`))
	}, "true", "false"},
	{"LiveDestroyWithoutStatistic", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "gone"})
		return strconv.FormatBool(strings.Contains(string(h.live("destroy_room", wire.LiveRoomIDRequest{RoomID: "gone"}).raw), "Statistic"))
	}, "true", "false"},
	{"OpaqueRoomListCursor", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "l1"})
		h.liveCreate(wire.LiveRoomSettings{RoomID: "l2"})
		var next string
		_ = json.Unmarshal(fieldOf(h.t, h.live("get_room_list", wire.LiveGetRoomListRequest{Count: wire.Ptr(1)}), "Next"), &next)
		return strconv.FormatBool(regexp.MustCompile(`^\d+-[0-9a-f]+$`).MatchString(next))
	}, "true", "false"},
	{"LiveMemberPageOf50", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "crowd"})
		members := make([]string, 60)
		for i := range members {
			members[i] = fmt.Sprintf("c%02d", i)
		}
		h.importAccounts(members...)
		for _, m := range members {
			if err := h.e.Enter("crowd", m); err != nil {
				h.t.Fatal(err)
			}
		}
		var page []wire.LiveMember
		_ = json.Unmarshal(fieldOf(h.t, h.live("get_member_list", wire.LiveGetMemberListRequest{RoomID: "crowd"}), "MemberList"), &page)
		return strconv.Itoa(len(page))
	}, "60", "50"},
	{"ForeignRoomNotFound", func(h *harness) string {
		h.mustCreate("conf")
		return codeText(h.live("get_member_list", wire.LiveGetMemberListRequest{RoomID: "conf"}))
	}, "100006", "100004"},
	{"BannedListEndsEmpty", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "lban"})
		h.importAccounts("x")
		h.liveExpect("ban_member", wire.LiveBanMemberRequest{RoomID: "lban", MemberListAccount: []string{"x"}, Duration: 60}, 0)
		return string(fieldOf(h.t, h.live("get_banned_member_list", wire.LiveGetBannedMemberListRequest{RoomID: "lban"}), "NextOffset"))
	}, "0", "1"},
	{"AdminsSorted", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "admins"})
		h.importAccounts("zed", "amy")
		h.liveExpect("modify_admin", wire.LiveModifyAdminRequest{RoomID: "admins", AdminAccount: []string{"zed", "amy"}, OpType: wire.LiveAdminAdd}, 0)
		return string(fieldOf(h.t, h.live("get_admin_list", wire.LiveRoomIDRequest{RoomID: "admins"}), "Admin_Account"))
	}, `["zed","amy"]`, `["amy","zed"]`},
	{"LiveAccountsMustBeImported", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "mute"})
		return codeText(h.live("mute_member", wire.LiveMuteMemberRequest{RoomID: "mute", MemberListAccount: []string{"ghost"}, MuteTime: 60}))
	}, "0", "100002"},
	{"LiveReportsNotice", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "notice"})
		h.liveExpect("update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: "notice", Notice: wire.Ptr("hello")}}, 0)
		return strconv.FormatBool(strings.Contains(string(h.live("get_room_info", wire.LiveRoomIDRequest{RoomID: "notice"}).raw), `"Notice":"hello"}`))
	}, "false", "true"},
	{"MetadataCountCheckedFirst", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "meta"})
		pairs := []wire.LiveMetadata{{Key: "big", Value: strings.Repeat("v", 3000)}}
		for i := range 10 {
			pairs = append(pairs, wire.LiveMetadata{Key: fmt.Sprintf("k%d", i), Value: "v"})
		}
		return codeText(h.live("set_room_metadata", wire.LiveSetRoomMetadataRequest{RoomID: "meta", Metadata: pairs}))
	}, "100501", "100500"},

	// Live robots, statistics, messages and mixing (group live13a).
	{"DelAbsentRobotRefused", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "robots"})
		h.importAccounts("bot")
		return codeText(h.live("del_robot", wire.LiveRobotRequest{RoomID: "robots", RobotListAccount: []string{"bot"}}))
	}, "0", "100002"},
	{"LiveMessageWithoutResponse", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "chat"})
		r := h.live("send_text_msg", wire.LiveSendTextMsgRequest{RoomID: "chat", SenderAccount: h.e.cfg.Admins[0], TextContent: "hi"})
		return strconv.FormatBool(fieldOf(h.t, r, "MsgSeq") != nil)
	}, "true", "false"},
	{"ResumeWithoutLayoutRefused", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "mix", IsUnlimitedRoomEnabled: wire.Ptr(true)})
		return codeText(h.live("resume_mcu_task", wire.LiveRoomIDRequest{RoomID: "mix"}))
	}, "0", "100002"},
	// Live callbacks (issue 14)
	{"LiveUnknownCallbackCommandIgnored", func(h *harness) string {
		return codeText(h.liveConfig("set_callback", wire.CallbackConfig{URL: "http://127.0.0.1:1/cb", CallbackCommandList: []string{"Live.Nope"}}))
	}, "100002", "0"},
	{"LiveDeleteCallbackDeletesToken", func(h *harness) string {
		checkEnvelope(h.t, h.liveConfig("set_callback_token", wire.LiveCallbackTokenRequest{Token: wire.Ptr("t"), IsTokenEnable: wire.Ptr(true)}), 0)
		checkEnvelope(h.t, h.liveConfig("delete_callback", `{}`), 0)
		return codeText(h.liveConfig("get_callback_token", `{}`))
	}, "0", "100302"},
	{"LiveUpdateEventChangedOnly", func(h *harness) string {
		received := liveReceiver(h, catalog.LiveEventUpdateRoomInfo)
		h.liveCreate(wire.LiveRoomSettings{RoomID: "upd"})
		h.liveExpect("update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: "upd", RoomName: wire.Ptr("n")}}, 0)
		got := received(1)
		info, _ := got[0].body["RoomInfo"].(map[string]any)
		return strconv.Itoa(len(info))
	}, "10", "2"},
	{"LiveSeatListChangedOnly", func(h *harness) string {
		h.importAccounts("ann")
		received := liveReceiver(h, catalog.LiveEventSeatInfoChanged)
		h.liveCreate(wire.LiveRoomSettings{RoomID: "seats", SeatTemplate: wire.Ptr("VideoLandscape4Seats")})
		if err := h.e.Enter("seats", "ann"); err != nil {
			h.t.Fatal(err)
		}
		h.seat("pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: "seats", Index: 1, MemberAccount: "ann"}, 0)
		got := received(1)
		list, _ := got[0].body["SeatList"].([]any)
		return strconv.Itoa(len(list))
	}, "4", "1"},
	{"LiveBanSendsNoStateEvent", func(h *harness) string {
		h.importAccounts("ann")
		h.liveCreate(wire.LiveRoomSettings{RoomID: "lbanev"})
		if err := h.e.Enter("lbanev", "ann"); err != nil {
			h.t.Fatal(err)
		}
		received := liveReceiver(h, catalog.LiveEventMemberStateChanged)
		h.liveExpect("ban_member", wire.LiveBanMemberRequest{RoomID: "lbanev", MemberListAccount: []string{"ann"}, Duration: 60}, 0)
		return strconv.Itoa(len(received(0)))
	}, "1", "0"},
	// Gifts
	{"GiftRoomNotFound", func(h *harness) string {
		h.liveExpect("add_gift", wire.LiveGift{GiftID: "rose", Coins: 1}, 0)
		return codeText(h.live("send_gift", wire.LiveSendGiftRequest{RoomID: "nowhere", GiftID: "rose", FromAccount: "a", ReceiverListAccount: []string{"b"}}))
	}, "100002", "100004"},
	{"GiftCountBySender", func(h *harness) string {
		h.liveCreate(wire.LiveRoomSettings{RoomID: "gifts"})
		h.liveExpect("add_gift", wire.LiveGift{GiftID: "rose", Coins: 5}, 0)
		h.liveExpect("send_gift", wire.LiveSendGiftRequest{RoomID: "gifts", GiftID: "rose", FromAccount: "fan", ReceiverListAccount: []string{"host"}}, 0)
		return string(fieldOf(h.t, h.liveExpect("get_gift_count", wire.LiveGetGiftCountRequest{RoomID: "gifts", FromAccount: "fan"}, 0), "TotalCoins"))
	}, "0", "5"},
	{"GiftRateLimitCommonCode", func(h *harness) string {
		limited := newHarness(h.t, Config{Choices: h.e.cfg.Choices})
		limited.live("get_gift", wire.LiveGiftIDRequest{GiftID: "rose"})
		return codeText(limited.live("get_gift", wire.LiveGiftIDRequest{GiftID: "rose"}))
	}, "100012", "60007"},
	{"GiftLanguageMissingRefused", func(h *harness) string {
		h.liveExpect("add_gift", wire.LiveGift{GiftID: "rose", Coins: 1, DefaultName: "Rose"}, 0)
		return codeText(h.live("get_gift_language", wire.LiveGiftLanguageRequest{GiftID: "rose", Language: "en"}))
	}, "0", "100002"},
	{"GiftLanguageTopLevelOnly", func(h *harness) string {
		h.liveExpect("add_gift", wire.LiveGift{GiftID: "rose", Coins: 1}, 0)
		h.liveExpect("set_gift_language", wire.LiveSetGiftLanguageRequest{GiftID: "rose", Language: "en", Name: wire.Ptr("Rose")}, 0)
		return strconv.FormatBool(fieldOf(h.t, h.liveExpect("get_gift_language", wire.LiveGiftLanguageRequest{GiftID: "rose", Language: "en"}, 0), "Language") != nil)
	}, "true", "false"},
	{"GiftDeleteUnknownRefused", func(h *harness) string {
		return codeText(h.live("del_gift", wire.LiveGiftIDRequest{GiftID: "never"}))
	}, "0", "100002"},
	{"GiftAddReplaces", func(h *harness) string {
		h.liveExpect("add_gift", wire.LiveGift{GiftID: "rose", Coins: 1}, 0)
		return codeText(h.live("add_gift", wire.LiveGift{GiftID: "rose", Coins: 2}))
	}, "100002", "0"},
	{"LiveMessageRefusedAsGift", func(h *harness) string {
		a := newAnswering(h.t, func(liveDelivery) (int, string, time.Duration) {
			return 200, `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}`, 0
		})
		messageRoom(h, a, catalog.LiveEventBeforeSendMsg)
		return codeText(sendText(h))
	}, "10016", "102004"},
}

// TestEveryChoiceHasTwoBehaviours observes each choice under both profiles: the default gives
// the default behaviour, the alternate profile the other one, and no field of Choices is left
// without a case.
func TestEveryChoiceHasTwoBehaviours(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range choiceCases {
		covered[c.field] = true
		t.Run(c.field, func(t *testing.T) {
			for _, profile := range []struct {
				name    string
				choices Choices
				want    string
			}{{"default", DefaultChoices(), c.deflt}, {"alternate", AlternateChoices(), c.alternate}} {
				h := newHarness(t, Config{RatePerSecond: -1, Choices: profile.choices})
				if got := c.observe(h); got != profile.want {
					t.Errorf("%s profile: observed %q, want %q", profile.name, got, profile.want)
				}
			}
		})
	}
	fields := reflect.TypeOf(Choices{})
	alternate := reflect.ValueOf(AlternateChoices())
	for i := range fields.NumField() {
		name := fields.Field(i).Name
		if !covered[name] {
			t.Errorf("Choices.%s has no case here", name)
		}
		if alternate.Field(i).IsZero() {
			t.Errorf("AlternateChoices leaves %s at its default", name)
		}
	}
}

func TestChoicesNamed(t *testing.T) {
	for name, want := range map[string]Choices{"": DefaultChoices(), "default": DefaultChoices(), "alternate": AlternateChoices()} {
		if got, err := ChoicesNamed(name); err != nil || got != want {
			t.Errorf("ChoicesNamed(%q) = %+v, %v", name, got, err)
		}
	}
	if _, err := ChoicesNamed("other"); err == nil {
		t.Error(`ChoicesNamed("other") succeeded`)
	}
}
