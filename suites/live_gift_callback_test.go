package suites

// Gifts and their Live webhook: send_gift fires the blocking Live.CallbackBeforeSendGift, whose
// reply decides the gift: 0 allows it, 1 refuses it, a code from 102100 to 102200 refuses it
// with that code; no reply within 2 s blocks it unless Live.CallbackBeforeCallBackNotBlock is
// configured. Vendor pages: https://trtc.io/document/72210 (the event),
// https://trtc.io/document/64412 (blocking callbacks), https://trtc.io/document/64413 (NotBlock),
// https://trtc.io/document/72556 (send_gift: 102004 "before-send-gift callback failed").

import (
	"context"
	"encoding/json"
	"math"
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

// answerBeforeSendGift makes the receiver answer Live.CallbackBeforeSendGift with ErrorCode
// code after delay, for the rest of the spec.
func answerBeforeSendGift(code int, delay time.Duration) {
	restore := session.Receiver.ReplyWith(func(c harness.Callback) (harness.Reply, bool) {
		return harness.DecisionReply(code, "decided by a spec", delay), c.Command() == catalog.LiveEventBeforeSendGift
	})
	DeferCleanup(restore)
}

// giftEvents is the Live configuration of the before-send-gift event, with the NotBlock flag
// when notBlock.
func giftEvents(notBlock bool) wire.CallbackConfig {
	words := []string{catalog.LiveEventBeforeSendGift}
	if notBlock {
		words = append(words, catalog.LiveCallbackNotBlock)
	}
	return wire.CallbackConfig{URL: session.Receiver.URL(), CallbackCommandList: words}
}

// jsonNumber is a number of a decoded payload (json.Number or float64) as a float64; anything
// else is NaN, which no number matcher accepts.
func jsonNumber(v any) float64 {
	switch n := v.(type) {
	case json.Number:
		if f, err := n.Float64(); err == nil {
			return f
		}
	case float64:
		return n
	}
	return math.NaN()
}

// sendSpecGift sends two of gift from member1 to the room's owner.
func sendSpecGift(ctx context.Context, roomID, gift string) *client.Response {
	GinkgoHelper()
	return live.send(ctx, "send_gift", wire.LiveSendGiftRequest{RoomID: roomID, GiftID: gift, Count: wire.Ptr(2),
		FromAccount: member1, ReceiverListAccount: []string{ownerA}})
}

var _ = Describe("Live webhooks: gifts", labels.Area("callback"), labels.NeedsCallbacks(), serialWhereShared, Ordered, func() {
	var rose string

	BeforeAll(func(ctx SpecContext) {
		rose = newGiftID()
		addGift(ctx, wire.LiveGift{GiftID: rose, Coins: 10, DefaultName: "rose"})
	})

	It("sends a gift the receiver allows (0), telling it who sends what to whom (72210)", labels.Command(liveSvc, "send_gift"), labels.Code(0),
		func(ctx SpecContext) {
			useLiveCallbacks(ctx, giftEvents(false))
			answerBeforeSendGift(0, 0)
			id := live.roomWithAccounts(ctx, member1)
			mark, since := session.Receiver.Mark(), time.Now()
			Expect(sendSpecGift(ctx, id, rose)).To(BeDocumentedAnswer(0))
			e := awaitLiveEvent(ctx, mark, catalog.LiveEventBeforeSendGift, id, since)
			Expect(e.field("Operator_Account")).To(Equal(member1), "Operator_Account is the gift's sender")
			water, _ := e.field("GiftWater").(map[string]any)
			Expect(water).To(HaveKeyWithValue("From_Account", member1))
			Expect(water).To(HaveKeyWithValue("To_Account", ConsistOf(ownerA)))
			Expect(water).To(HaveKeyWithValue("GiftId", rose))
			Expect(water).To(HaveKeyWithValue("Count", WithTransform(jsonNumber, BeEquivalentTo(2))))
			Expect(water).To(HaveKeyWithValue("Time", WithTransform(jsonNumber, BeNumerically("~", since.Unix(), clockSkew.Seconds()))), "Time in Unix seconds")
			Expect(giftCount(ctx, id, ownerA).count+giftCount(ctx, id, member1).count).To(BeEquivalentTo(2), "the allowed gift is counted")
		})

	It("refuses a gift the receiver refuses (1) with 102004, and does not count it", labels.Command(liveSvc, "send_gift"), labels.Code(102004),
		func(ctx SpecContext) {
			useLiveCallbacks(ctx, giftEvents(false))
			answerBeforeSendGift(1, 0)
			id := live.roomWithAccounts(ctx, member1)
			mark, since := session.Receiver.Mark(), time.Now()
			Expect(sendSpecGift(ctx, id, rose)).To(BeDocumentedAnswer(catalog.CodeGiftCallbackFailed))
			awaitLiveEvent(ctx, mark, catalog.LiveEventBeforeSendGift, id, since)
			Expect(giftCount(ctx, id, ownerA)).To(Equal(giftTotals{}), "a refused gift was counted")
		})

	It("refuses a gift with the receiver's code from 102100 to 102200, passed to the caller", labels.Command(liveSvc, "send_gift"),
		labels.Code(102150), func(ctx SpecContext) {
			useLiveCallbacks(ctx, giftEvents(false))
			answerBeforeSendGift(102150, 0)
			id := live.roomWithAccounts(ctx, member1)
			Expect(sendSpecGift(ctx, id, rose)).To(BeDocumentedAnswer(102150))
			Expect(giftCount(ctx, id, ownerA)).To(Equal(giftTotals{}), "a refused gift was counted")
		})

	It("blocks a gift while the receiver answers after more than 2 s (64412)", labels.Command(liveSvc, "send_gift"), labels.Code(102004),
		func(ctx SpecContext) {
			useLiveCallbacks(ctx, giftEvents(false))
			answerBeforeSendGift(0, beyondBlockingWait)
			id := live.roomWithAccounts(ctx, member1)
			Expect(sendSpecGift(ctx, id, rose)).To(BeDocumentedAnswer(catalog.CodeGiftCallbackFailed))
			Expect(giftCount(ctx, id, ownerA)).To(Equal(giftTotals{}), "a blocked gift was counted")
		})

	It("sends a gift despite a slow receiver when Live.CallbackBeforeCallBackNotBlock is configured (64413)", labels.Command(liveSvc, "send_gift"),
		labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, giftEvents(true))
			answerBeforeSendGift(1, beyondBlockingWait) // a refusal that comes too late refuses nothing
			id := live.roomWithAccounts(ctx, member1)
			Expect(sendSpecGift(ctx, id, rose)).To(BeDocumentedAnswer(0))
		})
})
