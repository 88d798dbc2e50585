package selftest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/emulator"
	"github.com/trtc-conformance/trtc-conformance/results"
	"github.com/trtc-conformance/trtc-conformance/usersig"
)

// mutations each break one documented promise; the suite must catch every one.
var mutations = []mutation{
	{
		name:     "answers without RequestId",
		response: func(_ string, _ *int, body map[string]any) { delete(body, "RequestId") },
		mustFail: []string{"get_room_info answers the documented sample's shape"},
	},
	{
		name: "answers 100002 for a room that does not exist",
		response: func(_ string, _ *int, body map[string]any) {
			if code(body) == 100004 {
				body["ErrorCode"] = 100002
			}
		},
		mustFail: []string{"get_room_info answers 100004 for a room that never existed", "destroy_room answers 100004"},
	},
	{
		name: "says OK on failures",
		response: func(_ string, _ *int, body map[string]any) {
			if code(body) != 0 {
				body["ActionStatus"] = "OK"
			}
		},
		mustFail: []string{"answers a failure with HTTP 200 and the four-attribute envelope"},
	},
	{
		name: "answers failures with HTTP 500",
		response: func(_ string, status *int, body map[string]any) {
			if code(body) != 0 {
				*status = http.StatusInternalServerError
			}
		},
		mustFail: []string{"answers 100004 for a room that never existed"},
	},
	{
		name: "ignores the fields of update_room_info",
		request: func(path string, _ url.Values, body map[string]any) bool {
			if strings.HasSuffix(path, "/update_room_info") {
				if info, ok := body["RoomInfo"].(map[string]any); ok {
					body["RoomInfo"] = map[string]any{"RoomId": info["RoomId"]}
				}
			}
			return true
		},
		mustFail: []string{"changes every updatable field"},
	},
	{
		name: "counts characters instead of bytes in RoomName and CustomInfo",
		request: func(path string, _ url.Values, body map[string]any) bool {
			if info, ok := body["RoomInfo"].(map[string]any); ok && strings.Contains(path, "room") {
				for field, limit := range map[string]int{"RoomName": 100, "CustomInfo": 500} {
					if s, ok := info[field].(string); ok && len(s) > limit && len([]rune(s)) <= limit {
						delete(info, field)
					}
				}
			}
			return true
		},
		mustFail: []string{"RoomName of 102 bytes in 34 characters"},
	},
	{
		name: "defaults the end to two hours after the start",
		response: func(path string, _ *int, body map[string]any) {
			if info := roomInfoOf(body); info != nil {
				start, _ := info["ScheduleStartTime"].(float64)
				if end, _ := info["ScheduleEndTime"].(float64); end == start+3600 {
					info["ScheduleEndTime"] = start + 7200
				}
			}
		},
		mustFail: []string{"applies the documented defaults", "sets the end one hour after a given start"},
	},
	{
		name: "omits CreateTime",
		response: func(_ string, _ *int, body map[string]any) {
			if info := roomInfoOf(body); info != nil {
				delete(info, "CreateTime")
			}
		},
		mustFail: []string{"creates a room with every documented field"},
	},
	{
		name: "does not check UserSig tickets",
		request: func(path string, query url.Values, _ map[string]any) bool {
			if strings.HasPrefix(path, "/v4/") {
				sig, _ := usersig.Generate(1400000001, "emulator-secret-key-0123456789abcdef", "administrator", 3600e9, timeNow())
				query.Set("usersig", sig)
				query.Set("identifier", "administrator")
			}
			return true
		},
		mustFail: []string{"an expired UserSig", "a UserSig signed with another key"},
	},
	{
		name: "loses the last member of every page but the last",
		response: func(path string, _ *int, body map[string]any) {
			response, _ := body["Response"].(map[string]any)
			list, _ := response["MemberList"].([]any)
			if next, _ := response["Next"].(string); strings.HasSuffix(path, "/get_room_member_list") && next != "" && len(list) > 1 {
				response["MemberList"] = list[:len(list)-1]
			}
		},
		mustFail: []string{"pages through the members with the Next cursor"},
	},
	{
		name: "reports BannedUntil in milliseconds",
		response: func(_ string, _ *int, body map[string]any) {
			response, _ := body["Response"].(map[string]any)
			list, _ := response["BannedAccountList"].([]any)
			for _, entry := range list {
				if b, ok := entry.(map[string]any); ok {
					until, _ := b["BannedUntil"].(float64)
					b["BannedUntil"] = until * 1000
				}
			}
		},
		mustFail: []string{"lists the ban with its end"},
	},
	{
		name: "calls the owner Host",
		response: func(_ string, _ *int, body map[string]any) {
			response, _ := body["Response"].(map[string]any)
			list, _ := response["MemberList"].([]any)
			for _, entry := range list {
				if m, ok := entry.(map[string]any); ok && m["Role"] == "Owner" {
					m["Role"] = "Host"
				}
			}
		},
		mustFail: []string{"lists every member who entered", "hands the room to a member"},
	},
	{
		name: "ignores ForbidTaken in lock_seat",
		request: func(path string, _ url.Values, body map[string]any) bool {
			if strings.HasSuffix(path, "/lock_seat") {
				delete(body, "ForbidTaken")
			}
			return true
		},
		mustFail: []string{"locks and unlocks a free seat", "refuses a locked seat with 100200"},
	},
	{
		name: "seats a second member on a taken seat",
		response: func(path string, _ *int, body map[string]any) {
			if strings.HasSuffix(path, "/pick_user_on_seat") && code(body) == 100210 {
				body["ErrorCode"], body["ActionStatus"], body["ErrorInfo"] = 0, "OK", ""
			}
		},
		mustFail: []string{"gives a seat to exactly one of many members", "refuses a seat another member occupies"},
	},
	{
		name: "reports free seats as taken by nobody",
		response: func(path string, _ *int, body map[string]any) {
			response, _ := body["Response"].(map[string]any)
			list, _ := response["SeatList"].([]any)
			for _, entry := range list {
				if s, ok := entry.(map[string]any); ok && s["Member_Account"] == nil {
					s["Member_Account"] = "nobody"
				}
			}
		},
		mustFail: []string{"lists MaxSeatCount free, unlocked seats"},
	},
	{
		name: "reports EventTime in seconds",
		event: func(_ url.Values, body map[string]any) {
			if at, ok := body["EventTime"].(float64); ok {
				body["EventTime"] = float64(int64(at) / 1000)
			}
		},
		mustFail: []string{"reports a created room with its settings", "reports a destroyed room"},
	},
	{
		name:     "leaves ClientIP out of the callback URL",
		event:    func(query url.Values, _ map[string]any) { query.Del("ClientIP") },
		mustFail: []string{"reports updated room information"},
	},
	{
		name: "never delivers the destroy event",
		request: func(path string, _ url.Values, body map[string]any) bool {
			if list, ok := body["CallbackCommandList"].([]any); ok && strings.HasSuffix(path, "_callback") {
				kept := []any{}
				for _, command := range list {
					if command != "Room.CallbackAfterDestroyRoom" {
						kept = append(kept, command)
					}
				}
				body["CallbackCommandList"] = kept
			}
			return true
		},
		mustFail: []string{"reports a destroyed room"},
	},
	// "never recycles rooms" is gone: the page says the backend "will try to" recycle a room
	// 6 h after its end (errata E-10), so a room that stays is no broken promise.
	{
		name: "reports the Live TakeSeatMode under a name no page documents",
		response: func(path string, _ *int, body map[string]any) {
			if info := roomInfoOf(body); info != nil && strings.Contains(path, "/live_engine_http_srv/") {
				info["TakeSeatMode"] = "Free"
			}
		},
		mustFail: []string{"answers the seed page's packet, every documented field checked against its schema"},
	},
	{
		name: "answers Live get_room_list beyond its 10 calls per second",
		response: func(path string, _ *int, body map[string]any) {
			if strings.HasSuffix(path, "/live_engine_http_srv/get_room_list") && code(body) == 60007 {
				body["ActionStatus"], body["ErrorCode"], body["ErrorInfo"] = "OK", 0, ""
				body["Response"] = map[string]any{"Next": "", "RoomList": []any{}}
			}
		},
		mustFail: []string{"answers calls beyond 10 per second with a rate-limit code"},
	},
	// "answers a Live transfer to a banned owner with 100002, not 100016" is gone: 100016 is
	// inferred from another page (errata-live L-09), and any refusal that changes nothing keeps
	// the documented promises.
	{
		name: "sends ErrorCode as a string",
		response: func(_ string, _ *int, body map[string]any) {
			if c, ok := body["ErrorCode"].(float64); ok {
				body["ErrorCode"] = fmt.Sprint(c)
			}
		},
		mustFail: []string{"get_room_info answers the documented sample's shape", "create_room creates a room with every documented field"},
	},
	{
		name: "lists the seats of a destroyed room",
		response: func(path string, _ *int, body map[string]any) {
			if strings.HasSuffix(path, "/room_engine_http_mic/get_seat_list") && code(body) == 100004 {
				body["ErrorCode"], body["ActionStatus"], body["ErrorInfo"] = 0, "OK", ""
				body["Response"] = map[string]any{"SeatList": []any{}}
			}
		},
		mustFail: []string{"answers 100004 from every command that addresses the room once it is destroyed room_engine_http_mic/get_seat_list"},
	},
	{
		name: "reports only the name in the update event",
		event: func(_ url.Values, body map[string]any) {
			if info, ok := body["RoomInfo"].(map[string]any); ok && strings.Contains(fmt.Sprint(body["CallbackCommand"]), "UpdateRoomInfo") {
				body["RoomInfo"] = map[string]any{"RoomId": info["RoomId"], "RoomName": info["RoomName"]}
			}
		},
		mustFail: []string{"reports updated room information"},
	},
	// Live callbacks (issue 14): an emulator that signs wrongly.
	{
		name: "signs Live callbacks without the token",
		event: func(query url.Values, _ map[string]any) {
			if at := query.Get("RequestTime"); at != "" {
				sum := sha256.Sum256([]byte(at))
				query.Set("Sign", hex.EncodeToString(sum[:]))
			}
		},
		mustFail: []string{"signs every delivery with Sign and RequestTime while the token is enabled"},
	},
	{
		name: "sends RequestTime in milliseconds",
		event: func(query url.Values, _ map[string]any) {
			if at, err := strconv.ParseInt(query.Get("RequestTime"), 10, 64); err == nil {
				query.Set("RequestTime", strconv.FormatInt(at*1000, 10))
			}
		},
		mustFail: []string{"signs every delivery with Sign and RequestTime while the token is enabled"},
	},
}

