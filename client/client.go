// Package client calls the TRTC Conference REST API: it builds and signs the URL, keeps
// connections alive, spaces calls within the documented rate budget, decodes the envelope
// into typed errors and hands every exchange, with its UserSig redacted, to a recorder.
//
// Vendor page: https://trtc.io/document/60703 (RESTful API overview).
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/results"
	"github.com/trtc-conformance/trtc-conformance/usersig"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

const (
	// DefaultTimeout is above the 3 s the vendor's server allows itself (catalog.ServerTimeout),
	// as the overview asks.
	DefaultTimeout = 5 * time.Second
	// DefaultUserSigTTL is the validity the client asks for its administrator tickets.
	DefaultUserSigTTL = 24 * time.Hour
	// Redacted replaces secrets in everything the recorder sees.
	Redacted = "REDACTED"
	// maxResponseBytes bounds what is read of an answer; REST answers are small.
	maxResponseBytes = 8 << 20
)

// Recorder sees every exchange the client makes, after it ends, with secrets redacted.
type Recorder interface {
	Record(results.Exchange)
}

// Config says where and as whom the client calls.
type Config struct {
	// BaseURL is the scheme and host (and optional path prefix) in front of /v4/...:
	// a preset from Regions or any URL.
	BaseURL   string
	SDKAppID  uint64
	SecretKey string
	// Admin is the App administrator account sent as identifier.
	Admin string
	// Timeout bounds one call, answer included. Zero means DefaultTimeout.
	Timeout time.Duration
	// RatePerSecond is the budget per command. Zero means each command's documented budget
	// (catalog: 200/s for the Conference commands); negative disables spacing.
	RatePerSecond int
	// BudgetShare is how many callers (for example parallel test processes) share the
	// application's frequency limits: each client keeps to 1/BudgetShare of every command's
	// budget. Zero or one: this client is alone.
	BudgetShare int
	// SharedBudget, when set, schedules every call with the other callers of the application
	// instead (BudgetShare is then ignored): one schedule for all, so a caller may use the
	// whole rate while the others do not.
	SharedBudget SlotSource
	// RateLimitRetries is how often a call refused for frequency (the command's
	// catalog.Command.FrequencyCodes) is sent again, after a growing wait, before its answer is
	// returned marked Throttled. Zero: never. Calls with SkipBudget and injected answers are
	// never retried.
	RateLimitRetries int
	// UserSigTTL is the validity of generated tickets. Zero means DefaultUserSigTTL.
	UserSigTTL time.Duration
	Recorder   Recorder
	// Gate, when set, is asked before every call is sent; an error ends the call at once as a
	// *TransportError wrapping it, unsent and unrecorded (the harness stops calling a target
	// that went silent instead of waiting a time-out per call).
	Gate func() error
	// Transport replaces the keep-alive transport (tests).
	Transport http.RoundTripper
}

// Client is safe for concurrent use. Every call, typed or not, goes through Do: rate budget,
// UserSig, envelope decoding, typed errors and the recorder. The typed methods are grouped by
// vendor page group, as in client.Rooms.GetInfo; each returns the decoded answer, the
// *Response and an error (see service.go).
type Client struct {
	Rooms     *RoomsService
	Members   *MembersService
	Seats     *SeatsService
	Accounts  *AccountsService
	Callbacks *CallbacksService
	Live      *LiveService

	// common is shared by the services, which are views of the same client.
	common service
	cfg    Config
	base   *url.URL
	http   *http.Client
	budget *rateBudget
	// now is the clock of the UserSig cache (time.Now; tests move it).
	now func() time.Time

	sigMu      sync.Mutex
	sig        string
	sigRenewAt time.Time
	// tickets are every UserSig sent, redacted from everything the client returns or records.
	tickets ticketSet
}

var exchangeSeq atomic.Int64

