// Package results is the single results model of the conformance suite.
//
// Every HTTP exchange sent to the target and every spec outcome is recorded
// into one Run. All outputs (the JSON report, the JUnit XML, the console
// summary and the coverage tables) are rendered from that Run, so they can
// never disagree with each other. Coverage is computed only from recorded
// traffic and assertions, never from spec names.
//
// The package is plain Go with no test-framework dependency: the Ginkgo
// glue that fills a Run lives elsewhere.
package results

import "time"

// Outcome is the final state of one spec.
type Outcome string

// The possible outcomes of a spec. Any other value found in a Run (including
// the empty string) is treated as Error by every output: an outcome the
// harness could not classify is an environment problem, not a pass.
const (
	// Pass means every expectation of the spec held.
	Pass Outcome = "pass"
	// Fail means the target broke a documented promise.
	Fail Outcome = "fail"
	// Error means the environment broke: network, timeout, rate limit,
	// misconfiguration.
	Error Outcome = "error"
	// Skipped means the spec did not run; it always comes with a Reason.
	Skipped Outcome = "skipped"
	// KnownDeviation marks a declared vendor deviation: visible in every
	// output but never failing.
	KnownDeviation Outcome = "known-deviation"
)

// Outcomes returns every defined outcome in canonical report order.
func Outcomes() []Outcome {
	return []Outcome{Pass, Fail, Error, Skipped, KnownDeviation}
}

// Valid reports whether o is one of the defined outcomes.
func (o Outcome) Valid() bool {
	switch o {
	case Pass, Fail, Error, Skipped, KnownDeviation:
		return true
	}
	return false
}

// normalized maps an undefined outcome to Error (see the Outcome constants).
func (o Outcome) normalized() Outcome {
	if o.Valid() {
		return o
	}
	return Error
}

// The kinds of target a run can have (Target.Kind).
const (
	// TargetEmbedded is the emulator the suite starts in its own process.
	TargetEmbedded = "embedded"
	// TargetRemote is any other endpoint, such as an emulator started by hand.
	TargetRemote = "remote"
	// TargetLive is the vendor's service.
	TargetLive = "live"
)

// Target describes the service the suite ran against.
type Target struct {
	Kind         string `json:"kind"` // TargetEmbedded, TargetRemote or TargetLive
	Endpoint     string `json:"endpoint"`
	SDKAppID     uint64 `json:"sdkappid"`
	Admin        string `json:"admin"`
	ControlPlane string `json:"control_plane,omitempty"` // URL or "" when none
}

// Exchange is one HTTP request/response pair sent to the target.
type Exchange struct {
	Seq            int       `json:"seq"`
	SpecID         string    `json:"spec_id,omitempty"`
	Service        string    `json:"service"`
	Command        string    `json:"command"`
	Method         string    `json:"method"`
	URL            string    `json:"url"` // already redacted by the caller
	RequestBody    string    `json:"request_body"`
	HTTPStatus     int       `json:"http_status,omitempty"`
	ResponseBody   string    `json:"response_body,omitempty"`
	ErrorCode      *int      `json:"error_code,omitempty"` // nil when no envelope could be decoded
	ActionStatus   string    `json:"action_status,omitempty"`
	RequestID      string    `json:"request_id,omitempty"`
	Started        time.Time `json:"started"`
	DurationMillis float64   `json:"duration_ms"`
	TransportError string    `json:"transport_error,omitempty"`
	Injected       bool      `json:"injected,omitempty"` // the answer was forced by the emulator's fault injection
}

// Assertion is one expectation about the error code of one exchange.
type Assertion struct {
	SpecID      string `json:"spec_id"`
	Service     string `json:"service"`
	Command     string `json:"command"`
	Expected    []int  `json:"expected"` // the accepted codes (several when the docs allow variants)
	Observed    *int   `json:"observed"` // nil when the exchange had no envelope
	Passed      bool   `json:"passed"`
	Injected    bool   `json:"injected,omitempty"`
	ExchangeSeq int    `json:"exchange_seq"`
}

// SpecResult is the outcome of one spec.
type SpecResult struct {
	// ID identifies the spec across runs and machines: its full text, followed by " @ file:line"
	// (the file's base name) only when several specs of the run share that text. Exchanges
	// and assertions refer to it (SpecID) and trtc-results-diff matches specs by it.
	ID             string   `json:"id"`
	Name           string   `json:"name"` // full text, never containing labels
	Labels         []string `json:"labels,omitempty"`
	Outcome        Outcome  `json:"outcome"`
	Reason         string   `json:"reason,omitempty"`   // skip reason, failure message, or deviation reason
	Location       string   `json:"location,omitempty"` // file:line
	DurationMillis float64  `json:"duration_ms"`
	// Deviation is the declared known deviation the spec matched, if any (see Deviation).
	Deviation *Deviation `json:"deviation,omitempty"`
}

// Deviation is a known vendor deviation, declared by the user in a file keyed by command and
// case, that matched a spec. A matching spec that failed is reported with outcome
// KnownDeviation and Observed true; one that passed keeps outcome Pass with Observed false,
// so every output can say that the deviation is no longer observed and its declaration can
// be removed.
type Deviation struct {
	Command  string `json:"command"` // as declared: "create_room" or "room_engine_http_srv/create_room"
	Case     string `json:"case"`    // as declared: the spec's text, or its end
	Reason   string `json:"reason"`
	Page     string `json:"page"` // the vendor's documentation page the deviation contradicts
	Observed bool   `json:"observed"`
}

// Run is everything recorded during one run of the suite (or one part of
// it, written by one parallel process; see Merge).
type Run struct {
	// Format is the results.json format the run was read from or is written in (FormatVersion).
	Format int `json:"format"`
	// SuiteVersion is the version of the suite that ran (SuiteVersion when it was written).
	SuiteVersion string `json:"suite_version,omitempty"`
	Suite        string `json:"suite"`
	Target       Target `json:"target"`
	// Config is the run's configuration as shown to readers (label filter, processes,
	// settings), secrets already redacted by whoever fills it.
	Config   map[string]string `json:"config,omitempty"`
	Started  time.Time         `json:"started"`
	Finished time.Time         `json:"finished"`
	// Interrupted says why the run stopped before its end (the target went silent), "" when it
	// ran to the end; the specs it did not reach are skipped with ReasonNotRunTargetSilent.
	Interrupted string       `json:"interrupted,omitempty"`
	Specs       []SpecResult `json:"specs"`
	Exchanges   []Exchange   `json:"exchanges"`
	Assertions  []Assertion  `json:"assertions"`
	// Deliveries are the callbacks the suite's receiver got (events.go).
	Deliveries []Delivery `json:"deliveries,omitempty"`
}

// Counts returns how many specs ended with each outcome. Every defined
// outcome is present as a key, with 0 when no spec has it; undefined
// outcomes are counted as Error.
func (r *Run) Counts() map[Outcome]int {
	c := make(map[Outcome]int, 5)
	for _, o := range Outcomes() {
		c[o] = 0
	}
	if r == nil {
		return c
	}
	for _, s := range r.Specs {
		c[s.Outcome.normalized()]++
	}
	return c
}
