package emulator

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

func TestCreateRoomDefaults(t *testing.T) {
	h := newHarness(t, Config{MemberCap: 50, SeatCap: 8, RatePerSecond: -1})
	before := h.e.clock.Now().Unix()
	h.mustCreate("defaults")
	h.create(wire.RoomSettings{RoomID: "with-seats", IsSeatEnabled: wire.Ptr(true)}, 0)
	h.create(wire.RoomSettings{RoomID: "apply", IsSeatEnabled: wire.Ptr(true), TakeSeatMode: wire.Ptr("ApplyToTake")}, 0)
	after := h.e.clock.Now().Unix()

	info := h.mustGet("defaults")
	if info.ScheduleStartTime < before || info.ScheduleStartTime > after {
		t.Errorf("ScheduleStartTime %d, want the creation time %d..%d", info.ScheduleStartTime, before, after)
	}
	if info.CreateTime < before || info.CreateTime > after {
		t.Errorf("CreateTime %d, want %d..%d", info.CreateTime, before, after)
	}
	want := wire.RoomInfo{
		RoomID: "defaults", RoomName: "defaults", RoomType: "Conference", OwnerAccount: DefaultAdmin,
		MaxMemberCount: 50, MaxSeatCount: 8,
		ScheduleStartTime: info.ScheduleStartTime, ScheduleEndTime: info.ScheduleStartTime + 3600,
		CustomInfo: "", RoomStatus: "Running", IsSeatEnabled: false, TakeSeatMode: "None",
		CreateTime: info.CreateTime, MemberCount: 0,
		IsPasswordEnabled: wire.Ptr(false), Password: wire.Ptr(""),
	}
	requireRoom(t, info, want)

	seats := h.mustGet("with-seats")
	if !seats.IsSeatEnabled || seats.TakeSeatMode != "FreeToTake" || seats.MaxSeatCount != 8 {
		t.Errorf("room with seats: IsSeatEnabled %v TakeSeatMode %q MaxSeatCount %d, want true FreeToTake 8", seats.IsSeatEnabled, seats.TakeSeatMode, seats.MaxSeatCount)
	}
	if apply := h.mustGet("apply"); apply.TakeSeatMode != "ApplyToTake" {
		t.Errorf("TakeSeatMode given as ApplyToTake reads %q", apply.TakeSeatMode)
	}
}

func requireRoom(t testing.TB, got, want wire.RoomInfo) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("room\n got %s\nwant %s", g, w)
	}
}

func TestCreateRoomEveryFieldIsStored(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("owner-1", "u1")
	start := h.e.clock.Now().Unix() + 600
	settings := wire.RoomSettings{
		RoomID: "full", RoomName: wire.Ptr("Full room"), OwnerAccount: wire.Ptr("owner-1"),
		MaxMemberCount: wire.Ptr(10), ScheduleStartTime: wire.Ptr(start), ScheduleEndTime: wire.Ptr(start + 900),
		IsVideoDisabled: wire.Ptr(true), IsAudioDisabled: wire.Ptr(true), IsMessageDisabled: wire.Ptr(true),
		IsScreenSharingDisabled: wire.Ptr(true), IsCloudRecordingDisabled: wire.Ptr(true),
		CustomInfo: wire.Ptr("custom"), IsSeatEnabled: wire.Ptr(true), MaxSeatCount: wire.Ptr(4),
		TakeSeatMode: wire.Ptr("ApplyToTake"), IsPasswordEnabled: wire.Ptr(true), Password: wire.Ptr("1234"),
	}
	r := h.call("create_room", wire.CreateRoomRequest{RoomInfo: roomBody(settings).RoomInfo, ScheduleInviteeListAccounts: []string{"u1"}})
	checkCommandAnswer(t, "create_room", r, 0)
	info := h.mustGet("full")
	requireRoom(t, info, wire.RoomInfo{
		RoomID: "full", RoomName: "Full room", RoomType: "Conference", OwnerAccount: "owner-1",
		MaxMemberCount: 10, MaxSeatCount: 4, ScheduleStartTime: start, ScheduleEndTime: start + 900,
		IsVideoDisabled: true, IsAudioDisabled: true, IsMessageDisabled: true, IsScreenSharingDisabled: true, IsCloudRecordingDisabled: true,
		CustomInfo: "custom", RoomStatus: "NotStarted", IsSeatEnabled: true, TakeSeatMode: "ApplyToTake",
		CreateTime: info.CreateTime, MemberCount: 0, IsPasswordEnabled: wire.Ptr(true), Password: wire.Ptr("1234"),
	})
}

