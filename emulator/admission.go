package emulator

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/usersig"
)

// admit checks method, query, signature, administrator, resource and frequency.
func (e *Emulator) admit(r *http.Request) (*call, *answer) {
	if r.Method != http.MethodPost {
		return refuse(catalog.CodeHTTPParse, "method %s not allowed: the REST API takes POST only", r.Method)
	}
	q, refusal := parseGatewayQuery(r.URL.RawQuery)
	if refusal != nil {
		return nil, refusal
	}
	if q.sdkAppID == "" {
		return refuse(catalog.CodeSDKAppIDMissing, "sdkappid is missing from the URL")
	}
	sdkAppID, err := strconv.ParseUint(q.sdkAppID, 10, 64)
	if err != nil || sdkAppID != e.cfg.SDKAppID {
		return refuse(catalog.CodeBadSDKAppID, "sdkappid %q is not a valid SDKAppID of this service", q.sdkAppID)
	}
	if q.has&hasContentType != 0 && q.contentType != "json" {
		return refuse(catalog.CodeHTTPParse, "contenttype must be json, got %q", q.contentType)
	}
	if q.has&hasRandom != 0 {
		if _, err := strconv.ParseUint(q.random, 10, 32); err != nil {
			return refuse(catalog.CodeHTTPParse, "random %q is not a 32-bit unsigned integer", q.random)
		}
	}
	identifier, sig := q.identifier, q.userSig
	if identifier == "" || sig == "" {
		return refuse(catalog.CodeBadSignature, "identifier and usersig are both required in the URL")
	}
	now := e.clock.Now()
	if err := e.verifier.Check(sig, identifier, now); err != nil {
		return refuse(userSigCode(err), "UserSig rejected: %v", err)
	}
	if !e.isAdmin(identifier) {
		return refuse(catalog.CodeAdminRequired, "identifier %q is not an App administrator", identifier)
	}
	key, found := strings.CutPrefix(r.URL.Path, "/v4/")
	service, command, hasCommand := strings.Cut(key, "/")
	if !found || !hasCommand || handlers[key] == nil {
		return refuse(catalog.CodeBadResource, "no such API: %s", r.URL.Path)
	}
	if !e.limiter.allow(key) {
		return refuse(catalog.CodeRESTRateLimited, "%s/%s called more than %d times per second", service, command, e.cfg.RatePerSecond)
	}
	return &call{service: service, command: command, key: key, identifier: identifier, now: now}, nil
}

func refuse(code int, format string, args ...any) (*call, *answer) {
	a := fail(code, fmt.Sprintf(format, args...))
	return nil, &a
}

// gatewayQuery holds the query parameters the gateway reads; a parameter absent from the query
// is "" with its bit clear in has.
type gatewayQuery struct {
	sdkAppID, contentType, random, identifier, userSig string
	has                                                uint8
}

const (
	hasSDKAppID = 1 << iota
	hasContentType
	hasRandom
	hasIdentifier
	hasUserSig
)

// parseGatewayQuery applies checks 2 of the gateway: the query parses and repeats no
// parameter. The query every client sends (the five parameters, each once) is read without
// building a url.Values; anything else goes through url.ParseQuery, so that refusals and
// their messages are exactly those of net/url.
func parseGatewayQuery(raw string) (gatewayQuery, *answer) {
	if q, ok := fastGatewayQuery(raw); ok {
		return q, nil
	}
	return slowGatewayQuery(raw)
}

