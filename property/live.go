package property

import (
	"context"
	"maps"

	"pgregory.net/rapid"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

const live = catalog.ServiceLive

// liveModel is what the Live pages promise of a room after each call.
type liveModel struct {
	caller
	roster
}

// LiveRoom is the property: in a Live room with seats, any sequence of enter, leave, ban,
// unban, change owner, pick (also onto a locked seat), kick off seat, lock, unlock, move and
// update keeps the invariants (see check), and a destroyed room answers 100004 to every room
// and seat command. The Live API has no kick (errata-live L-50): its ban is the way out.
func LiveRoom(ctx context.Context, env Env) func(*rapid.T) {
	return func(t *rapid.T) {
		env.Script.reset()
		m := &liveModel{caller: caller{env: env, ctx: ctx}, roster: newRoster(env.NewRoomID(), env.Owner)}
		// L-50: a Live room with seats has an audio template, whose seat count is MaxSeatCount.
		m.must(t, live, "create_room", wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{
			RoomID: m.roomID, RoomType: wire.Ptr("Live"), SeatTemplate: wire.Ptr("AudioSalon"), OwnerAccount: wire.Ptr(env.Owner),
			MaxSeatCount: wire.Ptr(roomSeats), TakeSeatMode: wire.Ptr("FreeToTake"),
		}}, 0)
		destroyed := false
		defer func() {
			if !destroyed {
				_, _ = env.Client.Call(context.Background(), live, "destroy_room", wire.RoomIDRequest{RoomID: m.roomID})
			}
		}()
		m.initSeats(t, &m.roster)
		actions := m.seatActions(&m.roster, m.enter)
		maps.Copy(actions, m.banActions(m.enter, func(t *rapid.T, a string) {
			m.must(t, live, "ban_member", wire.LiveBanMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}, Duration: 3600}, 0)
		}, func(t *rapid.T, a string) {
			m.must(t, live, "unban_member", wire.LiveUnbanMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}}, 0)
		}))
		maps.Copy(actions, map[string]func(*rapid.T){
			"enter": func(t *rapid.T) { m.enter(t) },
			"leave": func(t *rapid.T) { m.leave(t, &m.roster, m.enter) },
			"change owner": func(t *rapid.T) {
				a, ok := m.drawMember(t)
				if !ok {
					m.enter(t)
					return
				}
				m.must(t, live, "change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: m.roomID, NewOwnerAccount: a}, 0)
				m.owner = a
			},
			"update": func(t *rapid.T) {
				before := m.roomInfo(t)
				name := rapid.StringMatching(`[a-z€]{1,20}`).Draw(t, "RoomName")
				m.must(t, live, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: m.roomID, RoomName: wire.Ptr(name)}}, 0)
				want := before
				want.RoomName = name
				if after := m.roomInfo(t); mustJSON(after) != mustJSON(want) {
					t.Fatalf("update_room_info of RoomName changed more or less:\n want %+v\n got  %+v", want, after)
				}
			},
			"": m.check,
		})
		t.Repeat(actions)
		destroyed = true
		m.must(t, live, "destroy_room", wire.RoomIDRequest{RoomID: m.roomID}, 0)
		a := env.Accounts[0]
		for _, c := range append([]command{
			{live, "get_room_info", wire.RoomIDRequest{RoomID: m.roomID}},
			{live, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: m.roomID, RoomName: wire.Ptr("gone")}}},
			{live, "destroy_room", wire.RoomIDRequest{RoomID: m.roomID}},
			{live, "get_member_list", wire.LiveGetMemberListRequest{RoomID: m.roomID}},
			{live, "ban_member", wire.LiveBanMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}, Duration: 60}},
			{live, "unban_member", wire.LiveUnbanMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}}},
			{live, "change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: m.roomID, NewOwnerAccount: a}},
		}, seatCommandsGone(m.roomID, a)...) {
			m.must(t, c.service, c.name, c.body, catalog.CodeRoomNotFound)
		}
	}
}

func (m *liveModel) enter(t *rapid.T) {
	if outside := m.outside(m.env.Accounts); len(outside) > 0 {
		m.enterRoom(t, &m.roster, rapid.SampledFrom(outside).Draw(t, "outside"))
	}
}

func (m *liveModel) roomInfo(t *rapid.T) wire.LiveRoomInfo {
	t.Helper()
	var answer struct {
		Response struct {
			RoomInfo wire.LiveRoomInfo `json:"RoomInfo"`
		} `json:"Response"`
	}
	if err := m.must(t, live, "get_room_info", wire.RoomIDRequest{RoomID: m.roomID}, 0).Decode(&answer); err != nil {
		t.Fatalf("get_room_info: %v", err)
	}
	return answer.Response.RoomInfo
}

func (m *liveModel) check(t *rapid.T) {
	t.Helper()
	if info := m.roomInfo(t); info.OwnerAccount != m.owner {
		t.Fatalf("get_room_info names owner %q, want %q", info.OwnerAccount, m.owner)
	}
	listed := map[string]bool{}
	next, count := "", -1
	for page := 0; ; page++ {
		if page > 50 {
			t.Fatalf("get_member_list: more than 50 pages")
		}
		var answer wire.LiveGetMemberListResponse
		if err := m.must(t, live, "get_member_list", wire.LiveGetMemberListRequest{RoomID: m.roomID, Next: next}, 0).Decode(&answer); err != nil {
			t.Fatalf("get_member_list: %v", err)
		}
		if page == 0 {
			count = answer.Response.MemberCount
		}
		for _, member := range answer.Response.MemberList {
			a := member.MemberAccount
			if listed[a] {
				t.Fatalf("the member list repeats %s", a)
			}
			listed[a] = true
			if m.banned[a] {
				t.Fatalf("banned %s is in the member list", a)
			}
			if !m.accountable(a, m.env.Owner) {
				t.Fatalf("%s is in the member list but never entered or has gone", a)
			}
		}
		if answer.Response.Next == "" {
			break
		}
		next = answer.Response.Next
	}
	m.settle(listed)
	for a := range m.members {
		if !listed[a] {
			t.Fatalf("member %s is missing from the member list", a)
		}
	}
	if count != len(listed) {
		t.Fatalf("get_member_list's MemberCount is %d, the list has %d", count, len(listed))
	}
	m.checkSeats(t, &m.roster)
}
