package emulator

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// Member-area limits the pages document, and the emulator's choices where they do not.
const (
	defaultMemberPage = 50  // get_room_member_list Count default (documented)
	maxMemberPage     = 100 // no maximum documented: larger pages are cut to 100
	defaultBannedPage = 20  // get_banned_member_list Limit default: not documented
	maxMarksPerRoom   = 10  // distinct marks in one room (documented)
	roleOwner         = "Owner"
	roleRoomOwner     = "RoomOwner" // the sample's name of the owner's role (D-04)
	roleAdmin         = "Admin"
	roleMember        = "Member"
	// maxBanSeconds caps a ban at 100 years: the page gives no maximum, and a longer one would
	// overflow the emulator's time arithmetic.
	maxBanSeconds = 100 * 365 * 24 * 60 * 60
)

func (r *room) roleOf(m *member, choices Choices) string {
	if m.account == r.owner {
		if choices.OwnerRoleRoomOwner {
			return roleRoomOwner
		}
		return roleOwner
	}
	return m.role
}

func notMembers(roomID string, accounts []string) answer {
	return fail(catalog.CodeNotMember, fmt.Sprintf("not a member of room %q: %s", roomID, strings.Join(accounts, ", ")))
}

// getRoomMemberList implements get_room_member_list: members in order of entry, paged by an
// opaque cursor. Vendor page: https://trtc.io/document/60715.
func (e *Emulator) getRoomMemberList(c *call) answer {
	return withRoom(e, c, func(q *wire.GetRoomMemberListRequest) string { return q.RoomID },
		func(q *wire.GetRoomMemberListRequest, r *room) answer {
			size := valueOr(q.Count, defaultMemberPage)
			if size > maxMemberPage && e.cfg.Choices.PageAboveMaximumRefused {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Count %d is above %d", size, maxMemberPage))
			}
			size = min(size, maxMemberPage)
			after, refusal := parseMemberCursor(valueOr(q.Next, ""), e.cfg.Choices.OffsetMemberCursors)
			if refusal != nil {
				return *refusal
			}
			members, next := memberPage(r.ordered(), after, size, e.cfg.Choices.OffsetMemberCursors)
			page := []wire.RoomMember{}
			for _, m := range members {
				page = append(page, wire.RoomMember{
					MemberAccount: m.account, NameCard: m.nameCard, Role: r.roleOf(m, e.cfg.Choices),
					Marks: append([]int{}, m.marks...), CustomInfo: m.customInfo,
				})
			}
			response := map[string]any{"Next": next, "MemberList": page}
			if next == "" && e.cfg.Choices.LastPageWithoutNext {
				delete(response, "Next")
			}
			return ok(map[string]any{"Response": response})
		})
}

// updateMemberRequest accepts both documented forms (D-06): the sample's nested MemberInfo
// and the table's flat fields.
type updateMemberRequest struct {
	RoomID        string           `json:"RoomId"`
	MemberInfo    *wire.MemberInfo `json:"MemberInfo"`
	MemberAccount string           `json:"Member_Account"`
	NameCard      *string          `json:"NameCard"`
	Role          *string          `json:"Role"`
	CustomInfo    *string          `json:"CustomInfo"`
}

// updateRoomMemberInfo implements update_room_member_info for one present member; the owner's
// role changes only through change_room_owner. Vendor page: https://trtc.io/document/60714.
func (e *Emulator) updateRoomMemberInfo(c *call) answer {
	return withRoom(e, c, func(q *updateMemberRequest) string { return q.RoomID },
		func(q *updateMemberRequest, r *room) answer {
			info := wire.MemberInfo{MemberAccount: q.MemberAccount, NameCard: q.NameCard, Role: q.Role, CustomInfo: q.CustomInfo}
			if q.MemberInfo != nil {
				info = *q.MemberInfo
			}
			m := r.members[info.MemberAccount]
			switch {
			case m == nil:
				return notMembers(r.id, []string{info.MemberAccount})
			case info.Role != nil && m.account == r.owner && e.cfg.Choices.OwnerRoleChangeIgnored:
				info.Role = nil
			case info.Role != nil && m.account == r.owner:
				return fail(catalog.CodeInvalidParameter, "invalid parameter: the owner's role changes only through change_room_owner")
			}
			setIf(&m.nameCard, info.NameCard)
			setIf(&m.customInfo, info.CustomInfo)
			setIf(&m.role, info.Role)
			return ok(nil)
		})
}

