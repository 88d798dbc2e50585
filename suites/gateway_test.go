package suites

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/usersig"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// Codes a service may answer for a ticket it rejects: the overview's two "account or
// signature invalid" codes, plus the account code naming the precise failure (60000–79999
// are the common range on every Conference page). See docs/errata.md, "UserSig failures".
func signatureCodes(precise ...int) []int {
	return append([]int{catalog.CodeBadSignature, catalog.CodeBadSignature2}, precise...)
}

// ticket signs a UserSig with the target's settings, changed by the arguments.
func ticket(identifier string, sdkAppID uint64, key string, expire time.Duration, signedAt time.Time) string {
	GinkgoHelper()
	sig, err := usersig.Generate(sdkAppID, key, identifier, expire, signedAt)
	Expect(err).NotTo(HaveOccurred())
	return sig
}

// RESTful API overview: https://trtc.io/document/60703
var _ = Describe("The REST gateway", labels.Area("gateway"), labels.Command(catalog.ServiceRoom, "get_room_info"), func() {

	It("answers a failure with HTTP 200 and the four-attribute envelope", labels.Code(100004), func(ctx SpecContext) {
		resp := call(ctx, catalog.ServiceRoom, "get_room_info", wire.RoomIDRequest{RoomID: newRoomID()})
		Expect(resp.HTTPStatus).To(Equal(http.StatusOK))
		Expect(resp).To(HaveErrorCode(catalog.CodeRoomNotFound))
		Expect(resp).To(MatchSchema(getSchema))
		Expect(resp.Envelope.ErrorInfo).NotTo(BeEmpty(), "a failure explains itself in ErrorInfo")
	})

	It("gives every answer its own RequestId", labels.Code(100004), func(ctx SpecContext) {
		seen := map[string]bool{}
		for range 5 {
			resp := call(ctx, catalog.ServiceRoom, "get_room_info", wire.RoomIDRequest{RoomID: newRoomID()})
			Expect(resp).To(HaveErrorCode(catalog.CodeRoomNotFound))
			Expect(seen).NotTo(HaveKey(resp.Envelope.RequestID), "RequestId repeated")
			seen[resp.Envelope.RequestID] = true
		}
	})

	DescribeTable("refuses a malformed request with the documented common code",
		func(ctx SpecContext, build func() client.Request, codes []int) {
			req := build()
			req.Service, req.Command = catalog.ServiceRoom, "get_room_info"
			if req.Body == nil {
				req.Body = []byte(`{"RoomId":"` + newRoomID() + `"}`)
			}
			resp := send(ctx, req)
			Expect(resp.HTTPStatus).To(Equal(http.StatusOK), "the overview: HTTP 200 unless the network fails")
			Expect(resp).To(HaveErrorCode(codes...))
			Expect(resp).To(MatchSchema(getSchema))
		},
		Entry("GET instead of POST", labels.Code(60002, 60008), func() client.Request {
			return client.Request{Method: http.MethodGet}
		}, []int{catalog.CodeHTTPParse, catalog.CodeServiceTimeout}),
		Entry("an empty body", labels.Code(60002, 60003), func() client.Request {
			return client.Request{Body: []byte{}}
		}, []int{catalog.CodeHTTPParse, catalog.CodeJSONParse}),
		Entry("a body that is not JSON", labels.Code(60003), func() client.Request {
			return client.Request{Body: []byte(`{"RoomId":`)}
		}, []int{catalog.CodeJSONParse}),
		Entry("a body that is a JSON array", labels.Code(60003, 100002), func() client.Request {
			return client.Request{Body: []byte(`[{"RoomId":"a"}]`)}
		}, []int{catalog.CodeJSONParse, catalog.CodeInvalidParameter}),
		Entry("no sdkappid", labels.Code(60012), func() client.Request {
			return client.Request{Query: url.Values{"sdkappid": nil}}
		}, []int{catalog.CodeSDKAppIDMissing}),
		Entry("the sdkappid of another application", labels.Code(60006, 70014, 70020), func() client.Request {
			return client.Request{Query: url.Values{"sdkappid": {strconv.FormatUint(session.Settings.SDKAppID+1, 10)}}}
		}, []int{catalog.CodeBadSDKAppID, catalog.CodeUserSigSDKAppIDDiffer, 70020}),
		Entry("no usersig", labels.Code(60004, 60005, 70003), func() client.Request {
			return client.Request{Query: url.Values{"usersig": nil}}
		}, signatureCodes(catalog.CodeUserSigInvalid)),
		Entry("no identifier", labels.Code(60004, 60005, 70013), func() client.Request {
			return client.Request{Query: url.Values{"identifier": nil}}
		}, signatureCodes(catalog.CodeUserSigIdentifierDiffer)),
		Entry("a UserSig that is not a ticket", labels.Code(60004, 60005, 70003), func() client.Request {
			return client.Request{Query: url.Values{"usersig": {"not-a-ticket"}}}
		}, signatureCodes(catalog.CodeUserSigInvalid)),
		Entry("a UserSig signed with another key", labels.Code(60004, 60005, 70009), func() client.Request {
			s := session.Settings
			return client.Request{Query: url.Values{"usersig": {ticket(s.Admin, s.SDKAppID, s.SecretKey+"-wrong", time.Hour, time.Now())}}}
		}, signatureCodes(catalog.CodeUserSigVerifyFailed)),
		Entry("an expired UserSig", labels.Code(60004, 60005, 70001), func() client.Request {
			s := session.Settings
			return client.Request{Query: url.Values{"usersig": {ticket(s.Admin, s.SDKAppID, s.SecretKey, time.Hour, time.Now().Add(-48*time.Hour))}}}
		}, signatureCodes(catalog.CodeUserSigExpired)),
		Entry("a UserSig of another account", labels.Code(60004, 60005, 70013), func() client.Request {
			s := session.Settings
			return client.Request{Query: url.Values{"usersig": {ticket(ownerA, s.SDKAppID, s.SecretKey, time.Hour, time.Now())}}}
		}, signatureCodes(catalog.CodeUserSigIdentifierDiffer)),
		Entry("a UserSig of another application", labels.Code(60004, 60005, 70014), func() client.Request {
			s := session.Settings
			return client.Request{Query: url.Values{"usersig": {ticket(s.Admin, s.SDKAppID+1, s.SecretKey, time.Hour, time.Now())}}}
		}, signatureCodes(catalog.CodeUserSigSDKAppIDDiffer)),
		Entry("a UserSig carrying a user buffer", labels.Code(60004, 60005, 70003, 70009), func() client.Request {
			s := session.Settings
			sig, err := usersig.GenerateWithUserBuf(s.SDKAppID, s.SecretKey, s.Admin, time.Hour, time.Now(), []byte("room-privileges"))
			Expect(err).NotTo(HaveOccurred())
			return client.Request{Query: url.Values{"usersig": {sig}}}
		}, signatureCodes(catalog.CodeUserSigInvalid, catalog.CodeUserSigVerifyFailed)),
		Entry("an identifier that is not an App administrator", labels.Code(60010), func() client.Request {
			return client.Request{Identifier: ownerA}
		}, []int{catalog.CodeAdminRequired}),
	)

	DescribeTable("refuses a path that names no API with 60009",
		func(ctx SpecContext, service, command string) {
			resp := send(ctx, client.Request{Service: service, Command: command})
			Expect(resp.HTTPStatus).To(Equal(http.StatusOK))
			Expect(resp).To(HaveErrorCode(catalog.CodeBadResource))
			Expect(resp).To(MatchSchema(getSchema))
		},
		Entry("an unknown command", labels.Code(60009), catalog.ServiceRoom, "get_room_info_v2"),
		Entry("an unknown service", labels.Code(60009), "room_engine_http_nosuch", "get_room_info"),
	)

	It("answers calls beyond the frequency limit with a rate-limit code and the others normally",
		labels.NeedsControlPlane(), labels.Code(60007, 60011, 60018, 60019), func(ctx SpecContext) {
			limits, err := session.Control.Config(ctx)
			Expect(err).NotTo(HaveOccurred())
			if limits.RatePerSecond <= 0 {
				Skip("the emulator under test enforces no frequency limit (RatePerSecond 0)")
			}
			body := []byte(`{"RoomId":"` + newRoomID() + `"}`)
			burst := 5 * limits.RatePerSecond
			answers := make(chan *client.Response, burst)
			started := time.Now()
			var wg sync.WaitGroup
			for range 16 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer GinkgoRecover()
					for range burst / 16 {
						resp, err := session.Client.Do(ctx, client.Request{Service: catalog.ServiceRoom, Command: "get_room_info", Body: body, SkipBudget: true})
						answers <- answered(resp, err)
					}
				}()
			}
			wg.Wait()
			close(answers)
			elapsed := time.Since(started)
			limited := 0
			for resp := range answers {
				if catalogHas(catalog.RateLimitCodes, resp.Code()) {
					limited++
					Expect(resp).To(HaveErrorCode(catalog.RateLimitCodes...))
					Expect(resp).To(MatchSchema(getSchema))
				} else {
					Expect(resp).To(HaveErrorCode(catalog.CodeRoomNotFound))
				}
			}
			// Any limiter keeping to the rate lets through at most rate x (elapsed + 2 s): one
			// second's burst, and fixed windows that straddle the run. A slower burst proves nothing.
			sent := (burst / 16) * 16
			if allowed := float64(limits.RatePerSecond) * (elapsed.Seconds() + 2); float64(sent) <= allowed {
				Skip(fmt.Sprintf("%d calls took %v here; a limit of %d/s may let up to %.0f through, so none had to be refused",
					sent, elapsed.Round(time.Millisecond), limits.RatePerSecond, allowed))
			}
			Expect(limited).To(BeNumerically(">", 0), "%d calls in a burst, limit %d/s: none was limited", burst, limits.RatePerSecond)
		})
})

func catalogHas(codes []int, code int) bool {
	for _, c := range codes {
		if c == code {
			return true
		}
	}
	return false
}
