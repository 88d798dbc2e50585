// Package property holds stateful property tests of a room: random sequences of documented
// commands (pgregory.net/rapid draws and shrinks them) against a model of what the pages
// promise, with the invariants checked after every step. Ginkgo runs them from
// suites/property_test.go; this package only needs a REST client and a control plane.
package property

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"pgregory.net/rapid"

	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// Env is what a property test needs of its target.
type Env struct {
	Client  *client.Client
	Control *control.Client
	// NewRoomID returns a room ID unique to the run.
	NewRoomID func() string
	// Owner creates the rooms; Accounts (imported, distinct from Owner) enter and leave them.
	Owner    string
	Accounts []string
	// Script receives the calls of each sequence as it runs, one line per call, so that a
	// failure can be replayed by hand; Reset starts the script of a new sequence.
	Script *Script
}

// Script is the list of calls of the sequence that ran last.
type Script struct{ Lines []string }

func (s *Script) reset() { s.Lines = s.Lines[:0] }

func (s *Script) add(format string, args ...any) string {
	line := fmt.Sprintf(format, args...)
	s.Lines = append(s.Lines, line)
	return line
}

// String is the script, one call a line.
func (s *Script) String() string { return strings.Join(s.Lines, "\n") }

// Conference seats: few, so that the last seat is often reached.
const conferenceSeats = 2

// memberPageSize is small, so that the member list comes in several pages, some exactly full.
const memberPageSize = 2

// conferenceModel is what the pages promise of a Conference room after each call.
type conferenceModel struct {
	caller
	roster
	seated map[string]bool // put on a seat by pick_user_on_seat and not taken off since
}

