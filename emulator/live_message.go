package emulator

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// liveMaxLayoutMode is the last built-in layout of set_mix_stream the client docs list (0-9);
// 1000 is the custom layout (docs/errata-live.md L-30).
const liveMaxLayoutMode = 9

// liveMix is the mixed-stream layout set_mix_stream last set, which resume_mcu_task restores.
type liveMix struct {
	request wire.LiveSetMixStreamRequest
}

// liveMessage is a room message accepted by the checks of its command, on its way through the
// blocking Group.CallbackBeforeSendMsg: the room and the event fields both message events share
// (callbacks.md B3).
type liveMessage struct {
	roomID string
	fields map[string]any
}

// prepareMessage makes the message fields of the events: GroupId the room, Type Live, the
// sender, the administrator who called, a random 32-bit Random, a MsgId, MsgBody and, when
// set, CloudCustomData. It runs under e.mu.
func (e *Emulator) prepareMessage(c *call, r *room, sender string, body []map[string]any, cloudCustomData string) *liveMessage {
	random := rand.Uint32()
	fields := map[string]any{
		"GroupId": r.id, "Type": liveRoomType, "From_Account": sender, "Operator_Account": c.identifier,
		"Random": random, "MsgId": fmt.Sprintf("%d-%d-%d", e.cfg.SDKAppID, c.now.Unix(), random), "MsgBody": body,
	}
	if cloudCustomData != "" {
		fields["CloudCustomData"] = cloudCustomData
	}
	return &liveMessage{roomID: r.id, fields: fields}
}

