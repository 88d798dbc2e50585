// Package catalog lists the documented commands of the TRTC Conference REST API with the
// private error codes each page documents, and the common codes every command can answer.
// It is the ground truth for coverage: the endpoint × error-code matrix and the per-command
// rate budget are computed from it, never from spec names.
//
// Vendor pages: https://trtc.io/document/60702 (RESTful API list) and each command's page.
package catalog

import (
	"fmt"
	"slices"
	"sort"
	"time"
)

// Service names as they appear in the URL path /v4/<service>/<command>.
const (
	ServiceRoom    = "room_engine_http_srv"
	ServiceSeat    = "room_engine_http_mic"
	ServiceAccount = "im_open_login_svc"
)

// Private error codes of the room engine (conference-api.md, table R1).
const (
	CodeOK               = 0
	CodeInternal         = 100001
	CodeInvalidParameter = 100002
	CodeRoomIDExists     = 100003
	CodeRoomNotFound     = 100004
	CodeNotMember        = 100005
	CodeNoPermission     = 100006
	CodeNoPackage        = 100007
	CodeRoomIDOwnedByYou = 100010
	CodeRoomIDUsedByChat = 100011
	CodeCreateTooOften   = 100012
)

// Common REST codes (RESTful API overview, https://trtc.io/document/60703) and the account/UserSig
// codes of the same gateway (60000–79999 are "common" on every Conference page).
const (
	CodeHTTPParse          = 60002
	CodeJSONParse          = 60003
	CodeBadSignature       = 60004
	CodeBadSignature2      = 60005
	CodeBadSDKAppID        = 60006
	CodeRESTRateLimited    = 60007
	CodeServiceTimeout     = 60008
	CodeBadResource        = 60009
	CodeAdminRequired      = 60010
	CodeAppRateLimited     = 60011
	CodeSDKAppIDMissing    = 60012
	CodeResponseJSON       = 60013
	CodeAccountSwitch      = 60014
	CodeAccountType        = 60015
	CodeSDKAppIDDisabled   = 60016
	CodeRequestDisabled    = 60017
	CodeTooManyRequests    = 60018
	CodeTooManyRequests2   = 60019
	CodePlanExpired        = 60020
	CodeSourceIPNotAllowed = 60021

	CodeUserSigExpired          = 70001
	CodeUserSigInvalid          = 70003
	CodeUserSigVerifyFailed     = 70009
	CodeUserSigIdentifierDiffer = 70013
	CodeUserSigSDKAppIDDiffer   = 70014
	CodeAccountNotImported      = 70107
)

// CommonCodes are the documented common codes 60002–60021 (RESTful API overview).
var CommonCodes = []int{
	60002, 60003, 60004, 60005, 60006, 60007, 60008, 60009, 60010, 60011,
	60012, 60013, 60014, 60015, 60016, 60017, 60018, 60019, 60020, 60021,
}

// RateLimitCodes are the common codes a service answers when a caller exceeds a frequency limit.
var RateLimitCodes = []int{CodeRESTRateLimited, CodeAppRateLimited, CodeTooManyRequests, CodeTooManyRequests2}

// DefaultMaxQPS is the frequency limit every Conference command page documents.
const DefaultMaxQPS = 200

// Family is the API a command belongs to. Conference and Live are two values of one family of
// room services; the callback configuration and the Chat account commands are the plumbing
// around them.
type Family string

// The families.
const (
	FamilyConference Family = "conference"
	FamilyLive       Family = "live"
	FamilyConfig     Family = "config"
	FamilyAccount    Family = "account"
)

