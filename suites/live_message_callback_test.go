package suites

// Room chat messages and their Live webhooks: send_text_msg and send_custom_msg fire the
// blocking Group.CallbackBeforeSendMsg, whose reply decides the message, then
// Group.CallbackAfterSendMsg. Vendor pages: https://www.tencentcloud.com/document/product/647/74347
// (before), https://www.tencentcloud.com/document/product/647/74348 (after),
// https://trtc.io/document/64412 (blocking callbacks, 2 s), https://trtc.io/document/64413 (the
// NotBlock flag), https://trtc.io/document/74353 and 74354 (the commands).
// Decisions: docs/errata-live.md L-42, L-52, L-53, L-58, L-59.

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/harness"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// beyondBlockingWait is a receiver slower than the documented 2 s a blocking callback is
// awaited (https://trtc.io/document/64412).
const beyondBlockingWait = 3 * time.Second

// messageEvents is the Live configuration of the two room chat events, and of the NotBlock
// flag when notBlock.
func messageEvents(notBlock bool, words ...string) wire.CallbackConfig {
	if len(words) == 0 {
		words = []string{catalog.LiveEventBeforeSendMsg, catalog.LiveEventAfterSendMsg}
	}
	if notBlock {
		words = append(words, catalog.LiveCallbackNotBlock)
	}
	return wire.CallbackConfig{URL: session.Receiver.URL(), CallbackCommandList: words}
}

// answerBeforeSendMsg makes the receiver answer Group.CallbackBeforeSendMsg with ErrorCode code
// after delay, for the rest of the spec.
func answerBeforeSendMsg(code int, delay time.Duration) {
	restore := session.Receiver.ReplyWith(func(c harness.Callback) (harness.Reply, bool) {
		return harness.DecisionReply(code, "decided by a spec", delay), c.Command() == catalog.LiveEventBeforeSendMsg
	})
	DeferCleanup(restore)
}

// sendSpecText posts a text as member1 with JSON ExtensionInfo.
func sendSpecText(ctx context.Context, roomID, text string) *client.Response {
	GinkgoHelper()
	return live.send(ctx, "send_text_msg", wire.LiveSendTextMsgRequest{RoomID: roomID, SenderAccount: member1, TextContent: text, ExtensionInfo: wire.Ptr(`{"spec":1}`)})
}

// expectNotSent checks that a refused message was not sent: no AfterSendMsg about the room
// and the room's message count unchanged.
func expectNotSent(ctx context.Context, mark int, roomID string, messagesBefore int64) {
	GinkgoHelper()
	Expect(session.Receiver.Matching(ctx, mark, quietWindow, func(c harness.Callback) bool {
		return c.Command() == catalog.LiveEventAfterSendMsg && about(c, roomID)
	})).To(BeEmpty(), "an AfterSendMsg reports a message the before-callback refused")
	Expect(liveStats(ctx, "get_room_stats", roomID).TotalMsgCount).To(Equal(messagesBefore), "a refused message was counted")
}

// messageElement is the first element of an event's MsgBody.
func messageElement(e event) map[string]any {
	GinkgoHelper()
	body, _ := e.field("MsgBody").([]any)
	Expect(body).NotTo(BeEmpty(), "MsgBody")
	element, _ := body[0].(map[string]any)
	return element
}