func TestRoomStatusFollowsTheClock(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	start := h.e.clock.Now().Unix() + 3600
	h.create(wire.RoomSettings{RoomID: "later", ScheduleStartTime: wire.Ptr(start), ScheduleEndTime: wire.Ptr(start + 3600)}, 0)
	if got := h.mustGet("later").RoomStatus; got != "NotStarted" {
		t.Fatalf("RoomStatus before the start: %q, want NotStarted", got)
	}
	h.setClock((start-1)*1000 + 500)
	if got := h.mustGet("later").RoomStatus; got != "NotStarted" {
		t.Errorf("RoomStatus 0.5 s before the start: %q, want NotStarted", got)
	}
	h.setClock(start*1000 + 5)
	if got := h.mustGet("later").RoomStatus; got != "Running" {
		t.Errorf("RoomStatus at the start: %q, want Running", got)
	}
	if _, err := h.ctl.Advance(ctx(t), 2*time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := h.mustGet("later").RoomStatus; got != "Running" {
		t.Errorf("RoomStatus after the end: %q, want Running (the emulator's documented choice)", got)
	}
}

func TestCreateRoomIDConflicts(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("user2", "user3")
	h.create(wire.RoomSettings{RoomID: "owned", OwnerAccount: wire.Ptr("user2")}, 0)
	h.mustCreate("admin-owned")

	rows := []struct {
		name     string
		settings wire.RoomSettings
		want     int
	}{
		{"same owner", wire.RoomSettings{RoomID: "owned", OwnerAccount: wire.Ptr("user2")}, catalog.CodeRoomIDOwnedByYou},
		{"same owner, other settings", wire.RoomSettings{RoomID: "owned", OwnerAccount: wire.Ptr("user2"), RoomName: wire.Ptr("other")}, catalog.CodeRoomIDOwnedByYou},
		{"other owner", wire.RoomSettings{RoomID: "owned", OwnerAccount: wire.Ptr("user3")}, catalog.CodeRoomIDExists},
		{"default owner is the caller, not the room's", wire.RoomSettings{RoomID: "owned"}, catalog.CodeRoomIDExists},
		{"caller owns it by default", wire.RoomSettings{RoomID: "admin-owned"}, catalog.CodeRoomIDOwnedByYou},
		{"caller named explicitly", wire.RoomSettings{RoomID: "admin-owned", OwnerAccount: wire.Ptr(DefaultAdmin)}, catalog.CodeRoomIDOwnedByYou},
		{"other owner not even imported", wire.RoomSettings{RoomID: "admin-owned", OwnerAccount: wire.Ptr("ghost")}, catalog.CodeRoomIDExists},
		{"new owner not imported", wire.RoomSettings{RoomID: "fresh", OwnerAccount: wire.Ptr("ghost")}, catalog.CodeInvalidParameter},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			r := h.call("create_room", roomBody(row.settings))
			checkCommandAnswer(t, "create_room", r, row.want)
		})
	}
	if owner := h.mustGet("owned").OwnerAccount; owner != "user2" {
		t.Errorf("owner of %q is %q after refused re-creations, want user2", "owned", owner)
	}
	h.requireGone("fresh")
}

func TestCreateRoomUsedByChatGroup(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.create(wire.RoomSettings{RoomID: "group-1"}, 0) // before the group: fine
	if err := h.ctl.AddChatGroup(ctx(t), "group-2"); err != nil {
		t.Fatal(err)
	}
	h.create(wire.RoomSettings{RoomID: "group-2"}, catalog.CodeRoomIDUsedByChat)
	h.requireGone("group-2")
	h.create(wire.RoomSettings{RoomID: "group-3"}, 0)
	// An existing room wins over the group rule.
	if err := h.ctl.AddChatGroup(ctx(t), "group-1"); err != nil {
		t.Fatal(err)
	}
	h.create(wire.RoomSettings{RoomID: "group-1"}, catalog.CodeRoomIDOwnedByYou)
}

