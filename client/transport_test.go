package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// blockingServer answers only when the client goes away, or after a long time.
func blockingServer(t *testing.T, arrived chan<- struct{}) *testServer {
	return newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if arrived != nil {
			arrived <- struct{}{}
		}
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		_, _ = w.Write([]byte(okEnvelope))
	})
}

func TestTimeout(t *testing.T) {
	ts := blockingServer(t, nil)
	capture := newCaptureTransport()
	c := newTestClient(t, ts.URL, func(cfg *Config) {
		cfg.Timeout = 200 * time.Millisecond
		cfg.Transport = capture
	})
	start := time.Now()
	resp, err := c.Call(context.Background(), testSvc, testCmd, nil)
	if elapsed := time.Since(start); elapsed < 200*time.Millisecond {
		t.Errorf("the call gave up after %v, before the 200ms timeout", elapsed)
	}
	if resp != nil {
		t.Errorf("resp = %+v, want nil", resp)
	}
	te := asTransportError(t, err, testSvc, testCmd)
	if !te.Timeout() {
		t.Errorf("Timeout() = false for %v", err)
	}
	assertNoSecrets(t, "the error", err.Error(), capture.tickets())
}

func TestConnectionRefused(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	base := closed.URL
	closed.Close()
	capture := newCaptureTransport()
	c := newTestClient(t, base, func(cfg *Config) { cfg.Transport = capture })
	resp, err := c.Call(context.Background(), testSvc, testCmd, nil)
	if resp != nil {
		t.Errorf("resp = %+v, want nil", resp)
	}
	te := asTransportError(t, err, testSvc, testCmd)
	if te.Timeout() {
		t.Errorf("a refused connection is reported as a timeout: %v", err)
	}
	if len(capture.tickets()) != 1 {
		t.Fatalf("captured %d tickets, want 1", len(capture.tickets()))
	}
	// The *url.Error quotes the URL: the ticket must not come with it.
	assertNoSecrets(t, "the error", err.Error(), capture.tickets())
	if !strings.Contains(err.Error(), "usersig="+Redacted) {
		t.Errorf("error %q does not carry the redacted URL", err)
	}
}

func TestContextCancelled(t *testing.T) {
	t.Run("while the server is answering", func(t *testing.T) {
		arrived := make(chan struct{}, 1)
		ts := blockingServer(t, arrived)
		c := newTestClient(t, ts.URL, nil)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			<-arrived
			cancel()
		}()
		resp, err := c.Call(ctx, testSvc, testCmd, nil)
		if resp != nil {
			t.Errorf("resp = %+v, want nil", resp)
		}
		te := asTransportError(t, err, testSvc, testCmd)
		if !errors.Is(err, context.Canceled) || te.Timeout() {
			t.Errorf("error %v: want context.Canceled and not a timeout", err)
		}
	})
	t.Run("before the call", func(t *testing.T) {
		ts := newTestServer(t, nil)
		c := newTestClient(t, ts.URL, nil)
		resp, err := c.Call(cancelledContext(), testSvc, testCmd, nil)
		if resp != nil {
			t.Errorf("resp = %+v, want nil", resp)
		}
		asTransportError(t, err, testSvc, testCmd)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v does not wrap context.Canceled", err)
		}
		if n := ts.count(); n != 0 {
			t.Errorf("the server received %d requests", n)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ts := blockingServer(t, nil)
		c := newTestClient(t, ts.URL, nil)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		resp, err := c.Call(ctx, testSvc, testCmd, nil)
		if resp != nil {
			t.Errorf("resp = %+v, want nil", resp)
		}
		te := asTransportError(t, err, testSvc, testCmd)
		if !errors.Is(err, context.DeadlineExceeded) || !te.Timeout() {
			t.Errorf("error %v: want context.DeadlineExceeded reported as a timeout", err)
		}
	})
}

func TestKeepAlive(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer http.HandlerFunc
	}{
		{"success envelopes", nil},
		{"failure envelopes", answer(200, nil, `{"ActionStatus":"FAIL","ErrorCode":100004,"ErrorInfo":"x","RequestId":"r"}`)},
		{"HTTP 502 answers", answer(502, nil, okEnvelope)},
		{"large answers", answer(200, nil, `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","Pad":"`+strings.Repeat("p", 256<<10)+`"}`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, tc.answer)
			c := newTestClient(t, ts.URL, nil)
			for i := range 20 {
				resp, _ := c.Call(context.Background(), testSvc, testCmd, nil)
				if resp == nil {
					t.Fatalf("call %d got no answer", i)
				}
			}
			if n := ts.count(); n != 20 {
				t.Errorf("the server received %d requests, want 20", n)
			}
			// One connection, ideally; net/http may dial a spare while the connection just used
			// is on its way back to the idle pool (a race a loaded machine loses now and then).
			// Without keep-alive every call opens one: 20.
			if n := ts.newConns.Load(); n > 5 {
				t.Errorf("20 sequential calls opened %d connections, want 1 (keep-alive; a spare or two at most)", n)
			}
		})
	}
}

func TestDefaultTransportIsNotTheSharedOne(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, nil)
	if c.http.Transport == nil || c.http.Transport == http.DefaultTransport {
		t.Errorf("client uses %v, want its own keep-alive pool", c.http.Transport)
	}
}
