package emulator

import (
	"encoding/json"
	"fmt"
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

// liveSent answers a message sent: Response {MsgTime, MsgSeq} (the 2025-11 Chinese pages), or
// the envelope only (Choices.LiveMessageWithoutResponse, the English pages; L-29).
func (e *Emulator) liveSent(c *call, r *room) answer {
	seq := r.live.countMessage()
	if e.cfg.Choices.LiveMessageWithoutResponse {
		return ok(nil)
	}
	return ok(map[string]any{"Response": map[string]any{"MsgTime": c.now.Unix(), "MsgSeq": seq}})
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
// administrator sends (L-48). Vendor page: https://trtc.io/document/74353.
func (e *Emulator) liveSendTextMsg(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveSendTextMsgRequest) string { return q.RoomID },
		func(q *wire.LiveSendTextMsgRequest, r *room) answer {
			if refusal := e.senderRefusal(q.SenderAccount); refusal != nil {
				return *refusal
			}
			if extension := valueOr(q.ExtensionInfo, ""); extension != "" && !json.Valid([]byte(extension)) {
				return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: ExtensionInfo %.60q is not JSON text", extension))
			}
			return e.liveSent(c, r)
		})
}

// liveSendCustomMsg implements send_custom_msg: Sender_Account, when given, must be imported
// (100002); Data is a string or an integer (L-29). Vendor page: https://trtc.io/document/74354.
func (e *Emulator) liveSendCustomMsg(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveSendCustomMsgRequest) string { return q.RoomID },
		func(q *wire.LiveSendCustomMsgRequest, r *room) answer {
			if q.SenderAccount != nil {
				if refusal := e.senderRefusal(*q.SenderAccount); refusal != nil {
					return *refusal
				}
			}
			return e.liveSent(c, r)
		})
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
