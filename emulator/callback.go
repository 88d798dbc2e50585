package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// Delivery settings: the Conference pages state no timeout; the Chat overview they cite
// gives 2 s, and delivery is at most once.
const (
	DefaultCallbackTimeout = 2 * time.Second
	callbackQueue          = 1024
	callbackWorkers        = 4
)

// Platforms reported in OptPlatform: REST calls, and the client SDK the control plane stands in for.
const (
	platformREST = "RESTAPI"
	platformSDK  = "Unknown"
)

// callbackConfig is the one configuration an application may have.
type callbackConfig struct {
	url      string
	commands []string
}

// origin says who caused an event and from where, for Operator_Account, ClientIP and
// OptPlatform.
type origin struct {
	operator string
	clientIP string
	platform string
}

func restOrigin(c *call) origin {
	return origin{operator: c.identifier, clientIP: c.clientIP, platform: platformREST}
}

// clientIPOf is the caller's IP as the server sees it.
func clientIPOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// knownCallbackCommand reports whether a command word is one of the documented six, or the
// older spelling of the update event (callbacks.md C-1).
func knownCallbackCommand(command string) bool {
	return slices.Contains(catalog.Events, command) || command == catalog.EventUpdateRoomInfoOld
}

// validCallback checks what the schema cannot: the Url is a usable http(s) URL that is not
// the emulator itself (validCallbackURL), and every command word is known.
func (e *Emulator) validCallback(cfg wire.CallbackConfig, c *call) *answer {
	if err := e.validCallbackURL(cfg.URL, c.localAddr); err != nil {
		a := fail(catalog.CodeInvalidParameter, "invalid parameter: Url "+err.Error())
		return &a
	}
	for _, command := range cfg.CallbackCommandList {
		if !knownCallbackCommand(command) {
			a := fail(catalog.CodeInvalidParameter, fmt.Sprintf("invalid parameter: %q is not a Conference callback command", command))
			return &a
		}
	}
	return nil
}

// getCallback implements room_config/get_callback; with nothing configured it answers 100301.
// Vendor page: https://trtc.io/document/60730.
func (e *Emulator) getCallback(*call) answer {
	e.mu.Lock()
	defer e.mu.Unlock()
	cfg := e.state.callback
	if cfg == nil && e.cfg.Choices.MissingCallbackEmpty {
		return ok(map[string]any{"Response": wire.CallbackConfig{CallbackCommandList: []string{}}})
	}
	if cfg == nil {
		return fail(catalog.CodeCallbackMissing, "no callback configuration: create one with set_callback")
	}
	return ok(map[string]any{"Response": wire.CallbackConfig{URL: cfg.url, CallbackCommandList: cfg.commands}})
}

// setCallback implements room_config/set_callback: one configuration per application.
// Vendor page: https://trtc.io/document/60729.
func (e *Emulator) setCallback(c *call) answer {
	return e.storeCallback(c, false)
}

// updateCallback implements room_config/update_callback: it replaces the configuration.
// Vendor page: https://trtc.io/document/60728.
func (e *Emulator) updateCallback(c *call) answer {
	return e.storeCallback(c, true)
}