// Command is one documented REST command: everything the emulator's routes and limits, the
// labels, the matrix and the injected-code specs derive from.
type Command struct {
	Service string
	Name    string
	Family  Family
	Area    string // room, member, seat, account, callback, live
	// Codes are the private error codes the command's page documents.
	Codes []int
	// CodesComplete is false where the vendor's error table could not be read to its end.
	CodesComplete bool
	// InjectOnly are the documented codes whose cause an administrator's request cannot
	// produce, or whose cause the page leaves open (an internal error, a permission an
	// administrator always has, a missing package): only fault injection provokes them
	// (docs/errata.md E-11, docs/errata-live.md L-15).
	InjectOnly []int
	// MaxQPS is the documented frequency limit in calls per second per application; it may be
	// below one (the gift catalogue's 1 call/s, copy_default_gift_config's 1 call per 10 s is
	// 0.1). Interval turns it into the spacing of calls.
	MaxQPS float64
	Page   string
	// Open names the errata entries that record what the command's page leaves open or
	// contradicts; the suite accepts every reading they list.
	Open []string
	// Aliases are other names the same command answers under (no page documents them; a
	// vendor's own client calls them): the emulator serves each alias with the command's
	// handler, schemas and budget, and the matrix row stays the documented Name.
	Aliases []string
}

// Interval is the time between two calls at the documented limit: 1/MaxQPS seconds (5 ms at
// 200/s, 1 s at 1/s, 10 s at 0.1/s).
func (c Command) Interval() time.Duration { return IntervalAt(c.MaxQPS) }

// IntervalAt is the time between two calls at rate calls per second; zero for a rate that is
// not positive (no limit).
func IntervalAt(rate float64) time.Duration {
	if rate <= 0 {
		return 0
	}
	return time.Duration(float64(time.Second) / rate)
}

// FrequencyCodes are the codes a service answers when the command is called beyond its limit:
// the common RateLimitCodes and, for the Live commands limited to one call a second or less
// (the gift catalogue, copy_default_gift_config), 100012 "called too often", which those pages
// document (docs/errata-live.md L-38).
func (c Command) FrequencyCodes() []int {
	if c.Service == ServiceLive && c.MaxQPS <= 1 {
		return append([]int{CodeCreateTooOften}, RateLimitCodes...)
	}
	return slices.Clone(RateLimitCodes)
}

// Path is the URL path of the command: /v4/<service>/<command>.
func (c Command) Path() string { return "/v4/" + c.Service + "/" + c.Name }

// Key is "<service>/<command>", the form schemas and labels use.
func (c Command) Key() string { return c.Service + "/" + c.Name }

// Documents reports whether code is documented for the command (0 always is).
func (c Command) Documents(code int) bool {
	return code == CodeOK || slices.Contains(c.Codes, code)
}

