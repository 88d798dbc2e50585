package emulator

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
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
	// Checks 3 and 6-7 run in the order of Choices.SignatureBeforeSDKAppID.
	checkSDKAppID := func() *answer {
		if q.sdkAppID == "" {
			_, a := refuse(catalog.CodeSDKAppIDMissing, "sdkappid is missing from the URL")
			return a
		}
		// Only the canonical decimal form (docs/emulator.md): "01400000001" is refused, so that
		// one application has one spelling.
		sdkAppID, err := strconv.ParseUint(q.sdkAppID, 10, 64)
		if err != nil || sdkAppID != e.cfg.SDKAppID || strconv.FormatUint(sdkAppID, 10) != q.sdkAppID {
			_, a := refuse(catalog.CodeBadSDKAppID, "sdkappid %q is not a valid SDKAppID of this service", q.sdkAppID)
			return a
		}
		return nil
	}
	identifier, sig := q.identifier, q.userSig
	now := e.clock.Now()
	checkSignature := func() *answer {
		if identifier == "" || sig == "" {
			_, a := refuse(catalog.CodeBadSignature, "identifier and usersig are both required in the URL")
			return a
		}
		if err := e.verifier.Check(sig, identifier, now); err != nil {
			_, a := refuse(e.userSigCode(err), "UserSig rejected: %v", err)
			return a
		}
		return nil
	}
	first, second := checkSDKAppID, checkSignature
	if e.cfg.Choices.SignatureBeforeSDKAppID {
		first, second = checkSignature, checkSDKAppID
	}
	if a := first(); a != nil {
		return nil, a
	}
	if q.hasContentType && q.contentType != "json" {
		return refuse(catalog.CodeHTTPParse, "contenttype must be json, got %q", q.contentType)
	}
	if q.hasRandom {
		if _, err := strconv.ParseUint(q.random, 10, 32); err != nil {
			return refuse(catalog.CodeHTTPParse, "random %q is not a 32-bit unsigned integer", q.random)
		}
	}
	if a := second(); a != nil {
		return nil, a
	}
	if !e.isAdmin(identifier) {
		return refuse(catalog.CodeAdminRequired, "identifier %q is not an App administrator", identifier)
	}
	key, found := strings.CutPrefix(r.URL.Path, "/v4/")
	service, command, _ := strings.Cut(key, "/")
	served := routes[key]
	if !found || served == nil {
		return refuse(catalog.CodeBadResource, "no such API: %s", r.URL.Path)
	}
	// An alias shares its command's budget (catalog.Command.Aliases).
	if v := e.limiter.allow(served.command.Key()); !v.allowed {
		if e.cfg.Choices.GiftRateLimitCommonCode {
			v.code = catalog.CodeRESTRateLimited
		}
		return refuse(v.code, "%s/%s called more often than %g times per second", service, command, v.rate)
	}
	return &call{service: service, command: command, key: key, route: served, identifier: identifier, now: now}, nil
}

func refuse(code int, format string, args ...any) (*call, *answer) {
	a := fail(code, fmt.Sprintf(format, args...))
	return nil, &a
}

// gatewayQuery holds the query parameters the gateway reads, "" when absent.
type gatewayQuery struct {
	sdkAppID, contentType, random, identifier, userSig string
	hasContentType, hasRandom                          bool
}

// parseGatewayQuery applies check 2 of the gateway: the query parses, by url.ParseQuery's rules
// and with its explanations, and repeats no parameter, known or not. Names are case-sensitive:
// "SDKAppID" is an unknown parameter, not sdkappid.
func parseGatewayQuery(raw string) (gatewayQuery, *answer) {
	values, err := url.ParseQuery(raw)
	if err != nil {
		_, a := refuse(catalog.CodeHTTPParse, "query string cannot be parsed: %v", err)
		return gatewayQuery{}, a
	}
	for name, given := range values {
		if len(given) > 1 {
			_, a := refuse(catalog.CodeHTTPParse, "query parameter %q given %d times", name, len(given))
			return gatewayQuery{}, a
		}
	}
	return gatewayQuery{
		sdkAppID:       values.Get("sdkappid"),
		contentType:    values.Get("contenttype"),
		random:         values.Get("random"),
		identifier:     values.Get("identifier"),
		userSig:        values.Get("usersig"),
		hasContentType: values.Has("contenttype"),
		hasRandom:      values.Has("random"),
	}, nil
}

// userSigCode maps a verification failure to the account code the gateway answers: the
// precise one, or 60004 for all (Choices.GenericSignatureCodes).
func (e *Emulator) userSigCode(err error) int {
	switch {
	case e.cfg.Choices.GenericSignatureCodes:
		return catalog.CodeBadSignature
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