// New checks the configuration and returns a client with its own keep-alive pool.
func New(cfg Config) (*Client, error) {
	base, err := url.Parse(BaseURLFor(cfg.BaseURL))
	switch {
	case cfg.BaseURL == "":
		return nil, fmt.Errorf("%w: BaseURL is empty (a region preset such as %q or a URL)", ErrConfig, "singapore")
	case err != nil:
		return nil, fmt.Errorf("%w: BaseURL %q: %v", ErrConfig, cfg.BaseURL, err)
	case base.Scheme != "http" && base.Scheme != "https" || base.Host == "":
		return nil, fmt.Errorf("%w: BaseURL %q must be an http(s) URL with a host", ErrConfig, cfg.BaseURL)
	case cfg.SDKAppID == 0:
		return nil, fmt.Errorf("%w: SDKAppID is 0", ErrConfig)
	case cfg.SecretKey == "":
		return nil, fmt.Errorf("%w: SecretKey is empty", ErrConfig)
	case cfg.Admin == "":
		return nil, fmt.Errorf("%w: Admin (the App administrator account) is empty", ErrConfig)
	case cfg.Timeout < 0:
		return nil, fmt.Errorf("%w: Timeout %v is negative", ErrConfig, cfg.Timeout)
	case cfg.BudgetShare < 0 || cfg.RateLimitRetries < 0:
		return nil, fmt.Errorf("%w: BudgetShare %d and RateLimitRetries %d must not be negative", ErrConfig, cfg.BudgetShare, cfg.RateLimitRetries)
	case cfg.UserSigTTL < 0 || cfg.UserSigTTL%time.Second != 0:
		return nil, fmt.Errorf("%w: UserSigTTL %v is not a positive whole number of seconds", ErrConfig, cfg.UserSigTTL)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.UserSigTTL == 0 {
		cfg.UserSigTTL = DefaultUserSigTTL
	}
	if _, err := usersig.Generate(cfg.SDKAppID, cfg.SecretKey, cfg.Admin, cfg.UserSigTTL, time.Now()); err != nil {
		return nil, fmt.Errorf("%w: Admin %q cannot be signed for: %v", ErrConfig, cfg.Admin, err)
	}
	transport := cfg.Transport
	if transport == nil {
		transport = &http.Transport{
			Proxy:               http.ProxyFromEnvironment,
			DialContext:         (&net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns:        256,
			MaxIdleConnsPerHost: 64,
			IdleConnTimeout:     90 * time.Second,
			TLSHandshakeTimeout: cfg.Timeout,
			ForceAttemptHTTP2:   true,
		}
	}
	base.Path = strings.TrimSuffix(base.Path, "/")
	httpClient := &http.Client{Transport: transport, Timeout: cfg.Timeout,
		// A redirect is an answer other than the documented 200: report it, and never resend
		// the signed URL to wherever it points.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	c := &Client{
		cfg:    cfg,
		base:   base,
		http:   httpClient,
		budget: newRateBudget(cfg.RatePerSecond),
		now:    time.Now,
	}
	if c.budget != nil {
		c.budget.share, c.budget.slots = cfg.BudgetShare, cfg.SharedBudget
	}
	c.common.client = c
	c.Rooms = (*RoomsService)(&c.common)
	c.Members = (*MembersService)(&c.common)
	c.Seats = (*SeatsService)(&c.common)
	c.Accounts = (*AccountsService)(&c.common)
	c.Callbacks = (*CallbacksService)(&c.common)
	c.Live = (*LiveService)(&c.common)
	return c, nil
}

// Config returns the configuration the client runs with (defaults filled in).
func (c *Client) Config() Config { return c.cfg }

// Close releases idle keep-alive connections.
func (c *Client) Close() { c.http.CloseIdleConnections() }

// Request is one call described at the wire level, so that specs can also send what a
// well-behaved caller never would.
type Request struct {
	Service string
	Command string
	// Body is sent as is; nil sends "{}" (the body must never be empty).
	Body []byte
	// Method defaults to POST, the only documented method.
	Method string
	// Identifier, when set, calls as this account with a ticket generated for it.
	Identifier string
	// Query overrides the signed query: a key set here replaces the generated value, and a
	// key set to nil is removed.
	Query url.Values
	// SkipBudget sends without waiting for the rate budget, and hands a frequency refusal
	// back as answered, never retried: for specs that provoke one (a burst beyond the
	// documented limit) or that need calls at the same instant.
	SkipBudget bool
}

// Response is a decoded answer with its raw body.
type Response struct {
	Service    string
	Command    string
	Seq        int64
	HTTPStatus int
	Header     http.Header
	Raw        []byte
	Envelope   wire.Envelope
	// Injected is true when the emulator's fault injection forced this answer.
	Injected bool
	// ProtocolProblem says why the answer is not a REST envelope; empty when it is one.
	// Envelope is meaningless when it is set.
	ProtocolProblem string
	// Throttled is true when the answer is a frequency refusal (catalog.Command.FrequencyCodes) that
	// the client retried Config.RateLimitRetries times in vain: a verdict on the application's
	// shared budget, not on the call. Never set for SkipBudget calls.
	Throttled bool
	// Retries counts the frequency refusals the client retried before this answer.
	Retries int
}

// Code is the envelope's ErrorCode.
func (r *Response) Code() int { return r.Envelope.ErrorCode }

// Decode unmarshals the raw body into v.
func (r *Response) Decode(v any) error {
	if err := json.Unmarshal(r.Raw, v); err != nil {
		return fmt.Errorf("decode %s/%s answer: %w", r.Service, r.Command, err)
	}
	return nil
}

// Call marshals body (nil sends {}) and sends it to <service>/<command>.
func (c *Client) Call(ctx context.Context, service, command string, body any) (*Response, error) {
	raw := []byte("{}")
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			return nil, fmt.Errorf("%s/%s: encode request: %w", service, command, err)
		}
	}
	return c.Do(ctx, Request{Service: service, Command: command, Body: raw})
}

