package suites

// Live webhooks (issue 14, "Live callbacks"): the live_config service, the signed delivery and
// the Live events. Vendor pages: https://trtc.io/document/64412 (overview), 64413 (command
// list), 64418-64421 (configuration), 69528-69530 (token), the event pages named per spec.
// Decisions: docs/errata-live.md L-41, L-42, L-44, L-52, L-53.

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
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

func liveConfigCall(ctx context.Context, command string, body any) *client.Response {
	GinkgoHelper()
	return request(ctx, catalog.ServiceLiveConfig, command, body)
}

// liveCallbackState is the application's Live webhook configuration and token, as read before a
// spec changes them.
type liveCallbackState struct {
	config *wire.CallbackConfig
	token  *wire.LiveCallbackToken
}

func readLiveCallbackState(ctx context.Context) liveCallbackState {
	GinkgoHelper()
	var state liveCallbackState
	resp := liveConfigCall(ctx, "get_callback", map[string]any{})
	Expect(resp).To(BeDocumentedAnswer(0, catalog.CodeCallbackMissing))
	if resp.Code() == 0 {
		var answer wire.GetLiveCallbackResponse
		Expect(resp.Decode(&answer)).To(Succeed())
		state.config = &answer.Response
	}
	resp = liveConfigCall(ctx, "get_callback_token", map[string]any{})
	Expect(resp).To(BeDocumentedAnswer(0, catalog.CodeCallbackTokenMissing))
	if resp.Code() == 0 {
		var answer wire.GetLiveCallbackTokenResponse
		Expect(resp.Decode(&answer)).To(Succeed())
		state.token = &answer.Response
	}
	return state
}

// preserveLiveCallbacks restores the application's Live webhook configuration and token, as
// they were when it is called, when the spec ends: on the live service the specs leave the
// application as they found it.
func preserveLiveCallbacks(ctx context.Context) liveCallbackState {
	GinkgoHelper()
	previous := readLiveCallbackState(ctx)
	DeferCleanup(func() {
		ctx := background()
		session.Receiver.SetToken("")
		if previous.config != nil && previous.config.URL != "" {
			if resp, err := session.Client.Call(ctx, catalog.ServiceLiveConfig, "update_callback", previous.config); err != nil || resp.Code() != 0 {
				_, _ = session.Client.Call(ctx, catalog.ServiceLiveConfig, "set_callback", previous.config)
			}
		} else {
			_, _ = session.Client.Call(ctx, catalog.ServiceLiveConfig, "delete_callback", map[string]any{})
		}
		if previous.token != nil {
			_, _ = session.Client.Call(ctx, catalog.ServiceLiveConfig, "set_callback_token", wire.LiveCallbackTokenRequest{Token: &previous.token.Token, IsTokenEnable: &previous.token.IsTokenEnable})
		} else {
			_, _ = session.Client.Call(ctx, catalog.ServiceLiveConfig, "delete_callback_token", map[string]any{})
		}
	})
	return previous
}

// useLiveCallbacks makes cfg the Live webhook configuration for the spec (restored afterwards).
func useLiveCallbacks(ctx context.Context, cfg wire.CallbackConfig) {
	GinkgoHelper()
	previous := preserveLiveCallbacks(ctx)
	if previous.config != nil {
		Expect(liveConfigCall(ctx, "update_callback", cfg)).To(BeDocumentedAnswer(0))
		return
	}
	Expect(liveConfigCall(ctx, "set_callback", cfg)).To(BeDocumentedAnswer(0))
}

// withoutLiveCallbacks removes the Live webhook configuration for the spec (restored afterwards).
func withoutLiveCallbacks(ctx context.Context) {
	GinkgoHelper()
	preserveLiveCallbacks(ctx)
	Expect(liveConfigCall(ctx, "delete_callback", map[string]any{})).To(BeDocumentedAnswer(0))
}

// withoutLiveToken removes the webhook token for the spec (restored afterwards by
// preserveLiveCallbacks, which the caller ran).
func withoutLiveToken(ctx context.Context) {
	GinkgoHelper()
	Expect(liveConfigCall(ctx, "delete_callback_token", map[string]any{})).To(BeDocumentedAnswer(0))
}

