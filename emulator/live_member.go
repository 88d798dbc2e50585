package emulator

import (
	"fmt"
	"slices"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

const (
	// liveMaxSeconds caps a mute or ban (no maximum is documented) at 100 years, far below
	// what a time.Duration can hold.
	liveMaxSeconds = 100 * 365 * 24 * 60 * 60
)

// liveSeconds is a documented length in seconds as a duration, capped at liveMaxSeconds.
func liveSeconds(seconds int64) time.Duration {
	return time.Duration(min(seconds, liveMaxSeconds)) * time.Second
}

// liveChangeRoomOwner implements change_room_owner: the new owner must be an imported account
// (100002) and not banned from the room (100016, the code the Chinese ban_member page prints
// for this case; docs/errata-live.md L-09); it stops being an administrator.
// Vendor page: https://trtc.io/document/72534.
func (e *Emulator) liveChangeRoomOwner(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveChangeRoomOwnerRequest) string { return q.RoomID },
		func(q *wire.LiveChangeRoomOwnerRequest, r *room) answer {
			newOwner := q.NewOwnerAccount
			if !e.state.imported(newOwner) {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: NewOwner_Account %q is not an imported account", newOwner))
			}
			if end, banned := until(r.bans, newOwner, c.now); banned {
				return fail(catalog.CodeNewOwnerBanned, fmt.Sprintf("the new owner %q is banned from Live room %q until %s: unban the account first",
					newOwner, r.id, end.UTC().Format(time.RFC3339)))
			}
			original := r.owner
			r.owner = newOwner
			r.live.admins = slices.DeleteFunc(r.live.admins, func(a string) bool { return a == newOwner })
			e.emitLiveOwnerChanged(restOrigin(c), r, original)
			return ok(nil)
		})
}

// liveGetMemberList implements get_member_list: the members present in order of entry, at most
// 1000 of them, in pages of 100 with an opaque cursor. A room ID that names a Conference room
// answers 100006, the page's truncated "this room i[s not a Live room]" (docs/errata-live.md
// L-10). Vendor page: https://trtc.io/document/66908.
func (e *Emulator) liveGetMemberList(c *call) answer {
	var q wire.LiveGetMemberListRequest
	if err := decodeBody(c.body, &q); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	after, refusal := parseMemberCursor(q.Next, e.cfg.Choices.OffsetMemberCursors)
	if refusal != nil {
		return *refusal
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	r, exists := e.state.room(q.RoomID, c.now)
	switch {
	case !exists, r.family != familyLive && e.cfg.Choices.ForeignRoomNotFound:
		return roomNotFound(familyLive, q.RoomID)
	case r.family != familyLive:
		return fail(catalog.CodeNoPermission, fmt.Sprintf("room %q is not a Live room: it is a Conference room", q.RoomID))
	}
	listed := r.ordered()
	if len(listed) > liveMemberListCap {
		listed = listed[:liveMemberListCap]
	}
	pageSize := liveMemberPage
	if e.cfg.Choices.LiveMemberPageOf50 {
		pageSize = 50
	}
	members, next := memberPage(listed, after, pageSize, e.cfg.Choices.OffsetMemberCursors)
	page := []wire.LiveMember{}
	for _, m := range members {
		page = append(page, wire.LiveMember{MemberAccount: m.account})
	}
	return ok(map[string]any{"Response": map[string]any{"Next": next, "MemberCount": len(r.members), "MemberList": page}})
}

// liveMuteMember implements mute_member: the accounts' chat is muted for MuteTime seconds, or
// unmuted when it is 0; they need not be present. Vendor page: https://trtc.io/document/66969.
func (e *Emulator) liveMuteMember(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveMuteMemberRequest) string { return q.RoomID },
		func(q *wire.LiveMuteMemberRequest, r *room) answer {
			if refusal := e.unimportedRefusal(q.MemberListAccount); refusal != nil {
				return *refusal
			}
			for _, account := range q.MemberListAccount {
				if q.MuteTime == 0 {
					delete(r.live.mutes, account)
					continue
				}
				r.live.mutes[account] = c.now.Add(liveSeconds(q.MuteTime))
			}
			return ok(nil)
		})
}

// liveGetMutedMemberList implements get_muted_member_list: the mutes in force, by account.
// Vendor page: https://trtc.io/document/69894.
func (e *Emulator) liveGetMutedMemberList(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveRoomIDRequest) string { return q.RoomID },
		func(_ *wire.LiveRoomIDRequest, r *room) answer {
			list := []wire.LiveMutedMember{}
			for _, account := range inForce(r.live.mutes, c.now) {
				list = append(list, wire.LiveMutedMember{MemberAccount: account, MutedUntil: r.live.mutes[account].Unix()})
			}
			return ok(map[string]any{"Response": map[string]any{"MutedAccountList": list}})
		})
}

