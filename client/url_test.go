package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/usersig"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

var signedKeys = []string{"contenttype", "identifier", "random", "sdkappid", "usersig"}

func sortedKeys(q url.Values) []string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestURLPath(t *testing.T) {
	ts := newTestServer(t, nil)
	for _, tc := range []struct {
		name, suffix, want string
	}{
		{"bare host", "", "/v4/svc_a/cmd_b"},
		{"host with trailing slash", "/", "/v4/svc_a/cmd_b"},
		{"path prefix", "/gateway", "/gateway/v4/svc_a/cmd_b"},
		{"path prefix with trailing slash", "/gateway/", "/gateway/v4/svc_a/cmd_b"},
		{"nested prefix with trailing slash", "/a/b/", "/a/b/v4/svc_a/cmd_b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestClient(t, ts.URL+tc.suffix, nil)
			if _, err := c.Call(context.Background(), "svc_a", "cmd_b", nil); err != nil {
				t.Fatalf("Call: %v", err)
			}
			got := ts.last(t)
			if got.Path != tc.want {
				t.Errorf("path = %q, want %q", got.Path, tc.want)
			}
			if keys := sortedKeys(got.Query); !slices.Equal(keys, signedKeys) {
				t.Errorf("query keys = %v, want %v", keys, signedKeys)
			}
		})
	}
}

func TestURLQuery(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, nil)
	if _, err := c.Call(context.Background(), testSvc, testCmd, nil); err != nil {
		t.Fatalf("Call: %v", err)
	}
	got := ts.last(t)
	if got.QueryErr != nil {
		t.Fatalf("query %q does not parse: %v", got.RawQuery, got.QueryErr)
	}
	if keys := sortedKeys(got.Query); !slices.Equal(keys, signedKeys) {
		t.Fatalf("query keys = %v, want exactly %v", keys, signedKeys)
	}
	for key, values := range got.Query {
		if len(values) != 1 {
			t.Errorf("query %s has %d values %q, want one", key, len(values), values)
		}
	}
	for key, want := range map[string]string{
		"sdkappid":    strconv.FormatUint(testAppID, 10),
		"identifier":  testAdmin,
		"contenttype": "json",
	} {
		if v := got.Query.Get(key); v != want {
			t.Errorf("query %s = %q, want %q", key, v, want)
		}
	}
	if _, err := strconv.ParseUint(got.Query.Get("random"), 10, 32); err != nil {
		t.Errorf("random %q is not a 32-bit unsigned integer: %v", got.Query.Get("random"), err)
	}
	ticket, err := usersig.Verify(got.Query.Get("usersig"), testAppID, testKey, testAdmin, time.Now(), usersig.VerifyOptions{})
	if err != nil {
		t.Fatalf("usersig does not verify for the admin: %v", err)
	}
	if ticket.Expire != int64(DefaultUserSigTTL/time.Second) {
		t.Errorf("ticket validity = %ds, want the default %v", ticket.Expire, DefaultUserSigTTL)
	}
}

func TestURLRandomDiffersAcrossCalls(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, nil)
	const calls = 50
	for range calls {
		if _, err := c.Call(context.Background(), testSvc, testCmd, nil); err != nil {
			t.Fatalf("Call: %v", err)
		}
	}
	seen := map[uint64]bool{}
	for _, r := range ts.all() {
		n, err := strconv.ParseUint(r.Query.Get("random"), 10, 32)
		if err != nil {
			t.Fatalf("random %q is not a uint32: %v", r.Query.Get("random"), err)
		}
		seen[n] = true
	}
	// 50 draws of 32 bits collide with probability ~3e-7: every value must differ.
	if len(seen) != calls {
		t.Errorf("%d distinct random values in %d calls, want all distinct", len(seen), calls)
	}
}

