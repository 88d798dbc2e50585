package suites

import (
	"context"
	"encoding/json"
	"slices"
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

// callbackWait bounds every wait for a callback; the Chat overview gives deliveries 2 s.
const callbackWait = 5 * time.Second

// quietWindow is how long a spec listens to show that an event does not come.
const quietWindow = 1500 * time.Millisecond

// optPlatforms are the documented OptPlatform values, compared case-insensitively (callbacks.md A1).
var optPlatforms = []string{"restapi", "web", "android", "ios", "windows", "macos", "mac", "ipad", "unknown"}

func configCall(ctx context.Context, command string, body any) *client.Response {
	GinkgoHelper()
	return request(ctx, catalog.ServiceConfig, command, body)
}

// getCallback reads the application's callback configuration: the configuration when
// get_callback succeeded, nil otherwise.
func getCallback(ctx context.Context) (*wire.CallbackConfig, *client.Response, error) {
	answer, resp, err := session.Client.Callbacks.Get(ctx)
	if answer == nil || err != nil {
		return nil, resp, err
	}
	return &answer.Response, resp, nil
}

// useCallbacks replaces the application's callback configuration for the spec and restores
// whatever was there before when the spec ends.
func useCallbacks(ctx context.Context, cfg wire.CallbackConfig) {
	GinkgoHelper()
	previous, resp, err := getCallback(ctx)
	answered(resp, err)
	DeferCleanup(func() {
		if resp.Code() == 0 && previous != nil && previous.URL != "" {
			_, _ = session.Client.Call(background(), catalog.ServiceConfig, "update_callback", previous)
			return
		}
		_, _ = session.Client.Call(background(), catalog.ServiceConfig, "delete_callback", nil)
	})
	if resp.Code() == 0 && previous != nil && previous.URL != "" {
		Expect(configCall(ctx, "update_callback", cfg)).To(BeDocumentedAnswer(0))
		return
	}
	Expect(configCall(ctx, "set_callback", cfg)).To(BeDocumentedAnswer(0))
}

// withoutCallbacks removes any configuration for the spec, restoring it afterwards.
func withoutCallbacks(ctx context.Context) {
	GinkgoHelper()
	previous, resp, err := getCallback(ctx)
	answered(resp, err)
	if resp.Code() == 0 && previous != nil && previous.URL != "" {
		DeferCleanup(func() { _, _ = session.Client.Call(background(), catalog.ServiceConfig, "set_callback", previous) })
	}
	// E-34: deleting a configuration that does not exist may succeed or answer 100301.
	Expect(configCall(ctx, "delete_callback", nil)).To(BeDocumentedAnswer(0, catalog.CodeCallbackMissing))
}

// event is a delivered callback, decoded.
type event struct {
	harness.Callback
	payload map[string]any
}

// field digs a value out of the payload: field("RoomInfo", "RoomId").
func (e event) field(path ...string) any {
	var v any = e.payload
	for _, key := range path {
		object, _ := v.(map[string]any)
		v = object[key]
	}
	if n, ok := v.(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			return i
		}
	}
	return v
}

