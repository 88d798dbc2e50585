package harness

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/onsi/ginkgo/v2"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/emulator"
	"github.com/trtc-conformance/trtc-conformance/results"
)

// Session is one process's connection to the target.
type Session struct {
	Settings Settings
	Target   results.Target
	Client   *client.Client
	// Control is nil when the target has no control plane (the live service).
	Control  *control.Client
	Recorder *Recorder
	// Receiver gets the target's callbacks.
	Receiver *Receiver
	// RunID makes the names this run creates (rooms, accounts) unique on shared targets.
	RunID string
	// KnownDeviations are the declared known deviations (LoadKnownDeviations) that the
	// suite's fail handler looks up with KnownDeviationFor.
	KnownDeviations []results.DeclaredDeviation
	// EnvelopeProblem is why the probe's answer, JSON in the envelope's shape, is not the
	// documented envelope; empty when it is. Such a target is tested, and fails.
	EnvelopeProblem string
	server          *emulator.Server
}

// Open starts the embedded emulator when the settings name no endpoint, builds the client
// and probes the target with account_check on the administrator, so that an unreachable or
// misconfigured target fails at once with what to fix.
func Open(ctx context.Context, settings Settings) (*Session, error) {
	s := &Session{Settings: settings, Recorder: NewRecorder(), RunID: randomID()}
	if settings.Kind() == KindEmbedded {
		choices, err := emulator.ChoicesNamed(settings.EmulatorChoices)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSettings, err)
		}
		server, err := emulator.Listen(emulator.Config{ControlPlane: true, Choices: choices}, "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("start the embedded emulator: %w", err)
		}
		cfg := server.Config()
		s.server = server
		s.Settings.Endpoint, s.Settings.ControlURL = server.URL, server.URL
		s.Settings.SDKAppID, s.Settings.SecretKey, s.Settings.Admin = cfg.SDKAppID, cfg.SecretKey, cfg.Admins[0]
	}
	c, err := client.New(client.Config{
		BaseURL:          s.Settings.Endpoint,
		SDKAppID:         s.Settings.SDKAppID,
		SecretKey:        s.Settings.SecretKey,
		Admin:            s.Settings.Admin,
		Recorder:         s.Recorder,
		BudgetShare:      budgetShare(settings),
		SharedBudget:     sharedBudget(settings),
		RateLimitRetries: RateLimitRetries,
		Gate:             s.Recorder.Silence,
	})
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("%w: %v", ErrSettings, err)
	}
	s.Client = c
	if s.Settings.ControlURL != "" {
		s.Control = control.NewClient(s.Settings.ControlURL)
	}
	s.Target = results.Target{
		Kind:         settings.Kind(),
		Endpoint:     s.Settings.Endpoint,
		SDKAppID:     s.Settings.SDKAppID,
		Admin:        s.Settings.Admin,
		ControlPlane: s.Settings.ControlURL,
	}
	if err := s.probe(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.Receiver, err = StartReceiver(settings.CallbackListen, settings.CallbackURL); err != nil {
		s.Close()
		return nil, err
	}
	s.Receiver.SetLog(s.Recorder) // deliveries are results (deliveries.go)
	return s, nil
}

// RateLimitRetries is how often the session's client sends a call refused for frequency
// again before the spec ends with outcome error: the documented limits are per application,
// so another caller may have used the second's budget (client.Config.RateLimitRetries).
const RateLimitRetries = 5

// budgetShare is how many processes split the target's frequency limits: every parallel
// process on a target they share (a hand-started emulator, a remote or the live service);
// each embedded emulator has a process of its own.
func budgetShare(settings Settings) int {
	if settings.Kind() == KindEmbedded {
		return 1
	}
	return max(1, settings.Processes)
}

// sharedBudget is the host's schedule of send slots, for the processes of a parallel run on
// a target they share (nil: none, or each process has its own embedded emulator).
func sharedBudget(settings Settings) client.SlotSource {
	if settings.SharedBudget == "" || settings.Kind() == KindEmbedded || settings.Processes <= 1 {
		return nil
	}
	return hostSlots{url: settings.SharedBudget, http: &http.Client{Timeout: 10 * time.Second}}
}