func TestURLQueryOverrides(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, nil)
	for _, tc := range []struct {
		name    string
		query   url.Values
		want    url.Values // the overridden or added keys
		removed []string
	}{
		{name: "replace random", query: url.Values{"random": {"4294967296"}}, want: url.Values{"random": {"4294967296"}}},
		{name: "replace contenttype", query: url.Values{"contenttype": {"xml"}}, want: url.Values{"contenttype": {"xml"}}},
		{name: "replace usersig", query: url.Values{"usersig": {"forged"}}, want: url.Values{"usersig": {"forged"}}},
		{name: "replace identifier", query: url.Values{"identifier": {"someone_else"}}, want: url.Values{"identifier": {"someone_else"}}},
		{name: "empty value is kept", query: url.Values{"sdkappid": {""}}, want: url.Values{"sdkappid": {""}}},
		{name: "several values", query: url.Values{"random": {"1", "2"}}, want: url.Values{"random": {"1", "2"}}},
		{name: "remove usersig", query: url.Values{"usersig": nil}, removed: []string{"usersig"}},
		{name: "remove two", query: url.Values{"sdkappid": nil, "random": nil}, removed: []string{"random", "sdkappid"}},
		{name: "remove an absent key", query: url.Values{"nothing": nil}, removed: []string{"nothing"}},
		{name: "add a key", query: url.Values{"Extra": {"x"}}, want: url.Values{"Extra": {"x"}}},
		{
			name:    "mixed",
			query:   url.Values{"contenttype": nil, "SDKAppID": {"1"}, "random": {"-1"}},
			want:    url.Values{"SDKAppID": {"1"}, "random": {"-1"}},
			removed: []string{"contenttype"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := c.Do(context.Background(), Request{Service: testSvc, Command: testCmd, Query: tc.query}); err != nil {
				t.Fatalf("Do: %v", err)
			}
			got := ts.last(t).Query
			for key, want := range tc.want {
				if !slices.Equal(got[key], want) {
					t.Errorf("query %s = %q, want %q", key, got[key], want)
				}
			}
			for _, key := range tc.removed {
				if values, present := got[key]; present {
					t.Errorf("query %s = %q, want it removed", key, values)
				}
			}
			// Every other signed key keeps its generated value.
			wantKeys := map[string]bool{}
			for _, key := range signedKeys {
				wantKeys[key] = true
			}
			for _, key := range tc.removed {
				delete(wantKeys, key)
			}
			for key := range tc.want {
				wantKeys[key] = true
			}
			for key := range wantKeys {
				if _, present := got[key]; !present {
					t.Errorf("query %s is missing", key)
				}
			}
			if len(got) != len(wantKeys) {
				t.Errorf("query keys = %v, want %d keys", sortedKeys(got), len(wantKeys))
			}
			if _, overridden := tc.query["identifier"]; !overridden && got.Get("identifier") != testAdmin {
				t.Errorf("identifier = %q, want %q", got.Get("identifier"), testAdmin)
			}
			if _, overridden := tc.query["usersig"]; !overridden {
				if _, err := usersig.Verify(got.Get("usersig"), testAppID, testKey, testAdmin, time.Now(), usersig.VerifyOptions{}); err != nil {
					t.Errorf("generated usersig does not verify: %v", err)
				}
			}
		})
	}
}

func TestURLIdentifier(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, nil)
	for _, identifier := range []string{"alice", "user_2-b", testAdmin} {
		t.Run(identifier, func(t *testing.T) {
			if _, err := c.Do(context.Background(), Request{Service: testSvc, Command: testCmd, Identifier: identifier}); err != nil {
				t.Fatalf("Do: %v", err)
			}
			got := ts.last(t).Query
			if got.Get("identifier") != identifier {
				t.Errorf("identifier = %q, want %q", got.Get("identifier"), identifier)
			}
			if _, err := usersig.Verify(got.Get("usersig"), testAppID, testKey, identifier, time.Now(), usersig.VerifyOptions{}); err != nil {
				t.Errorf("usersig does not verify for %q: %v", identifier, err)
			}
			if identifier != testAdmin {
				if _, err := usersig.Verify(got.Get("usersig"), testAppID, testKey, testAdmin, time.Now(), usersig.VerifyOptions{}); !errors.Is(err, usersig.ErrIdentifierMismatch) {
					t.Errorf("the ticket sent for %q verifies for the admin (err %v)", identifier, err)
				}
			}
		})
	}
}

