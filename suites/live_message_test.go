package suites

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// sentMessage decodes the answer of a message accepted by the service.
func sentMessage(resp *client.Response) wire.LiveMessageSent {
	GinkgoHelper()
	Expect(resp).To(BeDocumentedAnswer(0))
	var answer wire.LiveMessageSent
	Expect(resp.Decode(&answer)).To(Succeed())
	return answer
}

// unlimitedRoom creates a Live room with IsUnlimitedRoomEnabled, the precondition of mixing.
func unlimitedRoom(ctx context.Context) string {
	GinkgoHelper()
	id := live.newID()
	req := liveRoomRequest(id)
	req.RoomInfo.OwnerAccount, req.RoomInfo.IsUnlimitedRoomEnabled = wire.Ptr(ownerA), wire.Ptr(true)
	live.mustCreate(ctx, req)
	return id
}

// seatedRobot makes account a robot of the room and picks it onto the first seat: a seated
// host without the control plane, as Tencent's console seats its OBS robot.
func seatedRobot(ctx context.Context, roomID, account string) {
	GinkgoHelper()
	Expect(addRobots(ctx, roomID, account)).To(BeDocumentedAnswer(0))
	first, _ := seatIndexes(seats(ctx, roomID))
	Expect(pick(ctx, roomID, first, account)).To(BeDocumentedAnswer(0))
}

// mixBody is a set_mix_stream packet of the page's 720x1280 picture.
func mixBody(roomID string, mode int, layout *wire.LiveLayoutInfo) wire.LiveSetMixStreamRequest {
	return wire.LiveSetMixStreamRequest{RoomID: roomID, LayoutMode: mode, VideoEncode: wire.LiveVideoEncode{Width: 720, Height: 1280}, LayoutInfo: layout}
}

// hostLayout places account's camera in the top right corner, as the page's sample does.
func hostLayout(roomID, account string) *wire.LiveLayoutInfo {
	return &wire.LiveLayoutInfo{
		LayoutList:    []wire.LiveLayoutPicture{{LocationX: 630, ImageWidth: 90, ImageHeight: 160, RoomID: roomID, MemberAccount: account, ZOrder: 1}},
		MaxUserLayout: &wire.LiveMaxUserLayout{RoomID: roomID, MemberAccount: account, StreamType: 0},
	}
}

