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

// The gift catalogue is the application's, not a room's: every spec names its own gifts and
// categories (at most 20 bytes, the pages' limit) and deletes them when it ends. Catalogue
// commands are limited to one call a second: the client's budget spaces them.
var _ = Describe("Live API", labels.Area("live"), func() {

	// Gift System Configuration Guide: https://trtc.io/document/72844; one page per command,
	// https://trtc.io/document/72845 to https://trtc.io/document/72859.
	Describe("gift catalogue", Ordered, func() {
		// The specs of this container share two gifts and a category, added once: catalogue
		// commands are limited to one call a second, and each call the suite saves is a second.
		var rose, tulip wire.LiveGift
		var hot wire.LiveGiftCategory

		BeforeAll(func(ctx SpecContext) {
			// A 20-byte GiftId and DefaultName, the documented bounds (L-33, L-35).
			rose = wire.LiveGift{GiftID: padTo(newGiftID(), 20), IconURL: "https://www.example.com/rose.png",
				ResourceURL: "https://www.example.com/rose.mp4", Coins: 10, Level: wire.Ptr(int64(1)),
				ExtensionInfo: `{"key": "value"}`, DefaultName: utf8OfBytes(20), DefaultDesc: "desc1"}
			addGift(ctx, rose)
			// DefaultName may be empty: the page's own sample sends "" (L-35).
			tulip = wire.LiveGift{GiftID: newGiftID(), Coins: 0, DefaultName: ""}
			addGift(ctx, tulip)
			// A 60-byte category description, the documented bound.
			hot = wire.LiveGiftCategory{CategoryID: newCategoryID(), ExtensionInfo: `{"k":1}`, DefaultName: "hot", DefaultDesc: utf8OfBytes(60)}
			addCategory(ctx, hot)
		})

		It("reads a gift and a category back as they were added", labels.Code(0),
			labels.Command(liveSvc, "add_gift"), labels.Command(liveSvc, "get_gift"),
			labels.Command(liveSvc, "add_gift_category"), labels.Command(liveSvc, "get_gift_category"), func(ctx SpecContext) {
				info := readGift(ctx, rose.GiftID)
				Expect(info.GiftID).To(Equal(rose.GiftID))
				Expect([]string{info.IconURL, info.IconURLTable}).To(ContainElement(rose.IconURL), "IconUrl (sample) or IconURL (table), L-34")
				Expect(info.ResourceURL).To(Equal(rose.ResourceURL))
				Expect(info.Coins).To(Equal(rose.Coins))
				Expect(info.Level).To(Equal(*rose.Level))
				Expect(info.ExtensionInfo).To(Equal(rose.ExtensionInfo))
				Expect(info.DefaultName).To(Equal(rose.DefaultName))
				Expect(info.DefaultDesc).To(Equal(rose.DefaultDesc))

				resp := live.expect(ctx, "get_gift_category", wire.LiveGiftCategoryIDRequest{CategoryID: hot.CategoryID}, 0)
				var category wire.LiveGetGiftCategoryResponse
				Expect(resp.Decode(&category)).To(Succeed())
				Expect(category.GiftCategoryInfo).To(Equal(hot))
			})

		It("adds gifts to a category, adding to what it holds, and lists the gifts that do not exist in InvalidGiftIdList or refuses them",
			labels.Command(liveSvc, "add_gift_category_relations"), labels.Command(liveSvc, "get_gift_category_relations"), labels.Code(0, 100002),
			func(ctx SpecContext) {
				live.expect(ctx, "add_gift_category_relations", wire.LiveGiftCategoryRelationsRequest{CategoryID: hot.CategoryID, GiftIDList: []string{rose.GiftID}}, 0)
				ghost := newGiftID()
				resp := live.send(ctx, "add_gift_category_relations", wire.LiveGiftCategoryRelationsRequest{CategoryID: hot.CategoryID, GiftIDList: []string{tulip.GiftID, ghost}})
				if resp.Code() != 0 {
					// L-40: the page does not say that the call fails; a refusal adds nothing.
					Expect(resp).To(BeDocumentedAnswer(catalog.CodeInvalidParameter))
					Expect(giftsOf(ctx, hot.CategoryID)).To(ConsistOf(rose.GiftID))
					Skip("add_gift_category_relations refused a list naming a gift that does not exist (L-40): tulip was not added")
				}
				Expect(resp).To(BeDocumentedAnswer(0))
				var answer wire.LiveAddGiftCategoryRelationsResponse
				Expect(resp.Decode(&answer)).To(Succeed())
				Expect(answer.InvalidGiftIDList).NotTo(ContainElement(tulip.GiftID))
				// The second call adds to the first (the page: never replaces).
				Expect(giftsOf(ctx, hot.CategoryID)).To(ConsistOf(rose.GiftID, tulip.GiftID))
			})

		It("takes the gifts given out of a category and leaves the others", labels.Command(liveSvc, "del_gift_category_relations"), labels.Code(0), func(ctx SpecContext) {
			live.expect(ctx, "del_gift_category_relations", wire.LiveGiftCategoryRelationsRequest{CategoryID: hot.CategoryID, GiftIDList: []string{tulip.GiftID}}, 0)
			Expect(giftsOf(ctx, hot.CategoryID)).To(ConsistOf(rose.GiftID))
			Expect(readGift(ctx, tulip.GiftID).GiftID).To(Equal(tulip.GiftID), "taking a gift out of a category deletes no gift")
		})

		It("sets language entries, a later call changing only the fields it carries", labels.Code(0),
			labels.Command(liveSvc, "set_gift_language"), labels.Command(liveSvc, "get_gift_language"),
			labels.Command(liveSvc, "set_gift_category_language"), labels.Command(liveSvc, "get_gift_category_language"), func(ctx SpecContext) {
				live.expect(ctx, "set_gift_language", wire.LiveSetGiftLanguageRequest{GiftID: rose.GiftID, Language: "en", Name: wire.Ptr("Rose"), Desc: wire.Ptr("red")}, 0)
				live.expect(ctx, "set_gift_category_language", wire.LiveSetGiftCategoryLanguageRequest{CategoryID: hot.CategoryID, Language: "zh-Hant",
					CategoryName: wire.Ptr("熱門"), CategoryDesc: wire.Ptr("最受歡迎")}, 0)
				Expect(giftTexts(ctx, rose.GiftID, "en")).To(Equal(wire.LiveGiftTexts{Name: "Rose", Desc: "red"}))
				Expect(categoryTexts(ctx, hot.CategoryID, "zh-Hant")).To(Equal(wire.LiveGiftCategoryTexts{CategoryName: "熱門", CategoryDesc: "最受歡迎"}))
				// L-36: partial updates.
				live.expect(ctx, "set_gift_language", wire.LiveSetGiftLanguageRequest{GiftID: rose.GiftID, Language: "en", Desc: wire.Ptr("a red rose")}, 0)
				live.expect(ctx, "set_gift_category_language", wire.LiveSetGiftCategoryLanguageRequest{CategoryID: hot.CategoryID, Language: "zh-Hant", CategoryDesc: wire.Ptr("人氣")}, 0)
				Expect(giftTexts(ctx, rose.GiftID, "en")).To(Equal(wire.LiveGiftTexts{Name: "Rose", Desc: "a red rose"}))
				Expect(categoryTexts(ctx, hot.CategoryID, "zh-Hant")).To(Equal(wire.LiveGiftCategoryTexts{CategoryName: "熱門", CategoryDesc: "人氣"}))
			})

		It("refuses the first entry of a language without a name with 100002", labels.Code(100002),
			labels.Command(liveSvc, "set_gift_language"), labels.Command(liveSvc, "set_gift_category_language"), func(ctx SpecContext) {
				expectInvalid(ctx, "set_gift_language", wire.LiveSetGiftLanguageRequest{GiftID: tulip.GiftID, Language: "zh-Hans", Desc: wire.Ptr("no name")})
				expectInvalid(ctx, "set_gift_category_language", wire.LiveSetGiftCategoryLanguageRequest{CategoryID: hot.CategoryID, Language: "en", CategoryDesc: wire.Ptr("no name")})
			})

		It("deletes language entries: a read of the language afterwards is refused or answers the default texts", labels.Code(0),
			labels.Command(liveSvc, "del_gift_language"), labels.Command(liveSvc, "del_gift_category_language"), func(ctx SpecContext) {
				live.expect(ctx, "del_gift_language", wire.LiveGiftLanguageRequest{GiftID: rose.GiftID, Language: "en"}, 0)
				live.expect(ctx, "del_gift_category_language", wire.LiveGiftCategoryLanguageRequest{CategoryID: hot.CategoryID, Language: "zh-Hant"}, 0)
				// L-55: no entry is refused, or falls back to the default name and description.
				resp := live.send(ctx, "get_gift_language", wire.LiveGiftLanguageRequest{GiftID: rose.GiftID, Language: "en"})
				if resp.Code() == 0 {
					Expect(textsOfGift(resp)).To(Equal(wire.LiveGiftTexts{Name: rose.DefaultName, Desc: rose.DefaultDesc}))
				} else {
					Expect(resp).To(BeRefusal(catalog.CodeInvalidParameter))
				}
				resp = live.send(ctx, "get_gift_category_language", wire.LiveGiftCategoryLanguageRequest{CategoryID: hot.CategoryID, Language: "zh-Hant"})
				if resp.Code() == 0 {
					Expect(textsOfCategory(resp)).To(Equal(wire.LiveGiftCategoryTexts{CategoryName: hot.DefaultName, CategoryDesc: hot.DefaultDesc}))
				} else {
					Expect(resp).To(BeRefusal(catalog.CodeInvalidParameter))
				}
			})

		It("refuses adding a gift ID the catalogue holds, or replaces the gift", labels.Command(liveSvc, "add_gift"), labels.Code(0, 100002), func(ctx SpecContext) {
			resp := live.send(ctx, "add_gift", wire.LiveGift{GiftID: tulip.GiftID, Coins: 2})
			if resp.Code() == 0 {
				Expect(readGift(ctx, tulip.GiftID).Coins).To(BeEquivalentTo(2), "an add that succeeds replaces the gift (L-55)")
				return
			}
			Expect(resp).To(BeRefusal(catalog.CodeInvalidParameter))
			Expect(readGift(ctx, tulip.GiftID).Coins).To(BeEquivalentTo(tulip.Coins), "a refused add changed the gift")
		})

		It("deletes a gift together with its language entries and its place in every category", labels.Command(liveSvc, "del_gift"), labels.Code(0), func(ctx SpecContext) {
			live.expect(ctx, "set_gift_language", wire.LiveSetGiftLanguageRequest{GiftID: rose.GiftID, Language: "zh-Hans", Name: wire.Ptr("玫瑰")}, 0)
			live.expect(ctx, "del_gift", wire.LiveGiftIDRequest{GiftID: rose.GiftID}, 0)
			Expect(live.send(ctx, "get_gift", wire.LiveGiftIDRequest{GiftID: rose.GiftID})).To(BeRefusal(catalog.CodeInvalidParameter))
			Expect(giftsOf(ctx, hot.CategoryID)).To(BeEmpty())
			Expect(live.send(ctx, "get_gift_language", wire.LiveGiftLanguageRequest{GiftID: rose.GiftID, Language: "zh-Hans"})).To(BeRefusal(catalog.CodeInvalidParameter))
		})

		It("deletes a category with its language entries, accepts deleting one that does not exist, and keeps the gifts", labels.Command(liveSvc, "del_gift_category"), labels.Code(0), func(ctx SpecContext) {
			live.expect(ctx, "set_gift_category_language", wire.LiveSetGiftCategoryLanguageRequest{CategoryID: hot.CategoryID, Language: "en", CategoryName: wire.Ptr("Hot")}, 0)
			live.expect(ctx, "del_gift_category", wire.LiveGiftCategoryIDRequest{CategoryID: hot.CategoryID}, 0)
			Expect(live.send(ctx, "get_gift_category", wire.LiveGiftCategoryIDRequest{CategoryID: hot.CategoryID})).To(BeRefusal(catalog.CodeInvalidParameter))
			Expect(live.send(ctx, "get_gift_category_language", wire.LiveGiftCategoryLanguageRequest{CategoryID: hot.CategoryID, Language: "en"})).To(BeRefusal(catalog.CodeInvalidParameter))
			// L-37: deleting a category that does not exist succeeds.
			live.expect(ctx, "del_gift_category", wire.LiveGiftCategoryIDRequest{CategoryID: hot.CategoryID}, 0)
			Expect(readGift(ctx, tulip.GiftID).GiftID).To(Equal(tulip.GiftID), "deleting a category deletes no gift")
		})
	})

	Describe("gift catalogue refusals and limits", func() {

		It("accepts deleting a gift that does not exist, or refuses it with 100002", labels.Command(liveSvc, "del_gift"), labels.Code(0, 100002), func(ctx SpecContext) {
			resp := live.send(ctx, "del_gift", wire.LiveGiftIDRequest{GiftID: newGiftID()})
			if resp.Code() != 0 {
				Expect(resp).To(BeRefusal(catalog.CodeInvalidParameter)) // L-55
				return
			}
			Expect(resp).To(BeDocumentedAnswer(0))
		})

		DescribeTable("refuses a malformed catalogue packet with 100002",
			func(ctx SpecContext, command, body string) {
				expectInvalid(ctx, command, body)
			},
			giftPacketEntry("add_gift", "without GiftId", `{"Coins":1,"DefaultName":"n"}`),
			giftPacketEntry("add_gift", "with a DefaultName of 21 bytes", `{"GiftId":"g","Coins":1,"DefaultName":"`+strings.Repeat("n", 21)+`"}`),
			giftPacketEntry("get_gift", "without GiftId", `{}`),
			giftPacketEntry("del_gift", "with an empty GiftId", `{"GiftId":""}`),
			giftPacketEntry("add_gift_category", "with a CategoryId of 21 bytes", `{"CategoryId":"`+strings.Repeat("c", 21)+`","DefaultName":"n"}`),
			giftPacketEntry("get_gift_category", "with an empty CategoryId", `{"CategoryId":""}`),
			giftPacketEntry("del_gift_category", "without CategoryId", `{}`),
			giftPacketEntry("add_gift_category_relations", "with an empty GiftIdList", `{"CategoryId":"c","GiftIdList":[]}`),
			giftPacketEntry("del_gift_category_relations", "with GiftIdList not a list", `{"CategoryId":"c","GiftIdList":"g"}`),
			giftPacketEntry("get_gift_category_relations", "without CategoryId", `{}`),
			giftPacketEntry("set_gift_language", "in French", `{"GiftId":"g","Language":"fr","Name":"n"}`),
			giftPacketEntry("get_gift_language", "with the language in capitals", `{"GiftId":"g","Language":"EN"}`),
			giftPacketEntry("del_gift_language", "without Language", `{"GiftId":"g"}`),
			giftPacketEntry("set_gift_category_language", "with the language zh", `{"CategoryId":"c","Language":"zh","CategoryName":"n"}`),
			giftPacketEntry("get_gift_category_language", "without CategoryId", `{"Language":"en"}`),
			giftPacketEntry("del_gift_category_language", "in French", `{"CategoryId":"c","Language":"fr"}`),
		)

		DescribeTable("refuses reading or translating what the catalogue does not hold",
			func(ctx SpecContext, command string, body func() any) {
				Expect(live.send(ctx, command, body())).To(BeRefusal(catalog.CodeInvalidParameter))
			},
			Entry("get_gift of an unknown gift", labels.Command(liveSvc, "get_gift"), labels.Code(100002), "get_gift",
				func() any { return wire.LiveGiftIDRequest{GiftID: newGiftID()} }),
			Entry("get_gift_category of an unknown category", labels.Command(liveSvc, "get_gift_category"), labels.Code(100002), "get_gift_category",
				func() any { return wire.LiveGiftCategoryIDRequest{CategoryID: newCategoryID()} }),
			Entry("add_gift_category_relations to an unknown category", labels.Command(liveSvc, "add_gift_category_relations"), labels.Code(100002), "add_gift_category_relations",
				func() any {
					return wire.LiveGiftCategoryRelationsRequest{CategoryID: newCategoryID(), GiftIDList: []string{newGiftID()}}
				}),
			Entry("set_gift_language of an unknown gift", labels.Command(liveSvc, "set_gift_language"), labels.Code(100002), "set_gift_language",
				func() any {
					return wire.LiveSetGiftLanguageRequest{GiftID: newGiftID(), Language: "en", Name: wire.Ptr("n")}
				}),
			Entry("get_gift_language of an unknown gift", labels.Command(liveSvc, "get_gift_language"), labels.Code(100002), "get_gift_language",
				func() any { return wire.LiveGiftLanguageRequest{GiftID: newGiftID(), Language: "en"} }),
			Entry("set_gift_category_language of an unknown category", labels.Command(liveSvc, "set_gift_category_language"), labels.Code(100002), "set_gift_category_language",
				func() any {
					return wire.LiveSetGiftCategoryLanguageRequest{CategoryID: newCategoryID(), Language: "en", CategoryName: wire.Ptr("n")}
				}),
		)

		// L-38: "called too often: at most 1 call/s". The budget spaces the suite's own calls; these
		// two calls in a row skip it, and the spec then waits out the second deliberately. The
		// limit is the application's: where processes share the target, another's call in the
		// same second would decide what these two meet, so the spec runs alone there.
		It("refuses a second call of a catalogue command within the same second with 100012 (or a common rate-limit code)", serialWhereShared, labels.Code(100012),
			labels.Command(liveSvc, "get_gift_category"), labels.Command(liveSvc, "del_gift_category"),
			labels.Command(liveSvc, "add_gift_category_relations"), labels.Command(liveSvc, "get_gift_language"),
			labels.Command(liveSvc, "del_gift_language"), labels.Command(liveSvc, "del_gift_category_language"),
			func(ctx SpecContext) {
				bodies := map[string]any{
					"get_gift_category":           wire.LiveGiftCategoryIDRequest{CategoryID: newCategoryID()},
					"del_gift_category":           wire.LiveGiftCategoryIDRequest{CategoryID: newCategoryID()},
					"add_gift_category_relations": wire.LiveGiftCategoryRelationsRequest{CategoryID: newCategoryID(), GiftIDList: []string{newGiftID()}},
					"get_gift_language":           wire.LiveGiftLanguageRequest{GiftID: newGiftID(), Language: "en"},
					"del_gift_language":           wire.LiveGiftLanguageRequest{GiftID: newGiftID(), Language: "en"},
					"del_gift_category_language":  wire.LiveGiftCategoryLanguageRequest{CategoryID: newCategoryID(), Language: "en"},
				}
				DeferCleanup(func() { time.Sleep(catalog.MustLookup(liveSvc, "get_gift").Interval() + 100*time.Millisecond) })
				for command, body := range bodies {
					frequency := catalog.MustLookup(liveSvc, command).FrequencyCodes()
					first := sendUnbudgeted(ctx, command, body)
					if first.Code() != 0 && !catalogHas(frequency, first.Code()) {
						// The first call names nothing the catalogue holds: success (a deletion) or a refusal.
						Expect(first).To(BeRefusal(catalog.CodeInvalidParameter))
					}
					Expect(sendUnbudgeted(ctx, command, body)).To(BeDocumentedAnswer(frequency...), "a second call within the second")
				}
			})

		// copy_default_gift_config: https://trtc.io/document/74360 (1 call per 10 s; only while the
		// application has no gift configuration, L-39). The suite's gift specs delete what they
		// add, so a target that nobody else configures has none; on one that has, the refusal is
		// checked and the installation is not. serialWhereShared: parallel processes on a shared target
		// add gifts of their own meanwhile, and whether the set is installed would depend on
		// when this spec runs; alone, after the others, it sees what they left.
		It("installs the default gift set on an application without gift configuration, and refuses a second call within 10 s", serialWhereShared,
			labels.Command(liveSvc, "copy_default_gift_config"), labels.Code(0, 100012), func(ctx SpecContext) {
				releaseSharedCatalogue(ctx) // the generated cases' gift and category, if this process made them
				first := live.send(ctx, "copy_default_gift_config", `{}`)
				second := sendUnbudgeted(ctx, "copy_default_gift_config", `{}`)
				Expect(second).To(BeDocumentedAnswer(catalog.MustLookup(liveSvc, "copy_default_gift_config").FrequencyCodes()...), "a second call within 10 s")
				if first.Code() != 0 {
					Expect(first).To(BeRefusal(catalog.CodeInvalidParameter))
					Skip("the application has a gift configuration already (L-39): copy_default_gift_config refused to install the default set")
				}
				Expect(first).To(BeDocumentedAnswer(0))
			})
	})

	// Send Gift: https://trtc.io/document/72556; Get Gift Count: https://trtc.io/document/72557.
	Describe("sending gifts", Ordered, func() {
		var rose string

		BeforeAll(func(ctx SpecContext) {
			rose = newGiftID()
			addGift(ctx, wire.LiveGift{GiftID: rose, Coins: 10, DefaultName: "rose"})
		})

		// L-32: From_Account is the sender on some copies of the page, the receiver on another;
		// the counts of one reading must hold for every user read. L-56: one receiver per send.
		It("counts the gifts of one user in a room, their value and their senders, as sender or as receiver", labels.Code(0),
			labels.Command(liveSvc, "send_gift"), labels.Command(liveSvc, "get_gift_count"), func(ctx SpecContext) {
				id := live.roomWithAccounts(ctx, member1, member2)
				expectAcceptedForAccounts(live.send(ctx, "send_gift", wire.LiveSendGiftRequest{RoomID: id, GiftID: rose, Count: wire.Ptr(2),
					FromAccount: member1, ReceiverListAccount: []string{ownerA}}))
				// Count left out: one gift (the sample's value; L-31).
				live.expect(ctx, "send_gift", wire.LiveSendGiftRequest{RoomID: id, GiftID: rose, FromAccount: member2, ReceiverListAccount: []string{ownerA}}, 0)

				owner, sender := giftCount(ctx, id, ownerA), giftCount(ctx, id, member1)
				asReceiver := [2]giftTotals{{count: 3, coins: 30, senders: 2}, {}}
				asSender := [2]giftTotals{{}, {count: 2, coins: 20, senders: 1}}
				Expect([2]giftTotals{owner, sender}).To(Or(Equal(asReceiver), Equal(asSender)),
					"the room owner received 3 gifts (30 coins) from 2 senders; %s sent 2 (20 coins)", member1)
			})

		It("refuses a gift the catalogue does not hold with 102002", labels.Command(liveSvc, "send_gift"), labels.Code(102002), func(ctx SpecContext) {
			id := live.room(ctx)
			live.expect(ctx, "send_gift", wire.LiveSendGiftRequest{RoomID: id, GiftID: newGiftID(), FromAccount: member1, ReceiverListAccount: []string{ownerA}}, catalog.CodeGiftNotFound)
			Expect(giftCount(ctx, id, ownerA)).To(Equal(giftTotals{}))
		})

		// L-54: send_gift's complete table has no 100004.
		DescribeTable("answers a room that does not exist with 100002 or 100004",
			func(ctx SpecContext, command string, body func(room string) any) {
				live.expect(ctx, command, body(live.newID()), catalog.CodeInvalidParameter, catalog.CodeRoomNotFound)
			},
			Entry("send_gift", labels.Command(liveSvc, "send_gift"), labels.Code(100002, 100004), "send_gift", func(room string) any {
				return wire.LiveSendGiftRequest{RoomID: room, GiftID: rose, FromAccount: member1, ReceiverListAccount: []string{ownerA}}
			}),
			Entry("get_gift_count", labels.Command(liveSvc, "get_gift_count"), labels.Code(100002, 100004), "get_gift_count", func(room string) any {
				return wire.LiveGetGiftCountRequest{RoomID: room, FromAccount: ownerA}
			}),
		)

		DescribeTable("refuses a malformed packet with 100002",
			func(ctx SpecContext, command, fields string) {
				id := live.room(ctx)
				live.expect(ctx, command, `{"RoomId":"`+id+`"`+strings.ReplaceAll(fields, "GIFT", rose)+`}`, catalog.CodeInvalidParameter)
			},
			Entry("send_gift without ReceiverList_Account", labels.Command(liveSvc, "send_gift"), labels.Code(100002), "send_gift",
				`,"GiftId":"GIFT","From_Account":"`+member1+`"`),
			Entry("send_gift to nobody", labels.Command(liveSvc, "send_gift"), labels.Code(100002), "send_gift",
				`,"GiftId":"GIFT","From_Account":"`+member1+`","ReceiverList_Account":[]`),
			Entry("send_gift of 0 gifts", labels.Command(liveSvc, "send_gift"), labels.Code(100002), "send_gift",
				`,"GiftId":"GIFT","Count":0,"From_Account":"`+member1+`","ReceiverList_Account":["`+ownerA+`"]`),
			Entry("send_gift without GiftId", labels.Command(liveSvc, "send_gift"), labels.Code(100002), "send_gift",
				`,"From_Account":"`+member1+`","ReceiverList_Account":["`+ownerA+`"]`),
			Entry("get_gift_count without From_Account", labels.Command(liveSvc, "get_gift_count"), labels.Code(100002), "get_gift_count", ``),
		)
	})
})