// slowGatewayQuery is parseGatewayQuery through url.ParseQuery, for any query.
func slowGatewayQuery(raw string) (gatewayQuery, *answer) {
	values, err := url.ParseQuery(raw)
	if err != nil {
		_, a := refuse(catalog.CodeHTTPParse, "query string cannot be parsed: %v", err)
		return gatewayQuery{}, a
	}
	for key, vs := range values {
		if len(vs) > 1 {
			_, a := refuse(catalog.CodeHTTPParse, "query parameter %q given %d times", key, len(vs))
			return gatewayQuery{}, a
		}
	}
	var q gatewayQuery
	for _, p := range []struct {
		name  string
		bit   uint8
		value *string
	}{
		{"sdkappid", hasSDKAppID, &q.sdkAppID},
		{"contenttype", hasContentType, &q.contentType},
		{"random", hasRandom, &q.random},
		{"identifier", hasIdentifier, &q.identifier},
		{"usersig", hasUserSig, &q.userSig},
	} {
		if values.Has(p.name) {
			q.has |= p.bit
			*p.value = values.Get(p.name)
		}
	}
	return q, nil
}

// maxFastQuerySegments bounds the &-separated segments the fast path reads; net/url refuses
// queries of more than 10000 parameters (fewer when GODEBUG urlmaxqueryparams says so, in
// which case the fast path is off).
const maxFastQuerySegments = 8

var fastQueryOff = strings.Contains(os.Getenv("GODEBUG"), "urlmaxqueryparams")

// fastGatewayQuery reads a query made only of the gateway's five parameters, each at most once,
// exactly as url.ParseQuery would; ok is false for any other query (unknown or repeated
// parameters, ';', bad escapes, many segments), which the general path then answers.
func fastGatewayQuery(raw string) (q gatewayQuery, ok bool) {
	if fastQueryOff {
		return q, false
	}
	for segments := 0; raw != ""; segments++ {
		if segments == maxFastQuerySegments {
			return q, false
		}
		var segment string
		segment, raw, _ = strings.Cut(raw, "&")
		if segment == "" {
			continue
		}
		if strings.IndexByte(segment, ';') >= 0 {
			return q, false
		}
		name, value, _ := strings.Cut(segment, "=")
		if name, ok = queryUnescape(name); !ok {
			return q, false
		}
		var bit uint8
		var into *string
		switch name {
		case "sdkappid":
			bit, into = hasSDKAppID, &q.sdkAppID
		case "contenttype":
			bit, into = hasContentType, &q.contentType
		case "random":
			bit, into = hasRandom, &q.random
		case "identifier":
			bit, into = hasIdentifier, &q.identifier
		case "usersig":
			bit, into = hasUserSig, &q.userSig
		default:
			return q, false
		}
		if q.has&bit != 0 {
			return q, false
		}
		if value, ok = queryUnescape(value); !ok {
			return q, false
		}
		q.has |= bit
		*into = value
	}
	return q, true
}

// queryUnescape is url.QueryUnescape ('+' is a space, %XX a byte) in one pass; ok is false
// where url.QueryUnescape fails (a '%' without two hex digits).
func queryUnescape(s string) (string, bool) {
	first := strings.IndexAny(s, "%+")
	if first < 0 {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:first])
	for i := first; i < len(s); i++ {
		switch c := s[i]; c {
		case '%':
			if i+2 >= len(s) {
				return "", false
			}
			hi, okHi := unhex(s[i+1])
			lo, okLo := unhex(s[i+2])
			if !okHi || !okLo {
				return "", false
			}
			b.WriteByte(hi<<4 | lo)
			i += 2
		case '+':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// userSigCode maps a verification failure to the account code the gateway answers.
func userSigCode(err error) int {
	switch {
	case errors.Is(err, usersig.ErrExpired):
		return catalog.CodeUserSigExpired
	case errors.Is(err, usersig.ErrBadSignature):
		return catalog.CodeUserSigVerifyFailed
	case errors.Is(err, usersig.ErrIdentifierMismatch):
		return catalog.CodeUserSigIdentifierDiffer
	case errors.Is(err, usersig.ErrSDKAppIDMismatch):
		return catalog.CodeUserSigSDKAppIDDiffer
	default: // undecodable, or a user buffer where none belongs
		return catalog.CodeUserSigInvalid
	}
}

func (e *Emulator) isAdmin(identifier string) bool {
	for _, admin := range e.cfg.Admins {
		if admin == identifier {
			return true
		}
	}
	return false
}
