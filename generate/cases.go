package generate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/trtc-conformance/trtc-conformance/schemas"
)

// RoomPlaceholder stands for the ID of the room a spec creates; a spec replaces it (quoted, as
// a JSON string) in Case.Body before sending.
const RoomPlaceholder = "GEN-ROOM-ID"

// Case kinds.
const (
	KindMissing        = "missing"
	KindWrongType      = "type-" // + the JSON type sent
	KindBytesAtASCII   = "bytes-at-ascii"
	KindBytesOverASCII = "bytes-over-ascii"
	KindBytesAtEuro    = "bytes-at-euro"
	KindBytesOverEuro  = "bytes-over-euro"
	KindMinAt          = "min-at"
	KindMinPast        = "min-past"
	KindMaxAt          = "max-at"
	KindMaxPast        = "max-past"
	KindEnumOutside    = "enum-outside"
	KindItemsAt        = "items-at"
	KindItemsOver      = "items-over"
	KindUnknownField   = "unknown-field"
)

// Case is one generated request.
type Case struct {
	ID               string // gen:<service>/<command>/<field path>/<kind>
	Service, Command string
	Field            Field
	Kind             string
	Body             []byte // with RoomPlaceholder where the room ID goes
	// Intended is what the kind means: a request the service must accept (true) or refuse.
	Intended bool
	// Accepted is the schema validator's verdict, which encodes the errata. Where it
	// differs from Intended, Contradiction says why and the case is not sent.
	Accepted      bool
	Contradiction string
	// Value is the value the case set at the field (Set false: the case removed the field or
	// added an unknown one), to be read back after a success.
	Value any
	Set   bool
}

// Cases derives the boundary cases of one command from its request schema and a valid
// baseline body (holding RoomPlaceholder as the room ID). The result is deterministic: fields
// in schema order, kinds in a fixed order, no randomness.
func Cases(service, command string, baseline string) ([]Case, error) {
	name := service + "/" + command
	fields, err := Fields(name)
	if err != nil {
		return nil, err
	}
	if err := schemas.Validate(name+".request", []byte(baseline)); err != nil {
		return nil, fmt.Errorf("generate: the baseline of %s is not valid: %w", name, err)
	}
	var out []Case
	add := func(f Field, kind string, intended bool, body []byte, value any, set bool) {
		c := Case{
			ID: "gen:" + name + "/" + f.PathString() + "/" + kind, Service: service, Command: command,
			Field: f, Kind: kind, Body: body, Intended: intended, Value: value, Set: set,
		}
		verdict := schemas.Validate(name+".request", body)
		c.Accepted = verdict == nil
		if c.Accepted != c.Intended {
			c.Contradiction = fmt.Sprintf("the schema, which encodes the errata, %s it", map[bool]string{true: "accepts", false: "refuses"}[c.Accepted])
			if verdict != nil {
				c.Contradiction += " (" + verdict.Error() + ")"
			}
			if len(f.Errata) > 0 {
				c.Contradiction += "; errata " + strings.Join(f.Errata, ", ")
			}
		}
		out = append(out, c)
	}
	base, err := decode([]byte(baseline))
	if err != nil {
		return nil, err
	}
	for _, f := range fields {
		if f.Required {
			add(f, KindMissing, false, edit(base, f.Path, nil, true), nil, false)
		}
		for _, t := range wrongTypes(f) {
			v := sampleOf(t)
			add(f, KindWrongType+t, false, edit(base, f.Path, v, false), v, true)
		}
		if n := limitOf(f); n > 0 {
			for _, s := range []struct {
				kind     string
				value    string
				intended bool
			}{
				{KindBytesAtASCII, strings.Repeat("a", n), true},
				{KindBytesOverASCII, strings.Repeat("a", n+1), false},
				{KindBytesAtEuro, strings.Repeat("€", n/3) + strings.Repeat("a", n%3), true},
				// n-1 characters, n+1 bytes: only a byte count refuses it.
				{KindBytesOverEuro, strings.Repeat("a", n-2) + "€", false},
			} {
				add(f, s.kind, s.intended, edit(base, f.Path, s.value, false), s.value, true)
			}
		}
		if is(f, "integer") {
			if f.Minimum != nil {
				add(f, KindMinAt, true, edit(base, f.Path, *f.Minimum, false), *f.Minimum, true)
				add(f, KindMinPast, false, edit(base, f.Path, *f.Minimum-1, false), *f.Minimum-1, true)
			}
			if f.Maximum != nil {
				add(f, KindMaxAt, true, edit(base, f.Path, *f.Maximum, false), *f.Maximum, true)
				add(f, KindMaxPast, false, edit(base, f.Path, *f.Maximum+1, false), *f.Maximum+1, true)
			}
		}
		if len(f.Enum) > 0 {
			if v, ok := outside(f); ok {
				add(f, KindEnumOutside, false, edit(base, f.Path, v, false), v, true)
			}
		}
		if f.MaxItems != nil && is(f, "array") {
			add(f, KindItemsAt, true, edit(base, f.Path, items(base, f, *f.MaxItems), false), nil, false)
			add(f, KindItemsOver, false, edit(base, f.Path, items(base, f, *f.MaxItems+1), false), nil, false)
		}
	}
	// An unknown field at the root, which every page lets through (the schemas never close
	// an object).
	root := Field{Path: []string{"XGenUnknownField"}}
	add(root, KindUnknownField, true, edit(base, root.Path, "gen", false), nil, false)
	return out, nil
}

