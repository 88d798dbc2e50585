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
// The schemas are checked by github.com/xeipuuv/gojsonschema, plus one keyword of this
// project that the library ignores: "x-maxBytes": N limits a string to N UTF-8 bytes, as the
// vendor states its limits (see bytelimits.go). Before validation, number literals that would
// make the library slow or wrong are replaced by equivalent short ones (see numbers.go).
//
// Problems are reported in this package's own terms (Kind, Field); see Problem.
//
// The schemas are compiled once, at the first use, and cached; Validate and ValidateValue
// are safe for concurrent use.
package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"sort"

	"github.com/xeipuuv/gojsonschema"
)

// IDBase is the URI prefix of every embedded schema's $id.
const IDBase = "https://trtc-conformance.dev/schemas/"

// ErrUnknownSchema is wrapped by the error Validate returns for a name that is
// not one of Names().
var ErrUnknownSchema = errors.New("schemas: unknown schema")

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
func Validate(name string, doc []byte) error {
	s, err := lookup(name)
	if err != nil {
		return err
	}
	tree, err := decodeTree(doc)
	if err != nil {
		return notJSON(name, "document is not valid JSON: "+jsonSyntaxError(doc))
	}
	return s.validate(name, tree)
}

// ValidateValue is Validate for an already-decoded Go value (map[string]any,
// []any, a struct, ...). The value is converted with encoding/json first.
func ValidateValue(name string, v any) error {
	s, err := lookup(name)
	if err != nil {
		return err
	}
	doc, err := json.Marshal(v)
	if err != nil {
		return notJSON(name, "value cannot be encoded as JSON: "+err.Error())
	}
	tree, err := decodeTree(doc)
	if err != nil {
		return notJSON(name, "value is not encoded as one JSON document")
	}
	return s.validate(name, tree)
}

// validate judges a document decoded by decodeTree (json.Number numbers); it may change the
// document's numbers (tameNumbers).
func (s *compiledSchema) validate(name string, tree any) error {
	tree = tameNumbers(tree)
	// The raw loader hands the tree to the library as it is: no second encoding and decoding.
	res, err := s.validator.Validate(gojsonschema.NewRawLoader(tree))
	if err != nil {
		return &ValidationError{Schema: name, Problems: []Problem{{Kind: Other, Field: Root, Detail: "the validator could not read the document"}}}
	}
	var problems []Problem
	if !res.Valid() {
		problems = libraryProblems(res)
	}
	if s.byteLimits != nil {
		problems = s.byteLimits.check(tree, Root, problems)
	}
	if len(problems) == 0 {
		return nil
	}
	return &ValidationError{Schema: name, Problems: sortProblems(problems)}
}

func notJSON(name, detail string) error {
	return &ValidationError{Schema: name, Problems: []Problem{{Kind: NotJSON, Field: Root, Detail: detail}}}
}

// jsonSyntaxError says, in encoding/json's words, why doc is not one JSON document.
func jsonSyntaxError(doc []byte) string {
	var v any
	dec := json.NewDecoder(bytes.NewReader(doc))
	if err := dec.Decode(&v); err != nil {
		return err.Error()
	}
	return "unexpected data after the top-level value"
}