// awaitEvent waits for the event about roomID after mark, and checks what every delivery
// promises: the URL's parameters, the body's schema and command word, and an EventTime in
// milliseconds at the time of the action.
func awaitEvent(ctx context.Context, mark int, command, roomID string, since time.Time) event {
	GinkgoHelper()
	commands := []string{command}
	if command == catalog.EventAfterUpdateRoomInfo {
		commands = append(commands, catalog.EventUpdateRoomInfoOld) // callbacks.md C-1
	}
	got, err := session.Receiver.Await(ctx, mark, callbackWait, command+" for room "+roomID, func(c harness.Callback) bool {
		return containsString(commands, c.Command()) && about(c, roomID)
	})
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() { // deliveries are results (live_callback_test.go's awaitLiveEvent does the same)
		session.Receiver.Judge(got, catalog.FamilyConference, !CurrentSpecReport().Failed(), "the spec that checked it failed")
	})
	payload, err := got.Payload()
	Expect(err).NotTo(HaveOccurred())
	e := event{got, payload}

	Expect(got.Query.Get("SdkAppid")).To(Equal(strconv.FormatUint(session.Settings.SDKAppID, 10)), "SdkAppid")
	Expect(strings.ToLower(got.Query.Get("contenttype"))).To(Equal("json"), "contenttype")
	Expect(got.Query.Get("ClientIP")).NotTo(BeEmpty(), "ClientIP")
	Expect(strings.ToLower(got.Query.Get("OptPlatform"))).To(BeElementOf(optPlatforms), "OptPlatform")
	Expect(e.field("CallbackCommand")).To(Equal(got.Command()), "the body repeats the URL's CallbackCommand")
	Expect(got.Body).To(MatchSchema("callback/" + command + ".event"))
	Expect(e.field("EventTime")).To(BeNumerically("~", since.UnixMilli(), clockSkew.Milliseconds()), "EventTime in milliseconds at the action")
	return e
}

// about reports whether a delivery concerns roomID; deliveries about other rooms (a previous
// spec's clean-up, say) may arrive at any time and prove nothing about this spec.
func about(c harness.Callback, roomID string) bool {
	payload, err := c.Payload()
	if err != nil {
		return true // an undecodable delivery is suspect wherever it comes from
	}
	e := event{c, payload}
	return e.field("RoomId") == roomID || e.field("RoomInfo", "RoomId") == roomID ||
		e.field("GroupId") == roomID // the room chat events name the room's group (Live, callbacks.md B3)
}

func containsString(values []string, v string) bool {
	for _, x := range values {
		if x == v {
			return true
		}
	}
	return false
}

func allEvents() wire.CallbackConfig {
	return wire.CallbackConfig{URL: session.Receiver.URL(), CallbackCommandList: append([]string{}, catalog.Events...)}
}

