package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/usersig"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// roomAnswer is a get_room_info answer without its RequestId.
type roomAnswer struct {
	code     int
	status   string
	info     string
	response string
}

func (h *harness) readRoom(id string) roomAnswer {
	h.t.Helper()
	r := h.call("get_room_info", wire.RoomIDRequest{RoomID: id})
	if r.parseErr != nil {
		h.t.Fatalf("get_room_info %q: %v", id, r.parseErr)
	}
	return roomAnswer{code: r.code(), status: r.env.ActionStatus, info: r.env.ErrorInfo, response: string(r.fields["Response"])}
}

// TestRefusedRequestsLeaveStateUnchanged sends refused create_room, update_room_info and
// destroy_room calls and requires that the emulator's rooms (and everything else it remembers)
// and the get_room_info answer of the room concerned are exactly as before.
func TestRefusedRequestsLeaveStateUnchanged(t *testing.T) {
	h := newHarness(t, Config{MemberCap: 30, RatePerSecond: -1})
	h.importAccounts("user2", "member-1", "member-2", gwPlainUser)
	start := h.e.clock.Now().Unix() - 60
	h.create(wire.RoomSettings{
		RoomID: "keep", OwnerAccount: wire.Ptr("user2"), RoomName: wire.Ptr("Keep"), CustomInfo: wire.Ptr("c"),
		MaxMemberCount: wire.Ptr(10), ScheduleStartTime: wire.Ptr(start), ScheduleEndTime: wire.Ptr(start + 3600),
		IsSeatEnabled: wire.Ptr(true), TakeSeatMode: wire.Ptr("ApplyToTake"),
	}, 0)
	h.mustCreate("admin-room")
	for _, m := range []string{"member-1", "member-2"} {
		if err := h.ctl.Enter(ctx(t), "keep", m); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.ctl.AddChatGroup(ctx(t), "chat-group"); err != nil {
		t.Fatal(err)
	}
	// A room created and destroyed just now: re-creating it is refused with 100012.
	h.setClock((h.e.clock.Now().Unix()+5)*1000 + 100)
	h.mustCreate("flip")
	checkCommandAnswer(t, "destroy_room", h.call("destroy_room", wire.RoomIDRequest{RoomID: "flip"}), 0)

	badKey := func(h *harness) string {
		q := h.query(DefaultAdmin)
		sig, _ := usersig.Generate(h.e.cfg.SDKAppID, "another-secret-key", DefaultAdmin, time.Hour, time.Now())
		q.Set("usersig", sig)
		return q.Encode()
	}
	plainUser := func(h *harness) string { return h.query(gwPlainUser).Encode() }
	fault := func(command string) *control.Fault {
		return &control.Fault{Service: catalog.ServiceRoom, Command: command, ErrorCode: catalog.CodeInternal, Count: 1}
	}
	bigCustom := strings.Repeat("x", 501)

	rows := []struct {
		name    string
		command string
		room    string // the room whose get_room_info answer must not change
		body    string
		method  string
		query   func(h *harness) string
		fault   *control.Fault
		want    int
	}{
		{name: "create: same ID, same owner, other settings", command: "create_room", room: "keep",
			body: `{"RoomInfo":{"RoomId":"keep","RoomType":"Conference","Owner_Account":"user2","RoomName":"Changed","MaxMemberCount":3,"CustomInfo":"z"}}`, want: catalog.CodeRoomIDOwnedByYou},
		{name: "create: same ID, other owner", command: "create_room", room: "keep",
			body: `{"RoomInfo":{"RoomId":"keep","RoomType":"Conference","RoomName":"Changed"}}`, want: catalog.CodeRoomIDExists},
		{name: "create: ID used by a Chat group", command: "create_room", room: "chat-group",
			body: `{"RoomInfo":{"RoomId":"chat-group","RoomType":"Conference"}}`, want: catalog.CodeRoomIDUsedByChat},
		{name: "create: same ID within a second", command: "create_room", room: "flip",
			body: `{"RoomInfo":{"RoomId":"flip","RoomType":"Conference"}}`, want: catalog.CodeCreateTooOften},
		{name: "create: meeting too short", command: "create_room", room: "new-room",
			body: `{"RoomInfo":{"RoomId":"new-room","RoomType":"Conference","ScheduleStartTime":2000000000,"ScheduleEndTime":2000000299}}`, want: catalog.CodeInvalidParameter},
		{name: "create: MaxMemberCount over the cap", command: "create_room", room: "new-room",
			body: `{"RoomInfo":{"RoomId":"new-room","RoomType":"Conference","MaxMemberCount":31}}`, want: catalog.CodeInvalidParameter},
		{name: "create: MaxSeatCount over the cap", command: "create_room", room: "new-room",
			body: `{"RoomInfo":{"RoomId":"new-room","RoomType":"Conference","MaxSeatCount":21}}`, want: catalog.CodeInvalidParameter},
		{name: "create: owner not imported", command: "create_room", room: "new-room",
			body: `{"RoomInfo":{"RoomId":"new-room","RoomType":"Conference","Owner_Account":"ghost"}}`, want: catalog.CodeInvalidParameter},
		{name: "create: owner of the wrong type", command: "create_room", room: "new-room",
			body: `{"RoomInfo":{"RoomId":"new-room","RoomType":"Conference","Owner_Account":7}}`, want: catalog.CodeAccountType},
		{name: "create: CustomInfo of 501 bytes", command: "create_room", room: "new-room",
			body: `{"RoomInfo":{"RoomId":"new-room","RoomType":"Conference","CustomInfo":"` + bigCustom + `"}}`, want: catalog.CodeInvalidParameter},
		{name: "create: invalid JSON", command: "create_room", room: "new-room",
			body: `{"RoomInfo":{"RoomId":"new-room"`, want: catalog.CodeJSONParse},
		{name: "create: fault injected", command: "create_room", room: "new-room",
			body: `{"RoomInfo":{"RoomId":"new-room","RoomType":"Conference"}}`, fault: fault("create_room"), want: catalog.CodeInternal},
		{name: "create: bad signature", command: "create_room", room: "new-room",
			body: `{"RoomInfo":{"RoomId":"new-room","RoomType":"Conference"}}`, query: badKey, want: catalog.CodeUserSigVerifyFailed},
		{name: "create: not an administrator", command: "create_room", room: "new-room",
			body: `{"RoomInfo":{"RoomId":"new-room","RoomType":"Conference"}}`, query: plainUser, want: catalog.CodeAdminRequired},
		{name: "create: GET", command: "create_room", room: "new-room", method: http.MethodGet,
			body: `{"RoomInfo":{"RoomId":"new-room","RoomType":"Conference"}}`, want: catalog.CodeHTTPParse},

		{name: "update: MaxMemberCount over the cap with a new name", command: "update_room_info", room: "keep",
			body: `{"RoomInfo":{"RoomId":"keep","RoomName":"Changed","IsVideoDisabled":true,"MaxMemberCount":31}}`, want: catalog.CodeInvalidParameter},
		{name: "update: MaxMemberCount below the members present", command: "update_room_info", room: "keep",
			body: `{"RoomInfo":{"RoomId":"keep","CustomInfo":"z","TakeSeatMode":"FreeToTake","MaxMemberCount":1}}`, want: catalog.CodeInvalidParameter},
		{name: "update: MaxMemberCount 0", command: "update_room_info", room: "keep",
			body: `{"RoomInfo":{"RoomId":"keep","IsPasswordEnabled":true,"Password":"1","MaxMemberCount":0}}`, want: catalog.CodeInvalidParameter},
		{name: "update: TakeSeatMode not in the enum", command: "update_room_info", room: "keep",
			body: `{"RoomInfo":{"RoomId":"keep","RoomName":"Changed","TakeSeatMode":"Bogus"}}`, want: catalog.CodeInvalidParameter},
		{name: "update: CustomInfo of 501 bytes", command: "update_room_info", room: "keep",
			body: `{"RoomInfo":{"RoomId":"keep","RoomName":"Changed","CustomInfo":"` + bigCustom + `"}}`, want: catalog.CodeInvalidParameter},
		{name: "update: RoomName of the wrong type", command: "update_room_info", room: "keep",
			body: `{"RoomInfo":{"RoomId":"keep","RoomName":5,"IsAudioDisabled":true}}`, want: catalog.CodeInvalidParameter},
		{name: "update: unknown room", command: "update_room_info", room: "new-room",
			body: `{"RoomInfo":{"RoomId":"new-room","RoomName":"Changed"}}`, want: catalog.CodeRoomNotFound},
		{name: "update: fault injected", command: "update_room_info", room: "keep",
			body: `{"RoomInfo":{"RoomId":"keep","RoomName":"Changed"}}`, fault: fault("update_room_info"), want: catalog.CodeInternal},
		{name: "update: not an administrator", command: "update_room_info", room: "keep",
			body: `{"RoomInfo":{"RoomId":"keep","RoomName":"Changed"}}`, query: plainUser, want: catalog.CodeAdminRequired},
		{name: "update: bad signature", command: "update_room_info", room: "keep",
			body: `{"RoomInfo":{"RoomId":"keep","RoomName":"Changed"}}`, query: badKey, want: catalog.CodeUserSigVerifyFailed},

		{name: "destroy: unknown room", command: "destroy_room", room: "new-room", body: `{"RoomId":"new-room"}`, want: catalog.CodeRoomNotFound},
		{name: "destroy: RoomId empty", command: "destroy_room", room: "keep", body: `{"RoomId":""}`, want: catalog.CodeInvalidParameter},
		{name: "destroy: RoomId of the wrong type", command: "destroy_room", room: "keep", body: `{"RoomId":["keep"]}`, want: catalog.CodeInvalidParameter},
		{name: "destroy: fault injected", command: "destroy_room", room: "keep", body: `{"RoomId":"keep"}`, fault: fault("destroy_room"), want: catalog.CodeInternal},
		{name: "destroy: not an administrator", command: "destroy_room", room: "keep", body: `{"RoomId":"keep"}`, query: plainUser, want: catalog.CodeAdminRequired},
		{name: "destroy: bad signature", command: "destroy_room", room: "keep", body: `{"RoomId":"keep"}`, query: badKey, want: catalog.CodeUserSigVerifyFailed},
		{name: "destroy: body []", command: "destroy_room", room: "keep", body: `[]`, want: catalog.CodeJSONParse},
		{name: "destroy: PUT", command: "destroy_room", room: "keep", method: http.MethodPut, body: `{"RoomId":"keep"}`, want: catalog.CodeHTTPParse},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			defer h.use(t)()
			if row.fault != nil {
				if err := h.ctl.InjectFault(ctx(t), *row.fault); err != nil {
					t.Fatal(err)
				}
			}
			beforeState := h.snapshotState()
			beforeRoom, beforeKeep := h.readRoom(row.room), h.readRoom("keep")
			method := row.method
			if method == "" {
				method = http.MethodPost
			}
			query := h.query(DefaultAdmin).Encode()
			if row.query != nil {
				query = row.query(h)
			}
			r := h.send(method, "/v4/"+catalog.ServiceRoom+"/"+row.command, query, []byte(row.body))
			checkCommandAnswer(t, row.command, r, row.want)
			requireSameState(t, beforeState, h.snapshotState())
			if after := h.readRoom(row.room); after != beforeRoom {
				t.Errorf("get_room_info %q changed:\nbefore %+v\nafter  %+v", row.room, beforeRoom, after)
			}
			if after := h.readRoom("keep"); after != beforeKeep {
				t.Errorf("get_room_info keep changed:\nbefore %+v\nafter  %+v", beforeKeep, after)
			}
			if faults, err := h.ctl.ArmedFaults(ctx(t)); err != nil || len(faults) != 0 {
				t.Errorf("faults left armed: %v %v", faults, err)
			}
		})
	}
	// The table must be able to see a change: an accepted update does change the room.
	before := h.readRoom("keep")
	checkCommandAnswer(t, "update_room_info", h.call("update_room_info", `{"RoomInfo":{"RoomId":"keep","RoomName":"Changed"}}`), 0)
	if h.readRoom("keep") == before {
		t.Errorf("an accepted update left get_room_info unchanged: the comparison is blind")
	}
}

// TestRefusedAccountImportChangesNothing: a refused account_import imports nothing.
func TestRefusedAccountImportChangesNothing(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	for _, body := range []string{`{"UserID":"bad id!"}`, `{"UserID":""}`, `{"UserID":"` + strings.Repeat("a", 33) + `"}`, `{"UserID":5}`, `{"Nick":"x"}`} {
		before := h.snapshotState()
		r := h.call("account_import", body)
		if r.code() == 0 {
			t.Errorf("account_import %s accepted", body)
		}
		checkCommandAnswer(t, "account_import", r, r.code())
		requireSameState(t, before, h.snapshotState())
	}
}
