package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
)

// errNotFound marks control requests about things that do not exist (HTTP 404); errForbidden
// those the emulated service forbids, such as a banned user entering (HTTP 403).
// errConflict those the room's state refuses, such as a taken seat (HTTP 409).
var (
	errNotFound  = errors.New("not found")
	errForbidden = errors.New("forbidden")
	errConflict  = errors.New("conflict")
)

// registerControlPlane serves docs/control-plane.md.
func (e *Emulator) registerControlPlane(mux *http.ServeMux) {
	mux.HandleFunc("POST "+control.PathReset, e.controlReset)
	mux.HandleFunc("GET "+control.PathConfig, func(w http.ResponseWriter, _ *http.Request) {
		writeControl(w, e.ControlConfig(), nil)
	})
	mux.HandleFunc("GET "+control.PathClock, func(w http.ResponseWriter, _ *http.Request) {
		writeControl(w, e.clockState(), nil)
	})
	mux.HandleFunc("POST "+control.PathClock, e.controlClock)
	mux.HandleFunc("GET "+control.PathFaults, func(w http.ResponseWriter, _ *http.Request) {
		writeControl(w, control.Faults{Faults: e.faults.list()}, nil)
	})
	mux.HandleFunc("POST "+control.PathFaults, e.controlArmFault)
	mux.HandleFunc("DELETE "+control.PathFaults, func(w http.ResponseWriter, _ *http.Request) {
		e.faults.clear()
		writeControl(w, control.Answer{OK: true}, nil)
	})
	mux.HandleFunc("POST "+control.PathChatGroups, e.controlChatGroup)
	mux.HandleFunc("POST "+control.PathMemberEnter, e.controlEnter)
	mux.HandleFunc("POST "+control.PathMemberLeave, e.controlLeave)
	mux.HandleFunc("POST "+control.PathSeatTake, e.controlTakeSeat)
	mux.HandleFunc("POST "+control.PathMemberHeartbeat, e.controlHeartbeat) // Live callbacks (live_events.go)
}

// serveControl admits a control request: it must carry control.RequestHeader, which no
// callback delivery sends, and its body is cut at control.MaxRequestBytes.
func (e *Emulator) serveControl(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get(control.RequestHeader) == "" {
		writeControl(w, nil, fmt.Errorf("a control request carries the header %s (a callback delivery never does)", control.RequestHeader))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, control.MaxRequestBytes)
	e.control.ServeHTTP(w, r)
}

// Reset returns the emulator to its initial state: no rooms, no imported accounts but the
// administrators, no faults, no Chat groups, the wall clock.
func (e *Emulator) Reset() {
	e.mu.Lock()
	e.state = newState(e.cfg.Admins, e.cfg.Choices)
	e.watchDismissals()
	e.notifier.dropPending() // the callback configuration is gone with the rest
	e.mu.Unlock()
	e.faults.clear()
	e.clock.reset()
}

func (e *Emulator) controlReset(w http.ResponseWriter, _ *http.Request) {
	e.Reset()
	writeControl(w, control.Answer{OK: true}, nil)
}

func (e *Emulator) clockState() control.ClockState {
	return control.ClockState{UnixMillis: e.clock.Now().UnixMilli(), OffsetMillis: e.clock.offset().Milliseconds()}
}

func (e *Emulator) controlClock(w http.ResponseWriter, r *http.Request) {
	var req control.ClockRequest
	if err := readControl(r, &req); err != nil {
		writeControl(w, nil, err)
		return
	}
	switch {
	case req.Real && (req.SetUnixMillis != nil || req.AdvanceMillis != nil),
		req.SetUnixMillis != nil && req.AdvanceMillis != nil:
		writeControl(w, nil, fmt.Errorf("give one of Real, SetUnixMillis and AdvanceMillis"))
		return
	case req.Real:
		e.clock.reset()
	case req.SetUnixMillis != nil:
		if err := e.clock.set(time.UnixMilli(*req.SetUnixMillis)); err != nil {
			writeControl(w, nil, err)
			return
		}
	case req.AdvanceMillis != nil:
		millis := *req.AdvanceMillis
		if millis < 0 {
			writeControl(w, nil, fmt.Errorf("AdvanceMillis %d is negative: the clock only moves forward (use SetUnixMillis)", millis))
			return
		}
		if millis > maxClockLead.Milliseconds() {
			writeControl(w, nil, fmt.Errorf("AdvanceMillis %d is beyond the emulator's clock range", millis))
			return
		}
		if err := e.clock.advance(time.Duration(millis) * time.Millisecond); err != nil {
			writeControl(w, nil, err)
			return
		}
	}
	e.sweepDismissed() // a room the new time dismisses goes now, with its event
	writeControl(w, e.clockState(), nil)
}

