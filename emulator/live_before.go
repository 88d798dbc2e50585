package emulator

// Blocking Live callbacks: the "Before" events of the Live command list, which the action that
// causes them waits for (callbacks.md B1, B3; docs/emulator.md "Live callbacks"; errata L-42,
// L-58). Vendor pages: https://trtc.io/document/72210 (Live.CallbackBeforeSendGift),
// https://www.tencentcloud.com/document/product/647/74347 (Group.CallbackBeforeSendMsg, "Chat
// semantics"), https://trtc.io/document/64413 (the NotBlock flag).

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// Codes of a refusal by a before-callback.
const (
	// beforeGiftFailed is send_gift's "the before-gift callback failed" (L-31).
	beforeGiftFailed = 102004
	// beforeMsgRefusedChat is Chat's "the App backend refused the operation through a callback",
	// which a refused room message answers by default (the Live page defers to Chat, L-58).
	beforeMsgRefusedChat = 10016
	// beforePassFirst..beforePassLast: reply codes passed to the REST caller as they are.
	beforePassFirst, beforePassLast = 102100, 102200
	// beforeRounds bounds how often a decision is asked again of a configuration that replaced
	// the one a reply was awaited from.
	beforeRounds = 3
	// beforeReplyLimit bounds the reply read.
	beforeReplyLimit = 64 << 10
)

// beforeReply is what a blocking callback's reply may carry that the emulator reads. Anything
// else in it (Chat's replacement MsgBody or CloudCustomData) is ignored: a reply decides, it
// never edits (docs/emulator.md).
type beforeReply struct {
	ActionStatus string `json:"ActionStatus"`
	ErrorCode    *int   `json:"ErrorCode"`
	ErrorInfo    string `json:"ErrorInfo"`
}

// beforeRefusal is the code a refusal ("1", or an unusable reply while blocking) answers for
// event.
func (e *Emulator) beforeRefusal(event string) int {
	if event == catalog.LiveEventBeforeSendMsg && !e.cfg.Choices.LiveMessageRefusedAsGift {
		return beforeMsgRefusedChat
	}
	return beforeGiftFailed
}

// beforeLiveEvent runs the blocking before-callback event for an action of from: when the
// live_config configuration lists event, it POSTs payload (CallbackCommand added; the caller
// puts the event's own fields, EventTime and Operator_Account included where the page has
// them) to the configured Url, with the URL parameters and signature of every Live delivery,
// and waits for the reply, at most Config.CallbackTimeout (2 s by default, the documented
// wait).
//
//   - reply ErrorCode 0: allowed.
//   - 1: refused with beforeRefusal(event) and the reply's ErrorInfo.
//   - 102100–102200: refused with that code and ErrorInfo (passed to the REST caller).
//   - no reply in time, a transport error, a status other than 200, a body that is not the
//     reply object or another code: allowed when the configuration lists
//     Live.CallbackBeforeCallBackNotBlock, refused with beforeRefusal(event) otherwise.
//
// It must be called without e.mu, which it takes only to read the configuration and sign,
// never while waiting. When the configuration is replaced or deleted while it waits, the wait
// ends and the decision is taken again against the configuration in force (none listing the
// word: allowed), at most beforeRounds times. The caller checks its own state again under
// e.mu afterwards: the world may have changed while it waited.
func (e *Emulator) beforeLiveEvent(ctx context.Context, event string, from origin, payload map[string]any) (allowed bool, code int, info string) {
	if ctx == nil {
		ctx = context.Background()
	}
	body := map[string]any{"CallbackCommand": event}
	for key, value := range payload {
		body[key] = value
	}
	raw, err := json.Marshal(body)
	if err != nil {
		e.cfg.Logger.Error("encode callback", "command", event, "err", err)
		return false, e.beforeRefusal(event), "the before-callback could not be encoded"
	}
	for range beforeRounds {
		e.mu.Lock()
		cfg := e.state.liveCallback
		if cfg == nil || !slices.Contains(cfg.commands, event) {
			e.mu.Unlock()
			return true, 0, ""
		}
		notBlock := slices.Contains(cfg.commands, catalog.LiveCallbackNotBlock)
		target := e.callbackURL(cfg.url, event, from, e.liveSignature(e.clock.Now()))
		generation := e.notifier.generationOf(catalog.ServiceLiveConfig)
		e.mu.Unlock()

		reply, problem := e.awaitBefore(ctx, generation, target, event, raw)

		e.mu.Lock()
		replaced := e.state.liveCallback != cfg
		e.mu.Unlock()
		if replaced {
			continue // the reply, if any, is from a configuration no longer in force
		}
		if problem == "" {
			switch c := *reply.ErrorCode; {
			case c == 0:
				return true, 0, ""
			case c == 1:
				return false, e.beforeRefusal(event), refusalInfo(reply.ErrorInfo, event+" refused the action (ErrorCode 1)")
			case c >= beforePassFirst && c <= beforePassLast:
				return false, c, refusalInfo(reply.ErrorInfo, fmt.Sprintf("%s refused the action (ErrorCode %d)", event, c))
			default:
				problem = fmt.Sprintf("reply ErrorCode %d is neither 0, 1 nor 102100-102200", c)
			}
		}
		e.cfg.Logger.Warn("blocking callback failed", "command", event, "problem", problem, "notBlock", notBlock)
		if notBlock {
			return true, 0, ""
		}
		return false, e.beforeRefusal(event), fmt.Sprintf("%s failed: %s", event, problem)
	}
	return false, e.beforeRefusal(event), event + ": the webhook configuration kept changing while its reply was awaited"
}

func refusalInfo(given, fallback string) string {
	if given != "" {
		return given
	}
	return fallback
}

// awaitBefore POSTs one blocking delivery and reads its reply; problem says why the reply is
// unusable ("" when it is usable). The wait ends with the REST request, the timeout, or the
// configuration it was made for (generation).
func (e *Emulator) awaitBefore(ctx, generation context.Context, target, event string, raw []byte) (beforeReply, string) {
	ctx, cancel := context.WithTimeout(ctx, e.cfg.CallbackTimeout)
	defer cancel()
	stop := context.AfterFunc(generation, cancel)
	defer stop()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(raw))
	if err != nil {
		return beforeReply{}, "not sent: " + err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.notifier.http.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return beforeReply{}, fmt.Sprintf("no reply within %v", e.cfg.CallbackTimeout)
		}
		return beforeReply{}, "no reply: " + err.Error()
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return beforeReply{}, fmt.Sprintf("answered HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, beforeReplyLimit))
	if err != nil {
		return beforeReply{}, "reply unreadable: " + err.Error()
	}
	var reply beforeReply
	if err := json.Unmarshal(data, &reply); err != nil {
		return beforeReply{}, "reply is not a JSON object: " + err.Error()
	}
	if reply.ErrorCode == nil {
		return beforeReply{}, "reply without ErrorCode"
	}
	return reply, ""
}
