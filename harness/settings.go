// Package harness connects the conformance specs to a target: it reads the settings from
// the environment, starts the embedded emulator when no endpoint is given, probes the
// target so a misconfiguration fails fast with what to fix, records every exchange per spec
// and assembles the results model from Ginkgo's report. The Ginkgo suite in suites/ is its
// front end: specs declare what a failure means with FailEnvironment and
// SkipAsKnownDeviation, which record it as a report entry that SpecResults reads back.
package harness

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/emulator"
	"github.com/trtc-conformance/trtc-conformance/results"
)

// Environment variables that select and configure the target (README, "Targets").
const (
	EnvEndpoint   = "TRTC_ENDPOINT"
	EnvSDKAppID   = "TRTC_SDKAPPID"
	EnvSecretKey  = "TRTC_SECRET_KEY"
	EnvAdmin      = "TRTC_ADMIN"
	EnvControlURL = "TRTC_CONTROL_URL"
	EnvReportsDir = "TRTC_REPORTS_DIR"
	// EnvCallbackListen is where the suite's callback receiver listens (host:port).
	EnvCallbackListen = "TRTC_CALLBACK_LISTEN"
	// EnvCallbackURL is the URL the target is told to deliver callbacks to; for the live
	// service, a public URL that reaches EnvCallbackListen.
	EnvCallbackURL = "TRTC_CALLBACK_URL"
	// EnvEmulatorChoices picks the embedded emulator's choices profile: default or alternate
	// (docs/emulator.md).
	EnvEmulatorChoices = "TRTC_EMULATOR_CHOICES"
	// EnvCallerDir is the directory relative TRTC_REPORTS_DIR and TRTC_KNOWN_DEVIATIONS are
	// read against: go test runs the suite in suites/, not where the user typed the command,
	// so make and the trtc-conformance binary pass the caller's directory here.
	EnvCallerDir = "TRTC_CALLER_DIR"
	// EnvProcs runs the suite in that many parallel processes when go test (or the compiled
	// test binary with -test.* flags) starts it: the --procs of the trtc-conformance command
	// line, for the invocations that have no command line of their own (make test, selftest).
	EnvProcs = "TRTC_PROCS"
	// EnvSharedBudget is set by RunParallel for its processes, not by users: the URL where the
	// host hands out send slots, so that the processes share each command's frequency limit
	// on a target they share instead of each keeping to a fixed part of it.
	EnvSharedBudget = "TRTC_SHARED_BUDGET"
)

// Target kinds, as the results model names them.
const (
	KindEmbedded = results.TargetEmbedded
	KindLive     = results.TargetLive
	KindRemote   = results.TargetRemote
)

// ErrSettings wraps every settings problem; the message names the variable to fix.
var ErrSettings = errors.New("conformance target settings")

// Settings select the target. An empty Endpoint means the embedded emulator.
type Settings struct {
	Endpoint   string
	SDKAppID   uint64
	SecretKey  string
	Admin      string
	ControlURL string
	ReportsDir string
	// CallbackListen and CallbackURL configure the callback receiver (README, "Callbacks").
	CallbackListen string
	CallbackURL    string
	// EmulatorChoices is the embedded emulator's choices profile ("" is the default one).
	EmulatorChoices string
	// Processes is how many test processes run against the target at once (ginkgo -p): on a
	// target they share, each keeps to 1/Processes of every command's frequency limit. Set by
	// the suite, not from the environment; zero means one.
	Processes int
	// SharedBudget is where the parallel processes' host hands out send slots
	// (EnvSharedBudget); empty: each process keeps to 1/Processes of every limit.
	SharedBudget string
}

// Kind is embedded without an endpoint, live for a vendor domain, remote for anything else.
func (s Settings) Kind() string {
	if s.Endpoint == "" {
		return KindEmbedded
	}
	base := client.BaseURLFor(s.Endpoint)
	for _, vendor := range client.Regions {
		if strings.EqualFold(strings.TrimSuffix(base, "/"), vendor) {
			return KindLive
		}
	}
	return KindRemote
}

// DefaultReportsDir is where reports go without TRTC_REPORTS_DIR: the repository's reports/,
// seen from the suite's package folder; with TRTC_CALLER_DIR, reports/ in that directory.
const DefaultReportsDir = "../reports"