// ruleMutations each break one rule of the RESTful API overview (catalog.Rules), on both
// families; the specs labelled with the rule must catch it. R-host is a property of the
// client's presets, which no server can break: client/region_test.go checks it.
var ruleMutations = map[string]mutation{
	"R-url-path": {
		name: "serves a command whatever the case of its name",
		sent: func(_, path *string, _ url.Values, _ *[]byte) {
			if service, command, ok := strings.Cut(strings.TrimPrefix(*path, "/v4/"), "/"); ok {
				*path = "/v4/" + service + "/" + strings.ToLower(command)
			}
		},
		mustFail: []string{"a command named in capitals"},
	},
	"R-query-sdkappid": {
		name: "takes a missing sdkappid for its own application",
		sent: func(_, _ *string, query url.Values, _ *[]byte) {
			if query.Get("sdkappid") == "" {
				query.Set("sdkappid", strconv.Itoa(emulator.DefaultSDKAppID))
			}
		},
		mustFail: []string{"no sdkappid", "an empty sdkappid"},
	},
	"R-query-identifier": {
		name: "takes a missing identifier for the administrator",
		sent: func(_, _ *string, query url.Values, _ *[]byte) {
			if query.Get("identifier") == "" {
				query.Set("identifier", "administrator")
			}
		},
		mustFail: []string{"no identifier", "an empty identifier"},
	},
	"R-identifier-admin": {
		name: "serves any account with a valid ticket as an administrator",
		sent: func(_, _ *string, query url.Values, _ *[]byte) {
			if id := query.Get("identifier"); id != "" && id != "administrator" {
				query.Set("identifier", "administrator")
				query.Set("usersig", adminTicket())
			}
		},
		mustFail: []string{"an identifier that is not an App administrator"},
	},
	"R-query-usersig": {
		name: "takes a missing usersig for a valid one",
		sent: func(_, _ *string, query url.Values, _ *[]byte) {
			if query.Get("usersig") == "" {
				query.Set("usersig", adminTicket())
			}
		},
		mustFail: []string{"no usersig", "an empty usersig"},
	},
	"R-query-random": {
		name: "takes any random",
		sent: func(_, _ *string, query url.Values, _ *[]byte) {
			if _, err := strconv.ParseUint(query.Get("random"), 10, 32); query.Has("random") && err != nil {
				query.Set("random", "1")
			}
		},
		mustFail: []string{"takes random as a 32-bit unsigned integer 4294967296", "takes random as a 32-bit unsigned integer a negative number"},
	},
	"R-query-contenttype": {
		name: "takes any contenttype",
		sent: func(_, _ *string, query url.Values, _ *[]byte) {
			if query.Has("contenttype") {
				query.Set("contenttype", "json")
			}
		},
		mustFail: []string{"takes contenttype as the fixed value json xml", "takes contenttype as the fixed value json an empty value"},
	},
	"R-query-case": {
		name: "reads parameter names in any case",
		sent: func(_, _ *string, query url.Values, _ *[]byte) {
			for name, values := range query {
				if lower := strings.ToLower(name); lower != name {
					delete(query, name)
					query[lower] = append(query[lower], values...)
				}
			}
		},
		mustFail: []string{"sdkappid named SDKAppID", "usersig named UserSig"},
	},
	"R-method-post": {
		name:     "serves any method",
		sent:     func(method, _ *string, _ url.Values, _ *[]byte) { *method = http.MethodPost },
		mustFail: []string{"takes POST only GET", "takes POST only PUT"},
	},
	"R-body-json": {
		name: "reads a body that is not JSON as {}",
		sent: func(_, _ *string, _ url.Values, body *[]byte) {
			if !json.Valid(*body) {
				*body = []byte("{}")
			}
		},
		mustFail: []string{"a body that is not JSON"},
	},
	"R-body-not-empty": {
		name: "reads an empty body as {}",
		sent: func(_, _ *string, _ url.Values, body *[]byte) {
			if len(bytes.TrimSpace(*body)) == 0 {
				*body = []byte("{}")
			}
		},
		mustFail: []string{"an empty body"},
	},
	"R-http-200": {
		name: "answers the gateway's refusals with HTTP 400",
		response: func(_ string, status *int, body map[string]any) {
			if c := code(body); c >= 60000 && c < 80000 {
				*status = http.StatusBadRequest
			}
		},
		mustFail: []string{"answers a refusal of the gateway with HTTP 200"},
	},
	"R-envelope": {
		name: "answers every call with one RequestId",
		response: func(_ string, _ *int, body map[string]any) {
			body["RequestId"] = "Id-00000000000000000000000000000000-O-Seq-1"
		},
		mustFail: []string{"gives every answer its own RequestId"},
	},
	"R-timeout": {
		name: "takes 3.5 s over some calls",
		sent: func(_, _ *string, _ url.Values, body *[]byte) {
			if bytes.Contains(*body, []byte(`"RoomId":"timeout-`)) {
				time.Sleep(3500 * time.Millisecond)
			}
		},
		mustFail: []string{"answers within the documented 3 s server time-out"},
	},
}