// conferenceCommands are the Conference room, member and seat commands; the other families keep
// their lists beside them (accountCommands) or in files of their own (callback.go, live.go).
var conferenceCommands = []Command{
	{Service: ServiceRoom, Name: "create_room", Open: []string{"E-03", "E-04", "E-05", "E-06", "E-07", "E-12", "E-13", "E-14"}, InjectOnly: []int{CodeInternal, CodeNoPackage}, Area: "room", CodesComplete: true,
		Codes: []int{100001, 100002, 100003, 100007, 100010, 100011, 100012},
		Page:  "https://trtc.io/document/60707"},
	{Service: ServiceRoom, Name: "destroy_room", Open: []string{"E-10", "E-39"}, InjectOnly: []int{CodeInternal, CodeNoPermission}, Area: "room", CodesComplete: true,
		Codes: []int{100001, 100002, 100004, 100006},
		Page:  "https://trtc.io/document/60706"},
	{Service: ServiceRoom, Name: "update_room_info", Open: []string{"E-08", "E-13"}, InjectOnly: []int{CodeInternal, CodeNotMember, CodeNoPermission}, Area: "room", CodesComplete: true,
		Codes: []int{100001, 100002, 100004, 100005, 100006},
		Page:  "https://trtc.io/document/60705"},
	{Service: ServiceRoom, Name: "get_room_info", Open: []string{"E-09", "E-10"}, InjectOnly: []int{CodeInternal, CodeNotMember, CodeNoPermission}, Area: "room", CodesComplete: true,
		Codes: []int{100001, 100002, 100004, 100005, 100006},
		Page:  "https://trtc.io/document/60704"},

	{Service: ServiceRoom, Name: "get_room_member_list", Open: []string{"E-16", "E-20"}, InjectOnly: []int{CodeInternal}, Area: "member", Codes: []int{100001},
		Page: "https://trtc.io/document/60715"},
	{Service: ServiceRoom, Name: "update_room_member_info", Open: []string{"E-22", "E-36"}, Area: "member",
		Page: "https://trtc.io/document/60714"},
	{Service: ServiceRoom, Name: "change_room_owner", Open: []string{"E-19"}, InjectOnly: []int{CodeInternal}, Area: "member", CodesComplete: true,
		Codes: []int{100001, 100002, 100004, 100005},
		Page:  "https://trtc.io/document/60713"},
	{Service: ServiceRoom, Name: "mark_room_member", Open: []string{"E-21", "E-37"}, InjectOnly: []int{CodeInternal}, Area: "member",
		Codes: []int{100001, 100002, 100004, 100005},
		Page:  "https://trtc.io/document/60712"},
	{Service: ServiceRoom, Name: "ban_room_member", Open: []string{"E-17", "E-18", "E-21", "E-38"}, InjectOnly: []int{CodeInternal, CodeNoPermission}, Area: "member", CodesComplete: true,
		Codes: []int{100001, 100002, 100004, 100005, 100006},
		Page:  "https://trtc.io/document/60711"},
	{Service: ServiceRoom, Name: "unban_room_member", InjectOnly: []int{CodeInternal, CodeNotMember, CodeNoPermission}, Area: "member", CodesComplete: true,
		Codes: []int{100001, 100002, 100004, 100005, 100006},
		Page:  "https://tencentcloud.com/document/product/647/60710"},
	{Service: ServiceRoom, Name: "get_banned_member_list", Open: []string{"E-16", "E-20", "E-38"}, InjectOnly: []int{CodeInternal}, Area: "member", Codes: []int{100001},
		Page: "https://trtc.io/document/60709"},
	{Service: ServiceRoom, Name: "kick_user_out", Open: []string{"E-18", "E-21"}, InjectOnly: []int{CodeInternal, CodeNoPermission}, Area: "member", CodesComplete: true,
		Codes: []int{100001, 100002, 100004, 100005, 100006},
		Page:  "https://trtc.io/document/60708"},

	{Service: ServiceSeat, Name: "get_seat_list", Open: []string{"E-23", "E-28"}, InjectOnly: []int{CodeInternal}, Area: "seat", CodesComplete: true,
		Codes: []int{100001, 100002, 100004},
		Page:  "https://trtc.io/document/60719"},
	{Service: ServiceSeat, Name: "pick_user_on_seat", Open: []string{"E-23", "E-24", "E-25", "E-30", "E-40"}, InjectOnly: []int{CodeInternal}, Area: "seat", CodesComplete: true,
		Codes: []int{100001, 100002, 100004, 100005, 100200, 100202, 100203, 100205, 100210, 100211},
		Page:  "https://trtc.io/zh/document/60718"},
	{Service: ServiceSeat, Name: "kick_user_off_seat", Open: []string{"E-29"}, InjectOnly: []int{CodeInternal}, Area: "seat", CodesComplete: true,
		Codes: []int{100001, 100002, 100004},
		Page:  "https://trtc.io/document/60717"},
	{Service: ServiceSeat, Name: "lock_seat", Open: []string{"E-23", "E-27", "E-40"}, InjectOnly: []int{CodeInternal}, Area: "seat", CodesComplete: true,
		Codes: []int{100001, 100002, 100004, 100211},
		Page:  "https://trtc.io/document/60716"},
	{Service: ServiceSeat, Name: "switch_seat", Open: []string{"E-26"}, InjectOnly: []int{CodeInternal}, Area: "seat", CodesComplete: true,
		Codes: []int{100001, 100002, 100004},
		Page:  "https://trtc.io/document/72552"},
	{Service: ServiceSeat, Name: "move_user_to_seat", Open: []string{"E-26"}, InjectOnly: []int{CodeInternal}, Area: "seat",
		Codes: []int{100001, 100002, 100004, 100005},
		Page:  "https://trtc.io/document/72685"},
}