func TestCreateRoomOncePerSecond(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	// Freeze-ish: set the clock so the whole sequence happens well inside one second.
	h.setClock((h.e.clock.Now().Unix()+10)*1000 + 100)
	h.mustCreate("again")
	checkCommandAnswer(t, "destroy_room", h.call("destroy_room", wire.RoomIDRequest{RoomID: "again"}), 0)
	h.create(wire.RoomSettings{RoomID: "again"}, catalog.CodeCreateTooOften)
	h.requireGone("again")
	h.create(wire.RoomSettings{RoomID: "other"}, 0) // the rule is per room ID
	if _, err := h.ctl.Advance(ctx(t), 2*time.Second); err != nil {
		t.Fatal(err)
	}
	h.create(wire.RoomSettings{RoomID: "again"}, 0)
	h.mustGet("again")
}

func TestCreateRoomScheduleBounds(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	now := h.e.clock.Now().Unix()
	start := now + 600
	rows := []struct {
		name       string
		start, end *int64
		want       int
	}{
		{"299 s", wire.Ptr(start), wire.Ptr(start + 299), catalog.CodeInvalidParameter},
		{"300 s", wire.Ptr(start), wire.Ptr(start + 300), 0},
		{"86400 s", wire.Ptr(start), wire.Ptr(start + 86400), 0},
		{"86401 s", wire.Ptr(start), wire.Ptr(start + 86401), catalog.CodeInvalidParameter},
		{"0 s", wire.Ptr(start), wire.Ptr(start), catalog.CodeInvalidParameter},
		{"end before start", wire.Ptr(start), wire.Ptr(start - 600), catalog.CodeInvalidParameter},
		{"start only (end = start + 3600)", wire.Ptr(start), nil, 0},
		{"end only, 200 s after now", nil, wire.Ptr(now + 200), catalog.CodeInvalidParameter},
		{"end only, 2 days after now", nil, wire.Ptr(now + 2*86400), catalog.CodeInvalidParameter},
		{"start in the past", wire.Ptr(now - 7200), wire.Ptr(now - 3600), 0},
		{"negative start", wire.Ptr(int64(-5)), wire.Ptr(int64(3600)), catalog.CodeInvalidParameter},
		{"the last second of year 9999", wire.Ptr(int64(253402300799 - 3600)), wire.Ptr(int64(253402300799)), 0},
		{"far future (year ~2.9 billion): beyond the emulator's range", wire.Ptr(int64(92233720368547000)), wire.Ptr(int64(92233720368547600)), catalog.CodeInvalidParameter},
	}
	for i, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			id := "sched-" + string(rune('a'+i))
			r := h.call("create_room", roomBody(wire.RoomSettings{RoomID: id, ScheduleStartTime: row.start, ScheduleEndTime: row.end}))
			checkCommandAnswer(t, "create_room", r, row.want)
			defer h.use(t)()
			if row.want != 0 {
				h.requireGone(id)
				return
			}
			info := h.mustGet(id)
			if row.start != nil && info.ScheduleStartTime != *row.start {
				t.Errorf("ScheduleStartTime %d, want %d", info.ScheduleStartTime, *row.start)
			}
			wantEnd := info.ScheduleStartTime + 3600
			if row.end != nil {
				wantEnd = *row.end
			}
			if info.ScheduleEndTime != wantEnd {
				t.Errorf("ScheduleEndTime %d, want %d", info.ScheduleEndTime, wantEnd)
			}
		})
	}
}

