package matchers

import (
	"fmt"
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/results"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

func answer(code int, status string, raw string) *client.Response {
	return &client.Response{Service: "room_engine_http_srv", Command: "get_room_info", Seq: 7,
		Envelope: wire.Envelope{ActionStatus: status, ErrorCode: code, ErrorInfo: "info", RequestID: "Id-1"}, Raw: []byte(raw)}
}

func TestHaveErrorCodeMatchesAndRecords(t *testing.T) {
	var recorded []results.Assertion
	record := func(a results.Assertion) { recorded = append(recorded, a) }

	cases := []struct {
		name    string
		resp    *client.Response
		codes   []int
		matches bool
		message string
	}{
		{"the expected code", answer(100004, "FAIL", `{}`), []int{100004}, true, ""},
		{"one of the accepted codes", answer(60005, "FAIL", `{}`), []int{60004, 60005}, true, ""},
		{"another code", answer(100002, "FAIL", `{}`), []int{100004}, false, "expected ErrorCode 100004 (room does not exist or was destroyed)"},
		{"success expected, failure answered", answer(100001, "FAIL", `{}`), []int{0}, false, "got 100001 (internal server error)"},
		{"the right code with OK on a failure", answer(100004, "OK", `{}`), []int{100004}, false, "pairs 0 with OK"},
		{"success with FAIL", answer(0, "FAIL", `{}`), []int{0}, false, "pairs 0 with OK"},
		{"not an envelope", &client.Response{Service: "s", Command: "c", ProtocolProblem: "body is not a JSON object", Raw: []byte("<html>")}, []int{0}, false, "not a REST envelope"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			recorded = nil
			m := &errorCodeMatcher{codes: c.codes, record: record}
			ok, err := m.Match(c.resp)
			if err != nil || ok != c.matches {
				t.Fatalf("Match = %v, %v; want %v", ok, err, c.matches)
			}
			if !c.matches && !strings.Contains(m.FailureMessage(c.resp), c.message) {
				t.Errorf("failure message %q lacks %q", m.FailureMessage(c.resp), c.message)
			}
			if len(recorded) != 1 || recorded[0].Passed != c.matches || recorded[0].Command != c.resp.Command {
				t.Fatalf("recorded %+v", recorded)
			}
			if c.resp.ProtocolProblem != "" && recorded[0].Observed != nil {
				t.Error("an answer without envelope recorded an observed code")
			}
		})
	}
	if _, err := HaveErrorCode(0).Match("not a response"); err == nil {
		t.Error("HaveErrorCode accepted a string")
	}
}

func TestMatchSchema(t *testing.T) {
	ok := `{"ActionStatus":"FAIL","ErrorInfo":"gone","ErrorCode":100004,"RequestId":"Id-1"}`
	if match, err := MatchSchema("room_engine_http_srv/get_room_info.response").Match([]byte(ok)); !match || err != nil {
		t.Fatalf("a valid failure envelope did not match: %v", err)
	}
	m := MatchSchema("room_engine_http_srv/get_room_info.response")
	bad := `{"ActionStatus":"FAIL","ErrorInfo":"gone","ErrorCode":100004}`
	if match, _ := m.Match(bad); match {
		t.Fatal("an envelope without RequestId matched")
	}
	if msg := m.FailureMessage(bad); !strings.Contains(msg, "RequestId") {
		t.Errorf("failure message %q does not name the missing field", msg)
	}
	if _, err := MatchSchema("no/such.schema").Match(ok); err == nil {
		t.Error("an unknown schema name was accepted")
	}
}

func TestMatchFields(t *testing.T) {
	type room struct {
		Name  string
		Start int64
		Flag  *bool
	}
	yes := true
	m := MatchFields(map[string]any{"Name": "a", "Start": 10, "Flag": true})
	if ok, err := m.Match(room{Name: "a", Start: 10, Flag: &yes}); !ok || err != nil {
		t.Fatalf("equal fields did not match: %v", err)
	}
	if ok, _ := m.Match(room{Name: "b", Start: 11}); ok {
		t.Fatal("different fields matched")
	}
	msg := m.FailureMessage(nil)
	for _, field := range []string{"Name", "Start", "Flag"} {
		if !strings.Contains(msg, field) {
			t.Errorf("failure message %q does not list %s", msg, field)
		}
	}
	if _, err := MatchFields(map[string]any{"Missing": 1}).Match(room{}); err == nil {
		t.Error("a field the struct lacks was accepted")
	}
}

