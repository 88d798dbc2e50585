package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
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
	a, injected := e.handle(r)
	if a.code != 0 {
		e.cfg.Logger.Debug("refused", "path", r.URL.Path, "code", a.code, "info", a.info, "injected", injected)
	}
	if injected {
		e.writeInjected(w, a.code, a.info)
		return
	}
	e.write(w, a)
}

// handle returns the answer to one REST call, and whether an armed fault forced it.
func (e *Emulator) handle(r *http.Request) (answer, bool) {
	c, refusal := e.admit(r)
	if refusal != nil {
		return *refusal, false
	}
	if fault, armed := e.faults.take(c.service, c.command); armed {
		if fault.DelayMillis > 0 {
			select {
			case <-time.After(time.Duration(fault.DelayMillis) * time.Millisecond):
			case <-r.Context().Done():
			}
		}
		return fail(fault.ErrorCode, fault.ErrorInfo), true
	}
	body, refusal := readBody(r)
	if refusal != nil {
		return *refusal, false
	}
	c.body = body
	if refusal := validateRequest(c); refusal != nil {
		return *refusal, false
	}
	return handlers[c.service+"/"+c.command](e, c), false
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
func readBody(r *http.Request) ([]byte, *answer) {
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	switch {
	case err == nil && len(body) > MaxBodyBytes:
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
	if err := json.Unmarshal(body, &object); err != nil || object == nil {
		reason := "null"
		if err != nil {
			reason = err.Error()
		}
		a := fail(catalog.CodeJSONParse, "request body is not a JSON object: "+reason)
		return nil, &a
	}
	return body, nil
}

// validateRequest checks the body against the command's request schema. A user ID that is not
// a string is 60015 (the overview: UserIDs must be strings); anything else is the command
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
		if problem.Kind == "invalid_type" && isAccountField(problem.Field) && strings.Contains(problem.Description, "Expected: string") {
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

// decodeBody decodes a validated body into a packet type the way the schema saw it: keys match
// exactly (encoding/json alone would also take "roomid" for RoomId) and a repeated key keeps
// its last value (encoding/json alone would merge two RoomInfo objects). Keys the packet type
// does not name are dropped, like every unknown field.
func decodeBody(body []byte, into any) error {
	var tree any
	if err := json.Unmarshal(body, &tree); err != nil {
		return err
	}
	exact, err := json.Marshal(keepExactKeys(tree, reflect.TypeOf(into)))
	if err != nil {
		return err
	}
	return json.Unmarshal(exact, into)
}

// keepExactKeys keeps, in objects decoded into structs, only the keys that are exactly a
// field's JSON name, recursively along the struct's field types.
func keepExactKeys(value any, t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch v := value.(type) {
	case map[string]any:
		if t.Kind() != reflect.Struct {
			return v
		}
		kept := make(map[string]any, len(v))
		for i := range t.NumField() {
			field := t.Field(i)
			name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			if fieldValue, present := v[name]; present {
				kept[name] = keepExactKeys(fieldValue, field.Type)
			}
		}
		return kept
	case []any:
		if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
			return v
		}
		for i := range v {
			v[i] = keepExactKeys(v[i], t.Elem())
		}
		return v
	default:
		return v
	}
}