// ConferenceRoom is the property: in a Conference room with seats, any sequence of enter,
// leave, ban, unban, kick, change owner, pick, kick off seat and update keeps the invariants
// (see check), and a destroyed room answers 100004 to every room command.
func ConferenceRoom(ctx context.Context, env Env) func(*rapid.T) {
	return func(t *rapid.T) {
		env.Script.reset()
		m := &conferenceModel{caller: caller{env: env, ctx: ctx}, roster: newRoster(env.NewRoomID(), env.Owner), seated: map[string]bool{}}
		m.must(t, "room_engine_http_srv", "create_room", wire.CreateRoomRequest{RoomInfo: wire.RoomSettings{
			RoomID: m.roomID, RoomType: wire.Ptr("Conference"), OwnerAccount: wire.Ptr(env.Owner),
			IsSeatEnabled: wire.Ptr(true), MaxSeatCount: wire.Ptr(conferenceSeats), TakeSeatMode: wire.Ptr("FreeToTake"),
		}}, 0)
		destroyed := false
		defer func() {
			if !destroyed {
				_, _ = env.Client.Call(context.Background(), "room_engine_http_srv", "destroy_room", wire.RoomIDRequest{RoomID: m.roomID})
			}
		}()
		t.Repeat(map[string]func(*rapid.T){
			"enter": func(t *rapid.T) { m.enter(t) },
			"leave": func(t *rapid.T) {
				a, ok := m.drawMember(t)
				if !ok {
					m.enter(t)
					return
				}
				env.Script.add("control leave %s %s", m.roomID, a)
				if err := env.Control.Leave(ctx, m.roomID, a); err != nil {
					t.Fatalf("control plane: %s cannot leave %s: %v", a, m.roomID, err)
				}
				delete(m.members, a)
				delete(m.seated, a)
			},
			"ban": func(t *rapid.T) {
				a, ok := m.drawMember(t)
				if !ok {
					m.enter(t)
					return
				}
				m.must(t, "room_engine_http_srv", "ban_room_member", wire.BanRoomMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}, Reason: "property", Duration: 3600}, 0)
				delete(m.members, a)
				delete(m.seated, a)
				m.banned[a] = true
			},
			"unban": func(t *rapid.T) {
				banned := slices.Sorted(maps.Keys(m.banned))
				if len(banned) == 0 {
					m.enter(t)
					return
				}
				a := rapid.SampledFrom(banned).Draw(t, "banned")
				m.must(t, "room_engine_http_srv", "unban_room_member", wire.UnbanRoomMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}}, 0)
				delete(m.banned, a)
			},
			"kick": func(t *rapid.T) {
				a, ok := m.drawMember(t)
				if !ok {
					m.enter(t)
					return
				}
				m.must(t, "room_engine_http_srv", "kick_user_out", wire.KickUserOutRequest{RoomID: m.roomID, MemberListAccount: []string{a}, Reason: "property"}, 0)
				delete(m.members, a)
				delete(m.seated, a)
			},
			"change owner": func(t *rapid.T) {
				a, ok := m.drawMember(t)
				if !ok {
					m.enter(t)
					return
				}
				m.must(t, "room_engine_http_srv", "change_room_owner", wire.ChangeRoomOwnerRequest{RoomID: m.roomID, FromAccount: m.owner, NewOwnerAccount: a}, 0)
				m.owner = a
			},
			"pick": func(t *rapid.T) {
				var standing []string
				for _, a := range m.others() {
					if !m.seated[a] {
						standing = append(standing, a)
					}
				}
				free := m.freeSeats(t)
				if len(standing) == 0 || len(free) == 0 {
					m.enter(t)
					return
				}
				a := rapid.SampledFrom(standing).Draw(t, "standing")
				index := rapid.SampledFrom(free).Draw(t, "seat")
				m.must(t, "room_engine_http_mic", "pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: m.roomID, Index: index, MemberAccount: a}, 0)
				m.seated[a] = true
			},
			"kick off seat": func(t *rapid.T) {
				seated := slices.Sorted(maps.Keys(m.seated))
				if len(seated) == 0 {
					m.enter(t)
					return
				}
				a := rapid.SampledFrom(seated).Draw(t, "seated")
				m.must(t, "room_engine_http_mic", "kick_user_off_seat", wire.KickUserOffSeatRequest{RoomID: m.roomID, MemberAccount: a, Data: "property"}, 0)
				delete(m.seated, a)
			},
			"update": func(t *rapid.T) {
				before := m.roomInfo(t)
				settings := wire.RoomSettings{RoomID: m.roomID}
				if rapid.Bool().Draw(t, "set RoomName") {
					settings.RoomName = wire.Ptr(rapid.StringMatching(`[a-z€]{1,20}`).Draw(t, "RoomName"))
				}
				if rapid.Bool().Draw(t, "set CustomInfo") {
					settings.CustomInfo = wire.Ptr(rapid.StringMatching(`[a-z0-9€]{0,30}`).Draw(t, "CustomInfo"))
				}
				if rapid.Bool().Draw(t, "set IsMessageDisabled") {
					settings.IsMessageDisabled = wire.Ptr(rapid.Bool().Draw(t, "IsMessageDisabled"))
				}
				m.must(t, "room_engine_http_srv", "update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: settings}, 0)
				want := before
				if settings.RoomName != nil {
					want.RoomName = *settings.RoomName
				}
				if settings.CustomInfo != nil {
					want.CustomInfo = *settings.CustomInfo
				}
				if settings.IsMessageDisabled != nil {
					want.IsMessageDisabled = *settings.IsMessageDisabled
				}
				after := m.roomInfo(t)
				if settings.RoomName == nil && after.RoomName == m.roomID {
					// D-08: the page says RoomName "defaults to the room ID", which a service
					// may apply to an update that leaves RoomName out.
					want.RoomName = m.roomID
				}
				if !sameRoom(after, want) {
					t.Fatalf("update_room_info changed more or less than it was given:\n sent %s\n want %+v\n got  %+v", mustJSON(settings), want, after)
				}
			},
			"": m.check,
		})
		destroyed = true
		m.must(t, "room_engine_http_srv", "destroy_room", wire.RoomIDRequest{RoomID: m.roomID}, 0)
		m.checkGone(t)
	}
}

