package schemas

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// The samples under fixtures/samples are the documented packets (and a few constructed
// variants). This file checks that each has a schema and passes it, and the facts about
// particular samples that the data cases rely on.

const samplesDir = "../fixtures/samples"

// sampleSchema maps a sample's file name to its schema:
// <service>/<command>.<request|response|event>[.<variant>].json, where the
// command may itself contain dots (callback/Room.CallbackAfterCreateRoom.event.json).
func sampleSchema(rel string) (string, error) {
	dir, file := path.Split(filepath.ToSlash(rel))
	parts := strings.Split(strings.TrimSuffix(file, ".json"), ".")
	for i := 1; i < len(parts); i++ {
		switch parts[i] {
		case "request", "response", "event":
			return dir + strings.Join(parts[:i+1], "."), nil
		}
	}
	return "", fmt.Errorf("sample %s does not follow <command>.<request|response|event>[.<variant>].json", rel)
}

// sampleFiles lists the .json samples, relative to samplesDir.
func sampleFiles(t testing.TB) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(os.DirFS(samplesDir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", samplesDir, err)
	}
	return out
}

func readSample(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(samplesDir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// loadSample decodes a sample as encoding/json does by default (numbers as float64).
func loadSample(t testing.TB, rel string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(readSample(t, rel), &v); err != nil {
		t.Fatalf("decoding sample %s: %v", rel, err)
	}
	return v
}

func TestEverySampleValidates(t *testing.T) {
	covered := map[string]bool{}
	for _, rel := range sampleFiles(t) {
		name, err := sampleSchema(rel)
		if err != nil {
			t.Error(err)
			continue
		}
		t.Run(rel, func(t *testing.T) {
			if !Has(name) {
				t.Fatalf("no schema %s for sample %s", name, rel)
			}
			if err := Validate(name, readSample(t, rel)); err != nil {
				t.Fatal(err)
			}
		})
		covered[name] = true
	}
	for _, n := range Names() {
		if !covered[n] {
			t.Errorf("schema %s has no sample under %s", n, samplesDir)
		}
	}
}

// addUnknown adds an unknown property to every object of v.
func addUnknown(v any) {
	switch t := v.(type) {
	case map[string]any:
		for _, e := range t {
			addUnknown(e)
		}
		t["X_Conformance_Extra"] = map[string]any{"nested": []any{1, "two", true}}
	case []any:
		for _, e := range t {
			addUnknown(e)
		}
	}
}

// TestUnknownPropertiesAreAccepted: every sample still passes with an unknown property added to
// each of its objects (errata schema decision 3).
func TestUnknownPropertiesAreAccepted(t *testing.T) {
	for _, rel := range sampleFiles(t) {
		name, err := sampleSchema(rel)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(rel, func(t *testing.T) {
			doc := loadSample(t, rel)
			addUnknown(doc)
			if err := ValidateValue(name, doc); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestSampleSchema(t *testing.T) {
	for file, want := range map[string]string{
		"callback/Room.CallbackAfterCreateRoom.event.json":             "callback/Room.CallbackAfterCreateRoom.event",
		"callback/Mic.CallbackAfterSeatInfoChanged.event.vacant.json":  "callback/Mic.CallbackAfterSeatInfoChanged.event",
		"callback/reply.response.json":                                 "callback/reply.response",
		"room_config/set_callback.response.fail.json":                  "room_config/set_callback.response",
		"callback/Mic.CallbackAfterSeatInfoChanged.event.unquoted.txt": "callback/Mic.CallbackAfterSeatInfoChanged.event",
	} {
		if got, err := sampleSchema(file); err != nil || got != want {
			t.Errorf("sampleSchema(%q) = %q, %v; want %q", file, got, err, want)
		}
	}
	if _, err := sampleSchema("callback/Room.CallbackAfterCreateRoom.json"); err == nil {
		t.Error("sampleSchema accepted a name without request/response/event")
	}
}

// failureCommands are the commands with a constructed <command>.response.fail.json sample.
var failureCommands = map[string][]string{
	"room_engine_http_srv": {"create_room", "destroy_room", "update_room_info", "get_room_info",
		"get_room_member_list", "update_room_member_info", "change_room_owner", "mark_room_member",
		"ban_room_member", "unban_room_member", "get_banned_member_list", "kick_user_out"},
	"room_engine_http_mic": {"get_seat_list", "pick_user_on_seat", "kick_user_off_seat", "lock_seat", "switch_seat", "move_user_to_seat"},
	"room_config":          {"set_callback", "update_callback"},
	"live_engine_http_srv": {"create_room", "destroy_room", "update_room_info", "get_room_info", "get_room_list",
		"get_room_metadata", "set_room_metadata", "del_room_metadata", "change_room_owner",
		"get_member_list", "mute_member", "get_muted_member_list", "ban_member", "unban_member",
		"get_banned_member_list", "get_admin_list", "modify_admin",
		"get_room_stats", "add_robot", "del_robot", "get_robot", "send_text_msg", "send_custom_msg",
		"set_mix_stream", "resume_mcu_task", "send_gift", "get_gift_count", "copy_default_gift_config",
		"add_gift", "get_gift", "del_gift", "add_gift_category", "get_gift_category", "del_gift_category",
		"add_gift_category_relations", "del_gift_category_relations", "get_gift_category_relations",
		"set_gift_language", "get_gift_language", "del_gift_language", "set_gift_category_language",
		"get_gift_category_language", "del_gift_category_language"},
	"live_config": {"get_callback", "set_callback", "update_callback", "get_callback_token"},
}

// documentedCodes are the private codes each page documents (conference-api.md sections 13-16,
// A1, A2; callbacks.md A3, where 100301 for get_callback is assumed, C-9); a constructed
// failure sample must use one of them.
var documentedCodes = map[string][]int{
	"room_engine_http_mic/get_seat_list":      {100001, 100002, 100004},
	"room_engine_http_mic/pick_user_on_seat":  {100001, 100002, 100004, 100005, 100200, 100202, 100203, 100205, 100210, 100211},
	"room_engine_http_mic/kick_user_off_seat": {100001, 100002, 100004},
	"room_engine_http_mic/lock_seat":          {100001, 100002, 100004, 100211},
	"room_engine_http_mic/switch_seat":        {100001, 100002, 100004},
	"room_engine_http_mic/move_user_to_seat":  {100001, 100002, 100004, 100005},
	"room_config/set_callback":                {100300},
	"room_config/update_callback":             {100301},
	// Live (live-api.md; del_gift_category from trtc.io/document/72850 and
	// cloud.tencent.com/document/product/269/125758; live_config from callbacks.md B2). Commands
	// whose table could not be read are absent: their samples use a code of the sibling pages.
	"live_engine_http_srv/get_room_stats":              {100001, 100002, 100004},
	"live_engine_http_srv/add_robot":                   {100001, 100002, 100004, 100006},
	"live_engine_http_srv/del_robot":                   {100001, 100002, 100004, 100006},
	"live_engine_http_srv/get_robot":                   {100001, 100002, 100004, 100006},
	"live_engine_http_srv/send_gift":                   {100001, 100002, 100003, 102001, 102002, 102004, 102008},
	"live_engine_http_srv/get_gift_count":              {100001, 100002},
	"live_engine_http_srv/get_gift":                    {100001, 100002},
	"live_engine_http_srv/add_gift_category":           {100001, 100002, 100006},
	"live_engine_http_srv/get_gift_category":           {100001, 100002, 100006, 100012},
	"live_engine_http_srv/del_gift_category":           {100001, 100002, 100006, 100012, 102001},
	"live_engine_http_srv/add_gift_category_relations": {100001, 100002, 100006, 100012, 102001},
	"live_engine_http_srv/get_gift_language":           {100001, 100002, 100006, 100012, 102001},
	"live_engine_http_srv/del_gift_language":           {100001, 100002, 100006, 100012, 102001},
	"live_engine_http_srv/set_gift_category_language":  {100001, 100002, 100006},
	"live_engine_http_srv/del_gift_category_language":  {100001, 100002, 100006, 100012, 102001},
	"live_config/get_callback":                         {100001, 100002, 100301},
	"live_config/set_callback":                         {100001, 100002, 100300},
	"live_config/update_callback":                      {100001, 100002, 100301},
	"live_config/get_callback_token":                   {100001, 100002, 100302},
}

func TestFailureSamples(t *testing.T) {
	for service, commands := range failureCommands {
		for _, cmd := range commands {
			command := service + "/" + cmd
			t.Run(command, func(t *testing.T) {
				d := loadSample(t, command+".response.fail.json").(map[string]any)
				if _, has := d["Response"]; has {
					t.Error("the failure sample carries Response")
				}
				codes, documented := documentedCodes[command]
				if !documented {
					return
				}
				for _, c := range codes {
					if d["ErrorCode"] == float64(c) {
						return
					}
				}
				t.Errorf("ErrorCode %v is not among the codes documented for %s: %v", d["ErrorCode"], command, codes)
			})
		}
	}
}

// TestSeatEmptyStringSample: get_seat_list.response.emptystring.json is the documented sample with
// Member_Account "" on its free seat (D-12).
func TestSeatEmptyStringSample(t *testing.T) {
	list := loadSample(t, "room_engine_http_mic/get_seat_list.response.json")
	free := list.(map[string]any)["Response"].(map[string]any)["SeatList"].([]any)[1].(map[string]any)
	if _, has := free["Member_Account"]; has {
		t.Fatal("the sample's free seat unexpectedly has Member_Account")
	}
	free["Member_Account"] = ""
	if empty := loadSample(t, "room_engine_http_mic/get_seat_list.response.emptystring.json"); !reflect.DeepEqual(list, empty) {
		t.Fatalf("get_seat_list.response.emptystring.json drifted from the sample:\n%v\n%v", list, empty)
	}
}

// TestGetCallbackSampleSpelling: the documented get_callback sample lists the old update
// spelling (C-1).
func TestGetCallbackSampleSpelling(t *testing.T) {
	ok := loadSample(t, "room_config/get_callback.response.json")
	list := ok.(map[string]any)["Response"].(map[string]any)["CallbackCommandList"].([]any)
	if list[2] != "Room.CallbackUpdateRoomInfo" {
		t.Fatalf("CallbackCommandList = %v", list)
	}
	for _, cmd := range []string{"get_callback", "delete_callback"} {
		if d := loadSample(t, "room_config/"+cmd+".request.json"); !reflect.DeepEqual(d, map[string]any{}) {
			t.Errorf("%s sample = %v, want {}", cmd, d)
		}
	}
}

// conferenceEvents are the six Conference callback command words (callbacks.md A2).
var conferenceEvents = []string{
	"Room.CallbackAfterCreateRoom", "Room.CallbackAfterDestroyRoom", "Room.CallbackAfterUpdateRoomInfo",
	"Room.CallbackAfterMemberEnter", "Room.CallbackAfterMemberLeave", "Mic.CallbackAfterSeatInfoChanged",
}

func TestEventSamplesNameTheirEvent(t *testing.T) {
	for _, e := range conferenceEvents {
		if !Has("callback/" + e + ".event") {
			t.Errorf("no schema for the event %s", e)
		}
		if got := loadSample(t, "callback/"+e+".event.json").(map[string]any)["CallbackCommand"]; got != e {
			t.Errorf("%s: CallbackCommand = %v", e, got)
		}
	}
}

// liveEvents are the Live callback command words with an event schema of their own
// (callbacks.md B3). Mic.CallbackAfterSeatInfoChanged is shared with Conference
// (docs/errata-live.md L-44); Live.CallbackBeforeCallBackNotBlock is a configuration flag, not
// an event (L-42).
var liveEvents = []string{
	"Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom", "Live.CallbackAfterUpdateRoomInfo",
	"Live.CallbackAfterSetMetadata", "Live.CallbackAfterDelMetadata", "Live.CallbackAfterCreateRoomReachingThreshold",
	"Live.CallbackAfterMemberStateChanged", "Live.CallbackAfterChangeOwner", "Live.CallbackAfterModifyAdmin",
	"Live.CallbackAfterCreateBattle", "Live.CallbackAfterStartBattle", "Live.CallbackAfterEndBattle",
	"Live.CallbackBeforeSendGift", "Group.CallbackBeforeSendMsg", "Group.CallbackAfterSendMsg",
	"Follow.CallbackAfterFollowAdd", "Follow.CallbackAfterFollowDelete",
}

func TestLiveEventSamplesNameTheirEvent(t *testing.T) {
	for _, e := range liveEvents {
		if !Has("callback/" + e + ".event") {
			t.Errorf("no schema for the event %s", e)
		}
		if got := loadSample(t, "callback/"+e+".event.json").(map[string]any)["CallbackCommand"]; got != e {
			t.Errorf("%s: CallbackCommand = %v", e, got)
		}
	}
	// The two blocking events have reply schemas of their own.
	for _, e := range []string{"Live.CallbackBeforeSendGift", "Group.CallbackBeforeSendMsg"} {
		if !Has("callback/" + e + ".response") {
			t.Errorf("no reply schema for the blocking event %s", e)
		}
	}
}

// TestLiveBareOwnerSamples: the Live destroy and end-of-battle event samples keep the 18-digit
// owners they print unquoted (docs/errata-live.md L-42), and pass as printed.
func TestLiveBareOwnerSamples(t *testing.T) {
	for file, literal := range map[string]string{
		"callback/Live.CallbackAfterDestroyRoom.event.json": `"Owner_Account": 144115216631667826,`,
		"callback/Live.CallbackAfterEndBattle.event.json":   `"Owner_Account": 144115245353757792`,
	} {
		raw := readSample(t, file)
		if !strings.Contains(string(raw), literal) {
			t.Errorf("%s no longer prints %s", file, literal)
		}
		name, _ := sampleSchema(file)
		if err := Validate(name, raw); err != nil {
			t.Error(err)
		}
	}
}

// TestUnquotedSeatSample: the .unquoted.txt variant differs from the repaired seat event sample
// only by the quotes around an 18-digit Member_Account that float64 cannot hold (C-4).
func TestUnquotedSeatSample(t *testing.T) {
	unquoted, err := decodeTree(readSample(t, "callback/Mic.CallbackAfterSeatInfoChanged.event.unquoted.txt"))
	if err != nil {
		t.Fatal(err)
	}
	entry := unquoted.(map[string]any)["SeatList"].([]any)[0].(map[string]any)
	n, ok := entry["Member_Account"].(json.Number)
	if !ok {
		t.Fatalf("Member_Account is %T, want a JSON number", entry["Member_Account"])
	}
	if f, _ := n.Float64(); strconv.FormatFloat(f, 'f', -1, 64) == n.String() {
		t.Errorf("%s survives a float64 round trip; the point of the variant is that it does not", n)
	}
	entry["Member_Account"] = n.String()
	repaired, err := decodeTree(readSample(t, "callback/Mic.CallbackAfterSeatInfoChanged.event.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(unquoted, repaired) {
		t.Fatalf("the .unquoted.txt variant drifted from the repaired sample:\n%v\n%v", unquoted, repaired)
	}
}

// TestLiveSeedPrintsTheBareOwner: the Live get_room_info sample keeps the seed's unquoted
// 18-digit Owner_Account (L-03), and passes as printed.
func TestLiveSeedPrintsTheBareOwner(t *testing.T) {
	raw := readSample(t, "live_engine_http_srv/get_room_info.response.json")
	if !strings.Contains(string(raw), `"Owner_Account": 144115233775727695,`) {
		t.Fatal("the sample no longer prints Owner_Account as the seed does")
	}
	if err := Validate("live_engine_http_srv/get_room_info.response", raw); err != nil {
		t.Fatal(err)
	}
}
