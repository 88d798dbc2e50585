package results

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func TestCountsLine(t *testing.T) {
	tests := []struct {
		name string
		run  *Run
		want string
	}{
		{"empty", &Run{}, "0 passed, 0 failed, 0 errors, 0 skipped, 0 known deviations"},
		{"sample", sampleRun(), "1 passed, 1 failed, 1 errors, 1 skipped, 1 known deviations"},
		{"merged", Merge(sampleRun(), sampleRun()), "2 passed, 2 failed, 2 errors, 2 skipped, 2 known deviations"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CountsLine(tt.run.Counts()); got != tt.want {
				t.Errorf("CountsLine = %q, want %q", got, tt.want)
			}
			var buf bytes.Buffer
			WriteSummary(&buf, tt.run)
			if !strings.Contains(buf.String(), "\n"+tt.want+"\n") {
				t.Errorf("summary lacks the counts line %q:\n%s", tt.want, buf.String())
			}
		})
	}
}

func TestWriteSummary(t *testing.T) {
	r := sampleRun()
	// a code covered both ways, and one covered only through injection
	r.Exchanges = append(r.Exchanges, Exchange{Seq: 4, Service: svc, Command: "create_room", ErrorCode: code(100001), Injected: true})
	r.Assertions = append(r.Assertions, Assertion{Service: svc, Command: "create_room", Expected: []int{100001}, Observed: code(100001), Passed: true, ExchangeSeq: 4})
	r.Specs[0].Reason = "\x1b[31mExpected code 100004\x1b[0m\n  got 0"
	r.Specs[2].Reason = "dial tcp: i/o timeout\nat /home/ci/checkout/suites/room_test.go:77"

	var buf bytes.Buffer
	WriteSummary(&buf, r)
	out := buf.String()
	t.Log("\n" + out)

	tests := []struct {
		name    string
		pattern string
	}{
		{"target line", `(?m)^Target: remote https://console\.example\.test \(sdkappid 1400000001, admin administrator, control plane http://127\.0\.0\.1:9000\)$`},
		{"failed spec: the codes expected and got, and where", `(?m)^  FAIL   DestroyRoom rejects unknown: v4/room_engine_http_srv/destroy_room expected ErrorCode 100004,100005, got 0  \(suites/room_test\.go:42\)$`},
		{"error spec: the first line of its message", `(?m)^  ERROR  GetRoomInfo <html> & co: dial tcp: i/o timeout  \(suites/room_test\.go:77\)$`},
		{"known deviation listed", `(?m)^  DEV    ListUsers returns 70001: vendor answers 70001$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !regexp.MustCompile(tt.pattern).MatchString(out) {
				t.Errorf("summary does not match %s", tt.pattern)
			}
		})
	}
	if strings.Contains(out, "\x1b") {
		t.Error("summary contains escape sequences")
	}
	if got := messageHead("Expected\n    <int>: 1\nto equal\n    <int>: 2\nat /x/suites/room_test.go:9"); got != "Expected <int>: 1 to equal <int>: 2" {
		t.Errorf("a Gomega message on one line: %q", got)
	}
	if got := messageHead(strings.Repeat("é", 300)); len([]rune(got)) != messageHeadRunes+1 || !strings.HasSuffix(got, "…") {
		t.Errorf("a long message is not clipped to %d characters: %d", messageHeadRunes, len([]rune(got)))
	}
	if n := strings.Count(out, "DestroyRoom rejects unknown"); n != 1 {
		t.Errorf("the failure is printed %d times, want once", n)
	}

	var nilBuf bytes.Buffer
	WriteSummary(&nilBuf, nil)
	if !strings.Contains(nilBuf.String(), "0 passed, 0 failed, 0 errors, 0 skipped, 0 known deviations") {
		t.Errorf("nil run summary = %q", nilBuf.String())
	}
}

func TestWriteSummaryMatrixAndDeviations(t *testing.T) {
	var buf bytes.Buffer
	WriteSummary(&buf, matrixRun())
	out := buf.String()
	t.Log("\n" + out)
	tests := []struct {
		name    string
		pattern string
	}{
		{"matrix counts line", `(?m)^Endpoint × error-code matrix: 4 of \d+ documented cells passed \(1 only through fault injection, 0 only by generated cases\), 1 failed, 1 got another code, 1 errors, 1 known deviations, 1 not provokable on this target, \d+ not covered$`},
		{"other code, with the code got", `(?m)^  room_engine_http_srv/create_room\s+100003 got 0$`},
		{"failed cell", `(?m)^  room_engine_http_srv/update_room_info\s+100002 failed$`},
		{"error cell", `(?m)^  room_engine_http_srv/destroy_room\s+100004 environment error$`},
		{"known deviation cell", `(?m)^  room_engine_http_srv/get_room_info\s+100004 known deviation$`},
		{"not provokable, one line per reason", `(?m)^  1 cells of 1 commands not provokable on this target: needs fault injection or another control-plane action \(needs the emulator control plane, and http://127\.0\.0\.1:9080 has none\)$`},
		{"known deviation with its declaration", `(?m)^  DEV    Room management get_room_info answers 100004 for a room that never existed: the service answers 0 with an empty room \(https://trtc\.io/document/60704\)$`},
		{"deviation no longer observed", `(?m)^Deviations no longer observed .*\n  GONE   Room management update_room_info leaves the fields it was not given unchanged: RoomName reset on update \(https://trtc\.io/document/60705\)$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !regexp.MustCompile(tt.pattern).MatchString(out) {
				t.Errorf("summary does not match %s", tt.pattern)
			}
		})
	}
	if strings.Contains(out, "usersig=eJ") {
		t.Error("a UserSig reached the summary")
	}
	// it fits a screen: the passing and not covered cells are only counted
	if lines := strings.Count(out, "\n"); lines > 40 || strings.Contains(out, "switch_seat") {
		t.Errorf("%d lines, with commands whose cells all pass or are not covered", lines)
	}

	leaky := &Run{Specs: []SpecResult{{ID: "x", Name: "x", Outcome: Fail, Reason: "GET /v4/a/b?usersig=" + secretSig + "&random=1 failed"}}}
	buf.Reset()
	WriteSummary(&buf, leaky)
	if strings.Contains(buf.String(), secretSig[:20]) || !strings.Contains(buf.String(), "usersig=REDACTED&random=1 failed") {
		t.Errorf("the UserSig of a failure's first line is not redacted:\n%s", buf.String())
	}
}