// sameRoom compares two readings of a room, leaving out what time and members change.
func sameRoom(a, b wire.RoomInfo) bool {
	a.MemberCount, b.MemberCount = 0, 0
	a.RoomStatus, b.RoomStatus = "", ""
	return mustJSON(a) == mustJSON(b)
}

// enter lets an account that is neither in the room nor banned enter it; with none, it
// unbans one, and with none of those either it does nothing.
func (m *conferenceModel) enter(t *rapid.T) {
	outside := m.outside(m.env.Accounts)
	if len(outside) == 0 {
		if banned := slices.Sorted(maps.Keys(m.banned)); len(banned) > 0 {
			a := rapid.SampledFrom(banned).Draw(t, "banned")
			m.must(t, "room_engine_http_srv", "unban_room_member", wire.UnbanRoomMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}}, 0)
			delete(m.banned, a)
		}
		return
	}
	m.enterRoom(t, &m.roster, rapid.SampledFrom(outside).Draw(t, "outside"))
}

// caller sends the calls of a sequence and records them in its script.
type caller struct {
	env Env
	ctx context.Context
}

// call sends one command, recording it in the script.
func (m *caller) call(t *rapid.T, service, command string, body any) *client.Response {
	t.Helper()
	m.env.Script.add("POST v4/%s/%s %s", service, command, mustJSON(body))
	resp, err := m.env.Client.Call(m.ctx, service, command, body)
	if resp == nil {
		t.Fatalf("%s/%s: no answer: %v", service, command, err)
	}
	return resp
}

// must sends one command and expects the code.
func (m *caller) must(t *rapid.T, service, command string, body any, code int) *client.Response {
	t.Helper()
	resp := m.call(t, service, command, body)
	if resp.Code() != code {
		t.Fatalf("%s/%s answered %d (%s), want %d", service, command, resp.Code(), resp.Envelope.ErrorInfo, code)
	}
	return resp
}

func (m *conferenceModel) roomInfo(t *rapid.T) wire.RoomInfo {
	t.Helper()
	var answer struct {
		Response struct {
			RoomInfo wire.RoomInfo `json:"RoomInfo"`
		} `json:"Response"`
	}
	if err := m.must(t, "room_engine_http_srv", "get_room_info", wire.RoomIDRequest{RoomID: m.roomID}, 0).Decode(&answer); err != nil {
		t.Fatalf("get_room_info: %v", err)
	}
	return answer.Response.RoomInfo
}

func (m *conferenceModel) seats(t *rapid.T) []wire.Seat {
	t.Helper()
	var answer wire.GetSeatListResponse
	if err := m.must(t, "room_engine_http_mic", "get_seat_list", wire.RoomIDRequest{RoomID: m.roomID}, 0).Decode(&answer); err != nil {
		t.Fatalf("get_seat_list: %v", err)
	}
	return answer.Response.SeatList
}

func (m *conferenceModel) freeSeats(t *rapid.T) []int {
	var free []int
	for _, s := range m.seats(t) {
		if s.MemberAccount == "" && !s.IsTakenDisabled {
			free = append(free, s.Index)
		}
	}
	return free
}

// memberList reads every page of the member list, memberPageSize at a time.
func (m *conferenceModel) memberList(t *rapid.T) []wire.RoomMember {
	t.Helper()
	var all []wire.RoomMember
	next := ""
	for page := 0; ; page++ {
		if page > 50 {
			t.Fatalf("get_room_member_list: more than 50 pages of %d for at most %d members", memberPageSize, len(m.env.Accounts)+1)
		}
		var answer wire.GetRoomMemberListResponse
		req := wire.GetRoomMemberListRequest{RoomID: m.roomID, Count: wire.Ptr(memberPageSize), Next: wire.Ptr(next)}
		if err := m.must(t, "room_engine_http_srv", "get_room_member_list", req, 0).Decode(&answer); err != nil {
			t.Fatalf("get_room_member_list: %v", err)
		}
		if len(answer.Response.MemberList) > memberPageSize {
			t.Fatalf("get_room_member_list: a page of %d members for Count %d", len(answer.Response.MemberList), memberPageSize)
		}
		all = append(all, answer.Response.MemberList...)
		if answer.Response.Next == "" {
			return all
		}
		next = answer.Response.Next
	}
}