// TestCreateRoomScheduleOverflow: a schedule is either refused (100002) or stored and readable
// as given; an answer OK for a room that does not exist is never right.
func TestCreateRoomScheduleOverflow(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	rows := []struct {
		name       string
		start, end *int64
	}{
		{"default end overflows", wire.Ptr(int64(9223372036854775000)), nil},
		{"explicit end at the int64 limit", wire.Ptr(int64(9223372036854775000)), wire.Ptr(int64(9223372036854775807))},
		{"end past the time.Time range", wire.Ptr(int64(9223372000000000000)), wire.Ptr(int64(9223372000000003600))},
	}
	for i, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			defer h.use(t)()
			id := "overflow-" + string(rune('a'+i))
			r := h.call("create_room", roomBody(wire.RoomSettings{RoomID: id, ScheduleStartTime: row.start, ScheduleEndTime: row.end}))
			if r.code() == catalog.CodeInvalidParameter {
				checkCommandAnswer(t, "create_room", r, catalog.CodeInvalidParameter)
				return
			}
			checkCommandAnswer(t, "create_room", r, 0)
			info, g := h.get(id)
			if g.code() != 0 {
				t.Fatalf("create_room answered OK but get_room_info answers %d %q", g.code(), g.env.ErrorInfo)
			}
			if info.ScheduleStartTime != *row.start || row.end != nil && info.ScheduleEndTime != *row.end || info.ScheduleEndTime <= info.ScheduleStartTime {
				t.Errorf("schedule stored as %d..%d", info.ScheduleStartTime, info.ScheduleEndTime)
			}
		})
	}
}

func TestCreateRoomPackageLimits(t *testing.T) {
	h := newHarness(t, Config{MemberCap: 40, SeatCap: 6, RatePerSecond: -1})
	rows := []struct {
		name     string
		settings wire.RoomSettings
		want     int
	}{
		{"MaxMemberCount at the cap", wire.RoomSettings{MaxMemberCount: wire.Ptr(40)}, 0},
		{"MaxMemberCount over the cap", wire.RoomSettings{MaxMemberCount: wire.Ptr(41)}, catalog.CodeInvalidParameter},
		{"MaxMemberCount 1", wire.RoomSettings{MaxMemberCount: wire.Ptr(1)}, 0},
		{"MaxMemberCount 0", wire.RoomSettings{MaxMemberCount: wire.Ptr(0)}, catalog.CodeInvalidParameter},
		{"MaxMemberCount negative", wire.RoomSettings{MaxMemberCount: wire.Ptr(-1)}, catalog.CodeInvalidParameter},
		{"MaxSeatCount at the cap", wire.RoomSettings{MaxSeatCount: wire.Ptr(6)}, 0},
		{"MaxSeatCount over the cap", wire.RoomSettings{MaxSeatCount: wire.Ptr(7)}, catalog.CodeInvalidParameter},
		{"MaxSeatCount 0", wire.RoomSettings{MaxSeatCount: wire.Ptr(0)}, catalog.CodeInvalidParameter},
		{"RoomId of 48 bytes", wire.RoomSettings{RoomID: string(make48('r'))}, 0},
		{"RoomId of 49 bytes", wire.RoomSettings{RoomID: string(make48('s')) + "s"}, catalog.CodeInvalidParameter},
		{"RoomName of 101 bytes", wire.RoomSettings{RoomName: wire.Ptr(string(make48('n')) + string(make48('n')) + "nnnnn")}, catalog.CodeInvalidParameter},
		{"TakeSeatMode None is not accepted on create", wire.RoomSettings{TakeSeatMode: wire.Ptr("None")}, catalog.CodeInvalidParameter},
	}
	for i, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			settings := row.settings
			if settings.RoomID == "" {
				settings.RoomID = "limits-" + string(rune('a'+i))
			}
			r := h.call("create_room", roomBody(settings))
			checkCommandAnswer(t, "create_room", r, row.want)
			defer h.use(t)()
			if row.want != 0 {
				if len(settings.RoomID) <= 48 {
					h.requireGone(settings.RoomID)
				}
				return
			}
			info := h.mustGet(settings.RoomID)
			if settings.MaxMemberCount != nil && info.MaxMemberCount != *settings.MaxMemberCount {
				t.Errorf("MaxMemberCount %d, want %d", info.MaxMemberCount, *settings.MaxMemberCount)
			}
			if settings.MaxSeatCount != nil && info.MaxSeatCount != *settings.MaxSeatCount {
				t.Errorf("MaxSeatCount %d, want %d", info.MaxSeatCount, *settings.MaxSeatCount)
			}
		})
	}
}

func make48(c byte) []byte {
	b := make([]byte, 48)
	for i := range b {
		b[i] = c
	}
	return b
}

