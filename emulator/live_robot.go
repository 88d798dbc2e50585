package emulator

import (
	"fmt"
	"slices"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// liveMaxRobots is the documented cap of robots in one room (no code is documented for it:
// the emulator answers 100002, docs/errata-live.md L-28).
const liveMaxRobots = 3

// liveStats are the cumulative counters get_room_stats reports. Other handlers count what
// they see through countGift, countLikes and countMessage; entries are liveDetails.viewCount.
type liveStats struct {
	giftsSent, giftCoins, likes, messages int64
	giftSenders                           map[string]bool
}

// countGift records count gifts worth coins in all, sent by sender in the room (send_gift).
func (d *liveDetails) countGift(sender string, count, coins int64) {
	if d.stats.giftSenders == nil {
		d.stats.giftSenders = map[string]bool{}
	}
	d.stats.giftsSent += count
	d.stats.giftCoins += coins
	d.stats.giftSenders[sender] = true
}

// countMessage records one message sent in the room and returns its sequence number there.
func (d *liveDetails) countMessage() int64 {
	d.stats.messages++
	return d.stats.messages
}

// statistics are the room's counters as get_room_stats answers them; destroy_room's Statistic
// reports the same, without TotalMsgCount.
func (d *liveDetails) statistics() wire.LiveRoomStats {
	return wire.LiveRoomStats{
		TotalViewers: d.viewCount, TotalGiftsSent: d.stats.giftsSent, TotalGiftCoins: d.stats.giftCoins,
		TotalUniqueGiftSenders: int64(len(d.stats.giftSenders)), TotalLikesReceived: d.stats.likes,
		TotalMsgCount: d.stats.messages,
	}
}

// hasRobot reports whether account is one of the room's robots.
func (r *room) hasRobot(account string) bool {
	return r.live != nil && slices.Contains(r.live.robots, account)
}

// seatable reports whether account may sit on a seat: a member present, or a robot of a Live
// room (robots are not members, live-api.md "Robots").
func (r *room) seatable(account string) bool {
	return r.members[account] != nil || r.hasRobot(account)
}

// withLiveOnlyRoom is withLiveRoom for the robot pages, whose 100006 means "the room must be
// a Live room": a Conference room's ID answers 100006, an unknown ID 100004.
func withLiveOnlyRoom[T any](e *Emulator, c *call, roomID func(*T) string, act func(req *T, r *room) answer) answer {
	var req T
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	r, exists := e.state.room(roomID(&req), c.now)
	switch {
	case !exists:
		return roomNotFound(familyLive, roomID(&req))
	case r.family != familyLive:
		return fail(catalog.CodeNoPermission, fmt.Sprintf("room %q is not a Live room: robots live in Live rooms only", roomID(&req)))
	}
	return act(&req, r)
}

// liveAddRobot implements add_robot: the accounts must be imported (100002) and the room holds
// at most 3 robots (100002, all or nothing); adding a robot again changes nothing.
// Vendor page: https://trtc.io/document/69079.
func (e *Emulator) liveAddRobot(c *call) answer {
	return withLiveOnlyRoom(e, c, func(q *wire.LiveRobotRequest) string { return q.RoomID },
		func(q *wire.LiveRobotRequest, r *room) answer {
			next := append([]string{}, r.live.robots...)
			for _, account := range q.RobotListAccount {
				if !e.state.imported(account) {
					return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: robot %q is not an imported account: import it first", account))
				}
				if !slices.Contains(next, account) {
					next = append(next, account)
				}
			}
			if len(next) > liveMaxRobots {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Live room %q would hold %d robots; at most %d", r.id, len(next), liveMaxRobots))
			}
			r.live.robots = next
			return ok(nil)
		})
}

// liveDelRobot implements del_robot: the robots leave the room and their seats. An account that
// is not a robot of the room is ignored, or refused with 100002 (Choices.DelAbsentRobotRefused).
// Vendor page: https://trtc.io/document/69080.
func (e *Emulator) liveDelRobot(c *call) answer {
	return withLiveOnlyRoom(e, c, func(q *wire.LiveRobotRequest) string { return q.RoomID },
		func(q *wire.LiveRobotRequest, r *room) answer {
			if e.cfg.Choices.DelAbsentRobotRefused {
				for _, account := range q.RobotListAccount {
					if !r.hasRobot(account) {
						return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: %q is not a robot of Live room %q", account, r.id))
					}
				}
			}
			for _, account := range q.RobotListAccount {
				if !r.hasRobot(account) {
					continue
				}
				r.live.robots = slices.DeleteFunc(r.live.robots, func(a string) bool { return a == account })
				if r.members[account] == nil {
					r.leaveSeat(account)
				}
			}
			return ok(nil)
		})
}

// liveGetRobot implements get_robot, in the order the robots were added.
// Vendor page: https://trtc.io/document/69081.
func (e *Emulator) liveGetRobot(c *call) answer {
	return withLiveOnlyRoom(e, c, func(q *wire.LiveRoomIDRequest) string { return q.RoomID },
		func(_ *wire.LiveRoomIDRequest, r *room) answer {
			return ok(map[string]any{"Response": map[string]any{"RobotList_Account": append([]string{}, r.live.robots...)}})
		})
}

// liveGetRoomStats implements get_room_stats and its older name get_room_statistic (L-26):
// entries, gifts, coins, distinct gift senders, likes and messages counted so far.
// Vendor page: https://trtc.io/document/80421.
func (e *Emulator) liveGetRoomStats(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveRoomIDRequest) string { return q.RoomID },
		func(_ *wire.LiveRoomIDRequest, r *room) answer {
			return ok(map[string]any{"Response": r.live.statistics()})
		})
}
