package emulator

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// TestGiftCatalogue walks the configuration guide's order: gifts and categories, relations,
// language entries, then deletions that cascade. Every answer is checked against its schema.
func TestGiftCatalogue(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.liveExpect("add_gift", wire.LiveGift{GiftID: "rose", Coins: 10, DefaultName: "Rose", ExtensionInfo: `{"k":"v"}`}, 0)
	h.liveExpect("add_gift", wire.LiveGift{GiftID: "car", Coins: 500}, 0)
	h.liveExpect("add_gift", wire.LiveGift{GiftID: strings.Repeat("g", 64), Coins: 1}, 0)
	h.liveExpect("add_gift", wire.LiveGift{GiftID: strings.Repeat("g", 65), Coins: 1}, catalog.CodeInvalidParameter)
	h.liveExpect("add_gift", wire.LiveGift{GiftID: "bad", Coins: 1, ExtensionInfo: "not json"}, catalog.CodeInvalidParameter)
	h.liveExpect("add_gift", wire.LiveGift{GiftID: "rose", Coins: 1}, catalog.CodeInvalidParameter)

	var gift wire.LiveGetGiftResponse
	mustDecode(t, h.liveExpect("get_gift", wire.LiveGiftIDRequest{GiftID: "rose"}, 0), &gift)
	if gift.GiftInfo.Coins != 10 || gift.GiftInfo.Level != 0 || gift.GiftInfo.DefaultName != "Rose" || gift.GiftInfo.ExtensionInfo != `{"k":"v"}` {
		t.Errorf("get_gift: %+v", gift.GiftInfo)
	}
	h.liveExpect("get_gift", wire.LiveGiftIDRequest{GiftID: "none"}, catalog.CodeInvalidParameter)

	h.liveExpect("add_gift_category", wire.LiveGiftCategory{CategoryID: "hot", DefaultName: "Hot"}, 0)
	h.liveExpect("add_gift_category_relations", wire.LiveGiftCategoryRelationsRequest{CategoryID: "hot", GiftIDList: []string{"rose"}}, 0)
	r := h.liveExpect("add_gift_category_relations", wire.LiveGiftCategoryRelationsRequest{CategoryID: "hot", GiftIDList: []string{"car", "ghost", "rose"}}, 0)
	if got := string(r.fields["InvalidGiftIdList"]); got != `["ghost"]` {
		t.Errorf("InvalidGiftIdList %s, want [\"ghost\"]", got)
	}
	h.liveExpect("add_gift_category_relations", wire.LiveGiftCategoryRelationsRequest{CategoryID: "cold", GiftIDList: []string{"rose"}}, catalog.CodeInvalidParameter)
	if got := relations(t, h, "hot"); got != `["rose","car"]` {
		t.Errorf("relation %s, want rose then car", got)
	}

	h.liveExpect("set_gift_language", wire.LiveSetGiftLanguageRequest{GiftID: "rose", Language: "en", Desc: wire.Ptr("d")}, catalog.CodeInvalidParameter)
	h.liveExpect("set_gift_language", wire.LiveSetGiftLanguageRequest{GiftID: "rose", Language: "en", Name: wire.Ptr("Rose"), Desc: wire.Ptr("red")}, 0)
	h.liveExpect("set_gift_language", wire.LiveSetGiftLanguageRequest{GiftID: "rose", Language: "en", Desc: wire.Ptr("a red rose")}, 0)
	var texts wire.LiveGetGiftLanguageResponse
	mustDecode(t, h.liveExpect("get_gift_language", wire.LiveGiftLanguageRequest{GiftID: "rose", Language: "en"}, 0), &texts)
	if texts.GiftInfo == nil || *texts.GiftInfo != (wire.LiveGiftTexts{Name: "Rose", Desc: "a red rose"}) || texts.Response.Language == nil {
		t.Errorf("get_gift_language after a partial update: %+v %+v", texts.GiftInfo, texts.Response.Language)
	}
	h.liveExpect("set_gift_category_language", wire.LiveSetGiftCategoryLanguageRequest{CategoryID: "hot", Language: "zh-Hans", CategoryName: wire.Ptr("热门")}, 0)
	h.liveExpect("get_gift_category_language", wire.LiveGiftCategoryLanguageRequest{CategoryID: "hot", Language: "zh-Hans"}, 0)

	h.liveExpect("del_gift", wire.LiveGiftIDRequest{GiftID: "rose"}, 0)
	h.liveExpect("get_gift_language", wire.LiveGiftLanguageRequest{GiftID: "rose", Language: "en"}, catalog.CodeInvalidParameter)
	if got := relations(t, h, "hot"); got != `["car"]` {
		t.Errorf("relation after del_gift %s, want [car]", got)
	}
	h.liveExpect("del_gift_category", wire.LiveGiftCategoryIDRequest{CategoryID: "hot"}, 0)
	h.liveExpect("del_gift_category", wire.LiveGiftCategoryIDRequest{CategoryID: "hot"}, 0) // L-37
	h.liveExpect("get_gift_category_language", wire.LiveGiftCategoryLanguageRequest{CategoryID: "hot", Language: "zh-Hans"}, catalog.CodeInvalidParameter)
}

