package wire_test

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/wire"
)

// schemaDir holds the JSON Schemas of schemas/, read from disk: the packets must say what the
// schemas say, whichever package loads them.
const schemaDir = "../schemas"

// schemaIDBase is the prefix of every schema's $id, and of cross-file $refs.
const schemaIDBase = "https://trtc-conformance.dev/schemas/"

// packetSchemas maps each packet type to the schemas of the bodies it is sent or decoded as.
// At names where the type sits in the body: "" for the whole body, else property names from
// the root, arrays crossed through their items.
var packetSchemas = []struct {
	packet any
	schema string
	at     string
}{
	// Envelope: the outcome part of every answer; the typed answers embed it.
	{wire.Envelope{}, "room_engine_http_srv/create_room.response", ""},
	{wire.Envelope{}, "room_engine_http_srv/destroy_room.response", ""},
	{wire.Envelope{}, "im_open_login_svc/account_import.response", ""},

	// Room management.
	{wire.CreateRoomRequest{}, "room_engine_http_srv/create_room.request", ""},
	{wire.UpdateRoomInfoRequest{}, "room_engine_http_srv/update_room_info.request", ""},
	{wire.RoomIDRequest{}, "room_engine_http_srv/get_room_info.request", ""},
	{wire.RoomIDRequest{}, "room_engine_http_srv/destroy_room.request", ""},
	{wire.RoomIDRequest{}, "room_engine_http_mic/get_seat_list.request", ""},
	{wire.GetRoomInfoResponse{}, "room_engine_http_srv/get_room_info.response", ""},

	// Members.
	{wire.GetRoomMemberListRequest{}, "room_engine_http_srv/get_room_member_list.request", ""},
	{wire.GetRoomMemberListResponse{}, "room_engine_http_srv/get_room_member_list.response", ""},
	{wire.UpdateRoomMemberInfoRequest{}, "room_engine_http_srv/update_room_member_info.request", ""},
	{wire.ChangeRoomOwnerRequest{}, "room_engine_http_srv/change_room_owner.request", ""},
	{wire.MarkRoomMemberRequest{}, "room_engine_http_srv/mark_room_member.request", ""},
	{wire.BanRoomMemberRequest{}, "room_engine_http_srv/ban_room_member.request", ""},
	{wire.UnbanRoomMemberRequest{}, "room_engine_http_srv/unban_room_member.request", ""},
	{wire.GetBannedMemberListRequest{}, "room_engine_http_srv/get_banned_member_list.request", ""},
	{wire.GetBannedMemberListResponse{}, "room_engine_http_srv/get_banned_member_list.response", ""},
	{wire.KickUserOutRequest{}, "room_engine_http_srv/kick_user_out.request", ""},

	// Seats.
	{wire.GetSeatListResponse{}, "room_engine_http_mic/get_seat_list.response", ""},
	{wire.PickUserOnSeatRequest{}, "room_engine_http_mic/pick_user_on_seat.request", ""},
	{wire.KickUserOffSeatRequest{}, "room_engine_http_mic/kick_user_off_seat.request", ""},
	{wire.LockSeatRequest{}, "room_engine_http_mic/lock_seat.request", ""},
	{wire.SwitchSeatRequest{}, "room_engine_http_mic/switch_seat.request", ""},
	{wire.MoveUserToSeatRequest{}, "room_engine_http_mic/move_user_to_seat.request", ""},

	// Chat accounts.
	{wire.AccountImportRequest{}, "im_open_login_svc/account_import.request", ""},
	{wire.MultiAccountImportRequest{}, "im_open_login_svc/multiaccount_import.request", ""},
	{wire.MultiAccountImportResponse{}, "im_open_login_svc/multiaccount_import.response", ""},
	{wire.AccountCheckRequest{}, "im_open_login_svc/account_check.request", ""},
	{wire.AccountCheckResponse{}, "im_open_login_svc/account_check.response", ""},
	{wire.AccountDeleteRequest{}, "im_open_login_svc/account_delete.request", ""},
	{wire.AccountDeleteResponse{}, "im_open_login_svc/account_delete.response", ""},

	// Callbacks: the configuration commands, the events' payloads and the receiver's reply.
	{wire.CallbackConfig{}, "room_config/set_callback.request", ""},
	{wire.CallbackConfig{}, "room_config/update_callback.request", ""},
	{wire.GetCallbackResponse{}, "room_config/get_callback.response", ""},
	{wire.CallbackRoomInfo{}, "callback/Room.CallbackAfterCreateRoom.event", "RoomInfo"},
	{wire.CallbackRoomUpdate{}, "callback/Room.CallbackAfterUpdateRoomInfo.event", "RoomInfo"},
	{wire.Seat{}, "callback/Mic.CallbackAfterSeatInfoChanged.event", "SeatList"},
	{wire.CallbackReply{}, "callback/reply.response", ""},

	// Live rooms.
	{wire.LiveCreateRoomRequest{}, "live_engine_http_srv/create_room.request", ""},
	{wire.LiveCreateRoomResponse{}, "live_engine_http_srv/create_room.response", ""},
	{wire.LiveUpdateRoomInfoRequest{}, "live_engine_http_srv/update_room_info.request", ""},
	{wire.LiveRoomIDRequest{}, "live_engine_http_srv/get_room_info.request", ""},
	{wire.LiveRoomIDRequest{}, "live_engine_http_srv/destroy_room.request", ""},
	{wire.LiveRoomIDRequest{}, "live_engine_http_srv/get_muted_member_list.request", ""},
	{wire.LiveRoomIDRequest{}, "live_engine_http_srv/get_admin_list.request", ""},
	{wire.LiveDestroyRoomResponse{}, "live_engine_http_srv/destroy_room.response", ""},
	{wire.LiveGetRoomInfoResponse{}, "live_engine_http_srv/get_room_info.response", ""},
	{wire.LiveGetRoomListRequest{}, "live_engine_http_srv/get_room_list.request", ""},
	{wire.LiveGetRoomListResponse{}, "live_engine_http_srv/get_room_list.response", ""},

	// Live members and administrators.
	{wire.LiveChangeRoomOwnerRequest{}, "live_engine_http_srv/change_room_owner.request", ""},
	{wire.LiveGetMemberListRequest{}, "live_engine_http_srv/get_member_list.request", ""},
	{wire.LiveGetMemberListResponse{}, "live_engine_http_srv/get_member_list.response", ""},
	{wire.LiveMuteMemberRequest{}, "live_engine_http_srv/mute_member.request", ""},
	{wire.LiveGetMutedMemberListResponse{}, "live_engine_http_srv/get_muted_member_list.response", ""},
	{wire.LiveBanMemberRequest{}, "live_engine_http_srv/ban_member.request", ""},
	{wire.LiveUnbanMemberRequest{}, "live_engine_http_srv/unban_member.request", ""},
	{wire.LiveGetBannedMemberListRequest{}, "live_engine_http_srv/get_banned_member_list.request", ""},
	{wire.LiveGetBannedMemberListResponse{}, "live_engine_http_srv/get_banned_member_list.response", ""},
	{wire.LiveGetAdminListResponse{}, "live_engine_http_srv/get_admin_list.response", ""},
	{wire.LiveModifyAdminRequest{}, "live_engine_http_srv/modify_admin.request", ""},

	// Live metadata.
	{wire.LiveGetRoomMetadataRequest{}, "live_engine_http_srv/get_room_metadata.request", ""},
	{wire.LiveGetRoomMetadataResponse{}, "live_engine_http_srv/get_room_metadata.response", ""},
	{wire.LiveSetRoomMetadataRequest{}, "live_engine_http_srv/set_room_metadata.request", ""},
	{wire.LiveDelRoomMetadataRequest{}, "live_engine_http_srv/del_room_metadata.request", ""},

	// Live robots, statistics, messages and mixing (group live13a).
	{wire.LiveRobotRequest{}, "live_engine_http_srv/add_robot.request", ""},
	{wire.LiveRobotRequest{}, "live_engine_http_srv/del_robot.request", ""},
	{wire.LiveRoomIDRequest{}, "live_engine_http_srv/get_robot.request", ""},
	{wire.LiveGetRobotResponse{}, "live_engine_http_srv/get_robot.response", ""},
	{wire.LiveRoomIDRequest{}, "live_engine_http_srv/get_room_stats.request", ""},
	{wire.LiveRoomIDRequest{}, "live_engine_http_srv/get_room_statistic.request", ""},
	{wire.LiveGetRoomStatsResponse{}, "live_engine_http_srv/get_room_stats.response", ""},
	{wire.LiveGetRoomStatsResponse{}, "live_engine_http_srv/get_room_statistic.response", ""},
	{wire.LiveSendTextMsgRequest{}, "live_engine_http_srv/send_text_msg.request", ""},
	{wire.LiveMessageSent{}, "live_engine_http_srv/send_text_msg.response", ""},
	{wire.LiveSendCustomMsgRequest{}, "live_engine_http_srv/send_custom_msg.request", ""},
	{wire.LiveMessageSent{}, "live_engine_http_srv/send_custom_msg.response", ""},
	{wire.LiveSetMixStreamRequest{}, "live_engine_http_srv/set_mix_stream.request", ""},
	{wire.LiveRoomIDRequest{}, "live_engine_http_srv/resume_mcu_task.request", ""},
	// Live callbacks (issue 14): live_config and the Live events' payloads.
	{wire.CallbackConfig{}, "live_config/set_callback.request", ""},
	{wire.CallbackConfig{}, "live_config/update_callback.request", ""},
	{wire.GetLiveCallbackResponse{}, "live_config/get_callback.response", ""},
	{wire.LiveCallbackTokenRequest{}, "live_config/set_callback_token.request", ""},
	{wire.GetLiveCallbackTokenResponse{}, "live_config/get_callback_token.response", ""},
	{wire.LiveCallbackRoomInfo{}, "callback/Live.CallbackAfterCreateRoom.event", "RoomInfo"},
	{wire.LiveCallbackDestroyedRoom{}, "callback/Live.CallbackAfterDestroyRoom.event", "RoomInfo"},
	{wire.LiveRoomStatistic{}, "callback/Live.CallbackAfterDestroyRoom.event", "Statistic"},
	{wire.LiveCallbackRoomUpdate{}, "callback/Live.CallbackAfterUpdateRoomInfo.event", "RoomInfo"},
	{wire.LiveCallbackMember{}, "callback/Live.CallbackAfterMemberStateChanged.event", "MemberList"},
	{wire.LiveMetadata{}, "callback/Live.CallbackAfterSetMetadata.event", "Metadata"},
	// Gifts: sending, counting and the gift catalogue.
	{wire.LiveSendGiftRequest{}, "live_engine_http_srv/send_gift.request", ""},
	{wire.LiveGetGiftCountRequest{}, "live_engine_http_srv/get_gift_count.request", ""},
	{wire.LiveGetGiftCountResponse{}, "live_engine_http_srv/get_gift_count.response", ""},
	{wire.LiveGift{}, "live_engine_http_srv/add_gift.request", ""},
	{wire.LiveGift{}, "live_engine_http_srv/get_gift.response", "GiftInfo"},
	{wire.LiveGiftIDRequest{}, "live_engine_http_srv/get_gift.request", ""},
	{wire.LiveGiftIDRequest{}, "live_engine_http_srv/del_gift.request", ""},
	{wire.LiveGetGiftResponse{}, "live_engine_http_srv/get_gift.response", ""},
	{wire.LiveGiftCategory{}, "live_engine_http_srv/add_gift_category.request", ""},
	{wire.LiveGiftCategoryIDRequest{}, "live_engine_http_srv/get_gift_category.request", ""},
	{wire.LiveGiftCategoryIDRequest{}, "live_engine_http_srv/del_gift_category.request", ""},
	{wire.LiveGiftCategoryIDRequest{}, "live_engine_http_srv/get_gift_category_relations.request", ""},
	{wire.LiveGetGiftCategoryResponse{}, "live_engine_http_srv/get_gift_category.response", ""},
	{wire.LiveGiftCategoryRelationsRequest{}, "live_engine_http_srv/add_gift_category_relations.request", ""},
	{wire.LiveGiftCategoryRelationsRequest{}, "live_engine_http_srv/del_gift_category_relations.request", ""},
	{wire.LiveAddGiftCategoryRelationsResponse{}, "live_engine_http_srv/add_gift_category_relations.response", ""},
	{wire.LiveGetGiftCategoryRelationsResponse{}, "live_engine_http_srv/get_gift_category_relations.response", ""},
	{wire.LiveSetGiftLanguageRequest{}, "live_engine_http_srv/set_gift_language.request", ""},
	{wire.LiveGiftLanguageRequest{}, "live_engine_http_srv/get_gift_language.request", ""},
	{wire.LiveGiftLanguageRequest{}, "live_engine_http_srv/del_gift_language.request", ""},
	{wire.LiveGetGiftLanguageResponse{}, "live_engine_http_srv/get_gift_language.response", ""},
	{wire.LiveGiftTexts{}, "live_engine_http_srv/get_gift_language.response", "GiftInfo"},
	{wire.LiveSetGiftCategoryLanguageRequest{}, "live_engine_http_srv/set_gift_category_language.request", ""},
	{wire.LiveGiftCategoryLanguageRequest{}, "live_engine_http_srv/get_gift_category_language.request", ""},
	{wire.LiveGiftCategoryLanguageRequest{}, "live_engine_http_srv/del_gift_category_language.request", ""},
	{wire.LiveGetGiftCategoryLanguageResponse{}, "live_engine_http_srv/get_gift_category_language.response", ""},
	{wire.LiveGiftCategoryTexts{}, "live_engine_http_srv/get_gift_category_language.response", "CategoryInfo"},
}