// accountCommands are Chat account management: the suite imports the accounts that own rooms
// through these. Their error tables could be read only in part
// (schemas/im_open_login_svc/README.md).
var accountCommands = []Command{
	{Service: ServiceAccount, Name: "account_import", Open: []string{"E-15"}, Area: "account",
		Codes: []int{40006, 40601, 70169, 70398, 70402, 70403},
		Page:  "https://trtc.io/document/34953"},
	{Service: ServiceAccount, Name: "multiaccount_import", Open: []string{"E-15"}, Area: "account", MaxQPS: 100,
		Codes: []int{70169, 70202, 70398, 70402, 70403, 70500},
		Page:  "https://trtc.io/document/34954"},
	{Service: ServiceAccount, Name: "account_delete", Open: []string{"E-15"}, Area: "account", MaxQPS: 100,
		Codes: []int{30006, 30007, 30008, 40006, 70107, 70169, 70202, 70402, 70403, 70500, 71000},
		Page:  "https://trtc.io/document/34955"},
	{Service: ServiceAccount, Name: "account_check", Open: []string{"E-15"}, Area: "account", MaxQPS: 100,
		Codes: []int{70169, 70202, 70402},
		Page:  "https://trtc.io/document/34956"},
}

var byKey = func() map[string]Command {
	index := map[string]Command{}
	add := func(family Family, commands []Command) {
		for _, c := range commands {
			c.Family = family
			if c.MaxQPS == 0 {
				c.MaxQPS = DefaultMaxQPS
			}
			index[c.Key()] = c
		}
	}
	add(FamilyConference, conferenceCommands)
	add(FamilyAccount, accountCommands)
	add(FamilyConfig, callbackCommands)
	add(FamilyConfig, liveConfigCommands) // Live callbacks (issue 14)
	add(FamilyLive, liveCommands)
	return index
}()

// Family returns the documented commands of one family, sorted.
func FamilyCommands(f Family) []Command {
	var out []Command
	for _, c := range Commands() {
		if c.Family == f {
			out = append(out, c)
		}
	}
	return out
}

// InjectOnlyCode reports whether code is one of the command's documented codes that only fault
// injection provokes.
func (c Command) InjectOnlyCode(code int) bool { return slices.Contains(c.InjectOnly, code) }

// Lookup returns the command documented at <service>/<name>.
func Lookup(service, name string) (Command, bool) {
	c, ok := byKey[service+"/"+name]
	return c, ok
}

// Resolve returns the command documented at <service>/<name>, or the one that name is an
// alias of (Command.Aliases).
func Resolve(service, name string) (Command, bool) {
	if c, ok := Lookup(service, name); ok {
		return c, true
	}
	for _, c := range byKey {
		if c.Service == service && slices.Contains(c.Aliases, name) {
			return c, true
		}
	}
	return Command{}, false
}

// MustLookup is Lookup for names written in the project's own code; an unknown name is a
// programming error reported with the name that was asked for.
func MustLookup(service, name string) Command {
	c, ok := Lookup(service, name)
	if !ok {
		panic(fmt.Sprintf("catalog: %s/%s is not a documented command", service, name))
	}
	return c
}

// Commands returns every documented command, sorted by service then name.
func Commands() []Command {
	out := make([]Command, 0, len(byKey))
	for _, c := range byKey {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key() < out[j].Key() })
	return out
}

// Area returns the documented commands of one area (room, member, seat, account), sorted.
func Area(area string) []Command {
	var out []Command
	for _, c := range Commands() {
		if c.Area == area {
			out = append(out, c)
		}
	}
	return out
}
