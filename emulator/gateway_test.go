package emulator

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/usersig"
)

const (
	gwRoom      = "gw-room"
	gwPlainUser = "plain-user" // imported, not an administrator
	getRoomPath = "/v4/room_engine_http_srv/get_room_info"
)

// gatewayRow is one request of the gateway table. Zero fields take the valid default: POST to
// get_room_info of an existing room, a complete query signed by the administrator.
type gatewayRow struct {
	name   string
	method string
	path   string
	query  func(h *harness) string
	body   []byte
	want   int
}

// withQuery starts from the valid query and changes it.
func withQuery(change func(h *harness, q url.Values)) func(h *harness) string {
	return func(h *harness) string {
		q := h.query(DefaultAdmin)
		change(h, q)
		return q.Encode()
	}
}

// withTicket replaces the usersig with the ticket sign returns.
func withTicket(sign func(h *harness) (string, error)) func(h *harness) string {
	return func(h *harness) string {
		q := h.query(DefaultAdmin)
		sig, err := sign(h)
		if err != nil {
			h.t.Fatalf("signing: %v", err)
		}
		q.Set("usersig", sig)
		return q.Encode()
	}
}

// appendRaw adds raw text to the valid (encoded) query.
func appendRaw(extra string) func(h *harness) string {
	return func(h *harness) string { return h.query(DefaultAdmin).Encode() + extra }
}

func nested(prefix string, depth int, suffix string) []byte {
	return []byte(prefix + strings.Repeat("[", depth) + suffix)
}

// bodyOfSize is a get_room_info body of exactly n bytes naming an unknown room.
func bodyOfSize(n int) []byte {
	const head, tail = `{"RoomId":"`, `"}`
	return []byte(head + strings.Repeat("a", n-len(head)-len(tail)) + tail)
}