// giftTotals are get_gift_count's counters (Sequence is described nowhere, L-32).
type giftTotals struct{ count, coins, senders int64 }

// giftCount reads one user's gift totals in a room.
func giftCount(ctx context.Context, roomID, account string) giftTotals {
	GinkgoHelper()
	var answer wire.LiveGetGiftCountResponse
	Expect(live.expect(ctx, "get_gift_count", wire.LiveGetGiftCountRequest{RoomID: roomID, FromAccount: account}, 0).Decode(&answer)).To(Succeed())
	return giftTotals{count: answer.Response.TotalCount, coins: answer.Response.TotalCoins, senders: answer.Response.GiftSenderCount}
}

// applicationCommands are the Live commands that address the application, not a room: the gift
// catalogue (https://trtc.io/document/72844).
var applicationCommands = map[string]bool{}

func init() {
	for _, name := range []string{"copy_default_gift_config", "add_gift", "get_gift", "del_gift", "add_gift_category",
		"get_gift_category", "del_gift_category", "add_gift_category_relations", "del_gift_category_relations",
		"get_gift_category_relations", "set_gift_language", "get_gift_language", "del_gift_language",
		"set_gift_category_language", "get_gift_category_language", "del_gift_category_language"} {
		applicationCommands[catalog.MustLookup(liveSvc, name).Key()] = true
	}
}

