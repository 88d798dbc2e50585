package emulator

// Live callbacks (issue 14): the live_config commands, the webhook token and the signature of
// Live deliveries. The deliveries themselves go through the one notifier (callback.go).
// Vendor pages: https://trtc.io/document/64412 (Live Webhooks Overview), 64418-64421
// (configuration), 69528-69530 (token).

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// liveCallbackToken is the application's webhook token configuration.
type liveCallbackToken struct {
	token   string
	enabled bool
}

// LiveCallbackSign is the documented signature of a Live delivery: the lower-case hex SHA-256
// of the token followed by RequestTime, Unix seconds in decimal (https://trtc.io/document/64412;
// test vector: token "xxxxyyyy", time 1669872112 →
// 17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061).
func LiveCallbackSign(token, requestTime string) string {
	sum := sha256.Sum256([]byte(token + requestTime))
	return hex.EncodeToString(sum[:])
}

// knownLiveCallbackCommand reports whether a word is one of the 19 of the Live command list.
func knownLiveCallbackCommand(command string) bool {
	return slices.Contains(catalog.LiveCallbackCommands, command)
}

// liveGetCallback implements live_config/get_callback; without a configuration it answers
// 100301 (L-41). Vendor page: https://trtc.io/document/64418.
func (e *Emulator) liveGetCallback(*call) answer {
	e.mu.Lock()
	defer e.mu.Unlock()
	cfg := e.state.liveCallback
	if cfg == nil {
		return fail(catalog.CodeCallbackMissing, "no Live webhook configuration: create one with set_callback")
	}
	return ok(map[string]any{"Response": wire.CallbackConfig{URL: cfg.url, CallbackCommandList: cfg.commands}})
}

// liveSetCallback implements live_config/set_callback: one configuration per application
// (100300). Vendor page: https://trtc.io/document/64420.
func (e *Emulator) liveSetCallback(c *call) answer { return e.liveStoreCallback(c, false) }

// liveUpdateCallback implements live_config/update_callback: it replaces the configuration
// (100301 without one). Vendor page: https://trtc.io/document/64419.
func (e *Emulator) liveUpdateCallback(c *call) answer { return e.liveStoreCallback(c, true) }

func (e *Emulator) liveStoreCallback(c *call, update bool) answer {
	var req wire.CallbackConfig
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	if e.cfg.Choices.LiveUnknownCallbackCommandIgnored {
		req.CallbackCommandList = slices.DeleteFunc(slices.Clone(req.CallbackCommandList), func(command string) bool { return !knownLiveCallbackCommand(command) })
	}
	if err := e.validCallbackURL(req.URL, c.localAddr); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: Url "+err.Error())
	}
	for _, command := range req.CallbackCommandList {
		if !knownLiveCallbackCommand(command) {
			return fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: %q is not a Live webhook command", command))
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	switch exists := e.state.liveCallback != nil; {
	case update && !exists:
		return fail(catalog.CodeCallbackMissing, "no Live webhook configuration to update: create one with set_callback")
	case !update && exists:
		return fail(catalog.CodeCallbackExists, "a Live webhook configuration exists already: change it with update_callback")
	}
	e.state.liveCallback = &callbackConfig{url: req.URL, commands: append([]string{}, req.CallbackCommandList...)}
	e.notifier.dropPendingOf(catalog.ServiceLiveConfig)
	return ok(nil)
}

// liveDeleteCallback implements live_config/delete_callback; deleting nothing succeeds (L-41).
// With Choices.LiveDeleteCallbackDeletesToken the token goes with it.
// Vendor page: https://trtc.io/document/64421.
func (e *Emulator) liveDeleteCallback(*call) answer {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.state.liveCallback = nil
	if e.cfg.Choices.LiveDeleteCallbackDeletesToken {
		e.state.liveToken = nil
	}
	e.notifier.dropPendingOf(catalog.ServiceLiveConfig)
	return ok(nil)
}

// liveSetCallbackToken implements set_callback_token: the first call must carry Token and
// IsTokenEnable (100002), later calls change what they carry. The schema bounds the token at
// 1 to 128 characters (L-41). Vendor page: https://trtc.io/document/69528.
func (e *Emulator) liveSetCallbackToken(c *call) answer {
	var req wire.LiveCallbackTokenRequest
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	current := e.state.liveToken
	if current == nil && (req.Token == nil || req.IsTokenEnable == nil) {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: the first set_callback_token carries both Token and IsTokenEnable")
	}
	next := liveCallbackToken{}
	if current != nil {
		next = *current
	}
	setIf(&next.token, req.Token)
	setIf(&next.enabled, req.IsTokenEnable)
	e.state.liveToken = &next
	e.notifier.dropPendingOf(catalog.ServiceLiveConfig) // signed with the token replaced
	return ok(nil)
}

// liveGetCallbackToken implements get_callback_token: 100302 without a token configuration.
// Vendor page: https://trtc.io/document/69529.
func (e *Emulator) liveGetCallbackToken(*call) answer {
	e.mu.Lock()
	defer e.mu.Unlock()
	t := e.state.liveToken
	if t == nil {
		return fail(catalog.CodeCallbackTokenMissing, "no webhook token configuration: create one with set_callback_token")
	}
	return ok(map[string]any{"Response": wire.LiveCallbackToken{Token: t.token, IsTokenEnable: t.enabled}})
}

// liveDeleteCallbackToken implements delete_callback_token: deliveries are no longer signed;
// deleting nothing succeeds (L-41). Vendor page: https://trtc.io/document/69530.
func (e *Emulator) liveDeleteCallbackToken(*call) answer {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.state.liveToken = nil
	e.notifier.dropPendingOf(catalog.ServiceLiveConfig)
	return ok(nil)
}

// emitLive queues a Live event for the live_config configuration when it lists the word, with
// EventTime in milliseconds and, when operator, Operator_Account; signed when a token is
// enabled. It runs under e.mu.
func (e *Emulator) emitLive(command string, from origin, operator bool, fields map[string]any) {
	cfg := e.state.liveCallback
	if cfg == nil || !slices.Contains(cfg.commands, command) {
		return
	}
	now := e.clock.Now()
	body := map[string]any{"CallbackCommand": command, "EventTime": now.UnixMilli()}
	if operator {
		body["Operator_Account"] = from.operator
	}
	for key, value := range fields {
		body[key] = value
	}
	e.post(catalog.ServiceLiveConfig, cfg.url, command, from, body, e.liveSignature(now))
}

// liveSignature is the Sign and RequestTime parameters of a Live delivery made at now, or none
// while no token is enabled. It runs under e.mu.
func (e *Emulator) liveSignature(now time.Time) [][2]string {
	t := e.state.liveToken
	if t == nil || !t.enabled {
		return nil
	}
	requestTime := strconv.FormatInt(now.Unix(), 10)
	return [][2]string{{"Sign", LiveCallbackSign(t.token, requestTime)}, {"RequestTime", requestTime}}
}
