package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// Test identity. The key is long and distinctive so that a leak is found by a plain search.
const (
	testAppID  uint64 = 1400012345
	testKey           = "k3y-5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
	testAdmin         = "administrator"
	testSvc           = "room_engine_http_srv"
	testCmd           = "get_room_info"
	okEnvelope        = `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-0123456789abcdef0123456789abcdef-O-Seq-1"}`
)

// received is one request as the test server saw it.
type received struct {
	Method      string
	Path        string
	RawQuery    string
	Query       url.Values
	QueryErr    error
	ContentType string
	Body        []byte
}

// testServer is an httptest server on 127.0.0.1 that records every request and counts the
// connections it accepted.
type testServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []received
	newConns atomic.Int64
}

// newTestServer starts a recording server; answer writes the answer (okEnvelope when nil).
func newTestServer(t testing.TB, answer http.HandlerFunc) *testServer {
	t.Helper()
	ts := &testServer{}
	ts.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("test server: reading the request body: %v", err)
		}
		query, queryErr := url.ParseQuery(r.URL.RawQuery)
		ts.mu.Lock()
		ts.requests = append(ts.requests, received{
			Method:      r.Method,
			Path:        r.URL.Path,
			RawQuery:    r.URL.RawQuery,
			Query:       query,
			QueryErr:    queryErr,
			ContentType: r.Header.Get("Content-Type"),
			Body:        body,
		})
		ts.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		if answer == nil {
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, okEnvelope)
			return
		}
		answer(w, r)
	}))
	ts.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			ts.newConns.Add(1)
		}
	}
	ts.Start()
	t.Cleanup(ts.Close)
	return ts
}

func (ts *testServer) all() []received {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]received(nil), ts.requests...)
}

func (ts *testServer) count() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return len(ts.requests)
}

// last returns the latest request, failing the test when there is none.
func (ts *testServer) last(t testing.TB) received {
	t.Helper()
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if len(ts.requests) == 0 {
		t.Fatalf("the server received no request")
	}
	return ts.requests[len(ts.requests)-1]
}

// answer returns a handler that writes status, headers and body.
func answer(status int, header map[string]string, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// newTestClient returns a client for baseURL with the test identity and no rate budget;
// mutate adjusts the configuration first.
func newTestClient(t testing.TB, baseURL string, mutate func(*Config)) *Client {
	t.Helper()
	cfg := Config{BaseURL: baseURL, SDKAppID: testAppID, SecretKey: testKey, Admin: testAdmin, RatePerSecond: -1}
	if mutate != nil {
		mutate(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(c.Close)
	return c
}

// memRecorder keeps every exchange; safe for concurrent use.
type memRecorder struct {
	mu        sync.Mutex
	exchanges []results.Exchange
}

func (r *memRecorder) Record(e results.Exchange) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.exchanges = append(r.exchanges, e)
}

func (r *memRecorder) all() []results.Exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]results.Exchange(nil), r.exchanges...)
}

// captureTransport notes the usersig of every request before the real transport sends it,
// so that tests know the ticket even when no answer comes.
type captureTransport struct {
	base http.RoundTripper
	mu   sync.Mutex
	sigs []string
}

func newCaptureTransport() *captureTransport {
	return &captureTransport{base: http.DefaultTransport.(*http.Transport).Clone()}
}

func (c *captureTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	if sig := r.URL.Query().Get("usersig"); sig != "" {
		c.sigs = append(c.sigs, sig)
	}
	c.mu.Unlock()
	return c.base.RoundTrip(r)
}

func (c *captureTransport) tickets() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.sigs...)
}

// roundTripFunc answers without any network.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// secretForms are the spellings under which a secret could leak: as is and URL-escaped.
func secretForms(secret string) []string {
	return []string{secret, url.QueryEscape(secret), url.PathEscape(secret)}
}

// assertNoSecrets fails when text contains the key or any of the tickets.
func assertNoSecrets(t *testing.T, what, text string, tickets []string) {
	t.Helper()
	for _, secret := range append([]string{testKey}, tickets...) {
		for _, form := range secretForms(secret) {
			if form != "" && strings.Contains(text, form) {
				t.Errorf("%s contains a secret (%.20s...): %s", what, form, text)
			}
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return string(raw)
}

// cancelledContext returns a context that has already ended.
func cancelledContext() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

// asTransportError fails unless err is a *TransportError for service/command.
func asTransportError(t *testing.T, err error, service, command string) *TransportError {
	t.Helper()
	var te *TransportError
	if !errors.As(err, &te) {
		t.Fatalf("error = %T %v, want *TransportError", err, err)
	}
	if te.Service != service || te.Command != command {
		t.Errorf("TransportError names %s/%s, want %s/%s", te.Service, te.Command, service, command)
	}
	return te
}
