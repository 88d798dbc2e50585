package emulator

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/internal/jsontree"
)

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
