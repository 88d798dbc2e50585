package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/results"
	"github.com/trtc-conformance/trtc-conformance/usersig"
)

// echoAnswer is what a target that echoes the request answers: the URL, raw and in the
// encodings an echo may use, under keys that do not say "usersig".
func echoAnswer(r *http.Request) string {
	raw := r.URL.String()
	ticket := r.URL.Query().Get("usersig")
	lower := strings.ReplaceAll(url.QueryEscape(ticket), "%2A", "%2a")
	info := fmt.Sprintf("echo %s | %s | %s | %s", raw, url.QueryEscape(raw), url.PathEscape(ticket), lower)
	body, _ := json.Marshal(map[string]any{
		"ActionStatus": "FAIL", "ErrorCode": 100002, "ErrorInfo": info, "RequestId": "Id-echo",
		"Debug": map[string]string{"ticket": ticket, "sig": url.QueryEscape(ticket)},
	})
	return string(body)
}

func TestEchoedTicketsAreRedacted(t *testing.T) {
	var sent []string
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		sent = append(sent, r.URL.Query().Get("usersig"))
		w.Header().Set("X-Echo", r.URL.String())
		_, _ = w.Write([]byte(echoAnswer(r)))
	})
	rec := &memRecorder{}
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.Recorder = rec })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	forged, err := usersig.Generate(testAppID, "another-key", testAdmin, time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var messages []string
	for _, req := range []Request{
		{Service: "svc", Command: "as_admin"},
		{Service: "svc", Command: "as_member", Identifier: "member_1"},
		{Service: "svc", Command: "forged", Query: url.Values{"usersig": {forged}}},
	} {
		resp, err := c.Do(ctx, req)
		var api *APIError
		if !errors.As(err, &api) {
			t.Fatalf("%s: %v, want the echo's APIError", req.Command, err)
		}
		messages = append(messages, err.Error(), string(resp.Raw), resp.Envelope.ErrorInfo, fmt.Sprint(resp.Header))
		var decoded map[string]any
		if json.Unmarshal(resp.Raw, &decoded) != nil {
			t.Errorf("%s: the redacted answer is no longer JSON: %s", req.Command, resp.Raw)
		}
	}
	for _, x := range rec.all() {
		messages = append(messages, x.URL, x.RequestBody, x.ResponseBody)
	}
	if len(sent) != 3 {
		t.Fatalf("sent %d tickets", len(sent))
	}
	for _, ticket := range sent {
		for _, form := range results.SecretForms(ticket) {
			for _, text := range messages {
				if strings.Contains(text, form) {
					t.Errorf("a ticket (form %.20s…) leaked in %.300s", form, text)
				}
			}
		}
		if got := c.Redact("x" + ticket + "y"); got != "x"+Redacted+"y" {
			t.Errorf("Redact: %q", got)
		}
	}
	if !strings.Contains(messages[0], Redacted) {
		t.Errorf("nothing redacted in %q", messages[0])
	}
}

// TestShortBadTicketsAreNotSecrets: a spec's deliberately bad ticket ("abc") is not redacted
// from every text, which would garble the reports.
func TestShortBadTicketsAreNotSecrets(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(echoAnswer(r))) })
	c := newTestClient(t, ts.URL, nil)
	resp, _ := c.Do(context.Background(), Request{Service: "svc", Command: "bad_ticket", Query: url.Values{"usersig": {"abc"}}})
	if resp == nil || !strings.Contains(resp.Envelope.ErrorInfo, "usersig=abc") {
		t.Errorf("a short bad ticket was redacted: %+v", resp)
	}
}