func gatewayRows() []gatewayRow {
	admin := DefaultAdmin
	now := func() time.Time { return time.Now() }
	return []gatewayRow{
		// Accepted calls: the table must be able to tell success from refusal.
		{name: "valid call", want: 0},
		{name: "random and contenttype absent", query: withQuery(func(_ *harness, q url.Values) { q.Del("random"); q.Del("contenttype") }), want: 0},
		{name: "random 0", query: withQuery(func(_ *harness, q url.Values) { q.Set("random", "0") }), want: 0},
		{name: "random 4294967295", query: withQuery(func(_ *harness, q url.Values) { q.Set("random", "4294967295") }), want: 0},
		{name: "body of exactly 1 MiB", body: bodyOfSize(MaxBodyBytes), want: catalog.CodeRoomNotFound},

		// 1. method.
		{name: "GET", method: http.MethodGet, want: catalog.CodeHTTPParse},
		{name: "PUT", method: http.MethodPut, want: catalog.CodeHTTPParse},
		{name: "DELETE", method: http.MethodDelete, want: catalog.CodeHTTPParse},
		{name: "PATCH", method: http.MethodPatch, want: catalog.CodeHTTPParse},
		{name: "GET without any query and unknown path", method: http.MethodGet, path: "/v4/nope/nope", query: func(*harness) string { return "" }, want: catalog.CodeHTTPParse},

		// 2. query syntax.
		{name: "bad percent escape", query: appendRaw("&x=%zz"), want: catalog.CodeHTTPParse},
		{name: "semicolon separator", query: appendRaw(";x=1"), want: catalog.CodeHTTPParse},
		{name: "sdkappid twice", query: withQuery(func(h *harness, q url.Values) { q.Add("sdkappid", fmtUint(h.e.cfg.SDKAppID)) }), want: catalog.CodeHTTPParse},
		{name: "usersig twice", query: withQuery(func(h *harness, q url.Values) { q.Add("usersig", q.Get("usersig")) }), want: catalog.CodeHTTPParse},
		{name: "identifier twice", query: withQuery(func(_ *harness, q url.Values) { q.Add("identifier", admin) }), want: catalog.CodeHTTPParse},
		{name: "random twice", query: withQuery(func(_ *harness, q url.Values) { q.Add("random", "7") }), want: catalog.CodeHTTPParse},
		{name: "unknown key twice", query: appendRaw("&foo=1&foo=2"), want: catalog.CodeHTTPParse},
		{name: "duplicate key before missing sdkappid", query: withQuery(func(_ *harness, q url.Values) { q.Del("sdkappid"); q.Add("random", "7") }), want: catalog.CodeHTTPParse},

		// 3. sdkappid.
		{name: "sdkappid missing", query: withQuery(func(_ *harness, q url.Values) { q.Del("sdkappid") }), want: catalog.CodeSDKAppIDMissing},
		{name: "sdkappid empty", query: withQuery(func(_ *harness, q url.Values) { q.Set("sdkappid", "") }), want: catalog.CodeSDKAppIDMissing},
		{name: "sdkappid spelled SdkAppId (names are case-sensitive)", query: withQuery(func(h *harness, q url.Values) {
			q.Del("sdkappid")
			q.Set("SdkAppId", fmtUint(h.e.cfg.SDKAppID))
		}), want: catalog.CodeSDKAppIDMissing},
		{name: "sdkappid missing before bad contenttype and usersig", query: withQuery(func(_ *harness, q url.Values) {
			q.Del("sdkappid")
			q.Set("contenttype", "xml")
			q.Del("usersig")
		}), want: catalog.CodeSDKAppIDMissing},
		{name: "sdkappid of another application", query: withQuery(func(h *harness, q url.Values) { q.Set("sdkappid", fmtUint(h.e.cfg.SDKAppID+1)) }), want: catalog.CodeBadSDKAppID},
		{name: "sdkappid not a number", query: withQuery(func(_ *harness, q url.Values) { q.Set("sdkappid", "abc") }), want: catalog.CodeBadSDKAppID},
		{name: "sdkappid negative", query: withQuery(func(_ *harness, q url.Values) { q.Set("sdkappid", "-1400000001") }), want: catalog.CodeBadSDKAppID},
		{name: "wrong sdkappid before bad random", query: withQuery(func(_ *harness, q url.Values) { q.Set("sdkappid", "1"); q.Set("random", "x") }), want: catalog.CodeBadSDKAppID},

		// 4. contenttype.
		{name: "contenttype xml", query: withQuery(func(_ *harness, q url.Values) { q.Set("contenttype", "xml") }), want: catalog.CodeHTTPParse},
		{name: "contenttype JSON (case-sensitive)", query: withQuery(func(_ *harness, q url.Values) { q.Set("contenttype", "JSON") }), want: catalog.CodeHTTPParse},
		{name: "contenttype empty", query: withQuery(func(_ *harness, q url.Values) { q.Set("contenttype", "") }), want: catalog.CodeHTTPParse},

		// 5. random.
		{name: "random 2^32", query: withQuery(func(_ *harness, q url.Values) { q.Set("random", "4294967296") }), want: catalog.CodeHTTPParse},
		{name: "random negative", query: withQuery(func(_ *harness, q url.Values) { q.Set("random", "-1") }), want: catalog.CodeHTTPParse},
		{name: "random not a number", query: withQuery(func(_ *harness, q url.Values) { q.Set("random", "abc") }), want: catalog.CodeHTTPParse},
		{name: "random empty", query: withQuery(func(_ *harness, q url.Values) { q.Set("random", "") }), want: catalog.CodeHTTPParse},
		{name: "bad random before missing usersig", query: withQuery(func(_ *harness, q url.Values) { q.Set("random", "x"); q.Del("usersig") }), want: catalog.CodeHTTPParse},

		// 6. identifier and usersig present.
		{name: "identifier missing", query: withQuery(func(_ *harness, q url.Values) { q.Del("identifier") }), want: catalog.CodeBadSignature},
		{name: "identifier empty", query: withQuery(func(_ *harness, q url.Values) { q.Set("identifier", "") }), want: catalog.CodeBadSignature},
		{name: "usersig missing", query: withQuery(func(_ *harness, q url.Values) { q.Del("usersig") }), want: catalog.CodeBadSignature},
		{name: "usersig empty", query: withQuery(func(_ *harness, q url.Values) { q.Set("usersig", "") }), want: catalog.CodeBadSignature},
		{name: "usersig missing before unknown path", path: "/v4/nope/nope", query: withQuery(func(_ *harness, q url.Values) { q.Del("usersig") }), want: catalog.CodeBadSignature},

		// 7. UserSig verification.
		{name: "usersig garbage", query: withQuery(func(_ *harness, q url.Values) { q.Set("usersig", "not a ticket!") }), want: catalog.CodeUserSigInvalid},
		{name: "usersig base64 but not zlib", query: withQuery(func(_ *harness, q url.Values) { q.Set("usersig", "AAAAAAAA") }), want: catalog.CodeUserSigInvalid},
		{name: "usersig truncated", query: withQuery(func(_ *harness, q url.Values) { s := q.Get("usersig"); q.Set("usersig", s[:len(s)/2]) }), want: catalog.CodeUserSigInvalid},
		{name: "usersig with a user buffer", query: withTicket(func(h *harness) (string, error) {
			return usersig.GenerateWithUserBuf(h.e.cfg.SDKAppID, h.e.cfg.SecretKey, admin, time.Hour, now(), []byte("room-scope"))
		}), want: catalog.CodeUserSigInvalid},
		{name: "usersig signed with another key", query: withTicket(func(h *harness) (string, error) {
			return usersig.Generate(h.e.cfg.SDKAppID, "another-secret-key", admin, time.Hour, now())
		}), want: catalog.CodeUserSigVerifyFailed},
		{name: "usersig expired", query: withTicket(func(h *harness) (string, error) {
			return usersig.Generate(h.e.cfg.SDKAppID, h.e.cfg.SecretKey, admin, time.Second, now().Add(-time.Hour))
		}), want: catalog.CodeUserSigExpired},
		{name: "usersig expired and signed with another key", query: withTicket(func(h *harness) (string, error) {
			return usersig.Generate(h.e.cfg.SDKAppID, "another-secret-key", admin, time.Second, now().Add(-time.Hour))
		}), want: catalog.CodeUserSigVerifyFailed},
		{name: "usersig of another identifier", query: withTicket(func(h *harness) (string, error) {
			return usersig.Generate(h.e.cfg.SDKAppID, h.e.cfg.SecretKey, "someone-else", time.Hour, now())
		}), want: catalog.CodeUserSigIdentifierDiffer},
		{name: "usersig of another sdkappid", query: withTicket(func(h *harness) (string, error) {
			return usersig.Generate(h.e.cfg.SDKAppID+1, h.e.cfg.SecretKey, admin, time.Hour, now())
		}), want: catalog.CodeUserSigSDKAppIDDiffer},
		{name: "usersig of another sdkappid and another key", query: withTicket(func(h *harness) (string, error) {
			return usersig.Generate(h.e.cfg.SDKAppID+1, "another-secret-key", admin, time.Hour, now())
		}), want: catalog.CodeUserSigSDKAppIDDiffer},
		{name: "usersig tampered: expiry extended, signature kept", query: withTicket(func(h *harness) (string, error) {
			return tamperedTicket(h, "TLS.expire", 999999999), nil
		}), want: catalog.CodeUserSigVerifyFailed},
		{name: "usersig tampered: signed long ago, time moved to now", query: withTicket(func(h *harness) (string, error) {
			return tamperedTicket(h, "TLS.time", now().Unix()+60), nil
		}), want: catalog.CodeUserSigVerifyFailed},
		{name: "usersig tampered: signature of other fields", query: withTicket(func(h *harness) (string, error) {
			other, err := usersig.Decode(h.ticket(gwPlainUser))
			if err != nil {
				return "", err
			}
			return tamperedTicket(h, "TLS.sig", other.Sig), nil
		}), want: catalog.CodeUserSigVerifyFailed},
		{name: "usersig tampered: one character changed", query: withQuery(func(h *harness, q url.Values) {
			sig := []byte(q.Get("usersig"))
			sig[len(sig)/2] ^= 1
			q.Set("usersig", string(sig))
		}), want: catalog.CodeUserSigInvalid},
		{name: "usersig forged: a document nobody signed", query: withTicket(func(h *harness) (string, error) {
			return forgedTicket(h.t, `{"TLS.ver":"2.0","TLS.identifier":"administrator","TLS.sdkappid":1400000001,"TLS.expire":86400,"TLS.time":`+
				strconv.FormatInt(now().Unix(), 10)+`,"TLS.sig":"AAAA"}`), nil
		}), want: catalog.CodeUserSigVerifyFailed},
		{name: "usersig forged: version 1", query: withTicket(func(h *harness) (string, error) {
			return tamperedTicket(h, "TLS.ver", "1.0"), nil
		}), want: catalog.CodeUserSigInvalid},
		{name: "usersig of an expired ticket of another application", query: withTicket(func(h *harness) (string, error) {
			return usersig.Generate(h.e.cfg.SDKAppID+1, "another-secret-key", admin, time.Second, now().Add(-time.Hour))
		}), want: catalog.CodeUserSigSDKAppIDDiffer},
		{name: "bad usersig of a non-administrator", query: withQuery(func(h *harness, q url.Values) {
			sig, _ := usersig.Generate(h.e.cfg.SDKAppID, "another-secret-key", gwPlainUser, time.Hour, now())
			q.Set("identifier", gwPlainUser)
			q.Set("usersig", sig)
		}), want: catalog.CodeUserSigVerifyFailed},
		{name: "bad usersig before unknown path", path: "/v4/nope/nope", query: withTicket(func(h *harness) (string, error) {
			return usersig.Generate(h.e.cfg.SDKAppID, "another-secret-key", admin, time.Hour, now())
		}), want: catalog.CodeUserSigVerifyFailed},

		// 8. administrator.
		{name: "imported account that is not an administrator", query: func(h *harness) string { return h.query(gwPlainUser).Encode() }, want: catalog.CodeAdminRequired},
		{name: "account never imported", query: func(h *harness) string { return h.query("ghost-user").Encode() }, want: catalog.CodeAdminRequired},
		{name: "non-administrator before unknown path", path: "/v4/nope/nope", query: func(h *harness) string { return h.query(gwPlainUser).Encode() }, want: catalog.CodeAdminRequired},

		// 9. resource.
		{name: "unknown command", path: "/v4/room_engine_http_srv/no_such_command", want: catalog.CodeBadResource},
		{name: "unknown service", path: "/v4/no_such_service/get_room_info", want: catalog.CodeBadResource},
		{name: "service without command", path: "/v4/room_engine_http_srv", want: catalog.CodeBadResource},
		{name: "command with an extra segment", path: "/v4/room_engine_http_srv/get_room_info/extra", want: catalog.CodeBadResource},
		{name: "command with a trailing slash", path: "/v4/room_engine_http_srv/get_room_info/", want: catalog.CodeBadResource},
		{name: "version other than v4", path: "/v3/room_engine_http_srv/get_room_info", want: catalog.CodeBadResource},
		{name: "root path", path: "/", want: catalog.CodeBadResource},
		{name: "service name in upper case", path: "/v4/ROOM_ENGINE_HTTP_SRV/get_room_info", want: catalog.CodeBadResource},
		{name: "seat command under the room service (D-02)", path: "/v4/room_engine_http_srv/get_seat_list", want: catalog.CodeBadResource},
		{name: "unknown path before a bad body", path: "/v4/room_engine_http_srv/no_such_command", body: []byte("not json"), want: catalog.CodeBadResource},

		// 12. body.
		{name: "empty body", body: []byte{}, want: catalog.CodeJSONParse},
		{name: "blank body", body: []byte(" \r\n\t "), want: catalog.CodeJSONParse},
		{name: "body []", body: []byte(`[]`), want: catalog.CodeJSONParse},
		{name: `body "x"`, body: []byte(`"x"`), want: catalog.CodeJSONParse},
		{name: "body 123", body: []byte(`123`), want: catalog.CodeJSONParse},
		{name: "body true", body: []byte(`true`), want: catalog.CodeJSONParse},
		{name: "invalid JSON", body: []byte(`{"RoomId":`), want: catalog.CodeJSONParse},
		{name: "single quotes", body: []byte(`{'RoomId':'gw-room'}`), want: catalog.CodeJSONParse},
		{name: "object followed by garbage", body: []byte(`{"RoomId":"gw-room"} x`), want: catalog.CodeJSONParse},
		{name: "two objects", body: []byte(`{"RoomId":"gw-room"}{"RoomId":"gw-room"}`), want: catalog.CodeJSONParse},
		{name: "a name repeated", body: []byte(`{"RoomId":"gw-room","RoomId":"gw-room"}`), want: catalog.CodeJSONParse},
		{name: "an unknown name repeated", body: []byte(`{"RoomId":"gw-room","x":{"y":1,"y":1}}`), want: catalog.CodeJSONParse},
		{name: "invalid UTF-8", body: []byte("{\"RoomId\":\"gw-room\xff\"}"), want: catalog.CodeJSONParse},
		{name: "a lone surrogate escape", body: []byte(`{"RoomId":"gw-room","x":"\ud800"}`), want: catalog.CodeJSONParse},
		{name: "2 MiB body", body: bodyOfSize(2 * MaxBodyBytes), want: catalog.CodeHTTPParse},
		{name: "1 MiB + 1 byte body", body: bodyOfSize(MaxBodyBytes + 1), want: catalog.CodeHTTPParse},
		{name: "2 MiB of invalid JSON", body: bytes.Repeat([]byte("x"), 2*MaxBodyBytes), want: catalog.CodeHTTPParse},
		{name: "100000 levels of [", body: nested("", 100000, ""), want: catalog.CodeJSONParse},
		{name: "100000 levels of [ inside an object", body: nested(`{"RoomId":"gw-room","x":`, 100000, ""), want: catalog.CodeJSONParse},
		{name: "100000 closed levels inside an object", body: []byte(`{"RoomId":"gw-room","x":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`), want: catalog.CodeJSONParse},

		{name: "RoomId 1e999999 (beyond big.Rat)", body: []byte(`{"RoomId":1e999999}`), want: catalog.CodeInvalidParameter},
		{name: "unknown field holding a million-digit number", body: []byte(`{"RoomId":"gw-room","x":1` + strings.Repeat("0", 1000000) + `}`), want: 0},
		{name: "create_room MaxMemberCount 1e999999", path: "/v4/room_engine_http_srv/create_room",
			body: []byte(`{"RoomInfo":{"RoomId":"gw-new","RoomType":"Conference","MaxMemberCount":1e999999}}`), want: catalog.CodeInvalidParameter},
		{name: "create_room invitees: ten thousand huge exponents", path: "/v4/room_engine_http_srv/create_room",
			body: []byte(`{"RoomInfo":{"RoomId":"gw-new","RoomType":"Conference"},"ScheduleInviteeList_Account":[` +
				strings.TrimSuffix(strings.Repeat("1e999999,", 10000), ",") + `]}`), want: catalog.CodeAccountType},
		{name: "create_room schedule of 200000 digits", path: "/v4/room_engine_http_srv/create_room",
			body: []byte(`{"RoomInfo":{"RoomId":"gw-new","RoomType":"Conference","ScheduleStartTime":` + strings.Repeat("9", 200000) + `}}`), want: catalog.CodeInvalidParameter},

		// 13. request schema.
		{name: "RoomId missing", body: []byte(`{}`), want: catalog.CodeInvalidParameter},
		{name: "RoomId empty", body: []byte(`{"RoomId":""}`), want: catalog.CodeInvalidParameter},
		{name: "RoomId a number", body: []byte(`{"RoomId":5}`), want: catalog.CodeInvalidParameter},
		{name: "create_room RoomType Live", path: "/v4/room_engine_http_srv/create_room", body: []byte(`{"RoomInfo":{"RoomId":"gw-new","RoomType":"Live"}}`), want: catalog.CodeInvalidParameter},
		{name: "create_room without RoomInfo", path: "/v4/room_engine_http_srv/create_room", body: []byte(`{"RoomId":"gw-new","RoomType":"Conference"}`), want: catalog.CodeInvalidParameter},
		{name: "create_room Owner_Account a number", path: "/v4/room_engine_http_srv/create_room", body: []byte(`{"RoomInfo":{"RoomId":"gw-new","RoomType":"Conference","Owner_Account":5}}`), want: catalog.CodeAccountType},
		{name: "create_room invitee a number", path: "/v4/room_engine_http_srv/create_room", body: []byte(`{"RoomInfo":{"RoomId":"gw-new","RoomType":"Conference"},"ScheduleInviteeList_Account":["u1",7]}`), want: catalog.CodeAccountType},
		{name: "update_room_info MaxMemberCount a string", path: "/v4/room_engine_http_srv/update_room_info", body: []byte(`{"RoomInfo":{"RoomId":"gw-room","MaxMemberCount":"5"}}`), want: catalog.CodeInvalidParameter},
		{name: "destroy_room RoomId null", path: "/v4/room_engine_http_srv/destroy_room", body: []byte(`{"RoomId":null}`), want: catalog.CodeInvalidParameter},
		{name: "account_import UserID a number", path: "/v4/im_open_login_svc/account_import", body: []byte(`{"UserID":5}`), want: catalog.CodeAccountType},
		{name: "account_import UserID missing", path: "/v4/im_open_login_svc/account_import", body: []byte(`{}`), want: codeAccountInvalidParameter},
		{name: "account_import Nick a number", path: "/v4/im_open_login_svc/account_import", body: []byte(`{"UserID":"u1","Nick":5}`), want: codeAccountInvalidParameter},
		{name: "account_check UserID a number", path: "/v4/im_open_login_svc/account_check", body: []byte(`{"CheckItem":[{"UserID":5}]}`), want: catalog.CodeAccountType},
		{name: "multiaccount_import Accounts of numbers", path: "/v4/im_open_login_svc/multiaccount_import", body: []byte(`{"Accounts":[1,2]}`), want: catalog.CodeAccountType},
		{name: "account_delete UserID a boolean", path: "/v4/im_open_login_svc/account_delete", body: []byte(`{"DeleteItem":[{"UserID":true}]}`), want: catalog.CodeAccountType},
		{name: "account command body []", path: "/v4/im_open_login_svc/account_check", body: []byte(`[]`), want: catalog.CodeJSONParse},
	}
}

