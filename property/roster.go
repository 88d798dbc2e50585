package property

import (
	"maps"
	"slices"

	"pgregory.net/rapid"
)

// roster is what both room models keep of the people in their room.
type roster struct {
	roomID  string
	owner   string
	members map[string]bool // entered through the control plane and not gone since
	banned  map[string]bool
	// maybeGone are accounts a command took off their seat and, on one reading of its page,
	// out of the room too (move_user_to_seat's Policy 1, E-26); the next check of the member
	// list settles which.
	maybeGone map[string]bool
	// onGone, when set, hears of every account that left the room (left, kicked, banned,
	// moved out), after the roster and the seats forgot it.
	onGone func(account string)
	seats  seatModel
}

func newRoster(roomID, owner string) roster {
	return roster{roomID: roomID, owner: owner, members: map[string]bool{}, banned: map[string]bool{}, maybeGone: map[string]bool{}}
}

// gone forgets account as a member: it left, was kicked or banned; its seat is free.
func (r *roster) gone(account string) {
	delete(r.members, account)
	delete(r.maybeGone, account)
	r.seats.release(account)
	if r.onGone != nil {
		r.onGone(account)
	}
}

// others are the members other than the owner, in order.
func (r *roster) others() []string {
	var out []string
	for _, a := range slices.Sorted(maps.Keys(r.members)) {
		if a != r.owner {
			out = append(out, a)
		}
	}
	return out
}

// drawMember draws a member other than the owner; false when there is none. (Actions that
// cannot apply do something else instead of skipping: rapid ends a sequence early when too
// many of its steps are skipped.)
func (r *roster) drawMember(t *rapid.T) (string, bool) {
	others := r.others()
	if len(others) == 0 {
		return "", false
	}
	return rapid.SampledFrom(others).Draw(t, "member"), true
}

// outside are the accounts neither in the room nor banned from it, in the order given.
func (r *roster) outside(accounts []string) []string {
	var out []string
	for _, a := range accounts {
		if !r.members[a] && !r.banned[a] {
			out = append(out, a)
		}
	}
	return out
}

// accountable says whether a member list may name account: a member, an account a move may
// or may not have taken out of the room, the owner or the creator (the pages do not say
// whether they are members before entering: a service may list them without their entering,
// and the alternate emulator does).
func (r *roster) accountable(account, creator string) bool {
	return r.members[account] || r.maybeGone[account] || account == r.owner || account == creator
}

// settle reads the member list's verdict on the accounts a move may have taken out of the
// room: listed, they are still members; not listed, they are gone.
func (r *roster) settle(listed map[string]bool) {
	for _, a := range slices.Sorted(maps.Keys(r.maybeGone)) {
		if listed[a] {
			delete(r.maybeGone, a)
			continue
		}
		r.gone(a)
	}
}

// enterRoom lets account enter r's room through the control plane.
func (m *caller) enterRoom(t *rapid.T, r *roster, account string) {
	m.env.Script.add("control enter %s %s", r.roomID, account)
	if err := m.env.Control.Enter(m.ctx, r.roomID, account); err != nil {
		t.Fatalf("control plane: %s cannot enter %s: %v", account, r.roomID, err)
	}
	r.members[account] = true
}

// leave lets a member other than the owner leave through the control plane; with none, it
// calls enter instead.
func (m *caller) leave(t *rapid.T, r *roster, enter func(*rapid.T)) {
	a, ok := r.drawMember(t)
	if !ok {
		enter(t)
		return
	}
	m.env.Script.add("control leave %s %s", r.roomID, a)
	if err := m.env.Control.Leave(m.ctx, r.roomID, a); err != nil {
		t.Fatalf("control plane: %s cannot leave %s: %v", a, r.roomID, err)
	}
	r.gone(a)
}

// banActions are the ban and unban steps of both families, the packets being the family's:
// ban draws a member (or lets one enter when there is none), bans it and forgets it; unban
// draws a banned account (or lets one enter when nobody is banned) and lifts the ban.
func (r *roster) banActions(enter func(*rapid.T), ban, unban func(t *rapid.T, account string)) map[string]func(*rapid.T) {
	return map[string]func(*rapid.T){
		"ban": func(t *rapid.T) {
			a, ok := r.drawMember(t)
			if !ok {
				enter(t)
				return
			}
			ban(t, a)
			r.gone(a)
			r.banned[a] = true
		},
		"unban": func(t *rapid.T) {
			banned := slices.Sorted(maps.Keys(r.banned))
			if len(banned) == 0 {
				enter(t)
				return
			}
			a := rapid.SampledFrom(banned).Draw(t, "banned")
			unban(t, a)
			delete(r.banned, a)
		},
	}
}
