package catalog

import "time"

// PageOverview is the RESTful API Overview, whose rules every command inherits.
const PageOverview = "https://trtc.io/document/60703"

// ServerTimeout is the time-out the overview gives the service itself: "The Room backend
// RESTful API's timeout setting is 3s, the caller's timeout setting should be longer than 3s."
const ServerTimeout = 3 * time.Second

// RegionHosts are the documented REST hosts per region: China and Singapore on the Conference
// pages (D-01), USA and Jakarta added by the Live pages.
var RegionHosts = map[string]string{
	"china":     "console.tim.qq.com",
	"singapore": "adminapisgp.im.qcloud.com",
	"usa":       "adminapiusa.im.qcloud.com",
	"jakarta":   "adminapiidn.im.qcloud.com",
}

// Rule is one promise of the overview that every command inherits. Specs asserting it carry
// the label "rule:<ID>" (labels.Rule), and the reports show one row per rule.
type Rule struct {
	ID      string // short and stable: R-<subject>
	Summary string // what a conforming service does
	Page    string // the page stating the rule
	Quote   string // the page's words
}

// Rules are the overview's rules, in the page's order.
var rules = []Rule{
	{"R-host", "the API is reached over HTTPS at the documented regional hosts", PageOverview,
		"For security reasons, the RESTful API is only available via HTTPS Interface. … Fixed as console.tim.qq.com"},
	{"R-url-path", "/v4/<servicename>/<command> names the API (names are case-sensitive); any other path is refused", PageOverview,
		"ver: Fixed as v4 … 60009 Request resource error. Please check the request URL."},
	{"R-query-sdkappid", "sdkappid is required and must be this application's", PageOverview,
		"60012 SDKAppID is required when calling the RESTful API. Check the SDKAppID in the request URL."},
	{"R-query-identifier", "identifier is required", PageOverview,
		"identifier: username, must be an App Administrator Account when calling RESTful APIs"},
	{"R-identifier-admin", "identifier must be an App administrator", PageOverview,
		"60010 The request requires App administrator permission."},
	{"R-query-usersig", "usersig is required and must be a valid ticket of identifier and this application", PageOverview,
		"usersig: password corresponding to username … 60004 Account or signature in the request URL or JSON packet is incorrect."},
	{"R-query-random", "random is a 32-bit unsigned integer, 0..4294967295", PageOverview,
		"random: 32-bit unsigned integer random number, ranging from 0 to 4294967295"},
	{"R-query-contenttype", "contenttype is the fixed value json", PageOverview,
		"contenttype: Request format. Fixed value: json"},
	{"R-query-case", "query parameter names and values are case-sensitive", PageOverview,
		"both parameter names and their values are case-sensitive"},
	{"R-method-post", "POST is the only method", PageOverview,
		"The RESTful API only supports the POST method"},
	{"R-body-json", "the body is one JSON object", PageOverview,
		"its request body is in JSON format … 60003 An error occurred when parsing the JSON data of the HTTP request."},
	{"R-body-not-empty", "the body is never empty; {} when nothing is needed", PageOverview,
		"the POST body cannot be empty. Even if a protocol doesn't require any information to be carried, an empty JSON object, namely {}, must be included."},
	{"R-http-200", "every answer is HTTP 200 unless the network fails", PageOverview,
		"Unless a network error occurs (e.g., a 502 error), the call result of RESTful APIs is always 200."},
	{"R-envelope", "every answer carries ActionStatus, ErrorInfo, ErrorCode and RequestId", PageOverview,
		"The response body must contain four attributes: ActionStatus, ErrorInfo, ErrorCode, RequestId."},
	{"R-timeout", "the service answers within its 3 s time-out; the caller waits longer", PageOverview,
		"The Room backend RESTful API's timeout setting is 3s, the caller's timeout setting should be longer than 3s."},
}

// Rules returns the overview's rules, in the page's order.
func Rules() []Rule { return append([]Rule(nil), rules...) }

// LookupRule returns the rule with id.
func LookupRule(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