// changeRoomOwner implements change_room_owner: the new owner must be present; the previous
// owner, if present, becomes a member. Vendor page: https://trtc.io/document/60713.
func (e *Emulator) changeRoomOwner(c *call) answer {
	return withRoom(e, c, func(q *wire.ChangeRoomOwnerRequest) string { return q.RoomID },
		func(q *wire.ChangeRoomOwnerRequest, r *room) answer {
			switch {
			case q.FromAccount != r.owner:
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: From_Account %q is not the owner of room %q", q.FromAccount, r.id))
			case r.members[q.NewOwnerAccount] == nil:
				return notMembers(r.id, []string{q.NewOwnerAccount})
			}
			if previous := r.members[q.FromAccount]; previous != nil {
				previous.role = roleMember
				if e.cfg.Choices.PreviousOwnerBecomesAdmin {
					previous.role = roleAdmin
				}
			}
			r.owner = q.NewOwnerAccount
			return ok(nil)
		})
}

// markCommand is CommandType as either documented type (D-07): the integer of the sample or
// the string of the table.
type markCommand int

func (m *markCommand) UnmarshalJSON(raw []byte) error {
	n, err := wholeNumber(raw) // a number by its value (1.0 is 1), as any integer field
	if text, isString := jsonString(raw); isString {
		n, err = strconv.ParseInt(text, 10, 64)
	}
	if err != nil {
		return fmt.Errorf("CommandType %s is neither 1 nor 2", raw)
	}
	*m = markCommand(n)
	return nil
}

type markRequest struct {
	RoomID      string             `json:"RoomId"`
	CommandType markCommand        `json:"CommandType"`
	MemberList  []wire.MemberMarks `json:"MemberList"`
}

// markRoomMember implements mark_room_member: command 1 adds marks to each member, command 2
// removes them; all members must be present and the room keeps at most 10 distinct marks.
// The call changes everything or nothing. Vendor page: https://trtc.io/document/60712.
func (e *Emulator) markRoomMember(c *call) answer {
	return withRoom(e, c, func(q *markRequest) string { return q.RoomID },
		func(q *markRequest, r *room) answer {
			accounts := make([]string, len(q.MemberList))
			for i, entry := range q.MemberList {
				accounts[i] = entry.MemberAccount
			}
			if missing := r.missingMembers(accounts); len(missing) > 0 {
				return notMembers(r.id, missing)
			}
			next := map[string][]int{}
			for _, entry := range q.MemberList {
				current := next[entry.MemberAccount]
				if current == nil {
					current = r.members[entry.MemberAccount].marks
				}
				if q.CommandType == wire.MarkSet {
					next[entry.MemberAccount] = union(current, entry.Marks)
				} else {
					next[entry.MemberAccount] = without(current, entry.Marks)
				}
			}
			distinct := map[int]bool{}
			for account, m := range r.members {
				marks := m.marks
				if changed, ok := next[account]; ok {
					marks = changed
				}
				for _, mark := range marks {
					distinct[mark] = true
				}
			}
			if len(distinct) > maxMarksPerRoom {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: room %q would hold %d distinct marks; at most %d", r.id, len(distinct), maxMarksPerRoom))
			}
			for account, marks := range next {
				r.members[account].marks = marks
			}
			return ok(nil)
		})
}

func union(a, b []int) []int {
	out := append([]int{}, a...)
	for _, v := range b {
		if !containsInt(out, v) {
			out = append(out, v)
		}
	}
	sort.Ints(out)
	return out
}

func without(a, b []int) []int {
	out := []int{}
	for _, v := range a {
		if !containsInt(b, v) {
			out = append(out, v)
		}
	}
	return out
}

func containsInt(values []int, v int) bool {
	for _, x := range values {
		if x == v {
			return true
		}
	}
	return false
}

// membersAction checks the accounts of a ban or kick: all present (100005, unless absent
// accounts are allowed) and none the owner (100006, or 100002 with Choices.OwnerRemovalInvalid);
// the call then changes everything or nothing.
func (e *Emulator) membersAction(r *room, accounts []string, absentAllowed bool) *answer {
	if missing := r.missingMembers(accounts); len(missing) > 0 && !absentAllowed {
		a := notMembers(r.id, missing)
		return &a
	}
	for _, account := range accounts {
		if account == r.owner {
			code := catalog.CodeNoPermission
			if e.cfg.Choices.OwnerRemovalInvalid {
				code = catalog.CodeInvalidParameter
			}
			a := fail(code, fmt.Sprintf("the owner %q cannot be removed from room %q: transfer ownership first", account, r.id))
			return &a
		}
	}
	return nil
}

// present keeps the accounts that are members of the room, in request order.
func (r *room) present(accounts []string) []string {
	var out []string
	for _, account := range accounts {
		if r.members[account] != nil {
			out = append(out, account)
		}
	}
	return out
}