var _ = Describe("Live webhooks: room chat messages", labels.Area("callback"), labels.NeedsCallbacks(), serialWhereShared, func() {

	It("sends a text the receiver allows (0), then reports it with AfterSendMsg (74347, 74348)", labels.Command(liveSvc, "send_text_msg"),
		labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, messageEvents(false))
			answerBeforeSendMsg(0, 0)
			id := live.room(ctx)
			mark, since := session.Receiver.Mark(), time.Now()
			sent := sentMessage(sendSpecText(ctx, id, "hello webhooks"))

			before := awaitLiveEvent(ctx, mark, catalog.LiveEventBeforeSendMsg, id, since)
			after := awaitLiveEvent(ctx, mark, catalog.LiveEventAfterSendMsg, id, since)
			for _, e := range []event{before, after} {
				Expect(e.field("GroupId")).To(Equal(id), "GroupId is the room")
				Expect(e.field("Type")).To(Equal("Live"))
				Expect(e.field("From_Account")).To(Equal(member1), "From_Account is Sender_Account")
				Expect(messageElement(e)).To(HaveKeyWithValue("MsgType", "TIMTextElem"))
				Expect(messageElement(e)).To(HaveKeyWithValue("MsgContent", HaveKeyWithValue("Text", "hello webhooks")))
			}
			Expect(after.field("MsgId")).To(Equal(before.field("MsgId")), "the two events of one message name the same MsgId")
			Expect(after.field("MsgTime")).To(BeNumerically("~", since.Unix(), clockSkew.Seconds()), "MsgTime in Unix seconds")
			if sent.Response != nil {
				Expect(after.field("MsgSeq")).To(BeEquivalentTo(sent.Response.MsgSeq), "AfterSendMsg's MsgSeq is the one answered")
			}
			if cloud := after.field("CloudCustomData"); cloud != nil {
				Expect(cloud).To(Equal(`{"spec":1}`), "CloudCustomData carries ExtensionInfo")
			}
		})

	It("sends a custom message the receiver allows, and reports it (74348)", labels.Command(liveSvc, "send_custom_msg"), labels.Code(0), func(ctx SpecContext) {
		useLiveCallbacks(ctx, messageEvents(false))
		answerBeforeSendMsg(0, 0)
		id := live.room(ctx)
		mark, since := session.Receiver.Mark(), time.Now()
		sentMessage(live.send(ctx, "send_custom_msg", wire.LiveSendCustomMsgRequest{RoomID: id, SenderAccount: wire.Ptr(member2), BusinessID: "spec_like", Data: "42"}))
		awaitLiveEvent(ctx, mark, catalog.LiveEventBeforeSendMsg, id, since)
		after := awaitLiveEvent(ctx, mark, catalog.LiveEventAfterSendMsg, id, since)
		Expect(after.field("From_Account")).To(Equal(member2))
		Expect(messageElement(after)).To(HaveKey("MsgContent"))
	})

	It("signs the blocking delivery like every Live delivery (L-53)", labels.Command(liveSvc, "send_text_msg"), labels.Code(0), func(ctx SpecContext) {
		useLiveCallbacks(ctx, messageEvents(false))
		answerBeforeSendMsg(0, 0)
		token := specToken()
		session.Receiver.SetToken(token)
		Expect(liveConfigCall(ctx, "set_callback_token", wire.LiveCallbackTokenRequest{Token: &token, IsTokenEnable: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
		id := live.room(ctx)
		mark, since := session.Receiver.Mark(), time.Now()
		sentMessage(sendSpecText(ctx, id, "signed"))
		before := awaitLiveEvent(ctx, mark, catalog.LiveEventBeforeSendMsg, id, since)
		Expect(before.Signature.Signed).To(BeTrue(), "no Sign and RequestTime while the token is enabled")
		Expect(before.Signature.Verified).To(BeTrue())
	})

	It("does not send a message the receiver refuses (1): any refusal, no AfterSendMsg, not counted (L-58)", labels.Command(liveSvc, "send_text_msg"),
		func(ctx SpecContext) {
			useLiveCallbacks(ctx, messageEvents(false))
			answerBeforeSendMsg(1, 0)
			id := live.room(ctx)
			count := liveStats(ctx, "get_room_stats", id).TotalMsgCount
			mark, since := session.Receiver.Mark(), time.Now()
			Expect(sendSpecText(ctx, id, "refused")).To(BeRefusal())
			awaitLiveEvent(ctx, mark, catalog.LiveEventBeforeSendMsg, id, since)
			expectNotSent(ctx, mark, id, count)
		})

	It("refuses a message with the receiver's code from 102100 to 102200, passed to the caller (L-58)", labels.Command(liveSvc, "send_custom_msg"),
		labels.Code(102150), func(ctx SpecContext) {
			useLiveCallbacks(ctx, messageEvents(false))
			answerBeforeSendMsg(102150, 0)
			id := live.room(ctx)
			count := liveStats(ctx, "get_room_stats", id).TotalMsgCount
			mark, since := session.Receiver.Mark(), time.Now()
			Expect(live.send(ctx, "send_custom_msg", wire.LiveSendCustomMsgRequest{RoomID: id, BusinessID: "spec_gate", Data: "x"})).To(BeDocumentedAnswer(102150))
			awaitLiveEvent(ctx, mark, catalog.LiveEventBeforeSendMsg, id, since)
			expectNotSent(ctx, mark, id, count)
		})

	It("blocks a message while the receiver answers after more than 2 s (64412, L-58)", labels.Command(liveSvc, "send_text_msg"), func(ctx SpecContext) {
		useLiveCallbacks(ctx, messageEvents(false))
		answerBeforeSendMsg(0, beyondBlockingWait)
		id := live.room(ctx)
		count := liveStats(ctx, "get_room_stats", id).TotalMsgCount
		mark, since := session.Receiver.Mark(), time.Now()
		Expect(sendSpecText(ctx, id, "too slow")).To(BeRefusal())
		awaitLiveEvent(ctx, mark, catalog.LiveEventBeforeSendMsg, id, since)
		expectNotSent(ctx, mark, id, count)
	})

	It("sends a message despite a slow receiver when Live.CallbackBeforeCallBackNotBlock is configured (64413, L-58)", labels.Command(liveSvc, "send_text_msg"),
		labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, messageEvents(true))
			answerBeforeSendMsg(1, beyondBlockingWait) // a refusal that comes too late refuses nothing
			id := live.room(ctx)
			mark, since := session.Receiver.Mark(), time.Now()
			sentMessage(sendSpecText(ctx, id, "not blocked"))
			awaitLiveEvent(ctx, mark, catalog.LiveEventAfterSendMsg, id, since)
		})

	It("sends nothing for a word outside the configured list, and asks no unlisted before-callback", labels.Command(liveSvc, "send_text_msg"),
		labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, messageEvents(false, catalog.LiveEventAfterSendMsg))
			answerBeforeSendMsg(1, 0) // would refuse, were it asked
			id := live.room(ctx)
			mark, since := session.Receiver.Mark(), time.Now()
			sentMessage(sendSpecText(ctx, id, "after only"))
			awaitLiveEvent(ctx, mark, catalog.LiveEventAfterSendMsg, id, since)
			// A blocking callback is delivered before the action's answer: no window to wait.
			Expect(session.Receiver.Matching(ctx, mark, 0, func(c harness.Callback) bool {
				return c.Command() == catalog.LiveEventBeforeSendMsg && about(c, id)
			})).To(BeEmpty(), "BeforeSendMsg delivered though not configured")

			useLiveCallbacks(ctx, messageEvents(false, catalog.LiveEventBeforeSendMsg))
			answerBeforeSendMsg(0, 0)
			mark, since = session.Receiver.Mark(), time.Now()
			sentMessage(sendSpecText(ctx, id, "before only"))
			awaitLiveEvent(ctx, mark, catalog.LiveEventBeforeSendMsg, id, since)
			Expect(session.Receiver.Matching(ctx, mark, quietWindow, func(c harness.Callback) bool {
				return c.Command() == catalog.LiveEventAfterSendMsg && about(c, id)
			})).To(BeEmpty(), "AfterSendMsg delivered though not configured")
		})
})
