// Package schemas validates request and response bodies of the vendor REST API
// against JSON Schemas (draft-07) embedded in this package.
//
// Layout of the embedded files:
//
//	common.json                              shared definitions ($ref'ed by the others)
//	<service>/<command>.request.json         body a client sends
//	<service>/<command>.response.json        body the server answers
//	callback/<CallbackCommand>.event.json    body a callback delivers, e.g. "callback/Room.CallbackAfterCreateRoom.event"
//	callback/reply.response.json             body the callback receiver answers
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
	"math/big"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/xeipuuv/gojsonschema"

	"github.com/trtc-conformance/trtc-conformance/internal/jsontree"
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

// Has reports whether name is a known request, response or event schema.
func Has(name string) bool {
	_, ok := index()[name]
	return ok
}

// Names returns the sorted names of all request, response and event schemas.
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
//
// Numbers are judged by their value (see tameNumbers): a number literal with a
// huge exponent or thousands of digits costs no more than an ordinary one.
func Validate(name string, doc []byte) error {
	s, err := lookup(name)
	if err != nil {
		return err
	}
	return validateDoc(name, s, doc)
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
	return validateDoc(name, s, b)
}

// validateDoc validates a document: the fast path accepts it, or gojsonschema decides.
func validateDoc(name string, s *gojsonschema.Schema, doc []byte) error {
	decoded, err := jsontree.Decode(doc)
	if err != nil {
		return &ValidationError{Schema: name, Problems: []Problem{{
			Field:       "(root)",
			Kind:        "invalid_json",
			Description: "document is not valid JSON: " + jsonSyntaxError(doc),
		}}}
	}
	tree, tamed := tameNumbers(decoded)
	if fast := fastFor(name); fast != nil && fast.valid(tree) {
		return nil
	}
	if tamed {
		return run(name, s, gojsonschema.NewGoLoader(tree))
	}
	return run(name, s, gojsonschema.NewBytesLoader(doc))
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

func run(name string, s *gojsonschema.Schema, doc gojsonschema.JSONLoader) (verdict error) {
	// gojsonschema dereferences nil on some inputs (a const or enum met by a number that
	// float64 cannot hold); tameNumbers keeps such numbers away, and this keeps any other
	// such failure a refusal of the document rather than a crash of the caller.
	defer func() {
		if v := recover(); v != nil {
			verdict = &ValidationError{Schema: name, Problems: []Problem{{
				Field: "(root)", Kind: "validator_failure", Description: fmt.Sprintf("the validator failed on this document: %v", v),
			}}}
		}
	}()
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

// index lists the request, response and event schema files; it only walks the embedded
// directory tree and never fails.
func index() map[string]entry {
	indexOnce.Do(func() {
		indexMap = map[string]entry{}
		_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if strings.HasSuffix(p, ".request.json") || strings.HasSuffix(p, ".response.json") || strings.HasSuffix(p, ".event.json") {
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

// ---- fast path -----------------------------------------------------------
//
// gojsonschema walks a document through its generic sub-schema machinery and formats every
// error as it goes; a small request costs tens of microseconds. The schemas are compiled a
// second time, at the first use, into fastNode trees that decide the same question (does the
// document satisfy the schema?) with the same rules, keyword by keyword, as gojsonschema's
// validation.go. Validate accepts a document when its fastNode accepts it, and otherwise asks
// gojsonschema, whose answer (valid, or the problems) is the one returned: the fast path can
// only save time on valid documents, never change an outcome, provided it never accepts what
// gojsonschema rejects. TestFastPathAgrees and FuzzFastPath check exactly that.
//
// A schema that uses a keyword the fast path does not implement (or a form of it, such as the
// array form of items) has no fastNode, and Validate uses gojsonschema alone for it.

// fastTypes is a set of JSON Schema type names.
type fastTypes uint8

const (
	typeNull fastTypes = 1 << iota
	typeBoolean
	typeObject
	typeArray
	typeNumber
	typeInteger
	typeString
)

var fastTypeNames = map[string]fastTypes{
	"null": typeNull, "boolean": typeBoolean, "object": typeObject, "array": typeArray,
	"number": typeNumber, "integer": typeInteger, "string": typeString,
}

// fastNode is one compiled (sub-)schema; nil limits and empty lists mean "absent".
type fastNode struct {
	pass *bool     // a boolean schema
	ref  *fastNode // $ref: the referenced schema alone decides (as in gojsonschema)

	types fastTypes // 0: untyped

	// const and enum compare gojsonschema's marshalWithoutNumber forms; string values are
	// compared directly with the string entries (same outcome, without encoding).
	hasConst    bool
	constForm   string
	hasEnum     bool
	enumForms   map[string]bool
	enumStrings map[string]bool

	allOf, anyOf, oneOf []*fastNode
	not                 *fastNode
	ifNode              *fastNode
	thenNode, elseNode  *fastNode
	dependencies        map[string]fastDependency

	required             []string
	properties           map[string]*fastNode
	patternProperties    []fastPattern
	additionalProperties *fastNode // nil: anything
	minProperties        *int
	maxProperties        *int

	items              *fastNode
	minItems, maxItems *int

	minLength, maxLength *int
	pattern              *regexp.Regexp
	maxBytes             *int // format utf8-max-bytes-N

	minimum, maximum *big.Rat
}

type fastPattern struct {
	re   *regexp.Regexp
	node *fastNode
}

type fastDependency struct {
	properties []string
	node       *fastNode
}

// fastKeywords are the keywords the fast path implements; annotations are ignored, as by
// gojsonschema. A keyword outside both lists makes the schema fall back to gojsonschema.
var (
	fastKeywords = map[string]bool{
		"$ref": true, "type": true, "const": true, "enum": true, "allOf": true, "anyOf": true,
		"oneOf": true, "not": true, "if": true, "then": true, "else": true, "dependencies": true,
		"required": true, "properties": true, "patternProperties": true,
		"additionalProperties": true, "minProperties": true, "maxProperties": true,
		"items": true, "minItems": true, "maxItems": true, "minLength": true, "maxLength": true,
		"pattern": true, "format": true, "minimum": true, "maximum": true, "definitions": true,
	}
	fastAnnotations = map[string]bool{
		"$schema": true, "$id": true, "$comment": true, "title": true, "description": true,
		"examples": true, "default": true, "readOnly": true, "writeOnly": true,
	}
)

var (
	fastOnce sync.Once
	fastSet  map[string]*fastNode // nil entry: no fast path for that schema
	fastWhy  map[string]string    // why a schema has no fast path
)

// fastFor returns the compiled fast path of a schema, or nil.
func fastFor(name string) *fastNode {
	fastOnce.Do(compileFastSet)
	return fastSet[name]
}

func compileFastSet() {
	fastSet, fastWhy = map[string]*fastNode{}, map[string]string{}
	docs := map[string]any{} // $id without fragment -> tree decoded with UseNumber
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		raw, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		tree, err := decodeUsingNumber(raw)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		docs[IDBase+p] = tree
		return nil
	})
	for name, e := range index() {
		if err != nil {
			fastWhy[name] = err.Error()
			continue
		}
		c := &fastCompiler{docs: docs, memo: map[string]*fastNode{}}
		node := c.ref(e.id, "")
		if c.bad != nil {
			fastWhy[name] = c.bad.Error()
			continue
		}
		fastSet[name] = node
	}
}

// fastCompiler compiles one root schema; bad is the first unsupported construct met.
type fastCompiler struct {
	docs map[string]any
	memo map[string]*fastNode
	bad  error
}

func (c *fastCompiler) fail(format string, args ...any) *fastNode {
	if c.bad == nil {
		c.bad = fmt.Errorf(format, args...)
	}
	return &fastNode{}
}

// ref compiles the schema at a JSON pointer ("" or "/a/b") of an embedded document.
func (c *fastCompiler) ref(docID, pointer string) *fastNode {
	key := docID + "#" + pointer
	if node, ok := c.memo[key]; ok {
		return node
	}
	doc, ok := c.docs[docID]
	if !ok {
		return c.fail("$ref to %q, not an embedded schema", docID)
	}
	if strings.ContainsAny(pointer, "~%") {
		return c.fail("$ref pointer %q needs unescaping", pointer)
	}
	target := doc
	if pointer != "" {
		if !strings.HasPrefix(pointer, "/") {
			return c.fail("$ref pointer %q is not a JSON pointer", pointer)
		}
		for _, token := range strings.Split(pointer[1:], "/") {
			object, ok := target.(map[string]any)
			if !ok {
				return c.fail("$ref pointer %q does not resolve", pointer)
			}
			if target, ok = object[token]; !ok {
				return c.fail("$ref pointer %q does not resolve", pointer)
			}
		}
	}
	node := &fastNode{}
	c.memo[key] = node // before compiling: recursive schemas refer to themselves
	c.fill(node, target, docID, pointer == "")
	return node
}

// schema compiles a sub-schema found inline.
func (c *fastCompiler) schema(v any, docID string) *fastNode {
	node := &fastNode{}
	c.fill(node, v, docID, false)
	return node
}

func (c *fastCompiler) fill(node *fastNode, v any, docID string, root bool) {
	if b, ok := v.(bool); ok {
		node.pass = &b
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		c.fail("a schema is neither an object nor a boolean")
		return
	}
	for key := range m {
		if !fastKeywords[key] && !fastAnnotations[key] {
			c.fail("keyword %q is not implemented by the fast path", key)
			return
		}
	}
	if id, ok := m["$id"]; ok && (!root || id != docID) {
		c.fail("a nested $id (%v) is not implemented by the fast path", id)
		return
	}
	if r, ok := m["$ref"]; ok {
		s, ok := r.(string)
		if !ok {
			c.fail("$ref is not a string")
			return
		}
		target, pointer, _ := strings.Cut(s, "#")
		if target == "" {
			target = docID
		} else if base, err := url.Parse(docID); err == nil {
			if ref, err := url.Parse(target); err == nil {
				target = base.ResolveReference(ref).String()
			}
		}
		node.ref = c.ref(target, pointer)
		return // gojsonschema validates against the reference alone
	}
	if t, ok := m["type"]; ok {
		names := []any{t}
		if list, isList := t.([]any); isList {
			names = list
		}
		for _, n := range names {
			s, _ := n.(string)
			bit, known := fastTypeNames[s]
			if !known {
				c.fail("type %v", n)
				return
			}
			node.types |= bit
		}
	}
	if v, ok := m["const"]; ok {
		form, err := marshalWithoutNumber(v)
		if err != nil {
			c.fail("const: %v", err)
			return
		}
		node.hasConst, node.constForm = true, form
	}
	if v, ok := m["enum"]; ok {
		list, isList := v.([]any)
		if !isList {
			c.fail("enum is not an array")
			return
		}
		// gojsonschema checks enum only when it has entries.
		node.hasEnum, node.enumForms, node.enumStrings = len(list) > 0, map[string]bool{}, map[string]bool{}
		for _, entry := range list {
			form, err := marshalWithoutNumber(entry)
			if err != nil {
				c.fail("enum: %v", err)
				return
			}
			node.enumForms[form] = true
			if s, isString := entry.(string); isString {
				if !utf8.ValidString(s) {
					c.fail("enum entry %q is not valid UTF-8", s)
					return
				}
				node.enumStrings[s] = true
			}
		}
	}
	list := func(key string) []*fastNode {
		v, ok := m[key]
		if !ok {
			return nil
		}
		items, isList := v.([]any)
		if !isList || len(items) == 0 {
			c.fail("%s is not a non-empty array", key)
			return nil
		}
		nodes := make([]*fastNode, 0, len(items))
		for _, item := range items {
			nodes = append(nodes, c.schema(item, docID))
		}
		return nodes
	}
	node.allOf, node.anyOf, node.oneOf = list("allOf"), list("anyOf"), list("oneOf")
	one := func(key string) *fastNode {
		if v, ok := m[key]; ok {
			return c.schema(v, docID)
		}
		return nil
	}
	node.not = one("not")
	if node.ifNode = one("if"); node.ifNode != nil {
		node.thenNode, node.elseNode = one("then"), one("else")
	}
	node.additionalProperties = one("additionalProperties")
	if v, ok := m["items"]; ok {
		if _, isList := v.([]any); isList {
			c.fail("the array form of items is not implemented by the fast path")
			return
		}
		node.items = c.schema(v, docID)
	}
	if v, ok := m["required"]; ok {
		items, _ := v.([]any)
		for _, item := range items {
			s, isString := item.(string)
			if !isString {
				c.fail("required entry %v is not a string", item)
				return
			}
			node.required = append(node.required, s)
		}
	}
	if v, ok := m["properties"]; ok {
		props, isObject := v.(map[string]any)
		if !isObject {
			c.fail("properties is not an object")
			return
		}
		node.properties = map[string]*fastNode{}
		for name, sub := range props {
			node.properties[name] = c.schema(sub, docID)
		}
	}
	if v, ok := m["patternProperties"]; ok {
		props, isObject := v.(map[string]any)
		if !isObject {
			c.fail("patternProperties is not an object")
			return
		}
		for pattern, sub := range props {
			re, err := regexp.Compile(pattern)
			if err != nil {
				c.fail("patternProperties %q: %v", pattern, err)
				return
			}
			node.patternProperties = append(node.patternProperties, fastPattern{re: re, node: c.schema(sub, docID)})
		}
	}
	if v, ok := m["dependencies"]; ok {
		deps, isObject := v.(map[string]any)
		if !isObject {
			c.fail("dependencies is not an object")
			return
		}
		node.dependencies = map[string]fastDependency{}
		for name, dep := range deps {
			if names, isList := dep.([]any); isList {
				var d fastDependency
				for _, n := range names {
					s, isString := n.(string)
					if !isString {
						c.fail("dependencies %q: %v is not a string", name, n)
						return
					}
					d.properties = append(d.properties, s)
				}
				node.dependencies[name] = d
			} else {
				node.dependencies[name] = fastDependency{node: c.schema(dep, docID)}
			}
		}
	}
	for key, dst := range map[string]**int{
		"minProperties": &node.minProperties, "maxProperties": &node.maxProperties,
		"minItems": &node.minItems, "maxItems": &node.maxItems,
		"minLength": &node.minLength, "maxLength": &node.maxLength,
	} {
		if v, ok := m[key]; ok {
			n, isNumber := v.(json.Number)
			i, err := strconv.Atoi(string(n))
			if !isNumber || err != nil || i < 0 {
				c.fail("%s %v is not a non-negative integer literal", key, v)
				return
			}
			*dst = &i
		}
	}
	for key, dst := range map[string]**big.Rat{"minimum": &node.minimum, "maximum": &node.maximum} {
		if v, ok := m[key]; ok {
			n, isNumber := v.(json.Number)
			r, valid := new(big.Rat).SetString(string(n))
			if !isNumber || !valid {
				c.fail("%s %v is not a number", key, v)
				return
			}
			*dst = r
		}
	}
	if v, ok := m["pattern"]; ok {
		s, _ := v.(string)
		re, err := regexp.Compile(s)
		if err != nil {
			c.fail("pattern %q: %v", s, err)
			return
		}
		node.pattern = re
	}
	if v, ok := m["format"]; ok {
		s, _ := v.(string)
		match := byteFormat.FindStringSubmatch(s)
		if match == nil {
			c.fail("format %q is not implemented by the fast path", s)
			return
		}
		n, err := strconv.Atoi(match[1])
		if err != nil {
			c.fail("format %q: %v", s, err)
			return
		}
		node.maxBytes = &n
	}
}

// valid mirrors gojsonschema's validateRecursive: it reports whether v, a document decoded with
// UseNumber, satisfies the schema.
func (n *fastNode) valid(v any) bool {
	if n.pass != nil {
		return *n.pass
	}
	if n.ref != nil {
		return n.ref.valid(v)
	}
	var kind fastTypes
	switch x := v.(type) {
	case nil:
		kind = typeNull
	case bool:
		kind = typeBoolean
	case string:
		kind = typeString
	case json.Number:
		kind = typeNumber
		if n.types != 0 && n.types&typeNumber == 0 && !(n.types&typeInteger != 0 && isIntegerLiteral(x)) {
			return false
		}
	case []any:
		kind = typeArray
	case map[string]any:
		kind = typeObject
	default:
		return false // not a decoded JSON value: let gojsonschema judge
	}
	if kind != typeNumber && n.types != 0 && n.types&kind == 0 {
		return false
	}
	if !n.validCombinators(v) || !n.validCommon(v) {
		return false
	}
	switch x := v.(type) {
	case string:
		return n.validString(x)
	case json.Number:
		return n.validNumber(x)
	case []any:
		return n.validArray(x)
	case map[string]any:
		return n.validObject(x)
	}
	return true
}

func (n *fastNode) validCombinators(v any) bool {
	if len(n.anyOf) > 0 {
		matched := false
		for _, sub := range n.anyOf {
			if sub.valid(v) {
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
	}
	if len(n.oneOf) > 0 {
		matched := 0
		for _, sub := range n.oneOf {
			if sub.valid(v) {
				matched++
			}
		}
		if matched != 1 {
			return false
		}
	}
	for _, sub := range n.allOf {
		if !sub.valid(v) {
			return false
		}
	}
	if n.not != nil && n.not.valid(v) {
		return false
	}
	if object, ok := v.(map[string]any); ok && len(n.dependencies) > 0 {
		for key := range object {
			dep, ok := n.dependencies[key]
			if !ok {
				continue
			}
			for _, required := range dep.properties {
				if _, present := object[required]; !present {
					return false
				}
			}
			if dep.node != nil && !dep.node.valid(v) {
				return false
			}
		}
	}
	if n.ifNode != nil {
		if n.ifNode.valid(v) {
			if n.thenNode != nil && !n.thenNode.valid(v) {
				return false
			}
		} else if n.elseNode != nil && !n.elseNode.valid(v) {
			return false
		}
	}
	return true
}

func (n *fastNode) validCommon(v any) bool {
	if !n.hasConst && !n.hasEnum {
		return true
	}
	if s, ok := v.(string); ok {
		// A decoded string is valid UTF-8, and json.Marshal is one-to-one on such strings:
		// equal forms means equal strings.
		if n.hasConst {
			if form, err := json.Marshal(s); err != nil || string(form) != n.constForm {
				return false
			}
		}
		return !n.hasEnum || n.enumStrings[s]
	}
	var form string
	if x, ok := v.(json.Number); ok {
		if i, small := smallInteger(x); small {
			form = strconv.FormatInt(i, 10) // what encoding/json writes for that float64
		}
	}
	if form == "" {
		var err error
		if form, err = marshalWithoutNumber(v); err != nil {
			return false
		}
	}
	return (!n.hasConst || form == n.constForm) && (!n.hasEnum || n.enumForms[form])
}

func (n *fastNode) validString(s string) bool {
	if n.minLength != nil || n.maxLength != nil {
		runes := utf8.RuneCountInString(s)
		if n.minLength != nil && runes < *n.minLength || n.maxLength != nil && runes > *n.maxLength {
			return false
		}
	}
	if n.pattern != nil && !n.pattern.MatchString(s) {
		return false
	}
	return n.maxBytes == nil || len(s) <= *n.maxBytes
}

func (n *fastNode) validNumber(x json.Number) bool {
	if n.minimum == nil && n.maximum == nil {
		return true
	}
	if v, ok := smallInteger(x); ok && (n.minimum == nil || n.minimum.IsInt()) && (n.maximum == nil || n.maximum.IsInt()) {
		// Integer bounds (beyond int64 they are beyond every small integer).
		return (n.minimum == nil || cmpInt(v, n.minimum) >= 0) && (n.maximum == nil || cmpInt(v, n.maximum) <= 0)
	}
	r, ok := new(big.Rat).SetString(string(x))
	if !ok {
		return false // gojsonschema would compare a nil *big.Rat: let it judge
	}
	return (n.minimum == nil || r.Cmp(n.minimum) >= 0) && (n.maximum == nil || r.Cmp(n.maximum) <= 0)
}

func (n *fastNode) validArray(items []any) bool {
	if n.minItems != nil && len(items) < *n.minItems || n.maxItems != nil && len(items) > *n.maxItems {
		return false
	}
	if n.items != nil {
		for _, item := range items {
			if !n.items.valid(item) {
				return false
			}
		}
	}
	return true
}

func (n *fastNode) validObject(object map[string]any) bool {
	if n.minProperties != nil && len(object) < *n.minProperties || n.maxProperties != nil && len(object) > *n.maxProperties {
		return false
	}
	for _, name := range n.required {
		if _, ok := object[name]; !ok {
			return false
		}
	}
	if len(n.patternProperties) > 0 || n.additionalProperties != nil {
		for key, value := range object {
			matched := false
			for _, p := range n.patternProperties {
				if p.re.MatchString(key) {
					matched = true
					if !p.node.valid(value) {
						return false
					}
				}
			}
			if _, described := n.properties[key]; !described && !matched && n.additionalProperties != nil && !n.additionalProperties.valid(value) {
				return false
			}
		}
	}
	for name, sub := range n.properties {
		if value, ok := object[name]; ok && !sub.valid(value) {
			return false
		}
	}
	return true
}

// smallInteger reads a literal of at most 15 digits and no fraction or exponent: exactly
// the integers float64 holds and encodes as their digits.
func smallInteger(x json.Number) (int64, bool) {
	s := string(x)
	digits := strings.TrimPrefix(s, "-")
	if len(digits) == 0 || len(digits) > 15 || s == "-0" {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

// cmpInt compares v with an integer bound.
func cmpInt(v int64, bound *big.Rat) int {
	b := bound.Num()
	if !b.IsInt64() {
		return -b.Sign()
	}
	bv := b.Int64()
	switch {
	case v < bv:
		return -1
	case v > bv:
		return 1
	}
	return 0
}

// isIntegerLiteral is gojsonschema's checkJSONInteger: the literal is an exact integer.
func isIntegerLiteral(x json.Number) bool {
	s := string(x)
	plain := len(s) > 0
	for i := 0; i < len(s) && plain; i++ {
		plain = s[i] >= '0' && s[i] <= '9' || i == 0 && s[i] == '-' && len(s) > 1
	}
	if plain {
		return true
	}
	r, ok := new(big.Rat).SetString(s)
	return ok && r.IsInt()
}

// marshalWithoutNumber is gojsonschema's normal form for const and enum: the value encoded,
// decoded without UseNumber and encoded again.
func marshalWithoutNumber(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	var plain any
	if err := json.Unmarshal(b, &plain); err != nil {
		return "", err
	}
	b, err = json.Marshal(plain)
	return string(b), err
}

// decodeUsingNumber decodes one JSON document the way gojsonschema's loaders do.
func decodeUsingNumber(doc []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// Number taming. gojsonschema turns every number it meets into a big.Rat, which for a literal
// such as 1e999999 or a million digits costs tens of milliseconds and more (a request body of
// such numbers would pin a CPU for minutes), and it dereferences nil when a const or enum meets
// a number beyond float64. tameNumbers replaces, before validation, every number literal that is
// long or far from 1 by one that no schema here can tell from it:
//
//   - an exact rewrite of its value (0.<digits>e<exp>) when it has at most 100 significant
//     digits and a magnitude between 1e-300 and 1e300;
//   - 0 for zero;
//   - beyond 1e300: ±1e301 for an integer, ±(10^301 + 0.5) otherwise;
//   - below 1e-300: ±1e-301;
//   - more than 100 significant digits: its first (integer digits + 40) digits followed by a
//     1, which keeps it strictly between the same two numbers of 40 decimals, and an integer
//     stays an integer (it then has at most 300 digits and is kept exactly).
//
// The sign and integer-ness of a number are kept, and so is its order with every bound a schema
// can state with fewer than 40 decimals and a magnitude between 1e-300 and 1e300.
const (
	tameMaxDigits   = 100
	tameMaxExponent = 300
	tameLiteral     = 64 // shorter literals are never rewritten
)

// tameNumbers tames every number in a decoded document (in place for objects and arrays) and
// reports whether it changed any.
func tameNumbers(v any) (any, bool) {
	switch x := v.(type) {
	case json.Number:
		if tamed, changed := tameNumber(string(x)); changed {
			return json.Number(tamed), true
		}
	case map[string]any:
		changed := false
		for key, value := range x {
			if tamed, c := tameNumbers(value); c {
				x[key], changed = tamed, true
			}
		}
		return x, changed
	case []any:
		changed := false
		for i, value := range x {
			if tamed, c := tameNumbers(value); c {
				x[i], changed = tamed, true
			}
		}
		return x, changed
	}
	return v, false
}

// tameNumber rewrites one JSON number literal as described above; changed is false when the
// literal is kept.
func tameNumber(lit string) (tamed string, changed bool) {
	if len(lit) <= tameLiteral && !strings.ContainsAny(lit, "eE") {
		return lit, false // at most 64 digits, no exponent: cheap as it is
	}
	rest, neg := strings.CutPrefix(lit, "-")
	mantissa, exponent, _ := strings.Cut(strings.ToLower(rest), "e")
	intPart, fracPart, _ := strings.Cut(mantissa, ".")
	digits := intPart + fracPart
	lead := len(digits) - len(strings.TrimLeft(digits, "0"))
	significant := strings.TrimRight(digits[lead:], "0")
	if significant == "" {
		if len(lit) <= tameLiteral {
			return lit, false
		}
		return "0", true
	}
	// The value is 0.<significant> × 10^e.
	e := int64(len(intPart)-lead) + parseExponent(exponent)
	sign := ""
	if neg {
		sign = "-"
	}
	n := int64(len(significant))
	switch {
	case e > tameMaxExponent:
		if e >= n {
			return sign + "1e301", true
		}
		return sign + "1" + strings.Repeat("0", 301) + ".5", true
	case e < -tameMaxExponent:
		return sign + "1e-301", true
	case n > tameMaxDigits && e < n:
		if keep := max(e, 0) + 40; keep < n {
			significant = significant[:keep] + "1"
		}
	case len(lit) <= tameLiteral && n <= tameMaxDigits:
		if exp := parseExponent(exponent); exp >= -tameMaxExponent && exp <= tameMaxExponent {
			return lit, false // short, and cheap for big.Rat
		}
	}
	return sign + "0." + significant + "e" + strconv.FormatInt(e, 10), true
}

// parseExponent reads the digits after 'e' (with an optional sign), saturating far beyond any
// exponent tameNumber keeps.
func parseExponent(s string) int64 {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(strings.TrimLeft(s, "+-"), "0")
	if len(s) > 12 {
		s = "999999999999"
	}
	v, _ := strconv.ParseInt(s, 10, 64) // digits only: JSON grammar
	if neg {
		return -v
	}
	return v
}