func (e *Emulator) controlArmFault(w http.ResponseWriter, r *http.Request) {
	var fault control.Fault
	if err := readControl(r, &fault); err != nil {
		writeControl(w, nil, err)
		return
	}
	switch {
	case routes[fault.Service+"/"+fault.Command] == nil:
		writeControl(w, nil, fmt.Errorf("%s/%s is not a command of this emulator", fault.Service, fault.Command))
		return
	case fault.ErrorCode == 0:
		writeControl(w, nil, errors.New("the fault's ErrorCode must be non-zero"))
		return
	case fault.Count < 1 || fault.Count > 1_000_000:
		writeControl(w, nil, fmt.Errorf("the fault's Count %d must be from 1 to 1000000", fault.Count))
		return
	case fault.DelayMillis < 0 || fault.DelayMillis > 60_000:
		writeControl(w, nil, fmt.Errorf("the fault's DelayMillis %d must be from 0 to 60000", fault.DelayMillis))
		return
	case len(fault.ErrorInfo) > control.MaxErrorInfoBytes:
		writeControl(w, nil, fmt.Errorf("the fault's ErrorInfo is %d bytes, over %d", len(fault.ErrorInfo), control.MaxErrorInfoBytes))
		return
	}
	if !e.faults.arm(fault, control.MaxArmedFaults) {
		writeControl(w, nil, fmt.Errorf("%d faults are armed already, the most the emulator holds: disarm them (DELETE %s)", control.MaxArmedFaults, control.PathFaults))
		return
	}
	writeControl(w, control.Answer{OK: true}, nil)
}

func (e *Emulator) controlChatGroup(w http.ResponseWriter, r *http.Request) {
	var group control.ChatGroup
	if err := readControl(r, &group); err != nil {
		writeControl(w, nil, err)
		return
	}
	switch {
	case group.GroupID == "":
		writeControl(w, nil, fmt.Errorf("GroupId is empty"))
		return
	case len(group.GroupID) > control.MaxChatGroupIDSize:
		writeControl(w, nil, fmt.Errorf("GroupId is %d bytes, over %d", len(group.GroupID), control.MaxChatGroupIDSize))
		return
	}
	e.mu.Lock()
	full := len(e.state.chatGroups) >= control.MaxChatGroups && !e.state.chatGroups[group.GroupID]
	if !full {
		e.state.chatGroups[group.GroupID] = true
	}
	e.mu.Unlock()
	if full {
		writeControl(w, nil, fmt.Errorf("%d Chat groups are registered already, the most the emulator holds (reset to start over)", control.MaxChatGroups))
		return
	}
	writeControl(w, control.Answer{OK: true}, nil)
}

// Enter makes an imported account a member of a live room, within MaxMemberCount and unless
// the account is banned from it. Entering again changes nothing.
func (e *Emulator) Enter(roomID, account string) error {
	return e.enter(roomID, account, sdkOrigin(account, "127.0.0.1"))
}

// sdkOrigin is a member acting through the client SDK, which the control plane stands in for.
func sdkOrigin(account, clientIP string) origin {
	return origin{operator: account, clientIP: clientIP, platform: platformSDK}
}

func (e *Emulator) enter(roomID, account string, from origin) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.clock.Now()
	r, exists := e.state.room(roomID, now)
	switch {
	case !exists:
		return fmt.Errorf("%w: room %q", errNotFound, roomID)
	case !e.state.imported(account):
		return fmt.Errorf("%w: account %q is not imported", errNotFound, account)
	}
	entered, err := r.enter(account, now)
	if entered {
		e.emitMembers(catalog.EventAfterMemberEnter, from, r, "Enter", "", []string{account})
	}
	return err
}

// Leave makes a member leave a room.
func (e *Emulator) Leave(roomID, account string) error {
	return e.leave(roomID, account, sdkOrigin(account, "127.0.0.1"))
}

func (e *Emulator) leave(roomID, account string, from origin) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.clock.Now()
	r, exists := e.state.room(roomID, now)
	if !exists {
		return fmt.Errorf("%w: room %q", errNotFound, roomID)
	}
	seated := r.seatOf(account) >= 0
	if !r.leave(account, now) {
		return fmt.Errorf("%w: %q is not in %s room %q", errNotFound, account, r.family, roomID)
	}
	e.emitMembers(catalog.EventAfterMemberLeave, from, r, "Leave", "", []string{account})
	if seated {
		e.emitSeats(from, r)
	}
	return nil
}

func (e *Emulator) controlEnter(w http.ResponseWriter, r *http.Request) {
	e.controlMembership(w, r, e.enter)
}

func (e *Emulator) controlLeave(w http.ResponseWriter, r *http.Request) {
	e.controlMembership(w, r, e.leave)
}

func (e *Emulator) controlMembership(w http.ResponseWriter, r *http.Request, apply func(roomID, account string, from origin) error) {
	var m control.Membership
	if err := readControl(r, &m); err != nil {
		writeControl(w, nil, err)
		return
	}
	writeControl(w, control.Answer{OK: true}, apply(m.RoomID, m.MemberAccount, sdkOrigin(m.MemberAccount, clientIPOf(r))))
}

func readControl(r *http.Request, into any) error {
	raw, err := io.ReadAll(r.Body) // cut at control.MaxRequestBytes by serveControl
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return fmt.Errorf("the body is over %d bytes", tooLarge.Limit)
		}
		return fmt.Errorf("reading the body: %w", err)
	}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(into); err != nil {
		return fmt.Errorf("body is not the expected JSON object: %w", err)
	}
	return nil
}

// writeControl answers v with 200, or err with 404 (unknown room or account), 403 (forbidden
// by the emulated service) or 400.
func writeControl(w http.ResponseWriter, v any, err error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if err != nil {
		status := http.StatusBadRequest
		switch {
		case errors.Is(err, errNotFound):
			status = http.StatusNotFound
		case errors.Is(err, errForbidden):
			status = http.StatusForbidden
		case errors.Is(err, errConflict):
			status = http.StatusConflict
		}
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(control.Answer{Error: err.Error()})
		return
	}
	_ = json.NewEncoder(w).Encode(v)
}