// Why the settings packets carry attributes one of their two commands does not list.
const (
	conferenceSettingsShared = "RoomSettings is the RoomInfo of both create_room and update_room_info; the update page " +
		"does not list the attributes it cannot change, which the schema accepts and ignores as unknown properties " +
		"(its decision 3). The packet omits nil fields, so they travel only when a caller sets them."
	liveSettingsShared = "LiveRoomSettings is the RoomInfo of both create_room and update_room_info; the update page " +
		"does not list the attributes only create sets, which the schema accepts and ignores as unknown properties " +
		"(its decision 6). The packet omits nil fields, so they travel only when a caller sets them."
	liveNoticeUpdateOnly = "LiveRoomSettings is the RoomInfo of both create_room and update_room_info; Notice exists " +
		"on the 2026 update page only (update_room_info schema, decision 4). The packet omits it unless a caller sets it."
)

// knownTagExceptions are json tags the schemas do not declare at their place, each with why the
// packet keeps it: "<schema>: <JSON path>" → reason.
var knownTagExceptions = map[string]string{
	"room_engine_http_srv/update_room_info.request: RoomInfo.RoomType":          conferenceSettingsShared,
	"room_engine_http_srv/update_room_info.request: RoomInfo.Owner_Account":     conferenceSettingsShared,
	"room_engine_http_srv/update_room_info.request: RoomInfo.ScheduleStartTime": conferenceSettingsShared,
	"room_engine_http_srv/update_room_info.request: RoomInfo.ScheduleEndTime":   conferenceSettingsShared,
	"room_engine_http_srv/update_room_info.request: RoomInfo.IsSeatEnabled":     conferenceSettingsShared,
	"room_engine_http_srv/update_room_info.request: RoomInfo.MaxSeatCount":      conferenceSettingsShared,

	"live_engine_http_srv/update_room_info.request: RoomInfo.RoomType":               liveSettingsShared,
	"live_engine_http_srv/update_room_info.request: RoomInfo.SeatTemplate":           liveSettingsShared,
	"live_engine_http_srv/update_room_info.request: RoomInfo.Owner_Account":          liveSettingsShared,
	"live_engine_http_srv/update_room_info.request: RoomInfo.MaxSeatCount":           liveSettingsShared,
	"live_engine_http_srv/update_room_info.request: RoomInfo.IsSeatEnabled":          liveSettingsShared,
	"live_engine_http_srv/update_room_info.request: RoomInfo.IsUnlimitedRoomEnabled": liveSettingsShared,
	"live_engine_http_srv/update_room_info.request: RoomInfo.SeatLayoutTemplateId":   liveSettingsShared,
	"live_engine_http_srv/create_room.request: RoomInfo.Notice":                      liveNoticeUpdateOnly,
}