// banRoomMember implements ban_room_member: banned members leave at once and cannot enter
// until the ban ends. Vendor page: https://trtc.io/document/60711.
func (e *Emulator) banRoomMember(c *call) answer {
	return withRoom(e, c, func(q *wire.BanRoomMemberRequest) string { return q.RoomID },
		func(q *wire.BanRoomMemberRequest, r *room) answer {
			if q.Duration < 1 {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Duration %d must be at least 1 second", q.Duration))
			}
			if refusal := e.membersAction(r, q.MemberListAccount, e.cfg.Choices.BanAbsentAllowed); refusal != nil {
				return *refusal
			}
			until := c.now.Add(time.Duration(min(q.Duration, maxBanSeconds)) * time.Second)
			r.ban(q.MemberListAccount, until)
			if present := r.present(q.MemberListAccount); len(present) > 0 {
				e.removeMembers(restOrigin(c), r, present, q.Reason, !e.cfg.Choices.BanSendsNoLeaveEvent)
			}
			return ok(nil)
		})
}

// unbanRoomMember implements unban_room_member; lifting a ban that is not in force changes
// nothing. Vendor page: https://tencentcloud.com/document/product/647/60710.
func (e *Emulator) unbanRoomMember(c *call) answer {
	return withRoom(e, c, func(q *wire.UnbanRoomMemberRequest) string { return q.RoomID },
		func(q *wire.UnbanRoomMemberRequest, r *room) answer {
			r.unban(q.MemberListAccount)
			return ok(nil)
		})
}

// bannedListRequest accepts both documented cursors (D-03): the sample's Offset and the
// table's Next, a string holding the offset.
type bannedListRequest struct {
	RoomID string  `json:"RoomId"`
	Limit  *int    `json:"Limit"`
	Offset *int    `json:"Offset"`
	Next   *string `json:"Next"`
}

// getBannedMemberList implements get_banned_member_list: bans in force, ordered by account,
// paged by offset; NextOffset 0 means complete. Vendor page: https://trtc.io/document/60709.
func (e *Emulator) getBannedMemberList(c *call) answer {
	var q bannedListRequest
	if err := decodeBody(c.body, &q); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	offset := valueOr(q.Offset, 0)
	if next := valueOr(q.Next, ""); next != "" {
		parsed, err := strconv.Atoi(next)
		if err != nil || parsed < 0 {
			return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Next %q is not an offset", next))
		}
		offset = parsed
	}
	limit := valueOr(q.Limit, e.bannedPageDefault())
	return withRoom(e, c, func(*bannedListRequest) string { return q.RoomID },
		func(_ *bannedListRequest, r *room) answer {
			return bannedPage(r.bans, inForce(r.bans, c.now), offset, limit, false)
		})
}

// kickUserOut implements kick_user_out: the members leave and may enter again.
// Vendor page: https://trtc.io/document/60708.
func (e *Emulator) kickUserOut(c *call) answer {
	return withRoom(e, c, func(q *wire.KickUserOutRequest) string { return q.RoomID },
		func(q *wire.KickUserOutRequest, r *room) answer {
			if refusal := e.membersAction(r, q.MemberListAccount, e.cfg.Choices.KickAbsentIgnored); refusal != nil {
				return *refusal
			}
			if present := r.present(q.MemberListAccount); len(present) > 0 {
				e.removeMembers(restOrigin(c), r, present, q.Reason, true)
			}
			return ok(nil)
		})
}

// bannedPageDefault is get_banned_member_list's default Limit (Choices.BannedPageOf100).
func (e *Emulator) bannedPageDefault() int {
	if e.cfg.Choices.BannedPageOf100 {
		return 100
	}
	return defaultBannedPage
}

// bannedPage answers one page of a banned list, Conference or Live: the accounts from offset,
// at most limit, each with its ban's end; NextOffset 0 when the list is complete, or, with
// endsEmpty, the offset after the page until a page comes back empty.
func bannedPage(bans map[string]time.Time, accounts []string, offset, limit int, endsEmpty bool) answer {
	page := []wire.BannedMember{}
	for i := offset; i < len(accounts) && len(page) < limit; i++ {
		page = append(page, wire.BannedMember{MemberAccount: accounts[i], BannedUntil: bans[accounts[i]].Unix()})
	}
	nextOffset := 0
	if offset+len(page) < len(accounts) || endsEmpty && len(page) > 0 {
		nextOffset = offset + len(page)
	}
	return ok(map[string]any{"Response": map[string]any{"BannedAccountList": page, "NextOffset": nextOffset}})
}
