package property

import (
	"maps"
	"slices"

	"pgregory.net/rapid"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// mic is the seat service; its commands address the rooms of both families (errata-live L-50).
const mic = catalog.ServiceSeat

// roomSeats is the seat count of the rooms of both properties: few, so that the last seat is
// often reached and moves often meet an occupied seat.
const roomSeats = 2

// The codes the seat pages document for what the properties provoke.
const (
	codeSeatLocked   = 100200
	codeSeatOccupied = 100210
)

// slot is one seat as the pages promise it after the calls so far.
type slot struct {
	occupant string
	locked   bool
}

// seatModel is what the seat pages promise of a room's seats.
type seatModel struct {
	indexes []int // as the room's first get_seat_list named them (0-based in the sample, E-23)
	slots   map[int]*slot
}

// release frees the seat of account, if it has one.
func (s *seatModel) release(account string) {
	for _, sl := range s.slots {
		if sl.occupant == account {
			sl.occupant = ""
		}
	}
}

// seatOf is the seat of account.
func (s *seatModel) seatOf(account string) (int, bool) {
	for _, i := range s.indexes {
		if s.slots[i].occupant == account {
			return i, true
		}
	}
	return 0, false
}

// where are the seat indexes whose slot keeps, in order.
func (s *seatModel) where(keep func(slot) bool) []int {
	var out []int
	for _, i := range s.indexes {
		if keep(*s.slots[i]) {
			out = append(out, i)
		}
	}
	return out
}

// seated are the accounts on a seat, sorted.
func (s *seatModel) seated() []string {
	var out []string
	for _, sl := range s.slots {
		if sl.occupant != "" {
			out = append(out, sl.occupant)
		}
	}
	slices.Sort(out)
	return out
}

// standing are the members other than the owner who sit on no seat.
func (r *roster) standing() []string {
	var out []string
	for _, a := range r.others() {
		if _, seated := r.seats.seatOf(a); !seated {
			out = append(out, a)
		}
	}
	return out
}

func (m *caller) seatList(t *rapid.T, roomID string) []wire.Seat {
	t.Helper()
	var answer wire.GetSeatListResponse
	if err := m.must(t, mic, "get_seat_list", wire.RoomIDRequest{RoomID: roomID}, 0).Decode(&answer); err != nil {
		t.Fatalf("get_seat_list: %v", err)
	}
	return answer.Response.SeatList
}

// initSeats reads the seats of the new room: roomSeats of them, free and unlocked.
func (m *caller) initSeats(t *rapid.T, r *roster) {
	t.Helper()
	list := m.seatList(t, r.roomID)
	if len(list) != roomSeats {
		t.Fatalf("get_seat_list of a new room with MaxSeatCount %d lists %d seats: %s", roomSeats, len(list), mustJSON(list))
	}
	r.seats = seatModel{slots: map[int]*slot{}}
	for _, s := range list {
		if s.MemberAccount != "" || s.IsTakenDisabled {
			t.Fatalf("seat %d of a new room is taken or locked: %s", s.Index, mustJSON(list))
		}
		r.seats.indexes = append(r.seats.indexes, s.Index)
		r.seats.slots[s.Index] = &slot{}
	}
}

// seatActions are the steps of the seat pages, the same for both families (L-50): pick, pick
// onto a locked seat, kick off a seat, lock, unlock, move (also onto a taken seat). An action that cannot apply
// calls another that leads towards it (a move without anyone seated picks someone; a pick
// without a free seat unlocks one, or moves when every seat is taken; enter, in the end), so
// that seats are often taken and moves often meet an occupied seat.
func (m *caller) seatActions(r *roster, enter func(*rapid.T)) map[string]func(*rapid.T) {
	var pick, lock, unlock, move func(*rapid.T)
	pick = func(t *rapid.T) {
		standing := r.standing()
		free := r.seats.where(func(s slot) bool { return s.occupant == "" && !s.locked })
		switch {
		case len(standing) == 0:
			enter(t)
			return
		case len(free) == 0 && len(r.seats.where(func(s slot) bool { return s.locked })) > 0:
			unlock(t)
			return
		case len(free) == 0:
			move(t) // every seat is taken
			return
		}
		a := rapid.SampledFrom(standing).Draw(t, "standing")
		index := rapid.SampledFrom(free).Draw(t, "seat")
		m.must(t, mic, "pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: r.roomID, Index: index, MemberAccount: a}, 0)
		r.seats.slots[index].occupant = a
	}
	lock = func(t *rapid.T) {
		open := r.seats.where(func(s slot) bool { return !s.locked })
		if len(open) == 0 {
			unlock(t)
			return
		}
		index := rapid.SampledFrom(open).Draw(t, "seat to lock")
		m.must(t, mic, "lock_seat", wire.LockSeatRequest{RoomID: r.roomID, Index: index, ForbidTaken: wire.Ptr(true)}, 0)
		// "Locking an occupied seat first removes its user, then locks" (E-27): the user
		// stays in the room.
		*r.seats.slots[index] = slot{locked: true}
	}
	unlock = func(t *rapid.T) {
		locked := r.seats.where(func(s slot) bool { return s.locked })
		if len(locked) == 0 {
			pick(t)
			return
		}
		index := rapid.SampledFrom(locked).Draw(t, "seat to unlock")
		m.must(t, mic, "lock_seat", wire.LockSeatRequest{RoomID: r.roomID, Index: index, ForbidTaken: wire.Ptr(false)}, 0)
		r.seats.slots[index].locked = false // D-20: false unlocks
	}
	move = func(t *rapid.T) {
		seated := r.seats.seated()
		if len(seated) == 0 {
			pick(t)
			return
		}
		a := rapid.SampledFrom(seated).Draw(t, "mover")
		from, _ := r.seats.seatOf(a)
		to := rapid.SampledFrom(slices.DeleteFunc(slices.Clone(r.seats.indexes), func(i int) bool { return i == from })).Draw(t, "destination")
		policy := rapid.SampledFrom([]int{wire.MoveCancel, wire.MoveForce, wire.MoveSwap}).Draw(t, "policy")
		m.move(t, r, a, from, to, policy)
	}
	return map[string]func(*rapid.T){
		"pick": pick,
		"pick onto a locked seat": func(t *rapid.T) {
			standing := r.standing()
			locked := r.seats.where(func(s slot) bool { return s.occupant == "" && s.locked })
			if len(standing) == 0 {
				enter(t)
				return
			}
			if len(locked) == 0 {
				lock(t)
				return
			}
			a := rapid.SampledFrom(standing).Draw(t, "standing")
			index := rapid.SampledFrom(locked).Draw(t, "locked seat")
			// "A locked seat cannot be taken": 100200 "seat locked", and nothing changes.
			m.must(t, mic, "pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: r.roomID, Index: index, MemberAccount: a}, codeSeatLocked)
		},
		"kick off seat": func(t *rapid.T) {
			seated := r.seats.seated()
			if len(seated) == 0 {
				pick(t)
				return
			}
			a := rapid.SampledFrom(seated).Draw(t, "seated")
			m.must(t, mic, "kick_user_off_seat", wire.KickUserOffSeatRequest{RoomID: r.roomID, MemberAccount: a, Data: "property"}, 0)
			r.seats.release(a)
		},
		"lock":   lock,
		"unlock": unlock,
		"move":   move,
		"move onto a taken seat": func(t *rapid.T) {
			seated := r.seats.seated()
			if len(seated) < 2 {
				pick(t)
				return
			}
			a := rapid.SampledFrom(seated).Draw(t, "mover")
			from, _ := r.seats.seatOf(a)
			to := rapid.SampledFrom(r.seats.where(func(s slot) bool { return s.occupant != "" && s.occupant != a })).Draw(t, "taken seat")
			policy := rapid.SampledFrom([]int{wire.MoveCancel, wire.MoveForce, wire.MoveSwap}).Draw(t, "policy")
			m.move(t, r, a, from, to, policy)
		},
	}
}

// move sends move_user_to_seat of a, seated on from, to seat to, and keeps the model.
func (m *caller) move(t *rapid.T, r *roster, a string, from, to, policy int) {
	t.Helper()
	src, dst := r.seats.slots[from], r.seats.slots[to]
	occupant, wasLocked := dst.occupant, src.locked || dst.locked
	req := wire.MoveUserToSeatRequest{RoomID: r.roomID, SeatIndex: to, MemberAccount: a, Policy: policy}
	codes := []int{0}
	if occupant != "" && policy == wire.MoveCancel {
		// E-26: policy 0 refuses an occupied seat, with 100002 or 100210.
		codes = []int{catalog.CodeInvalidParameter, codeSeatOccupied}
	}
	if dst.locked {
		// E-26: onto a locked seat, the move (the lock lifted or kept) or a refusal (100200).
		codes = append(codes, codeSeatLocked)
	}
	if m.must(t, mic, "move_user_to_seat", req, codes...).Code() != 0 {
		return // a refused move changes nothing
	}
	src.occupant, dst.occupant = "", a
	switch {
	case occupant != "" && policy == wire.MoveSwap:
		src.occupant = occupant
	case occupant != "":
		// Policy 1, "force move and kick the occupant": off the seat, and out of the room on
		// one reading (E-26); the member list settles which.
		r.maybeGone[occupant] = true
	}
	if wasLocked {
		// E-26: whether a move lifts the lock of a seat it touches is not said; the seat list
		// tells, and the check then holds the seats to it.
		for _, s := range m.seatList(t, r.roomID) {
			if s.Index == from || s.Index == to {
				r.seats.slots[s.Index].locked = s.IsTakenDisabled
			}
		}
	}
}

// checkSeats holds the seat list to the model: each seat holds whom the calls put there (a
// member on at most one seat, a seat with at most one member, nobody banned or gone), and is
// locked exactly when lock_seat locked it (a locked seat holds nobody, unless a move onto it
// kept its lock, E-26).
func (m *caller) checkSeats(t *rapid.T, r *roster) {
	t.Helper()
	list := m.seatList(t, r.roomID)
	onSeat := map[string]int{}
	indexes := map[int]bool{}
	for _, s := range list {
		if indexes[s.Index] {
			t.Fatalf("get_seat_list lists seat %d twice: %s", s.Index, mustJSON(list))
		}
		indexes[s.Index] = true
		want, known := r.seats.slots[s.Index]
		if !known {
			t.Fatalf("get_seat_list lists seat %d, which the new room did not have (%v)", s.Index, r.seats.indexes)
		}
		a := s.MemberAccount
		if a != "" {
			if previous, twice := onSeat[a]; twice {
				t.Fatalf("%s sits on seats %d and %d", a, previous, s.Index)
			}
			onSeat[a] = s.Index
			if r.banned[a] {
				t.Fatalf("banned %s still sits on seat %d", a, s.Index)
			}
			if s.IsTakenDisabled && !want.locked {
				t.Fatalf("%s sits on seat %d, which is locked", a, s.Index)
			}
		}
		if a != want.occupant || s.IsTakenDisabled != want.locked {
			t.Fatalf("seat %d holds %q (locked %v), but the calls above leave it to %q (locked %v); seats: %s",
				s.Index, a, s.IsTakenDisabled, want.occupant, want.locked, mustJSON(list))
		}
	}
	if len(indexes) != len(r.seats.slots) {
		t.Fatalf("get_seat_list lists seats %v, the room has %v", slices.Sorted(maps.Keys(indexes)), r.seats.indexes)
	}
}

// seatCommandsGone are the seat commands, each of which must answer 100004 once the room is
// destroyed (E-39, L-50).
func seatCommandsGone(roomID, a string) []command {
	return []command{
		{mic, "get_seat_list", wire.RoomIDRequest{RoomID: roomID}},
		{mic, "pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: roomID, Index: 0, MemberAccount: a}},
		{mic, "kick_user_off_seat", wire.KickUserOffSeatRequest{RoomID: roomID, MemberAccount: a, Data: "property"}},
		{mic, "lock_seat", wire.LockSeatRequest{RoomID: roomID, Index: 0, ForbidTaken: wire.Ptr(true)}},
		{mic, "switch_seat", wire.SwitchSeatRequest{RoomID: roomID, ToIndex: 0, MemberAccount: a}},
		{mic, "move_user_to_seat", wire.MoveUserToSeatRequest{RoomID: roomID, SeatIndex: 0, MemberAccount: a, Policy: wire.MoveCancel}},
	}
}

// command is one call of a list.
type command struct {
	service, name string
	body          any
}
