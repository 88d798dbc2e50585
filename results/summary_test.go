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

	var buf bytes.Buffer
	WriteSummary(&buf, r)
	out := buf.String()
	t.Log("\n" + out)

	tests := []struct {
		name    string
		pattern string
	}{
		{"target line", `(?m)^Target: remote https://console\.example\.test \(sdkappid 1400000001, admin administrator, control plane http://127\.0\.0\.1:9000\)$`},
		{"header", `(?m)^SERVICE\s+COMMAND\s+CALLS\s+COVERED\s+FAILED\s+OBSERVED$`},
		{"create_room row with injected-only code", `(?m)^v4/room_engine_http_srv\s+create_room\s+2\s+0 100001\*\s+-\s+0\(1\) 100001\(1\)$`},
		{"destroy_room row with failed codes", `(?m)^v4/room_engine_http_srv\s+destroy_room\s+1\s+-\s+100004 100005\s+0\(1\)$`},
		{"get_room_info row without envelope", `(?m)^v4/room_engine_http_srv\s+get_room_info\s+1\s+-\s+0\s+-$`},
		{"failed spec with first reason line, escapes stripped", `(?m)^  FAIL   DestroyRoom rejects unknown: Expected code 100004$`},
		{"error spec", `(?m)^  ERROR  GetRoomInfo <html> & co: dial tcp: i/o timeout$`},
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

	// the table is aligned: every column starts at the same offset on each row
	var rows []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "SERVICE") || strings.HasPrefix(l, svc) {
			rows = append(rows, l)
		}
	}
	col := strings.Index(rows[0], "COMMAND")
	for _, row := range rows[1:] {
		if row[col-2:col] != "  " || row[col] == ' ' {
			t.Errorf("misaligned row %q", row)
		}
	}

	var nilBuf bytes.Buffer
	WriteSummary(&nilBuf, nil)
	if !strings.Contains(nilBuf.String(), "0 passed, 0 failed, 0 errors, 0 skipped, 0 known deviations") {
		t.Errorf("nil run summary = %q", nilBuf.String())
	}
}
