package catalog

// Trigger says what provokes a documented callback event on a target.
type Trigger string

// The triggers.
const (
	// TriggerREST: a REST command of this catalog (Event.By names it, "<service>/<command>").
	TriggerREST Trigger = "rest"
	// TriggerControl: a client action the emulator's control plane stands in for
	// (docs/control-plane.md; Event.By names the control-plane path).
	TriggerControl Trigger = "control-plane"
	// TriggerNone: nothing a target exposes to the suite provokes it (Event.NotProvokable says
	// why).
	TriggerNone Trigger = "none"
)

// Control-plane actions that provoke events (docs/control-plane.md).
const (
	ControlEnter     = "/_emulator/rooms/members/enter"
	ControlLeave     = "/_emulator/rooms/members/leave"
	ControlHeartbeat = "/_emulator/rooms/members/heartbeat"
	ControlTakeSeat  = "/_emulator/rooms/seats/take"
	ControlClock     = "/_emulator/clock" // a moved clock auto-dismisses an idle Live room
)

// Event is one documented callback event: its command word, the family whose configuration
// enables it, and what provokes it.
type Event struct {
	Word   string
	Family Family // FamilyConference (room_config) or FamilyLive (live_config)
	Page   string
	// Trigger and By: what provokes it; By lists command keys or control-plane paths.
	Trigger Trigger
	By      []string
	// NotProvokable is why the suite cannot provoke it on any target (TriggerNone).
	NotProvokable string
}

// Key is "<family>/<word>": the seat event's word is the same in both families.
func (e Event) Key() string { return string(e.Family) + "/" + e.Word }

// Provokable reports whether some target action provokes the event.
func (e Event) Provokable() bool { return e.Trigger != TriggerNone }

func rest(service string, names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = service + "/" + n
	}
	return out
}