// adminTicket is a valid ticket of the emulator's default administrator.
func adminTicket() string {
	sig, _ := usersig.Generate(emulator.DefaultSDKAppID, emulator.DefaultSecretKey, "administrator", time.Hour, timeNow())
	return sig
}

func TestEveryOverviewRuleHasAMutation(t *testing.T) {
	for _, rule := range catalog.Rules() {
		if _, ok := ruleMutations[rule.ID]; !ok && rule.ID != "R-host" {
			t.Errorf("no mutation breaks %s (%s)", rule.ID, rule.Summary)
		}
	}
	for id := range ruleMutations {
		if _, ok := catalog.LookupRule(id); !ok {
			t.Errorf("mutation for %s, which is no rule of the catalog", id)
		}
	}
}

// TestSuiteCatchesEveryOverviewRuleMutation runs the suite once per rule mutation, the specs
// labelled with the rule only (labelFilter): in each family, the specs named must fail,
// labelled with the rule the mutation breaks.
func TestSuiteCatchesEveryOverviewRuleMutation(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole conformance suite per mutation; skipped with -short")
	}
	t.Parallel() // from the start: a parent that waits for its subtests would hold back every parallel test
	for id, m := range ruleMutations {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			filter := labelFilter(t, m, id)
			checkSelects(t, filter, m.mustFail)
			run := runSuite(t, startMutant(t, m), "-ginkgo.label-filter="+filter)
			if run.exitCode == 0 {
				t.Errorf("the suite passed against an emulator that %s", m.name)
			}
			for _, want := range m.mustFail {
				for _, family := range []catalog.Family{catalog.FamilyConference, catalog.FamilyLive} {
					found := false
					for _, spec := range run.run.Specs {
						failed := spec.Outcome == results.Fail || spec.Outcome == results.Error
						if failed && strings.Contains(spec.Name, want) && hasLabel(spec.Labels, catalog.LabelRulePrefix+id) &&
							hasLabel(spec.Labels, catalog.LabelFamilyPrefix+string(family)) {
							found = true
						}
					}
					if !found {
						t.Errorf("no failed %s spec labelled with %s is named like %q; failed: %v", family, id, want, run.failed())
					}
				}
			}
			for _, row := range run.run.Rules().Rows {
				if row.ID == id && row.State != results.RuleBroken {
					t.Errorf("the rules table shows %s as %s", id, row.State)
				}
			}
		})
	}
}

