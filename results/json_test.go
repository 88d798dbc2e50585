package results

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

func sampleRun() *Run {
	return &Run{
		Suite:    "trtc-conformance",
		Target:   Target{Kind: "remote", Endpoint: "https://console.example.test", SDKAppID: 1400000001, Admin: "administrator", ControlPlane: "http://127.0.0.1:9000"},
		Started:  t0,
		Finished: t0.Add(2500 * time.Millisecond),
		Specs: []SpecResult{
			{ID: "DestroyRoom rejects unknown", Name: "DestroyRoom rejects unknown", Labels: []string{"room", "negative"}, Outcome: Fail,
				Reason: "Expected code 100004\n  got 0", Location: "suites/room_test.go:42", DurationMillis: 12.25},
			{ID: "CreateRoom works", Name: "CreateRoom works", Outcome: Pass, DurationMillis: 3},
			{ID: "GetRoomInfo <html> & co", Name: "GetRoomInfo <html> & co", Outcome: Error, Reason: "dial tcp: i/o timeout"},
			{ID: "ChangeRoomInfo needs control plane", Name: "ChangeRoomInfo needs control plane", Outcome: Skipped, Reason: "no control plane"},
			{ID: "ListUsers returns 70001", Name: "ListUsers returns 70001", Outcome: KnownDeviation, Reason: "vendor answers 70001"},
		},
		Exchanges: []Exchange{
			{Seq: 1, SpecID: "CreateRoom works", Service: svc, Command: "create_room", Method: "POST", URL: "https://console.example.test/v4/room_engine_http_srv/create_room?usersig=REDACTED",
				RequestBody: `{"RoomInfo":{"RoomId":"r1"}}`, HTTPStatus: 200, ResponseBody: `{"ErrorCode":0,"ActionStatus":"OK"}`,
				ErrorCode: code(0), ActionStatus: "OK", RequestID: "req-1", Started: t0.Add(time.Millisecond), DurationMillis: 1.5},
			{Seq: 2, SpecID: "DestroyRoom rejects unknown", Service: svc, Command: "destroy_room", Method: "POST", URL: "u", RequestBody: "{}",
				HTTPStatus: 200, ErrorCode: code(0), Started: t0.Add(2 * time.Millisecond), DurationMillis: 2, Injected: true},
			{Seq: 3, Service: svc, Command: "get_room_info", Method: "POST", URL: "u", RequestBody: "{}", TransportError: "timeout", Started: t0},
		},
		Assertions: []Assertion{
			{SpecID: "CreateRoom works", Service: svc, Command: "create_room", Expected: []int{0}, Observed: code(0), Passed: true, ExchangeSeq: 1},
			{SpecID: "DestroyRoom rejects unknown", Service: svc, Command: "destroy_room", Expected: []int{100004, 100005}, Observed: code(0), Injected: true, ExchangeSeq: 2},
			{SpecID: "GetRoomInfo <html> & co", Service: svc, Command: "get_room_info", Expected: []int{0}, Observed: nil, ExchangeSeq: 3},
		},
	}
}

