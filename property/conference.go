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

	"github.com/trtc-conformance/trtc-conformance/catalog"
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
	// Expect checks that resp answered one of codes, returning why not, and records the
	// expectation as the suite's specs record theirs (suites/property_test.go passes
	// matchers.HaveErrorCode's), so that every call of a property counts in the endpoint ×
	// code matrix.
	Expect func(resp *client.Response, codes ...int) error
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

// memberPageSize is small, so that the member list comes in several pages, some exactly full.
const memberPageSize = 2

// markPool are the marks the property sets: at least 1000 each, and fewer than the room's
// limit of 10 distinct marks, so that no call reaches it.
var markPool = []int{1000, 1001, 1002, 1003, 1004}

// conferenceModel is what the pages promise of a Conference room after each call.
type conferenceModel struct {
	caller
	roster
	// marks are, for each account, the mark sets the member list may show: one while the
	// member stays; after it leaves, also none (E-22: whether member data outlasts leaving
	// is not said). The check keeps the one it reads.
	marks map[string][][]int
}

// ConferenceRoom is the property: in a Conference room with seats, any sequence of enter,
// leave, ban, unban, kick, change owner, mark, pick (also onto a locked seat), kick off seat,
// lock, unlock, move and update keeps the invariants (see check), and a destroyed room answers
// 100004 to every room and seat command.
func ConferenceRoom(ctx context.Context, env Env) func(*rapid.T) {
	return func(t *rapid.T) {
		env.Script.reset()
		m := &conferenceModel{caller: caller{env: env, ctx: ctx}, roster: newRoster(env.NewRoomID(), env.Owner), marks: map[string][][]int{}}
		m.onGone = m.forget
		m.must(t, catalog.ServiceRoom, "create_room", wire.CreateRoomRequest{RoomInfo: wire.RoomSettings{
			RoomID: m.roomID, RoomType: wire.Ptr("Conference"), OwnerAccount: wire.Ptr(env.Owner),
			IsSeatEnabled: wire.Ptr(true), MaxSeatCount: wire.Ptr(roomSeats), TakeSeatMode: wire.Ptr("FreeToTake"),
		}}, 0)
		destroyed := false
		defer func() {
			if !destroyed {
				_, _ = env.Client.Call(context.Background(), catalog.ServiceRoom, "destroy_room", wire.RoomIDRequest{RoomID: m.roomID})
			}
		}()
		m.initSeats(t, &m.roster)
		actions := m.seatActions(&m.roster, m.enter)
		maps.Copy(actions, m.banActions(m.enter, func(t *rapid.T, a string) {
			m.must(t, catalog.ServiceRoom, "ban_room_member", wire.BanRoomMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}, Reason: "property", Duration: 3600}, 0)
		}, func(t *rapid.T, a string) {
			m.must(t, catalog.ServiceRoom, "unban_room_member", wire.UnbanRoomMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}}, 0)
		}))
		maps.Copy(actions, map[string]func(*rapid.T){
			"enter": func(t *rapid.T) { m.enter(t) },
			"leave": func(t *rapid.T) { m.leave(t, &m.roster, m.enter) },
			"kick": func(t *rapid.T) {
				a, ok := m.drawMember(t)
				if !ok {
					m.enter(t)
					return
				}
				m.must(t, catalog.ServiceRoom, "kick_user_out", wire.KickUserOutRequest{RoomID: m.roomID, MemberListAccount: []string{a}, Reason: "property"}, 0)
				m.gone(a)
			},
			"change owner": func(t *rapid.T) {
				a, ok := m.drawMember(t)
				if !ok {
					m.enter(t)
					return
				}
				m.must(t, catalog.ServiceRoom, "change_room_owner", wire.ChangeRoomOwnerRequest{RoomID: m.roomID, FromAccount: m.owner, NewOwnerAccount: a}, 0)
				m.owner = a
			},
			"mark": m.mark,
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
				m.must(t, catalog.ServiceRoom, "update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: settings}, 0)
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
		t.Repeat(actions)
		destroyed = true
		m.must(t, catalog.ServiceRoom, "destroy_room", wire.RoomIDRequest{RoomID: m.roomID}, 0)
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
			m.must(t, catalog.ServiceRoom, "unban_room_member", wire.UnbanRoomMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}}, 0)
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

// must sends one command and expects one of codes, through Env.Expect.
func (m *caller) must(t *rapid.T, service, command string, body any, codes ...int) *client.Response {
	t.Helper()
	resp := m.call(t, service, command, body)
	if err := m.env.Expect(resp, codes...); err != nil {
		t.Fatalf("%v", err)
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
	if err := m.must(t, catalog.ServiceRoom, "get_room_info", wire.RoomIDRequest{RoomID: m.roomID}, 0).Decode(&answer); err != nil {
		t.Fatalf("get_room_info: %v", err)
	}
	return answer.Response.RoomInfo
}

// mark sets or deletes up to three marks on one or two members (mark_room_member).
func (m *conferenceModel) mark(t *rapid.T) {
	members := slices.Sorted(maps.Keys(m.members))
	if len(members) == 0 {
		m.enter(t)
		return
	}
	accounts := rapid.SliceOfNDistinct(rapid.SampledFrom(members), 1, 2, rapid.ID).Draw(t, "marked")
	command := rapid.SampledFrom([]int{wire.MarkSet, wire.MarkDelete}).Draw(t, "CommandType")
	req := wire.MarkRoomMemberRequest{RoomID: m.roomID, CommandType: command}
	for _, a := range accounts {
		marks := rapid.SliceOfNDistinct(rapid.SampledFrom(markPool), 1, 3, rapid.ID).Draw(t, "Marks")
		req.MemberList = append(req.MemberList, wire.MemberMarks{MemberAccount: a, Marks: marks})
	}
	m.must(t, catalog.ServiceRoom, "mark_room_member", req, 0)
	for _, entry := range req.MemberList {
		var next [][]int
		for _, set := range m.markSets(entry.MemberAccount) {
			if command == wire.MarkSet {
				set = slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(set), entry.Marks...))))
			} else {
				set = slices.DeleteFunc(slices.Clone(set), func(mark int) bool { return slices.Contains(entry.Marks, mark) })
			}
			next = appendSet(next, set)
		}
		m.marks[entry.MemberAccount] = next
	}
}

