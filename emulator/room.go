package emulator

import (
	"fmt"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// Documented schedule bounds (create_room page): a meeting lasts at least 5 minutes and at
// most 24 hours; the end defaults to one hour after the start.
const (
	minMeeting     = 5 * 60
	maxMeeting     = 24 * 60 * 60
	defaultMeeting = 60 * 60
	// maxScheduleTime (9999-12-31T23:59:59Z) keeps schedule arithmetic far from overflow; the
	// pages give no upper bound, so the emulator picks one no real meeting reaches.
	maxScheduleTime = 253402300799
	// year2100 (2100-01-01T00:00:00Z) is Choices.ScheduleUpToYear2100's bound.
	year2100 = 4102444800
	// pastStartGrace is how far in the past a start may lie with Choices.PastStartRefused: a
	// caller's "now" is never exact.
	pastStartGrace = 60
)

// recycleAfter is how long after its scheduled end an empty room is recycled when nobody
// destroys it (create_room page, https://trtc.io/document/60707).
const recycleAfter = 6 * time.Hour

// conferenceDetails is what the Conference pages add to a room: the schedule, the room-wide
// switches, the custom data, the password and the invitees.
type conferenceDetails struct {
	roomType          string
	scheduleStart     int64
	scheduleEnd       int64
	customInfo        string
	videoOff          bool
	audioOff          bool
	messageOff        bool
	screenSharingOff  bool
	cloudRecordingOff bool
	passwordEnabled   bool
	password          string
	passwordSet       bool // a request set IsPasswordEnabled or Password
	invitees          []string
}

// recycled reports the 6-hour rule: the room's scheduled end is more than 6 hours past and
// nobody is in it.
func (d *conferenceDetails) recycled(r *room, now time.Time) bool {
	return len(r.members) == 0 && !now.Before(time.Unix(d.scheduleEnd, 0).Add(recycleAfter))
}

// snapshot is the room as get_room_info reports it at now.
func (r *room) snapshot(now time.Time) wire.RoomInfo {
	d := r.conference
	info := wire.RoomInfo{
		RoomID: r.id, RoomName: r.name, RoomType: d.roomType, OwnerAccount: r.owner,
		MaxMemberCount: r.maxMembers, MaxSeatCount: r.maxSeats,
		ScheduleStartTime: d.scheduleStart, ScheduleEndTime: d.scheduleEnd,
		IsVideoDisabled: d.videoOff, IsAudioDisabled: d.audioOff, IsMessageDisabled: d.messageOff,
		IsScreenSharingDisabled: d.screenSharingOff, IsCloudRecordingDisabled: d.cloudRecordingOff,
		CustomInfo: d.customInfo, IsSeatEnabled: r.seatsEnabled, TakeSeatMode: r.takeSeatMode,
		CreateTime: r.createTime, MemberCount: len(r.members),
		IsPasswordEnabled: wire.Ptr(d.passwordEnabled), Password: wire.Ptr(d.password),
	}
	info.RoomStatus = "Running"
	if now.Unix() < info.ScheduleStartTime {
		info.RoomStatus = "NotStarted"
	}
	return info
}

// createRoom implements create_room. Vendor page: https://trtc.io/document/60707.
func (e *Emulator) createRoom(c *call) answer {
	var req wire.CreateRoomRequest
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	settings := req.RoomInfo
	owner := c.identifier
	if settings.OwnerAccount != nil {
		owner = *settings.OwnerAccount
	}
	start := c.now.Unix()
	if settings.ScheduleStartTime != nil {
		start = *settings.ScheduleStartTime
	}
	latest := int64(maxScheduleTime)
	if e.cfg.Choices.ScheduleUpToYear2100 {
		latest = year2100
	}
	if start > latest {
		return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: ScheduleStartTime %d is after %d", start, latest))
	}
	if e.cfg.Choices.PastStartRefused && start < c.now.Unix()-pastStartGrace {
		return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: ScheduleStartTime %d is in the past", start))
	}
	end := start + defaultMeeting
	if settings.ScheduleEndTime != nil {
		end = *settings.ScheduleEndTime
	}
	if end > latest+maxMeeting {
		return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: ScheduleEndTime %d is out of range", end))
	}
	if length := end - start; length < minMeeting || length > maxMeeting {
		return fail(catalog.CodeInvalidParameter, fmt.Sprintf(
			"invalid parameter: the meeting lasts %d s (ScheduleStartTime %d to ScheduleEndTime %d); it must last from %d s to %d s",
			length, start, end, minMeeting, maxMeeting))
	}
	memberCap := e.cfg.MemberCap
	if settings.MaxMemberCount != nil {
		memberCap = *settings.MaxMemberCount
	}
	seatCap := e.cfg.SeatCap
	if settings.MaxSeatCount != nil {
		seatCap = *settings.MaxSeatCount
	}
	if refusal := e.capacityRefusal(memberCap, seatCap); refusal != nil {
		return *refusal
	}

	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.state
	id := settings.RoomID
	if refusal := s.refuseNewRoom(id, owner, c.now); refusal != nil {
		return *refusal
	}
	if e.cfg.Choices.InviteesMustBeImported {
		for _, invitee := range req.ScheduleInviteeListAccounts {
			if !s.imported(invitee) {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: invitee %q is not an imported account", invitee))
			}
		}
	}

	r := s.newRoom(id, familyConference)
	r.name = valueOr(settings.RoomName, id)
	r.owner = owner
	r.createTime = c.now.Unix()
	r.maxMembers = memberCap
	r.maxSeats = seatCap
	r.seatsEnabled = valueOr(settings.IsSeatEnabled, false)
	r.takeSeatMode = "None"
	if r.seatsEnabled || e.cfg.Choices.SeatlessModeFreeToTake {
		r.takeSeatMode = "FreeToTake"
	}
	r.conference = &conferenceDetails{
		roomType:      valueOr(settings.RoomType, "Conference"),
		scheduleStart: start,
		scheduleEnd:   end,
		invitees:      req.ScheduleInviteeListAccounts,
	}
	applyFlags(r, settings)
	s.add(r, c.now)
	e.emitCreated(restOrigin(c), r, c.now)
	if e.cfg.Choices.OwnerAutoEntered {
		if _, err := r.enter(owner, c.now); err != nil {
			e.cfg.Logger.Warn("owner not entered", "room", id, "err", err)
		}
	}
	return ok(nil)
}

// applyFlags copies the room-wide switches, the custom data, the seat mode and the password a
// caller set; create_room and update_room_info share them.
func applyFlags(r *room, settings wire.RoomSettings) {
	d := r.conference
	setIf(&d.videoOff, settings.IsVideoDisabled)
	setIf(&d.audioOff, settings.IsAudioDisabled)
	setIf(&d.messageOff, settings.IsMessageDisabled)
	setIf(&d.screenSharingOff, settings.IsScreenSharingDisabled)
	setIf(&d.cloudRecordingOff, settings.IsCloudRecordingDisabled)
	setIf(&d.customInfo, settings.CustomInfo)
	setIf(&r.takeSeatMode, settings.TakeSeatMode)
	setIf(&d.passwordEnabled, settings.IsPasswordEnabled)
	setIf(&d.password, settings.Password)
	d.passwordSet = d.passwordSet || settings.IsPasswordEnabled != nil || settings.Password != nil
}

// destroyRoom implements destroy_room. Vendor page: https://trtc.io/document/60706.
func (e *Emulator) destroyRoom(c *call) answer {
	var req wire.RoomIDRequest
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, exists := e.state.roomOf(familyConference, req.RoomID, c.now); !exists {
		return roomNotFound(familyConference, req.RoomID)
	}
	delete(e.state.rooms, req.RoomID)
	e.emit(catalog.EventAfterDestroyRoom, restOrigin(c), map[string]any{"RoomId": req.RoomID})
	return ok(nil)
}

// updateRoomInfo implements update_room_info: only the fields present change.
// Vendor page: https://trtc.io/document/60705.
func (e *Emulator) updateRoomInfo(c *call) answer {
	var req wire.UpdateRoomInfoRequest
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	settings := req.RoomInfo
	e.mu.Lock()
	defer e.mu.Unlock()
	r, exists := e.state.roomOf(familyConference, settings.RoomID, c.now)
	if !exists {
		return roomNotFound(familyConference, settings.RoomID)
	}
	if refusal := e.updateMaxMembers(r, settings.MaxMemberCount); refusal != nil {
		return *refusal
	}
	setIf(&r.name, settings.RoomName)
	if settings.RoomName == nil && e.cfg.Choices.UpdateResetsRoomName {
		r.name = r.id // D-08: "defaults to the room ID"
	}
	applyFlags(r, settings)
	e.emitUpdated(restOrigin(c), r)
	return ok(nil)
}

// getRoomInfo implements get_room_info. Vendor page: https://trtc.io/document/60704.
func (e *Emulator) getRoomInfo(c *call) answer {
	var req wire.RoomIDRequest
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	r, exists := e.state.roomOf(familyConference, req.RoomID, c.now)
	if !exists {
		return roomNotFound(familyConference, req.RoomID)
	}
	return ok(map[string]any{"Response": map[string]any{"RoomInfo": e.reportedRoom(r, c.now)}})
}

// reportedRoom is the room as get_room_info and the create event report it, after the choices
// of CreateTime and the password fields.
func (e *Emulator) reportedRoom(r *room, now time.Time) wire.RoomInfo {
	info := r.snapshot(now)
	if e.cfg.Choices.CreateTimeIsScheduleStart {
		info.CreateTime = info.ScheduleStartTime
	}
	if e.cfg.Choices.PasswordAbsentUnlessSet && !r.conference.passwordSet {
		info.IsPasswordEnabled, info.Password = nil, nil
	}
	return info
}

func valueOr[T any](p *T, fallback T) T {
	if p == nil {
		return fallback
	}
	return *p
}

func setIf[T any](dst *T, p *T) {
	if p != nil {
		*dst = *p
	}
}
