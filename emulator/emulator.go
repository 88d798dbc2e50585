// Package emulator is a stateful, in-process emulation of the TRTC Conference REST API: the
// gateway rules of the RESTful API overview (envelope, POST only, UserSig, administrator,
// common codes), the Chat account commands the suite needs, and the Conference commands.
// Requests are validated with the project's JSON Schemas. Where the vendor's pages leave a
// behaviour open, the emulator picks one and docs/emulator.md says which. A control plane
// (package control, docs/control-plane.md) resets state, moves the clock, injects faults and
// lets users enter and leave rooms.
//
// Vendor page: https://trtc.io/document/60703 (RESTful API overview).
package emulator

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/usersig"
)

// Defaults of Config.
const (
	DefaultSDKAppID  = 1400000001
	DefaultSecretKey = "emulator-secret-key-0123456789abcdef"
	DefaultAdmin     = "administrator"
	// DefaultMemberCap is the emulated package's member limit (the vendor's sample creates a
	// 300-member room; a trial package would allow 20).
	DefaultMemberCap = 300
	// DefaultSeatCap is the package seat limit the create_room page gives as default (20).
	DefaultSeatCap = 20
	// MaxBodyBytes bounds a request body; larger bodies are refused with 60002.
	MaxBodyBytes = 1 << 20
)

// Config describes the emulated application.
type Config struct {
	SDKAppID  uint64
	SecretKey string
	// Admins are the App administrator accounts; they are always imported.
	Admins    []string
	MemberCap int
	SeatCap   int
	// RatePerSecond is the per-command limit answered with 60007 beyond it, for the commands
	// documented at the common 200/s; it also caps the lower documented limits (get_room_list
	// 10/s, the account commands 100/s). Zero means the documented 200, negative disables
	// every limit.
	RatePerSecond int
	// ControlPlane serves the control plane under control.PathPrefix when true.
	ControlPlane bool
	// Choices are the behaviours picked where the pages are silent (choices.go); the zero value
	// is DefaultChoices.
	Choices Choices
	// CallbackTimeout bounds one callback delivery; zero means DefaultCallbackTimeout.
	CallbackTimeout time.Duration
	Logger          *slog.Logger
}

func (cfg Config) withDefaults() Config {
	if cfg.SDKAppID == 0 {
		cfg.SDKAppID = DefaultSDKAppID
	}
	if cfg.SecretKey == "" {
		cfg.SecretKey = DefaultSecretKey
	}
	if len(cfg.Admins) == 0 {
		cfg.Admins = []string{DefaultAdmin}
	}
	if cfg.MemberCap == 0 {
		cfg.MemberCap = DefaultMemberCap
	}
	if cfg.SeatCap == 0 {
		cfg.SeatCap = DefaultSeatCap
	}
	if cfg.RatePerSecond == 0 {
		cfg.RatePerSecond = catalog.DefaultMaxQPS
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.CallbackTimeout <= 0 {
		cfg.CallbackTimeout = DefaultCallbackTimeout
	}
	return cfg
}

// Emulator serves the REST API and, when configured, the control plane.
type Emulator struct {
	cfg     Config
	clock   *clock
	faults  *faults
	limiter *limiter
	// verifier checks UserSig tickets and remembers those that verified (expiry is checked
	// on every call against the emulator's clock).
	verifier *usersig.Verifier
	// control serves the control plane; nil when it is off.
	control *http.ServeMux
	seq     requestSeq

	mu    sync.Mutex
	state *state

	notifier *notifier
}

// New returns an emulator with empty state.
func New(cfg Config) (*Emulator, error) {
	cfg = cfg.withDefaults()
	switch {
	case cfg.MemberCap < 1:
		return nil, fmt.Errorf("emulator: MemberCap %d must be at least 1", cfg.MemberCap)
	case cfg.SeatCap < 1:
		return nil, fmt.Errorf("emulator: SeatCap %d must be at least 1", cfg.SeatCap)
	}
	for _, admin := range cfg.Admins {
		if !validUserID(admin) {
			return nil, fmt.Errorf("emulator: administrator %q is not a valid UserID (1-32 bytes of letters, digits, _ and -)", admin)
		}
	}
	e := &Emulator{
		cfg:      cfg,
		clock:    &clock{},
		faults:   newFaults(),
		limiter:  newLimiter(servedCommands(), cfg.RatePerSecond),
		verifier: usersig.NewVerifier(cfg.SDKAppID, cfg.SecretKey, usersig.VerifyOptions{}, 0),
		state:    newState(cfg.Admins, cfg.Choices),
	}
	e.notifier = newNotifier(cfg.CallbackTimeout, func(msg string, args ...any) { cfg.Logger.Warn(msg, args...) })
	if cfg.ControlPlane {
		e.control = http.NewServeMux()
		e.registerControlPlane(e.control)
	}
	return e, nil
}

// Config returns the configuration in force, defaults filled in.
func (e *Emulator) Config() Config { return e.cfg }

// ControlConfig is the configuration as the control plane reports it.
func (e *Emulator) ControlConfig() control.Config {
	return control.Config{
		SDKAppID:      e.cfg.SDKAppID,
		Admins:        append([]string(nil), e.cfg.Admins...),
		MemberCap:     e.cfg.MemberCap,
		SeatCap:       e.cfg.SeatCap,
		RatePerSecond: max(e.cfg.RatePerSecond, 0),
	}
}

// Close stops callback delivery; callbacks still queued are dropped. The REST handler keeps
// answering (Server.Close stops it).
func (e *Emulator) Close() { e.notifier.close() }

// Handler serves the control plane under control.PathPrefix when it is enabled, and every other
// path as a REST call. REST paths do not go through http.ServeMux, which would answer
// unclean paths (//, /./) with a redirect instead of the envelope.
func (e *Emulator) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if e.control != nil && strings.HasPrefix(r.URL.Path, control.PathPrefix+"/") {
			e.control.ServeHTTP(w, r)
			return
		}
		e.serveREST(w, r)
	})
}

// Server is an emulator listening on a TCP address.
type Server struct {
	*Emulator
	URL      string
	listener net.Listener
	http     *http.Server
	done     chan error

	closeOnce sync.Once
	closeErr  error
}

// Listen starts serving on addr (e.g. "127.0.0.1:0" for a free loopback port).
func Listen(cfg Config, addr string) (*Server, error) {
	e, err := New(cfg)
	if err != nil {
		return nil, err
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("emulator: listen on %s: %w", addr, err)
	}
	s := &Server{
		Emulator: e,
		URL:      "http://" + listener.Addr().String(),
		listener: listener,
		http:     &http.Server{Handler: e.Handler(), ReadHeaderTimeout: 10 * time.Second},
		done:     make(chan error, 1),
	}
	go func() {
		err := s.http.Serve(listener)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	return s, nil
}

// Close stops accepting calls and waits up to timeout for calls in flight to finish. Calling
// it again returns the first call's result.
func (s *Server) Close(timeout time.Duration) error {
	s.closeOnce.Do(func() {
		ctx, cancel := contextWithTimeout(timeout)
		defer cancel()
		if err := s.http.Shutdown(ctx); err != nil {
			s.closeErr = fmt.Errorf("emulator: shutdown: %w", err)
			return
		}
		s.closeErr = <-s.done
		s.Emulator.Close()
	})
	return s.closeErr
}
