package results

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

const validDeviations = `{
  "about": "explained",
  "deviations": [
    {"command": "create_room", "case": "refuses a room ID that another owner's room uses with 100003",
     "reason": "answers 0", "page": "https://trtc.io/document/60707", "targets": ["live"]},
    {"command": "room_engine_http_srv/get_room_info", "case": "RoomId missing", "reason": "answers 60003", "page": "https://trtc.io/document/60704"}
  ]
}`

func TestParseKnownDeviations(t *testing.T) {
	entry := func(fields string) string { return `{"deviations":[` + fields + `]}` }
	good := `"command":"create_room","case":"c","reason":"r","page":"https://trtc.io/document/60707"`
	tests := []struct {
		name    string
		doc     string
		want    int
		wantErr string
	}{
		{"valid", validDeviations, 2, ""},
		{"no entries", `{"deviations":[]}`, 0, ""},
		{"no list", `{"about":"x"}`, 0, ""},
		{"not JSON", `deviations:`, 0, "invalid character"},
		{"data after the object", `{"deviations":[]} {}`, 0, "data after the JSON object"},
		{"a misspelt field", entry(`{` + good + `,"targtes":["live"]}`), 0, `unknown field "targtes"`},
		{"no command", entry(`{"case":"c","reason":"r","page":"https://trtc.io/document/60707"}`), 0, `entry 1 ("", "c"): "command" is empty`},
		{"an unknown command", entry(`{"command":"create_rooms","case":"c","reason":"r","page":"https://x.test/p"}`), 0, `"create_rooms" is not a documented command`},
		{"a command of another service", entry(`{"command":"room_engine_http_mic/create_room","case":"c","reason":"r","page":"https://x.test/p"}`), 0, "room_engine_http_mic/create_room is not a documented command"},
		{"no case", entry(`{"command":"create_room","case":" ","reason":"r","page":"https://x.test/p"}`), 0, `"case" is empty`},
		{"no reason", entry(`{"command":"create_room","case":"c","page":"https://x.test/p"}`), 0, `"reason" is empty`},
		{"a page that is not a URL", entry(`{"command":"create_room","case":"c","reason":"r","page":"docs page"}`), 0, `"page" "docs page" is not an http(s) URL`},
		{"an unknown target kind", entry(`{` + good + `,"targets":["staging"]}`), 0, `target "staging" is none of embedded, remote, live`},
		{"declared twice", entry(`{` + good + `},{` + good + `}`), 0, "entry 2 repeats entry 1"},
		{"same case for other targets", entry(`{` + good + `,"targets":["live"]},{` + good + `,"targets":["remote"]}`), 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseKnownDeviations(strings.NewReader(tt.doc), "devs.json")
			if tt.wantErr != "" {
				if err == nil || !errors.Is(err, ErrKnownDeviations) || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "devs.json") {
					t.Fatalf("err = %v, want ErrKnownDeviations naming the file and %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || len(got) != tt.want || got == nil {
				t.Fatalf("got %d entries (%v), err %v; want %d", len(got), got, err, tt.want)
			}
		})
	}
}

func TestLoadKnownDeviations(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.json")
	var pathErr *fs.PathError
	if got, err := LoadKnownDeviations(missing); !errors.Is(err, ErrKnownDeviations) || !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pathErr) || got != nil {
		t.Errorf("missing file: %v, %v; want ErrKnownDeviations wrapping the *fs.PathError", got, err)
	}
	// the project's own file (results/ and suites/ are siblings)
	if _, err := LoadKnownDeviations("../fixtures/known-deviations.json"); err != nil {
		t.Errorf("the project's known-deviations file: %v", err)
	}
}