func TestURLUnsignableIdentifierSendsNothing(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, nil)
	resp, err := c.Do(context.Background(), Request{Service: testSvc, Command: testCmd, Identifier: "not valid!"})
	if err == nil || resp != nil {
		t.Fatalf("Do = (%v, %v), want an error and no response", resp, err)
	}
	if n := ts.count(); n != 0 {
		t.Errorf("the server received %d requests, want none", n)
	}
}

func TestRequestBody(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, nil)
	call := func(body any) func() error {
		return func() error { _, err := c.Call(context.Background(), testSvc, testCmd, body); return err }
	}
	do := func(body []byte) func() error {
		return func() error {
			_, err := c.Do(context.Background(), Request{Service: testSvc, Command: testCmd, Body: body})
			return err
		}
	}
	for _, tc := range []struct {
		name string
		send func() error
		want string
	}{
		{"Call with nil body", call(nil), "{}"},
		{"Call with a struct", call(wire.RoomIDRequest{RoomID: "r1"}), `{"RoomId":"r1"}`},
		{"Call with a map", call(map[string]int{"A": 1}), `{"A":1}`},
		{"Call with raw JSON", call(json.RawMessage(`[1,2]`)), `[1,2]`},
		{"Do with nil body", do(nil), "{}"},
		{"Do with an empty body is sent as is", do([]byte{}), ""},
		{"Do with a non-JSON body is sent as is", do([]byte("not json")), "not json"},
		{"Do with a body", do([]byte(`{"RoomId":"x"}`)), `{"RoomId":"x"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.send(); err != nil {
				t.Fatalf("send: %v", err)
			}
			got := ts.last(t)
			if got.Method != http.MethodPost {
				t.Errorf("method = %s, want POST", got.Method)
			}
			if got.ContentType != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", got.ContentType)
			}
			if string(got.Body) != tc.want {
				t.Errorf("body = %q, want %q", got.Body, tc.want)
			}
		})
	}
}

func TestCallEncodeErrorSendsNothing(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, nil)
	resp, err := c.Call(context.Background(), testSvc, testCmd, make(chan int))
	if err == nil || resp != nil {
		t.Fatalf("Call = (%v, %v), want an encoding error", resp, err)
	}
	if n := ts.count(); n != 0 {
		t.Errorf("the server received %d requests, want none", n)
	}
}

func TestRequestMethod(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, nil)
	for _, tc := range []struct{ method, want string }{
		{"", http.MethodPost},
		{http.MethodPost, http.MethodPost},
		{http.MethodGet, http.MethodGet},
		{http.MethodPut, http.MethodPut},
		{http.MethodDelete, http.MethodDelete},
		{http.MethodPatch, http.MethodPatch},
	} {
		t.Run(tc.want+"/"+tc.method, func(t *testing.T) {
			if _, err := c.Do(context.Background(), Request{Service: testSvc, Command: testCmd, Method: tc.method}); err != nil {
				t.Fatalf("Do: %v", err)
			}
			got := ts.last(t)
			if got.Method != tc.want {
				t.Errorf("method = %s, want %s", got.Method, tc.want)
			}
			if string(got.Body) != "{}" {
				t.Errorf("body = %q, want {}", got.Body)
			}
		})
	}
}

func TestRedactURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"http://h/v4/s/c?contenttype=json&identifier=a&random=1&sdkappid=2&usersig=eJyr*-_", "http://h/v4/s/c?contenttype=json&identifier=a&random=1&sdkappid=2&usersig=REDACTED"},
		{"http://h/v4/s/c?usersig=a&usersig=b", "http://h/v4/s/c?usersig=REDACTED"},
		{"http://h/v4/s/c?usersig=", "http://h/v4/s/c?usersig=REDACTED"},
		{"http://h/v4/s/c?random=1", "http://h/v4/s/c?random=1"},
		{"http://h/p/v4/s/c", "http://h/p/v4/s/c"},
		{"://bad", Redacted},
	} {
		if got := redactURL(tc.in); got != tc.want {
			t.Errorf("redactURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
