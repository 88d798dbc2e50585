package suites

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
)

// The rules of the RESTful API Overview (https://trtc.io/document/60703) that every command
// inherits, one spec or more per rule and family; gateway_test.go holds the ticket and path
// rules. Each spec is labelled with its rule (catalog.Rules), and the reports list the rules.
var _ = Describe("The RESTful API overview", labels.Area("gateway"), func() {
	for _, f := range gatewayFamilies {
		Describe(f.name, f.probeLabels(), func() {

			// "random: 32-bit unsigned integer random number, ranging from 0 to 4294967295"
			DescribeTable("takes random as a 32-bit unsigned integer",
				labels.Rule("R-query-random"),
				func(ctx SpecContext, random []string, g gate) {
					f.expectGate(ctx, url.Values{"random": random}, g)
				},
				Entry("0, the lower bound", labels.Code(100004), []string{"0"}, letThrough()),
				Entry("4294967295, the upper bound", labels.Code(100004), []string{"4294967295"}, letThrough()),
				Entry("4294967296, one past the upper bound", labels.Code(urlFormatCodes...), []string{"4294967296"}, refusedWith(urlFormatCodes...)),
				Entry("a negative number", labels.Code(urlFormatCodes...), []string{"-1"}, refusedWith(urlFormatCodes...)),
				Entry("a value that is not a number", labels.Code(urlFormatCodes...), []string{"ninety"}, refusedWith(urlFormatCodes...)),
				Entry("a fraction", labels.Code(urlFormatCodes...), []string{"1.5"}, refusedWith(urlFormatCodes...)),
				Entry("an empty value", labels.Code(urlFormatCodes...), []string{""}, refusedWith(urlFormatCodes...)),
				// The page shows random in its URL but never says a call without it is refused.
				Entry("no random", labels.Code(urlFormatCodes...), []string(nil), throughOrRefused(urlFormatCodes...)),
			)

			// "contenttype: Request format. Fixed value: json"
			DescribeTable("takes contenttype as the fixed value json",
				labels.Rule("R-query-contenttype"),
				func(ctx SpecContext, contentType []string, g gate) {
					f.expectGate(ctx, url.Values{"contenttype": contentType}, g)
				},
				Entry("json", labels.Code(100004), []string{"json"}, letThrough()),
				Entry("xml", labels.Code(urlFormatCodes...), []string{"xml"}, refusedWith(urlFormatCodes...)),
				Entry("an empty value", labels.Code(urlFormatCodes...), []string{""}, refusedWith(urlFormatCodes...)),
				Entry("no contenttype", labels.Code(urlFormatCodes...), []string(nil), throughOrRefused(urlFormatCodes...)),
			)

			// "both parameter names and their values are case-sensitive": a name in another case
			// is another parameter, so the documented one is missing.
			DescribeTable("reads parameter names and values case-sensitively",
				func(ctx SpecContext, query func() url.Values, g gate) { f.expectGate(ctx, query(), g) },
				Entry("sdkappid named SDKAppID", labels.Rule("R-query-case", "R-query-sdkappid"), labels.Code(sdkAppIDCodes...),
					func() url.Values {
						return renamed("sdkappid", "SDKAppID", strconv.FormatUint(session.Settings.SDKAppID, 10))
					}, refusedWith(sdkAppIDCodes...)),
				Entry("identifier named Identifier", labels.Rule("R-query-case", "R-query-identifier"), labels.Code(signatureFamily...),
					func() url.Values { return renamed("identifier", "Identifier", session.Settings.Admin) },
					refusedWith(joinCodes(signatureFamily, []int{catalog.CodeHTTPParse, catalog.CodeAdminRequired})...)),
				Entry("usersig named UserSig", labels.Rule("R-query-case", "R-query-usersig"), labels.Code(signatureFamily...),
					func() url.Values {
						s := session.Settings
						return renamed("usersig", "UserSig", ticket(s.Admin, s.SDKAppID, s.SecretKey, time.Hour, time.Now()))
					}, refusedWith(joinCodes(signatureFamily, []int{catalog.CodeHTTPParse})...)),
				Entry("random named Random", labels.Rule("R-query-case", "R-query-random"), labels.Code(urlFormatCodes...),
					func() url.Values { return renamed("random", "Random", "7") }, throughOrRefused(urlFormatCodes...)),
				Entry("contenttype named ContentType", labels.Rule("R-query-case", "R-query-contenttype"), labels.Code(urlFormatCodes...),
					func() url.Values { return renamed("contenttype", "ContentType", "json") }, throughOrRefused(urlFormatCodes...)),
				Entry("contenttype JSON in capitals", labels.Rule("R-query-case", "R-query-contenttype"), labels.Code(urlFormatCodes...),
					func() url.Values { return url.Values{"contenttype": {"JSON"}} }, refusedWith(urlFormatCodes...)),
			)

			// The page gives each parameter once and says nothing of repeats: a service may take
			// one of the values or refuse the URL, but answers in the envelope either way.
			DescribeTable("answers a repeated parameter in the envelope",
				func(ctx SpecContext, name string, value func() string, g gate) {
					v := value()
					f.expectGate(ctx, url.Values{name: {v, v}}, g)
				},
				Entry("sdkappid twice", labels.Rule("R-query-sdkappid"), labels.Code(sdkAppIDCodes...), "sdkappid",
					func() string { return strconv.FormatUint(session.Settings.SDKAppID, 10) }, throughOrRefused(joinCodes(sdkAppIDCodes, urlFormatCodes)...)),
				Entry("identifier twice", labels.Rule("R-query-identifier"), labels.Code(signatureFamily...), "identifier",
					func() string { return session.Settings.Admin }, throughOrRefused(joinCodes(signatureFamily, urlFormatCodes)...)),
				Entry("usersig twice", labels.Rule("R-query-usersig"), labels.Code(signatureFamily...), "usersig",
					func() string {
						s := session.Settings
						return ticket(s.Admin, s.SDKAppID, s.SecretKey, time.Hour, time.Now())
					}, throughOrRefused(joinCodes(signatureFamily, urlFormatCodes)...)),
				Entry("random twice", labels.Rule("R-query-random"), labels.Code(urlFormatCodes...), "random",
					func() string { return "7" }, throughOrRefused(urlFormatCodes...)),
				Entry("contenttype twice", labels.Rule("R-query-contenttype"), labels.Code(urlFormatCodes...), "contenttype",
					func() string { return "json" }, throughOrRefused(urlFormatCodes...)),
			)

			// "The RESTful API only supports the POST method": a call that succeeds by POST is
			// refused by any other method. Which code says so is not documented.
			DescribeTable("takes POST only",
				labels.Rule("R-method-post"),
				func(ctx SpecContext, method string) {
					req := f.succeeding(ctx)
					req.Method = method
					resp := send(ctx, req)
					expectEnvelope(resp, f.schema(req.Command))
					Expect(resp.Code()).NotTo(BeZero(), "%s %s/%s must be refused", method, req.Service, req.Command)
					Expect(resp.Envelope.ActionStatus).To(Equal("FAIL"))
				},
				Entry("GET", http.MethodGet),
				Entry("PUT", http.MethodPut),
				Entry("DELETE", http.MethodDelete),
				Entry("PATCH", http.MethodPatch),
			)

			// "its request body is in JSON format … the POST body cannot be empty"
			DescribeTable("takes one JSON object as the body, never an empty one",
				func(ctx SpecContext, body string, accepted []int) {
					resp := send(ctx, client.Request{Service: f.service, Command: "get_room_info", Body: []byte(body)})
					expectEnvelope(resp, f.schema("get_room_info"))
					Expect(resp).To(HaveErrorCode(accepted...))
				},
				Entry("an empty body", labels.Rule("R-body-not-empty"), labels.Code(60002, 60003, 60008),
					"", joinCodes(bodyParseCodes, []int{catalog.CodeServiceTimeout})),
				Entry("a body that is not JSON", labels.Rule("R-body-json"), labels.Code(bodyParseCodes...),
					`{"RoomId":`, bodyParseCodes),
				Entry("a JSON array", labels.Rule("R-body-json"), labels.Code(60002, 60003, 100002),
					`[{"RoomId":"a"}]`, joinCodes(bodyParseCodes, []int{catalog.CodeInvalidParameter})),
				Entry("a JSON string", labels.Rule("R-body-json"), labels.Code(60002, 60003, 100002),
					`"RoomId"`, joinCodes(bodyParseCodes, []int{catalog.CodeInvalidParameter})),
				Entry("null", labels.Rule("R-body-json"), labels.Code(60002, 60003, 100002),
					`null`, joinCodes(bodyParseCodes, []int{catalog.CodeInvalidParameter})),
			)

			It("answers a success with HTTP 200 and the envelope: OK, 0, an empty ErrorInfo and a RequestId",
				labels.Rule("R-http-200", "R-envelope"), labels.Code(0), func(ctx SpecContext) {
					req := f.succeeding(ctx)
					resp := send(ctx, req)
					expectEnvelope(resp, f.schema(req.Command))
					Expect(resp).To(HaveErrorCode(0))
					Expect(resp.Envelope).To(MatchFields(map[string]any{"ActionStatus": "OK", "ErrorInfo": ""}))
					Expect(resp.Envelope.RequestID).NotTo(BeEmpty())
				})

			It("answers a refusal of the gateway with HTTP 200 and the envelope",
				labels.Rule("R-http-200", "R-envelope"), labels.Code(sdkAppIDCodes...), func(ctx SpecContext) {
					resp := send(ctx, f.probe(url.Values{"sdkappid": nil}))
					expectEnvelope(resp, f.schema("get_room_info"))
					Expect(resp).To(HaveErrorCode(sdkAppIDCodes...))
					Expect(resp.Envelope.ActionStatus).To(Equal("FAIL"))
					Expect(resp.Envelope.ErrorInfo).NotTo(BeEmpty())
					Expect(resp.Envelope.RequestID).NotTo(BeEmpty())
				})

			// "The Room backend RESTful API's timeout setting is 3s, the caller's timeout setting
			// should be longer than 3s."
			It("answers within the documented 3 s server time-out, which the suite outwaits",
				labels.Rule("R-timeout"), labels.Code(100004), func(ctx SpecContext) {
					Expect(session.Client.Config().Timeout).To(BeNumerically(">", catalog.ServerTimeout),
						"the caller's time-out must be longer than the server's")
					started := time.Now()
					resp := send(ctx, client.Request{Service: f.service, Command: "get_room_info",
						Body: []byte(`{"RoomId":"` + uniqueName(slowProbePrefix) + `"}`)})
					elapsed := time.Since(started)
					expectEnvelope(resp, f.schema("get_room_info"))
					Expect(resp).To(HaveErrorCode(catalog.CodeRoomNotFound))
					Expect(elapsed).To(BeNumerically("<", catalog.ServerTimeout), "a service giving up after 3 s answers within 3 s")
				})
		})
	}

	// "For security reasons, the RESTful API is only available via HTTPS" at the documented
	// hosts: the suite's presets are what a user calls the vendor through.
	It("names the documented regional hosts, over HTTPS, as the region presets", labels.Rule("R-host"), func() {
		Expect(client.Regions).To(HaveLen(len(catalog.RegionHosts)))
		for region, host := range catalog.RegionHosts {
			Expect(client.Regions).To(HaveKeyWithValue(region, "https://"+host))
		}
	})
})

// slowProbePrefix starts the room ID of the time-out spec's probe (the selftest delays it).
const slowProbePrefix = "timeout"

// renamed replaces the signed query's parameter name by the same name in another case.
func renamed(name, other, value string) url.Values {
	return url.Values{name: nil, other: {value}}
}
