package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
)

// onceServer closes its Server at most once (see TestServerCloseTwice).
type onceServer struct {
	*Server
	once sync.Once
	err  error
}

func (s *onceServer) Close(timeout time.Duration) error {
	s.once.Do(func() { s.err = s.Server.Close(timeout) })
	return s.err
}

// listenHarness wraps a Server started with Listen in the harness helpers.
func listenHarness(t *testing.T, cfg Config) (*harness, *onceServer) {
	t.Helper()
	s, err := Listen(cfg, "127.0.0.1:0")
	if err != nil {
		t.Fatalf("Listen: %v", err)
	}
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
		t.Fatalf("URL %q is not on loopback", s.URL)
	}
	once := &onceServer{Server: s}
	t.Cleanup(func() { _ = once.Close(5 * time.Second) })
	return &harness{t: t, e: s.Emulator, url: s.URL, hc: &http.Client{Timeout: 30 * time.Second}, ctl: control.NewClient(s.URL)}, once
}

func TestListenServesAndCloses(t *testing.T) {
	cfg := Config{RatePerSecond: -1, ControlPlane: true}
	h, s := listenHarness(t, cfg)
	h.mustCreate("listen-room")
	if got := h.mustGet("listen-room"); got.RoomID != "listen-room" {
		t.Fatalf("read back %+v", got)
	}
	if err := s.Close(5 * time.Second); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := h.do(http.MethodPost, "/v4/room_engine_http_srv/get_room_info", h.query(DefaultAdmin).Encode(), []byte(`{"RoomId":"x"}`)); err == nil {
		t.Errorf("a call after Close was answered")
	}
}

func TestListenCloseFinishesCallsInFlight(t *testing.T) {
	h, s := listenHarness(t, Config{RatePerSecond: -1, ControlPlane: true})
	if err := h.ctl.InjectFault(ctx(t), control.Fault{Service: catalog.ServiceRoom, Command: "get_room_info", ErrorCode: 100001, Count: 1, DelayMillis: 600}); err != nil {
		t.Fatal(err)
	}
	query := h.query(DefaultAdmin).Encode()
	answered := make(chan *reply, 1)
	failed := make(chan error, 1)
	go func() {
		r, err := h.do(http.MethodPost, "/v4/room_engine_http_srv/get_room_info", query, []byte(`{"RoomId":"x"}`))
		if err != nil {
			failed <- err
			return
		}
		answered <- r
	}()
	waitFaultTaken(t, h)
	started := time.Now()
	if err := s.Close(5 * time.Second); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if waited := time.Since(started); waited < 300*time.Millisecond {
		t.Errorf("Close returned after %v, before the call in flight was answered", waited)
	}
	select {
	case r := <-answered:
		checkCommandAnswer(t, "get_room_info", r, 100001)
		if r.header.Get(control.FaultHeader) != "100001" {
			t.Errorf("fault header %q", r.header.Get(control.FaultHeader))
		}
	case err := <-failed:
		t.Fatalf("the call in flight failed: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("the call in flight was never answered")
	}
}

// TestListenCloseTimeout: a fault delay that would outlive the shutdown deadline is cut short,
// so its call is still answered, and running out of time is not an error (docs/emulator.md,
// "Shutdown").
func TestListenCloseTimeout(t *testing.T) {
	h, s := listenHarness(t, Config{RatePerSecond: -1, ControlPlane: true})
	if err := h.ctl.InjectFault(ctx(t), control.Fault{Service: catalog.ServiceRoom, Command: "get_room_info", ErrorCode: 100001, Count: 1, DelayMillis: 60_000}); err != nil {
		t.Fatal(err)
	}
	query := h.query(DefaultAdmin).Encode()
	answered := make(chan error, 1)
	go func() {
		r, err := h.do(http.MethodPost, "/v4/room_engine_http_srv/get_room_info", query, []byte(`{"RoomId":"x"}`))
		if err == nil && r.code() != 100001 {
			err = fmt.Errorf("answer %+v, want the fault's 100001", r.env)
		}
		answered <- err
	}()
	waitFaultTaken(t, h)
	started := time.Now()
	if err := s.Close(400 * time.Millisecond); err != nil {
		t.Errorf("Close with a call in flight past the timeout: %v, want nil", err)
	}
	if took := time.Since(started); took > time.Second {
		t.Errorf("Close took %v, want within its 400 ms", took)
	}
	select {
	case err := <-answered:
		if err != nil {
			t.Errorf("the delayed call: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Error("the delayed call was never answered")
	}
}

func TestListenRefusesBadConfigAndAddress(t *testing.T) {
	for _, cfg := range []Config{
		{Admins: []string{"bad id!"}},
		{Admins: []string{"ok", ""}},
		{Admins: []string{strings.Repeat("a", 33)}},
		{MemberCap: -1},
		{SeatCap: -2},
	} {
		if s, err := Listen(cfg, "127.0.0.1:0"); err == nil {
			_ = s.Close(time.Second)
			t.Errorf("Listen(%+v) accepted an invalid configuration", cfg)
		}
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) accepted an invalid configuration", cfg)
		}
	}
	if s, err := Listen(Config{}, "127.0.0.1:99999"); err == nil {
		_ = s.Close(time.Second)
		t.Errorf("Listen on port 99999 succeeded")
	}
	// Defaults are filled in.
	e, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := e.Config()
	if cfg.SDKAppID != DefaultSDKAppID || cfg.SecretKey != DefaultSecretKey || len(cfg.Admins) != 1 || cfg.Admins[0] != DefaultAdmin ||
		cfg.MemberCap != DefaultMemberCap || cfg.SeatCap != DefaultSeatCap || cfg.RatePerSecond != catalog.DefaultMaxQPS || cfg.Logger == nil {
		t.Errorf("defaults: %+v", cfg)
	}
}

// TestServerCloseTwice: a second Close must return (an error is fine), not block.
func TestServerCloseTwice(t *testing.T) {
	s, err := Listen(Config{}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(time.Second); err != nil {
		t.Fatalf("first Close: %v", err)
	}
	second := make(chan error, 1)
	go func() { second <- s.Close(time.Second) }()
	select {
	case <-second:
	case <-time.After(3 * time.Second):
		t.Fatal("the second Close did not return within 3 s")
	}
}

// waitFaultTaken waits until every armed fault has been taken by a call.
func waitFaultTaken(t *testing.T, h *harness) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		faults, err := h.ctl.ArmedFaults(ctx(t))
		if err != nil {
			t.Fatal(err)
		}
		if len(faults) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the call never took the fault")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