// TestPacketTagsAreSchemaProperties holds every json tag of every packet, nested structs and
// slices included, against the properties its schema declares at the same place: a tag the
// schema lacks is a typo, or a field the pages do not document.
func TestPacketTagsAreSchemaProperties(t *testing.T) {
	loader := newSchemaLoader(t)
	visited := map[string]bool{}
	usedExceptions := map[string]bool{}
	for _, row := range packetSchemas {
		packet := reflect.TypeOf(row.packet)
		t.Run(packet.Name()+" as "+row.schema, func(t *testing.T) {
			nodes := []schemaNode{loader.load(row.schema)}
			path := "(root)"
			if row.at != "" {
				for _, name := range strings.Split(row.at, ".") {
					nodes = loader.itemsThrough(loader.property(nodes, name))
				}
				path = row.at
			}
			if len(nodes) == 0 {
				t.Fatalf("%s declares nothing at %s", row.schema, row.at)
			}
			for _, problem := range loader.checkType(packet, nodes, path, visited) {
				key := row.schema + ": " + problem.path
				if reason, known := knownTagExceptions[key]; known {
					usedExceptions[key] = true
					t.Logf("known exception %s: %s", key, reason)
					continue
				}
				t.Errorf("%s: json tag %q (%s) is not a property %s declares there", problem.path, problem.tag, problem.goPath, row.schema)
			}
		})
	}
	for key := range knownTagExceptions {
		if !usedExceptions[key] {
			t.Errorf("known exception %q no longer occurs: remove it", key)
		}
	}
	for _, name := range exportedStructTypes(t) {
		if !visited[name] {
			t.Errorf("wire.%s is in no row of packetSchemas, nor inside a type that is: map it to its schema", name)
		}
	}
}