var _ = Describe("Live API", labels.Area("live"), func() {

	// Send Text Message: https://trtc.io/document/74353. No error table could be read: refusals
	// may carry any code; 100002 and 100004 are the likely ones (errata-live L-29, L-48).
	Describe("send_text_msg", labels.Command(liveSvc, "send_text_msg"), func() {

		It("posts a text as an imported account, with JSON ExtensionInfo; MsgSeq grows", labels.Code(0), func(ctx SpecContext) {
			id := live.room(ctx)
			before := time.Now().Unix()
			first := sentMessage(live.send(ctx, "send_text_msg", wire.LiveSendTextMsgRequest{RoomID: id, SenderAccount: member1, TextContent: "hello", ExtensionInfo: wire.Ptr(`{"data":1,"value":2}`)}))
			second := sentMessage(live.send(ctx, "send_text_msg", wire.LiveSendTextMsgRequest{RoomID: id, SenderAccount: member2, TextContent: "again"}))
			if first.Response == nil || second.Response == nil {
				return // the English pages answer the envelope only (L-29)
			}
			Expect(first.Response.MsgTime).To(BeNumerically("~", before, clockSkew.Seconds()))
			Expect(second.Response.MsgSeq).To(BeNumerically(">", first.Response.MsgSeq), "MsgSeq numbers the room's messages")
		})

		It("posts a text as the administrator, as Tencent's console does", labels.Code(0), func(ctx SpecContext) {
			sentMessage(live.send(ctx, "send_text_msg", wire.LiveSendTextMsgRequest{RoomID: live.room(ctx), SenderAccount: session.Settings.Admin, TextContent: "hello from the console"}))
		})

		DescribeTable("refuses a message the page does not allow",
			func(ctx SpecContext, fields string) {
				Expect(live.send(ctx, "send_text_msg", `{"RoomId":"`+live.room(ctx)+`"`+fields+`}`)).To(BeRefusal(catalog.CodeInvalidParameter))
			},
			Entry("ExtensionInfo that is not JSON", labels.Code(100002), `,"Sender_Account":"`+member1+`","TextContent":"x","ExtensionInfo":"not json"`),
			Entry("a sender that was never imported", labels.Code(100002), `,"Sender_Account":"`+neverImported+`","TextContent":"x"`),
			Entry("Sender_Account missing", labels.Code(100002), `,"TextContent":"x"`),
			Entry("TextContent missing", labels.Code(100002), `,"Sender_Account":"`+member1+`"`),
			Entry("TextContent not a string", labels.Code(100002), `,"Sender_Account":"`+member1+`","TextContent":5`),
		)

		It("refuses a room that does not exist (100004 likely)", labels.Code(100004), func(ctx SpecContext) {
			Expect(live.send(ctx, "send_text_msg", live.absent(`,"Sender_Account":"`+member1+`","TextContent":"x"`))).To(BeRefusal(catalog.CodeRoomNotFound))
		})
	})

	// Send Custom Message: https://trtc.io/document/74354 (body from trtc.io/zh and
	// cloud.tencent.com 269/125772, errata-live L-29).
	Describe("send_custom_msg", labels.Command(liveSvc, "send_custom_msg"), func() {

		DescribeTable("posts a custom message",
			func(ctx SpecContext, fields string) {
				sentMessage(live.send(ctx, "send_custom_msg", `{"RoomId":"`+live.room(ctx)+`"`+fields+`}`))
			},
			Entry("with a sender and JSON text Data, as Tencent's console sends it", labels.Code(0),
				`,"Sender_Account":"`+member1+`","BusinessId":"comment_visibility","Data":"{\"action\":\"comment_visibility\",\"enabled\":false}"`),
			Entry("without Sender_Account (optional)", labels.Code(0), `,"BusinessId":"notice","Data":"text"`),
			Entry("with an integer Data (one table types it Integer)", labels.Code(0), `,"BusinessId":"notice","Data":7`),
		)

		DescribeTable("refuses a message the page does not allow",
			func(ctx SpecContext, fields string) {
				Expect(live.send(ctx, "send_custom_msg", `{"RoomId":"`+live.room(ctx)+`"`+fields+`}`)).To(BeRefusal(catalog.CodeInvalidParameter))
			},
			Entry("BusinessId missing", labels.Code(100002), `,"Data":"x"`),
			Entry("Data missing", labels.Code(100002), `,"BusinessId":"b"`),
			Entry("Data an object", labels.Code(100002), `,"BusinessId":"b","Data":{}`),
			Entry("a sender that was never imported", labels.Code(100002), `,"Sender_Account":"`+neverImported+`","BusinessId":"b","Data":"x"`),
		)

		It("refuses a room that does not exist (100004 likely)", labels.Code(100004), func(ctx SpecContext) {
			Expect(live.send(ctx, "send_custom_msg", live.absent(`,"BusinessId":"b","Data":"x"`))).To(BeRefusal(catalog.CodeRoomNotFound))
		})
	})

	// Set Mix Stream: https://trtc.io/document/69077. The room must have been created with
	// IsUnlimitedRoomEnabled and every placed host be on a seat; no error table could be read
	// (errata-live L-30, L-49).
	Describe("set_mix_stream", labels.Command(liveSvc, "set_mix_stream"), func() {

		It("sets the grid layout of an unlimited room", labels.Code(0), func(ctx SpecContext) {
			live.expect(ctx, "set_mix_stream", mixBody(unlimitedRoom(ctx), wire.LiveLayoutGrid, nil), 0)
		})

		It("sets a custom layout of a seated host, as in the page's sample", labels.Code(0), func(ctx SpecContext) {
			id := unlimitedRoom(ctx)
			seatedRobot(ctx, id, member1)
			live.expect(ctx, "set_mix_stream", mixBody(id, wire.LiveLayoutCustom, hostLayout(id, member1)), 0)
		})

		DescribeTable("refuses a layout the page does not allow (100002 likely)",
			func(ctx SpecContext, body func(ctx context.Context) any) {
				Expect(live.send(ctx, "set_mix_stream", body(ctx))).To(BeRefusal(catalog.CodeInvalidParameter))
			},
			Entry("in a room created without IsUnlimitedRoomEnabled", labels.Code(100002), func(ctx context.Context) any {
				return mixBody(live.room(ctx), wire.LiveLayoutGrid, nil)
			}),
			Entry("placing a host who is not on a seat", labels.Code(100002), func(ctx context.Context) any {
				id := unlimitedRoom(ctx)
				return mixBody(id, wire.LiveLayoutCustom, hostLayout(id, member1))
			}),
			Entry("a custom layout without LayoutInfo", labels.Code(100002), func(ctx context.Context) any {
				return mixBody(unlimitedRoom(ctx), wire.LiveLayoutCustom, nil)
			}),
			Entry("LayoutMode 10, neither built in nor custom", labels.Code(100002), func(ctx context.Context) any {
				return mixBody(unlimitedRoom(ctx), 10, nil)
			}),
			Entry("VideoEncode missing", labels.Code(100002), func(ctx context.Context) any {
				return `{"RoomId":"` + unlimitedRoom(ctx) + `","LayoutMode":0}`
			}),
			Entry("a StreamType of 4", labels.Code(100002), func(ctx context.Context) any {
				id := unlimitedRoom(ctx)
				return strings.Replace(mustMarshal(mixBody(id, wire.LiveLayoutCustom, hostLayout(id, member1))), `"StreamType":0`, `"StreamType":4`, 1)
			}),
		)

		It("refuses a room that does not exist (100004 likely)", labels.Code(100004), func(ctx SpecContext) {
			Expect(live.send(ctx, "set_mix_stream", mixBody(live.newID(), wire.LiveLayoutGrid, nil))).To(BeRefusal(catalog.CodeRoomNotFound))
		})
	})

	// Resume the Mixing Layout: https://www.tencentcloud.com/document/product/647/72333.
	Describe("resume_mcu_task", labels.Command(liveSvc, "resume_mcu_task"), func() {

		It("restores the layout set_mix_stream set", labels.Code(0), labels.Command(liveSvc, "set_mix_stream"), func(ctx SpecContext) {
			id := unlimitedRoom(ctx)
			seatedRobot(ctx, id, member1)
			live.expect(ctx, "set_mix_stream", mixBody(id, wire.LiveLayoutCustom, hostLayout(id, member1)), 0)
			live.expect(ctx, "resume_mcu_task", wire.LiveRoomIDRequest{RoomID: id}, 0)
		})

		It("restores the default layout of a room that never had one, or refuses it (100002)", labels.Code(0, 100002), func(ctx SpecContext) {
			resp := live.send(ctx, "resume_mcu_task", wire.LiveRoomIDRequest{RoomID: unlimitedRoom(ctx)})
			if resp.Code() != 0 {
				Expect(resp).To(BeRefusal(catalog.CodeInvalidParameter))
				return
			}
			Expect(resp).To(BeDocumentedAnswer(0))
		})

		It("refuses a room created without IsUnlimitedRoomEnabled (100002 likely)", labels.Code(100002), func(ctx SpecContext) {
			Expect(live.send(ctx, "resume_mcu_task", wire.LiveRoomIDRequest{RoomID: live.room(ctx)})).To(BeRefusal(catalog.CodeInvalidParameter))
		})

		DescribeTable("refuses a packet without a valid RoomId (100002 likely)",
			func(ctx SpecContext, body string) {
				Expect(live.send(ctx, "resume_mcu_task", body)).To(BeRefusal(catalog.CodeInvalidParameter))
			},
			Entry("RoomId missing", labels.Code(100002), `{}`),
			Entry("RoomId of 49 bytes", labels.Code(100002), `{"RoomId":"`+strings.Repeat("r", 49)+`"}`),
		)

		It("refuses a room that does not exist (100004 likely)", labels.Code(100004), func(ctx SpecContext) {
			Expect(live.send(ctx, "resume_mcu_task", wire.LiveRoomIDRequest{RoomID: live.newID()})).To(BeRefusal(catalog.CodeRoomNotFound))
		})
	})
})

// mustMarshal is the JSON text of a packet, for packets a spec edits by hand.
func mustMarshal(packet any) string {
	GinkgoHelper()
	raw, err := json.Marshal(packet)
	Expect(err).NotTo(HaveOccurred())
	return string(raw)
}
