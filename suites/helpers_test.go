package suites

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/harness"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// Accounts imported at suite start: room owners must be imported accounts.
const (
	ownerA  = "trtcconf_owner_a"
	ownerB  = "trtcconf_owner_b"
	member1 = "trtcconf_member_1"
	member2 = "trtcconf_member_2"
)

var nameSeq atomic.Int64

// uniqueName returns a name unique to this run and process, so that runs and parallel
// processes sharing a target never collide: "<prefix>-<run>-p<process>-<n>".
func uniqueName(prefix string) string {
	return fmt.Sprintf("%s-%s-p%d-%d", prefix, session.RunID, GinkgoParallelProcess(), nameSeq.Add(1))
}

func newRoomID() string { return uniqueName("conf") }

// answered returns the answer of a call. No answer at all (connection refused, timeout) is
// the environment's failure, not the target's, and ends the spec with outcome error.
func answered(resp *client.Response, err error) *client.Response {
	GinkgoHelper()
	var transport *client.TransportError
	if errors.As(err, &transport) || resp == nil {
		harness.FailEnvironment(err)
	}
	return resp
}

// send issues a wire-level request and returns its answer.
func send(ctx context.Context, req client.Request) *client.Response {
	GinkgoHelper()
	return answered(session.Client.Do(ctx, req))
}

// call marshals body and sends it to service/command.
func call(ctx context.Context, service, command string, body any) *client.Response {
	GinkgoHelper()
	return answered(session.Client.Call(ctx, service, command, body))
}

// raw sends a literal JSON body to a room command.
func raw(ctx context.Context, command, body string) *client.Response {
	GinkgoHelper()
	return send(ctx, client.Request{Service: catalog.ServiceRoom, Command: command, Body: []byte(body)})
}

// importAccounts imports accounts and expects none to fail.
func importAccounts(ctx context.Context, ids ...string) {
	GinkgoHelper()
	imported, _, err := session.Client.Accounts.Import(ctx, ids...)
	failed := imported.FailAccounts
	var transport *client.TransportError
	if errors.As(err, &transport) {
		harness.FailEnvironment(err)
	}
	Expect(err).NotTo(HaveOccurred(), "importing the suite's accounts")
	Expect(failed).To(BeEmpty(), "accounts the target refused to import")
}

// trackRoom destroys the room when the spec ends, whatever its outcome.
func trackRoom(id string) {
	DeferCleanup(func() {
		_, _, _ = session.Client.Rooms.Destroy(background(), id)
	})
}

// createRoom sends create_room and destroys the room after the spec, whether or not the
// create succeeded (a failing target may still have created it).
func createRoom(ctx context.Context, req wire.CreateRoomRequest) *client.Response {
	GinkgoHelper()
	trackRoom(req.RoomInfo.RoomID)
	_, resp, err := session.Client.Rooms.Create(ctx, req)
	return answered(resp, err)
}

// minimalRoom is a create_room packet with only the mandatory fields.
func minimalRoom(id string) wire.CreateRoomRequest {
	return wire.CreateRoomRequest{RoomInfo: wire.RoomSettings{RoomID: id, RoomType: wire.Ptr("Conference")}}
}

// mustCreateRoom creates a room that the spec needs and expects success.
func mustCreateRoom(ctx context.Context, req wire.CreateRoomRequest) {
	GinkgoHelper()
	resp := createRoom(ctx, req)
	Expect(resp).To(HaveErrorCode(0), "creating the room the spec needs")
	Expect(resp).To(MatchSchema("room_engine_http_srv/create_room.response"))
}

// roomInfo reads a room that must exist, checking the answer against its schema.
func roomInfo(ctx context.Context, id string) wire.RoomInfo {
	GinkgoHelper()
	answer, resp, err := session.Client.Rooms.GetInfo(ctx, id)
	answered(resp, err)
	Expect(resp).To(HaveErrorCode(0), "reading room %q", id)
	Expect(resp).To(MatchSchema("room_engine_http_srv/get_room_info.response"))
	Expect(answer).NotTo(BeNil())
	return answer.Response.RoomInfo
}

// expectRoomGone expects get_room_info to answer 100004 for the room.
func expectRoomGone(ctx context.Context, id string) {
	GinkgoHelper()
	resp := call(ctx, catalog.ServiceRoom, "get_room_info", wire.RoomIDRequest{RoomID: id})
	Expect(resp).To(HaveErrorCode(catalog.CodeRoomNotFound))
	Expect(resp).To(MatchSchema("room_engine_http_srv/get_room_info.response"))
}

// utf8OfBytes builds a string of exactly n bytes from 3-byte "€" padded with ASCII, so that a
// service counting characters instead of bytes accepts what it must refuse.
func utf8OfBytes(n int) string {
	return strings.Repeat("€", n/3) + strings.Repeat("a", n%3)
}

// waitPastCreateRateWindow waits until more than a second has passed since start, so that
// the once-per-second create rule (100012) cannot explain a refusal.
func waitPastCreateRateWindow(start time.Time) {
	if wait := time.Until(start.Add(1100 * time.Millisecond)); wait > 0 {
		time.Sleep(wait)
	}
}

// expectRefused sends a literal JSON body to a room command and expects one of codes, in an
// answer valid against the command's response schema.
func expectRefused(ctx context.Context, command, body string, codes ...int) {
	GinkgoHelper()
	resp := raw(ctx, command, body)
	Expect(resp).To(HaveErrorCode(codes...))
	Expect(resp).To(MatchSchema(catalog.ServiceRoom + "/" + command + ".response"))
}
