package emulator

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/internal/jsontree"
	"github.com/trtc-conformance/trtc-conformance/schemas"
	"github.com/trtc-conformance/trtc-conformance/usersig"
)

// call is one authenticated request that reached a command handler.
type call struct {
	service    string
	command    string
	key        string // "<service>/<command>"
	identifier string
	clientIP   string // for the callbacks' ClientIP
	body       []byte
	now        time.Time
}

type handlerFunc func(e *Emulator, c *call) answer

// handlers maps "<service>/<command>" to the command's implementation; one file per area
// registers its commands.
var handlers = map[string]handlerFunc{}

// requestSchemas maps "<service>/<command>" to the name of the command's request schema.
var requestSchemas = map[string]string{}

func register(service, command string, h handlerFunc) {
	handlers[service+"/"+command] = h
	requestSchemas[service+"/"+command] = service + "/" + command + ".request"
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
	c.clientIP = clientIPOf(r)
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
	return handlers[c.key](e, c), false
}

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

// readBody reads at most MaxBodyBytes and requires a JSON object (the overview: the body
// is JSON and never empty, {} when nothing is needed).
func readBody(r *http.Request) ([]byte, *answer) {
	body, err := readLimited(r.Body, r.ContentLength, MaxBodyBytes+1)
	switch {
	case err == nil && len(body) > MaxBodyBytes:
		a := fail(catalog.CodeHTTPParse, fmt.Sprintf("request body over %d bytes", MaxBodyBytes))
		return nil, &a
	case err != nil:
		a := fail(catalog.CodeHTTPParse, "request body could not be read: "+err.Error())
		return nil, &a
	case len(bytes.TrimSpace(body)) == 0:
		a := fail(catalog.CodeJSONParse, "request body is empty: send {} when nothing is needed")
		return nil, &a
	}
	// Valid JSON whose first token is '{' is exactly what decodes into a non-nil map; the
	// decoding is only needed to explain a refusal.
	if trimmed := bytes.TrimLeft(body, " \t\r\n"); trimmed[0] == '{' && json.Valid(body) {
		return body, nil
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

// readLimited is io.ReadAll(io.LimitReader(body, limit)) with the buffer sized from the
// request's Content-Length when it states one (-1 when unknown).
func readLimited(body io.Reader, contentLength, limit int64) ([]byte, error) {
	size := int64(512)
	if contentLength >= 0 {
		size = min(contentLength, limit) + 1 // +1: reading EOF needs room
	}
	b := make([]byte, 0, size)
	for int64(len(b)) < limit {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // let append grow the buffer
		}
		n, err := body.Read(b[len(b):min(int64(cap(b)), limit)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
	return b, nil
}

// validateRequest checks the body against the command's request schema. A user ID that is not
// a string is 60015 (the overview: UserIDs must be strings); anything else is the command
// family's invalid-parameter code.
func validateRequest(c *call) *answer {
	err := schemas.Validate(requestSchemas[c.key], c.body)
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
		if problem.Kind == schemas.WrongType && problem.WantType == "string" && isAccountField(problem.Field) {
			code = catalog.CodeAccountType
			break
		}
	}
	problems := make([]string, 0, min(len(invalid.Problems), maxListedProblems+1))
	for i, problem := range invalid.Problems {
		if i == maxListedProblems {
			problems = append(problems, fmt.Sprintf("and %d more", len(invalid.Problems)-i))
			break
		}
		problems = append(problems, problem.Field+": "+problem.Detail)
	}
	a := fail(code, "invalid parameter: "+strings.Join(problems, "; "))
	return &a
}

// maxListedProblems bounds the schema problems an ErrorInfo lists: a body of ten thousand wrong
// items gets the first ones and a count, not an answer ten times its size.
const maxListedProblems = 20

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
// does not name are dropped, like every unknown field, whatever they hold (a number beyond
// float64 included).
//
// The definition is the general path below: the decoded tree, pruned to the exact keys, its
// numbers turned into float64 (as json.Unmarshal into an interface does), encoded again and
// decoded into the packet. assignExact produces the same packet without the second encoding
// and decoding for the plain packets the handlers use, and declines whenever it could differ.
func decodeBody(body []byte, into any) error {
	tree, err := jsontree.Decode(body)
	if err != nil {
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return err // encoding/json's explanation
		}
		return err
	}
	if target := reflect.ValueOf(into); target.Kind() == reflect.Pointer && !target.IsNil() && target.Elem().IsZero() {
		fresh := reflect.New(target.Elem().Type())
		if assignExact(fresh.Elem(), tree) {
			target.Elem().Set(fresh.Elem())
			return nil
		}
	}
	kept := keepExactKeys(tree, reflect.TypeOf(into))
	if err := floatNumbers(&kept); err != nil {
		return err
	}
	exact, err := json.Marshal(kept)
	if err != nil {
		return err
	}
	return json.Unmarshal(exact, into)
}

// floatNumbers replaces every json.Number in *v by its float64, as json.Unmarshal would have
// decoded it; a number beyond float64 is an error.
func floatNumbers(v *any) error {
	switch x := (*v).(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil {
			return fmt.Errorf("number %.40s… (%d characters) is beyond the range of a 64-bit float", x, len(x))
		}
		*v = f
	case map[string]any:
		for key, value := range x {
			if err := floatNumbers(&value); err != nil {
				return err
			}
			x[key] = value
		}
	case []any:
		for i := range x {
			if err := floatNumbers(&x[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxExactInteger is the largest integer up to which every float64 integer is encoded by
// encoding/json as its exact decimal digits.
const maxExactInteger = 1 << 53

// assignExact sets the zero value dst from a decoded JSON value (numbers as json.Number)
// exactly as the general path of decodeBody would, and reports whether it could:
// false means dst may be partly set and must be thrown away. It handles strings, booleans,
// integers up to 2^53, slices, structs and pointers to them; anything else (floats, maps,
// interfaces, custom unmarshalers, type mismatches, which are decoding errors) declines.
func assignExact(dst reflect.Value, value any) bool {
	t := dst.Type()
	if customUnmarshaler(t) {
		return false // it sees the raw value, null included
	}
	if value == nil {
		return true // null leaves a zero value as it is, and a nil pointer nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		elem := reflect.New(t.Elem())
		if !assignExact(elem.Elem(), value) {
			return false
		}
		dst.Set(elem)
		return true
	case reflect.String:
		s, ok := value.(string)
		if ok {
			dst.SetString(s)
		}
		return ok
	case reflect.Bool:
		b, ok := value.(bool)
		if ok {
			dst.SetBool(b)
		}
		return ok
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := value.(json.Number)
		if !ok {
			return false
		}
		f, err := strconv.ParseFloat(string(n), 64) // the float64 json.Unmarshal would hold
		if err != nil || f != math.Trunc(f) || math.Abs(f) > maxExactInteger || dst.OverflowInt(int64(f)) {
			return false
		}
		dst.SetInt(int64(f))
		return true
	case reflect.Slice:
		items, ok := value.([]any)
		if !ok || t.Elem().Kind() == reflect.Uint8 { // []byte is base64 text
			return false
		}
		slice := reflect.MakeSlice(t, len(items), len(items))
		for i, item := range items {
			if !assignExact(slice.Index(i), item) {
				return false
			}
		}
		dst.Set(slice)
		return true
	case reflect.Struct:
		object, ok := value.(map[string]any)
		if !ok {
			return false
		}
		plan := planOf(t)
		if plan == nil {
			return false
		}
		for _, field := range plan {
			if fieldValue, present := object[field.name]; present {
				if !assignExact(dst.Field(field.index), fieldValue) {
					return false
				}
			}
		}
		return true
	default:
		return false
	}
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func customUnmarshaler(t reflect.Type) bool {
	return t.Implements(jsonUnmarshaler) || t.Implements(textUnmarshaler) ||
		reflect.PointerTo(t).Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler)
}

// exactField is a struct field that a JSON key of exactly its name sets.
type exactField struct {
	name  string
	index int
}

// structPlans caches planOf per struct type.
var structPlans sync.Map // reflect.Type -> []exactField (nil: assignExact declines the type)

// planOf lists the fields keepExactKeys keeps keys for, or nil when encoding/json could treat
// the struct differently from a plain list of uniquely named fields (embedded or unexported
// tagged fields, names equal but for case, the ",string" option).
func planOf(t reflect.Type) []exactField {
	if cached, ok := structPlans.Load(t); ok {
		return cached.([]exactField)
	}
	plan := []exactField{}
	folded := map[string]bool{}
	for i := range t.NumField() {
		field := t.Field(i)
		name, options, _ := strings.Cut(field.Tag.Get("json"), ",")
		if field.Anonymous {
			plan = nil
			break
		}
		if name == "" || name == "-" {
			continue
		}
		lower := strings.ToLower(name)
		if !field.IsExported() || folded[lower] || strings.Contains(options, "string") {
			plan = nil
			break
		}
		folded[lower] = true
		plan = append(plan, exactField{name: name, index: i})
	}
	structPlans.Store(t, plan)
	return plan
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