// allLiveEvents lists every Live word, the NotBlock flag left out (it would make the gift
// pre-callback fail open, a behaviour no spec here asks for).
func allLiveEvents() wire.CallbackConfig {
	var words []string
	for _, w := range catalog.LiveCallbackCommands {
		if w != catalog.LiveCallbackNotBlock {
			words = append(words, w)
		}
	}
	return wire.CallbackConfig{URL: session.Receiver.URL(), CallbackCommandList: words}
}

// specToken is a token of the documented maximum length, unique to the run.
func specToken() string {
	return padTo("spec-token-"+session.RunID+"-", catalog.LiveCallbackTokenMaxLength)
}

// withoutOperator: the Live member-state and seat events carry no Operator_Account (L-44); the
// before-send-gift event's is the gift's sender, which its spec checks.
var withoutOperator = map[string]bool{catalog.LiveEventMemberStateChanged: true, catalog.LiveEventSeatInfoChanged: true,
	catalog.LiveEventBeforeSendGift: true}

// withoutEventTime: events whose page may omit EventTime (L-42: CreateRoom; the before-send-gift
// page, https://trtc.io/document/72210, shows none: the gift's Time is in GiftWater).
var withoutEventTime = map[string]bool{catalog.LiveEventCreateRoom: true, catalog.LiveEventBeforeSendGift: true}

// withoutOrigin: the owner and admin change pages show URLs without ClientIP and OptPlatform (C-21).
var withoutOrigin = map[string]bool{catalog.LiveEventChangeOwner: true, catalog.LiveEventModifyAdmin: true}

// awaitLiveEvent waits for a Live event about roomID after mark, checks what every Live
// delivery promises (URL parameters, schema, command word, EventTime in milliseconds at the
// action, the operator, a signature the receiver did not reject) and records the verdict on
// the delivery when the spec ends.
func awaitLiveEvent(ctx context.Context, mark int, command, roomID string, since time.Time, match ...func(event) bool) event {
	GinkgoHelper()
	got, err := session.Receiver.Await(ctx, mark, callbackWait, command+" for Live room "+roomID, func(c harness.Callback) bool {
		if c.Command() != command || !about(c, roomID) {
			return false
		}
		payload, err := c.Payload()
		for _, m := range match {
			if err == nil && !m(event{c, payload}) {
				return false
			}
		}
		return true
	})
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() {
		session.Receiver.Judge(got, catalog.FamilyLive, !CurrentSpecReport().Failed(), "the spec that checked it failed")
	})
	payload, err := got.Payload()
	Expect(err).NotTo(HaveOccurred())
	e := event{got, payload}

	Expect(got.Query.Get("SdkAppid")).To(Equal(strconv.FormatUint(session.Settings.SDKAppID, 10)), "SdkAppid")
	Expect(strings.ToLower(got.Query.Get("contenttype"))).To(Equal("json"), "contenttype")
	if !withoutOrigin[command] || got.Query.Has("ClientIP") {
		Expect(got.Query.Get("ClientIP")).NotTo(BeEmpty(), "ClientIP")
		Expect(strings.ToLower(got.Query.Get("OptPlatform"))).To(BeElementOf(optPlatforms), "OptPlatform")
	}
	Expect(got.Signature.Problem).To(BeEmpty(), "the receiver rejected the delivery's signature")
	Expect(e.field("CallbackCommand")).To(Equal(command), "the body repeats the URL's CallbackCommand")
	Expect(got.Body).To(MatchSchema("callback/" + command + ".event"))
	if e.field("EventTime") != nil || !withoutEventTime[command] {
		at := e.field("EventTime")
		if text, isText := at.(string); isText { // L-42: the room chat events print it as a string
			if n, err := strconv.ParseInt(text, 10, 64); err == nil {
				at = n
			}
		}
		Expect(at).To(BeNumerically("~", since.UnixMilli(), clockSkew.Milliseconds()), "EventTime in milliseconds at the action")
	}
	if !withoutOperator[command] && e.field("EventType") != wire.LiveDestroyBySystem { // the system dissolved it: no administrator
		Expect(e.field("Operator_Account")).To(Equal(session.Settings.Admin), "the REST call's operator is the administrator")
	}
	return e
}

// liveEventAbout reports whether a delivery is a Live event about roomID.
func liveEventAbout(roomID string) func(harness.Callback) bool {
	return func(c harness.Callback) bool { return about(c, roomID) }
}

