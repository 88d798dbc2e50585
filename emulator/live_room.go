package emulator

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
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

// liveDetails is what the Live pages add to a room: the seat template, the listing attributes
// (cover, category, activity, visibility), the view count behind auto-dismiss, administrators,
// mutes and metadata.
type liveDetails struct {
	seatTemplate      string
	isMessageDisabled bool
	coverURL          string
	category          []int
	activityStatus    int
	isPublicVisible   bool
	notice            string
	unlimited         bool
	// viewCount counts entries: a user who entered N times counts N.
	viewCount int64
	// everEntered and emptySince drive auto-dismiss rule 1.
	everEntered bool
	emptySince  time.Time
	admins      []string
	mutes       map[string]time.Time
	metadata    map[string]string
	// robots, stats and the mixing layout are live_robot.go's and live_message.go's.
	robots []string
	stats  liveStats
	mix    *liveMix
	// reportedSeats is the seat list as last reported to Live callbacks (live_events.go).
	reportedSeats []wire.Seat
	// giftRecords are the gifts sent in the room, which get_gift_count reads (live_gift.go); the
	// room's totals are in stats (countGift).
	giftRecords []giftRecord
}

// dismissed reports auto-dismiss rule 1: someone entered the room once, it is empty, and
// nobody entered for liveDismissAfter. A room holding a robot is never dismissed (robot pages).
func (d *liveDetails) dismissed(r *room, now time.Time) bool {
	return d.everEntered && len(r.members) == 0 && len(d.robots) == 0 && !now.Before(d.emptySince.Add(liveDismissAfter))
}

// counted records an entry: ViewCount counts every one, and the room may now be dismissed.
func (d *liveDetails) counted() {
	d.viewCount++
	d.everEntered = true
}

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
func (r *room) liveRoomInfo() wire.LiveRoomInfo {
	d := r.live
	return wire.LiveRoomInfo{
		RoomID: r.id, RoomName: r.name, RoomType: liveRoomType, OwnerAccount: r.owner, CreateTime: r.createTime,
		IsSeatEnabled: r.seatsEnabled, TakeSeatMode: liveReportedSeatMode(r.takeSeatMode), MaxSeatCount: r.maxSeats,
		MaxMemberCount: r.maxMembers, IsMessageDisabled: d.isMessageDisabled, CoverURL: d.coverURL,
		Category: append([]int{}, d.category...), ActivityStatus: d.activityStatus, ViewCount: d.viewCount,
		IsPublicVisible: d.isPublicVisible,
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
	seatCap := e.cfg.SeatCap
	if seats, video := liveTemplateSeats[template]; video {
		seatCap = min(seats, e.cfg.SeatCap)
	}
	if settings.MaxSeatCount != nil {
		seatCap = *settings.MaxSeatCount
	}
	if refusal := e.capacityRefusal(memberCap, seatCap); refusal != nil {
		return *refusal
	}

	e.mu.Lock()
	defer e.mu.Unlock()
	id := settings.RoomID
	if refusal := e.state.refuseNewRoom(id, owner, c.now); refusal != nil {
		return *refusal
	}
	r := e.state.newRoom(id, familyLive)
	r.name = valueOr(settings.RoomName, id)
	r.owner = owner
	r.createTime = c.now.Unix()
	r.maxMembers = memberCap
	r.seatsEnabled = valueOr(settings.IsSeatEnabled, template != "")
	r.maxSeats = seatCap
	r.takeSeatMode = valueOr(settings.TakeSeatMode, wire.LiveSeatFreeToTake)
	r.live = &liveDetails{
		seatTemplate:      template,
		isMessageDisabled: valueOr(settings.IsMessageDisabled, false),
		coverURL:          valueOr(settings.CoverURL, ""),
		category:          append([]int{}, valueOr(settings.Category, nil)...),
		activityStatus:    valueOr(settings.ActivityStatus, 0),
		isPublicVisible:   valueOr(settings.IsPublicVisible, true),
		unlimited:         valueOr(settings.IsUnlimitedRoomEnabled, false),
		mutes:             map[string]time.Time{},
		metadata:          map[string]string{},
	}
	e.state.add(r, c.now)
	e.emitLiveCreated(restOrigin(c), r)
	return ok(map[string]any{"Response": map[string]any{"RoomId": id}})
}

// liveDestroyRoom implements destroy_room and answers the room's final statistics, as the
// pages updated from 2025-11 on do. Vendor page: https://trtc.io/document/63406.
func (e *Emulator) liveDestroyRoom(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveRoomIDRequest) string { return q.RoomID },
		func(q *wire.LiveRoomIDRequest, r *room) answer {
			delete(e.state.rooms, r.id)
			e.emitLiveDestroyed(restOrigin(c), r, wire.LiveDestroyByUser)
			if e.cfg.Choices.LiveDestroyWithoutStatistic {
				return ok(nil)
			}
			final := r.live.statistics()
			return ok(map[string]any{"Response": map[string]any{"Statistic": wire.LiveRoomStatistic{
				TotalViewers: final.TotalViewers, TotalGiftsSent: final.TotalGiftsSent, TotalGiftCoins: final.TotalGiftCoins,
				TotalUniqueGiftSenders: final.TotalUniqueGiftSenders, TotalLikesReceived: final.TotalLikesReceived,
			}}})
		})
}