func (e *Emulator) storeCallback(c *call, update bool) answer {
	var req wire.CallbackConfig
	if err := decodeBody(c.body, &req); err != nil {
		return fail(catalog.CodeInvalidParameter, "invalid parameter: "+err.Error())
	}
	if e.cfg.Choices.UnknownCallbackCommandIgnored {
		req.CallbackCommandList = slices.DeleteFunc(slices.Clone(req.CallbackCommandList), func(command string) bool { return !knownCallbackCommand(command) })
	}
	if refusal := e.validCallback(req, c); refusal != nil {
		return *refusal
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	switch exists := e.state.callback != nil; {
	case update && !exists:
		return fail(catalog.CodeCallbackMissing, "no callback configuration to update: create one with set_callback")
	case !update && exists:
		return fail(catalog.CodeCallbackExists, "a callback configuration exists already: change it with update_callback")
	}
	e.state.callback = &callbackConfig{url: req.URL, commands: append([]string{}, req.CallbackCommandList...)}
	e.notifier.dropPendingOf(catalog.ServiceConfig) // deliveries to the configuration replaced
	return ok(nil)
}

// deleteCallback implements room_config/delete_callback; deleting nothing succeeds.
// Vendor page: https://trtc.io/document/60727.
func (e *Emulator) deleteCallback(*call) answer {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.state.callback == nil && e.cfg.Choices.DeleteMissingCallbackRefused {
		return fail(catalog.CodeCallbackMissing, "no callback configuration to delete")
	}
	e.state.callback = nil
	e.notifier.dropPendingOf(catalog.ServiceConfig)
	return ok(nil)
}

// emit queues an event for delivery when the configuration lists its command word. It runs
// under e.mu and never blocks: a full queue drops the event (delivery is at most once).
func (e *Emulator) emit(command string, from origin, fields map[string]any) {
	cfg := e.state.callback
	if cfg == nil || !(slices.Contains(cfg.commands, command) ||
		command == catalog.EventAfterUpdateRoomInfo && slices.Contains(cfg.commands, catalog.EventUpdateRoomInfoOld)) {
		return
	}
	body := map[string]any{"CallbackCommand": command, "Operator_Account": from.operator, "EventTime": e.clock.Now().UnixMilli()}
	for key, value := range fields {
		body[key] = value
	}
	e.post(catalog.ServiceConfig, cfg.url, command, from, body, nil)
}

// post encodes an event and queues it for the configuration named config (its service), at
// target with the documented URL parameters, then the extra ones in their order (Live's
// Sign and RequestTime).
func (e *Emulator) post(config, target, command string, from origin, body map[string]any, extra [][2]string) {
	raw, err := json.Marshal(body)
	if err != nil {
		e.cfg.Logger.Error("encode callback", "command", command, "err", err)
		return
	}
	e.notifier.send(delivery{config: config, url: e.callbackURL(target, command, from, extra), command: command, body: raw})
}

// callbackURL is target with the documented URL parameters of a delivery, then the extra ones
// in their order (Live's Sign and RequestTime): queued and blocking deliveries share it.
func (e *Emulator) callbackURL(target, command string, from origin, extra [][2]string) string {
	query := url.Values{
		"SdkAppid":        {strconv.FormatUint(e.cfg.SDKAppID, 10)},
		"CallbackCommand": {command},
		"contenttype":     {"json"},
		"ClientIP":        {from.clientIP},
		"OptPlatform":     {from.platform},
	}
	encoded := query.Encode()
	for _, pair := range extra {
		encoded += "&" + url.QueryEscape(pair[0]) + "=" + url.QueryEscape(pair[1])
	}
	if strings.Contains(target, "?") {
		target += "&" + encoded
	} else {
		target += "?" + encoded
	}
	return target
}

// delivery is one callback on its way. ctx is the generation of the configuration it was
// made for: replacing or deleting the configuration ends it, queued or in flight.
type delivery struct {
	ctx     context.Context
	config  string // the service of the configuration it was made for
	url     string
	command string
	body    []byte
}

// notifier posts callbacks from a few workers, started on first use, so that a slow or dead
// receiver costs the REST caller nothing.
type notifier struct {
	once    sync.Once
	queue   chan delivery
	http    *http.Client
	log     func(msg string, args ...any)
	stop    context.CancelFunc
	ctx     context.Context
	workers sync.WaitGroup

	// generations are the contexts of the configurations in force (room_config, live_config),
	// children of ctx: replacing one configuration ends only its own deliveries.
	genMu       sync.Mutex
	generations map[string]generation
}

type generation struct {
	ctx context.Context
	end context.CancelFunc
}

func newNotifier(timeout time.Duration, guard *selfGuard, log func(string, ...any)) *notifier {
	ctx, cancel := context.WithCancel(context.Background())
	n := &notifier{
		queue: make(chan delivery, callbackQueue),
		http: &http.Client{Timeout: timeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			Transport:     guard.transport()},
		log:  log,
		ctx:  ctx,
		stop: cancel,
	}
	n.generations = map[string]generation{}
	return n
}

// dropPending ends every delivery made so far, for every configuration: they were reset.
func (n *notifier) dropPending() {
	n.genMu.Lock()
	defer n.genMu.Unlock()
	for config, g := range n.generations {
		g.end()
		delete(n.generations, config)
	}
}

// dropPendingOf ends the deliveries made for one configuration (its service): it was
// replaced or deleted, and a slow receiver must not hold later events behind them.
func (n *notifier) dropPendingOf(config string) {
	n.genMu.Lock()
	defer n.genMu.Unlock()
	if g, ok := n.generations[config]; ok {
		g.end()
		delete(n.generations, config)
	}
}

// generationOf is the context of the configuration (its service) in force: it ends when the
// configuration is replaced or deleted (dropPendingOf), or the emulator closes.
func (n *notifier) generationOf(config string) context.Context {
	n.genMu.Lock()
	defer n.genMu.Unlock()
	g, ok := n.generations[config]
	if !ok {
		ctx, end := context.WithCancel(n.ctx)
		g = generation{ctx: ctx, end: end}
		n.generations[config] = g
	}
	return g.ctx
}

func (n *notifier) send(d delivery) {
	d.ctx = n.generationOf(d.config)
	n.once.Do(func() {
		for range callbackWorkers {
			n.workers.Add(1)
			go n.work()
		}
	})
	select {
	case n.queue <- d:
	default:
		n.log("callback dropped: queue full", "command", d.command)
	}
}

func (n *notifier) work() {
	defer n.workers.Done()
	for {
		select {
		case <-n.ctx.Done():
			return
		case d := <-n.queue:
			n.deliver(d)
		}
	}
}

func (n *notifier) deliver(d delivery) {
	if d.ctx.Err() != nil {
		n.log("callback dropped: its configuration was replaced", "command", d.command)
		return
	}
	req, err := http.NewRequestWithContext(d.ctx, http.MethodPost, d.url, bytes.NewReader(d.body))
	if err != nil {
		n.log("callback not sent", "command", d.command, "err", err)
		return
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := n.http.Do(req)
	if err != nil {
		n.log("callback failed", "command", d.command, "err", err)
		return
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		n.log("callback answered with an error status", "command", d.command, "status", resp.StatusCode)
	}
}

// close stops the workers; callbacks still queued are dropped.
func (n *notifier) close() {
	n.stop()
	n.workers.Wait()
}

func (e *Emulator) emitCreated(from origin, r *room, now time.Time) {
	info := e.reportedRoom(r, now)
	invitees := r.conference.invitees
	fields := map[string]any{"RoomInfo": wire.CallbackRoomInfo{
		RoomID: info.RoomID, RoomName: info.RoomName, RoomType: info.RoomType, OwnerAccount: info.OwnerAccount,
		MaxMemberCount: info.MaxMemberCount, MaxSeatCount: info.MaxSeatCount,
		IsVideoDisabled: info.IsVideoDisabled, IsAudioDisabled: info.IsAudioDisabled, IsMessageDisabled: info.IsMessageDisabled,
		IsScreenSharingDisabled: info.IsScreenSharingDisabled, IsCloudRecordingDisabled: info.IsCloudRecordingDisabled,
		CustomInfo: info.CustomInfo, ScheduleStartTime: info.ScheduleStartTime, ScheduleEndTime: info.ScheduleEndTime,
		RoomStatus: info.RoomStatus, IsSeatEnabled: info.IsSeatEnabled, TakeSeatMode: info.TakeSeatMode, CreateTime: info.CreateTime,
	}}
	if len(invitees) > 0 {
		fields["ScheduleInviteeList_Account"] = invitees
	}
	e.emit(catalog.EventAfterCreateRoom, from, fields)
}

func (e *Emulator) emitUpdated(from origin, r *room) {
	info := r.snapshot(e.clock.Now())
	e.emit(catalog.EventAfterUpdateRoomInfo, from, map[string]any{"RoomInfo": wire.CallbackRoomUpdate{
		RoomID: info.RoomID, RoomName: info.RoomName, OwnerAccount: info.OwnerAccount, TakeSeatMode: info.TakeSeatMode,
		MaxMemberCount: info.MaxMemberCount, IsVideoDisabled: info.IsVideoDisabled, IsAudioDisabled: info.IsAudioDisabled,
		IsMessageDisabled: info.IsMessageDisabled, IsScreenSharingDisabled: info.IsScreenSharingDisabled,
		IsCloudRecordingDisabled: info.IsCloudRecordingDisabled, CustomInfo: info.CustomInfo,
	}})
}

func (e *Emulator) emitMembers(command string, from origin, r *room, kind, reason string, accounts []string) {
	if r.family == familyLive {
		e.emitLiveMembers(from, r, kind == "Enter", accounts) // the live_config event (live_events.go)
		return
	}
	fields := map[string]any{"RoomId": r.id, "MemberCount": len(r.members), "Type": kind, "MemberList_Account": accounts}
	if command == catalog.EventAfterMemberLeave {
		fields["Reason"] = reason
	}
	e.emit(command, from, fields)
}

// emitSeats reports every seat of a room after a change: a Conference room's to the room_config
// configuration, a Live room's to the live_config one (live_events.go).
func (e *Emulator) emitSeats(from origin, r *room) {
	if r.family == familyLive {
		e.emitLiveSeats(from, r)
		return
	}
	e.emit(catalog.EventAfterSeatInfoChanged, from, map[string]any{"RoomId": r.id, "SeatList": r.seatList()})
}

// removeMembers takes members out of a room (kick or ban) and reports it: a leave event when
// leaveEvent, and a seat event when one of them sat on a seat.
func (e *Emulator) removeMembers(from origin, r *room, accounts []string, reason string, leaveEvent bool) {
	seated := false
	for _, account := range accounts {
		seated = seated || r.seatOf(account) >= 0
		r.leave(account, e.clock.Now())
	}
	if leaveEvent {
		e.emitMembers(catalog.EventAfterMemberLeave, from, r, "Kicked", reason, accounts)
	}
	if seated {
		e.emitSeats(from, r)
	}
}