func is(f Field, t string) bool { return slices.Contains(f.Types, t) }

// limitOf is a string field's byte limit (x-maxBytes, or maxLength where no byte limit is
// stated), 0 for none.
func limitOf(f Field) int {
	if !is(f, "string") || len(f.Enum) > 0 {
		return 0
	}
	switch {
	case f.MaxBytes != nil:
		return *f.MaxBytes
	case f.MaxLength != nil:
		return *f.MaxLength
	}
	return 0
}

var allTypes = []string{"string", "integer", "number", "boolean", "object", "array", "null"}

// wrongTypes are the JSON types the field does not allow (an integer is a number; a number
// with a fraction is sent for "number").
func wrongTypes(f Field) []string {
	if len(f.Types) == 0 {
		return nil
	}
	var out []string
	for _, t := range allTypes {
		allowed := is(f, t) || (t == "integer" && is(f, "number"))
		if !allowed {
			out = append(out, t)
		}
	}
	return out
}

func sampleOf(t string) any {
	switch t {
	case "string":
		return "gen"
	case "integer":
		return 7
	case "number":
		return 1.5
	case "boolean":
		return true
	case "object":
		return map[string]any{}
	case "array":
		return []any{}
	}
	return nil
}

// outside is a value of the enum's type that the enum does not list: for an enum that holds
// numbers (some list a number and its string, [1, "1"]), one past the largest number.
func outside(f Field) (any, bool) {
	max, numeric := int64(0), false
	for _, e := range f.Enum {
		if n, ok := e.(json.Number); ok {
			if v, err := n.Int64(); err == nil {
				numeric = true
				if v > max {
					max = v
				}
			}
		}
	}
	if numeric {
		return max + 1, true
	}
	if _, ok := f.Enum[0].(string); ok {
		return "GenNotListed", true
	}
	return nil, false
}

// items builds an array of n distinct items: copies of the baseline's first item with a
// distinct suffix for strings, or distinct samples of the item type.
func items(base any, f Field, n int) []any {
	var first any
	if arr, ok := lookup(base, f.Path).([]any); ok && len(arr) > 0 {
		first = arr[0]
	}
	out := make([]any, n)
	for i := range out {
		switch v := first.(type) {
		case string:
			out[i] = fmt.Sprintf("%s%d", v, i)
		case nil:
			if slices.Contains(f.ItemTypes, "integer") {
				out[i] = i
			} else {
				out[i] = fmt.Sprintf("gen%d", i)
			}
		default:
			out[i] = v
		}
	}
	return out
}

func decode(doc []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	return v, dec.Decode(&v)
}

func lookup(v any, path []string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

// edit returns base with the value at path replaced (or removed), creating parent objects.
func edit(base any, path []string, value any, remove bool) []byte {
	root := deepCopy(base)
	m, _ := root.(map[string]any)
	for _, p := range path[:len(path)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	last := path[len(path)-1]
	if remove {
		delete(m, last)
	} else {
		m[last] = value
	}
	out, err := json.Marshal(root)
	if err != nil {
		panic(err)
	}
	return out
}

func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}
