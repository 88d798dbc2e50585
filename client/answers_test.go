package client

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/wire"
)

func TestAnswerSuccess(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		want wire.Envelope
	}{
		{
			name: "documented envelope",
			body: okEnvelope,
			want: wire.Envelope{ActionStatus: "OK", RequestID: "Id-0123456789abcdef0123456789abcdef-O-Seq-1"},
		},
		{
			name: "ErrorCode first, data under Response",
			body: `{"ErrorCode":0,"ActionStatus":"OK","ErrorInfo":"","RequestId":"Id-1","Response":{"RoomInfo":{"RoomId":"r"}}}`,
			want: wire.Envelope{ActionStatus: "OK", RequestID: "Id-1"},
		},
		{
			name: "no RequestId (Chat account commands)",
			body: `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","FailAccounts":[]}`,
			want: wire.Envelope{ActionStatus: "OK"},
		},
		{
			name: "whitespace around fields",
			body: " {\n \"ActionStatus\" : \"OK\" ,\n \"ErrorCode\" : 0 ,\n \"ErrorInfo\" : \"\"\n}\n",
			want: wire.Envelope{ActionStatus: "OK"},
		},
		{
			name: "ErrorCode 0 is success whatever ActionStatus says",
			body: `{"ActionStatus":"FAIL","ErrorCode":0,"ErrorInfo":"odd"}`,
			want: wire.Envelope{ActionStatus: "FAIL", ErrorInfo: "odd"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, answer(http.StatusOK, map[string]string{"X-Custom": "yes"}, tc.body))
			c := newTestClient(t, ts.URL, nil)
			resp, err := c.Call(context.Background(), testSvc, testCmd, nil)
			if err != nil {
				t.Fatalf("Call: %v", err)
			}
			if resp == nil {
				t.Fatal("Call returned no response")
			}
			if resp.Envelope != tc.want {
				t.Errorf("Envelope = %+v, want %+v", resp.Envelope, tc.want)
			}
			if resp.Code() != 0 {
				t.Errorf("Code() = %d, want 0", resp.Code())
			}
			if string(resp.Raw) != tc.body {
				t.Errorf("Raw = %q, want %q", resp.Raw, tc.body)
			}
			if resp.Service != testSvc || resp.Command != testCmd || resp.HTTPStatus != http.StatusOK {
				t.Errorf("response names %s/%s HTTP %d", resp.Service, resp.Command, resp.HTTPStatus)
			}
			if resp.Header.Get("X-Custom") != "yes" {
				t.Errorf("Header lacks X-Custom: %v", resp.Header)
			}
			if resp.ProtocolProblem != "" || resp.Injected {
				t.Errorf("ProtocolProblem %q, Injected %v on a plain envelope", resp.ProtocolProblem, resp.Injected)
			}
			if resp.Seq <= 0 {
				t.Errorf("Seq = %d, want positive", resp.Seq)
			}
		})
	}
}

func TestAnswerFailure(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		want APIError
	}{
		{
			name: "room does not exist",
			body: `{"ActionStatus":"FAIL","ErrorCode":100004,"ErrorInfo":"room not exist","RequestId":"Id-abc-O-Seq-7"}`,
			want: APIError{ErrorCode: 100004, ErrorInfo: "room not exist", RequestID: "Id-abc-O-Seq-7"},
		},
		{
			name: "no RequestId",
			body: `{"ErrorCode":70169,"ErrorInfo":"account not found","ActionStatus":"FAIL"}`,
			want: APIError{ErrorCode: 70169, ErrorInfo: "account not found"},
		},
		{
			name: "negative code",
			body: `{"ActionStatus":"FAIL","ErrorCode":-1,"ErrorInfo":"","RequestId":"r"}`,
			want: APIError{ErrorCode: -1, RequestID: "r"},
		},
		{
			name: "rate limited",
			body: `{"ActionStatus":"FAIL","ErrorCode":60007,"ErrorInfo":"too many","RequestId":"x"}`,
			want: APIError{ErrorCode: 60007, ErrorInfo: "too many", RequestID: "x"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, answer(http.StatusOK, nil, tc.body))
			c := newTestClient(t, ts.URL, nil)
			resp, err := c.Call(context.Background(), testSvc, testCmd, nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error = %T %v, want *APIError", err, err)
			}
			want := tc.want
			want.Service, want.Command = testSvc, testCmd
			if *apiErr != want {
				t.Errorf("APIError = %+v, want %+v", *apiErr, want)
			}
			if resp == nil {
				t.Fatal("no response with the APIError")
			}
			if resp.Code() != want.ErrorCode || resp.Envelope.ErrorInfo != want.ErrorInfo || resp.Envelope.RequestID != want.RequestID || resp.Envelope.ActionStatus != "FAIL" {
				t.Errorf("Envelope = %+v, want the failure", resp.Envelope)
			}
			if string(resp.Raw) != tc.body || resp.ProtocolProblem != "" {
				t.Errorf("Raw %q ProtocolProblem %q", resp.Raw, resp.ProtocolProblem)
			}
			for _, part := range []string{testSvc, testCmd, strconv.Itoa(want.ErrorCode), want.RequestID} {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not mention %q", err, part)
				}
			}
			var pe *ProtocolError
			var te *TransportError
			if errors.As(err, &pe) || errors.As(err, &te) {
				t.Errorf("an APIError is also a %T", err)
			}
		})
	}
}