func hasLabel(labels []string, label string) bool {
	for _, l := range labels {
		if l == label {
			return true
		}
	}
	return false
}

func TestSuitePassesBehindAFaithfulProxy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole conformance suite; skipped with -short")
	}
	t.Parallel()
	run := runWholeSuite(t, startMutant(t, mutation{name: "faithful"}))
	if run.exitCode != 0 || len(run.failed()) > 0 {
		t.Fatalf("the suite failed behind a proxy that changes nothing (exit %d): %v\n%s", run.exitCode, run.failed(), tail([]byte(run.output)))
	}
	if counts := run.run.Counts(); counts[results.Pass] == 0 {
		t.Fatalf("no spec passed: %v", counts)
	}
}

func TestSuiteCatchesEveryMutation(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole conformance suite per mutation; skipped with -short")
	}
	t.Parallel() // from the start: a parent that waits for its subtests would hold back every parallel test
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel() // each mutation has its own emulator, proxy and suite process
			// The specs named are hand-written: the generated ones of the same commands (the
			// property tests alone take 25 s) add nothing to what this run proves.
			filter := withoutGenerated(labelFilter(t, m, ""))
			checkSelects(t, filter, m.mustFail)
			run := runSuite(t, startMutant(t, m), "-ginkgo.label-filter="+filter)
			if run.exitCode == 0 {
				t.Errorf("the suite passed against an emulator that %s", m.name)
			}
			failed := run.failed()
			for _, want := range m.mustFail {
				if !anyContains(failed, want) {
					t.Errorf("no failed spec is named like %q; failed: %v", want, failed)
				}
			}
		})
	}
}

func anyContains(names []string, part string) bool {
	for _, name := range names {
		if strings.Contains(name, part) {
			return true
		}
	}
	return false
}