func countRefused(rows []gatewayRow) int {
	n := 0
	for _, row := range rows {
		if row.want != 0 {
			n++
		}
	}
	return n
}

// forgedTicket is a UserSig whose document is doc, compressed and encoded like a real one but
// signed by nobody: what a client that edits a ticket sends.
func forgedTicket(t testing.TB, doc string) string {
	t.Helper()
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	if _, err := w.Write([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer("+", "*", "/", "-", "=", "_").Replace(base64.StdEncoding.EncodeToString(z.Bytes()))
}

// tamperedTicket is a valid administrator ticket with one field of its document changed and the
// signature kept.
func tamperedTicket(h *harness, field string, value any) string {
	h.t.Helper()
	ticket, err := usersig.Decode(h.ticket(DefaultAdmin))
	if err != nil {
		h.t.Fatal(err)
	}
	doc := map[string]any{
		"TLS.ver": ticket.Version, "TLS.identifier": ticket.Identifier, "TLS.sdkappid": ticket.SDKAppID,
		"TLS.time": ticket.Time, "TLS.expire": ticket.Expire, "TLS.sig": ticket.Sig,
	}
	doc[field] = value
	raw, err := json.Marshal(doc)
	if err != nil {
		h.t.Fatal(err)
	}
	return forgedTicket(h.t, string(raw))
}

// commandOfPath names the implemented command a path addresses, or "".
func commandOfPath(path string) string {
	service, command, found := strings.Cut(strings.TrimPrefix(path, "/v4/"), "/")
	if !strings.HasPrefix(path, "/v4/") || !found || routes[service+"/"+command] == nil {
		return ""
	}
	return command
}

// TestGatewayTable sends every row and requires its documented code, an envelope that satisfies
// the command's response schema, no change to anything the emulator remembers, no panic (a
// recovered one is logged at error level) and a server that still answers a valid call.
func TestGatewayTable(t *testing.T) {
	var errorLog lockedBuffer
	logger := slog.New(slog.NewTextHandler(&errorLog, &slog.HandlerOptions{Level: slog.LevelError}))
	h := newHarness(t, Config{RatePerSecond: -1, Logger: logger})
	h.mustCreate(gwRoom)
	h.importAccounts(gwPlainUser)
	parent := h.t
	rows := gatewayRows()
	if refused := countRefused(rows); refused < 40 {
		t.Fatalf("the table has %d refused requests, the issue asks for at least 40", refused)
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			h.t = t
			defer func() { h.t = parent }()
			before := h.snapshotState()
			defer func() {
				requireSameState(t, before, h.snapshotState())
				checkCommandAnswer(t, "get_room_info", h.call("get_room_info", `{"RoomId":"`+gwRoom+`"}`), 0)
				if logged := errorLog.String(); logged != "" {
					t.Fatalf("error logged (a handler panicked or an answer failed to encode):\n%s", logged)
				}
			}()
			method, path, body := row.method, row.path, row.body
			if method == "" {
				method = http.MethodPost
			}
			if path == "" {
				path = getRoomPath
			}
			if body == nil {
				body = []byte(`{"RoomId":"` + gwRoom + `"}`)
			}
			query := h.query(DefaultAdmin).Encode()
			if row.query != nil {
				query = row.query(h)
			}
			r := h.send(method, path, query, body)
			if command := commandOfPath(path); command != "" {
				checkCommandAnswer(t, command, r, row.want)
			} else {
				checkEnvelope(t, r, row.want)
			}
			if row.want != 0 && r.header.Get("X-Trtc-Emulator-Fault") != "" {
				t.Errorf("a gateway refusal carries the fault header")
			}
		})
	}
	// Nothing above changed the room or imported anything.
	if info := h.mustGet(gwRoom); info.RoomID != gwRoom {
		t.Errorf("room %q reads back as %q", gwRoom, info.RoomID)
	}
}

