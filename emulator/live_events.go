package emulator

// Live callbacks (issue 14): the Live events, each fired by the action that causes it. The
// payloads are the event pages' (callbacks.md B3); docs/emulator.md, "Live callbacks", lists
// what the emulator picks where the pages are silent.

import (
	"fmt"
	"net/http"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// emitLiveCreated reports a created Live room. Vendor page: https://trtc.io/document/64422.
func (e *Emulator) emitLiveCreated(from origin, r *room) {
	d := r.live
	e.emitLive(catalog.LiveEventCreateRoom, from, true, map[string]any{"RoomInfo": wire.LiveCallbackRoomInfo{
		RoomID: r.id, RoomName: r.name, RoomType: liveRoomType, OwnerAccount: r.owner, MaxMemberCount: r.maxMembers,
		IsMessageDisabled: d.isMessageDisabled, IsSeatEnabled: r.seatsEnabled, TakeSeatMode: liveReportedSeatMode(r.takeSeatMode),
		MaxSeatCount: r.maxSeats, CreateTime: r.createTime, IsPublicVisible: d.isPublicVisible, CoverURL: d.coverURL,
		Category: append([]int{}, d.category...),
	}})
}

// emitLiveDestroyed reports a dissolved Live room with its attributes and final statistics
// (the viewers are the entries counted; no gift or like is counted yet).
// Vendor page: https://trtc.io/document/64423.
func (e *Emulator) emitLiveDestroyed(from origin, r *room, cause string) {
	d := r.live
	e.emitLive(catalog.LiveEventDestroyRoom, from, true, map[string]any{
		"RoomId": r.id, "EventType": cause,
		"RoomInfo": wire.LiveCallbackDestroyedRoom{
			RoomName: r.name, RoomType: liveRoomType, OwnerAccount: r.owner, IsSeatEnabled: r.seatsEnabled,
			TakeSeatMode: liveReportedSeatMode(r.takeSeatMode), MaxMemberCount: r.maxMembers, MaxSeatCount: r.maxSeats,
			Category: append([]int{}, d.category...), IsMessageDisabled: d.isMessageDisabled, CoverURL: d.coverURL,
			ActivityStatus: d.activityStatus, IsPublicVisible: d.isPublicVisible, ViewCount: d.viewCount, IsUnlimitedRoomEnabled: d.unlimited,
		},
		"Statistic": wire.LiveRoomStatistic{TotalViewers: d.viewCount},
	})
}

// emitLiveUpdated reports updated room information: every updatable attribute, or with
// Choices.LiveUpdateEventChangedOnly only those the update carried.
// Vendor page: https://trtc.io/document/67938.
func (e *Emulator) emitLiveUpdated(from origin, r *room, asked wire.LiveRoomSettings) {
	d := r.live
	mode := liveReportedSeatMode(r.takeSeatMode)
	custom := ""
	full := wire.LiveCallbackRoomUpdate{
		RoomID: r.id, RoomName: &r.name, MaxMemberCount: &r.maxMembers, IsMessageDisabled: &d.isMessageDisabled,
		CoverURL: &d.coverURL, Category: &d.category, ActivityStatus: &d.activityStatus, IsPublicVisible: &d.isPublicVisible,
		TakeSeatMode: &mode, CustomInfo: &custom,
	}
	if e.cfg.Choices.LiveUpdateEventChangedOnly {
		changed := wire.LiveCallbackRoomUpdate{RoomID: r.id}
		pick := func(present bool, set func()) {
			if present {
				set()
			}
		}
		pick(asked.RoomName != nil, func() { changed.RoomName = full.RoomName })
		pick(asked.MaxMemberCount != nil, func() { changed.MaxMemberCount = full.MaxMemberCount })
		pick(asked.IsMessageDisabled != nil, func() { changed.IsMessageDisabled = full.IsMessageDisabled })
		pick(asked.CoverURL != nil, func() { changed.CoverURL = full.CoverURL })
		pick(asked.Category != nil, func() { changed.Category = full.Category })
		pick(asked.ActivityStatus != nil, func() { changed.ActivityStatus = full.ActivityStatus })
		pick(asked.IsPublicVisible != nil, func() { changed.IsPublicVisible = full.IsPublicVisible })
		pick(asked.TakeSeatMode != nil, func() { changed.TakeSeatMode = full.TakeSeatMode })
		full = changed
	}
	e.emitLive(catalog.LiveEventUpdateRoomInfo, from, true, map[string]any{"RoomInfo": full})
}

// emitLiveMetadataSet reports the pairs a set_room_metadata call wrote.
// Vendor page: https://trtc.io/document/68222.
func (e *Emulator) emitLiveMetadataSet(from origin, r *room, pairs []wire.LiveMetadata) {
	e.emitLive(catalog.LiveEventSetMetadata, from, true, map[string]any{"RoomId": r.id, "Metadata": append([]wire.LiveMetadata{}, pairs...)})
}

// emitLiveMetadataDeleted reports the keys a del_room_metadata call named.
// Vendor page: https://trtc.io/document/68223.
func (e *Emulator) emitLiveMetadataDeleted(from origin, r *room, keys []string) {
	e.emitLive(catalog.LiveEventDelMetadata, from, true, map[string]any{"RoomId": r.id, "Keys": append([]string{}, keys...)})
}

// emitLiveOwnerChanged reports an owner transfer. Vendor page: https://trtc.io/document/72553.
func (e *Emulator) emitLiveOwnerChanged(from origin, r *room, original string) {
	e.emitLive(catalog.LiveEventChangeOwner, from, true, map[string]any{"RoomId": r.id, "CurrentOwner_Account": r.owner, "OriginalOwner_Account": original})
}

// emitLiveAdminsChanged reports administrators added or removed, with the lower-case opType of
// the page. Vendor page: https://trtc.io/document/72554.
func (e *Emulator) emitLiveAdminsChanged(from origin, r *room, opType string, accounts []string) {
	e.emitLive(catalog.LiveEventModifyAdmin, from, true, map[string]any{"RoomId": r.id, "Admin_Account": append([]string{}, accounts...), "opType": opType})
}

// emitLiveMembers reports members coming online (entering) or going offline (leaving, kicked,
// banned). The event has no Operator_Account. Vendor page: https://trtc.io/document/64424.
func (e *Emulator) emitLiveMembers(from origin, r *room, entered bool, accounts []string) {
	state, cause := wire.LiveMemberOffline, wire.LiveCauseLeave
	if entered {
		state, cause = wire.LiveMemberOnline, wire.LiveCauseEnter
	}
	e.emitLiveMemberState(from, r, state, cause, accounts)
}

func (e *Emulator) emitLiveMemberState(from origin, r *room, state, cause string, accounts []string) {
	list := make([]wire.LiveCallbackMember, 0, len(accounts))
	for _, account := range accounts {
		list = append(list, wire.LiveCallbackMember{MemberAccount: account})
	}
	e.emitLive(catalog.LiveEventMemberStateChanged, from, false, map[string]any{
		"RoomId": r.id, "EventType": state, "EventCause": cause, "MemberList": list,
	})
}

// emitLiveSeats reports a Live room's seats after a change, without Operator_Account (L-44):
// every seat, or with Choices.LiveSeatListChangedOnly those that differ from the last report.
// A vacant seat has no Member_Account. Vendor page: https://trtc.io/document/64425.
func (e *Emulator) emitLiveSeats(from origin, r *room) {
	seats := r.seatList()
	reported := seats
	if e.cfg.Choices.LiveSeatListChangedOnly {
		reported = nil
		for i, s := range seats {
			if i >= len(r.live.reportedSeats) && s != (wire.Seat{Index: i}) || i < len(r.live.reportedSeats) && s != r.live.reportedSeats[i] {
				reported = append(reported, s)
			}
		}
	}
	r.live.reportedSeats = seats
	if len(reported) == 0 {
		return
	}
	e.emitLive(catalog.LiveEventSeatInfoChanged, from, false, map[string]any{"RoomId": r.id, "SeatList": reported})
}

// liveBanLeaves reports the members a ban_member call took out of the room, unless
// Choices.LiveBanSendsNoStateEvent, and the seats they left.
func (e *Emulator) liveBanLeaves(from origin, r *room, left []string, seated bool) {
	if len(left) > 0 && !e.cfg.Choices.LiveBanSendsNoStateEvent {
		e.emitLiveMembers(from, r, false, left)
	}
	if seated {
		e.emitSeats(from, r)
	}
}

// Heartbeat makes a present member of a Live room lose its heartbeat (lost) or get it back,
// as the control plane's heartbeat action does (docs/control-plane.md): the member stays in
// the room, and Live.CallbackAfterMemberStateChanged reports it Offline/HeartbeatInterrupt or
// Online/HeartbeatRecover.
func (e *Emulator) Heartbeat(roomID, account string, lost bool) error {
	return e.heartbeat(roomID, account, lost, sdkOrigin(account, "127.0.0.1"))
}

func (e *Emulator) controlHeartbeat(w http.ResponseWriter, r *http.Request) {
	var h control.Heartbeat
	if err := readControl(r, &h); err != nil {
		writeControl(w, nil, err)
		return
	}
	writeControl(w, control.Answer{OK: true}, e.heartbeat(h.RoomID, h.MemberAccount, h.Lost, sdkOrigin(h.MemberAccount, clientIPOf(r))))
}

func (e *Emulator) heartbeat(roomID, account string, lost bool, from origin) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	r, exists := e.state.room(roomID, e.clock.Now())
	switch {
	case !exists:
		return fmt.Errorf("%w: room %q", errNotFound, roomID)
	case r.family != familyLive:
		return fmt.Errorf("%w: room %q is a Conference room: heartbeats are reported for Live rooms only", errConflict, roomID)
	case r.members[account] == nil:
		return fmt.Errorf("%w: %q is not in Live room %q", errNotFound, account, roomID)
	}
	if lost {
		e.emitLiveMemberState(from, r, wire.LiveMemberOffline, wire.LiveCauseHeartbeatLost, []string{account})
	} else {
		e.emitLiveMemberState(from, r, wire.LiveMemberOnline, wire.LiveCauseHeartbeatRecover, []string{account})
	}
	return nil
}

// systemOperator is the Operator_Account of what the service does by itself: Chat's
// administrator-of-the-system account (the pages name no operator for DestroyBySystem; L-52).
const systemOperator = "@TIM#SYSTEM"

// watchDismissals reports every Live room auto-dismissed (destroy_room page, rule 1) as
// Live.CallbackAfterDestroyRoom with EventType DestroyBySystem. Call it whenever the state is
// new.
func (e *Emulator) watchDismissals() {
	e.state.onDismiss = func(r *room, _ time.Time) {
		e.emitLiveDestroyed(origin{operator: systemOperator, clientIP: "127.0.0.1", platform: platformSDK /* "Unknown" */}, r, wire.LiveDestroyBySystem)
	}
}

// sweepDismissed looks up every room at the emulator clock's time, so that those the time
// dismisses go now, and their events with them (a moved clock, docs/control-plane.md).
func (e *Emulator) sweepDismissed() {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.clock.Now()
	for id := range e.state.rooms {
		e.state.room(id, now)
	}
}