// probe explains the first call's failure in terms of the settings to change.
func (s *Session) probe(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	_, resp, err := s.Client.Accounts.Check(ctx, s.Settings.Admin)
	var transport *client.TransportError
	var protocol *client.ProtocolError
	var api *client.APIError
	switch {
	case err == nil:
	case errors.As(err, &transport):
		return fmt.Errorf("%w: cannot reach %s=%s: %v (check the URL and that the service is running)", ErrSettings, EnvEndpoint, s.Settings.Endpoint, transport.Err)
	case errors.As(err, &protocol) && envelopeLike(protocol.Body):
		// JSON in the envelope's shape, but not the documented envelope (ErrorCode a string,
		// say): the target breaks a promise of the overview. The specs run and fail naming it.
		s.EnvelopeProblem = protocol.Reason
	case errors.As(err, &protocol):
		return fmt.Errorf("%w: %s=%s answers, but not with the REST envelope (%s): is it a TRTC REST endpoint?", ErrSettings, EnvEndpoint, s.Settings.Endpoint, protocol.Reason)
	case errors.As(err, &api):
		return fmt.Errorf("%w: the target refused the set-up call: %s", ErrSettings, explainRefusal(api))
	default:
		return fmt.Errorf("%w: set-up call failed: %v", ErrSettings, err)
	}
	_ = resp
	if s.Control != nil {
		if _, err := s.Control.Config(ctx); err != nil {
			return fmt.Errorf("%w: %s=%s: %v (unset it to skip the control-plane specs)", ErrSettings, EnvControlURL, s.Settings.ControlURL, err)
		}
	}
	return nil
}

// envelopeLike reports whether body is a JSON object with at least one of the envelope's
// attributes: an answer from a TRTC-like service, whatever its mistakes. Anything else (HTML,
// text, another API's JSON) means the endpoint is not a TRTC REST service at all.
func envelopeLike(body []byte) bool {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return false
	}
	for _, name := range []string{"ActionStatus", "ErrorCode", "ErrorInfo"} {
		if _, ok := fields[name]; ok {
			return true
		}
	}
	return false
}

func explainRefusal(api *client.APIError) string {
	fix := ""
	switch api.ErrorCode {
	case catalog.CodeBadSDKAppID, catalog.CodeSDKAppIDMissing:
		fix = "check " + EnvSDKAppID
	case catalog.CodeAdminRequired:
		fix = EnvAdmin + " must be an App administrator account"
	case catalog.CodeBadSignature, catalog.CodeBadSignature2, catalog.CodeUserSigInvalid, catalog.CodeUserSigVerifyFailed,
		catalog.CodeUserSigIdentifierDiffer, catalog.CodeUserSigSDKAppIDDiffer, catalog.CodeUserSigExpired:
		fix = "check " + EnvSecretKey + " and " + EnvAdmin + " (the UserSig is signed with them)"
	case catalog.CodeSourceIPNotAllowed:
		fix = "allow this machine's IP in the console"
	default:
		fix = "see ErrorInfo"
	}
	return fmt.Sprintf("ErrorCode %s, ErrorInfo %q: %s", catalog.Describe(api.ErrorCode), api.ErrorInfo, fix)
}

// CallbacksReachable says whether the target can deliver to the receiver, and why not: the
// live service needs a public URL.
func (s *Session) CallbacksReachable() (bool, string) {
	if s.Target.Kind == KindLive && s.Settings.CallbackURL == "" {
		return false, fmt.Sprintf("the live service cannot reach a loopback receiver: set %s to a public URL that reaches %s", EnvCallbackURL, EnvCallbackListen)
	}
	return true, ""
}

// Close releases the client, the receiver and the embedded emulator.
func (s *Session) Close() {
	if s.Receiver != nil {
		s.Receiver.Close()
	}
	if s.Client != nil {
		s.Client.Close()
	}
	if s.server != nil {
		_ = s.server.Close(5 * time.Second)
	}
}

// SkipIfTargetSilent skips the running spec, fast and with results.ReasonNotRunTargetSilent,
// once the target went silent (Recorder.Silence): a target that stopped answering must not
// cost every remaining spec its time-out. The suite calls it first in every BeforeEach.
func (s *Session) SkipIfTargetSilent() {
	if s == nil || s.Recorder.Silence() == nil {
		return
	}
	recordOutcome(Outcome{Kind: results.Skipped, Reason: results.ReasonNotRunTargetSilent})
	ginkgo.Skip(results.ReasonNotRunTargetSilent + ": " + s.Recorder.Silence().Error())
}

// Emulator returns the embedded emulator, or nil when the target is elsewhere.
func (s *Session) Emulator() *emulator.Emulator {
	if s.server == nil {
		return nil
	}
	return s.server.Emulator
}

func randomID() string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
