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
}

func newRoster(roomID, owner string) roster {
	return roster{roomID: roomID, owner: owner, members: map[string]bool{}, banned: map[string]bool{}}
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

// enterRoom lets account enter r's room through the control plane.
func (m *caller) enterRoom(t *rapid.T, r *roster, account string) {
	m.env.Script.add("control enter %s %s", r.roomID, account)
	if err := m.env.Control.Enter(m.ctx, r.roomID, account); err != nil {
		t.Fatalf("control plane: %s cannot enter %s: %v", account, r.roomID, err)
	}
	r.members[account] = true
}
