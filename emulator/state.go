package emulator

import (
	"time"

	"github.com/trtc-conformance/trtc-conformance/wire"
)

// recycleAfter is how long after its scheduled end an empty room is recycled when nobody
// destroys it (create_room page, https://trtc.io/document/60707).
const recycleAfter = 6 * time.Hour

// state is everything the emulator remembers; Emulator.mu guards it.
type state struct {
	admins   map[string]bool
	accounts map[string]account
	rooms    map[string]*room
	// lastCreate remembers when each room ID was last created, for the once-per-second rule
	// (100012), also after the room is gone.
	lastCreate map[string]time.Time
	chatGroups map[string]bool
	live       *liveState
	// callback is the application's callback configuration, nil when none.
	callback *callbackConfig
}

type account struct {
	nick    string
	faceURL string
}

type room struct {
	info     wire.RoomInfo
	invitees []string
	// members present, by account; each remembers the order it entered in (the member list's
	// cursor), so pages stay consistent while others leave.
	members map[string]*member
	nextSeq int64
	// bans maps an account to the end of its ban; expired entries are ignored and pruned.
	bans map[string]time.Time
	// seats exist when IsSeatEnabled (see seatsOf); seatRequests are the members waiting for
	// an administrator in an ApplyToTake room.
	seats        []seat
	seatRequests map[string]bool
}

func newRoom(info wire.RoomInfo, invitees []string) *room {
	return &room{info: info, invitees: invitees, members: map[string]*member{}, bans: map[string]time.Time{}, seatRequests: map[string]bool{}}
}

// snapshot is the room as get_room_info reports it at now.
func (r *room) snapshot(now time.Time) wire.RoomInfo {
	info := r.info
	info.MemberCount = len(r.members)
	info.RoomStatus = "Running"
	if now.Unix() < info.ScheduleStartTime {
		info.RoomStatus = "NotStarted"
	}
	return info
}
func newState(admins []string) *state {
	s := &state{
		admins:     map[string]bool{},
		accounts:   map[string]account{},
		rooms:      map[string]*room{},
		lastCreate: map[string]time.Time{},
		chatGroups: map[string]bool{},
		live:       newLiveState(),
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

// room returns a live room, recycling it first when the 6-hour rule applies: its scheduled
// end is more than 6 hours past and nobody is in it.
func (s *state) room(id string, now time.Time) (*room, bool) {
	r, ok := s.rooms[id]
	if !ok {
		return nil, false
	}
	if len(r.members) == 0 && !now.Before(time.Unix(r.info.ScheduleEndTime, 0).Add(recycleAfter)) {
		delete(s.rooms, id)
		return nil, false
	}
	return r, true
}