// liveUpdateRoomInfo implements update_room_info: only the fields present change.
// Vendor page: https://trtc.io/document/63419.
func (e *Emulator) liveUpdateRoomInfo(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveUpdateRoomInfoRequest) string { return q.RoomInfo.RoomID },
		func(q *wire.LiveUpdateRoomInfoRequest, r *room) answer {
			settings, d := q.RoomInfo, r.live
			if refusal := e.updateMaxMembers(r, settings.MaxMemberCount); refusal != nil {
				return *refusal
			}
			setIf(&r.name, settings.RoomName)
			setIf(&d.isMessageDisabled, settings.IsMessageDisabled)
			setIf(&d.coverURL, settings.CoverURL)
			if settings.Category != nil {
				d.category = append([]int{}, *settings.Category...)
			}
			setIf(&d.activityStatus, settings.ActivityStatus)
			setIf(&d.isPublicVisible, settings.IsPublicVisible)
			setIf(&r.takeSeatMode, settings.TakeSeatMode)
			setIf(&d.notice, settings.Notice)
			e.emitLiveUpdated(restOrigin(c), r, settings)
			return ok(nil)
		})
}

// liveGetRoomInfo implements get_room_info, the seed page.
// Vendor page: https://trtc.io/document/63404.
func (e *Emulator) liveGetRoomInfo(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveRoomIDRequest) string { return q.RoomID },
		func(_ *wire.LiveRoomIDRequest, r *room) answer {
			if e.cfg.Choices.LiveReportsNotice {
				if withNotice, err := appendNotice(r.liveRoomInfo(), e.cfg.Choices.LiveSeatModeAsString, r.live.notice); err == nil {
					return ok(map[string]any{"Response": map[string]any{"RoomInfo": withNotice}})
				}
			}
			if e.cfg.Choices.LiveSeatModeAsString {
				// The 2025+ samples' form (L-02): a plain struct drops the numbering marshaller.
				type textual wire.LiveRoomInfo
				return ok(map[string]any{"Response": map[string]any{"RoomInfo": textual(r.liveRoomInfo())}})
			}
			return ok(map[string]any{"Response": map[string]any{"RoomInfo": r.liveRoomInfo()}})
		})
}

// liveListCursor is the position after a room in the list's order, "<ViewCount>-<hex RoomId>".
// Because ViewCount only grows, a room listed once moves ahead of the cursor and is never
// listed twice while the list is walked.
func liveListCursor(r *room) string {
	return strconv.FormatInt(r.live.viewCount, 10) + "-" + hex.EncodeToString([]byte(r.id))
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
		cursor := q.Next
		if e.cfg.Choices.OpaqueRoomListCursor {
			decoded, err := base64.RawURLEncoding.DecodeString(cursor)
			if err != nil {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Next %q is not a cursor this service returned", q.Next))
			}
			cursor = string(decoded)
		}
		views, id, found := strings.Cut(cursor, "-")
		parsedViews, errViews := strconv.ParseInt(views, 10, 64)
		parsedID, errID := hex.DecodeString(id)
		if !found || errViews != nil || errID != nil || parsedViews < 0 {
			return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Next %q is not a cursor this service returned", q.Next))
		}
		afterViews, afterID = parsedViews, string(parsedID)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	var public []*room
	for id := range e.state.rooms {
		if r, exists := e.state.roomOf(familyLive, id, c.now); exists && r.live.isPublicVisible {
			public = append(public, r)
		}
	}
	sort.Slice(public, func(i, j int) bool {
		return liveListBefore(public[i].live.viewCount, public[i].id, public[j].live.viewCount, public[j].id)
	})
	page := []wire.LiveRoomListEntry{}
	next := ""
	for _, r := range public {
		if !started && !liveListBefore(afterViews, afterID, r.live.viewCount, r.id) {
			continue
		}
		if len(page) == size {
			next = liveListCursor(e.state.rooms[page[len(page)-1].RoomID])
			if e.cfg.Choices.OpaqueRoomListCursor {
				next = base64.RawURLEncoding.EncodeToString([]byte(next))
			}
			break
		}
		page = append(page, wire.LiveRoomListEntry{
			RoomName: r.name, RoomID: r.id, OwnerAccount: r.owner, CoverURL: r.live.coverURL,
			Category: append([]int{}, r.live.category...), CreateTime: r.createTime, ActivityStatus: r.live.activityStatus, ViewCount: r.live.viewCount,
		})
	}
	return ok(map[string]any{"Response": map[string]any{"Next": next, "RoomList": page}})
}

// appendNotice is the room's get_room_info attributes followed by Notice
// (Choices.LiveReportsNotice): the 15 documented attributes keep their order.
func appendNotice(info wire.LiveRoomInfo, seatModeAsString bool, notice string) (json.RawMessage, error) {
	type textual wire.LiveRoomInfo
	var attributes any = info
	if seatModeAsString {
		attributes = textual(info)
	}
	raw, err := json.Marshal(attributes)
	if err != nil {
		return nil, fmt.Errorf("encoding the room: %w", err)
	}
	value, err := json.Marshal(notice)
	if err != nil {
		return nil, fmt.Errorf("encoding Notice: %w", err)
	}
	return json.RawMessage(append(append(raw[:len(raw)-1], `,"Notice":`...), append(value, '}')...)), nil
}