// frequencyCodes are the codes that refuse a call of service/command for frequency.
func frequencyCodes(service, command string) []int {
	if c, ok := catalog.Lookup(service, command); ok {
		return c.FrequencyCodes()
	}
	return catalog.RateLimitCodes
}

// Do sends one request. It returns the response together with an *APIError when the
// envelope reports a failure, a *ProtocolError (with the response) when the answer is not an
// envelope, and a *TransportError (without response) when no answer came. A frequency
// refusal is sent again up to Config.RateLimitRetries times (not with SkipBudget); the last
// answer is returned, marked Throttled when it is still a refusal.
func (c *Client) Do(ctx context.Context, req Request) (*Response, error) {
	for retries := 0; ; retries++ {
		resp, err := c.doOnce(ctx, req)
		if resp == nil || resp.ProtocolProblem != "" || req.SkipBudget || resp.Injected || !slices.Contains(frequencyCodes(req.Service, req.Command), resp.Code()) {
			if resp != nil {
				resp.Retries = retries
			}
			return resp, err
		}
		resp.Retries = retries
		if retries >= c.cfg.RateLimitRetries {
			resp.Throttled = true
			return resp, err
		}
		timer := time.NewTimer(rateLimitBackoff(retries))
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			resp.Throttled = true
			return resp, err
		}
	}
}

// doOnce sends the request once, within the rate budget unless SkipBudget.
func (c *Client) doOnce(ctx context.Context, req Request) (*Response, error) {
	if !req.SkipBudget {
		if err := c.budget.wait(ctx, req.Service, req.Command); err != nil {
			return nil, &TransportError{Service: req.Service, Command: req.Command, Err: fmt.Errorf("waiting for the rate budget: %w", err)}
		}
	}
	if c.cfg.Gate != nil {
		if err := c.cfg.Gate(); err != nil {
			return nil, &TransportError{Service: req.Service, Command: req.Command, Err: err}
		}
	}
	target, err := c.url(req)
	if err != nil {
		return nil, err
	}
	body := req.Body
	if body == nil {
		body = []byte("{}")
	}
	method := req.Method
	if method == "" {
		method = http.MethodPost
	}
	exchange := results.Exchange{
		Seq:         int(exchangeSeq.Add(1)),
		Service:     req.Service,
		Command:     req.Command,
		Method:      method,
		URL:         c.tickets.redact(redactURL(target)),
		RequestBody: c.tickets.redact(string(body)),
		Started:     time.Now(),
	}
	resp, callErr := c.send(ctx, method, target, body, req)
	exchange.DurationMillis = float64(time.Since(exchange.Started).Microseconds()) / 1000
	if resp != nil {
		resp.Seq = int64(exchange.Seq)
		exchange.HTTPStatus = resp.HTTPStatus
		exchange.ResponseBody = string(resp.Raw)
		exchange.Injected = resp.Injected
		if resp.ProtocolProblem == "" {
			code := resp.Envelope.ErrorCode
			exchange.ErrorCode = &code
			exchange.ActionStatus = resp.Envelope.ActionStatus
			exchange.RequestID = resp.Envelope.RequestID
		}
	}
	if transportErr, ok := callErr.(*TransportError); ok {
		exchange.TransportError = c.tickets.redact(transportErr.Err.Error())
	}
	if c.cfg.Recorder != nil {
		c.cfg.Recorder.Record(exchange)
	}
	return resp, callErr
}

