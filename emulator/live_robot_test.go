package emulator

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

func TestLiveRobotsStatsMessagesAndMixing(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("b1", "b2", "b3", "b4", "viewer")
	h.liveCreate(wire.LiveRoomSettings{RoomID: "lr", IsUnlimitedRoomEnabled: wire.Ptr(true), SeatTemplate: wire.Ptr("VideoDynamicGrid9Seats")})
	h.liveExpect("add_robot", wire.LiveRobotRequest{RoomID: "lr", RobotListAccount: []string{"b1", "b2"}}, 0)
	h.liveExpect("add_robot", wire.LiveRobotRequest{RoomID: "lr", RobotListAccount: []string{"b3", "b4"}}, catalog.CodeInvalidParameter)
	h.liveExpect("add_robot", wire.LiveRobotRequest{RoomID: "lr", RobotListAccount: []string{"ghost"}}, catalog.CodeInvalidParameter)
	var robots []string
	_ = json.Unmarshal(fieldOf(t, h.liveExpect("get_robot", wire.LiveRoomIDRequest{RoomID: "lr"}, 0), "RobotList_Account"), &robots)
	if len(robots) != 2 || robots[0] != "b1" || robots[1] != "b2" {
		t.Fatalf("robots %v, want [b1 b2]", robots)
	}
	// A robot sits on a seat and may then be mixed.
	h.seat("pick_user_on_seat", wire.PickUserOnSeatRequest{RoomID: "lr", Index: 0, MemberAccount: "b1"}, 0)
	layout := &wire.LiveLayoutInfo{LayoutList: []wire.LiveLayoutPicture{{RoomID: "lr", MemberAccount: "b1", ImageWidth: 90, ImageHeight: 160}}}
	h.liveExpect("set_mix_stream", wire.LiveSetMixStreamRequest{RoomID: "lr", LayoutMode: 1000, VideoEncode: wire.LiveVideoEncode{Width: 720, Height: 1280}, LayoutInfo: layout}, 0)
	h.liveExpect("resume_mcu_task", wire.LiveRoomIDRequest{RoomID: "lr"}, 0)
	unseated := &wire.LiveLayoutInfo{LayoutList: []wire.LiveLayoutPicture{{RoomID: "lr", MemberAccount: "b2"}}}
	h.liveExpect("set_mix_stream", wire.LiveSetMixStreamRequest{RoomID: "lr", LayoutMode: 1000, VideoEncode: wire.LiveVideoEncode{Width: 720, Height: 1280}, LayoutInfo: unseated}, catalog.CodeInvalidParameter)
	h.liveExpect("set_mix_stream", wire.LiveSetMixStreamRequest{RoomID: "lr", LayoutMode: 1000, VideoEncode: wire.LiveVideoEncode{Width: 720, Height: 1280}}, catalog.CodeInvalidParameter)
	h.liveExpect("set_mix_stream", wire.LiveSetMixStreamRequest{RoomID: "lr", LayoutMode: 10, VideoEncode: wire.LiveVideoEncode{Width: 720, Height: 1280}}, catalog.CodeInvalidParameter)
	// Removing the robot takes it off its seat; the stored layout no longer holds.
	h.liveExpect("del_robot", wire.LiveRobotRequest{RoomID: "lr", RobotListAccount: []string{"b1"}}, 0)
	h.liveExpect("resume_mcu_task", wire.LiveRoomIDRequest{RoomID: "lr"}, catalog.CodeInvalidParameter)

	// Messages and statistics; the alias answers the same counters.
	h.liveExpect("send_text_msg", wire.LiveSendTextMsgRequest{RoomID: "lr", SenderAccount: "viewer", TextContent: "hi", ExtensionInfo: wire.Ptr(`{"a":1}`)}, 0)
	h.liveExpect("send_text_msg", wire.LiveSendTextMsgRequest{RoomID: "lr", SenderAccount: "viewer", TextContent: "hi", ExtensionInfo: wire.Ptr(`not json`)}, catalog.CodeInvalidParameter)
	h.liveExpect("send_text_msg", wire.LiveSendTextMsgRequest{RoomID: "lr", SenderAccount: "ghost", TextContent: "hi"}, catalog.CodeInvalidParameter)
	h.liveExpect("send_custom_msg", wire.LiveSendCustomMsgRequest{RoomID: "lr", BusinessID: "b", Data: 7}, 0)
	h.e.mu.Lock()
	h.e.state.rooms["lr"].live.countGift("viewer", 2, 20)
	h.e.mu.Unlock()
	for _, name := range []string{"get_room_stats", "get_room_statistic"} {
		var stats wire.LiveGetRoomStatsResponse
		if err := json.Unmarshal(h.liveExpect(name, wire.LiveRoomIDRequest{RoomID: "lr"}, 0).raw, &stats); err != nil {
			t.Fatal(err)
		}
		want := wire.LiveRoomStats{TotalMsgCount: 2, TotalGiftsSent: 2, TotalGiftCoins: 20, TotalUniqueGiftSenders: 1}
		if stats.Response != want {
			t.Errorf("%s: %+v, want %+v", name, stats.Response, want)
		}
	}

	// Robots live in Live rooms only: a Conference room's ID is 100006.
	h.mustCreate("conf")
	h.liveExpect("add_robot", wire.LiveRobotRequest{RoomID: "conf", RobotListAccount: []string{"b1"}}, catalog.CodeNoPermission)
	h.liveExpect("get_robot", wire.LiveRoomIDRequest{RoomID: "nowhere"}, catalog.CodeRoomNotFound)
}

// TestLiveRoomWithARobotIsNeverDismissed: auto-dismiss rule 1 spares a room holding a robot
// (robot pages); deleting the robot makes the rule apply again.
func TestLiveRoomWithARobotIsNeverDismissed(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.importAccounts("viewer", "bot")
	h.liveCreate(wire.LiveRoomSettings{RoomID: "kept"})
	h.liveExpect("add_robot", wire.LiveRobotRequest{RoomID: "kept", RobotListAccount: []string{"bot"}}, 0)
	if err := h.e.Enter("kept", "viewer"); err != nil {
		t.Fatal(err)
	}
	if err := h.e.Leave("kept", "viewer"); err != nil {
		t.Fatal(err)
	}
	start := h.e.clock.Now()
	h.setClock(start.Add(31 * time.Minute).UnixMilli())
	h.liveInfo("kept")
	h.liveExpect("del_robot", wire.LiveRobotRequest{RoomID: "kept", RobotListAccount: []string{"bot"}}, 0)
	h.liveExpect("get_room_info", wire.LiveRoomIDRequest{RoomID: "kept"}, catalog.CodeRoomNotFound)
}