// sendMessage asks Group.CallbackBeforeSendMsg (blocking, without the lock: live_before.go)
// whether the message goes ahead, then, in a room still there, counts it, reports
// Group.CallbackAfterSendMsg and answers Response {MsgTime, MsgSeq} (the 2025-11 Chinese
// pages), or the envelope only (Choices.LiveMessageWithoutResponse, the English pages; L-29).
func (e *Emulator) sendMessage(c *call, m *liveMessage) answer {
	from := restOrigin(c)
	before := maps.Clone(m.fields)
	e.mu.Lock()
	before["EventTime"] = e.clock.Now().UnixMilli()
	e.mu.Unlock()
	if allowed, code, info := e.beforeLiveEvent(c.ctx, catalog.LiveEventBeforeSendMsg, from, before); !allowed {
		return fail(code, info)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.clock.Now()
	r, exists := e.state.roomOf(familyLive, m.roomID, now)
	if !exists { // dissolved while the callback was awaited
		return roomNotFound(familyLive, m.roomID)
	}
	seq := r.live.countMessage()
	after := maps.Clone(m.fields)
	after["MsgSeq"], after["MsgTime"] = seq, now.Unix()
	e.emitLive(catalog.LiveEventAfterSendMsg, from, false, after)
	if e.cfg.Choices.LiveMessageWithoutResponse {
		return ok(nil)
	}
	return ok(map[string]any{"Response": map[string]any{"MsgTime": now.Unix(), "MsgSeq": seq}})
}

// senderRefusal refuses a sender that is not an imported account (100002): a message is sent
// as an existing user (L-48).
func (e *Emulator) senderRefusal(sender string) *answer {
	if e.state.imported(sender) {
		return nil
	}
	a := fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Sender_Account %q is not an imported account", sender))
	return &a
}

// liveSendTextMsg implements send_text_msg: the sender must be imported and ExtensionInfo,
// when not empty, JSON text (100002). Mutes and IsMessageDisabled do not stop a message the
// administrator sends (L-48). The message is a TIMTextElem; ExtensionInfo is its
// CloudCustomData. Vendor page: https://trtc.io/document/74353.
func (e *Emulator) liveSendTextMsg(c *call) answer {
	var m *liveMessage
	checked := withLiveRoom(e, c, func(q *wire.LiveSendTextMsgRequest) string { return q.RoomID },
		func(q *wire.LiveSendTextMsgRequest, r *room) answer {
			if refusal := e.senderRefusal(q.SenderAccount); refusal != nil {
				return *refusal
			}
			extension := valueOr(q.ExtensionInfo, "")
			if extension != "" && !json.Valid([]byte(extension)) {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: ExtensionInfo %.60q is not JSON text", extension))
			}
			m = e.prepareMessage(c, r, q.SenderAccount,
				[]map[string]any{{"MsgType": "TIMTextElem", "MsgContent": map[string]any{"Text": q.TextContent}}}, extension)
			return ok(nil)
		})
	if m == nil {
		return checked
	}
	return e.sendMessage(c, m)
}

// customData is send_custom_msg's Data as the element's text: a string as it is, a number in
// decimal (L-29).
func customData(v any) string {
	switch d := v.(type) {
	case string:
		return d
	case float64:
		return strconv.FormatFloat(d, 'f', -1, 64)
	case nil:
		return ""
	default:
		raw, _ := json.Marshal(d)
		return string(raw)
	}
}

// liveSendCustomMsg implements send_custom_msg: Sender_Account, when given, must be imported
// (100002); Data is a string or an integer (L-29). The message is a TIMCustomElem with Data
// (an integer as its decimal text) and the BusinessId as Desc; without Sender_Account it is
// sent as the administrator. Vendor page: https://trtc.io/document/74354.
func (e *Emulator) liveSendCustomMsg(c *call) answer {
	var m *liveMessage
	checked := withLiveRoom(e, c, func(q *wire.LiveSendCustomMsgRequest) string { return q.RoomID },
		func(q *wire.LiveSendCustomMsgRequest, r *room) answer {
			sender := c.identifier
			if q.SenderAccount != nil {
				if refusal := e.senderRefusal(*q.SenderAccount); refusal != nil {
					return *refusal
				}
				sender = *q.SenderAccount
			}
			data := customData(q.Data)
			m = e.prepareMessage(c, r, sender,
				[]map[string]any{{"MsgType": "TIMCustomElem", "MsgContent": map[string]any{"Data": data, "Desc": q.BusinessID}}}, "")
			return ok(nil)
		})
	if m == nil {
		return checked
	}
	return e.sendMessage(c, m)
}

// mixRefusal checks the preconditions of mixing (L-30): the room was created with
// IsUnlimitedRoomEnabled, the layout mode is 0-9 or 1000 (with LayoutInfo), and every host
// placed is on a seat of the room its entry names (100002).
func (e *Emulator) mixRefusal(r *room, q *wire.LiveSetMixStreamRequest, now time.Time) *answer {
	refuse := func(format string, args ...any) *answer {
		a := fail(catalog.CodeInvalidParameter, fmt.Sprintf(format, args...))
		return &a
	}
	switch {
	case !r.live.unlimited:
		return refuse("invalid parameter: Live room %q was not created with IsUnlimitedRoomEnabled: it has no mixed stream", r.id)
	case q.LayoutMode != wire.LiveLayoutCustom && (q.LayoutMode < 0 || q.LayoutMode > liveMaxLayoutMode):
		return refuse("invalid parameter: LayoutMode %d is neither a built-in layout (0-%d) nor the custom one (%d)", q.LayoutMode, liveMaxLayoutMode, wire.LiveLayoutCustom)
	case q.LayoutMode == wire.LiveLayoutCustom && q.LayoutInfo == nil:
		return refuse("invalid parameter: LayoutMode %d (custom) needs LayoutInfo", q.LayoutMode)
	}
	if q.LayoutInfo == nil {
		return nil
	}
	type placed struct{ roomID, account string }
	var hosts []placed
	for _, p := range q.LayoutInfo.LayoutList {
		hosts = append(hosts, placed{p.RoomID, p.MemberAccount})
	}
	if m := q.LayoutInfo.MaxUserLayout; m != nil {
		hosts = append(hosts, placed{m.RoomID, m.MemberAccount})
	}
	for _, h := range hosts {
		host, exists := r, true
		if h.roomID != r.id {
			host, exists = e.state.roomOf(familyLive, h.roomID, now)
		}
		if !exists || host.seatOf(h.account) < 0 {
			return refuse("invalid parameter: host %q is not on a seat of Live room %q: only seated hosts are mixed", h.account, h.roomID)
		}
	}
	return nil
}

// liveSetMixStream implements set_mix_stream: the layout is checked and kept for
// resume_mcu_task. Vendor page: https://trtc.io/document/69077.
func (e *Emulator) liveSetMixStream(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveSetMixStreamRequest) string { return q.RoomID },
		func(q *wire.LiveSetMixStreamRequest, r *room) answer {
			if refusal := e.mixRefusal(r, q, c.now); refusal != nil {
				return *refusal
			}
			r.live.mix = &liveMix{request: *q}
			return ok(nil)
		})
}

// liveResumeMcuTask implements resume_mcu_task: the room's last layout is checked again (the
// same preconditions) and restored. A room that never had one gets the default grid, or 100002
// (Choices.ResumeWithoutLayoutRefused). Vendor page:
// https://www.tencentcloud.com/document/product/647/72333.
func (e *Emulator) liveResumeMcuTask(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveRoomIDRequest) string { return q.RoomID },
		func(_ *wire.LiveRoomIDRequest, r *room) answer {
			last := wire.LiveSetMixStreamRequest{RoomID: r.id, LayoutMode: wire.LiveLayoutGrid}
			if r.live.mix != nil {
				last = r.live.mix.request
			} else if r.live.unlimited && e.cfg.Choices.ResumeWithoutLayoutRefused {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: Live room %q has no mixing layout to resume: call set_mix_stream first", r.id))
			}
			if refusal := e.mixRefusal(r, &last, c.now); refusal != nil {
				return *refusal
			}
			return ok(nil)
		})
}
