package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/schemas"
	"github.com/trtc-conformance/trtc-conformance/usersig"
)

// call is one authenticated request that reached a command handler.
type call struct {
	service    string
	command    string
	identifier string
	body       []byte
	now        time.Time
}

type handlerFunc func(e *Emulator, c *call) answer

// handlers maps "<service>/<command>" to the command's implementation; one file per area
// registers its commands.
var handlers = map[string]handlerFunc{}

func register(service, command string, h handlerFunc) {
	handlers[service+"/"+command] = h
}

// serveREST applies the gateway rules of the RESTful API overview in a fixed order
// (docs/emulator.md lists it), then runs the command.
func (e *Emulator) serveREST(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			e.cfg.Logger.Error("handler panicked", "path", r.URL.Path, "panic", v)
			e.write(w, fail(catalog.CodeInternal, "internal error"))
		}
	}()
	c, refusal := e.admit(r)
	if refusal != nil {
		e.write(w, *refusal)
		return
	}
	if fault, armed := e.faults.take(c.service, c.command); armed {
		if fault.DelayMillis > 0 {
			select {
			case <-time.After(time.Duration(fault.DelayMillis) * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
		e.writeInjected(w, fault.ErrorCode, fault.ErrorInfo)
		return
	}
	body, refusal := readBody(w, r)
	if refusal != nil {
		e.write(w, *refusal)
		return
	}
	c.body = body
	if refusal := validateRequest(c); refusal != nil {
		e.write(w, *refusal)
		return
	}
	e.write(w, handlers[c.service+"/"+c.command](e, c))
}

// admit checks method, query, signature, administrator, resource and frequency.
func (e *Emulator) admit(r *http.Request) (*call, *answer) {
	refuse := func(code int, format string, args ...any) (*call, *answer) {
		a := fail(code, fmt.Sprintf(format, args...))
		return nil, &a
	}
	if r.Method != http.MethodPost {
		return refuse(catalog.CodeHTTPParse, "method %s not allowed: the REST API takes POST only", r.Method)
	}
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return refuse(catalog.CodeHTTPParse, "query string cannot be parsed: %v", err)
	}
	for key, values := range query {
		if len(values) > 1 {
			return refuse(catalog.CodeHTTPParse, "query parameter %q given %d times", key, len(values))
		}
	}
	if !query.Has("sdkappid") || query.Get("sdkappid") == "" {
		return refuse(catalog.CodeSDKAppIDMissing, "sdkappid is missing from the URL")
	}
	sdkAppID, err := strconv.ParseUint(query.Get("sdkappid"), 10, 64)
	if err != nil || sdkAppID != e.cfg.SDKAppID {
		return refuse(catalog.CodeBadSDKAppID, "sdkappid %q is not a valid SDKAppID of this service", query.Get("sdkappid"))
	}
	if query.Has("contenttype") && query.Get("contenttype") != "json" {
		return refuse(catalog.CodeHTTPParse, "contenttype must be json, got %q", query.Get("contenttype"))
	}
	if query.Has("random") {
		if _, err := strconv.ParseUint(query.Get("random"), 10, 32); err != nil {
			return refuse(catalog.CodeHTTPParse, "random %q is not a 32-bit unsigned integer", query.Get("random"))
		}
	}
	identifier, sig := query.Get("identifier"), query.Get("usersig")
	if identifier == "" || sig == "" {
		return refuse(catalog.CodeBadSignature, "identifier and usersig are both required in the URL")
	}
	now := e.clock.Now()
	if _, err := usersig.Verify(sig, e.cfg.SDKAppID, e.cfg.SecretKey, identifier, now, usersig.VerifyOptions{}); err != nil {
		return refuse(userSigCode(err), "UserSig rejected: %v", err)
	}
	if !e.isAdmin(identifier) {
		return refuse(catalog.CodeAdminRequired, "identifier %q is not an App administrator", identifier)
	}
	service, command, found := strings.Cut(strings.TrimPrefix(r.URL.Path, "/v4/"), "/")
	if !strings.HasPrefix(r.URL.Path, "/v4/") || !found || handlers[service+"/"+command] == nil {
		return refuse(catalog.CodeBadResource, "no such API: %s", r.URL.Path)
	}
	if !e.limiter.allow(service + "/" + command) {
		return refuse(catalog.CodeRESTRateLimited, "%s/%s called more than %d times per second", service, command, e.cfg.RatePerSecond)
	}
	return &call{service: service, command: command, identifier: identifier, now: now}, nil
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

// readBody reads at most MaxBodyBytes and requires a JSON object (the overview: the body
// is JSON and never empty, {} when nothing is needed).
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, *answer) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		a := fail(catalog.CodeHTTPParse, fmt.Sprintf("request body over %d bytes", MaxBodyBytes))
		return nil, &a
	case err != nil:
		a := fail(catalog.CodeHTTPParse, "request body could not be read: "+err.Error())
		return nil, &a
	case len(strings.TrimSpace(string(body))) == 0:
		a := fail(catalog.CodeJSONParse, "request body is empty: send {} when nothing is needed")
		return nil, &a
	}
	var object map[string]json.RawMessage
	if err := json.Unmarshal(body, &object); err != nil {
		a := fail(catalog.CodeJSONParse, "request body is not a JSON object: "+err.Error())
		return nil, &a
	}
	return body, nil
}

// validateRequest checks the body against the command's request schema. A mistyped account
// field is 60015 (the overview: UserIDs must be strings); anything else is the command
// family's invalid-parameter code.
func validateRequest(c *call) *answer {
	err := schemas.Validate(c.service+"/"+c.command+".request", c.body)
	if err == nil {
		return nil
	}
	var invalid *schemas.ValidationError
	if !errors.As(err, &invalid) {
		a := fail(catalog.CodeInternal, "request schema unavailable: "+err.Error())
		return &a
	}
	code := invalidParameterCode(c.service)
	for _, problem := range invalid.Problems {
		if problem.Kind == "invalid_type" && isAccountField(problem.Field) {
			code = catalog.CodeAccountType
			break
		}
	}
	problems := make([]string, 0, len(invalid.Problems))
	for _, problem := range invalid.Problems {
		problems = append(problems, problem.Field+": "+problem.Description)
	}
	a := fail(code, "invalid parameter: "+strings.Join(problems, "; "))
	return &a
}

// isAccountField reports whether a JSON path names a user ID (…_Account, UserID, Accounts).
func isAccountField(path string) bool {
	for _, segment := range strings.Split(path, ".") {
		if strings.HasSuffix(segment, "_Account") || segment == "UserID" || segment == "Accounts" {
			return true
		}
	}
	return false
}

func invalidParameterCode(service string) int {
	if service == catalog.ServiceAccount {
		return codeAccountInvalidParameter
	}
	return catalog.CodeInvalidParameter
}

// validUserID applies the vendor's account rule: 1–32 bytes of letters, digits, _ and -.
func validUserID(id string) bool {
	if len(id) == 0 || len(id) > 32 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
