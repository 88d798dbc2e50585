package emulator

import (
	"fmt"
	"slices"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// giftRecord is one receiver's share of a send_gift call: what get_gift_count adds up.
type giftRecord struct {
	sender, receiver string
	count, coins     int64
	at               time.Time
}

// liveGiftRoom finds the Live room a gift command names. The send_gift page's complete error
// table has no 100004, so a room that does not exist is 100002 (Choices.GiftRoomNotFound:
// 100004; docs/errata-live.md L-54).
func (e *Emulator) liveGiftRoom(id string, now time.Time) (*room, *answer) {
	r, exists := e.state.roomOf(familyLive, id, now)
	if exists {
		return r, nil
	}
	code := catalog.CodeInvalidParameter
	if e.cfg.Choices.GiftRoomNotFound {
		code = catalog.CodeRoomNotFound
	}
	a := fail(code, fmt.Sprintf("Live room %q does not exist or has been dissolved", id))
	return nil, &a
}

// liveSendGift implements send_gift: the gift must be in the application's catalogue (102002);
// each distinct receiver receives Count gifts (default 1, L-31), counted in the room's totals
// and in one record per receiver (L-56). When Live.CallbackBeforeSendGift is configured, its
// reply decides first (live_before.go): 102004 for a refusal or no usable reply, or the reply's
// code from 102100 to 102200. 102001 and 102008 only through fault
// injection. Vendor page: https://trtc.io/document/72556.
func (e *Emulator) liveSendGift(c *call) answer {
	var q wire.LiveSendGiftRequest
	if err := decodeBody(c.body, &q); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	count := int64(1)
	if q.Count != nil {
		count = int64(*q.Count)
	}
	receivers := slices.Compact(slices.Sorted(slices.Values(q.ReceiverListAccount)))
	e.mu.Lock()
	coins, refusal := e.checkGift(q, count, c.now)
	e.mu.Unlock()
	if refusal != nil {
		return *refusal
	}
	// Live.CallbackBeforeSendGift, when configured, decides (live_before.go): asked with no
	// lock held, so the room is looked up again after the answer.
	event := map[string]any{"Operator_Account": q.FromAccount, "RoomId": q.RoomID,
		"GiftWater": map[string]any{"From_Account": q.FromAccount, "To_Account": receivers, "Time": c.now.Unix(),
			"GiftId": q.GiftID, "Count": count, "Coins": coins}}
	if allowed, code, info := e.beforeLiveEvent(c.ctx, catalog.LiveEventBeforeSendGift, restOrigin(c), event); !allowed {
		return fail(code, info)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	// The room or the gift may have gone while the callback was asked; the value stays the
	// one the callback was told.
	if _, refusal := e.checkGift(q, count, c.now); refusal != nil {
		return *refusal
	}
	r, _ := e.liveGiftRoom(q.RoomID, c.now)
	for _, receiver := range receivers {
		r.live.giftRecords = append(r.live.giftRecords, giftRecord{sender: q.FromAccount, receiver: receiver, count: count, coins: coins, at: c.now})
		r.live.countGift(q.FromAccount, count, coins)
	}
	return ok(nil)
}

// checkGift checks that the room exists and the gift is in the catalogue, and returns the value
// of count of it to one receiver. The caller holds e.mu.
func (e *Emulator) checkGift(q wire.LiveSendGiftRequest, count int64, now time.Time) (int64, *answer) {
	if _, refusal := e.liveGiftRoom(q.RoomID, now); refusal != nil {
		return 0, refusal
	}
	gift, known := e.state.giftCatalogue().gifts[q.GiftID]
	if !known {
		a := fail(catalog.CodeGiftNotFound, fmt.Sprintf("gift %q is not in the gift catalogue", q.GiftID))
		return 0, &a
	}
	return count * gift.info.Coins, nil
}

// giftCountRequest is get_gift_count's packet with the window Tencent's console adds
// (StartTime, EndTime: Unix seconds, inclusive; L-32).
type giftCountRequest struct {
	RoomID      string `json:"RoomId"`
	FromAccount string `json:"From_Account"`
	StartTime   *int64 `json:"StartTime"`
	EndTime     *int64 `json:"EndTime"`
}

// liveGetGiftCount implements get_gift_count: the gifts From_Account received in the room
// (Choices.GiftCountBySender: sent), their value, the distinct senders among them, and
// Sequence = the number of records counted (L-32, L-56). Vendor page: https://trtc.io/document/72557.
func (e *Emulator) liveGetGiftCount(c *call) answer {
	var q giftCountRequest
	if err := decodeBody(c.body, &q); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	r, refusal := e.liveGiftRoom(q.RoomID, c.now)
	if refusal != nil {
		return *refusal
	}
	var sequence, total, coins int64
	senders := map[string]bool{}
	for _, record := range r.live.giftRecords {
		user := record.receiver
		if e.cfg.Choices.GiftCountBySender {
			user = record.sender
		}
		if user != q.FromAccount ||
			q.StartTime != nil && record.at.Unix() < *q.StartTime || q.EndTime != nil && record.at.Unix() > *q.EndTime {
			continue
		}
		sequence++
		total += record.count
		coins += record.coins
		senders[record.sender] = true
	}
	return ok(map[string]any{"Response": map[string]any{
		"Sequence": sequence, "TotalCount": total, "TotalCoins": coins, "GiftSenderCount": len(senders),
	}})
}