func TestUpdateRoomInfoIsPartial(t *testing.T) {
	h := newHarness(t, Config{MemberCap: 40, RatePerSecond: -1})
	h.create(wire.RoomSettings{
		RoomID: "upd", RoomName: wire.Ptr("n0"), CustomInfo: wire.Ptr("c0"), IsVideoDisabled: wire.Ptr(true),
		IsSeatEnabled: wire.Ptr(true), MaxSeatCount: wire.Ptr(5), MaxMemberCount: wire.Ptr(20),
	}, 0)
	original := h.mustGet("upd")

	steps := []struct {
		name   string
		update wire.RoomSettings
		change func(info *wire.RoomInfo)
	}{
		{"nothing but the ID", wire.RoomSettings{}, func(*wire.RoomInfo) {}},
		{"RoomName", wire.RoomSettings{RoomName: wire.Ptr("n1")}, func(i *wire.RoomInfo) { i.RoomName = "n1" }},
		{"IsVideoDisabled false", wire.RoomSettings{IsVideoDisabled: wire.Ptr(false)}, func(i *wire.RoomInfo) { i.IsVideoDisabled = false }},
		{"every switch", wire.RoomSettings{
			IsAudioDisabled: wire.Ptr(true), IsMessageDisabled: wire.Ptr(true),
			IsScreenSharingDisabled: wire.Ptr(true), IsCloudRecordingDisabled: wire.Ptr(true),
		}, func(i *wire.RoomInfo) {
			i.IsAudioDisabled, i.IsMessageDisabled, i.IsScreenSharingDisabled, i.IsCloudRecordingDisabled = true, true, true, true
		}},
		{"CustomInfo emptied", wire.RoomSettings{CustomInfo: wire.Ptr("")}, func(i *wire.RoomInfo) { i.CustomInfo = "" }},
		{"TakeSeatMode", wire.RoomSettings{TakeSeatMode: wire.Ptr("ApplyToTake")}, func(i *wire.RoomInfo) { i.TakeSeatMode = "ApplyToTake" }},
		{"MaxMemberCount to the cap", wire.RoomSettings{MaxMemberCount: wire.Ptr(40)}, func(i *wire.RoomInfo) { i.MaxMemberCount = 40 }},
		{"password", wire.RoomSettings{IsPasswordEnabled: wire.Ptr(true), Password: wire.Ptr("9")}, func(i *wire.RoomInfo) {
			i.IsPasswordEnabled, i.Password = wire.Ptr(true), wire.Ptr("9")
		}},
		{"fields that are not updatable are ignored", wire.RoomSettings{
			IsSeatEnabled: wire.Ptr(false), MaxSeatCount: wire.Ptr(2), OwnerAccount: wire.Ptr("someone"),
			ScheduleStartTime: wire.Ptr(int64(1)), ScheduleEndTime: wire.Ptr(int64(2)), RoomType: wire.Ptr("Conference"),
		}, func(*wire.RoomInfo) {}},
	}
	want := original
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			defer h.use(t)()
			step.update.RoomID = "upd"
			r := h.call("update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: step.update})
			checkCommandAnswer(t, "update_room_info", r, 0)
			step.change(&want)
			requireRoom(t, h.mustGet("upd"), want)
		})
	}
	r := h.call("update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{RoomID: "no-such-room", RoomName: wire.Ptr("x")}})
	checkCommandAnswer(t, "update_room_info", r, catalog.CodeRoomNotFound)
	h.requireGone("no-such-room")
}