func TestAnswerNotAnEnvelope(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
		reason string // part of the reason
	}{
		{"not JSON", 200, `<html>busy</html>`, "not a JSON object"},
		{"empty body", 200, ``, "not a JSON object"},
		{"JSON array", 200, `[{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}]`, "not a JSON object"},
		{"JSON string", 200, `"OK"`, "not a JSON object"},
		{"JSON number", 200, `0`, "not a JSON object"},
		{"JSON null", 200, `null`, "missing"},
		{"trailing garbage", 200, okEnvelope + `x`, "not a JSON object"},
		{"empty object", 200, `{}`, "missing"},
		{"missing ErrorCode", 200, `{"ActionStatus":"OK","ErrorInfo":"","RequestId":"r"}`, "ErrorCode is missing"},
		{"missing ActionStatus", 200, `{"ErrorCode":0,"ErrorInfo":"","RequestId":"r"}`, "ActionStatus is missing"},
		{"missing ErrorInfo", 200, `{"ActionStatus":"OK","ErrorCode":0,"RequestId":"r"}`, "ErrorInfo is missing"},
		{"lower-case field names", 200, `{"actionstatus":"OK","errorcode":0,"errorinfo":""}`, "missing"},
		{"ErrorCode as string", 200, `{"ActionStatus":"OK","ErrorCode":"0","ErrorInfo":""}`, "ErrorCode"},
		{"ErrorCode as non-zero string", 200, `{"ActionStatus":"FAIL","ErrorCode":"100004","ErrorInfo":"x"}`, "ErrorCode"},
		{"ErrorCode 1.5", 200, `{"ActionStatus":"FAIL","ErrorCode":1.5,"ErrorInfo":""}`, "ErrorCode"},
		{"ErrorCode 0.0", 200, `{"ActionStatus":"OK","ErrorCode":0.0,"ErrorInfo":""}`, "ErrorCode"},
		{"ErrorCode 1e2", 200, `{"ActionStatus":"FAIL","ErrorCode":1e2,"ErrorInfo":""}`, "ErrorCode"},
		{"ErrorCode null", 200, `{"ActionStatus":"OK","ErrorCode":null,"ErrorInfo":""}`, "ErrorCode"},
		{"ErrorCode boolean", 200, `{"ActionStatus":"OK","ErrorCode":false,"ErrorInfo":""}`, "ErrorCode"},
		{"ErrorCode object", 200, `{"ActionStatus":"OK","ErrorCode":{},"ErrorInfo":""}`, "ErrorCode"},
		{"ActionStatus number", 200, `{"ActionStatus":1,"ErrorCode":0,"ErrorInfo":""}`, "ActionStatus"},
		{"ActionStatus null", 200, `{"ActionStatus":null,"ErrorCode":0,"ErrorInfo":""}`, "ActionStatus"},
		{"ErrorInfo null", 200, `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":null}`, "ErrorInfo"},
		{"ErrorInfo array", 200, `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":[]}`, "ErrorInfo"},
		{"RequestId number", 200, `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":5}`, "RequestId"},
		{"HTTP 502 with an envelope", 502, okEnvelope, "HTTP status"},
		{"HTTP 502 with a failure envelope", 502, `{"ActionStatus":"FAIL","ErrorCode":60007,"ErrorInfo":"x","RequestId":"r"}`, "HTTP status"},
		{"HTTP 500 empty", 500, ``, "HTTP status"},
		{"HTTP 404", 404, `not found`, "HTTP status"},
		{"HTTP 201 with an envelope", 201, okEnvelope, "HTTP status"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, answer(tc.status, nil, tc.body))
			c := newTestClient(t, ts.URL, nil)
			resp, err := c.Call(context.Background(), testSvc, testCmd, nil)
			var pe *ProtocolError
			if !errors.As(err, &pe) {
				t.Fatalf("error = %T %v, want *ProtocolError", err, err)
			}
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				t.Errorf("a ProtocolError is also an APIError")
			}
			if resp == nil {
				t.Fatal("no response with the ProtocolError")
			}
			if resp.ProtocolProblem == "" {
				t.Error("resp.ProtocolProblem is empty")
			}
			if !strings.Contains(resp.ProtocolProblem, tc.reason) {
				t.Errorf("ProtocolProblem = %q, want it to mention %q", resp.ProtocolProblem, tc.reason)
			}
			if pe.Reason != resp.ProtocolProblem {
				t.Errorf("Reason %q differs from ProtocolProblem %q", pe.Reason, resp.ProtocolProblem)
			}
			if pe.Service != testSvc || pe.Command != testCmd || pe.HTTPStatus != tc.status || !bytes.Equal(pe.Body, []byte(tc.body)) {
				t.Errorf("ProtocolError = %+v", pe)
			}
			if resp.HTTPStatus != tc.status || string(resp.Raw) != tc.body {
				t.Errorf("response HTTP %d Raw %q, want %d %q", resp.HTTPStatus, resp.Raw, tc.status, tc.body)
			}
			if !strings.Contains(err.Error(), testSvc+"/"+testCmd) || !strings.Contains(err.Error(), strconv.Itoa(tc.status)) {
				t.Errorf("error %q does not name the command and status", err)
			}
		})
	}
}

