package emulator

import (
	"strings"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// handlerFunc serves one command: it decodes the call's body and answers.
type handlerFunc func(e *Emulator, c *call) answer

// routeTable is every command the emulator serves, by catalog key (catalog.Command.Key(),
// "<service>/<command>"). TestRoutesMatchTheCatalog requires it to name catalog commands
// only, and every catalog command apart from those it lists as deliberately not served.
var routeTable = map[string]handlerFunc{
	catalog.ServiceRoom + "/create_room":      (*Emulator).createRoom,
	catalog.ServiceRoom + "/destroy_room":     (*Emulator).destroyRoom,
	catalog.ServiceRoom + "/update_room_info": (*Emulator).updateRoomInfo,
	catalog.ServiceRoom + "/get_room_info":    (*Emulator).getRoomInfo,

	catalog.ServiceRoom + "/get_room_member_list":    (*Emulator).getRoomMemberList,
	catalog.ServiceRoom + "/update_room_member_info": (*Emulator).updateRoomMemberInfo,
	catalog.ServiceRoom + "/change_room_owner":       (*Emulator).changeRoomOwner,
	catalog.ServiceRoom + "/mark_room_member":        (*Emulator).markRoomMember,
	catalog.ServiceRoom + "/ban_room_member":         (*Emulator).banRoomMember,
	catalog.ServiceRoom + "/unban_room_member":       (*Emulator).unbanRoomMember,
	catalog.ServiceRoom + "/get_banned_member_list":  (*Emulator).getBannedMemberList,
	catalog.ServiceRoom + "/kick_user_out":           (*Emulator).kickUserOut,

	catalog.ServiceSeat + "/get_seat_list":      (*Emulator).getSeatList,
	catalog.ServiceSeat + "/pick_user_on_seat":  (*Emulator).pickUserOnSeat,
	catalog.ServiceSeat + "/kick_user_off_seat": (*Emulator).kickUserOffSeat,
	catalog.ServiceSeat + "/lock_seat":          (*Emulator).lockSeat,
	catalog.ServiceSeat + "/switch_seat":        (*Emulator).switchSeat,
	catalog.ServiceSeat + "/move_user_to_seat":  (*Emulator).moveUserToSeat,

	catalog.ServiceAccount + "/account_import":      (*Emulator).accountImport,
	catalog.ServiceAccount + "/multiaccount_import": (*Emulator).multiAccountImport,
	catalog.ServiceAccount + "/account_check":       (*Emulator).accountCheck,
	catalog.ServiceAccount + "/account_delete":      (*Emulator).accountDelete,

	catalog.ServiceConfig + "/get_callback":    (*Emulator).getCallback,
	catalog.ServiceConfig + "/set_callback":    (*Emulator).setCallback,
	catalog.ServiceConfig + "/update_callback": (*Emulator).updateCallback,
	catalog.ServiceConfig + "/delete_callback": (*Emulator).deleteCallback,

	catalog.ServiceLive + "/create_room":      (*Emulator).liveCreateRoom,
	catalog.ServiceLive + "/destroy_room":     (*Emulator).liveDestroyRoom,
	catalog.ServiceLive + "/update_room_info": (*Emulator).liveUpdateRoomInfo,
	catalog.ServiceLive + "/get_room_info":    (*Emulator).liveGetRoomInfo,
	catalog.ServiceLive + "/get_room_list":    (*Emulator).liveGetRoomList,

	catalog.ServiceLive + "/get_room_metadata": (*Emulator).liveGetRoomMetadata,
	catalog.ServiceLive + "/set_room_metadata": (*Emulator).liveSetRoomMetadata,
	catalog.ServiceLive + "/del_room_metadata": (*Emulator).liveDelRoomMetadata,

	catalog.ServiceLive + "/change_room_owner":      (*Emulator).liveChangeRoomOwner,
	catalog.ServiceLive + "/get_member_list":        (*Emulator).liveGetMemberList,
	catalog.ServiceLive + "/mute_member":            (*Emulator).liveMuteMember,
	catalog.ServiceLive + "/get_muted_member_list":  (*Emulator).liveGetMutedMemberList,
	catalog.ServiceLive + "/ban_member":             (*Emulator).liveBanMember,
	catalog.ServiceLive + "/unban_member":           (*Emulator).liveUnbanMember,
	catalog.ServiceLive + "/get_banned_member_list": (*Emulator).liveGetBannedMemberList,
	catalog.ServiceLive + "/get_admin_list":         (*Emulator).liveGetAdminList,
	catalog.ServiceLive + "/modify_admin":           (*Emulator).liveModifyAdmin,

	// Robots, statistics, messages and mixing (group live13a); get_room_stats also answers
	// under its alias get_room_statistic (catalog.Command.Aliases).
	catalog.ServiceLive + "/add_robot":       (*Emulator).liveAddRobot,
	catalog.ServiceLive + "/del_robot":       (*Emulator).liveDelRobot,
	catalog.ServiceLive + "/get_robot":       (*Emulator).liveGetRobot,
	catalog.ServiceLive + "/get_room_stats":  (*Emulator).liveGetRoomStats,
	catalog.ServiceLive + "/send_text_msg":   (*Emulator).liveSendTextMsg,
	catalog.ServiceLive + "/send_custom_msg": (*Emulator).liveSendCustomMsg,
	catalog.ServiceLive + "/set_mix_stream":  (*Emulator).liveSetMixStream,
	catalog.ServiceLive + "/resume_mcu_task": (*Emulator).liveResumeMcuTask,
	// --- end of group live13a ---
	// Live callbacks (issue 14): the live_config service.
	catalog.ServiceLiveConfig + "/get_callback":          (*Emulator).liveGetCallback,
	catalog.ServiceLiveConfig + "/set_callback":          (*Emulator).liveSetCallback,
	catalog.ServiceLiveConfig + "/update_callback":       (*Emulator).liveUpdateCallback,
	catalog.ServiceLiveConfig + "/delete_callback":       (*Emulator).liveDeleteCallback,
	catalog.ServiceLiveConfig + "/set_callback_token":    (*Emulator).liveSetCallbackToken,
	catalog.ServiceLiveConfig + "/get_callback_token":    (*Emulator).liveGetCallbackToken,
	catalog.ServiceLiveConfig + "/delete_callback_token": (*Emulator).liveDeleteCallbackToken,
	// Gifts: sending and counting (live_gift.go), the gift catalogue (live_gift_catalog.go).
	catalog.ServiceLive + "/send_gift":                   (*Emulator).liveSendGift,
	catalog.ServiceLive + "/get_gift_count":              (*Emulator).liveGetGiftCount,
	catalog.ServiceLive + "/copy_default_gift_config":    (*Emulator).liveCopyDefaultGiftConfig,
	catalog.ServiceLive + "/add_gift":                    (*Emulator).liveAddGift,
	catalog.ServiceLive + "/get_gift":                    (*Emulator).liveGetGift,
	catalog.ServiceLive + "/del_gift":                    (*Emulator).liveDelGift,
	catalog.ServiceLive + "/add_gift_category":           (*Emulator).liveAddGiftCategory,
	catalog.ServiceLive + "/get_gift_category":           (*Emulator).liveGetGiftCategory,
	catalog.ServiceLive + "/del_gift_category":           (*Emulator).liveDelGiftCategory,
	catalog.ServiceLive + "/add_gift_category_relations": (*Emulator).liveAddGiftCategoryRelations,
	catalog.ServiceLive + "/del_gift_category_relations": (*Emulator).liveDelGiftCategoryRelations,
	catalog.ServiceLive + "/get_gift_category_relations": (*Emulator).liveGetGiftCategoryRelations,
	catalog.ServiceLive + "/set_gift_language":           (*Emulator).liveSetGiftLanguage,
	catalog.ServiceLive + "/get_gift_language":           (*Emulator).liveGetGiftLanguage,
	catalog.ServiceLive + "/del_gift_language":           (*Emulator).liveDelGiftLanguage,
	catalog.ServiceLive + "/set_gift_category_language":  (*Emulator).liveSetGiftCategoryLanguage,
	catalog.ServiceLive + "/get_gift_category_language":  (*Emulator).liveGetGiftCategoryLanguage,
	catalog.ServiceLive + "/del_gift_category_language":  (*Emulator).liveDelGiftCategoryLanguage,
	// End of gifts.
}

// route is a command the emulator serves.
type route struct {
	command       catalog.Command
	handle        handlerFunc
	requestSchema string // "<service>/<command>.request"
}

// routes are the served commands by catalog key, built once from routeTable, and by the key
// of each alias of a served command (catalog.Command.Aliases: same handler, the alias's own
// request schema, the command's budget). A key the catalog does not document is left out: the
// gateway answers it 60009 like any unknown path.
var routes = buildRoutes(routeTable)

func buildRoutes(table map[string]handlerFunc) map[string]*route {
	built := make(map[string]*route, len(table))
	for key, handle := range table {
		service, name, _ := strings.Cut(key, "/")
		if command, documented := catalog.Lookup(service, name); documented {
			built[key] = &route{command: command, handle: handle, requestSchema: key + ".request"}
			for _, alias := range command.Aliases {
				built[service+"/"+alias] = &route{command: command, handle: handle, requestSchema: service + "/" + alias + ".request"}
			}
		}
	}
	return built
}

// servedCommands are the catalog entries of the served commands.
func servedCommands() []catalog.Command {
	commands := make([]catalog.Command, 0, len(routes))
	for key, r := range routes {
		if key == r.command.Key() { // an alias serves the same command
			commands = append(commands, r.command)
		}
	}
	return commands
}