// callerPath resolves a relative path against TRTC_CALLER_DIR when it is set: the path the user
// typed means the directory they typed it in. Without it, the path stays relative to the test
// process's working directory (suites/ under go test and ginkgo).
func callerPath(getenv func(string) string, path string) string {
	caller := strings.TrimSpace(getenv(EnvCallerDir))
	if caller == "" || filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(caller, path)
}

// SettingsFromEnv reads the TRTC_* variables through getenv (os.Getenv in the suite).
func SettingsFromEnv(getenv func(string) string) (Settings, error) {
	s := Settings{
		Endpoint:   strings.TrimSpace(getenv(EnvEndpoint)),
		SecretKey:  getenv(EnvSecretKey),
		Admin:      strings.TrimSpace(getenv(EnvAdmin)),
		ControlURL: strings.TrimSpace(getenv(EnvControlURL)),
		ReportsDir: strings.TrimSpace(getenv(EnvReportsDir)),

		CallbackListen: strings.TrimSpace(getenv(EnvCallbackListen)),
		CallbackURL:    strings.TrimSpace(getenv(EnvCallbackURL)),

		EmulatorChoices: strings.TrimSpace(getenv(EnvEmulatorChoices)),
		SharedBudget:    strings.TrimSpace(getenv(EnvSharedBudget)),
	}
	if _, err := emulator.ChoicesNamed(s.EmulatorChoices); err != nil {
		return Settings{}, fmt.Errorf("%w: %s: %v", ErrSettings, EnvEmulatorChoices, err)
	}
	if s.CallbackURL != "" {
		if u, err := url.Parse(s.CallbackURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return Settings{}, fmt.Errorf("%w: %s=%q is not an http(s) URL", ErrSettings, EnvCallbackURL, s.CallbackURL)
		}
	}
	switch {
	case s.ReportsDir != "":
		s.ReportsDir = callerPath(getenv, s.ReportsDir)
	case strings.TrimSpace(getenv(EnvCallerDir)) != "":
		s.ReportsDir = callerPath(getenv, "reports")
	default:
		s.ReportsDir = DefaultReportsDir
	}
	rawAppID := strings.TrimSpace(getenv(EnvSDKAppID))
	if s.Endpoint == "" {
		for name, value := range map[string]string{EnvSDKAppID: rawAppID, EnvSecretKey: s.SecretKey, EnvAdmin: s.Admin, EnvControlURL: s.ControlURL} {
			if value != "" {
				return Settings{}, fmt.Errorf("%w: %s is set but %s is not: set %s to the service to test, or unset %s to test the embedded emulator",
					ErrSettings, name, EnvEndpoint, EnvEndpoint, name)
			}
		}
		return s, nil
	}
	if s.EmulatorChoices != "" {
		return Settings{}, fmt.Errorf("%w: %s picks the embedded emulator's behaviours, but %s names another target: unset one of them",
			ErrSettings, EnvEmulatorChoices, EnvEndpoint)
	}
	var missing []string
	for name, value := range map[string]string{EnvSDKAppID: rawAppID, EnvSecretKey: s.SecretKey, EnvAdmin: s.Admin} {
		if value == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return Settings{}, fmt.Errorf("%w: %s=%s needs %s too", ErrSettings, EnvEndpoint, s.Endpoint, strings.Join(missing, ", "))
	}
	appID, err := strconv.ParseUint(rawAppID, 10, 64)
	if err != nil || appID == 0 {
		return Settings{}, fmt.Errorf("%w: %s=%q is not a positive integer SDKAppID", ErrSettings, EnvSDKAppID, rawAppID)
	}
	s.SDKAppID = appID
	if base, err := url.Parse(client.BaseURLFor(s.Endpoint)); err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return Settings{}, fmt.Errorf("%w: %s=%q is neither a region (china, singapore) nor an http(s) URL", ErrSettings, EnvEndpoint, s.Endpoint)
	}
	if s.ControlURL != "" {
		if u, err := url.Parse(s.ControlURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return Settings{}, fmt.Errorf("%w: %s=%q is not an http(s) URL", ErrSettings, EnvControlURL, s.ControlURL)
		}
		if s.Kind() == KindLive {
			return Settings{}, fmt.Errorf("%w: %s is set but %s is the live service, which has no control plane", ErrSettings, EnvControlURL, EnvEndpoint)
		}
	}
	return s, nil
}
