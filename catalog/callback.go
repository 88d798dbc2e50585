package catalog

// ServiceConfig is the Conference callback-configuration service: a service of its own, not
// room_engine_http_srv (callbacks.md A3).
const ServiceConfig = "room_config"

// Private codes of the callback configuration commands.
const (
	CodeCallbackExists  = 100300
	CodeCallbackMissing = 100301
)

// The six Conference callback command words (https://trtc.io/zh/document/60720).
const (
	EventAfterCreateRoom      = "Room.CallbackAfterCreateRoom"
	EventAfterDestroyRoom     = "Room.CallbackAfterDestroyRoom"
	EventAfterUpdateRoomInfo  = "Room.CallbackAfterUpdateRoomInfo"
	EventAfterMemberEnter     = "Room.CallbackAfterMemberEnter"
	EventAfterMemberLeave     = "Room.CallbackAfterMemberLeave"
	EventAfterSeatInfoChanged = "Mic.CallbackAfterSeatInfoChanged"
	// EventUpdateRoomInfoOld is the older spelling of the update event in the query sample and
	// older command lists (callbacks.md C-1).
	EventUpdateRoomInfoOld = "Room.CallbackUpdateRoomInfo"
)

// Events lists the six Conference callback command words.
var Events = []string{
	EventAfterCreateRoom, EventAfterDestroyRoom, EventAfterUpdateRoomInfo,
	EventAfterMemberEnter, EventAfterMemberLeave, EventAfterSeatInfoChanged,
}

var callbackCommands = []Command{
	{Service: ServiceConfig, Name: "get_callback", Open: []string{"E-44"}, InjectOnly: []int{CodeInternal, CodeInvalidParameter}, Area: "callback", Codes: []int{100001, 100002},
		Page: "https://trtc.io/document/60730"},
	{Service: ServiceConfig, Name: "set_callback", Open: []string{"E-33"}, InjectOnly: []int{CodeInternal}, Area: "callback", CodesComplete: true, Codes: []int{100001, 100002, 100300},
		Page: "https://trtc.io/document/60729"},
	{Service: ServiceConfig, Name: "update_callback", Open: []string{"E-33"}, InjectOnly: []int{CodeInternal}, Area: "callback", CodesComplete: true, Codes: []int{100001, 100002, 100301},
		Page: "https://trtc.io/document/60728"},
	{Service: ServiceConfig, Name: "delete_callback", Open: []string{"E-34", "E-44"}, InjectOnly: []int{CodeInternal, CodeInvalidParameter}, Area: "callback", CodesComplete: true, Codes: []int{100001, 100002},
		Page: "https://trtc.io/document/60727"},
}