func TestUpdateMaxMemberCountAgainstMembers(t *testing.T) {
	h := newHarness(t, Config{MemberCap: 40, RatePerSecond: -1})
	h.importAccounts("m1", "m2", "m3")
	h.mustCreate("crowd")
	for _, m := range []string{"m1", "m2", "m3"} {
		if err := h.ctl.Enter(ctx(t), "crowd", m); err != nil {
			t.Fatal(err)
		}
	}
	if got := h.mustGet("crowd").MemberCount; got != 3 {
		t.Fatalf("MemberCount %d, want 3", got)
	}
	update := func(limit int, want int) {
		t.Helper()
		before := h.mustGet("crowd")
		r := h.call("update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{RoomID: "crowd", MaxMemberCount: wire.Ptr(limit), RoomName: wire.Ptr("renamed-" + string(rune('a'+limit)))}})
		checkCommandAnswer(t, "update_room_info", r, want)
		after := h.mustGet("crowd")
		if want != 0 {
			requireRoom(t, after, before) // nothing of a refused update applies
			return
		}
		if after.MaxMemberCount != limit || after.RoomName != "renamed-"+string(rune('a'+limit)) {
			t.Errorf("after update to %d: MaxMemberCount %d RoomName %q", limit, after.MaxMemberCount, after.RoomName)
		}
	}
	update(2, catalog.CodeInvalidParameter) // below the 3 members present
	update(0, catalog.CodeInvalidParameter)
	update(41, catalog.CodeInvalidParameter) // over the member cap
	update(3, 0)                             // exactly the members present
	h.importAccounts("m4")
	if status, _, raw := h.controlRaw("POST", control.PathMemberEnter, `{"RoomId":"crowd","Member_Account":"m4"}`); status != 400 {
		t.Errorf("entering a full room: HTTP %d %s, want 400", status, raw)
	}
	if err := h.ctl.Enter(ctx(t), "crowd", "m1"); err != nil {
		t.Errorf("a member entering a full room again: %v, want accepted", err)
	}
	if err := h.ctl.Leave(ctx(t), "crowd", "m3"); err != nil {
		t.Fatal(err)
	}
	update(1, catalog.CodeInvalidParameter)
	update(2, 0)
	update(40, 0)
}

func TestDestroyRoom(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("m1")
	h.mustCreate("doomed")
	if err := h.ctl.Enter(ctx(t), "doomed", "m1"); err != nil {
		t.Fatal(err)
	}
	checkCommandAnswer(t, "destroy_room", h.call("destroy_room", wire.RoomIDRequest{RoomID: "doomed"}), 0)
	h.requireGone("doomed")
	checkCommandAnswer(t, "destroy_room", h.call("destroy_room", wire.RoomIDRequest{RoomID: "doomed"}), catalog.CodeRoomNotFound)
	checkCommandAnswer(t, "update_room_info", h.call("update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{RoomID: "doomed"}}), catalog.CodeRoomNotFound)
	if status, _, raw := h.controlRaw("POST", control.PathMemberLeave, `{"RoomId":"doomed","Member_Account":"m1"}`); status != 404 {
		t.Errorf("leaving a destroyed room: HTTP %d %s, want 404", status, raw)
	}
}

func TestRecycleRule(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("m1")
	start := h.e.clock.Now().Unix()
	end := start + 300
	for _, id := range []string{"empty", "occupied"} {
		h.create(wire.RoomSettings{RoomID: id, ScheduleStartTime: wire.Ptr(start), ScheduleEndTime: wire.Ptr(end)}, 0)
	}
	if err := h.ctl.Enter(ctx(t), "occupied", "m1"); err != nil {
		t.Fatal(err)
	}
	boundary := end + int64(recycleAfter/time.Second)

	// 5 ms into a second: the second is what the rule counts (see TestClockSetIsNotEarly).
	h.setClock((boundary-1)*1000 + 5)
	h.mustGet("empty")
	h.mustGet("occupied")

	h.setClock(boundary*1000 + 5)
	h.requireGone("empty")
	if status, _, raw := h.controlRaw("POST", control.PathMemberEnter, `{"RoomId":"empty","Member_Account":"m1"}`); status != 404 {
		t.Errorf("entering a recycled room: HTTP %d %s, want 404", status, raw)
	}
	if info := h.mustGet("occupied"); info.MemberCount != 1 {
		t.Errorf("occupied room: MemberCount %d, want 1", info.MemberCount)
	}

	// Long after, the occupied room stays until its last member leaves.
	if _, err := h.ctl.Advance(ctx(t), 48*time.Hour); err != nil {
		t.Fatal(err)
	}
	h.mustGet("occupied")
	if err := h.ctl.Leave(ctx(t), "occupied", "m1"); err != nil {
		t.Fatal(err)
	}
	h.requireGone("occupied")
	// The ID is free again.
	h.create(wire.RoomSettings{RoomID: "empty"}, 0)
}