var _ = Describe("Third-party callbacks", labels.Area("callback"), serialWhereShared, func() {

	// Callback configuration: https://trtc.io/document/60729 (create), 60730 (query),
	// 60728 (update), 60727 (delete).
	Describe("the configuration API", func() {
		example := wire.CallbackConfig{URL: "http://www.example.com/callback", CallbackCommandList: []string{catalog.EventAfterMemberLeave, catalog.EventAfterSeatInfoChanged}}

		It("stores one configuration that get_callback returns", labels.Command(catalog.ServiceConfig, "set_callback"),
			labels.Command(catalog.ServiceConfig, "get_callback"), labels.Code(0), func(ctx SpecContext) {
				withoutCallbacks(ctx)
				Expect(configCall(ctx, "set_callback", example)).To(BeDocumentedAnswer(0))
				DeferCleanup(func() { _, _ = session.Client.Call(background(), catalog.ServiceConfig, "delete_callback", nil) })
				got, resp, err := getCallback(ctx)
				answered(resp, err)
				Expect(resp).To(BeDocumentedAnswer(0))
				Expect(got.URL).To(Equal(example.URL))
				Expect(got.CallbackCommandList).To(ConsistOf(example.CallbackCommandList))
			})

		It("refuses a second configuration with 100300", labels.Command(catalog.ServiceConfig, "set_callback"), labels.Code(100300), func(ctx SpecContext) {
			useCallbacks(ctx, example)
			Expect(configCall(ctx, "set_callback", example)).To(BeDocumentedAnswer(catalog.CodeCallbackExists))
		})

		It("replaces the configuration with update_callback", labels.Command(catalog.ServiceConfig, "update_callback"), labels.Code(0), func(ctx SpecContext) {
			useCallbacks(ctx, example)
			changed := wire.CallbackConfig{URL: "https://www.example.com/other", CallbackCommandList: []string{catalog.EventAfterCreateRoom}}
			Expect(configCall(ctx, "update_callback", changed)).To(BeDocumentedAnswer(0))
			got, resp, err := getCallback(ctx)
			answered(resp, err)
			Expect(resp).To(BeDocumentedAnswer(0))
			Expect(*got).To(MatchFields(map[string]any{"URL": changed.URL, "CallbackCommandList": changed.CallbackCommandList}))
		})

		It("refuses to update a configuration that does not exist with 100301", labels.Command(catalog.ServiceConfig, "update_callback"), labels.Code(100301), func(ctx SpecContext) {
			withoutCallbacks(ctx)
			Expect(configCall(ctx, "update_callback", example)).To(BeDocumentedAnswer(catalog.CodeCallbackMissing))
		})

		It("deletes the configuration", labels.Command(catalog.ServiceConfig, "delete_callback"), labels.Command(catalog.ServiceConfig, "get_callback"),
			labels.Code(0, 100301), func(ctx SpecContext) {
				useCallbacks(ctx, example)
				Expect(configCall(ctx, "delete_callback", nil)).To(BeDocumentedAnswer(0))
				got, resp, err := getCallback(ctx)
				Expect(answered(resp, err)).To(BeDocumentedAnswer(catalog.CodeCallbackMissing, 0))
				if resp.Code() == 0 {
					Expect(got.URL).To(BeEmpty(), "a deleted configuration is still reported")
				}
			})

		DescribeTable("refuses a malformed configuration with 100002",
			func(ctx SpecContext, command, body string) {
				withoutCallbacks(ctx)
				if command == "update_callback" {
					useCallbacks(ctx, example)
				}
				Expect(configCall(ctx, command, body)).To(BeDocumentedAnswer(catalog.CodeInvalidParameter))
			},
			Entry("a Url that is not http or https", labels.Command(catalog.ServiceConfig, "set_callback"), labels.Code(100002),
				"set_callback", `{"Url":"ftp://www.example.com/callback","CallbackCommandList":[]}`),
			Entry("no Url", labels.Command(catalog.ServiceConfig, "set_callback"), labels.Code(100002),
				"set_callback", `{"CallbackCommandList":["Room.CallbackAfterCreateRoom"]}`),
			Entry("no CallbackCommandList", labels.Command(catalog.ServiceConfig, "set_callback"), labels.Code(100002),
				"set_callback", `{"Url":"http://www.example.com/callback"}`),
			Entry("an update without Url", labels.Command(catalog.ServiceConfig, "update_callback"), labels.Code(100002),
				"update_callback", `{"CallbackCommandList":["Room.CallbackAfterCreateRoom"]}`),
		)
	})

	// The six Conference events: https://trtc.io/document/60733, 60732, 60731, 60735, 60734, 60736.
	Describe("events", labels.NeedsCallbacks(), func() {

		It("reports a created room with its settings", labels.Command(catalog.ServiceRoom, "create_room"), labels.Code(0), func(ctx SpecContext) {
			useCallbacks(ctx, allEvents())
			mark, since := session.Receiver.Mark(), time.Now()
			id := newRoomID()
			req := minimalRoom(id)
			req.RoomInfo.RoomName, req.RoomInfo.OwnerAccount, req.RoomInfo.MaxMemberCount = wire.Ptr("callback room"), wire.Ptr(ownerA), wire.Ptr(12)
			conference.mustCreate(ctx, req)
			e := awaitEvent(ctx, mark, catalog.EventAfterCreateRoom, id, since)
			Expect(e.field("Operator_Account")).To(Equal(session.Settings.Admin))
			Expect(e.field("RoomInfo", "RoomName")).To(Equal("callback room"))
			Expect(e.field("RoomInfo", "Owner_Account")).To(Equal(ownerA))
			Expect(e.field("RoomInfo", "MaxMemberCount")).To(BeEquivalentTo(12))
		})

		It("reports a destroyed room", labels.Command(catalog.ServiceRoom, "destroy_room"), labels.Code(0), func(ctx SpecContext) {
			useCallbacks(ctx, allEvents())
			id := conference.room(ctx)
			mark, since := session.Receiver.Mark(), time.Now()
			conference.destroy(ctx, id)
			e := awaitEvent(ctx, mark, catalog.EventAfterDestroyRoom, id, since)
			Expect(e.field("Operator_Account")).To(Equal(session.Settings.Admin))
		})

		It("reports updated room information", labels.Command(catalog.ServiceRoom, "update_room_info"), labels.Code(0), func(ctx SpecContext) {
			useCallbacks(ctx, allEvents())
			id := conference.room(ctx)
			mark, since := session.Receiver.Mark(), time.Now()
			Expect(conference.send(ctx, "update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{
				RoomID: id, RoomName: wire.Ptr("renamed by a spec"), MaxMemberCount: wire.Ptr(9), CustomInfo: wire.Ptr("custom by a spec"),
				IsVideoDisabled: wire.Ptr(true), IsAudioDisabled: wire.Ptr(true), IsMessageDisabled: wire.Ptr(true),
				IsScreenSharingDisabled: wire.Ptr(true), IsCloudRecordingDisabled: wire.Ptr(true),
			}})).To(BeDocumentedAnswer(0))
			e := awaitEvent(ctx, mark, catalog.EventAfterUpdateRoomInfo, id, since)
			Expect(e.field("Operator_Account")).To(Equal(session.Settings.Admin))
			// Every attribute the update changed is reported with its new value.
			Expect(e.field("RoomInfo", "RoomName")).To(Equal("renamed by a spec"))
			Expect(e.field("RoomInfo", "MaxMemberCount")).To(BeEquivalentTo(9))
			Expect(e.field("RoomInfo", "CustomInfo")).To(Equal("custom by a spec"))
			for _, flag := range []string{"IsVideoDisabled", "IsAudioDisabled", "IsMessageDisabled", "IsScreenSharingDisabled"} {
				Expect(e.field("RoomInfo", flag)).To(BeTrue(), flag)
			}
			// C-3: the sample sends this switch as a string.
			Expect(e.field("RoomInfo", "IsCloudRecordingDisabled")).To(BeElementOf(true, "true"), "IsCloudRecordingDisabled")
		})

		It("reports a member entering", labels.NeedsControlPlane(), labels.Code(0), func(ctx SpecContext) {
			useCallbacks(ctx, allEvents())
			id := conference.room(ctx)
			mark, since := session.Receiver.Mark(), time.Now()
			enter(ctx, id, member1)
			e := awaitEvent(ctx, mark, catalog.EventAfterMemberEnter, id, since)
			Expect(e.field("Type")).To(Equal("Enter"))
			Expect(e.field("MemberList_Account")).To(ConsistOf(member1))
			// C-5, E-09: the members after the event; the owner counts where it is a member.
			expected := 1
			if slices.Contains(accountsOf(members(ctx, id, nil)), ownerA) {
				expected++
			}
			Expect(e.field("MemberCount")).To(BeEquivalentTo(expected))
		})

		It("reports a member leaving, and a member kicked out", labels.NeedsControlPlane(), labels.Command(catalog.ServiceRoom, "kick_user_out"),
			labels.Code(0), func(ctx SpecContext) {
				useCallbacks(ctx, allEvents())
				id := conference.roomWith(ctx, member1, member2)
				mark, since := session.Receiver.Mark(), time.Now()
				Expect(session.Control.Leave(ctx, id, member1)).To(Succeed())
				left := awaitEvent(ctx, mark, catalog.EventAfterMemberLeave, id, since)
				Expect(left.field("Type")).To(Equal("Leave"))
				Expect(left.field("MemberList_Account")).To(ConsistOf(member1))

				mark, since = session.Receiver.Mark(), time.Now()
				Expect(conference.send(ctx, "kick_user_out", wire.KickUserOutRequest{RoomID: id, MemberListAccount: []string{member2}, Reason: "spec"})).To(BeDocumentedAnswer(0))
				kicked := awaitEvent(ctx, mark, catalog.EventAfterMemberLeave, id, since)
				Expect(kicked.field("Type")).To(Equal("Kicked"))
				Expect(kicked.field("MemberList_Account")).To(ConsistOf(member2))
			})

		It("reports a locked seat with the seat list", labels.Command(catalog.ServiceSeat, "lock_seat"), labels.Code(0), func(ctx SpecContext) {
			useCallbacks(ctx, allEvents())
			id := seatRoom(ctx, 3, "ApplyToTake")
			first, _ := seatIndexes(seats(ctx, id))
			mark, since := session.Receiver.Mark(), time.Now()
			Expect(lock(ctx, wire.LockSeatRequest{RoomID: id, Index: first, ForbidTaken: wire.Ptr(true)})).To(BeDocumentedAnswer(0))
			e := awaitEvent(ctx, mark, catalog.EventAfterSeatInfoChanged, id, since)
			Expect(e.field("Operator_Account")).To(Equal(session.Settings.Admin), "the REST call's operator is the administrator")
			Expect(seatEntry(e, first)).To(HaveKeyWithValue("IsTakenDisabled", true))
		})

		It("reports a member picked onto a seat", labels.NeedsControlPlane(), labels.Command(catalog.ServiceSeat, "pick_user_on_seat"), labels.Code(0), func(ctx SpecContext) {
			useCallbacks(ctx, allEvents())
			id := seatRoom(ctx, 3, "ApplyToTake", member1)
			first, _ := seatIndexes(seats(ctx, id))
			mark, since := session.Receiver.Mark(), time.Now()
			Expect(pick(ctx, id, first, member1)).To(BeDocumentedAnswer(0))
			e := awaitEvent(ctx, mark, catalog.EventAfterSeatInfoChanged, id, since)
			Expect(e.field("Operator_Account")).To(Equal(session.Settings.Admin), "the REST call's operator is the administrator")
			Expect(seatEntry(e, first)).To(HaveKeyWithValue("Member_Account", member1))
		})

		It("sends nothing for a command word outside the configured list", labels.Command(catalog.ServiceRoom, "destroy_room"), labels.Code(0), func(ctx SpecContext) {
			useCallbacks(ctx, wire.CallbackConfig{URL: session.Receiver.URL(), CallbackCommandList: []string{catalog.EventAfterCreateRoom}})
			mark, since := session.Receiver.Mark(), time.Now()
			id := conference.room(ctx)
			conference.destroy(ctx, id)
			awaitEvent(ctx, mark, catalog.EventAfterCreateRoom, id, since) // delivery works…
			Expect(session.Receiver.Matching(ctx, mark, quietWindow, func(c harness.Callback) bool {
				return c.Command() == catalog.EventAfterDestroyRoom && about(c, id)
			})).To(BeEmpty(), "…but an unlisted event was delivered")
		})

		It("sends nothing once the configuration is deleted", labels.Command(catalog.ServiceConfig, "delete_callback"), labels.Code(0), func(ctx SpecContext) {
			useCallbacks(ctx, allEvents())
			Expect(configCall(ctx, "delete_callback", nil)).To(BeDocumentedAnswer(0))
			mark := session.Receiver.Mark()
			id := conference.room(ctx)
			Expect(session.Receiver.Matching(ctx, mark, quietWindow, func(c harness.Callback) bool { return about(c, id) })).To(BeEmpty(),
				"callbacks were delivered after the configuration was deleted")
		})
	})
})

// seatEntry returns the SeatList entry of a seat event for one index.
func seatEntry(e event, index int) map[string]any {
	GinkgoHelper()
	list, _ := e.field("SeatList").([]any)
	for _, entry := range list {
		seat, _ := entry.(map[string]any)
		if n, ok := seat["Index"].(json.Number); ok && n.String() == strconv.Itoa(index) {
			return seat
		}
	}
	Fail("the seat event does not list seat " + strconv.Itoa(index))
	return nil
}
