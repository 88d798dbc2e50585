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
	"context"
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

// Connection limits of Listen (README "Limits"). A client that stops sending, trickles its
// body or keeps idle connections open must not hold the emulator's sockets for ever.
const (
	// DefaultReadTimeout bounds reading one request, headers and body: the RESTful API
	// overview gives the server 3 s.
	DefaultReadTimeout = 3 * time.Second
	// DefaultWriteTimeout bounds handling and writing one answer after its headers were read;
	// a fault's DelayMillis extends it for that call.
	DefaultWriteTimeout = 10 * time.Second
	// DefaultIdleTimeout closes a keep-alive connection that sends no new request.
	DefaultIdleTimeout = 30 * time.Second
	// DefaultMaxConnections caps the open connections; one more is answered 503 and closed.
	DefaultMaxConnections = 4096
	// DefaultShutdownTimeout is how long Close lets calls in flight finish before it closes
	// the connections left.
	DefaultShutdownTimeout = 5 * time.Second
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
	// ReadTimeout, WriteTimeout, IdleTimeout and MaxConnections bound what a client may hold
	// of a Server (Listen); zero means the Default… value of the same name.
	ReadTimeout    time.Duration
	WriteTimeout   time.Duration
	IdleTimeout    time.Duration
	MaxConnections int
	Logger         *slog.Logger
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
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = DefaultReadTimeout
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = DefaultWriteTimeout
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.MaxConnections <= 0 {
		cfg.MaxConnections = DefaultMaxConnections
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
	// cutDelays is closed when a shutdown needs the calls in flight answered now: a fault's
	// delay then ends early rather than outlive the shutdown deadline.
	cutDelays     chan struct{}
	cutDelaysOnce sync.Once
	// guard knows the emulator's own addresses, which no callback may reach.
	guard *selfGuard
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
		cfg:       cfg,
		clock:     &clock{},
		faults:    newFaults(),
		limiter:   newLimiter(servedCommands(), cfg.RatePerSecond),
		verifier:  usersig.NewVerifier(cfg.SDKAppID, cfg.SecretKey, usersig.VerifyOptions{}, 0),
		state:     newState(cfg.Admins, cfg.Choices),
		cutDelays: make(chan struct{}),
		guard:     &selfGuard{},
	}
	e.notifier = newNotifier(cfg.CallbackTimeout, e.guard, func(msg string, args ...any) { cfg.Logger.Warn(msg, args...) })
	e.watchDismissals() // Live callbacks: DestroyBySystem (live_events.go)
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

// CutDelays ends every fault delay now and makes later ones end at once, so that a shutdown
// never waits for them.
func (e *Emulator) CutDelays() { e.cutDelaysOnce.Do(func() { close(e.cutDelays) }) }

// Handler serves the control plane under control.PathPrefix when it is enabled, and every other
// path as a REST call. REST paths do not go through http.ServeMux, which would answer
// unclean paths (//, /./) with a redirect instead of the envelope.
func (e *Emulator) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if e.control != nil && strings.HasPrefix(r.URL.Path, control.PathPrefix+"/") {
			e.serveControl(w, r)
			return
		}
		e.serveREST(w, r)
	})
}

// Server is an emulator listening on a TCP address.
type Server struct {
	*Emulator
	URL      string
	listener *cappedListener
	http     *http.Server
	done     chan error

	closeOnce sync.Once
	closeErr  error
}

// Listen starts serving on addr (e.g. "127.0.0.1:0" for a free loopback port), within the
// read, write and idle timeouts and the connection cap of cfg.
func Listen(cfg Config, addr string) (*Server, error) {
	e, err := New(cfg)
	if err != nil {
		return nil, err
	}
	tcp, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("emulator: listen on %s: %w", addr, err)
	}
	cfg = e.cfg
	listener := newCappedListener(tcp, cfg.MaxConnections, func(refused int64) {
		cfg.Logger.Warn("connection refused: the connection cap is reached", "cap", cfg.MaxConnections, "refused so far", refused)
	})
	e.guard.addOwn(listener.Addr().String())
	s := &Server{
		Emulator: e,
		URL:      "http://" + listener.Addr().String(),
		listener: listener,
		http: &http.Server{
			Handler:           e.Handler(),
			ReadHeaderTimeout: cfg.ReadTimeout,
			ReadTimeout:       cfg.ReadTimeout,
			WriteTimeout:      cfg.WriteTimeout,
			IdleTimeout:       cfg.IdleTimeout,
			MaxHeaderBytes:    maxHeaderBytes,
			ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelDebug),
		},
		done: make(chan error, 1),
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

// maxHeaderBytes bounds a request's header block (the URL included): REST calls carry a
// short signed query and a few headers.
const maxHeaderBytes = 64 << 10

// OpenConnections is the number of connections the server holds now.
func (s *Server) OpenConnections() int { return s.listener.open() }

// Close stops accepting calls and gives calls in flight up to timeout to finish (a fault's
// delay is cut short so that its call is answered in time); then it closes the connections
// left, such as a client stalled in the middle of its body. Running out of time is not an
// error: Close returns an error only when the server itself failed. Calling it again returns
// the first call's result.
func (s *Server) Close(timeout time.Duration) error {
	s.closeOnce.Do(func() {
		if timeout <= 0 {
			timeout = DefaultShutdownTimeout
		}
		ctx, cancel := contextWithTimeout(timeout)
		defer cancel()
		// Delays end a little before the deadline so that their answers are still written.
		cut := time.AfterFunc(timeout*3/4, s.Emulator.CutDelays)
		defer cut.Stop()
		if err := s.http.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			s.closeErr = fmt.Errorf("emulator: shutdown: %w", err)
		}
		s.Emulator.CutDelays()
		_ = s.http.Close() // what did not finish in time
		if err := <-s.done; err != nil && s.closeErr == nil {
			s.closeErr = fmt.Errorf("emulator: serve: %w", err)
		}
		s.Emulator.Close()
	})
	return s.closeErr
}
