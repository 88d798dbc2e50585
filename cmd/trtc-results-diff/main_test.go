package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/results"
)

const (
	lastWeek = "testdata/last-week.json"
	today    = "testdata/today.json"
)

func runDiff(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestFlagsARegression diffs two sample runs of the live service a week apart: today a
// create_room case answers 0 instead of 100003, get_room_info lost a response field and
// gained another, another case answers the other documented variant, and a failing case
// was fixed.
func TestFlagsARegression(t *testing.T) {
	code, out, errOut := runDiff(t, lastWeek, today)
	t.Log("\n" + out)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (worse); stderr: %s", code, errOut)
	}
	for _, want := range []string{
		`(?m)^New failures \(1\) \[worse\]:\n  fail  Room management create_room refuses a room ID that another owner's room uses with 100003: room_engine_http_srv/create_room: expected ErrorCode 100003`,
		`(?m)^Fixed \(1\):\n  fail -> pass  Room management update_room_info refuses a packet without a valid RoomId with 100002 RoomId missing$`,
		`(?m)^  room_engine_http_srv/create_room  Room management create_room answers 100010 \(or 100003\) when the room's owner creates its room ID again: 0,100010 -> 0,100003$`,
		`(?m)^  room_engine_http_srv/create_room  Room management create_room refuses a room ID that another owner's room uses with 100003: 0,100003 -> 0$`,
		`(?m)^Response fields that vanished \(1\) \[worse\]:\n  room_engine_http_srv/get_room_info  code 0  RoomInfo\.CustomInfo  \(Room management get_room_info answers the documented sample's shape for a room\)$`,
		`(?m)^Response fields that appeared \(1\):\n  room_engine_http_srv/get_room_info  code 0  RoomInfo\.RoomSeatCount  `,
		`(?m)^Matrix cells that fail now \(1\) \[worse\]:\n  room_engine_http_srv/create_room 100003: passed -> other-code$`,
		`(?m)^Matrix cells that pass now \(1\):\n  room_engine_http_srv/update_room_info 100002: other-code -> passed$`,
		`(?m)^Matrix cells that lost their coverage \(1\):\n  room_engine_http_srv/create_room 100010: passed -> not-covered$`,
		`(?m)^WORSE: 1 new failures, 1 fixed, 0 skipped now, 3 codes changed, 1 fields vanished, 1 fields appeared, 1 matrix cells fail now, 1 lost their coverage$`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("output does not match %s", want)
		}
	}
}