func TestBeDocumentedAnswer(t *testing.T) {
	var recorded []results.Assertion
	matcher := func(codes ...int) *documentedAnswerMatcher {
		return &documentedAnswerMatcher{code: &errorCodeMatcher{codes: codes, record: func(a results.Assertion) { recorded = append(recorded, a) }}}
	}
	valid := `{"ActionStatus":"FAIL","ErrorInfo":"gone","ErrorCode":100004,"RequestId":"Id-1"}`
	if ok, err := matcher(100004).Match(answer(100004, "FAIL", valid)); !ok || err != nil {
		t.Fatalf("a documented answer did not match: %v", err)
	}
	if len(recorded) != 1 || !recorded[0].Passed {
		t.Fatalf("the code was not recorded as an assertion: %+v", recorded)
	}

	wrongCode := matcher(0)
	if ok, _ := wrongCode.Match(answer(100004, "FAIL", valid)); ok {
		t.Fatal("another code matched")
	}
	if msg := wrongCode.FailureMessage(answer(100004, "FAIL", valid)); !strings.Contains(msg, "expected ErrorCode 0") {
		t.Errorf("failure message %q does not say which code was expected", msg)
	}

	noRequestID := `{"ActionStatus":"FAIL","ErrorInfo":"gone","ErrorCode":100004}`
	badSchema := matcher(100004)
	resp := answer(100004, "FAIL", noRequestID)
	if ok, _ := badSchema.Match(resp); ok {
		t.Fatal("an answer against its own command's schema matched")
	}
	if msg := badSchema.FailureMessage(resp); !strings.Contains(msg, "RequestId") || !strings.Contains(msg, "get_room_info") {
		t.Errorf("failure message %q names neither the command nor the problem", msg)
	}
	if _, err := BeDocumentedAnswer(0).Match("not a response"); err == nil {
		t.Error("BeDocumentedAnswer accepted a string")
	}
}

func TestBeRefusal(t *testing.T) {
	var recorded []results.Assertion
	matcher := func(likely ...int) *refusalMatcher {
		m := BeRefusal(likely...).(*refusalMatcher)
		m.documented.code.record = func(a results.Assertion) { recorded = append(recorded, a) }
		return m
	}
	envelope := func(code int, status string) *client.Response {
		raw := fmt.Sprintf(`{"ActionStatus":%q,"ErrorInfo":"x","ErrorCode":%d,"RequestId":"Id-1"}`, status, code)
		return answer(code, status, raw)
	}
	for _, c := range []struct {
		name     string
		likely   []int
		resp     *client.Response
		matches  bool
		recorded bool
	}{
		{"a likely code", []int{100002}, envelope(100002, "FAIL"), true, true},
		{"a code of the unread part", []int{100002}, envelope(100099, "FAIL"), true, false},
		{"any refusal", nil, envelope(100004, "FAIL"), true, false},
		{"success", []int{100002}, envelope(0, "OK"), false, true},
		{"success, no likely code", nil, envelope(0, "OK"), false, true},
		{"a refusal saying OK", []int{100002}, envelope(100099, "OK"), false, false},
		{"not an envelope", []int{100002}, &client.Response{Service: "s", Command: "c", ProtocolProblem: "not JSON"}, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			recorded = nil
			m := matcher(c.likely...)
			ok, err := m.Match(c.resp)
			if err != nil || ok != c.matches {
				t.Fatalf("Match = %v, %v; want %v", ok, err, c.matches)
			}
			if (len(recorded) > 0) != c.recorded {
				t.Errorf("recorded %+v, want recorded %v", recorded, c.recorded)
			}
			if !ok && !strings.Contains(m.FailureMessage(c.resp), "refusal") {
				t.Errorf("failure message %q does not say a refusal was expected", m.FailureMessage(c.resp))
			}
		})
	}
}