func (c *Client) send(ctx context.Context, method, target string, body []byte, req Request) (*Response, error) {
	httpReq, err := http.NewRequestWithContext(ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return nil, &TransportError{Service: req.Service, Command: req.Command, Err: err}
	}
	httpReq.Header.Set("Content-Type", "application/json")
	httpResp, err := c.http.Do(httpReq)
	if err != nil {
		// The *url.Error quotes the whole URL, ticket included.
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			urlErr.URL = redactURL(urlErr.URL)
		}
		return nil, &TransportError{Service: req.Service, Command: req.Command, Err: err}
	}
	defer httpResp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(httpResp.Body, maxResponseBytes))
	if err != nil {
		return nil, &TransportError{Service: req.Service, Command: req.Command, Err: fmt.Errorf("reading the answer: %w", err)}
	}
	// A target that echoes the request must not carry a ticket into a failure message or a
	// report: the answer is redacted before anyone reads it. A ticket sits inside a JSON string
	// and Redacted is plain letters, so the body stays the JSON it was.
	raw = c.tickets.redactBytes(raw)
	for _, values := range httpResp.Header {
		for i, value := range values {
			values[i] = c.tickets.redact(value)
		}
	}
	resp := &Response{
		Service:    req.Service,
		Command:    req.Command,
		HTTPStatus: httpResp.StatusCode,
		Header:     httpResp.Header,
		Raw:        raw,
		Injected:   httpResp.Header.Get(control.FaultHeader) != "",
	}
	protocolErr := func(reason string) error {
		resp.ProtocolProblem = reason
		return &ProtocolError{Service: req.Service, Command: req.Command, HTTPStatus: httpResp.StatusCode, Body: raw, Reason: reason}
	}
	if httpResp.StatusCode != http.StatusOK {
		return resp, protocolErr("HTTP status is not 200")
	}
	envelope, reason := decodeEnvelope(raw)
	if reason != "" {
		return resp, protocolErr(reason)
	}
	resp.Envelope = envelope
	if envelope.ErrorCode != 0 {
		return resp, &APIError{Service: req.Service, Command: req.Command, ErrorCode: envelope.ErrorCode, ErrorInfo: envelope.ErrorInfo, RequestID: envelope.RequestID}
	}
	return resp, nil
}