// memberState matches a member-state event of one account, state and cause.
func memberState(account, state, cause string) func(event) bool {
	return func(e event) bool {
		list, _ := e.field("MemberList").([]any)
		for _, m := range list {
			if entry, _ := m.(map[string]any); entry["Member_Account"] == account {
				return e.field("EventType") == state && e.field("EventCause") == cause
			}
		}
		return false
	}
}

var _ = Describe("Live webhooks", labels.Area("callback"), serialWhereShared, func() {

	// https://trtc.io/document/64420 (create), 64418 (query), 64419 (update), 64421 (delete).
	Describe("the configuration API (live_config)", func() {
		example := wire.CallbackConfig{URL: "http://www.example.com/callback", CallbackCommandList: []string{
			catalog.LiveEventCreateRoom, catalog.LiveEventDestroyRoom, catalog.LiveEventMemberStateChanged}}

		It("stores one configuration that get_callback returns", labels.Command(catalog.ServiceLiveConfig, "set_callback"),
			labels.Command(catalog.ServiceLiveConfig, "get_callback"), labels.Code(0), func(ctx SpecContext) {
				withoutLiveCallbacks(ctx)
				Expect(liveConfigCall(ctx, "set_callback", example)).To(BeDocumentedAnswer(0))
				resp := liveConfigCall(ctx, "get_callback", map[string]any{})
				Expect(resp).To(BeDocumentedAnswer(0))
				var got wire.GetLiveCallbackResponse
				Expect(resp.Decode(&got)).To(Succeed())
				Expect(got.Response.URL).To(Equal(example.URL))
				Expect(got.Response.CallbackCommandList).To(ConsistOf(example.CallbackCommandList))
			})

		It("answers get_callback without a configuration with 100301", labels.Command(catalog.ServiceLiveConfig, "get_callback"), labels.Code(100301), func(ctx SpecContext) {
			withoutLiveCallbacks(ctx)
			Expect(liveConfigCall(ctx, "get_callback", map[string]any{})).To(BeDocumentedAnswer(catalog.CodeCallbackMissing))
		})

		It("refuses a second configuration with 100300", labels.Command(catalog.ServiceLiveConfig, "set_callback"), labels.Code(100300), func(ctx SpecContext) {
			useLiveCallbacks(ctx, example)
			Expect(liveConfigCall(ctx, "set_callback", example)).To(BeDocumentedAnswer(catalog.CodeCallbackExists))
		})

		It("replaces the configuration with update_callback", labels.Command(catalog.ServiceLiveConfig, "update_callback"), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, example)
			changed := wire.CallbackConfig{URL: "https://www.example.com/other", CallbackCommandList: []string{catalog.LiveEventChangeOwner}}
			Expect(liveConfigCall(ctx, "update_callback", changed)).To(BeDocumentedAnswer(0))
			state := readLiveCallbackState(ctx)
			Expect(state.config).NotTo(BeNil())
			Expect(*state.config).To(MatchFields(map[string]any{"URL": changed.URL, "CallbackCommandList": changed.CallbackCommandList}))
		})

		It("refuses to update a configuration that does not exist with 100301", labels.Command(catalog.ServiceLiveConfig, "update_callback"), labels.Code(100301), func(ctx SpecContext) {
			withoutLiveCallbacks(ctx)
			Expect(liveConfigCall(ctx, "update_callback", example)).To(BeDocumentedAnswer(catalog.CodeCallbackMissing))
		})

		It("deletes the configuration, and deleting none succeeds", labels.Command(catalog.ServiceLiveConfig, "delete_callback"), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, example)
			Expect(liveConfigCall(ctx, "delete_callback", map[string]any{})).To(BeDocumentedAnswer(0))
			Expect(liveConfigCall(ctx, "get_callback", map[string]any{})).To(BeDocumentedAnswer(catalog.CodeCallbackMissing))
			Expect(liveConfigCall(ctx, "delete_callback", map[string]any{})).To(BeDocumentedAnswer(0)) // L-41
		})

		DescribeTable("refuses a malformed configuration with 100002",
			func(ctx SpecContext, command, body string) {
				withoutLiveCallbacks(ctx)
				if command == "update_callback" {
					Expect(liveConfigCall(ctx, "set_callback", example)).To(BeDocumentedAnswer(0))
				}
				Expect(liveConfigCall(ctx, command, body)).To(BeDocumentedAnswer(catalog.CodeInvalidParameter))
			},
			Entry("a Url that is not http or https", labels.Command(catalog.ServiceLiveConfig, "set_callback"), labels.Code(100002),
				"set_callback", `{"Url":"ftp://www.example.com/callback","CallbackCommandList":[]}`),
			Entry("no Url", labels.Command(catalog.ServiceLiveConfig, "set_callback"), labels.Code(100002),
				"set_callback", `{"CallbackCommandList":["Live.CallbackAfterCreateRoom"]}`),
			Entry("no CallbackCommandList", labels.Command(catalog.ServiceLiveConfig, "set_callback"), labels.Code(100002),
				"set_callback", `{"Url":"http://www.example.com/callback"}`),
			Entry("an update without Url", labels.Command(catalog.ServiceLiveConfig, "update_callback"), labels.Code(100002),
				"update_callback", `{"CallbackCommandList":["Live.CallbackAfterCreateRoom"]}`),
			Entry("an update with a Url that is not http or https", labels.Command(catalog.ServiceLiveConfig, "update_callback"), labels.Code(100002),
				"update_callback", `{"Url":"mailto:a@example.com","CallbackCommandList":[]}`),
		)

		It("refuses a word outside the Live command list with 100002, or leaves it out (L-41)", labels.Command(catalog.ServiceLiveConfig, "set_callback"),
			labels.Code(0, 100002), func(ctx SpecContext) {
				withoutLiveCallbacks(ctx)
				resp := liveConfigCall(ctx, "set_callback", wire.CallbackConfig{URL: example.URL, CallbackCommandList: []string{catalog.LiveEventCreateRoom, catalog.EventAfterMemberEnter}})
				Expect(resp).To(BeDocumentedAnswer(0, catalog.CodeInvalidParameter))
				if resp.Code() == 0 {
					state := readLiveCallbackState(ctx)
					Expect(state.config.CallbackCommandList).NotTo(ContainElement(catalog.EventAfterMemberEnter), "a Conference word in the Live configuration")
				}
			})
	})

	// https://trtc.io/document/69528 (set), 69529 (query), 69530 (delete).
	Describe("the webhook token", func() {
		It("stores a token that get_callback_token returns, and changes only what a later call carries", labels.Command(catalog.ServiceLiveConfig, "set_callback_token"),
			labels.Command(catalog.ServiceLiveConfig, "get_callback_token"), labels.Code(0), func(ctx SpecContext) {
				preserveLiveCallbacks(ctx)
				withoutLiveToken(ctx)
				token := specToken()
				Expect(liveConfigCall(ctx, "set_callback_token", wire.LiveCallbackTokenRequest{Token: &token, IsTokenEnable: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
				Expect(readLiveCallbackState(ctx).token).To(Equal(&wire.LiveCallbackToken{Token: token, IsTokenEnable: true}))
				Expect(liveConfigCall(ctx, "set_callback_token", wire.LiveCallbackTokenRequest{IsTokenEnable: wire.Ptr(false)})).To(BeDocumentedAnswer(0))
				Expect(readLiveCallbackState(ctx).token).To(Equal(&wire.LiveCallbackToken{Token: token, IsTokenEnable: false}))
			})

		DescribeTable("refuses a malformed token with 100002",
			func(ctx SpecContext, body string) {
				preserveLiveCallbacks(ctx)
				withoutLiveToken(ctx)
				Expect(liveConfigCall(ctx, "set_callback_token", body)).To(BeDocumentedAnswer(catalog.CodeInvalidParameter))
			},
			Entry("a first call without IsTokenEnable", labels.Command(catalog.ServiceLiveConfig, "set_callback_token"), labels.Code(100002), `{"Token":"first-call-token"}`),
			Entry("a first call without Token", labels.Command(catalog.ServiceLiveConfig, "set_callback_token"), labels.Code(100002), `{"IsTokenEnable":true}`),
			Entry("an empty Token", labels.Command(catalog.ServiceLiveConfig, "set_callback_token"), labels.Code(100002), `{"Token":"","IsTokenEnable":true}`),
			Entry("a Token of 129 characters", labels.Command(catalog.ServiceLiveConfig, "set_callback_token"), labels.Code(100002),
				`{"Token":"`+strings.Repeat("t", catalog.LiveCallbackTokenMaxLength+1)+`","IsTokenEnable":true}`),
			Entry("IsTokenEnable not a boolean", labels.Command(catalog.ServiceLiveConfig, "set_callback_token"), labels.Code(100002), `{"Token":"abc","IsTokenEnable":"yes"}`),
		)

		It("answers get_callback_token without a token with 100302, after delete_callback_token", labels.Command(catalog.ServiceLiveConfig, "delete_callback_token"),
			labels.Command(catalog.ServiceLiveConfig, "get_callback_token"), labels.Code(0, 100302), func(ctx SpecContext) {
				preserveLiveCallbacks(ctx)
				token := specToken()
				Expect(liveConfigCall(ctx, "set_callback_token", wire.LiveCallbackTokenRequest{Token: &token, IsTokenEnable: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
				Expect(liveConfigCall(ctx, "delete_callback_token", map[string]any{})).To(BeDocumentedAnswer(0))
				Expect(liveConfigCall(ctx, "get_callback_token", map[string]any{})).To(BeDocumentedAnswer(catalog.CodeCallbackTokenMissing))
				Expect(liveConfigCall(ctx, "delete_callback_token", map[string]any{})).To(BeDocumentedAnswer(0)) // L-41
			})

		It("keeps the token through delete_callback, or deletes it with the configuration (L-52)", labels.Command(catalog.ServiceLiveConfig, "delete_callback"),
			labels.Code(0), func(ctx SpecContext) {
				useLiveCallbacks(ctx, wire.CallbackConfig{URL: "http://www.example.com/callback", CallbackCommandList: []string{catalog.LiveEventCreateRoom}})
				token := specToken()
				Expect(liveConfigCall(ctx, "set_callback_token", wire.LiveCallbackTokenRequest{Token: &token, IsTokenEnable: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
				Expect(liveConfigCall(ctx, "delete_callback", map[string]any{})).To(BeDocumentedAnswer(0))
				if t := readLiveCallbackState(ctx).token; t != nil {
					Expect(*t).To(Equal(wire.LiveCallbackToken{Token: token, IsTokenEnable: true}))
				}
			})
	})

	// https://trtc.io/document/64412: "Sign=<sha256 hex>&RequestTime=<unix s>".
	Describe("signed deliveries", labels.NeedsCallbacks(), func() {
		It("signs every delivery with Sign and RequestTime while the token is enabled, and stops when it is disabled or deleted",
			labels.Command(catalog.ServiceLiveConfig, "set_callback_token"), labels.Command(catalog.ServiceLiveConfig, "delete_callback_token"),
			labels.Code(0), func(ctx SpecContext) {
				useLiveCallbacks(ctx, allLiveEvents())
				token := specToken()
				session.Receiver.SetToken(token)
				Expect(liveConfigCall(ctx, "set_callback_token", wire.LiveCallbackTokenRequest{Token: &token, IsTokenEnable: wire.Ptr(true)})).To(BeDocumentedAnswer(0))

				mark, since := session.Receiver.Mark(), time.Now()
				id := live.newID()
				live.mustCreate(ctx, liveRoomRequest(id))
				signed := awaitLiveEvent(ctx, mark, catalog.LiveEventCreateRoom, id, since)
				Expect(signed.Signature.Signed).To(BeTrue(), "no Sign and RequestTime while the token is enabled")
				Expect(signed.Query.Get("RequestTime")).To(MatchRegexp(`^[0-9]+$`), "RequestTime in decimal")
				at, _ := strconv.ParseInt(signed.Query.Get("RequestTime"), 10, 64)
				Expect(at).To(BeNumerically("~", since.Unix(), clockSkew.Seconds()), "RequestTime in Unix seconds at the event")
				Expect(signed.Query.Get("Sign")).To(Equal(harness.ExpectedSign(token, signed.Query.Get("RequestTime"))),
					"Sign is the lower-case hex sha256 of the token followed by RequestTime")
				Expect(signed.Signature.Verified).To(BeTrue())

				Expect(liveConfigCall(ctx, "set_callback_token", wire.LiveCallbackTokenRequest{IsTokenEnable: wire.Ptr(false)})).To(BeDocumentedAnswer(0))
				mark, since = session.Receiver.Mark(), time.Now()
				Expect(live.send(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{RoomID: id, RoomName: wire.Ptr("unsigned")}})).To(BeDocumentedAnswer(0))
				disabled := awaitLiveEvent(ctx, mark, catalog.LiveEventUpdateRoomInfo, id, since)
				Expect(disabled.Signature.Signed).To(BeFalse(), "signed while the token is disabled: %s", disabled.Query.Encode())

				Expect(liveConfigCall(ctx, "set_callback_token", wire.LiveCallbackTokenRequest{IsTokenEnable: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
				Expect(liveConfigCall(ctx, "delete_callback_token", map[string]any{})).To(BeDocumentedAnswer(0))
				session.Receiver.SetToken("")
				mark, since = session.Receiver.Mark(), time.Now()
				live.destroy(ctx, id)
				deleted := awaitLiveEvent(ctx, mark, catalog.LiveEventDestroyRoom, id, since)
				Expect(deleted.Signature.Signed).To(BeFalse(), "signed after the token was deleted: %s", deleted.Query.Encode())
			})
	})

	// The Live events: https://trtc.io/document/64413 and the page named per spec.
	Describe("events", labels.NeedsCallbacks(), func() {

		It("reports a created room with its settings (64422)", labels.Command(catalog.ServiceLive, "create_room"), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, allLiveEvents())
			mark, since := session.Receiver.Mark(), time.Now()
			id := live.newID()
			req := liveRoomRequest(id)
			req.RoomInfo.RoomName, req.RoomInfo.OwnerAccount, req.RoomInfo.MaxMemberCount = wire.Ptr("webhook room"), wire.Ptr(ownerA), wire.Ptr(12)
			req.RoomInfo.CoverURL, req.RoomInfo.Category = wire.Ptr("https://www.example.com/cover.png"), wire.Ptr([]int{3})
			live.mustCreate(ctx, req)
			e := awaitLiveEvent(ctx, mark, catalog.LiveEventCreateRoom, id, since)
			Expect(e.field("RoomInfo", "RoomType")).To(Equal("Live"))
			Expect(e.field("RoomInfo", "RoomName")).To(Equal("webhook room"))
			Expect(e.field("RoomInfo", "Owner_Account")).To(BeElementOf(ownerA, json.Number(ownerA)))
			Expect(e.field("RoomInfo", "MaxMemberCount")).To(BeEquivalentTo(12))
			Expect(e.field("RoomInfo", "CoverURL")).To(Equal("https://www.example.com/cover.png"))
		})

		It("reports a dissolved room with its statistics (64423)", labels.Command(catalog.ServiceLive, "destroy_room"), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, allLiveEvents())
			id := live.room(ctx)
			viewers := 0
			if session.Control != nil {
				enter(ctx, id, member1)
				viewers = 1
			}
			mark, since := session.Receiver.Mark(), time.Now()
			live.destroy(ctx, id)
			e := awaitLiveEvent(ctx, mark, catalog.LiveEventDestroyRoom, id, since)
			Expect(e.field("EventType")).To(Equal(wire.LiveDestroyByUser), "dissolved by a REST call")
			Expect(e.payload).To(HaveKey("Statistic"), "the destroy event's statistics")
			Expect(e.field("Statistic", "TotalViewers")).To(BeNumerically(">=", viewers))
		})

		It("reports a room dismissed by the service itself, DestroyBySystem (64423, 63406 rule 1)", labels.NeedsControlPlane(), labels.EmulatorOnly(),
			labels.Code(0), func(ctx SpecContext) {
				useLiveCallbacks(ctx, allLiveEvents())
				id := live.roomWith(ctx, member1)
				Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
				restoreClockWhenDone()
				mark, since := session.Receiver.Mark(), time.Now().Add(31*time.Minute)
				_, err := session.Control.Advance(ctx, 31*time.Minute) // 30 empty minutes dismiss a room someone entered
				Expect(err).NotTo(HaveOccurred())
				e := awaitLiveEvent(ctx, mark, catalog.LiveEventDestroyRoom, id, since)
				Expect(e.field("EventType")).To(Equal(wire.LiveDestroyBySystem))
				Expect(e.field("Operator_Account")).NotTo(Equal(session.Settings.Admin), "no administrator dissolved it")
			})

		It("reports updated room information (67938)", labels.Command(catalog.ServiceLive, "update_room_info"), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, allLiveEvents())
			id := live.room(ctx)
			mark, since := session.Receiver.Mark(), time.Now()
			Expect(live.send(ctx, "update_room_info", wire.LiveUpdateRoomInfoRequest{RoomInfo: wire.LiveRoomSettings{
				RoomID: id, RoomName: wire.Ptr("renamed by a spec"), IsMessageDisabled: wire.Ptr(true), ActivityStatus: wire.Ptr(7),
			}})).To(BeDocumentedAnswer(0))
			e := awaitLiveEvent(ctx, mark, catalog.LiveEventUpdateRoomInfo, id, since)
			// L-52: at least what the update changed, with the new values.
			Expect(e.field("RoomInfo", "RoomName")).To(Equal("renamed by a spec"))
			Expect(e.field("RoomInfo", "IsMessageDisabled")).To(BeTrue())
			Expect(e.field("RoomInfo", "ActivityStatus")).To(BeEquivalentTo(7))
		})

		It("reports metadata set and deleted (68222, 68223)", labels.Command(catalog.ServiceLive, "set_room_metadata"),
			labels.Command(catalog.ServiceLive, "del_room_metadata"), labels.Code(0), func(ctx SpecContext) {
				useLiveCallbacks(ctx, allLiveEvents())
				id := live.room(ctx)
				mark, since := session.Receiver.Mark(), time.Now()
				Expect(setLiveMetadata(ctx, id, "theme", "dark")).To(BeDocumentedAnswer(0))
				set := awaitLiveEvent(ctx, mark, catalog.LiveEventSetMetadata, id, since)
				Expect(set.field("Metadata")).To(ConsistOf(map[string]any{"Key": "theme", "Value": "dark"}))

				mark, since = session.Receiver.Mark(), time.Now()
				Expect(live.send(ctx, "del_room_metadata", wire.LiveDelRoomMetadataRequest{RoomID: id, Keys: []string{"theme"}})).To(BeDocumentedAnswer(0))
				deleted := awaitLiveEvent(ctx, mark, catalog.LiveEventDelMetadata, id, since)
				Expect(deleted.field("Keys")).To(ContainElement("theme"))
			})

		It("reports a new owner (72553)", labels.Command(catalog.ServiceLive, "change_room_owner"), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, allLiveEvents())
			id := live.roomWithAccounts(ctx, member1)
			mark, since := session.Receiver.Mark(), time.Now()
			expectAcceptedForAccounts(live.send(ctx, "change_room_owner", wire.LiveChangeRoomOwnerRequest{RoomID: id, NewOwnerAccount: member1}))
			e := awaitLiveEvent(ctx, mark, catalog.LiveEventChangeOwner, id, since)
			Expect(e.field("CurrentOwner_Account")).To(Equal(member1))
			Expect(e.field("OriginalOwner_Account")).To(Equal(ownerA))
		})

		It("reports administrators added and removed (72554)", labels.Command(catalog.ServiceLive, "modify_admin"), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, allLiveEvents())
			id := live.roomWithAccounts(ctx, member1)
			mark, since := session.Receiver.Mark(), time.Now()
			expectAcceptedForAccounts(live.send(ctx, "modify_admin", wire.LiveModifyAdminRequest{RoomID: id, AdminAccount: []string{member1}, OpType: wire.LiveAdminAdd}))
			added := awaitLiveEvent(ctx, mark, catalog.LiveEventModifyAdmin, id, since)
			Expect(added.field("opType")).To(Equal(wire.LiveCallbackAdminAdded))
			Expect(added.field("Admin_Account")).To(ConsistOf(member1))

			mark, since = session.Receiver.Mark(), time.Now()
			Expect(live.send(ctx, "modify_admin", wire.LiveModifyAdminRequest{RoomID: id, AdminAccount: []string{member1}, OpType: wire.LiveAdminDelete})).To(BeDocumentedAnswer(0))
			removed := awaitLiveEvent(ctx, mark, catalog.LiveEventModifyAdmin, id, since, func(e event) bool { return e.field("opType") == wire.LiveCallbackAdminDeleted })
			Expect(removed.field("Admin_Account")).To(ConsistOf(member1))
		})

		It("reports members online on entering and offline on leaving (64424)", labels.NeedsControlPlane(), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, allLiveEvents())
			id := live.room(ctx)
			mark, since := session.Receiver.Mark(), time.Now()
			enter(ctx, id, member1)
			in := awaitLiveEvent(ctx, mark, catalog.LiveEventMemberStateChanged, id, since, memberState(member1, wire.LiveMemberOnline, wire.LiveCauseEnter))
			Expect(in.payload).NotTo(HaveKey("Operator_Account"))

			mark, since = session.Receiver.Mark(), time.Now()
			Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
			awaitLiveEvent(ctx, mark, catalog.LiveEventMemberStateChanged, id, since, memberState(member1, wire.LiveMemberOffline, wire.LiveCauseLeave))
		})

		It("reports a member's heartbeat lost and recovered (64424)", labels.NeedsControlPlane(), labels.EmulatorOnly(), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, allLiveEvents())
			id := live.roomWith(ctx, member1)
			mark, since := session.Receiver.Mark(), time.Now()
			Expect(session.Control.Heartbeat(ctx, id, member1, true)).To(Succeed())
			awaitLiveEvent(ctx, mark, catalog.LiveEventMemberStateChanged, id, since, memberState(member1, wire.LiveMemberOffline, wire.LiveCauseHeartbeatLost))
			mark, since = session.Receiver.Mark(), time.Now()
			Expect(session.Control.Heartbeat(ctx, id, member1, false)).To(Succeed())
			awaitLiveEvent(ctx, mark, catalog.LiveEventMemberStateChanged, id, since, memberState(member1, wire.LiveMemberOnline, wire.LiveCauseHeartbeatRecover))
		})

		It("reports a Live room's locked seat without an operator (64425)", labels.Command(catalog.ServiceSeat, "lock_seat"), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, allLiveEvents())
			id := live.room(ctx)
			first, _ := seatIndexes(seats(ctx, id))
			mark, since := session.Receiver.Mark(), time.Now()
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: first, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
			e := awaitLiveEvent(ctx, mark, catalog.LiveEventSeatInfoChanged, id, since)
			Expect(e.payload).NotTo(HaveKey("Operator_Account"), "L-44: the Live seat event has no operator")
			Expect(seatEntry(e, first)).To(HaveKeyWithValue("IsTakenDisabled", true))
		})

		It("reports a member picked onto a Live room's seat (64425)", labels.NeedsControlPlane(), labels.Command(catalog.ServiceSeat, "pick_user_on_seat"), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, allLiveEvents())
			id := live.roomWith(ctx, member1)
			first, _ := seatIndexes(seats(ctx, id))
			mark, since := session.Receiver.Mark(), time.Now()
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			e := awaitLiveEvent(ctx, mark, catalog.LiveEventSeatInfoChanged, id, since)
			Expect(seatEntry(e, first)).To(HaveKeyWithValue("Member_Account", member1))
		})

		It("sends nothing for a word outside the configured list", labels.Command(catalog.ServiceLive, "destroy_room"), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, wire.CallbackConfig{URL: session.Receiver.URL(), CallbackCommandList: []string{catalog.LiveEventCreateRoom}})
			mark, since := session.Receiver.Mark(), time.Now()
			id := live.room(ctx)
			Expect(setLiveMetadata(ctx, id, "k", "v")).To(BeDocumentedAnswer(0))
			live.destroy(ctx, id)
			awaitLiveEvent(ctx, mark, catalog.LiveEventCreateRoom, id, since) // delivery works…
			Expect(session.Receiver.Matching(ctx, mark, quietWindow, func(c harness.Callback) bool {
				return c.Command() != catalog.LiveEventCreateRoom && about(c, id)
			})).To(BeEmpty(), "…but an unlisted event was delivered")
		})

		It("sends nothing once the configuration is deleted", labels.Command(catalog.ServiceLiveConfig, "delete_callback"), labels.Code(0), func(ctx SpecContext) {
			useLiveCallbacks(ctx, allLiveEvents())
			Expect(liveConfigCall(ctx, "delete_callback", map[string]any{})).To(BeDocumentedAnswer(0))
			mark := session.Receiver.Mark()
			id := live.room(ctx)
			live.destroy(ctx, id)
			Expect(session.Receiver.Matching(ctx, mark, quietWindow, liveEventAbout(id))).To(BeEmpty(),
				"Live callbacks were delivered after the configuration was deleted")
		})
	})
})
