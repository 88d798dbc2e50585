package catalog

// Live callback configuration (issue 14, "Live callbacks"): the live_config service, its
// private code and the Live callback command words. Live webhooks are configured apart from
// the Conference ones (room_config) and may be signed with a token (callbacks.md B1, B2).

// ServiceLiveConfig is the Live webhook-configuration service (some rows of the pages misspell
// it livee_config; docs/errata-live.md L-41).
const ServiceLiveConfig = "live_config"

// CodeCallbackTokenMissing is get_callback_token's answer when no token is configured
// (https://trtc.io/document/69529).
const CodeCallbackTokenMissing = 100302

// LiveCallbackSignWindow is how old a signed delivery's RequestTime may be before a receiver
// rejects it: "more than 1 minute" (https://trtc.io/document/64412).
const LiveCallbackSignWindow = 60

// LiveCallbackTokenMaxLength is the token's longest length (English page: 128; Chinese page:
// 1 to 128; L-41).
const LiveCallbackTokenMaxLength = 128

// The Live callback command words (https://trtc.io/document/64413).
const (
	LiveEventCreateRoom         = "Live.CallbackAfterCreateRoom"
	LiveEventDestroyRoom        = "Live.CallbackAfterDestroyRoom"
	LiveEventUpdateRoomInfo     = "Live.CallbackAfterUpdateRoomInfo"
	LiveEventSetMetadata        = "Live.CallbackAfterSetMetadata"
	LiveEventDelMetadata        = "Live.CallbackAfterDelMetadata"
	LiveEventRoomQuotaThreshold = "Live.CallbackAfterCreateRoomReachingThreshold"
	LiveEventMemberStateChanged = "Live.CallbackAfterMemberStateChanged"
	LiveEventChangeOwner        = "Live.CallbackAfterChangeOwner"
	LiveEventModifyAdmin        = "Live.CallbackAfterModifyAdmin"
	LiveEventSeatInfoChanged    = EventAfterSeatInfoChanged // the Conference word, shared (L-44)
	LiveEventCreateBattle       = "Live.CallbackAfterCreateBattle"
	LiveEventStartBattle        = "Live.CallbackAfterStartBattle"
	LiveEventEndBattle          = "Live.CallbackAfterEndBattle"
	LiveEventBeforeSendGift     = "Live.CallbackBeforeSendGift"
	LiveCallbackNotBlock        = "Live.CallbackBeforeCallBackNotBlock" // a flag, not an event (C-22)
	LiveEventAfterSendMsg       = "Group.CallbackAfterSendMsg"
	LiveEventBeforeSendMsg      = "Group.CallbackBeforeSendMsg"
	LiveEventFollowAdd          = "Follow.CallbackAfterFollowAdd"
	LiveEventFollowDelete       = "Follow.CallbackAfterFollowDelete"
)

// LiveCallbackCommands are the 19 words set_callback accepts for Live, in the order of the
// command list; the NotBlock flag included (L-41).
var LiveCallbackCommands = []string{
	LiveEventCreateRoom, LiveEventDestroyRoom, LiveEventUpdateRoomInfo, LiveEventSetMetadata,
	LiveEventDelMetadata, LiveEventRoomQuotaThreshold, LiveEventMemberStateChanged, LiveEventChangeOwner,
	LiveEventModifyAdmin, LiveEventSeatInfoChanged, LiveEventCreateBattle, LiveEventStartBattle,
	LiveEventEndBattle, LiveEventBeforeSendGift, LiveCallbackNotBlock, LiveEventAfterSendMsg,
	LiveEventBeforeSendMsg, LiveEventFollowAdd, LiveEventFollowDelete,
}

// --- Live callbacks (issue 14): the live_config commands -------------------------------

// liveConfigCommands are the Live webhook configuration and token commands (callbacks.md B2).
// The four that take {} document 100002, which no JSON object can provoke (a body that is not
// one is the gateway's 60003): only fault injection produces it (L-52).
// Vendor pages: https://trtc.io/document/64418 (query), 64420 (create), 64419 (update),
// 64421 (delete), 69528 (set token), 69529 (query token), 69530 (delete token).
var liveConfigCommands = []Command{
	{Service: ServiceLiveConfig, Name: "get_callback", Open: []string{"L-41", "L-52"}, InjectOnly: []int{CodeInternal, CodeInvalidParameter}, Area: "callback", CodesComplete: true,
		Codes: []int{100001, 100002, 100301},
		Page:  "https://trtc.io/document/64418"},
	{Service: ServiceLiveConfig, Name: "set_callback", Open: []string{"L-41"}, InjectOnly: []int{CodeInternal}, Area: "callback", CodesComplete: true,
		Codes: []int{100001, 100002, 100300},
		Page:  "https://trtc.io/document/64420"},
	{Service: ServiceLiveConfig, Name: "update_callback", Open: []string{"L-41"}, InjectOnly: []int{CodeInternal}, Area: "callback", CodesComplete: true,
		Codes: []int{100001, 100002, 100301},
		Page:  "https://trtc.io/document/64419"},
	{Service: ServiceLiveConfig, Name: "delete_callback", Open: []string{"L-41", "L-52"}, InjectOnly: []int{CodeInternal, CodeInvalidParameter}, Area: "callback", CodesComplete: true,
		Codes: []int{100001, 100002},
		Page:  "https://trtc.io/document/64421"},
	// The set-token page's error table was read only in part (callbacks.md B2).
	{Service: ServiceLiveConfig, Name: "set_callback_token", Open: []string{"L-41"}, InjectOnly: []int{CodeInternal}, Area: "callback",
		Codes: []int{100001, 100002},
		Page:  "https://trtc.io/document/69528"},
	{Service: ServiceLiveConfig, Name: "get_callback_token", Open: []string{"L-41", "L-52"}, InjectOnly: []int{CodeInternal, CodeInvalidParameter}, Area: "callback", CodesComplete: true,
		Codes: []int{100001, 100002, 100302},
		Page:  "https://trtc.io/document/69529"},
	{Service: ServiceLiveConfig, Name: "delete_callback_token", Open: []string{"L-41", "L-52"}, InjectOnly: []int{CodeInternal, CodeInvalidParameter}, Area: "callback", CodesComplete: true,
		Codes: []int{100001, 100002},
		Page:  "https://trtc.io/document/69530"},
}
