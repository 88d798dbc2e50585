package emulator

import (
	"fmt"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// family is the REST API a room belongs to. Both families keep their rooms in one store and
// one ID namespace (docs/emulator.md, "Rooms of both families"), so that the seat service,
// which both use, knows which room an ID names.
type family int

const (
	familyConference family = iota + 1
	familyLive
)

func (f family) String() string {
	if f == familyLive {
		return "Live"
	}
	return "Conference"
}

// state is everything the emulator remembers; Emulator.mu guards it.
type state struct {
	admins   map[string]bool
	accounts map[string]account
	// rooms holds the rooms of both families by ID.
	rooms map[string]*room
	// lastCreate remembers when each room ID was last created, for the once-per-second rule
	// (100012), also after the room is gone.
	lastCreate map[string]time.Time
	chatGroups map[string]bool
	// callback is the application's callback configuration, nil when none.
	callback *callbackConfig
	// liveCallback and liveToken are the Live webhook configuration and its signing token
	// (live_callback.go), nil when none.
	liveCallback *callbackConfig
	liveToken    *liveCallbackToken
	// onDismiss is told of a Live room auto-dismissed, before it goes (live_events.go).
	onDismiss func(r *room, now time.Time)
	// gifts is the application's gift catalogue (live_gift_catalog.go), nil until first used.
	gifts *giftCatalogue
	// choices are Config.Choices, for the rules that live with the rooms.
	choices Choices
}

type account struct {
	nick    string
	faceURL string
}

func newState(admins []string, choices Choices) *state {
	s := &state{
		choices:    choices,
		admins:     map[string]bool{},
		accounts:   map[string]account{},
		rooms:      map[string]*room{},
		lastCreate: map[string]time.Time{},
		chatGroups: map[string]bool{},
	}
	for _, admin := range admins {
		s.admins[admin] = true
	}
	return s
}

func (s *state) imported(userID string) bool {
	_, ok := s.accounts[userID]
	return ok || s.admins[userID]
}

// room is a room of either family: what both pages share (ID, owner, members in order of
// entry, bans, seats, capacity) once, and what one family's pages add in conference or live,
// exactly one of which is set.
type room struct {
	id         string
	family     family
	name       string
	owner      string
	createTime int64
	maxMembers int
	// seats exist when seatsEnabled (see seatsOf); takeSeatMode says how a member takes one.
	seatsEnabled bool
	maxSeats     int
	takeSeatMode string
	// members present, by account; each remembers the order it entered in (the member lists'
	// cursor), so pages stay consistent while others leave.
	members map[string]*member
	nextSeq int64
	// bans maps an account to the end of its ban; expired entries are ignored and pruned.
	bans map[string]time.Time
	// departed keeps the data of members who left, when Choices.MemberDataSurvivesLeaving.
	departed map[string]*member
	// seats and seatRequests (the members waiting for an administrator in an ApplyToTake
	// room) are seat.go's.
	seats        []seat
	seatRequests map[string]bool

	conference *conferenceDetails
	live       *liveDetails
}

func (s *state) newRoom(id string, f family) *room {
	r := &room{id: id, family: f, members: map[string]*member{}, bans: map[string]time.Time{}, seatRequests: map[string]bool{}}
	if s.choices.MemberDataSurvivesLeaving {
		r.departed = map[string]*member{}
	}
	return r
}

// expired reports whether the room's family rule has ended it at now: a Conference room
// recycled 6 h after its scheduled end, a Live room auto-dismissed after 30 empty minutes.
func (r *room) expired(now time.Time, choices Choices) bool {
	switch r.family {
	case familyConference:
		return !choices.NeverRecycle && r.conference.recycled(r, now)
	case familyLive:
		return r.live.dismissed(r, now)
	}
	return false
}

// room returns a room of either family, removing it first when its family's end rule applies.
func (s *state) room(id string, now time.Time) (*room, bool) {
	r, ok := s.rooms[id]
	if !ok {
		return nil, false
	}
	if r.expired(now, s.choices) {
		if r.family == familyLive && s.onDismiss != nil {
			s.onDismiss(r, now)
		}
		delete(s.rooms, id)
		return nil, false
	}
	return r, true
}

// roomOf returns the room when it exists and belongs to family f.
func (s *state) roomOf(f family, id string, now time.Time) (*room, bool) {
	r, ok := s.room(id, now)
	if !ok || r.family != f {
		return nil, false
	}
	return r, true
}

// refuseNewRoom runs the checks create_room of both families shares, in the emulator's order:
// the ID held by a room of either family (100010 when the requested owner owns it, else
// 100003), a Chat group (100011), created less than a second ago (100012), then the owner not
// imported (100002) — first with Choices.OwnerCheckedBeforeID.
func (s *state) refuseNewRoom(id, owner string, now time.Time) *answer {
	ownerRefusal := func() *answer {
		if s.imported(owner) {
			return nil
		}
		a := fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Owner_Account %q is not an imported account", owner))
		return &a
	}
	if s.choices.OwnerCheckedBeforeID {
		if refusal := ownerRefusal(); refusal != nil {
			return refusal
		}
	}
	if refusal := s.refuseNewID(id, owner, now); refusal != nil {
		return refusal
	}
	return ownerRefusal()
}

func (s *state) refuseNewID(id, owner string, now time.Time) *answer {
	refuse := func(code int, format string, args ...any) *answer {
		a := fail(code, fmt.Sprintf(format, args...))
		return &a
	}
	if existing, exists := s.room(id, now); exists {
		if existing.owner == owner {
			return refuse(catalog.CodeRoomIDOwnedByYou, "room ID %q is already in use by a %s room and %q owns it: use it directly", id, existing.family, owner)
		}
		return refuse(catalog.CodeRoomIDExists, "room ID %q is already in use by a %s room: choose another", id, existing.family)
	}
	if s.chatGroups[id] {
		return refuse(catalog.CodeRoomIDUsedByChat, "room ID %q is used by a Chat group: choose another or destroy the group", id)
	}
	if last, seen := s.lastCreate[id]; seen && now.Sub(last) < time.Second && now.Sub(last) >= 0 {
		return refuse(catalog.CodeCreateTooOften, "room ID %q was created less than a second ago: a room ID can be created once per second", id)
	}
	return nil
}

// add stores a new room and remembers when its ID was created.
func (s *state) add(r *room, now time.Time) {
	s.rooms[r.id] = r
	s.lastCreate[r.id] = now
}

// updateMaxMembers applies an update's MaxMemberCount of either family: from max(1, members
// present) to the member cap, refused outside (100002) or clamped into it
// (Choices.ClampMaxMemberCount).
func (e *Emulator) updateMaxMembers(r *room, requested *int) *answer {
	if requested == nil {
		return nil
	}
	limit, lowest := *requested, max(1, len(r.members))
	if e.cfg.Choices.ClampMaxMemberCount {
		limit = min(max(limit, lowest), e.cfg.MemberCap)
	}
	if limit < lowest || limit > e.cfg.MemberCap {
		a := fail(catalog.CodeInvalidParameter, fmt.Sprintf(
			"invalid parameter: MaxMemberCount %d is outside %d..%d (members present to the package limit)", limit, lowest, e.cfg.MemberCap))
		return &a
	}
	r.maxMembers = limit
	return nil
}

// capacityRefusal checks the MaxMemberCount and MaxSeatCount of a new room of either family
// against the package limits (100002).
func (e *Emulator) capacityRefusal(memberCap, seatCap int) *answer {
	refuse := func(format string, args ...any) *answer {
		a := fail(catalog.CodeInvalidParameter, fmt.Sprintf(format, args...))
		return &a
	}
	if memberCap < 1 || memberCap > e.cfg.MemberCap {
		return refuse("invalid parameter: MaxMemberCount %d is outside 1..%d (the package limit)", memberCap, e.cfg.MemberCap)
	}
	if seatCap < 1 || seatCap > e.cfg.SeatCap {
		return refuse("invalid parameter: MaxSeatCount %d is outside 1..%d (the package limit)", seatCap, e.cfg.SeatCap)
	}
	return nil
}