func TestSameRunIsNotWorse(t *testing.T) {
	code, out, _ := runDiff(t, today, today)
	if code != 0 || !strings.Contains(out, "No differences.") || !strings.Contains(out, "\nnot worse: 0 new failures") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

// TestReadsWhatTheSuiteWrites diffs a file written by results.WriteJSON (with its derived
// fields) against the hand-made sample it was read from.
func TestReadsWhatTheSuiteWrites(t *testing.T) {
	f, err := os.Open(lastWeek)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := results.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	written := filepath.Join(t.TempDir(), "results.json")
	var buf bytes.Buffer
	if err := results.WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(written, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runDiff(t, lastWeek, written); code != 0 || !strings.Contains(out, "No differences.") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, _ := runDiff(t, written, today); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
}

func TestStrictCountsChangedCodes(t *testing.T) {
	// last week's run where one case answers the other documented variant: a change, not a
	// regression, unless -strict
	data, err := os.ReadFile(lastWeek)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(data), `\"ErrorCode\":100010`, `\"ErrorCode\":100003`, 1)
	changed = strings.Replace(changed, `"error_code": 100010`, `"error_code": 100003`, 1)
	changed = strings.Replace(changed, `"observed": 100010`, `"observed": 100003`, 1)
	if changed == string(data) {
		t.Fatal("the sample no longer has the 100010 answer this test changes")
	}
	path := filepath.Join(t.TempDir(), "variant.json")
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runDiff(t, lastWeek, path); code != 0 || !strings.Contains(out, "Codes that changed (1):") {
		t.Errorf("without -strict: exit %d, want 0 with the change listed\n%s", code, out)
	}
	if code, out, _ := runDiff(t, "-strict", lastWeek, path); code != 1 || !strings.Contains(out, "Codes that changed (1) [worse]:") {
		t.Errorf("with -strict: exit %d, want 1\n%s", code, out)
	}
}

// TestWarnsOfIncomparableRuns: last week's sample ran against the live service, and a copy
// of it against the embedded emulator; the diff says so on stderr and in -json.
func TestWarnsOfIncomparableRuns(t *testing.T) {
	data, err := os.ReadFile(lastWeek)
	if err != nil {
		t.Fatal(err)
	}
	embedded := strings.Replace(string(data), `"kind": "live"`, `"kind": "embedded"`, 1)
	if embedded == string(data) {
		t.Fatal("the sample no longer names its target kind as this test expects")
	}
	path := filepath.Join(t.TempDir(), "embedded.json")
	if err := os.WriteFile(path, []byte(embedded), 0o644); err != nil {
		t.Fatal(err)
	}
	const warning = "the runs had different targets: live https://adminapisgp.im.qcloud.com, then embedded https://adminapisgp.im.qcloud.com"
	if _, _, errOut := runDiff(t, lastWeek, path); !strings.Contains(errOut, "warning: "+warning) {
		t.Errorf("stderr: %s", errOut)
	}
	_, out, _ := runDiff(t, "-json", lastWeek, path)
	var doc struct {
		Diff results.RunDiff `json:"diff"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(doc.Diff.Warnings) != 1 || doc.Diff.Warnings[0] != warning {
		t.Errorf("warnings %q", doc.Diff.Warnings)
	}
}

// TestStrictCountsLostCoverage: today's run skips a spec that passed last week; only -strict
// counts it as worse.
func TestStrictCountsLostCoverage(t *testing.T) {
	data, err := os.ReadFile(lastWeek)
	if err != nil {
		t.Fatal(err)
	}
	skipped := strings.Replace(string(data), `"outcome": "pass"`, `"outcome": "skipped"`, 1)
	if skipped == string(data) {
		t.Fatal("the sample has no passing spec left")
	}
	path := filepath.Join(t.TempDir(), "skipped.json")
	if err := os.WriteFile(path, []byte(skipped), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runDiff(t, lastWeek, path); code != 0 || !strings.Contains(out, "Passed before, skipped now (1):") {
		t.Errorf("without -strict: exit %d, want 0 with the change listed\n%s", code, out)
	}
	if code, out, _ := runDiff(t, "-strict", lastWeek, path); code != 1 || !strings.Contains(out, "Passed before, skipped now (1) [worse]:") {
		t.Errorf("with -strict: exit %d, want 1\n%s", code, out)
	}
}

func TestJSONOutput(t *testing.T) {
	code, out, _ := runDiff(t, "--json", lastWeek, today)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var doc struct {
		Worse bool            `json:"worse"`
		Diff  results.RunDiff `json:"diff"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if !doc.Worse || len(doc.Diff.NewFailures) != 1 || len(doc.Diff.Fixed) != 1 || len(doc.Diff.FieldsVanished) != 1 || len(doc.Diff.CodesChanged) != 3 {
		t.Errorf("diff %+v", doc)
	}
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(notJSON, []byte("<html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderr   string
		noStdout bool
	}{
		{"--help", []string{"--help"}, 0, "Usage: trtc-results-diff [flags] OLD.json NEW.json", "", false},
		{"-h", []string{"-h"}, 0, "-strict", "", false},
		{"one file", []string{lastWeek}, 2, "", "want two files", true},
		{"three files", []string{lastWeek, today, today}, 2, "", "got 3 arguments", true},
		{"unknown flag", []string{"-x", lastWeek, today}, 2, "", "flag provided but not defined: -x", true},
		{"missing file", []string{lastWeek, filepath.Join(dir, "nope.json")}, 2, "", "nope.json: no such file", true},
		{"not JSON", []string{notJSON, today}, 2, "", "read results " + notJSON, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runDiff(t, tt.args...)
			if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) || (tt.noStdout && out != "") {
				t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
			}
		})
	}
}