// check holds the invariants the pages promise.
func (m *conferenceModel) check(t *rapid.T) {
	t.Helper()
	info := m.roomInfo(t)
	if info.OwnerAccount != m.owner {
		t.Fatalf("get_room_info names owner %q, want %q (the creator or the last change_room_owner)", info.OwnerAccount, m.owner)
	}
	list := m.memberList(t)
	listed := map[string]bool{}
	for _, member := range list {
		a := member.MemberAccount
		if listed[a] {
			t.Fatalf("the member list repeats %s across its pages: %s", a, mustJSON(list))
		}
		listed[a] = true
		if m.banned[a] {
			t.Fatalf("banned %s is in the member list", a)
		}
		// The pages do not say whether the owner is a member before entering: a service may
		// list the creator and the owner without their entering (the alternate emulator does).
		if !m.members[a] && a != m.owner && a != m.env.Owner {
			t.Fatalf("%s is in the member list but never entered or has gone (kicked, banned, left)", a)
		}
		if member.Role == "Owner" && a != m.owner {
			t.Fatalf("%s is listed with Role Owner, but the owner is %s", a, m.owner)
		}
	}
	for a := range m.members {
		if !listed[a] {
			t.Fatalf("member %s is missing from the member list (pages of %d): %s", a, memberPageSize, mustJSON(list))
		}
	}
	if info.MemberCount != len(list) {
		t.Fatalf("get_room_info's MemberCount is %d, the member list has %d", info.MemberCount, len(list))
	}
	onSeat := map[string]int{}
	for _, s := range m.seats(t) {
		if s.MemberAccount == "" {
			continue
		}
		if previous, twice := onSeat[s.MemberAccount]; twice {
			t.Fatalf("%s sits on seats %d and %d", s.MemberAccount, previous, s.Index)
		}
		onSeat[s.MemberAccount] = s.Index
		if m.banned[s.MemberAccount] {
			t.Fatalf("banned %s still sits on seat %d", s.MemberAccount, s.Index)
		}
	}
}

// checkGone expects every room command to answer 100004 for the destroyed room.
func (m *conferenceModel) checkGone(t *rapid.T) {
	t.Helper()
	a := m.env.Accounts[0]
	for _, c := range []struct {
		service, command string
		body             any
	}{
		{"room_engine_http_srv", "get_room_info", wire.RoomIDRequest{RoomID: m.roomID}},
		{"room_engine_http_srv", "update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{RoomID: m.roomID, RoomName: wire.Ptr("gone")}}},
		{"room_engine_http_srv", "destroy_room", wire.RoomIDRequest{RoomID: m.roomID}},
		{"room_engine_http_srv", "get_room_member_list", wire.GetRoomMemberListRequest{RoomID: m.roomID}},
		{"room_engine_http_srv", "ban_room_member", wire.BanRoomMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}, Reason: "property", Duration: 60}},
		{"room_engine_http_srv", "unban_room_member", wire.UnbanRoomMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}}},
		{"room_engine_http_srv", "kick_user_out", wire.KickUserOutRequest{RoomID: m.roomID, MemberListAccount: []string{a}, Reason: "property"}},
		{"room_engine_http_srv", "change_room_owner", wire.ChangeRoomOwnerRequest{RoomID: m.roomID, FromAccount: m.owner, NewOwnerAccount: a}},
		{"room_engine_http_mic", "get_seat_list", wire.RoomIDRequest{RoomID: m.roomID}},
		{"room_engine_http_mic", "pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: m.roomID, Index: 0, MemberAccount: a}},
		{"room_engine_http_mic", "kick_user_off_seat", wire.KickUserOffSeatRequest{RoomID: m.roomID, MemberAccount: a, Data: "property"}},
	} {
		m.must(t, c.service, c.command, c.body, 100004)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return string(b)
}