// newGiftID and newCategoryID are catalogue IDs unique to this run and process, within the
// pages' 20 bytes.
func newGiftID() string     { return uniqueName("gift") }
func newCategoryID() string { return uniqueName("cat") }

// addGift adds a gift the spec needs and deletes it when the spec ends.
func addGift(ctx context.Context, gift wire.LiveGift) {
	GinkgoHelper()
	DeferCleanup(func() {
		_, _ = session.Client.Call(background(), liveSvc, "del_gift", wire.LiveGiftIDRequest{GiftID: gift.GiftID})
	})
	live.expect(ctx, "add_gift", gift, 0)
}

// addCategory adds a category the spec needs and deletes it when the spec ends.
func addCategory(ctx context.Context, category wire.LiveGiftCategory) {
	GinkgoHelper()
	DeferCleanup(func() {
		_, _ = session.Client.Call(background(), liveSvc, "del_gift_category", wire.LiveGiftCategoryIDRequest{CategoryID: category.CategoryID})
	})
	live.expect(ctx, "add_gift_category", category, 0)
}

// readGift reads a gift that must exist.
func readGift(ctx context.Context, id string) wire.LiveGiftInfo {
	GinkgoHelper()
	var answer wire.LiveGetGiftResponse
	Expect(live.expect(ctx, "get_gift", wire.LiveGiftIDRequest{GiftID: id}, 0).Decode(&answer)).To(Succeed())
	return answer.GiftInfo
}

