// Package schemas validates request and response bodies of the vendor REST API
// against JSON Schemas (draft-07) embedded in this package.
//
// Layout of the embedded files:
//
//	common.json                              shared definitions ($ref'ed by the others)
//	<service>/<command>.request.json         body a client sends
//	<service>/<command>.response.json        body the server answers
//
// A schema is addressed by its path without the ".json" suffix, for example
// "room_engine_http_srv/get_room_info.response". Every file carries an $id of the
// form https://trtc-conformance.dev/schemas/<path>; cross-file references use those
// URIs and are resolved from the embedded files only (no network access).
//
// Byte limits: the vendor states string limits in UTF-8 bytes, while JSON Schema's
// maxLength counts characters. The schemas therefore also use the custom format
// "utf8-max-bytes-<N>". Every such format name found in the embedded files is
// registered with gojsonschema.FormatCheckers when the schemas are first loaded.
// The checker accepts non-string values (type errors are reported by "type").
//
// The schemas are compiled once, lazily, and cached; Validate and ValidateValue are
// safe for concurrent use.
package schemas

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/xeipuuv/gojsonschema"
)

//go:embed common.json */*.json
var files embed.FS

// IDBase is the URI prefix of every embedded schema's $id.
const IDBase = "https://trtc-conformance.dev/schemas/"

// ErrUnknownSchema is wrapped by the error Validate returns for a name that is
// not one of Names().
var ErrUnknownSchema = errors.New("schemas: unknown schema")

// Problem is one reason a document does not satisfy a schema.
type Problem struct {
	// Field is the JSON path of the offending value, with "." between
	// segments and array indices as numbers ("RoomInfo.RoomId",
	// "CheckItem.3.UserID"), or "(root)". For a missing required property it
	// is the path the property would have ("RoomInfo.RoomId").
	Field string
	// Kind is the gojsonschema error type, e.g. "required", "invalid_type",
	// "enum", "const", "format", "array_max_items", "number_gte",
	// "number_any_of"; "invalid_json" when the input is not JSON.
	Kind string
	// Description is gojsonschema's human-readable message.
	Description string
}

// ValidationError reports why a document does not satisfy a schema.
type ValidationError struct {
	Schema   string
	Problems []Problem
}

// Error returns one line per problem, sorted, each starting with the schema name.
func (e *ValidationError) Error() string {
	lines := make([]string, 0, len(e.Problems))
	for _, p := range e.Problems {
		lines = append(lines, fmt.Sprintf("%s: %s: %s (%s)", e.Schema, p.Field, p.Description, p.Kind))
	}
	if len(lines) == 0 {
		lines = append(lines, e.Schema+": invalid")
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// Has reports whether name is a known request/response schema.
func Has(name string) bool {
	_, ok := index()[name]
	return ok
}

// Names returns the sorted names of all request and response schemas.
func Names() []string {
	idx := index()
	names := make([]string, 0, len(idx))
	for n := range idx {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Validate checks the JSON document doc against the named schema, e.g.
// "room_engine_http_srv/get_room_info.response". It returns nil when the
// document is valid and a *ValidationError when it is not (including when doc
// is not valid JSON). An unknown name yields an error wrapping ErrUnknownSchema.
func Validate(name string, doc []byte) error {
	s, err := lookup(name)
	if err != nil {
		return err
	}
	if !json.Valid(doc) {
		return &ValidationError{Schema: name, Problems: []Problem{{
			Field:       "(root)",
			Kind:        "invalid_json",
			Description: "document is not valid JSON: " + jsonSyntaxError(doc),
		}}}
	}
	return run(name, s, gojsonschema.NewBytesLoader(doc))
}

// ValidateValue is Validate for an already-decoded Go value (map[string]any,
// []any, a struct, ...). The value is converted with encoding/json first.
func ValidateValue(name string, v any) error {
	s, err := lookup(name)
	if err != nil {
		return err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return &ValidationError{Schema: name, Problems: []Problem{{
			Field:       "(root)",
			Kind:        "invalid_json",
			Description: "value cannot be encoded as JSON: " + err.Error(),
		}}}
	}
	return run(name, s, gojsonschema.NewBytesLoader(b))
}

func jsonSyntaxError(doc []byte) string {
	var v any
	dec := json.NewDecoder(bytes.NewReader(doc))
	if err := dec.Decode(&v); err != nil {
		return err.Error()
	}
	return "unexpected data after the top-level value"
}

func lookup(name string) (*gojsonschema.Schema, error) {
	if _, ok := index()[name]; !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownSchema, name)
	}
	c := compiled()
	if c.err != nil {
		return nil, c.err
	}
	return c.schemas[name], nil
}

// wrapperKinds are reported by gojsonschema in addition to the errors of the
// sub-schema that failed; they carry no information of their own.
var wrapperKinds = map[string]bool{
	"number_all_of":  true,
	"condition_then": true,
	"condition_else": true,
}

func run(name string, s *gojsonschema.Schema, doc gojsonschema.JSONLoader) error {
	res, err := s.Validate(doc)
	if err != nil {
		return &ValidationError{Schema: name, Problems: []Problem{{
			Field: "(root)", Kind: "invalid_json", Description: err.Error(),
		}}}
	}
	if res.Valid() {
		return nil
	}
	var all, leaf []Problem
	seen := map[Problem]bool{}
	for _, re := range res.Errors() {
		p := Problem{Field: re.Field(), Kind: re.Type(), Description: re.Description()}
		if p.Kind == "required" {
			if prop, ok := re.Details()["property"].(string); ok {
				if p.Field == "(root)" {
					p.Field = prop
				} else {
					p.Field += "." + prop
				}
			}
		}
		if seen[p] {
			continue
		}
		seen[p] = true
		all = append(all, p)
		if !wrapperKinds[p.Kind] {
			leaf = append(leaf, p)
		}
	}
	if len(leaf) > 0 {
		all = leaf
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Description < b.Description
	})
	return &ValidationError{Schema: name, Problems: all}
}

// ---- loading -------------------------------------------------------------

type entry struct {
	path string // file path inside files, e.g. "room_engine_http_srv/create_room.request.json"
	id   string // $id
}

var (
	indexOnce sync.Once
	indexMap  map[string]entry
)

// index lists the request/response schema files; it only walks the embedded
// directory tree and never fails.
func index() map[string]entry {
	indexOnce.Do(func() {
		indexMap = map[string]entry{}
		_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if strings.HasSuffix(p, ".request.json") || strings.HasSuffix(p, ".response.json") {
				indexMap[strings.TrimSuffix(p, ".json")] = entry{path: p, id: IDBase + p}
			}
			return nil
		})
	})
	return indexMap
}

