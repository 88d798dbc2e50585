package suites

import (
	"context"
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

// The codes the RESTful API overview's rules accept (docs/errata.md, "Overview rules").
var (
	// signatureFamily answers a ticket that does not authorise the call: the overview's two
	// "account or signature incorrect" codes and the account codes naming a precise failure.
	// Which ticket check fails first is not documented, so any of them will do (E-01).
	signatureFamily = []int{catalog.CodeBadSignature, catalog.CodeBadSignature2, catalog.CodeUserSigExpired,
		catalog.CodeUserSigInvalid, catalog.CodeUserSigVerifyFailed, catalog.CodeUserSigIdentifierDiffer, catalog.CodeUserSigSDKAppIDDiffer}
	// urlFormatCodes answer a URL the overview's format does not allow: 60002 "check the format
	// of the HTTP request URL", 60008 "the format of the HTTP request is incorrect".
	urlFormatCodes = []int{catalog.CodeHTTPParse, catalog.CodeServiceTimeout}
	// sdkAppIDCodes answer a missing or unusable sdkappid: 60012 "SDKAppID is required", 60006
	// "invalid SDKAppID", or the URL's format (60002).
	sdkAppIDCodes = []int{catalog.CodeSDKAppIDMissing, catalog.CodeBadSDKAppID, catalog.CodeHTTPParse}
	// bodyParseCodes answer a body that is not one JSON object: 60003 "error parsing the JSON
	// data", or 60002 "error parsing the HTTP request".
	bodyParseCodes = []int{catalog.CodeJSONParse, catalog.CodeHTTPParse}
)

// joinCodes is the union of code sets, for rules that accept several families of codes.
func joinCodes(sets ...[]int) []int {
	var out []int
	for _, set := range sets {
		out = append(out, set...)
	}
	return out
}

// ticket signs a UserSig with the target's settings, changed by the arguments.
func ticket(identifier string, sdkAppID uint64, key string, expire time.Duration, signedAt time.Time) string {
	GinkgoHelper()
	sig, err := usersig.Generate(sdkAppID, key, identifier, expire, signedAt)
	Expect(err).NotTo(HaveOccurred())
	return sig
}

// gatewayFamily is one family of room services behind the REST gateway. Its probe is
// get_room_info for a room that does not exist: the command itself answers 100004, so 100004
// proves that the gateway let the call through, and anything else that it refused it.
type gatewayFamily struct {
	name    string
	service string
}

var gatewayFamilies = []gatewayFamily{
	{"Conference", catalog.ServiceRoom},
	{"Live", catalog.ServiceLive},
}

func (f gatewayFamily) probeLabels() Labels { return labels.Command(f.service, "get_room_info") }

func (f gatewayFamily) schema(command string) string { return f.service + "/" + command + ".response" }

// probe returns get_room_info for a room that does not exist, with the query changed by query.
func (f gatewayFamily) probe(query url.Values) client.Request {
	return client.Request{Service: f.service, Command: "get_room_info", Query: query,
		Body: []byte(`{"RoomId":"` + newRoomID() + `"}`)}
}

// succeeding returns a request that the family answers with success: get_room_info of a room
// created for the spec (Conference), the first page of get_room_list (Live).
func (f gatewayFamily) succeeding(ctx context.Context) client.Request {
	GinkgoHelper()
	if f.service == catalog.ServiceLive {
		return client.Request{Service: f.service, Command: "get_room_list", Body: []byte(`{"Next":"","Count":20}`)}
	}
	id := newRoomID()
	DeferCleanup(func() {
		_, _ = session.Client.Call(background(), f.service, "destroy_room", wire.RoomIDRequest{RoomID: id})
	})
	created := call(ctx, f.service, "create_room", wire.CreateRoomRequest{RoomInfo: wire.RoomSettings{RoomID: id, RoomType: wire.Ptr("Conference")}})
	Expect(created).To(HaveErrorCode(0), "creating the room the spec reads")
	return client.Request{Service: f.service, Command: "get_room_info", Body: []byte(`{"RoomId":"` + id + `"}`)}
}

// expectEnvelope expects what the overview promises of every answer: HTTP 200 and a JSON
// envelope valid against the command's response schema.
func expectEnvelope(resp *client.Response, schema string) {
	GinkgoHelper()
	Expect(resp.HTTPStatus).To(Equal(http.StatusOK), "the overview: HTTP 200 unless the network fails")
	Expect(resp.ProtocolProblem).To(BeEmpty(), "the overview: every answer is the JSON envelope")
	Expect(resp).To(MatchSchema(schema))
}

// gate is what the overview lets a service do with one request: let it through (the probe's
// command answers), refuse it with one of codes, or either where the page leaves it open.
type gate struct {
	through bool
	codes   []int
}

func letThrough() gate               { return gate{through: true} }
func refusedWith(codes ...int) gate  { return gate{codes: codes} }
func throughOrRefused(c ...int) gate { return gate{through: true, codes: c} }

// expectGate sends the family's probe with query and expects g.
func (f gatewayFamily) expectGate(ctx context.Context, query url.Values, g gate) {
	GinkgoHelper()
	resp := send(ctx, f.probe(query))
	expectEnvelope(resp, f.schema("get_room_info"))
	accepted := g.codes
	if g.through {
		accepted = append([]int{catalog.CodeRoomNotFound}, g.codes...)
	}
	Expect(resp).To(HaveErrorCode(accepted...))
	if resp.Code() != catalog.CodeRoomNotFound {
		Expect(resp.Envelope.ErrorInfo).NotTo(BeEmpty(), "a refusal explains itself in ErrorInfo")
	}
}

// RESTful API overview: https://trtc.io/document/60703
var _ = Describe("The REST gateway", labels.Area("gateway"), func() {
	for _, f := range gatewayFamilies {
		Describe(f.name, f.probeLabels(), func() {

			It("answers a failure with HTTP 200 and the four-attribute envelope",
				labels.Rule("R-http-200", "R-envelope"), labels.Code(100004), func(ctx SpecContext) {
					resp := send(ctx, f.probe(nil))
					expectEnvelope(resp, f.schema("get_room_info"))
					Expect(resp).To(HaveErrorCode(catalog.CodeRoomNotFound))
					Expect(resp.Envelope.ActionStatus).To(Equal("FAIL"))
					Expect(resp.Envelope.ErrorInfo).NotTo(BeEmpty(), "a failure explains itself in ErrorInfo")
					Expect(resp.Envelope.RequestID).NotTo(BeEmpty())
				})

			It("gives every answer its own RequestId", labels.Rule("R-envelope"), labels.Code(100004), func(ctx SpecContext) {
				seen := map[string]bool{}
				for range 5 {
					resp := send(ctx, f.probe(nil))
					Expect(resp).To(HaveErrorCode(catalog.CodeRoomNotFound))
					Expect(seen).NotTo(HaveKey(resp.Envelope.RequestID), "RequestId repeated")
					seen[resp.Envelope.RequestID] = true
				}
			})

			DescribeTable("refuses a call its query parameters do not authorise",
				func(ctx SpecContext, query func() url.Values, g gate) { f.expectGate(ctx, query(), g) },
				// sdkappid: "SDKAppID is required … Check the SDKAppID in the request URL."
				Entry("no sdkappid", labels.Rule("R-query-sdkappid"), labels.Code(sdkAppIDCodes...),
					func() url.Values { return url.Values{"sdkappid": nil} }, refusedWith(sdkAppIDCodes...)),
				Entry("an empty sdkappid", labels.Rule("R-query-sdkappid"), labels.Code(sdkAppIDCodes...),
					func() url.Values { return url.Values{"sdkappid": {""}} }, refusedWith(sdkAppIDCodes...)),
				Entry("an sdkappid that is not a number", labels.Rule("R-query-sdkappid"), labels.Code(sdkAppIDCodes...),
					func() url.Values { return url.Values{"sdkappid": {"my-app"}} }, refusedWith(sdkAppIDCodes...)),
				Entry("the sdkappid of another application", labels.Rule("R-query-sdkappid"), labels.Code(60006, 70020),
					func() url.Values {
						return url.Values{"sdkappid": {strconv.FormatUint(session.Settings.SDKAppID+1, 10)}}
					}, refusedWith(joinCodes([]int{catalog.CodeBadSDKAppID, 70020}, signatureFamily)...)),
				// identifier: the App administrator the ticket was signed for.
				Entry("no identifier", labels.Rule("R-query-identifier"), labels.Code(signatureFamily...),
					func() url.Values { return url.Values{"identifier": nil} },
					refusedWith(joinCodes(signatureFamily, []int{catalog.CodeHTTPParse, catalog.CodeAdminRequired})...)),
				Entry("an empty identifier", labels.Rule("R-query-identifier"), labels.Code(signatureFamily...),
					func() url.Values { return url.Values{"identifier": {""}} },
					refusedWith(joinCodes(signatureFamily, []int{catalog.CodeHTTPParse, catalog.CodeAdminRequired})...)),
				Entry("an identifier that is not an App administrator", labels.Rule("R-identifier-admin"), labels.Code(60010),
					func() url.Values {
						s := session.Settings
						return url.Values{"identifier": {ownerA}, "usersig": {ticket(ownerA, s.SDKAppID, s.SecretKey, time.Hour, time.Now())}}
					}, refusedWith(catalog.CodeAdminRequired)),
				// usersig: "password corresponding to username".
				Entry("no usersig", labels.Rule("R-query-usersig"), labels.Code(signatureFamily...),
					func() url.Values { return url.Values{"usersig": nil} },
					refusedWith(joinCodes(signatureFamily, []int{catalog.CodeHTTPParse})...)),
				Entry("an empty usersig", labels.Rule("R-query-usersig"), labels.Code(signatureFamily...),
					func() url.Values { return url.Values{"usersig": {""}} },
					refusedWith(joinCodes(signatureFamily, []int{catalog.CodeHTTPParse})...)),
				Entry("a UserSig that is not a ticket", labels.Rule("R-query-usersig"), labels.Code(signatureFamily...),
					func() url.Values { return url.Values{"usersig": {"not-a-ticket"}} }, refusedWith(signatureFamily...)),
				Entry("a UserSig signed with another key", labels.Rule("R-query-usersig"), labels.Code(signatureFamily...),
					func() url.Values {
						s := session.Settings
						return url.Values{"usersig": {ticket(s.Admin, s.SDKAppID, s.SecretKey+"-wrong", time.Hour, time.Now())}}
					}, refusedWith(signatureFamily...)),
				Entry("an expired UserSig", labels.Rule("R-query-usersig"), labels.Code(signatureFamily...),
					func() url.Values {
						s := session.Settings
						return url.Values{"usersig": {ticket(s.Admin, s.SDKAppID, s.SecretKey, time.Hour, time.Now().Add(-48*time.Hour))}}
					}, refusedWith(signatureFamily...)),
				Entry("a UserSig of another account", labels.Rule("R-query-usersig"), labels.Code(signatureFamily...),
					func() url.Values {
						s := session.Settings
						return url.Values{"usersig": {ticket(ownerA, s.SDKAppID, s.SecretKey, time.Hour, time.Now())}}
					}, refusedWith(signatureFamily...)),
				Entry("a UserSig of another application", labels.Rule("R-query-usersig"), labels.Code(signatureFamily...),
					func() url.Values {
						s := session.Settings
						return url.Values{"usersig": {ticket(s.Admin, s.SDKAppID+1, s.SecretKey, time.Hour, time.Now())}}
					}, refusedWith(signatureFamily...)),
				Entry("a UserSig carrying a user buffer", labels.Rule("R-query-usersig"), labels.Code(signatureFamily...),
					func() url.Values {
						s := session.Settings
						sig, err := usersig.GenerateWithUserBuf(s.SDKAppID, s.SecretKey, s.Admin, time.Hour, time.Now(), []byte("room-privileges"))
						Expect(err).NotTo(HaveOccurred())
						return url.Values{"usersig": {sig}}
					}, refusedWith(signatureFamily...)),
			)

			DescribeTable("refuses a path that names no API with 60009",
				func(ctx SpecContext, service, command string) {
					resp := send(ctx, client.Request{Service: service, Command: command})
					expectEnvelope(resp, f.schema("get_room_info"))
					Expect(resp).To(HaveErrorCode(catalog.CodeBadResource))
				},
				Entry("an unknown command", labels.Rule("R-url-path"), labels.Code(60009), f.service, "get_room_info_v2"),
				Entry("an unknown service", labels.Rule("R-url-path"), labels.Code(60009), f.service+"_nosuch", "get_room_info"),
				Entry("a command named in capitals", labels.Rule("R-url-path"), labels.Code(60009), f.service, "GET_ROOM_INFO"),
			)
		})
	}

	It("answers calls beyond the frequency limit with a rate-limit code and the others normally",
		labels.Command(catalog.ServiceRoom, "get_room_info"), labels.NeedsControlPlane(), labels.Code(60007, 60011, 60018, 60019), func(ctx SpecContext) {
			limits, err := session.Control.Config(ctx)
			Expect(err).NotTo(HaveOccurred())
			if limits.RatePerSecond <= 0 {
				Skip("the emulator under test enforces no frequency limit (RatePerSecond 0)")
			}
			getSchema := catalog.ServiceRoom + "/get_room_info.response"
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
