package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/schemas"
	"github.com/trtc-conformance/trtc-conformance/usersig"
)

// fuzzCommands are the served commands (the route table), "<service>/<command>", in a stable order.
func fuzzCommands() []string {
	keys := make([]string, 0, len(routes))
	for key := range routes {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}

var (
	fuzzTicketOnce sync.Once
	fuzzTicket     string
	fuzzTicketErr  error
)

// fuzzQuery is a valid query signed by the default administrator (one ticket for the run).
func fuzzQuery(t testing.TB) string {
	fuzzTicketOnce.Do(func() {
		fuzzTicket, fuzzTicketErr = usersig.Generate(DefaultSDKAppID, DefaultSecretKey, DefaultAdmin, 48*time.Hour, time.Now())
	})
	if fuzzTicketErr != nil {
		t.Fatal(fuzzTicketErr)
	}
	return url.Values{
		"sdkappid": {fmtUint(DefaultSDKAppID)}, "identifier": {DefaultAdmin}, "usersig": {fuzzTicket},
		"random": {"1"}, "contenttype": {"json"},
	}.Encode()
}

func serveOnce(t testing.TB, e *Emulator, key string, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/v4/"+key+"?"+fuzzQuery(t), bytes.NewReader(body))
	rec := httptest.NewRecorder()
	e.Handler().ServeHTTP(rec, req)
	return rec
}

// newFuzzEmulator is a fresh emulator with the fixtures' accounts imported and, when withRoom,
// the fixtures' room "room-test" created (owned by user2).
func newFuzzEmulator(t testing.TB, withRoom bool) *Emulator {
	e, err := New(Config{RatePerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, setup := range []struct{ key, body string }{
		{"im_open_login_svc/multiaccount_import", `{"Accounts":["user1","user2","user3","test","test1","UserID_1","UserID_2"]}`},
		{"room_engine_http_srv/create_room", `{"RoomInfo":{"RoomId":"room-test","RoomType":"Conference","Owner_Account":"user2"}}`},
	} {
		if !withRoom && strings.HasSuffix(setup.key, "create_room") {
			continue
		}
		if rec := serveOnce(t, e, setup.key, []byte(setup.body)); !bytes.Contains(rec.Body.Bytes(), []byte(`"ErrorCode":0`)) {
			t.Fatalf("setup %s: %s", setup.key, rec.Body.Bytes())
		}
	}
	return e
}

// fuzzSeeds are the documented request samples (fixtures) and broken variants of them.
type fuzzSeed struct {
	index uint8
	body  []byte
}

func fuzzSeeds(t testing.TB, commands []string) []fuzzSeed {
	index := map[string]int{}
	for i, key := range commands {
		index[key] = i
	}
	files, err := filepath.Glob(filepath.Join("..", "fixtures", "samples", "*", "*.request*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no request fixtures found under ../fixtures/samples (%v)", err)
	}
	var seeds []fuzzSeed
	add := func(i int, body []byte) { seeds = append(seeds, fuzzSeed{uint8(i), body}) }
	for _, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		key := filepath.Base(filepath.Dir(file)) + "/" + strings.SplitN(filepath.Base(file), ".", 2)[0]
		i, ok := index[key]
		if !ok {
			// Samples of commands the catalog does not list yet are data for work to come; a
			// catalogued command the emulator does not serve is a bug.
			service, name, _ := strings.Cut(key, "/")
			if _, documented := catalog.Lookup(service, name); documented {
				t.Fatalf("fixture %s names %s, which is not a served command", file, key)
			}
			continue
		}
		for _, withRoom := range []int{0, len(commands)} { // the high part of the index toggles the room
			add(i+withRoom, body)
		}
		add(i, body[:len(body)/2])
		add(i, bytes.ReplaceAll(body, []byte(`"`), []byte(`'`)))
		add(i, bytes.ReplaceAll(body, []byte("room-test"), []byte("")))
		add(i, bytes.ReplaceAll(body, []byte("room-test"), []byte("room-new")))
		add(i, bytes.ReplaceAll(body, []byte("true"), []byte(`"true"`)))
		add(i, bytes.ReplaceAll(body, []byte("300"), []byte("-300")))
		add(i, bytes.ReplaceAll(body, []byte("1693271355"), []byte("9223372036854775807")))
		add(i, bytes.ReplaceAll(body, []byte("user"), []byte("\xff\xfe")))
		var doc any
		if json.Unmarshal(body, &doc) == nil {
			wrapped, _ := json.Marshal(map[string]any{"RoomInfo": doc, "RoomId": doc, "CheckItem": doc})
			add(i, wrapped)
		}
	}
	for i := range commands {
		for _, body := range []string{
			``, `{}`, `null`, `[]`, `"x"`, `{"RoomId":null}`, `{"RoomInfo":null}`, `{"RoomInfo":[]}`,
			`{"RoomInfo":{"RoomId":"x","RoomType":"Conference","MaxMemberCount":1e400}}`,
			`{"RoomInfo":{"RoomId":"x","RoomType":"Conference","MaxMemberCount":1.5}}`,
			`{"RoomInfo":{"RoomId":"x","RoomType":"Conference","ScheduleStartTime":-1}}`,
			`{"CheckItem":[{"UserID":null}],"DeleteItem":[{}],"Accounts":[""],"AccountList":[{"UserID":"a"}]}`,
			`{"UserID":"` + strings.Repeat("a", 40) + `"}`,
			`{"RoomId":"` + strings.Repeat("\u00e9", 60) + `"}`,
			strings.Repeat("[", 1000),
			`{"a":` + strings.Repeat(`{"a":`, 500) + `1` + strings.Repeat("}", 501),
		} {
			add(i, []byte(body))
		}
	}
	return seeds
}

// FuzzServeREST sends a properly signed request with an arbitrary body to a served command:
// the answer is always HTTP 200 with a JSON envelope that satisfies the command's response
// schema, and never 100001 (an internal error: a handler panicked or misbehaved).
func FuzzServeREST(f *testing.F) {
	commands := fuzzCommands()
	if len(commands) == 0 {
		f.Fatal("no served commands")
	}
	for _, seed := range fuzzSeeds(f, commands) {
		f.Add(seed.index, seed.body)
	}
	f.Fuzz(func(t *testing.T, index uint8, body []byte) {
		key := commands[int(index)%len(commands)]
		withRoom := (int(index)/len(commands))%2 == 1
		e := newFuzzEmulator(t, withRoom)
		rec := serveOnce(t, e, key, body)

		if rec.Code != http.StatusOK {
			t.Fatalf("%s: HTTP %d, want 200", key, rec.Code)
		}
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Fatalf("%s: Content-Type %q", key, ct)
		}
		raw := rec.Body.Bytes()
		r := parseReply(rec.Code, rec.Header(), raw)
		if r.parseErr != nil {
			t.Fatalf("%s: answer is not an envelope: %v (%.300s)", key, r.parseErr, raw)
		}
		if r.code() == catalog.CodeInternal {
			t.Fatalf("%s: internal error 100001 for body %q: %s", key, body, r.env.ErrorInfo)
		}
		if !requestIDPattern.MatchString(r.env.RequestID) {
			t.Fatalf("%s: RequestId %q", key, r.env.RequestID)
		}
		if (r.code() == 0) != (r.env.ActionStatus == "OK") || (r.code() != 0 && r.env.ErrorInfo == "") {
			t.Fatalf("%s: inconsistent envelope %s", key, raw)
		}
		if err := schemas.Validate(key+".response", raw); err != nil {
			t.Fatalf("%s: answer violates its response schema: %v\n%s", key, err, raw)
		}
	})
}
