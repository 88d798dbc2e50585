package catalog

// ServiceLive is the TRTC Live API's service (TUILiveKit), a sibling of the Conference one.
// Vendor page: https://trtc.io/document/63399 (RESTful API List).
const ServiceLive = "live_engine_http_srv"

// Private codes the Live pages add to the room engine's (live-api.md, "Common conventions").
// Vendor pages: https://cloud.tencent.com/document/product/647/110060 (100016),
// https://www.tencentcloud.com/document/product/1071/76881 (100020), https://trtc.io/document/63401
// (100026), https://www.tencentcloud.com/document/product/647/64376 (100500-100502).
const (
	CodeNewOwnerBanned      = 100016
	CodeTooManyAdmins       = 100020
	CodeSensitiveContent    = 100026
	CodeTooManyMetadataKeys = 100500
	CodeMetadataValueTooBig = 100501
	CodeMetadataTooBig      = 100502
)

// LiveMaxQPSRoomList is get_room_list's documented frequency limit, below the default 200
// calls/s (the gift catalogue's limits are in live_gift.go).
// Vendor page: https://trtc.io/document/63405 (Get the Room List).
const LiveMaxQPSRoomList = 10

// liveCommands are the documented Live commands of the room lifecycle, members, administrators
// and metadata (live-api.md). Their seat commands are the shared room_engine_http_mic ones.
// Robots, statistics, messages and mixing, and the gifts, are in blocks of their own at the end.
//
// Codes are each page's private error table as far as it could be read; CodesComplete is true
// only where the reference marks the table "documented" without a cut. One deliberate
// addition: change_room_owner's table could not be read, and the codes 100006 (no permission
// to transfer) and 100016 (new owner banned) that the Chinese ban_member page prints with
// owner-transfer wording are listed here, where they belong (docs/errata-live.md L-09).
var liveCommands = []Command{
	{Service: ServiceLive, Name: "create_room", Open: []string{"L-01", "L-19", "L-22"}, InjectOnly: []int{CodeInternal, CodeNoPackage, CodeSensitiveContent}, Area: "live", MaxQPS: 200,
		Codes: []int{100001, 100002, 100003, 100007, 100010, 100011, 100012, 100026},
		Page:  "https://trtc.io/document/63401"},
	{Service: ServiceLive, Name: "destroy_room", Open: []string{"L-05", "L-20", "E-39"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 200,
		Codes: []int{100001, 100002, 100004},
		Page:  "https://trtc.io/document/63406"},
	{Service: ServiceLive, Name: "update_room_info", Open: []string{"L-06", "L-16"}, Area: "live", MaxQPS: 200,
		Page: "https://trtc.io/document/63419"},
	{Service: ServiceLive, Name: "get_room_info", Open: []string{"L-02", "L-03", "L-04", "L-18", "L-23"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 200, CodesComplete: true,
		Codes: []int{100001, 100002, 100004},
		Page:  "https://trtc.io/document/63404"},
	{Service: ServiceLive, Name: "get_room_list", Open: []string{"L-07", "L-16", "L-17"}, Area: "live", MaxQPS: LiveMaxQPSRoomList,
		Page: "https://trtc.io/document/63405"},
	{Service: ServiceLive, Name: "get_room_metadata", Open: []string{"L-16"}, Area: "live", MaxQPS: 200,
		Page: "https://trtc.io/document/64374"},
	{Service: ServiceLive, Name: "set_room_metadata", Open: []string{"L-08", "L-16"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 200,
		Codes: []int{100001, 100002},
		Page:  "https://trtc.io/document/64375"},
	{Service: ServiceLive, Name: "del_room_metadata", Open: []string{"L-08", "L-14"}, InjectOnly: []int{CodeInternal, CodeRoomIDExists, CodeNoPermission, CodeNoPackage, CodeTooManyMetadataKeys, CodeMetadataValueTooBig, CodeMetadataTooBig}, Area: "live", MaxQPS: 200, CodesComplete: true,
		Codes: []int{100001, 100002, 100003, 100006, 100007, 100500, 100501, 100502},
		Page:  "https://www.tencentcloud.com/document/product/647/64376"},
	{Service: ServiceLive, Name: "change_room_owner", Open: []string{"L-09", "L-16"}, InjectOnly: []int{CodeNoPermission}, Area: "live", MaxQPS: 200,
		Codes: []int{100006, 100016},
		Page:  "https://trtc.io/document/72534"},
	{Service: ServiceLive, Name: "get_member_list", Open: []string{"L-10", "L-11"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 200, CodesComplete: true,
		Codes: []int{100001, 100004, 100006},
		Page:  "https://trtc.io/document/66908"},
	{Service: ServiceLive, Name: "mute_member", Open: []string{"L-21"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 200, CodesComplete: true,
		Codes: []int{100001, 100002, 100004},
		Page:  "https://trtc.io/document/66969"},
	{Service: ServiceLive, Name: "get_muted_member_list", Open: []string{"E-38"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 200, CodesComplete: true,
		Codes: []int{100001, 100002, 100004},
		Page:  "https://trtc.io/document/69894"},
	{Service: ServiceLive, Name: "ban_member", Open: []string{"L-12", "L-21"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 200, CodesComplete: true,
		Codes: []int{100001, 100002, 100004},
		Page:  "https://trtc.io/document/63423"},
	{Service: ServiceLive, Name: "unban_member", Open: []string{"L-21"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 200, CodesComplete: true,
		Codes: []int{100001, 100002, 100004},
		Page:  "https://www.tencentcloud.com/document/product/647/63426"},
	{Service: ServiceLive, Name: "get_banned_member_list", Open: []string{"L-13", "E-38"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 200,
		Codes: []int{100001, 100002},
		Page:  "https://trtc.io/document/63424"},
	{Service: ServiceLive, Name: "get_admin_list", Open: []string{"L-45"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 200, CodesComplete: true,
		Codes: []int{100001, 100002, 100004},
		Page:  "https://www.tencentcloud.com/document/product/647/63425"},
	{Service: ServiceLive, Name: "modify_admin", Open: []string{"L-21", "L-24"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 200, CodesComplete: true,
		Codes: []int{100001, 100002, 100004, 100020},
		Page:  "https://www.tencentcloud.com/document/product/1071/76881"},

	// --- Robots, statistics, messages and mixing (group live13a) ---
	// Robots: RoomId of a Conference room is 100006 ("the room must be a Live room"); an
	// unimported account or a fourth robot is 100002 (L-28). 100001 only through injection.
	{Service: ServiceLive, Name: "add_robot", Open: []string{"L-27", "L-28", "L-46"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 100, CodesComplete: true,
		Codes: []int{100001, 100002, 100006, 100004},
		Page:  "https://trtc.io/document/69079"},
	{Service: ServiceLive, Name: "del_robot", Open: []string{"L-27", "L-28", "L-46"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 100, CodesComplete: true,
		Codes: []int{100001, 100002, 100006, 100004},
		Page:  "https://trtc.io/document/69080"},
	{Service: ServiceLive, Name: "get_robot", Open: []string{"L-27", "L-28"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 100, CodesComplete: true,
		Codes: []int{100001, 100002, 100006, 100004},
		Page:  "https://trtc.io/document/69081"},
	// Statistics: get_room_statistic is the older name Tencent's console calls (L-26).
	{Service: ServiceLive, Name: "get_room_stats", Aliases: []string{"get_room_statistic"}, Open: []string{"L-26", "L-27", "L-47"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 100, CodesComplete: true,
		Codes: []int{100001, 100002, 100004},
		Page:  "https://trtc.io/document/80421"},
	// Messages and mixing: no error table could be read (L-29, L-30).
	{Service: ServiceLive, Name: "send_text_msg", Open: []string{"L-29", "L-48", "L-58", "L-59"}, Area: "live", MaxQPS: 200,
		Page: "https://trtc.io/document/74353"},
	{Service: ServiceLive, Name: "send_custom_msg", Open: []string{"L-29", "L-48", "L-58", "L-59"}, Area: "live", MaxQPS: 200,
		Page: "https://trtc.io/document/74354"},
	{Service: ServiceLive, Name: "set_mix_stream", Open: []string{"L-30", "L-49"}, Area: "live", MaxQPS: 20,
		Page: "https://trtc.io/document/69077"},
	{Service: ServiceLive, Name: "resume_mcu_task", Open: []string{"L-27", "L-30", "L-49"}, Area: "live", MaxQPS: 20,
		Page: "https://www.tencentcloud.com/document/product/647/72333"},
	// --- end of group live13a ---

	// Gifts: sending and counting (200 calls/s), the gift catalogue of the application (1 call/s,
	// copy_default_gift_config 1 call per 10 s). Vendor pages: https://trtc.io/document/72844
	// (Gift System Configuration Guide) and one page per command. The catalogue pages document
	// 100006 "an admin account is required" (the suite always calls as one) and 102001 "no paid
	// package": inject-only; 100012 "called more than once per second" is provoked by two calls
	// in a row (docs/errata-live.md L-38). del_gift_category's codes come from another copy of
	// its page (L-37).
	{Service: ServiceLive, Name: "send_gift", Open: []string{"L-31", "L-54", "L-56"}, InjectOnly: []int{CodeInternal, CodeRoomIDExists, CodeNoGiftPackage, CodeGiftsSwitchedOff}, Area: "live", MaxQPS: 200, CodesComplete: true,
		Codes: []int{100001, 100002, 100003, 102001, 102002, 102004, 102008},
		Page:  "https://trtc.io/document/72556"},
	{Service: ServiceLive, Name: "get_gift_count", Open: []string{"L-32", "L-54", "L-56"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: 200,
		Codes: []int{100001, 100002},
		Page:  "https://trtc.io/document/72557"},
	{Service: ServiceLive, Name: "copy_default_gift_config", Open: []string{"L-38", "L-39", "L-57"}, Area: "live", MaxQPS: LiveMaxQPSDefaultGiftConfig,
		Page: "https://trtc.io/document/74360"},
	{Service: ServiceLive, Name: "add_gift", Open: []string{"L-33", "L-35", "L-38"}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue,
		Page: "https://trtc.io/document/72845"},
	{Service: ServiceLive, Name: "get_gift", Open: []string{"L-34", "L-38", "L-55"}, InjectOnly: []int{CodeInternal}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue,
		Codes: []int{100001, 100002},
		Page:  "https://trtc.io/document/72846"},
	{Service: ServiceLive, Name: "del_gift", Open: []string{"L-38", "L-55"}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue,
		Page: "https://trtc.io/document/72847"},
	{Service: ServiceLive, Name: "add_gift_category", Open: []string{"L-35", "L-38"}, InjectOnly: []int{CodeInternal, CodeNoPermission}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue,
		Codes: []int{100001, 100002, 100006},
		Page:  "https://trtc.io/document/72848"},
	{Service: ServiceLive, Name: "get_gift_category", Open: []string{"L-34", "L-38", "L-55"}, InjectOnly: []int{CodeInternal, CodeNoPermission}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue,
		Codes: []int{100001, 100002, 100006, 100012},
		Page:  "https://trtc.io/document/72849"},
	{Service: ServiceLive, Name: "del_gift_category", Open: []string{"L-37", "L-38"}, InjectOnly: []int{CodeInternal, CodeNoPermission, CodeNoGiftPackage}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue,
		Codes: []int{100001, 100002, 100006, 100012, 102001},
		Page:  "https://trtc.io/document/72850"},
	{Service: ServiceLive, Name: "add_gift_category_relations", Open: []string{"L-34", "L-38", "L-40"}, InjectOnly: []int{CodeInternal, CodeNoPermission, CodeNoGiftPackage}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue, CodesComplete: true,
		Codes: []int{100001, 100002, 100006, 100012, 102001},
		Page:  "https://trtc.io/document/72851"},
	{Service: ServiceLive, Name: "del_gift_category_relations", Open: []string{"L-38", "L-40"}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue,
		Page: "https://trtc.io/document/72852"},
	{Service: ServiceLive, Name: "get_gift_category_relations", Open: []string{"L-34", "L-38", "L-55"}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue,
		Page: "https://trtc.io/document/72853"},
	{Service: ServiceLive, Name: "set_gift_language", Open: []string{"L-33", "L-36", "L-38"}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue,
		Page: "https://trtc.io/document/72854"},
	{Service: ServiceLive, Name: "get_gift_language", Open: []string{"L-34", "L-36", "L-38", "L-55"}, InjectOnly: []int{CodeInternal, CodeNoPermission, CodeNoGiftPackage}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue,
		Codes: []int{100001, 100002, 100006, 100012, 102001},
		Page:  "https://trtc.io/document/72855"},
	{Service: ServiceLive, Name: "del_gift_language", Open: []string{"L-36", "L-38", "L-55"}, InjectOnly: []int{CodeInternal, CodeNoPermission, CodeNoGiftPackage}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue, CodesComplete: true,
		Codes: []int{100001, 100002, 100006, 100012, 102001},
		Page:  "https://trtc.io/document/72856"},
	{Service: ServiceLive, Name: "set_gift_category_language", Open: []string{"L-36", "L-38"}, InjectOnly: []int{CodeInternal, CodeNoPermission}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue,
		Codes: []int{100001, 100002, 100006},
		Page:  "https://trtc.io/document/72857"},
	{Service: ServiceLive, Name: "get_gift_category_language", Open: []string{"L-34", "L-36", "L-38", "L-55"}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue,
		Page: "https://trtc.io/document/72858"},
	{Service: ServiceLive, Name: "del_gift_category_language", Open: []string{"L-36", "L-38", "L-55"}, InjectOnly: []int{CodeInternal, CodeNoPermission, CodeNoGiftPackage}, Area: "live", MaxQPS: LiveMaxQPSGiftCatalogue, CodesComplete: true,
		Codes: []int{100001, 100002, 100006, 100012, 102001},
		Page:  "https://trtc.io/document/72859"},
	// End of gifts.
}