// TestJSONFormatVersion: a document states its format; one written before formats had a
// version reads as format 1.
func TestJSONFormatVersion(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, &Run{SuiteVersion: SuiteVersion}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Run struct {
			Format       int    `json:"format"`
			SuiteVersion string `json:"suite_version"`
		} `json:"run"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Run.Format != FormatVersion || doc.Run.SuiteVersion != SuiteVersion {
		t.Errorf("written: %+v", doc.Run)
	}
	old, err := ReadJSON(strings.NewReader(`{"run": {"suite": "s", "specs": []}}`))
	if err != nil {
		t.Fatal(err)
	}
	if old.Format != 1 {
		t.Errorf("a document without a format reads as format %d, want 1", old.Format)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		run  *Run
		want *Run // nil means: equal to run
	}{
		{"full run", sampleRun(), nil},
		{"merged run", Merge(sampleRun(), sampleRun()), nil},
		{"empty run: nil slices come back empty", &Run{}, &Run{Specs: []SpecResult{}, Exchanges: []Exchange{}, Assertions: []Assertion{}}},
		{"non-finite durations become 0",
			&Run{Specs: []SpecResult{{ID: "x", Outcome: Pass, DurationMillis: math.NaN()}}, Exchanges: []Exchange{{Seq: 1, DurationMillis: math.Inf(1)}}, Assertions: []Assertion{}},
			&Run{Specs: []SpecResult{{ID: "x", Outcome: Pass}}, Exchanges: []Exchange{{Seq: 1}}, Assertions: []Assertion{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == nil {
				want = tt.run
			}
			copied := *want
			copied.Format = FormatVersion // WriteJSON stamps its format
			want = &copied
			var buf bytes.Buffer
			if err := WriteJSON(&buf, tt.run); err != nil {
				t.Fatal(err)
			}
			got, err := ReadJSON(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round trip mismatch:\n got %+v\nwant %+v", got, want)
			}
			// writing what was read gives the same bytes
			var again bytes.Buffer
			if err := WriteJSON(&again, got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Error("second render differs from the first")
			}
		})
	}
}

func TestJSONDocumentShape(t *testing.T) {
	r := sampleRun()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Run          json.RawMessage   `json:"run"`
		Counts       map[string]int    `json:"counts"`
		Coverage     []CommandCoverage `json:"coverage"`
		CoveredPairs []Pair            `json:"covered_pairs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	wantCounts := map[string]int{"pass": 1, "fail": 1, "error": 1, "skipped": 1, "known-deviation": 1}
	if !reflect.DeepEqual(doc.Counts, wantCounts) {
		t.Errorf("counts = %v, want %v", doc.Counts, wantCounts)
	}
	if !reflect.DeepEqual(doc.Coverage, r.Coverage()) {
		t.Errorf("coverage = %+v, want %+v", doc.Coverage, r.Coverage())
	}
	if !reflect.DeepEqual(doc.CoveredPairs, r.CoveredPairs()) {
		t.Errorf("covered_pairs = %+v, want %+v", doc.CoveredPairs, r.CoveredPairs())
	}
	for _, key := range []string{`"sdkappid": 1400000001`, `"control_plane": "http://127.0.0.1:9000"`, `"duration_ms": 12.25`,
		`"exchange_seq": 2`, `"observed": null`, `"injected": true`, `"GetRoomInfo <html> & co"`, "\n  \"run\": {"} {
		if !strings.Contains(buf.String(), key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}

func TestReadJSON(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		suite   string
		wantErr bool
	}{
		{"wrapped", `{"run":{"suite":"s","specs":[]},"counts":{}}`, "s", false},
		{"bare run", `{"suite":"bare","specs":[{"id":"x","outcome":"pass"}]}`, "bare", false},
		{"not JSON", `nope`, "", true},
		{"null", `null`, "", true},
		{"array", `[]`, "", true},
		{"bad run", `{"run":{"suite":5}}`, "", true},
		{"trailing garbage", `{"run":{}} x`, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ReadJSON(strings.NewReader(tt.in))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && r.Suite != tt.suite {
				t.Errorf("suite = %q, want %q", r.Suite, tt.suite)
			}
		})
	}
}

func TestJSONCarriesTheMatrixAndNoSecret(t *testing.T) {
	r := matrixRun()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), secretSig[:20]) {
		t.Error("a UserSig reached results.json")
	}
	var doc struct {
		Matrix       Matrix            `json:"matrix"`
		MatrixCounts map[CellState]int `json:"matrix_counts"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if want := r.Matrix(); !reflect.DeepEqual(doc.Matrix, want) {
		t.Errorf("matrix in JSON differs from Run.Matrix:\n got %+v\nwant %+v", doc.Matrix, want)
	}
	if !reflect.DeepEqual(doc.MatrixCounts, r.Matrix().Counts()) {
		t.Errorf("matrix_counts = %v", doc.MatrixCounts)
	}
	back, err := ReadJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Specs[6].Deviation, r.Specs[6].Deviation) || back.Config["label filter"] != "(none)" {
		t.Errorf("deviation or config lost: %+v %v", back.Specs[6].Deviation, back.Config)
	}
	if r.Exchanges[1].URL == back.Exchanges[1].URL || !strings.HasSuffix(back.Exchanges[1].URL, "usersig=REDACTED") {
		t.Errorf("URL %q not redacted (and WriteJSON must not change its input)", back.Exchanges[1].URL)
	}
}
