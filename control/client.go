package control

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// ErrRefused wraps every answer in which the control plane said no.
var ErrRefused = errors.New("control plane refused")

// Client drives a control plane at BaseURL (the emulator's address, without PathPrefix).
type Client struct {
	BaseURL string
	HTTP    *http.Client
}

// NewClient returns a client with a short timeout: control calls are local and quick.
func NewClient(baseURL string) *Client {
	return &Client{BaseURL: strings.TrimSuffix(baseURL, "/"), HTTP: &http.Client{Timeout: 10 * time.Second}}
}

// Reset forgets every room, member, imported account (administrators stay), fault and Chat
// group, and returns the clock to the wall clock.
func (c *Client) Reset(ctx context.Context) error {
	return c.post(ctx, PathReset, struct{}{}, nil)
}

// Config reads the emulated application and package limits.
func (c *Client) Config(ctx context.Context) (Config, error) {
	var cfg Config
	err := c.do(ctx, http.MethodGet, PathConfig, nil, &cfg)
	return cfg, err
}

// Clock applies req and returns the resulting time.
func (c *Client) Clock(ctx context.Context, req ClockRequest) (ClockState, error) {
	var state ClockState
	err := c.post(ctx, PathClock, req, &state)
	return state, err
}

// Advance moves the clock forward by d.
func (c *Client) Advance(ctx context.Context, d time.Duration) (ClockState, error) {
	millis := d.Milliseconds()
	return c.Clock(ctx, ClockRequest{AdvanceMillis: &millis})
}

// InjectFault arms a fault.
func (c *Client) InjectFault(ctx context.Context, fault Fault) error {
	return c.post(ctx, PathFaults, fault, nil)
}

// ClearFaults disarms every fault.
func (c *Client) ClearFaults(ctx context.Context) error {
	return c.do(ctx, http.MethodDelete, PathFaults, nil, nil)
}

// ArmedFaults lists the faults still armed.
func (c *Client) ArmedFaults(ctx context.Context) ([]Fault, error) {
	var faults Faults
	err := c.do(ctx, http.MethodGet, PathFaults, nil, &faults)
	return faults.Faults, err
}

// AddChatGroup registers a Chat group ID.
func (c *Client) AddChatGroup(ctx context.Context, groupID string) error {
	return c.post(ctx, PathChatGroups, ChatGroup{GroupID: groupID}, nil)
}

// Enter makes an imported account a member of a room.
func (c *Client) Enter(ctx context.Context, roomID, account string) error {
	return c.post(ctx, PathMemberEnter, Membership{RoomID: roomID, MemberAccount: account}, nil)
}

// Leave makes a member leave a room.
func (c *Client) Leave(ctx context.Context, roomID, account string) error {
	return c.post(ctx, PathMemberLeave, Membership{RoomID: roomID, MemberAccount: account}, nil)
}

// Heartbeat makes a Live member's heartbeat stop (lost) or come back.
func (c *Client) Heartbeat(ctx context.Context, roomID, account string, lost bool) error {
	return c.post(ctx, PathMemberHeartbeat, Heartbeat{RoomID: roomID, MemberAccount: account, Lost: lost}, nil)
}

func (c *Client) post(ctx context.Context, path string, body, out any) error {
	return c.do(ctx, http.MethodPost, path, body, out)
}

func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	var reader io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("control %s: encode: %w", path, err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, reader)
	if err != nil {
		return fmt.Errorf("control %s: %w", path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(RequestHeader, "1")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return fmt.Errorf("control %s: %w", path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("control %s: reading the answer: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		var answer Answer
		if json.Unmarshal(raw, &answer) == nil && answer.Error != "" {
			return fmt.Errorf("%w: %s %s: HTTP %d: %s", ErrRefused, method, path, resp.StatusCode, answer.Error)
		}
		return fmt.Errorf("%w: %s %s: HTTP %d: %.200s", ErrRefused, method, path, resp.StatusCode, raw)
	}
	// A service without a control plane may answer 200 with something else (a REST
	// envelope): only the documented answer counts as done.
	if out == nil {
		var answer Answer
		if err := decodeStrict(raw, &answer); err != nil || !answer.OK {
			return fmt.Errorf("%w: %s %s: not a control-plane answer: %.200s", ErrRefused, method, path, raw)
		}
		return nil
	}
	if err := decodeStrict(raw, out); err != nil {
		return fmt.Errorf("%w: %s %s: not a control-plane answer (%v): %.200s", ErrRefused, method, path, err, raw)
	}
	return nil
}

func decodeStrict(raw []byte, into any) error {
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.DisallowUnknownFields()
	return decoder.Decode(into)
}

// TakeSeat makes a member take a seat as the client SDK would, and says whether the request
// was queued (ApplyToTake) rather than granted (FreeToTake).
func (c *Client) TakeSeat(ctx context.Context, roomID, account string, index int) (queued bool, err error) {
	var taken SeatTaken
	if err := c.post(ctx, PathSeatTake, SeatTake{RoomID: roomID, MemberAccount: account, Index: index}, &taken); err != nil {
		return false, err
	}
	if !taken.OK {
		return false, fmt.Errorf("%w: POST %s: answer without OK", ErrRefused, PathSeatTake)
	}
	return taken.Queued, nil
}
