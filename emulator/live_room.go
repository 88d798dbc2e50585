package emulator

import (
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// liveReportedSeatMode is TakeSeatMode as the emulator reports it in get_room_info: ApplyToTake,
// or FreeToTake for any other mode. wire.LiveRoomInfo prints them as the integers 2 and 1 of the
// 2024 pages and the seed page (docs/errata-live.md L-02).
func liveReportedSeatMode(mode string) string {
	if mode == wire.LiveSeatApplyToTake {
		return wire.LiveSeatApplyToTake
	}
	return wire.LiveSeatFreeToTake
}

// roomInfo is Response.RoomInfo of get_room_info.
func (r *liveRoom) roomInfo() wire.LiveRoomInfo {
	return wire.LiveRoomInfo{
		RoomID: r.id, RoomName: r.name, RoomType: liveRoomType, OwnerAccount: r.owner, CreateTime: r.createTime,
		IsSeatEnabled: r.isSeatEnabled, TakeSeatMode: liveReportedSeatMode(r.takeSeatMode), MaxSeatCount: r.maxSeatCount,
		MaxMemberCount: r.maxMemberCount, IsMessageDisabled: r.isMessageDisabled, CoverURL: r.coverURL,
		Category: append([]int{}, r.category...), ActivityStatus: r.activityStatus, ViewCount: r.viewCount,
		IsPublicVisible: r.isPublicVisible,
	}
}

// liveCreateRoom implements create_room in all three documented generations: the 2024 flat
// settings, the 2025 SeatLayoutTemplateId and the 2026 SeatTemplate, which is not required
// here (docs/errata-live.md L-01). Vendor page: https://trtc.io/document/63401.
func (e *Emulator) liveCreateRoom(c *call) answer {
	var req wire.LiveCreateRoomRequest
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	settings := req.RoomInfo
	owner := valueOr(settings.OwnerAccount, c.identifier)
	template := valueOr(settings.SeatTemplate, "")
	if template == "" && valueOr(settings.SeatLayoutTemplateID, 0) == liveTemplateFromID {
		template = "VideoDynamicGrid9Seats"
	}
	memberCap := valueOr(settings.MaxMemberCount, e.cfg.MemberCap)
	if memberCap < 1 || memberCap > e.cfg.MemberCap {
		return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: MaxMemberCount %d is outside 1..%d (the package limit)", memberCap, e.cfg.MemberCap))
	}
	seatCap := e.cfg.SeatCap
	if seats, video := liveTemplateSeats[template]; video {
		seatCap = min(seats, e.cfg.SeatCap)
	}
	if settings.MaxSeatCount != nil {
		seatCap = *settings.MaxSeatCount
	}
	if seatCap < 1 || seatCap > e.cfg.SeatCap {
		return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: MaxSeatCount %d is outside 1..%d (the package limit)", seatCap, e.cfg.SeatCap))
	}

	e.mu.Lock()
	defer e.mu.Unlock()
	live := e.state.live
	id := settings.RoomID
	if existing, exists := live.room(id, c.now); exists {
		if existing.owner == owner {
			return fail(catalog.CodeRoomIDOwnedByYou, fmt.Sprintf("Live room ID %q is already in use and %q owns it: use it directly", id, owner))
		}
		return fail(catalog.CodeRoomIDExists, fmt.Sprintf("Live room ID %q already exists: choose another", id))
	}
	if e.state.chatGroups[id] {
		return fail(catalog.CodeRoomIDUsedByChat, fmt.Sprintf("room ID %q is used by a Chat group: choose another or destroy the group", id))
	}
	if last, seen := live.lastCreate[id]; seen && c.now.Sub(last) < time.Second && c.now.Sub(last) >= 0 {
		return fail(catalog.CodeCreateTooOften, fmt.Sprintf("Live room ID %q was created less than a second ago: a room ID can be created once per second", id))
	}
	if !e.state.imported(owner) {
		return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Owner_Account %q is not an imported account", owner))
	}
	r := &liveRoom{
		id:                id,
		name:              valueOr(settings.RoomName, id),
		owner:             owner,
		seatTemplate:      template,
		createTime:        c.now.Unix(),
		isSeatEnabled:     valueOr(settings.IsSeatEnabled, template != ""),
		takeSeatMode:      valueOr(settings.TakeSeatMode, wire.LiveSeatFreeToTake),
		maxSeatCount:      seatCap,
		maxMemberCount:    memberCap,
		isMessageDisabled: valueOr(settings.IsMessageDisabled, false),
		coverURL:          valueOr(settings.CoverURL, ""),
		category:          append([]int{}, valueOr(settings.Category, nil)...),
		activityStatus:    valueOr(settings.ActivityStatus, 0),
		isPublicVisible:   valueOr(settings.IsPublicVisible, true),
		unlimited:         valueOr(settings.IsUnlimitedRoomEnabled, false),
		members:           map[string]int64{},
		bans:              map[string]time.Time{},
		mutes:             map[string]time.Time{},
		metadata:          map[string]string{},
	}
	live.rooms[id] = r
	live.lastCreate[id] = c.now
	return ok(map[string]any{"Response": map[string]any{"RoomId": id}})
}

// liveDestroyRoom implements destroy_room and answers the room's final statistics, as the
// pages updated from 2025-11 on do. Vendor page: https://trtc.io/document/63406.
func (e *Emulator) liveDestroyRoom(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveRoomIDRequest) string { return q.RoomID },
		func(q *wire.LiveRoomIDRequest, r *liveRoom) answer {
			delete(e.state.live.rooms, r.id)
			return ok(map[string]any{"Response": map[string]any{"Statistic": wire.LiveRoomStatistic{TotalViewers: r.viewCount}}})
		})
}