func TestApplyKnownDeviations(t *testing.T) {
	devs, err := ParseKnownDeviations(strings.NewReader(validDeviations), "devs.json")
	if err != nil {
		t.Fatal(err)
	}
	devs = append(devs, DeclaredDeviation{Command: "destroy_room", Case: "never ran", Reason: "r", Page: "https://x.test/p"})
	room := func(command string) []string {
		return []string{"area:room", "svc:room_engine_http_srv", "cmd:" + command, "code:0"}
	}
	spec := func(name, command string, o Outcome) SpecResult {
		return SpecResult{ID: name, Name: name, Labels: room(command), Outcome: o, Reason: "failure of " + name}
	}
	newRun := func(kind string) *Run {
		return &Run{Target: Target{Kind: kind}, Specs: []SpecResult{
			spec("Room management create_room refuses a room ID that another owner's room uses with 100003", "create_room", Fail),
			spec("Room management get_room_info refuses a packet without a valid RoomId with 100002 RoomId missing", "get_room_info", Pass),
			spec("Room management destroy_room refuses a packet without a valid RoomId with 100002 RoomId missing", "destroy_room", Fail),
			spec("Room management get_room_info refuses a packet with 100002 RoomId missing", "get_room_info", Error),
			spec("Room management get_room_info checks a RoomId missing", "get_room_info", Fail),
			{ID: "live", Name: "Live create_room refuses a room ID that another owner's room uses with 100003",
				Labels: []string{"svc:live_engine_http_srv", "cmd:create_room"}, Outcome: Fail},
		}}
	}

	run := newRun(TargetLive)
	unmatched := ApplyKnownDeviations(run, devs)
	want := []struct {
		outcome  Outcome
		observed *bool
	}{
		{KnownDeviation, ptr(true)}, // failed as declared
		{Pass, ptr(false)},          // passes: no longer observed
		{Fail, nil},                 // another command
		{Error, nil},                // the environment broke: nothing to say
		{KnownDeviation, ptr(true)}, // its text ends with " RoomId missing" too
		{KnownDeviation, ptr(true)}, // "create_room" without a service matches any service's create_room
	}
	for i, w := range want {
		s := run.Specs[i]
		if s.Outcome != w.outcome {
			t.Errorf("%s: outcome %s, want %s", s.Name, s.Outcome, w.outcome)
		}
		switch {
		case w.observed == nil && s.Deviation != nil:
			t.Errorf("%s: deviation %+v attached", s.Name, s.Deviation)
		case w.observed != nil && (s.Deviation == nil || s.Deviation.Observed != *w.observed || s.Deviation.Page == "" || s.Deviation.Reason == ""):
			t.Errorf("%s: deviation %+v, want observed %v", s.Name, s.Deviation, *w.observed)
		}
	}
	if run.Specs[0].Reason != "failure of "+run.Specs[0].Name {
		t.Errorf("a known deviation lost its failure message: %q", run.Specs[0].Reason)
	}
	if len(unmatched) != 1 || unmatched[0].Case != "never ran" {
		t.Errorf("unmatched %+v, want the destroy_room entry", unmatched)
	}

	// on the embedded emulator the live-only entry does not apply
	run = newRun(TargetEmbedded)
	ApplyKnownDeviations(run, devs)
	if run.Specs[0].Outcome != Fail || run.Specs[0].Deviation != nil {
		t.Errorf("a live-only deviation applied to the emulator: %+v", run.Specs[0])
	}

	// the case is matched whole or at a word boundary only
	partial := DeclaredDeviation{Command: "get_room_info", Case: "Id missing", Reason: "r", Page: "https://x.test/p"}
	if partial.Matches(spec("x get_room_info RoomId missing", "get_room_info", Fail)) {
		t.Error(`"Id missing" matched "RoomId missing"`)
	}
	serviceBound := DeclaredDeviation{Command: "live_engine_http_srv/create_room", Case: "c", Reason: "r", Page: "https://x.test/p"}
	if serviceBound.Matches(spec("c", "create_room", Fail)) {
		t.Error("an entry of the live service matched a room service spec")
	}
	if ApplyKnownDeviations(nil, devs) != nil {
		t.Error("nil run")
	}
}

// TestKnownDeviationIsDecidedByTheDeclarationNotTheText checks that only a declared entry
// makes a failure a known deviation: a failure whose message reads like one stays a failure,
// and a declared one is found whatever its message says.
func TestKnownDeviationIsDecidedByTheDeclarationNotTheText(t *testing.T) {
	declared := DeclaredDeviation{Command: "get_room_info", Case: "answers 100004 for a room that never existed", Reason: "r", Page: "https://x.test/p"}
	labels := []string{"svc:room_engine_http_srv", "cmd:get_room_info"}
	run := &Run{Target: Target{Kind: TargetEmbedded}, Specs: []SpecResult{
		{ID: "a", Name: "Room get_room_info answers 100004 for a room that never existed", Labels: labels, Outcome: Fail, Reason: "expected ErrorCode 100004"},
		{ID: "b", Name: "Room get_room_info answers 100002 without RoomId", Labels: labels, Outcome: Fail, Reason: "known deviation: expected ErrorCode 100002"},
	}}
	if _, ok := FindKnownDeviation([]DeclaredDeviation{declared}, TargetEmbedded, run.Specs[0]); !ok {
		t.Error("FindKnownDeviation missed the declared spec")
	}
	if _, ok := FindKnownDeviation([]DeclaredDeviation{declared}, TargetEmbedded, run.Specs[1]); ok {
		t.Error("FindKnownDeviation found a deviation for an undeclared spec")
	}
	ApplyKnownDeviations(run, []DeclaredDeviation{declared})
	if run.Specs[0].Outcome != KnownDeviation || run.Specs[1].Outcome != Fail {
		t.Errorf("outcomes %s, %s; want known-deviation (declared) and fail (its message only reads like one)", run.Specs[0].Outcome, run.Specs[1].Outcome)
	}
}

func ptr[T any](v T) *T { return &v }
