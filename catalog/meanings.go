package catalog

import "strconv"

// meanings paraphrases the documented meaning of each code, for failure messages and reports.
var meanings = map[int]string{
	0:      "success",
	100001: "internal server error",
	100002: "invalid parameter",
	100003: "room ID already exists",
	100004: "room does not exist or was destroyed",
	100005: "not a room member",
	100006: "insufficient permission",
	100007: "no package purchased or account in arrears",
	100010: "room ID in use and the operator owns it",
	100011: "room ID used by a Chat group",
	100012: "room ID created more than once per second, or a gift catalogue command called too often",
	// Only the Live pages document these; 100006 keeps its room-engine meaning though the Live
	// pages overload it (docs/errata-live.md L-10).
	100016: "new owner is banned from the room",
	100020: "more than 5 room administrators",
	100026: "room name or information contains sensitive content",
	100500: "more than 10 room metadata keys",
	100501: "a room metadata value is over 2 KB",
	100502: "room metadata values are over 16 KB in total",
	100200: "seat locked",
	100202: "user already queued for a seat",
	100203: "user already on a seat",
	100205: "all seats taken",
	100210: "seat occupied by another user",
	100211: "room does not support seats",
	// Gifts (live-api.md, "Gifts").
	102001: "gift capability not enabled (no paid package)",
	102002: "gift ID does not exist",
	102004: "before-send-gift callback failed",
	102008: "gifts switched off in this room",
	100300: "callback configuration already exists",
	100301: "callback configuration does not exist",
	100302: "callback token configuration does not exist",
	60002:  "HTTP request could not be parsed",
	60003:  "request JSON could not be parsed",
	60004:  "account or signature invalid",
	60005:  "account or signature invalid",
	60006:  "SDKAppID invalid",
	60007:  "REST call frequency over limit",
	60008:  "service timeout or malformed HTTP request",
	60009:  "requested resource wrong",
	60010:  "App administrator required",
	60011:  "SDKAppID frequency over limit",
	60012:  "SDKAppID missing",
	60013:  "response JSON could not be parsed",
	60014:  "account switching timed out",
	60015:  "account field is not a string",
	60016:  "SDKAppID disabled",
	60017:  "request disabled",
	60018:  "too many requests",
	60019:  "too many requests",
	60020:  "Pro plan expired",
	60021:  "source IP not allowed",
	70001:  "UserSig expired",
	70003:  "UserSig invalid",
	70009:  "UserSig verification failed",
	70013:  "identifier differs from the UserSig's",
	70014:  "SDKAppID differs from the UserSig's",
	70107:  "account not imported",
}

// Meaning returns the documented meaning of a code, or "undocumented code".
func Meaning(code int) string {
	if m, ok := meanings[code]; ok {
		return m
	}
	return "undocumented code"
}

// Describe renders a code with its meaning: "100004 (room does not exist or was destroyed)".
func Describe(code int) string { return strconv.Itoa(code) + " (" + Meaning(code) + ")" }