// markSets are the mark sets the member list may show for account (none, unless marked).
func (m *conferenceModel) markSets(account string) [][]int {
	if sets, ok := m.marks[account]; ok {
		return sets
	}
	return [][]int{{}}
}

// forget is told of an account that left the room: entering again, it may show its marks or
// none (E-22).
func (m *conferenceModel) forget(account string) {
	m.marks[account] = appendSet(m.markSets(account), []int{})
}

// appendSet adds a sorted set to sets unless it is there.
func appendSet(sets [][]int, set []int) [][]int {
	for _, s := range sets {
		if slices.Equal(s, set) {
			return sets
		}
	}
	return append(sets, set)
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
		if err := m.must(t, catalog.ServiceRoom, "get_room_member_list", req, 0).Decode(&answer); err != nil {
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
		if !m.accountable(a, m.env.Owner) {
			t.Fatalf("%s is in the member list but never entered or has gone (kicked, banned, left)", a)
		}
		if member.Role == "Owner" && a != m.owner {
			t.Fatalf("%s is listed with Role Owner, but the owner is %s", a, m.owner)
		}
	}
	m.settle(listed)
	for a := range m.members {
		if !listed[a] {
			t.Fatalf("member %s is missing from the member list (pages of %d): %s", a, memberPageSize, mustJSON(list))
		}
	}
	if info.MemberCount != len(list) {
		t.Fatalf("get_room_info's MemberCount is %d, the member list has %d", info.MemberCount, len(list))
	}
	for _, member := range list {
		if !m.members[member.MemberAccount] {
			continue // the owner or creator listed without entering
		}
		got := slices.Sorted(slices.Values(member.Marks))
		sets := m.markSets(member.MemberAccount)
		if !slices.ContainsFunc(sets, func(set []int) bool { return slices.Equal(set, got) }) {
			t.Fatalf("%s is listed with Marks %v; mark_room_member left it %v", member.MemberAccount, got, sets)
		}
		m.marks[member.MemberAccount] = [][]int{got}
	}
	m.checkSeats(t, &m.roster)
}

// checkGone expects every room and seat command to answer 100004 for the destroyed room.
func (m *conferenceModel) checkGone(t *rapid.T) {
	t.Helper()
	a := m.env.Accounts[0]
	srv := catalog.ServiceRoom
	for _, c := range append([]command{
		{srv, "get_room_info", wire.RoomIDRequest{RoomID: m.roomID}},
		{srv, "update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{RoomID: m.roomID, RoomName: wire.Ptr("gone")}}},
		{srv, "destroy_room", wire.RoomIDRequest{RoomID: m.roomID}},
		{srv, "get_room_member_list", wire.GetRoomMemberListRequest{RoomID: m.roomID}},
		{srv, "mark_room_member", wire.MarkRoomMemberRequest{RoomID: m.roomID, CommandType: wire.MarkSet, MemberList: []wire.MemberMarks{{MemberAccount: a, Marks: markPool[:1]}}}},
		{srv, "ban_room_member", wire.BanRoomMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}, Reason: "property", Duration: 60}},
		{srv, "unban_room_member", wire.UnbanRoomMemberRequest{RoomID: m.roomID, MemberListAccount: []string{a}}},
		{srv, "kick_user_out", wire.KickUserOutRequest{RoomID: m.roomID, MemberListAccount: []string{a}, Reason: "property"}},
		{srv, "change_room_owner", wire.ChangeRoomOwnerRequest{RoomID: m.roomID, FromAccount: m.owner, NewOwnerAccount: a}},
	}, seatCommandsGone(m.roomID, a)...) {
		m.must(t, c.service, c.name, c.body, catalog.CodeRoomNotFound)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return string(b)
}