// decodeEnvelope returns the envelope, or the reason the body is not one.
func decodeEnvelope(raw []byte) (wire.Envelope, string) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return wire.Envelope{}, "body is not a JSON object: " + err.Error()
	}
	var env wire.Envelope
	var code json.Number
	for _, field := range []struct {
		name     string
		into     any
		required bool
	}{
		{"ActionStatus", &env.ActionStatus, true},
		{"ErrorCode", &code, true},
		{"ErrorInfo", &env.ErrorInfo, true},
		{"RequestId", &env.RequestID, false},
	} {
		value, present := fields[field.name]
		if !present {
			if field.required {
				return wire.Envelope{}, field.name + " is missing"
			}
			continue
		}
		// The common shapes first: a string where a string belongs, a number literal for
		// ErrorCode (value is one valid JSON value, as json.Unmarshal checked it).
		if into, isString := field.into.(*string); isString && len(value) > 0 && value[0] == '"' {
			if err := json.Unmarshal(value, into); err == nil {
				continue
			}
		}
		if into, isNumber := field.into.(*json.Number); isNumber && len(value) > 0 && (value[0] == '-' || value[0] >= '0' && value[0] <= '9') {
			*into = json.Number(value)
			continue
		}
		// Decoded as any and then checked: decoding straight into a string or a json.Number
		// would accept null, and a JSON string such as "0" as the number ErrorCode.
		decoder := json.NewDecoder(bytes.NewReader(value))
		decoder.UseNumber()
		var decoded any
		if err := decoder.Decode(&decoded); err != nil {
			return wire.Envelope{}, field.name + " has the wrong type: " + err.Error()
		}
		ok := false
		switch into := field.into.(type) {
		case *string:
			*into, ok = decoded.(string)
		case *json.Number:
			*into, ok = decoded.(json.Number)
		}
		if !ok {
			return wire.Envelope{}, field.name + " has the wrong type: " + string(value)
		}
	}
	parsed, err := strconv.Atoi(code.String())
	if err != nil {
		return wire.Envelope{}, "ErrorCode is not an integer: " + code.String()
	}
	env.ErrorCode = parsed
	return env, ""
}

// url builds <base>/v4/<service>/<command>?sdkappid=&identifier=&usersig=&random=&contenttype=json.
func (c *Client) url(req Request) (string, error) {
	identifier := c.cfg.Admin
	if req.Identifier != "" {
		identifier = req.Identifier
	}
	sig, err := c.userSigFor(identifier)
	if err != nil {
		return "", fmt.Errorf("%s/%s: %w", req.Service, req.Command, err)
	}
	query := url.Values{
		"sdkappid":    {strconv.FormatUint(c.cfg.SDKAppID, 10)},
		"identifier":  {identifier},
		"usersig":     {sig},
		"random":      {strconv.FormatUint(uint64(rand.Uint32()), 10)},
		"contenttype": {"json"},
	}
	for key, values := range req.Query {
		if values == nil {
			query.Del(key)
		} else {
			query[key] = values
		}
	}
	// Every ticket sent is a secret, generated here or given by the caller, under usersig or
	// under any other name a spec tries (UserSig, a parameter repeated…).
	for key, values := range query {
		for _, value := range values {
			if key == "usersig" || looksLikeTicket(value) {
				c.tickets.add(value)
			}
		}
	}
	u := *c.base
	u.Path = c.base.Path + "/v4/" + req.Service + "/" + req.Command
	u.RawQuery = query.Encode()
	return u.String(), nil
}

// userSigFor returns the cached administrator ticket, renewed when a tenth of its validity
// is left, or a fresh ticket for any other identifier.
func (c *Client) userSigFor(identifier string) (string, error) {
	now := c.now()
	if identifier != c.cfg.Admin {
		return usersig.Generate(c.cfg.SDKAppID, c.cfg.SecretKey, identifier, c.cfg.UserSigTTL, now)
	}
	c.sigMu.Lock()
	defer c.sigMu.Unlock()
	if c.sig == "" || !now.Before(c.sigRenewAt) {
		sig, err := usersig.Generate(c.cfg.SDKAppID, c.cfg.SecretKey, identifier, c.cfg.UserSigTTL, now)
		if err != nil {
			return "", err
		}
		c.sig, c.sigRenewAt = sig, now.Add(c.cfg.UserSigTTL-c.cfg.UserSigTTL/10)
	}
	return c.sig, nil
}

// redactURL hides the usersig query value; the URL is otherwise kept as sent.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return Redacted
	}
	query := u.Query()
	if query.Has("usersig") {
		query.Set("usersig", Redacted)
		u.RawQuery = query.Encode()
	}
	return u.String()
}

// looksLikeTicket reports whether value decodes as a UserSig, whatever it signs.
func looksLikeTicket(value string) bool {
	_, err := usersig.Decode(value)
	return err == nil
}
