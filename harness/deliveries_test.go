package harness

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestCheckSignature(t *testing.T) {
	const vector = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
	at := time.Unix(1669872112, 0)
	q := func(sign, requestTime string) url.Values {
		return url.Values{"Sign": {sign}, "RequestTime": {requestTime}}
	}
	for name, tc := range map[string]struct {
		query    url.Values
		token    string
		now      time.Time
		verified bool
		problem  string
	}{
		"the documented vector":     {q(vector, "1669872112"), "xxxxyyyy", at, true, ""},
		"59 s later":                {q(vector, "1669872112"), "xxxxyyyy", at.Add(59 * time.Second), true, ""},
		"61 s later":                {q(vector, "1669872112"), "xxxxyyyy", at.Add(61 * time.Second), false, "stale"},
		"another token":             {q(vector, "1669872112"), "xxxyyy", at, false, "forged"},
		"upper-case hex":            {q(strings.ToUpper(vector), "1669872112"), "xxxxyyyy", at, false, "forged"},
		"milliseconds":              {q(vector, "1669872112000"), "xxxxyyyy", at, false, "stale"},
		"Sign alone":                {url.Values{"Sign": {vector}}, "xxxxyyyy", at, false, "malformed"},
		"no token known":            {q(vector, "1669872112"), "", at, false, ""},
		"unsigned":                  {url.Values{"SdkAppid": {"1"}}, "xxxxyyyy", at, false, ""},
		"RequestTime not a decimal": {q(vector, "0x6388"), "xxxxyyyy", at, false, "malformed"},
	} {
		got := CheckSignature(tc.query, tc.token, tc.now)
		if got.Verified != tc.verified || !strings.HasPrefix(got.Problem, tc.problem) || (tc.problem == "") != (got.Problem == "") {
			t.Errorf("%s: %+v", name, got)
		}
	}
}