// liveUpdateRoomInfo implements update_room_info: only the fields present change.
// Vendor page: https://trtc.io/document/63419.
func (e *Emulator) liveUpdateRoomInfo(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveUpdateRoomInfoRequest) string { return q.RoomInfo.RoomID },
		func(q *wire.LiveUpdateRoomInfoRequest, r *liveRoom) answer {
			settings := q.RoomInfo
			if settings.MaxMemberCount != nil {
				limit := *settings.MaxMemberCount
				if limit < max(1, len(r.members)) || limit > e.cfg.MemberCap {
					return fail(catalog.CodeInvalidParameter, fmt.Sprintf(
						"invalid parameter: MaxMemberCount %d is outside %d..%d (members present to the package limit)", limit, max(1, len(r.members)), e.cfg.MemberCap))
				}
				r.maxMemberCount = limit
			}
			setIf(&r.name, settings.RoomName)
			setIf(&r.isMessageDisabled, settings.IsMessageDisabled)
			setIf(&r.coverURL, settings.CoverURL)
			if settings.Category != nil {
				r.category = append([]int{}, *settings.Category...)
			}
			setIf(&r.activityStatus, settings.ActivityStatus)
			setIf(&r.isPublicVisible, settings.IsPublicVisible)
			setIf(&r.takeSeatMode, settings.TakeSeatMode)
			setIf(&r.notice, settings.Notice)
			return ok(nil)
		})
}

// liveGetRoomInfo implements get_room_info, the seed page.
// Vendor page: https://trtc.io/document/63404.
func (e *Emulator) liveGetRoomInfo(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveRoomIDRequest) string { return q.RoomID },
		func(_ *wire.LiveRoomIDRequest, r *liveRoom) answer {
			return ok(map[string]any{"Response": map[string]any{"RoomInfo": r.roomInfo()}})
		})
}

// liveListCursor is the position after a room in the list's order, "<ViewCount>-<hex RoomId>".
// Because ViewCount only grows, a room listed once moves ahead of the cursor and is never
// listed twice while the list is walked.
func liveListCursor(r *liveRoom) string {
	return strconv.FormatInt(r.viewCount, 10) + "-" + hex.EncodeToString([]byte(r.id))
}

// liveListBefore reports whether a comes before b: ViewCount descending, then RoomId.
func liveListBefore(aViews int64, aID string, bViews int64, bID string) bool {
	if aViews != bViews {
		return aViews > bViews
	}
	return aID < bID
}

// liveGetRoomList implements get_room_list: the public rooms, most viewed first, paged by a
// cursor. Vendor page: https://trtc.io/document/63405.
func (e *Emulator) liveGetRoomList(c *call) answer {
	var q wire.LiveGetRoomListRequest
	if err := decodeBody(c.body, &q); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	size := valueOr(q.Count, liveRoomListPage)
	var afterViews int64
	var afterID string
	started := q.Next == "" || q.Next == "0" // "0": how Tencent's console starts (undocumented)
	if !started {
		views, id, found := strings.Cut(q.Next, "-")
		parsedViews, errViews := strconv.ParseInt(views, 10, 64)
		parsedID, errID := hex.DecodeString(id)
		if !found || errViews != nil || errID != nil || parsedViews < 0 {
			return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Next %q is not a cursor this service returned", q.Next))
		}
		afterViews, afterID = parsedViews, string(parsedID)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	var public []*liveRoom
	for id := range e.state.live.rooms {
		if r, exists := e.state.live.room(id, c.now); exists && r.isPublicVisible {
			public = append(public, r)
		}
	}
	sort.Slice(public, func(i, j int) bool {
		return liveListBefore(public[i].viewCount, public[i].id, public[j].viewCount, public[j].id)
	})
	page := []wire.LiveRoomListEntry{}
	next := ""
	for _, r := range public {
		if !started && !liveListBefore(afterViews, afterID, r.viewCount, r.id) {
			continue
		}
		if len(page) == size {
			next = liveListCursor(e.state.live.rooms[page[len(page)-1].RoomID])
			break
		}
		page = append(page, wire.LiveRoomListEntry{
			RoomName: r.name, RoomID: r.id, OwnerAccount: r.owner, CoverURL: r.coverURL,
			Category: append([]int{}, r.category...), CreateTime: r.createTime, ActivityStatus: r.activityStatus, ViewCount: r.viewCount,
		})
	}
	return ok(map[string]any{"Response": map[string]any{"Next": next, "RoomList": page}})
}