type compiledSet struct {
	schemas map[string]*gojsonschema.Schema
	formats []string
	err     error
}

var (
	compileOnce sync.Once
	compiledVal *compiledSet
)

func compiled() *compiledSet {
	compileOnce.Do(func() {
		compiledVal = compileAll()
	})
	return compiledVal
}

var byteFormat = regexp.MustCompile(`^utf8-max-bytes-([0-9]+)$`)

// utf8MaxBytes implements gojsonschema.FormatChecker for "utf8-max-bytes-<N>".
type utf8MaxBytes int

// IsFormat accepts strings of at most N bytes and every non-string value.
func (n utf8MaxBytes) IsFormat(input interface{}) bool {
	s, ok := input.(string)
	if !ok {
		return true
	}
	return len(s) <= int(n)
}

func compileAll() *compiledSet {
	out := &compiledSet{schemas: map[string]*gojsonschema.Schema{}}

	// Read every embedded schema file (common.json included).
	type doc struct {
		path string
		raw  []byte
		tree any
	}
	var docs []doc
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		raw, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		var tree any
		if err := json.Unmarshal(raw, &tree); err != nil {
			return fmt.Errorf("schemas: %s: %w", p, err)
		}
		docs = append(docs, doc{path: p, raw: raw, tree: tree})
		return nil
	})
	if err != nil {
		out.err = err
		return out
	}

	ids := map[string]bool{}
	for _, d := range docs {
		m, _ := d.tree.(map[string]any)
		id, _ := m["$id"].(string)
		if id != IDBase+d.path {
			out.err = fmt.Errorf("schemas: %s: $id is %q, want %q", d.path, id, IDBase+d.path)
			return out
		}
		ids[id] = true
	}

	// Register byte-limit formats and check that every $ref stays inside the
	// embedded set (gojsonschema would otherwise try to fetch it).
	formats := map[string]bool{}
	for _, d := range docs {
		var refErr error
		walkSchema(d.tree, func(key string, val any) {
			switch key {
			case "format":
				if s, ok := val.(string); ok && byteFormat.MatchString(s) {
					formats[s] = true
				}
			case "$ref":
				s, _ := val.(string)
				if strings.HasPrefix(s, "#") {
					return
				}
				base := s
				if i := strings.IndexByte(base, '#'); i >= 0 {
					base = base[:i]
				}
				if !ids[base] && refErr == nil {
					refErr = fmt.Errorf("schemas: %s: $ref %q does not name an embedded schema", d.path, s)
				}
			}
		})
		if refErr != nil {
			out.err = refErr
			return out
		}
	}
	for f := range formats {
		n, err := strconv.Atoi(byteFormat.FindStringSubmatch(f)[1])
		if err != nil {
			out.err = fmt.Errorf("schemas: bad format %q: %w", f, err)
			return out
		}
		gojsonschema.FormatCheckers.Add(f, utf8MaxBytes(n))
		out.formats = append(out.formats, f)
	}
	sort.Strings(out.formats)

	sl := gojsonschema.NewSchemaLoader()
	sl.Validate = true
	sl.Draft = gojsonschema.Draft7
	sl.AutoDetect = true
	loaders := make([]gojsonschema.JSONLoader, 0, len(docs))
	for _, d := range docs {
		loaders = append(loaders, gojsonschema.NewBytesLoader(d.raw))
	}
	if err := sl.AddSchemas(loaders...); err != nil {
		out.err = fmt.Errorf("schemas: adding schemas: %w", err)
		return out
	}
	for name, e := range index() {
		s, err := sl.Compile(gojsonschema.NewReferenceLoader(e.id))
		if err != nil {
			out.err = fmt.Errorf("schemas: compiling %s: %w", name, err)
			return out
		}
		out.schemas[name] = s
	}
	return out
}

// walkSchema calls fn for every key/value pair of every object in v, depth first.
// Values under "properties" are property schemas, so a property literally named
// "format" or "$ref" is not mistaken for a keyword; enum/const values are skipped.
func walkSchema(v any, fn func(key string, val any)) {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			switch k {
			case "enum", "const", "examples", "default":
				continue
			case "properties", "patternProperties", "definitions", "dependencies":
				if m, ok := val.(map[string]any); ok {
					for _, sub := range m {
						walkSchema(sub, fn)
					}
				}
				continue
			}
			fn(k, val)
			walkSchema(val, fn)
		}
	case []any:
		for _, e := range t {
			walkSchema(e, fn)
		}
	}
}