// giftsOf reads the gifts of a category that must exist.
func giftsOf(ctx context.Context, category string) []string {
	GinkgoHelper()
	var answer wire.LiveGetGiftCategoryRelationsResponse
	Expect(live.expect(ctx, "get_gift_category_relations", wire.LiveGiftCategoryIDRequest{CategoryID: category}, 0).Decode(&answer)).To(Succeed())
	Expect(answer.Relation.CategoryID).To(Equal(category))
	return answer.Relation.GiftIDList
}

// giftTexts and categoryTexts read a language entry that must exist.
func giftTexts(ctx context.Context, id, language string) wire.LiveGiftTexts {
	GinkgoHelper()
	return textsOfGift(live.expect(ctx, "get_gift_language", wire.LiveGiftLanguageRequest{GiftID: id, Language: language}, 0))
}

func categoryTexts(ctx context.Context, id, language string) wire.LiveGiftCategoryTexts {
	GinkgoHelper()
	return textsOfCategory(live.expect(ctx, "get_gift_category_language", wire.LiveGiftCategoryLanguageRequest{CategoryID: id, Language: language}, 0))
}

// textsOfGift reads the entry of a language read: the documented top-level GiftInfo or
// Response.Language (the console's reading); where both are present they agree (L-34).
func textsOfGift(resp *client.Response) wire.LiveGiftTexts {
	GinkgoHelper()
	var answer wire.LiveGetGiftLanguageResponse
	Expect(resp.Decode(&answer)).To(Succeed())
	return oneOf(answer.GiftInfo, answer.Response.Language)
}

