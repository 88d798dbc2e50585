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
)

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
	if start > maxScheduleTime {
		return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: ScheduleStartTime %d is after %d (year 9999)", start, maxScheduleTime))
	}
	end := start + defaultMeeting
	if settings.ScheduleEndTime != nil {
		end = *settings.ScheduleEndTime
	}
	if end > maxScheduleTime+maxMeeting {
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
	if memberCap < 1 || memberCap > e.cfg.MemberCap {
		return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: MaxMemberCount %d is outside 1..%d (the package limit)", memberCap, e.cfg.MemberCap))
	}
	seatCap := e.cfg.SeatCap
	if settings.MaxSeatCount != nil {
		seatCap = *settings.MaxSeatCount
	}
	if seatCap < 1 || seatCap > e.cfg.SeatCap {
		return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: MaxSeatCount %d is outside 1..%d (the package limit)", seatCap, e.cfg.SeatCap))
	}

	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.state
	id := settings.RoomID
	if existing, exists := s.room(id, c.now); exists {
		if existing.info.OwnerAccount == owner {
			return fail(catalog.CodeRoomIDOwnedByYou, fmt.Sprintf("room ID %q is already in use and %q owns it: use it directly", id, owner))
		}
		return fail(catalog.CodeRoomIDExists, fmt.Sprintf("room ID %q already exists: choose another", id))
	}
	if s.chatGroups[id] {
		return fail(catalog.CodeRoomIDUsedByChat, fmt.Sprintf("room ID %q is used by a Chat group: choose another or destroy the group", id))
	}
	if last, seen := s.lastCreate[id]; seen && c.now.Sub(last) < time.Second && c.now.Sub(last) >= 0 {
		return fail(catalog.CodeCreateTooOften, fmt.Sprintf("room ID %q was created less than a second ago: a room ID can be created once per second", id))
	}
	if !s.imported(owner) {
		return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Owner_Account %q is not an imported account", owner))
	}

	info := wire.RoomInfo{
		RoomID:            id,
		RoomName:          valueOr(settings.RoomName, id),
		RoomType:          valueOr(settings.RoomType, "Conference"),
		OwnerAccount:      owner,
		MaxMemberCount:    memberCap,
		MaxSeatCount:      seatCap,
		ScheduleStartTime: start,
		ScheduleEndTime:   end,
		CustomInfo:        valueOr(settings.CustomInfo, ""),
		IsSeatEnabled:     valueOr(settings.IsSeatEnabled, false),
		CreateTime:        c.now.Unix(),
		IsPasswordEnabled: wire.Ptr(valueOr(settings.IsPasswordEnabled, false)),
		Password:          wire.Ptr(valueOr(settings.Password, "")),
	}
	info.TakeSeatMode = "None"
	if info.IsSeatEnabled {
		info.TakeSeatMode = "FreeToTake"
	}
	applyFlags(&info, settings)
	s.rooms[id] = newRoom(info, req.ScheduleInviteeListAccounts)
	s.lastCreate[id] = c.now
	e.emitCreated(restOrigin(c), s.rooms[id], c.now)
	return ok(nil)
}

// applyFlags copies the room-wide switches, the custom data and the seat mode a caller set;
// create_room and update_room_info share them.
func applyFlags(info *wire.RoomInfo, settings wire.RoomSettings) {
	setIf(&info.IsVideoDisabled, settings.IsVideoDisabled)
	setIf(&info.IsAudioDisabled, settings.IsAudioDisabled)
	setIf(&info.IsMessageDisabled, settings.IsMessageDisabled)
	setIf(&info.IsScreenSharingDisabled, settings.IsScreenSharingDisabled)
	setIf(&info.IsCloudRecordingDisabled, settings.IsCloudRecordingDisabled)
	setIf(&info.CustomInfo, settings.CustomInfo)
	setIf(&info.TakeSeatMode, settings.TakeSeatMode)
	if settings.IsPasswordEnabled != nil {
		info.IsPasswordEnabled = wire.Ptr(*settings.IsPasswordEnabled)
	}
	if settings.Password != nil {
		info.Password = wire.Ptr(*settings.Password)
	}
}

// destroyRoom implements destroy_room. Vendor page: https://trtc.io/document/60706.
func (e *Emulator) destroyRoom(c *call) answer {
	var req wire.RoomIDRequest
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, exists := e.state.room(req.RoomID, c.now); !exists {
		return roomNotFound(req.RoomID)
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
	r, exists := e.state.room(settings.RoomID, c.now)
	if !exists {
		return roomNotFound(settings.RoomID)
	}
	if settings.MaxMemberCount != nil {
		limit := *settings.MaxMemberCount
		if limit < max(1, len(r.members)) || limit > e.cfg.MemberCap {
			return fail(catalog.CodeInvalidParameter, fmt.Sprintf(
				"invalid parameter: MaxMemberCount %d is outside %d..%d (members present to the package limit)", limit, max(1, len(r.members)), e.cfg.MemberCap))
		}
		r.info.MaxMemberCount = limit
	}
	setIf(&r.info.RoomName, settings.RoomName)
	applyFlags(&r.info, settings)
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
	r, exists := e.state.room(req.RoomID, c.now)
	if !exists {
		return roomNotFound(req.RoomID)
	}
	return ok(map[string]any{"Response": map[string]any{"RoomInfo": r.snapshot(c.now)}})
}

func roomNotFound(id string) answer {
	return fail(catalog.CodeRoomNotFound, fmt.Sprintf("room %q does not exist or has been destroyed", id))
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