// TestGatewayRequestIDsAreUnique checks the sequence part grows and the random part differs.
func TestGatewayRequestIDsAreUnique(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		r := h.call("get_room_info", `{"RoomId":"nope"}`)
		checkCommandAnswer(t, "get_room_info", r, catalog.CodeRoomNotFound)
		if seen[r.env.RequestID] {
			t.Fatalf("RequestId %q answered twice", r.env.RequestID)
		}
		seen[r.env.RequestID] = true
	}
}

// TestGatewayNullBodyIsNotAnObject: the gateway promises 60003 for a body that is not a JSON
// object; JSON null is not one.
func TestGatewayNullBodyIsNotAnObject(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	for _, command := range []string{"get_room_info", "create_room", "account_check"} {
		r := h.call(command, "null")
		checkCommandAnswer(t, command, r, catalog.CodeJSONParse)
	}
}

// TestGatewayNonCanonicalPathIsAnEnvelope: every REST answer is HTTP 200 with an envelope; a
// path that is not /v4/<service>/<command> is 60009, also when it has // or dot segments.
func TestGatewayNonCanonicalPathIsAnEnvelope(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range []string{
		"/v4/room_engine_http_srv//get_room_info",
		"/v4/./room_engine_http_srv/get_room_info",
		"/v4/x/../room_engine_http_srv/get_room_info",
		"//v4/room_engine_http_srv/get_room_info",
	} {
		resp, err := noRedirect.Post(h.url+path+"?"+h.query(DefaultAdmin).Encode(), "application/json", strings.NewReader(`{"RoomId":"x"}`))
		if err != nil {
			t.Fatal(err)
		}
		raw := readAll(t, resp)
		checkEnvelope(t, parseReply(resp.StatusCode, resp.Header, raw), catalog.CodeBadResource)
	}
}

func readAll(t testing.TB, resp *http.Response) []byte {
	t.Helper()
	defer resp.Body.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	return b.Bytes()
}