func textsOfCategory(resp *client.Response) wire.LiveGiftCategoryTexts {
	GinkgoHelper()
	var answer wire.LiveGetGiftCategoryLanguageResponse
	Expect(resp.Decode(&answer)).To(Succeed())
	return oneOf(answer.CategoryInfo, answer.Response.Language)
}

func oneOf[T comparable](documented, console *T) T {
	GinkgoHelper()
	Expect(documented != nil || console != nil).To(BeTrue(), "the entry is neither at the top level nor under Response.Language")
	if documented != nil && console != nil {
		Expect(*console).To(Equal(*documented), "the two copies of the entry differ")
	}
	if documented != nil {
		return *documented
	}
	return *console
}

// expectInvalid expects 100002 for a malformed or impossible packet: documented where the
// command's table lists it, else any refusal naming 100002 as likely (the table was not read).
func expectInvalid(ctx context.Context, command string, body any) {
	GinkgoHelper()
	resp := live.send(ctx, command, body)
	if catalog.MustLookup(liveSvc, command).Documents(catalog.CodeInvalidParameter) {
		Expect(resp).To(BeDocumentedAnswer(catalog.CodeInvalidParameter))
		return
	}
	Expect(resp).To(BeRefusal(catalog.CodeInvalidParameter))
}

func giftPacketEntry(command, what, body string) TableEntry {
	return Entry(command+" "+what, labels.Command(liveSvc, command), labels.Code(100002), command, body)
}

// sendUnbudgeted sends outside the client's budget, for specs that provoke a frequency refusal.
func sendUnbudgeted(ctx context.Context, command string, body any) *client.Response {
	GinkgoHelper()
	packet, ok := body.(string)
	if !ok {
		encoded, err := json.Marshal(body)
		Expect(err).NotTo(HaveOccurred())
		packet = string(encoded)
	}
	return send(ctx, client.Request{Service: liveSvc, Command: command, Body: []byte(packet), SkipBudget: true})
}