func relations(t *testing.T, h *harness, category string) string {
	t.Helper()
	var answer struct {
		Relation struct {
			GiftIDList json.RawMessage `json:"GiftIdList"`
		} `json:"Relation"`
	}
	mustDecode(t, h.liveExpect("get_gift_category_relations", wire.LiveGiftCategoryIDRequest{CategoryID: category}, 0), &answer)
	return string(answer.Relation.GiftIDList)
}

func mustDecode(t *testing.T, r *reply, into any) {
	t.Helper()
	if err := json.Unmarshal(r.raw, into); err != nil {
		t.Fatalf("decoding %.200s: %v", r.raw, err)
	}
}

// TestCopyDefaultGiftConfig: the default set is 3 categories and 15 gifts, installed only on an
// application without gift configuration (L-39); a second call within 10 s is 100012 (L-38).
func TestCopyDefaultGiftConfig(t *testing.T) {
	h := newHarness(t, Config{})
	h.liveExpect("copy_default_gift_config", struct{}{}, 0)
	h.e.mu.Lock()
	g := h.e.state.giftCatalogue()
	gifts, categories := len(g.giftIDs()), len(g.categories)
	h.e.mu.Unlock()
	if gifts != 15 || categories != 3 {
		t.Errorf("default set: %d gifts, %d categories; want 15 and 3", gifts, categories)
	}
	h.liveExpect("copy_default_gift_config", struct{}{}, catalog.CodeCreateTooOften)
	h.e.limiter.buckets[catalog.ServiceLive+"/copy_default_gift_config"].tokens = 1
	h.liveExpect("copy_default_gift_config", struct{}{}, catalog.CodeInvalidParameter)
}

// TestGiftCounters: send_gift feeds the room's totals (for get_room_stats) and get_gift_count;
// 102002 for a gift not in the catalogue.
func TestGiftCounters(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	h.liveCreate(wire.LiveRoomSettings{RoomID: "show"})
	h.liveExpect("add_gift", wire.LiveGift{GiftID: "rose", Coins: 10}, 0)
	h.liveExpect("send_gift", wire.LiveSendGiftRequest{RoomID: "show", GiftID: "tulip", FromAccount: "a", ReceiverListAccount: []string{"host"}}, catalog.CodeGiftNotFound)
	h.liveExpect("send_gift", wire.LiveSendGiftRequest{RoomID: "show", GiftID: "rose", Count: wire.Ptr(3), FromAccount: "a", ReceiverListAccount: []string{"host"}}, 0)
	h.liveExpect("send_gift", wire.LiveSendGiftRequest{RoomID: "show", GiftID: "rose", FromAccount: "b", ReceiverListAccount: []string{"host", "cohost", "host"}}, 0)
	h.liveExpect("send_gift", wire.LiveSendGiftRequest{RoomID: "nowhere", GiftID: "rose", FromAccount: "b", ReceiverListAccount: []string{"host"}}, catalog.CodeInvalidParameter)

	h.e.mu.Lock()
	d := h.e.state.rooms["show"].live
	sent, coins, senders := d.stats.giftsSent, d.stats.giftCoins, len(d.stats.giftSenders)
	h.e.mu.Unlock()
	if sent != 5 || coins != 50 || senders != 2 {
		t.Errorf("room totals: %d gifts, %d coins, %d senders; want 5, 50, 2", sent, coins, senders)
	}
	var count wire.LiveGetGiftCountResponse
	mustDecode(t, h.liveExpect("get_gift_count", wire.LiveGetGiftCountRequest{RoomID: "show", FromAccount: "host"}, 0), &count)
	if got := count.Response; got.TotalCount != 4 || got.TotalCoins != 40 || got.GiftSenderCount != 2 || got.Sequence != 2 {
		t.Errorf("get_gift_count of the host: %+v", got)
	}
	mustDecode(t, h.liveExpect("get_gift_count", `{"RoomId":"show","From_Account":"host","StartTime":1,"EndTime":2}`, 0), &count)
	if count.Response.TotalCount != 0 {
		t.Errorf("a window in 1970 counted %d gifts", count.Response.TotalCount)
	}
	var destroyed wire.LiveDestroyRoomResponse
	mustDecode(t, h.liveExpect("destroy_room", wire.LiveRoomIDRequest{RoomID: "show"}, 0), &destroyed)
	if got := *destroyed.Response.Statistic; got.TotalGiftsSent != 5 || got.TotalGiftCoins != 50 || got.TotalUniqueGiftSenders != 2 {
		t.Errorf("destroy_room's Statistic: %+v", got)
	}
}