func TestRedirectIsReportedNotFollowed(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/elsewhere") {
			_, _ = w.Write([]byte(okEnvelope))
			return
		}
		w.Header().Set("Location", "/elsewhere?"+r.URL.RawQuery)
		w.WriteHeader(http.StatusFound)
	})
	c := newTestClient(t, ts.URL, nil)
	resp, err := c.Call(context.Background(), testSvc, testCmd, nil)
	var pe *ProtocolError
	if !errors.As(err, &pe) || resp == nil || resp.HTTPStatus != http.StatusFound {
		t.Fatalf("Call = (%+v, %v), want a ProtocolError for HTTP 302", resp, err)
	}
	if n := ts.count(); n != 1 {
		t.Errorf("the server received %d requests, want 1 (the redirect is not followed)", n)
	}
}

func TestErrorTypes(t *testing.T) {
	long := bytes.Repeat([]byte("x"), 500)
	pe := &ProtocolError{Service: "s", Command: "c", HTTPStatus: 502, Body: long, Reason: "why"}
	if msg := pe.Error(); strings.Count(msg, "x") != 200 || !strings.Contains(msg, "why") || !strings.Contains(msg, "502") {
		t.Errorf("ProtocolError.Error() = %q, want the reason, the status and the first 200 bytes", msg)
	}
	te := &TransportError{Service: "s", Command: "c", Err: context.Canceled}
	if !errors.Is(te, context.Canceled) || te.Timeout() {
		t.Errorf("TransportError does not unwrap to its cause, or calls a cancellation a timeout")
	}
	if !(&TransportError{Err: context.DeadlineExceeded}).Timeout() {
		t.Errorf("a deadline is not reported as a timeout")
	}
	resp := &Response{Service: "s", Command: "c", Raw: []byte("{")}
	var v map[string]any
	if err := resp.Decode(&v); err == nil || !strings.Contains(err.Error(), "s/c") {
		t.Errorf("Decode error = %v, want one naming s/c", err)
	}
}