// CallbackEvents are the documented events of both families, in the order of their command
// lists (https://trtc.io/zh/document/60720, https://trtc.io/document/64413). The NotBlock
// flag of the Live list is no event and is not listed.
func CallbackEvents() []Event {
	seatCommands := rest(ServiceSeat, "pick_user_on_seat", "kick_user_off_seat", "lock_seat", "switch_seat", "move_user_to_seat")
	return []Event{
		{Word: EventAfterCreateRoom, Family: FamilyConference, Page: "https://trtc.io/document/60733", Trigger: TriggerREST, By: rest(ServiceRoom, "create_room")},
		{Word: EventAfterDestroyRoom, Family: FamilyConference, Page: "https://trtc.io/document/60732", Trigger: TriggerREST, By: rest(ServiceRoom, "destroy_room")},
		{Word: EventAfterUpdateRoomInfo, Family: FamilyConference, Page: "https://trtc.io/document/60731", Trigger: TriggerREST, By: rest(ServiceRoom, "update_room_info")},
		{Word: EventAfterMemberEnter, Family: FamilyConference, Page: "https://trtc.io/document/60735", Trigger: TriggerControl, By: []string{ControlEnter}},
		{Word: EventAfterMemberLeave, Family: FamilyConference, Page: "https://trtc.io/document/60734", Trigger: TriggerControl,
			By: append([]string{ControlLeave}, rest(ServiceRoom, "kick_user_out", "ban_room_member")...)},
		{Word: EventAfterSeatInfoChanged, Family: FamilyConference, Page: "https://trtc.io/document/60736", Trigger: TriggerREST, By: append(seatCommands, ControlTakeSeat)},

		// --- Live callbacks (issue 14) ---
		{Word: LiveEventCreateRoom, Family: FamilyLive, Page: "https://trtc.io/document/64422", Trigger: TriggerREST, By: rest(ServiceLive, "create_room")},
		{Word: LiveEventDestroyRoom, Family: FamilyLive, Page: "https://trtc.io/document/64423", Trigger: TriggerREST, By: append(rest(ServiceLive, "destroy_room"), ControlClock)},
		{Word: LiveEventUpdateRoomInfo, Family: FamilyLive, Page: "https://trtc.io/document/67938", Trigger: TriggerREST, By: rest(ServiceLive, "update_room_info")},
		{Word: LiveEventSetMetadata, Family: FamilyLive, Page: "https://trtc.io/document/68222", Trigger: TriggerREST, By: rest(ServiceLive, "set_room_metadata")},
		{Word: LiveEventDelMetadata, Family: FamilyLive, Page: "https://trtc.io/document/68223", Trigger: TriggerREST, By: rest(ServiceLive, "del_room_metadata")},
		{Word: LiveEventRoomQuotaThreshold, Family: FamilyLive, Page: "https://trtc.io/document/70485", Trigger: TriggerNone,
			NotProvokable: "fires when a create brings the application to 70% of its room quota: the quota is the package's, not a setting a target exposes, and reaching it on the live service would need thousands of rooms"},
		{Word: LiveEventMemberStateChanged, Family: FamilyLive, Page: "https://trtc.io/document/64424", Trigger: TriggerControl,
			By: []string{ControlEnter, ControlLeave, ControlHeartbeat}},
		{Word: LiveEventChangeOwner, Family: FamilyLive, Page: "https://trtc.io/document/72553", Trigger: TriggerREST, By: rest(ServiceLive, "change_room_owner")},
		{Word: LiveEventModifyAdmin, Family: FamilyLive, Page: "https://trtc.io/document/72554", Trigger: TriggerREST, By: rest(ServiceLive, "modify_admin")},
		{Word: LiveEventSeatInfoChanged, Family: FamilyLive, Page: "https://trtc.io/document/64425", Trigger: TriggerREST, By: append(seatCommands, ControlTakeSeat)},
		{Word: LiveEventCreateBattle, Family: FamilyLive, Page: "https://trtc.io/document/68259", Trigger: TriggerNone,
			NotProvokable: "PK battles are started by hosts through the client SDK; no REST command creates one and the control plane has no battle action"},
		{Word: LiveEventStartBattle, Family: FamilyLive, Page: "https://trtc.io/document/68260", Trigger: TriggerNone,
			NotProvokable: "PK battles are started by hosts through the client SDK; no REST command starts one"},
		{Word: LiveEventEndBattle, Family: FamilyLive, Page: "https://trtc.io/document/68261", Trigger: TriggerNone,
			NotProvokable: "PK battles end in the client SDK (time up, hosts quit); no REST command ends one"},
		// The blocking gift event: its reply decides the gift (0 allows, 1 refuses, 102100–102200
		// refuse with that code).
		{Word: LiveEventBeforeSendGift, Family: FamilyLive, Page: "https://trtc.io/document/72210", Trigger: TriggerREST,
			By: rest(ServiceLive, "send_gift")},
		// The room chat events (blocking before, then after): a message the REST API posts.
		{Word: LiveEventAfterSendMsg, Family: FamilyLive, Page: "https://www.tencentcloud.com/document/product/647/74348", Trigger: TriggerREST,
			By: rest(ServiceLive, "send_text_msg", "send_custom_msg")},
		{Word: LiveEventBeforeSendMsg, Family: FamilyLive, Page: "https://www.tencentcloud.com/document/product/647/74347", Trigger: TriggerREST,
			By: rest(ServiceLive, "send_text_msg", "send_custom_msg")},
		{Word: LiveEventFollowAdd, Family: FamilyLive, Page: "https://trtc.io/document/70355", Trigger: TriggerNone,
			NotProvokable: "follows are made by users through the client SDK; no REST command or control-plane action follows a user"},
		{Word: LiveEventFollowDelete, Family: FamilyLive, Page: "https://trtc.io/document/70356", Trigger: TriggerNone,
			NotProvokable: "unfollows are made by users through the client SDK; no REST command or control-plane action unfollows a user"},
	}
}