// schemaNode is one JSON Schema object and the file it is in, against which its local $refs
// resolve.
type schemaNode struct {
	file  string
	value map[string]any
}

type schemaLoader struct {
	t     *testing.T
	files map[string]map[string]any
}

func newSchemaLoader(t *testing.T) *schemaLoader {
	return &schemaLoader{t: t, files: map[string]map[string]any{}}
}

// file reads and caches one schema file by its path under schemaDir, without ".json".
func (l *schemaLoader) file(name string) map[string]any {
	l.t.Helper()
	if doc, ok := l.files[name]; ok {
		return doc
	}
	raw, err := os.ReadFile(filepath.Join(schemaDir, filepath.FromSlash(name)+".json"))
	if err != nil {
		l.t.Fatalf("schema %s: %v", name, err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		l.t.Fatalf("schema %s: %v", name, err)
	}
	l.files[name] = doc
	return doc
}

func (l *schemaLoader) load(name string) schemaNode {
	return schemaNode{file: name, value: l.file(name)}
}

// resolve follows a $ref: "#/pointer" in the same file, or the $id of another file.
func (l *schemaLoader) resolve(from schemaNode, ref string) schemaNode {
	l.t.Helper()
	target, pointer, _ := strings.Cut(ref, "#")
	file := from.file
	if target != "" {
		file = strings.TrimSuffix(strings.TrimPrefix(target, schemaIDBase), ".json")
	}
	var node any = l.file(file)
	for _, token := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		if token == "" {
			continue
		}
		object, ok := node.(map[string]any)
		if !ok {
			l.t.Fatalf("$ref %s in %s: %q is not inside an object", ref, from.file, token)
		}
		node = object[strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")]
	}
	object, ok := node.(map[string]any)
	if !ok {
		l.t.Fatalf("$ref %s in %s does not name a schema object", ref, from.file)
	}
	return schemaNode{file: file, value: object}
}

// branches returns the node and every schema that applies with it at the same place: through
// $ref, allOf, anyOf, oneOf and the then/else of a condition. The condition itself (if) and
// not declare nothing.
func (l *schemaLoader) branches(node schemaNode) []schemaNode {
	out := []schemaNode{node}
	if ref, ok := node.value["$ref"].(string); ok {
		out = append(out, l.branches(l.resolve(node, ref))...)
	}
	for _, keyword := range []string{"allOf", "anyOf", "oneOf"} {
		list, _ := node.value[keyword].([]any)
		for _, item := range list {
			if object, ok := item.(map[string]any); ok {
				out = append(out, l.branches(schemaNode{file: node.file, value: object})...)
			}
		}
	}
	for _, keyword := range []string{"then", "else"} {
		if object, ok := node.value[keyword].(map[string]any); ok {
			out = append(out, l.branches(schemaNode{file: node.file, value: object})...)
		}
	}
	return out
}

// declared returns the property names the nodes declare.
func (l *schemaLoader) declared(nodes []schemaNode) map[string]bool {
	names := map[string]bool{}
	for _, node := range nodes {
		for _, branch := range l.branches(node) {
			properties, _ := branch.value["properties"].(map[string]any)
			for name := range properties {
				names[name] = true
			}
		}
	}
	return names
}

// property returns every schema the nodes give the named property.
func (l *schemaLoader) property(nodes []schemaNode, name string) []schemaNode {
	var out []schemaNode
	for _, node := range nodes {
		for _, branch := range l.branches(node) {
			properties, _ := branch.value["properties"].(map[string]any)
			if object, ok := properties[name].(map[string]any); ok {
				out = append(out, schemaNode{file: branch.file, value: object})
			}
		}
	}
	return out
}

// items returns the schemas of the elements of the arrays the nodes describe.
func (l *schemaLoader) items(nodes []schemaNode) []schemaNode {
	var out []schemaNode
	for _, node := range nodes {
		for _, branch := range l.branches(node) {
			if object, ok := branch.value["items"].(map[string]any); ok {
				out = append(out, schemaNode{file: branch.file, value: object})
			}
		}
	}
	return out
}

// itemsThrough steps into the elements when the nodes describe arrays, and stays otherwise.
func (l *schemaLoader) itemsThrough(nodes []schemaNode) []schemaNode {
	if items := l.items(nodes); len(items) > 0 {
		return items
	}
	return nodes
}

// tagProblem is a json tag the schema does not declare.
type tagProblem struct {
	path   string // JSON path of the property, e.g. "Response.RoomInfo.RoomId"
	tag    string
	goPath string // the Go type and field, e.g. "wire.RoomInfo.RoomID"
}

// checkType walks a Go type against the schemas of the value it encodes: struct fields
// (embedded structs flattened, as encoding/json does), pointers, slices and arrays. It records
// the wire types it meets in visited.
func (l *schemaLoader) checkType(goType reflect.Type, nodes []schemaNode, path string, visited map[string]bool) []tagProblem {
	for goType.Kind() == reflect.Pointer {
		goType = goType.Elem()
	}
	switch goType.Kind() {
	case reflect.Slice, reflect.Array:
		return l.checkType(goType.Elem(), l.items(nodes), path, visited)
	case reflect.Struct:
	default:
		return nil
	}
	if goType.PkgPath() == reflect.TypeOf(wire.Envelope{}).PkgPath() && goType.Name() != "" {
		visited[goType.Name()] = true
	}
	declared := l.declared(nodes)
	var problems []tagProblem
	for i := 0; i < goType.NumField(); i++ {
		field := goType.Field(i)
		tag := field.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if !field.IsExported() || name == "-" {
			continue
		}
		if field.Anonymous && name == "" {
			problems = append(problems, l.checkType(field.Type, nodes, path, visited)...)
			continue
		}
		if name == "" {
			name = field.Name
		}
		fieldPath := name
		if path != "(root)" {
			fieldPath = path + "." + name
		}
		if !declared[name] {
			problems = append(problems, tagProblem{path: fieldPath, tag: name, goPath: fmt.Sprintf("%s.%s", goType, field.Name)})
			continue
		}
		problems = append(problems, l.checkType(field.Type, l.property(nodes, name), fieldPath, visited)...)
	}
	return problems
}

// exportedStructTypes lists the exported struct types declared in the package's files.
func exportedStructTypes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		parsed, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range parsed.Decls {
			general, ok := decl.(*ast.GenDecl)
			if !ok || general.Tok != token.TYPE {
				continue
			}
			for _, spec := range general.Specs {
				typeSpec := spec.(*ast.TypeSpec)
				if _, isStruct := typeSpec.Type.(*ast.StructType); isStruct && typeSpec.Name.IsExported() {
					names = append(names, typeSpec.Name.Name)
				}
			}
		}
	}
	sort.Strings(names)
	if !slices.Contains(names, "Envelope") {
		t.Fatalf("found no packet types in %v", files)
	}
	return names
}
