package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/control"
)

func TestRecorder(t *testing.T) {
	const failBody = `{"ActionStatus":"FAIL","ErrorCode":100004,"ErrorInfo":"room not exist","RequestId":"Id-f"}`
	const protoBody = `<html>bad gateway</html>`
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/ok"):
			_, _ = w.Write([]byte(okEnvelope))
		case strings.HasSuffix(r.URL.Path, "/fail"):
			_, _ = w.Write([]byte(failBody))
		case strings.HasSuffix(r.URL.Path, "/proto"):
			_, _ = w.Write([]byte(protoBody))
		case strings.HasSuffix(r.URL.Path, "/fault"):
			w.Header().Set(control.FaultHeader, "error_code")
			_, _ = w.Write([]byte(failBody))
		case strings.HasSuffix(r.URL.Path, "/fault502"):
			w.Header().Set(control.FaultHeader, "http_status")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = w.Write([]byte(okEnvelope))
		case strings.HasSuffix(r.URL.Path, "/slow"):
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		}
	})
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	rec := &memRecorder{}
	capture := newCaptureTransport()
	open := newTestClient(t, ts.URL, func(cfg *Config) {
		cfg.Recorder, cfg.Transport, cfg.Timeout = rec, capture, 200*time.Millisecond
	})
	refused := newTestClient(t, closedURL, func(cfg *Config) { cfg.Recorder, cfg.Transport = rec, capture })

	code := func(n int) *int { return &n }
	for _, tc := range []struct {
		name       string
		client     *Client
		req        Request
		status     int
		body       string
		code       *int
		action     string
		requestID  string
		transport  bool
		injected   bool
		wantAnswer bool
	}{
		{name: "success", client: open, req: Request{Command: "ok", Body: []byte(`{"RoomId":"r1"}`)},
			status: 200, body: okEnvelope, code: code(0), action: "OK", requestID: "Id-0123456789abcdef0123456789abcdef-O-Seq-1", wantAnswer: true},
		{name: "failure", client: open, req: Request{Command: "fail"},
			status: 200, body: failBody, code: code(100004), action: "FAIL", requestID: "Id-f", wantAnswer: true},
		{name: "other identifier", client: open, req: Request{Command: "ok", Identifier: "alice"},
			status: 200, body: okEnvelope, code: code(0), action: "OK", requestID: "Id-0123456789abcdef0123456789abcdef-O-Seq-1", wantAnswer: true},
		{name: "protocol error", client: open, req: Request{Command: "proto"},
			status: 200, body: protoBody, wantAnswer: true},
		{name: "injected failure", client: open, req: Request{Command: "fault"},
			status: 200, body: failBody, code: code(100004), action: "FAIL", requestID: "Id-f", injected: true, wantAnswer: true},
		{name: "injected HTTP 502", client: open, req: Request{Command: "fault502"},
			status: 502, body: okEnvelope, injected: true, wantAnswer: true},
		{name: "timeout", client: open, req: Request{Command: "slow"}, transport: true},
		{name: "connection refused", client: refused, req: Request{Command: "ok"}, transport: true},
		{name: "method override", client: open, req: Request{Command: "ok", Method: http.MethodPut},
			status: 200, body: okEnvelope, code: code(0), action: "OK", requestID: "Id-0123456789abcdef0123456789abcdef-O-Seq-1", wantAnswer: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.Service = testSvc
			before := len(rec.all())
			started := time.Now()
			resp, err := tc.client.Do(context.Background(), tc.req)
			ended := time.Now()
			all := rec.all()
			if len(all) != before+1 {
				t.Fatalf("the recorder got %d exchanges for one call", len(all)-before)
			}
			e := all[len(all)-1]
			if before > 0 && e.Seq <= all[before-1].Seq {
				t.Errorf("Seq %d does not increase after %d", e.Seq, all[before-1].Seq)
			}
			if resp != nil && resp.Seq != int64(e.Seq) {
				t.Errorf("resp.Seq %d differs from the exchange's %d", resp.Seq, e.Seq)
			}
			if (resp != nil) != tc.wantAnswer {
				t.Errorf("resp = %v, err = %v", resp, err)
			}
			if e.Service != testSvc || e.Command != tc.req.Command {
				t.Errorf("exchange names %s/%s", e.Service, e.Command)
			}
			wantMethod := tc.req.Method
			if wantMethod == "" {
				wantMethod = http.MethodPost
			}
			if e.Method != wantMethod {
				t.Errorf("Method = %q, want %q", e.Method, wantMethod)
			}
			wantBody := string(tc.req.Body)
			if tc.req.Body == nil {
				wantBody = "{}"
			}
			if e.RequestBody != wantBody {
				t.Errorf("RequestBody = %q, want %q", e.RequestBody, wantBody)
			}
			u, perr := url.Parse(e.URL)
			if perr != nil {
				t.Fatalf("recorded URL %q: %v", e.URL, perr)
			}
			if got := u.Query()["usersig"]; len(got) != 1 || got[0] != Redacted {
				t.Errorf("recorded usersig = %q, want [%s]", got, Redacted)
			}
			if !strings.HasSuffix(u.Path, "/v4/"+testSvc+"/"+tc.req.Command) {
				t.Errorf("recorded URL path %q", u.Path)
			}
			wantIdentifier := tc.req.Identifier
			if wantIdentifier == "" {
				wantIdentifier = testAdmin
			}
			for key, want := range map[string]string{"identifier": wantIdentifier, "contenttype": "json", "sdkappid": "1400012345"} {
				if u.Query().Get(key) != want {
					t.Errorf("recorded %s = %q, want %q", key, u.Query().Get(key), want)
				}
			}
			if u.Query().Get("random") == "" {
				t.Errorf("recorded URL lacks random: %s", e.URL)
			}
			if e.HTTPStatus != tc.status || e.ResponseBody != tc.body {
				t.Errorf("recorded HTTP %d body %q, want %d %q", e.HTTPStatus, e.ResponseBody, tc.status, tc.body)
			}
			switch {
			case tc.code == nil && e.ErrorCode != nil:
				t.Errorf("ErrorCode = %d, want nil", *e.ErrorCode)
			case tc.code != nil && (e.ErrorCode == nil || *e.ErrorCode != *tc.code):
				t.Errorf("ErrorCode = %v, want %d", e.ErrorCode, *tc.code)
			}
			if e.ActionStatus != tc.action || e.RequestID != tc.requestID {
				t.Errorf("ActionStatus %q RequestID %q, want %q %q", e.ActionStatus, e.RequestID, tc.action, tc.requestID)
			}
			if (e.TransportError != "") != tc.transport {
				t.Errorf("TransportError = %q, want set: %v", e.TransportError, tc.transport)
			}
			if e.Injected != tc.injected {
				t.Errorf("Injected = %v, want %v", e.Injected, tc.injected)
			}
			if resp != nil && resp.Injected != tc.injected {
				t.Errorf("resp.Injected = %v, want %v", resp.Injected, tc.injected)
			}
			if e.Started.Before(started) || e.Started.After(ended) || e.DurationMillis < 0 {
				t.Errorf("Started %v (call from %v to %v), duration %vms", e.Started, started, ended, e.DurationMillis)
			}
			tickets := capture.tickets()
			if len(tickets) == 0 {
				t.Fatal("no ticket captured")
			}
			assertNoSecrets(t, "the recorded exchange", mustJSON(t, e), tickets)
			if err != nil {
				assertNoSecrets(t, "the error", err.Error(), tickets)
			}
		})
	}
}

func TestRecorderSeqIncreasesAcrossClients(t *testing.T) {
	ts := newTestServer(t, nil)
	rec := &memRecorder{}
	a := newTestClient(t, ts.URL, func(cfg *Config) { cfg.Recorder = rec })
	b := newTestClient(t, ts.URL, func(cfg *Config) { cfg.Recorder = rec })
	for i := range 10 {
		c := a
		if i%2 == 1 {
			c = b
		}
		if _, err := c.Call(context.Background(), testSvc, testCmd, nil); err != nil {
			t.Fatal(err)
		}
	}
	all := rec.all()
	if len(all) != 10 {
		t.Fatalf("%d exchanges, want 10", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i].Seq <= all[i-1].Seq {
			t.Errorf("Seq %d after %d", all[i].Seq, all[i-1].Seq)
		}
	}
}
