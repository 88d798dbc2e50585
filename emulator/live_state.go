package emulator

import (
	"fmt"
	"sort"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// Live-room limits the pages document, and the emulator's choices where they do not
// (docs/emulator.md, "Live rooms").
const (
	// liveDismissAfter is auto-dismiss rule 1's default: a room that someone entered and that
	// then stays empty, with no new entry, for this long is dissolved (destroy_room page).
	liveDismissAfter     = 30 * time.Minute
	liveMaxAdmins        = 5     // modify_admin: at most 5 administrators (100020)
	liveMaxMetadataKeys  = 10    // set_room_metadata: at most 10 keys per room (100500)
	liveMaxMetadataValue = 2048  // one value at most 2 KB (100501)
	liveMaxMetadataTotal = 16384 // all values at most 16 KB (100502)
	liveRoomListPage     = 20    // get_room_list Count default and maximum (documented)
	liveMemberPage       = 100   // get_member_list page size: not documented
	liveMemberListCap    = 1000  // get_member_list lists at most 1000 members (documented)
	liveBannedPage       = 20    // get_banned_member_list Limit default: not documented
	liveRoomType         = "Live"
	liveTemplateFromID   = 600 // SeatLayoutTemplateId 600 is the nine-grid (documented)
)

// liveTemplateSeats are the seat counts of the video layout templates; the audio templates
// (AudioSalon, Karaoke) take MaxSeatCount from the request or the package.
var liveTemplateSeats = map[string]int{
	"VideoDynamicGrid9Seats":  9,
	"VideoDynamicFloat7Seats": 7,
	"VideoFixedGrid9Seats":    9,
	"VideoFixedFloat7Seats":   7,
	"VideoLandscape4Seats":    4,
}

// liveState holds the rooms of the Live API (live_engine_http_srv), apart from Conference
// rooms: the two services have their own room shapes. Emulator.mu guards it.
type liveState struct {
	rooms map[string]*liveRoom
	// lastCreate remembers when each Live room ID was last created, for the once-per-second
	// rule (100012), also after the room is gone.
	lastCreate map[string]time.Time
}

func newLiveState() *liveState {
	return &liveState{rooms: map[string]*liveRoom{}, lastCreate: map[string]time.Time{}}
}

// liveRoom is a Live room and what happens in it.
type liveRoom struct {
	id                string
	name              string
	owner             string
	seatTemplate      string
	createTime        int64
	isSeatEnabled     bool
	takeSeatMode      string
	maxSeatCount      int
	maxMemberCount    int
	isMessageDisabled bool
	coverURL          string
	category          []int
	activityStatus    int
	isPublicVisible   bool
	notice            string
	unlimited         bool
	// viewCount counts entries: a user who entered N times counts N.
	viewCount int64
	// members present, by account, each with the order it entered in (the list's cursor).
	members map[string]int64
	nextSeq int64
	// everEntered and emptySince drive auto-dismiss rule 1.
	everEntered bool
	emptySince  time.Time
	admins      []string
	bans        map[string]time.Time
	mutes       map[string]time.Time
	metadata    map[string]string
}

// room returns a Live room, dissolving it first when auto-dismiss rule 1 applies: someone
// entered it once, it is empty, and nobody entered for liveDismissAfter.
func (l *liveState) room(id string, now time.Time) (*liveRoom, bool) {
	r, ok := l.rooms[id]
	if !ok {
		return nil, false
	}
	if r.everEntered && len(r.members) == 0 && !now.Before(r.emptySince.Add(liveDismissAfter)) {
		delete(l.rooms, id)
		return nil, false
	}
	return r, true
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

// leave removes a member; every way out of a Live room (leaving, ban) goes here.
func (r *liveRoom) leave(account string, now time.Time) bool {
	if _, present := r.members[account]; !present {
		return false
	}
	delete(r.members, account)
	if len(r.members) == 0 {
		r.emptySince = now
	}
	return true
}

// ordered returns the members present in the order they entered.
func (r *liveRoom) ordered() []string {
	out := make([]string, 0, len(r.members))
	for account := range r.members {
		out = append(out, account)
	}
	sort.Slice(out, func(i, j int) bool { return r.members[out[i]] < r.members[out[j]] })
	return out
}

// enterLive lets an account enter a Live room through the control plane; see Emulator.Enter,
// which holds e.mu. Entering counts towards ViewCount; entering while present changes nothing.
func (e *Emulator) enterLive(roomID, account string, now time.Time) error {
	r, exists := e.state.live.room(roomID, now)
	switch {
	case !exists:
		return fmt.Errorf("%w: room %q", errNotFound, roomID)
	case !e.state.imported(account):
		return fmt.Errorf("%w: account %q is not imported", errNotFound, account)
	}
	if end, banned := until(r.bans, account, now); banned {
		return fmt.Errorf("%w: %q is banned from Live room %q until %s", errForbidden, account, roomID, end.UTC().Format(time.RFC3339))
	}
	if _, present := r.members[account]; present {
		return nil
	}
	if len(r.members) >= r.maxMemberCount {
		return fmt.Errorf("the Live room %q is full (MaxMemberCount %d)", roomID, r.maxMemberCount)
	}
	r.nextSeq++
	r.members[account] = r.nextSeq
	r.viewCount++
	r.everEntered = true
	return nil
}

// leaveLive makes a member leave a Live room; see Emulator.Leave, which holds e.mu.
func (e *Emulator) leaveLive(roomID, account string, now time.Time) error {
	r, exists := e.state.live.room(roomID, now)
	if !exists {
		return fmt.Errorf("%w: room %q", errNotFound, roomID)
	}
	if !r.leave(account, now) {
		return fmt.Errorf("%w: %q is not in Live room %q", errNotFound, account, roomID)
	}
	return nil
}

// withLiveRoom decodes the request into req, finds its Live room and runs act under the state
// lock; a room that does not exist (or was dissolved) is 100004.
func withLiveRoom[T any](e *Emulator, c *call, roomID func(*T) string, act func(req *T, r *liveRoom) answer) answer {
	var req T
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	r, exists := e.state.live.room(roomID(&req), c.now)
	if !exists {
		return liveRoomNotFound(roomID(&req))
	}
	return act(&req, r)
}

func liveRoomNotFound(id string) answer {
	return fail(catalog.CodeRoomNotFound, fmt.Sprintf("Live room %q does not exist or has been dissolved", id))
}
