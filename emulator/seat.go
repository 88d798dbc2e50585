package emulator

import (
	"fmt"
	"net/http"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// Seat codes of pick_user_on_seat (conference-api.md, table R1).
const (
	codeSeatLocked        = 100200
	codeSeatQueued        = 100202
	codeAlreadySeated     = 100203
	codeSeatsFull         = 100205
	codeSeatOccupied      = 100210
	codeSeatsNotSupported = 100211
)

// seat is one seat of a room with seats enabled. The audio and video bans belong to the user
// on the seat (CN edition of Lock the Seat): they follow the user to another seat and end when
// the seat is left.
type seat struct {
	occupant string
	locked   bool
	videoOff bool
	audioOff bool
}

// seatsOf returns the room's seats, made on first use: MaxSeatCount seats when seats are
// enabled, none otherwise. Rooms of both families have them: a Live room with a SeatTemplate
// or IsSeatEnabled uses the same seat service.
func (r *room) seatsOf() []seat {
	if r.seats == nil && r.seatsEnabled {
		r.seats = make([]seat, r.maxSeats)
	}
	return r.seats
}

// seatOf returns the index of the account's seat, or -1.
func (r *room) seatOf(account string) int {
	for i, s := range r.seatsOf() {
		if s.occupant == account {
			return i
		}
	}
	return -1
}

// vacate frees a seat; the user's audio and video bans end with it.
func (r *room) vacate(index int) {
	r.seats[index] = seat{locked: r.seats[index].locked}
}

// leaveSeat frees the account's seat and drops its pending seat request, if any.
func (r *room) leaveSeat(account string) {
	if i := r.seatOf(account); i >= 0 {
		r.vacate(i)
	}
	delete(r.seatRequests, account)
}

// seatCheck runs the checks of pick_user_on_seat in the emulator's order (docs/emulator.md):
// the member's checks before the seat's, or after them with seatFirst
// (Choices.SeatChecksBeforeMember).
func (r *room) seatCheck(index int, account string, seatFirst bool) *answer {
	refuse := func(code int, format string, args ...any) *answer {
		a := fail(code, fmt.Sprintf(format, args...))
		return &a
	}
	seats := r.seatsOf()
	switch {
	case !r.seatsEnabled:
		return refuse(codeSeatsNotSupported, "room %q does not support seats (IsSeatEnabled is false)", r.id)
	case index < 0 || index >= len(seats):
		return refuse(catalog.CodeInvalidParameter, "invalid parameter: seat %d does not exist; the room has seats 0 to %d", index, len(seats)-1)
	}
	memberCheck := func() *answer {
		switch {
		case !r.seatable(account):
			a := notMembers(r.id, []string{account})
			return &a
		case r.seatOf(account) >= 0:
			return refuse(codeAlreadySeated, "%q is already on seat %d", account, r.seatOf(account))
		}
		return nil
	}
	seatCheck := func() *answer {
		switch {
		case seats[index].locked:
			return refuse(codeSeatLocked, "seat %d is locked: choose another", index)
		case r.seatsFull():
			return refuse(codeSeatsFull, "every seat of room %q is taken", r.id)
		case seats[index].occupant != "":
			return refuse(codeSeatOccupied, "seat %d is taken by %q", index, seats[index].occupant)
		}
		return nil
	}
	first, second := memberCheck, seatCheck
	if seatFirst {
		first, second = seatCheck, memberCheck
	}
	if refusal := first(); refusal != nil {
		return refusal
	}
	return second()
}

func (r *room) seatsFull() bool {
	for _, s := range r.seatsOf() {
		if s.occupant == "" && !s.locked {
			return false
		}
	}
	return true
}

// getSeatList implements get_seat_list; a room without seats lists none.
// Vendor page: https://trtc.io/document/60719.
func (e *Emulator) getSeatList(c *call) answer {
	return withAnyRoom(e, c, func(q *wire.RoomIDRequest) string { return q.RoomID },
		func(_ *wire.RoomIDRequest, r *room) answer {
			if !r.seatsEnabled && e.cfg.Choices.SeatlessListRefused {
				return fail(codeSeatsNotSupported, fmt.Sprintf("room %q does not support seats (IsSeatEnabled is false)", r.id))
			}
			return ok(map[string]any{"Response": map[string]any{"SeatList": r.seatList()}})
		})
}

// seatList is every seat as get_seat_list and the seat event report them.
func (r *room) seatList() []wire.Seat {
	list := make([]wire.Seat, 0, len(r.seatsOf()))
	for i, s := range r.seatsOf() {
		list = append(list, wire.Seat{Index: i, MemberAccount: s.occupant, IsTakenDisabled: s.locked, IsVideoDisabled: s.videoOff, IsAudioDisabled: s.audioOff})
	}
	return list
}

// pickUserOnSeat implements pick_user_on_seat. Vendor page: https://trtc.io/document/60718.
func (e *Emulator) pickUserOnSeat(c *call) answer {
	return withAnyRoom(e, c, func(q *wire.PickUserOnSeatRequest) string { return q.RoomID },
		func(q *wire.PickUserOnSeatRequest, r *room) answer {
			if r.seatRequests[q.MemberAccount] {
				return fail(codeSeatQueued, fmt.Sprintf("%q has asked for a seat and waits in the queue", q.MemberAccount))
			}
			if refusal := r.seatCheck(q.Index, q.MemberAccount, e.cfg.Choices.SeatChecksBeforeMember); refusal != nil {
				return *refusal
			}
			r.seats[q.Index].occupant = q.MemberAccount
			e.emitSeats(restOrigin(c), r)
			return ok(nil)
		})
}

// kickUserOffSeat implements kick_user_off_seat: the user stays in the room.
// Vendor page: https://trtc.io/document/60717.
func (e *Emulator) kickUserOffSeat(c *call) answer {
	return withAnyRoom(e, c, func(q *wire.KickUserOffSeatRequest) string { return q.RoomID },
		func(q *wire.KickUserOffSeatRequest, r *room) answer {
			i := r.seatOf(q.MemberAccount)
			if i < 0 && e.cfg.Choices.KickOffUnseatedSucceeds {
				return ok(nil) // nothing to do: the member is off every seat already
			}
			if i < 0 {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: %q is not on a seat", q.MemberAccount))
			}
			r.vacate(i)
			e.emitSeats(restOrigin(c), r)
			return ok(nil)
		})
}

// lockSeat implements lock_seat: locking a taken seat first frees it; the audio and video
// bans apply to the user on the seat and do nothing on an empty one (CN edition).
// Vendor page: https://trtc.io/document/60716.
func (e *Emulator) lockSeat(c *call) answer {
	return withAnyRoom(e, c, func(q *wire.LockSeatRequest) string { return q.RoomID },
		func(q *wire.LockSeatRequest, r *room) answer {
			seats := r.seatsOf()
			switch {
			case !r.seatsEnabled:
				return fail(codeSeatsNotSupported, fmt.Sprintf("room %q does not support seats (IsSeatEnabled is false)", r.id))
			case q.Index < 0 || q.Index >= len(seats):
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: seat %d does not exist; the room has seats 0 to %d", q.Index, len(seats)-1))
			}
			s := &seats[q.Index]
			if q.ForbidTaken != nil {
				if *q.ForbidTaken && s.occupant != "" {
					r.vacate(q.Index)
				}
				s.locked = *q.ForbidTaken
			}
			if s.occupant != "" {
				setIf(&s.videoOff, q.ForbidVideo)
				setIf(&s.audioOff, q.ForbidAudio)
			}
			e.emitSeats(restOrigin(c), r)
			return ok(nil)
		})
}

// moveSeat moves a seated member to seat to, with the policy of move_user_to_seat for an
// occupied destination; switch_seat is the case of an empty destination only.
func (r *room) moveSeat(account string, to int, policy int, unlock bool) *answer {
	refuse := func(code int, format string, args ...any) *answer {
		a := fail(code, fmt.Sprintf(format, args...))
		return &a
	}
	seats := r.seatsOf()
	from := r.seatOf(account)
	switch {
	case !r.seatsEnabled:
		return refuse(codeSeatsNotSupported, "room %q does not support seats (IsSeatEnabled is false)", r.id)
	case !r.seatable(account):
		a := notMembers(r.id, []string{account})
		return &a
	case from < 0:
		return refuse(catalog.CodeInvalidParameter, "invalid parameter: %q is not on a seat", account)
	case to < 0 || to >= len(seats):
		return refuse(catalog.CodeInvalidParameter, "invalid parameter: seat %d does not exist; the room has seats 0 to %d", to, len(seats)-1)
	case from == to:
		return nil
	case seats[to].locked && !unlock:
		return refuse(catalog.CodeInvalidParameter, "invalid parameter: seat %d is locked", to)
	}
	mover := seats[from]
	switch occupant := seats[to].occupant; {
	case occupant == "":
		seats[from] = seat{locked: seats[from].locked}
	case policy == wire.MoveForce:
		seats[from] = seat{locked: seats[from].locked}
	case policy == wire.MoveSwap:
		seats[from] = seat{occupant: occupant, locked: seats[from].locked, videoOff: seats[to].videoOff, audioOff: seats[to].audioOff}
	default:
		return refuse(codeSeatOccupied, "seat %d is taken by %q", to, occupant)
	}
	seats[to] = seat{occupant: account, videoOff: mover.videoOff, audioOff: mover.audioOff}
	return nil
}

// switchSeat implements switch_seat: to an empty, unlocked seat only.
// Vendor page: https://trtc.io/document/72552.
func (e *Emulator) switchSeat(c *call) answer {
	return withAnyRoom(e, c, func(q *wire.SwitchSeatRequest) string { return q.RoomID },
		func(q *wire.SwitchSeatRequest, r *room) answer {
			if to := q.ToIndex; to >= 0 && to < len(r.seatsOf()) && r.seats[to].occupant != "" && r.seats[to].occupant != q.MemberAccount {
				code := catalog.CodeInvalidParameter
				if e.cfg.Choices.SwitchOccupiedSeatCode {
					code = codeSeatOccupied
				}
				return fail(code, fmt.Sprintf("invalid parameter: seat %d is taken by %q", to, r.seats[to].occupant))
			}
			if refusal := r.moveSeat(q.MemberAccount, q.ToIndex, wire.MoveCancel, false); refusal != nil {
				return *refusal
			}
			e.emitSeats(restOrigin(c), r)
			return ok(nil)
		})
}

// moveUserToSeat implements move_user_to_seat: an occupied destination is refused (Policy 0),
// freed (1) or swapped (2); a locked destination is unlocked. Vendor page:
// https://trtc.io/document/72685.
func (e *Emulator) moveUserToSeat(c *call) answer {
	return withAnyRoom(e, c, func(q *wire.MoveUserToSeatRequest) string { return q.RoomID },
		func(q *wire.MoveUserToSeatRequest, r *room) answer {
			displaced := ""
			if to := q.SeatIndex; to >= 0 && to < len(r.seatsOf()) && r.seats[to].occupant != q.MemberAccount {
				displaced = r.seats[to].occupant
			}
			if refusal := r.moveSeat(q.MemberAccount, q.SeatIndex, q.Policy, true); refusal != nil {
				return *refusal
			}
			e.emitSeats(restOrigin(c), r)
			if displaced != "" && q.Policy == wire.MoveForce && e.cfg.Choices.MoveForceKicksFromRoom {
				e.removeMembers(restOrigin(c), r, []string{displaced}, "moved off its seat by move_user_to_seat", true)
			}
			return ok(nil)
		})
}

// TakeSeat is a member taking a seat through the client SDK: granted at once in a FreeToTake
// room (with pick_user_on_seat's checks), queued for an administrator in an ApplyToTake room.
func (e *Emulator) TakeSeat(roomID, account string, index int) (queued bool, err error) {
	return e.takeSeat(roomID, account, index, sdkOrigin(account, "127.0.0.1"))
}

func (e *Emulator) takeSeat(roomID, account string, index int, from origin) (queued bool, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	r, exists := e.state.room(roomID, e.clock.Now())
	if !exists {
		return false, fmt.Errorf("%w: room %q", errNotFound, roomID)
	}
	if refusal := r.seatCheck(index, account, e.cfg.Choices.SeatChecksBeforeMember); refusal != nil {
		return false, fmt.Errorf("%w: %d %s", errConflict, refusal.code, refusal.info)
	}
	if r.takeSeatMode == "ApplyToTake" {
		r.seatRequests[account] = true
		return true, nil
	}
	r.seats[index].occupant = account
	e.emitSeats(from, r)
	return false, nil
}

func (e *Emulator) controlTakeSeat(w http.ResponseWriter, req *http.Request) {
	var take control.SeatTake
	if err := readControl(req, &take); err != nil {
		writeControl(w, nil, err)
		return
	}
	queued, err := e.takeSeat(take.RoomID, take.MemberAccount, take.Index, sdkOrigin(take.MemberAccount, clientIPOf(req)))
	writeControl(w, control.SeatTaken{OK: true, Queued: queued}, err)
}