// liveBanMember implements ban_member: banned accounts leave at once and cannot enter until the
// ban ends; the owner cannot be banned and Duration must be at least 1 s (100002). The call
// changes everything or nothing. Vendor page: https://trtc.io/document/63423.
func (e *Emulator) liveBanMember(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveBanMemberRequest) string { return q.RoomID },
		func(q *wire.LiveBanMemberRequest, r *room) answer {
			if refusal := e.unimportedRefusal(q.MemberListAccount); refusal != nil {
				return *refusal
			}
			if q.Duration < 1 {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Duration %d must be at least 1 second", q.Duration))
			}
			if slices.Contains(q.MemberListAccount, r.owner) {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: %q owns Live room %q and cannot be banned: change the owner first", r.owner, r.id))
			}
			end := c.now.Add(liveSeconds(q.Duration))
			var left []string
			seated := false
			for _, account := range q.MemberListAccount {
				seated = seated || r.seatOf(account) >= 0
				if r.leave(account, c.now) {
					left = append(left, account)
				}
			}
			r.ban(q.MemberListAccount, end)
			e.liveBanLeaves(restOrigin(c), r, left, seated)
			return ok(nil)
		})
}

// liveUnbanMember implements unban_member; lifting a ban that is not in force changes nothing.
// Vendor page: https://www.tencentcloud.com/document/product/647/63426.
func (e *Emulator) liveUnbanMember(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveUnbanMemberRequest) string { return q.RoomID },
		func(q *wire.LiveUnbanMemberRequest, r *room) answer {
			r.unban(q.MemberListAccount)
			return ok(nil)
		})
}

// liveGetBannedMemberList implements get_banned_member_list: the bans in force, by account,
// paged by offset; NextOffset 0 means the list is complete (the Conference page's convention;
// the Live page does not say). Vendor page: https://trtc.io/document/63424.
func (e *Emulator) liveGetBannedMemberList(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveGetBannedMemberListRequest) string { return q.RoomID },
		func(q *wire.LiveGetBannedMemberListRequest, r *room) answer {
			offset, limit := valueOr(q.Offset, 0), valueOr(q.Limit, e.bannedPageDefault())
			return bannedPage(r.bans, inForce(r.bans, c.now), offset, limit, e.cfg.Choices.BannedListEndsEmpty)
		})
}

// liveGetAdminList implements get_admin_list, in the order the administrators were added.
// Vendor page: https://www.tencentcloud.com/document/product/647/63425.
func (e *Emulator) liveGetAdminList(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveRoomIDRequest) string { return q.RoomID },
		func(_ *wire.LiveRoomIDRequest, r *room) answer {
			admins := append([]string{}, r.live.admins...)
			if e.cfg.Choices.AdminsSorted {
				slices.Sort(admins)
			}
			return ok(map[string]any{"Response": map[string]any{"Admin_Account": admins}})
		})
}

// liveModifyAdmin implements modify_admin: add makes the accounts administrators, at most 5 in
// the room (100020, nothing changes); the owner is not made one (100002). delete removes them;
// deleting an account that is not an administrator changes nothing.
// Vendor page: https://www.tencentcloud.com/document/product/1071/76881.
func (e *Emulator) liveModifyAdmin(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveModifyAdminRequest) string { return q.RoomID },
		func(q *wire.LiveModifyAdminRequest, r *room) answer {
			if refusal := e.unimportedRefusal(q.AdminAccount); q.OpType == wire.LiveAdminAdd && refusal != nil {
				return *refusal
			}
			if q.OpType == wire.LiveAdminDelete {
				r.live.admins = slices.DeleteFunc(r.live.admins, func(a string) bool { return slices.Contains(q.AdminAccount, a) })
				e.emitLiveAdminsChanged(restOrigin(c), r, wire.LiveCallbackAdminDeleted, q.AdminAccount)
				return ok(nil)
			}
			next := append([]string{}, r.live.admins...)
			for _, account := range q.AdminAccount {
				if account == r.owner {
					return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: %q owns Live room %q and cannot also be an administrator", account, r.id))
				}
				if !slices.Contains(next, account) {
					next = append(next, account)
				}
			}
			if len(next) > liveMaxAdmins {
				return fail(catalog.CodeTooManyAdmins, fmt.Sprintf("Live room %q would have %d administrators; at most %d", r.id, len(next), liveMaxAdmins))
			}
			r.live.admins = next
			e.emitLiveAdminsChanged(restOrigin(c), r, wire.LiveCallbackAdminAdded, q.AdminAccount)
			return ok(nil)
		})
}

// unimportedRefusal refuses accounts that were never imported (100002) when
// Choices.LiveAccountsMustBeImported; the pages say nothing of it (L-21).
func (e *Emulator) unimportedRefusal(accounts []string) *answer {
	if !e.cfg.Choices.LiveAccountsMustBeImported {
		return nil
	}
	for _, account := range accounts {
		if !e.state.imported(account) {
			a := fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: %q is not an imported account", account))
			return &a
		}
	}
	return nil
}
