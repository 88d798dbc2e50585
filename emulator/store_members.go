package emulator

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// memberCursorLabel starts the opaque member-list cursor of both families, "seq-<n>".
const memberCursorLabel = "seq-"

// member is a user present in a room. Its room-scoped data (name card, role, marks: the
// Conference pages') lasts while it is present: a member who leaves and enters again starts
// afresh.
type member struct {
	account    string
	seq        int64
	role       string // Admin or Member; the owner's role is derived from the room
	nameCard   string
	customInfo string
	marks      []int
}

// enter makes an account a member, within the room's capacity and unless it is banned; it
// reports whether the account was not present before. Entering while present changes nothing.
func (r *room) enter(account string, now time.Time) (bool, error) {
	if end, banned := until(r.bans, account, now); banned {
		return false, fmt.Errorf("%w: %q is banned from %s room %q until %s", errForbidden, account, r.family, r.id, end.UTC().Format(time.RFC3339))
	}
	if r.members[account] != nil {
		return false, nil
	}
	if len(r.members) >= r.maxMembers {
		return false, fmt.Errorf("%s room %q is full (MaxMemberCount %d)", r.family, r.id, r.maxMembers)
	}
	r.nextSeq++
	m := &member{account: account, seq: r.nextSeq, role: roleMember}
	if before := r.departed[account]; before != nil {
		m.role, m.nameCard, m.customInfo, m.marks = before.role, before.nameCard, before.customInfo, before.marks
		delete(r.departed, account)
	}
	r.members[account] = m
	if r.live != nil {
		r.live.counted()
	}
	return true, nil
}

// leave removes a member and frees its seat; every way out of a room (leaving, kick, ban)
// goes here.
func (r *room) leave(account string, now time.Time) bool {
	if r.members[account] == nil {
		return false
	}
	r.leaveSeat(account)
	if r.departed != nil {
		r.departed[account] = r.members[account]
	}
	delete(r.members, account)
	if r.live != nil && len(r.members) == 0 {
		r.live.emptySince = now
	}
	return true
}

// ordered returns the members in the order they entered.
func (r *room) ordered() []*member {
	out := make([]*member, 0, len(r.members))
	for _, m := range r.members {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

// missingMembers lists the accounts that are not present, in request order.
func (r *room) missingMembers(accounts []string) []string {
	var missing []string
	for _, account := range accounts {
		if r.members[account] == nil {
			missing = append(missing, account)
		}
	}
	return missing
}

// parseMemberCursor reads a member-list cursor; "" starts the list. With offsets
// (Choices.OffsetMemberCursors) a cursor is the number of members already listed.
func parseMemberCursor(cursor string, offsets bool) (int64, *answer) {
	if cursor == "" {
		return 0, nil
	}
	label := memberCursorLabel
	if offsets {
		label = ""
	}
	seq, err := strconv.ParseInt(strings.TrimPrefix(cursor, label), 10, 64)
	if err != nil || !strings.HasPrefix(cursor, label) || seq < 0 {
		a := fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Next %q is not a cursor this service returned", cursor))
		return 0, &a
	}
	return seq, nil
}

// memberPage returns up to size members of listed who entered after the cursor after, and the
// cursor of the next page ("" on the last). The cursor stays valid while others leave. With
// offsets, after is the number of members listed before, and so is the next cursor.
func memberPage(listed []*member, after int64, size int, offsets bool) ([]*member, string) {
	if offsets {
		from := min(after, int64(len(listed)))
		to := min(from+int64(max(size, 0)), int64(len(listed)))
		if to < int64(len(listed)) {
			return listed[from:to], strconv.FormatInt(to, 10)
		}
		return listed[from:to], ""
	}
	var page []*member
	for _, m := range listed {
		if m.seq <= after {
			continue
		}
		if len(page) == size {
			return page, memberCursorLabel + strconv.FormatInt(after, 10)
		}
		page = append(page, m)
		after = m.seq
	}
	return page, ""
}

// ban bans the accounts until end; they need not be present. Removing those present is the
// caller's job, as each family reports it differently.
func (r *room) ban(accounts []string, end time.Time) {
	for _, account := range accounts {
		r.bans[account] = end
	}
}

// unban lifts the accounts' bans; lifting a ban that is not in force changes nothing.
func (r *room) unban(accounts []string) {
	for _, account := range accounts {
		delete(r.bans, account)
	}
}

// until returns the end of a ban or mute in force at now, pruning it once expired.
func until(entries map[string]time.Time, account string, now time.Time) (time.Time, bool) {
	end, ok := entries[account]
	if ok && !now.Before(end) {
		delete(entries, account)
		return time.Time{}, false
	}
	return end, ok
}

// inForce lists the accounts whose entry is in force at now, sorted.
func inForce(entries map[string]time.Time, now time.Time) []string {
	accounts := make([]string, 0, len(entries))
	for account := range entries {
		if _, ok := until(entries, account, now); ok {
			accounts = append(accounts, account)
		}
	}
	sort.Strings(accounts)
	return accounts
}

// withRoomOf decodes the request into req, finds its room of family f and runs act under the
// state lock; a room that does not exist, has ended or belongs to the other family is 100004.
func withRoomOf[T any](e *Emulator, c *call, f family, roomID func(*T) string, act func(req *T, r *room) answer) answer {
	var req T
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	r, exists := e.state.roomOf(f, roomID(&req), c.now)
	if !exists {
		return roomNotFound(f, roomID(&req))
	}
	return act(&req, r)
}

// withAnyRoom is withRoomOf for the services both families use (the seat service).
func withAnyRoom[T any](e *Emulator, c *call, roomID func(*T) string, act func(req *T, r *room) answer) answer {
	var req T
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	r, exists := e.state.room(roomID(&req), c.now)
	if !exists {
		return fail(catalog.CodeRoomNotFound, fmt.Sprintf("room %q does not exist or has ended", roomID(&req)))
	}
	return act(&req, r)
}

func roomNotFound(f family, id string) answer {
	if f == familyLive {
		return fail(catalog.CodeRoomNotFound, fmt.Sprintf("Live room %q does not exist or has been dissolved", id))
	}
	return fail(catalog.CodeRoomNotFound, fmt.Sprintf("room %q does not exist or has been destroyed", id))
}

// withRoom and withLiveRoom address the rooms of one family.
func withRoom[T any](e *Emulator, c *call, roomID func(*T) string, act func(req *T, r *room) answer) answer {
	return withRoomOf(e, c, familyConference, roomID, act)
}

func withLiveRoom[T any](e *Emulator, c *call, roomID func(*T) string, act func(req *T, r *room) answer) answer {
	return withRoomOf(e, c, familyLive, roomID, act)
}
