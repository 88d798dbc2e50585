// Package generate derives boundary cases mechanically from the request schemas of package
// schemas: each required field missing, each field with each wrong JSON type, strings at their
// byte limit and one byte past it (ASCII and 3-byte "€"), integers at and past their bounds,
// values outside an enum, arrays at and past maxItems, and an unknown field. Every case
// carries a stable ID and the verdict of the schema validator, which encodes the errata;
// the specs in suites/generated_test.go send them.
package generate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/trtc-conformance/trtc-conformance/schemas"
)

// Field is one property of a request schema, with the keywords that bound it, after $ref and
// allOf are resolved.
type Field struct {
	Path      []string // from the body's root: ["RoomInfo", "RoomName"]
	Required  bool     // required by its parent object
	Types     []string // JSON Schema types; empty: any
	MaxBytes  *int     // x-maxBytes
	MaxLength *int
	Minimum   *int64
	Maximum   *int64
	Enum      []any
	MaxItems  *int
	ItemTypes []string // the types of an array's items
	// Errata are the errata entries (D-nn, E-nn, L-nn) the field's comments name.
	Errata []string
	// Object is set where the field is an object with properties of its own.
	Object bool
}

// PathString joins the path with dots.
func (f Field) PathString() string { return strings.Join(f.Path, ".") }

var errataID = regexp.MustCompile(`\b[DEL]-\d+\b`)

// resolver reads schemas by $id and resolves references.
type resolver struct{ docs map[string]any }

func (r *resolver) doc(id string) (any, error) {
	if d, ok := r.docs[id]; ok {
		return d, nil
	}
	name := strings.TrimSuffix(strings.TrimPrefix(id, schemas.IDBase), ".json")
	if name == "common" || strings.HasSuffix(id, "/common.json") {
		name = "common"
	}
	raw, err := schemas.Source(name)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, fmt.Errorf("generate: %s: %w", name, err)
	}
	r.docs[id] = tree
	return tree, nil
}

// node is a schema object together with the $id of the document it belongs to.
type node struct {
	m   map[string]any
	doc string
}

// flatten merges a schema with its $ref and allOf parts into one keyword map.
func (r *resolver) flatten(n node) (node, error) {
	out := map[string]any{}
	var errata []string
	var walk func(n node) error
	walk = func(n node) error {
		for _, key := range []string{"$comment", "description"} {
			if s, ok := n.m[key].(string); ok {
				errata = append(errata, errataID.FindAllString(s, -1)...)
			}
		}
		if ref, ok := n.m["$ref"].(string); ok {
			target, err := r.ref(n.doc, ref)
			if err != nil {
				return err
			}
			if err := walk(target); err != nil {
				return err
			}
		}
		if all, ok := n.m["allOf"].([]any); ok {
			for _, part := range all {
				if m, ok := part.(map[string]any); ok {
					if err := walk(node{m, n.doc}); err != nil {
						return err
					}
				}
			}
		}
		for k, v := range n.m {
			switch k {
			case "$ref", "allOf", "$comment", "description", "title", "$id", "$schema", "definitions":
			case "properties":
				props, _ := out[k].(map[string]any)
				if props == nil {
					props = map[string]any{}
				}
				for name, sub := range v.(map[string]any) {
					if m, ok := sub.(map[string]any); ok {
						props[name] = node{m, n.doc}
					}
				}
				out[k] = props
			case "required":
				have, _ := out[k].([]any)
				out[k] = append(have, v.([]any)...)
			case "items":
				if m, ok := v.(map[string]any); ok {
					out[k] = node{m, n.doc}
				}
			default:
				out[k] = v
			}
		}
		return nil
	}
	if err := walk(n); err != nil {
		return node{}, err
	}
	slices.Sort(errata)
	out["x-errata"] = slices.Compact(errata)
	return node{out, n.doc}, nil
}

func (r *resolver) ref(docID, ref string) (node, error) {
	target, pointer, _ := strings.Cut(ref, "#")
	if target == "" {
		target = docID
	}
	tree, err := r.doc(target)
	if err != nil {
		return node{}, err
	}
	cur := tree
	for _, part := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		if part == "" {
			continue
		}
		m, ok := cur.(map[string]any)
		if !ok {
			return node{}, fmt.Errorf("generate: $ref %q does not resolve", ref)
		}
		cur = m[part]
	}
	m, ok := cur.(map[string]any)
	if !ok {
		return node{}, fmt.Errorf("generate: $ref %q does not resolve to a schema", ref)
	}
	return node{m, target}, nil
}

// Fields lists every property of a request schema ("room_engine_http_srv/update_room_info"),
// depth first, properties in name order.
func Fields(command string) ([]Field, error) {
	r := &resolver{docs: map[string]any{}}
	id := schemas.IDBase + command + ".request.json"
	tree, err := r.doc(id)
	if err != nil {
		return nil, err
	}
	root, ok := tree.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("generate: %s is not a schema object", command)
	}
	var out []Field
	var walk func(n node, path []string) error
	walk = func(flat node, path []string) error {
		props, _ := flat.m["properties"].(map[string]any)
		required := map[string]bool{}
		if req, ok := flat.m["required"].([]any); ok {
			for _, name := range req {
				required[fmt.Sprint(name)] = true
			}
		}
		names := make([]string, 0, len(props))
		for name := range props {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			sub, err := r.flatten(props[name].(node))
			if err != nil {
				return err
			}
			f := Field{Path: append(slices.Clone(path), name), Required: required[name]}
			describe(&f, sub.m)
			if items, ok := sub.m["items"].(node); ok {
				it, err := r.flatten(items)
				if err != nil {
					return err
				}
				f.ItemTypes = types(it.m)
			}
			_, f.Object = sub.m["properties"]
			out = append(out, f)
			if f.Object {
				if err := walk(sub, f.Path); err != nil {
					return err
				}
			}
		}
		return nil
	}
	flat, err := r.flatten(node{root, id})
	if err != nil {
		return nil, err
	}
	return out, walk(flat, nil)
}

func types(m map[string]any) []string {
	switch t := m["type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return nil
}

func describe(f *Field, m map[string]any) {
	f.Types = types(m)
	f.MaxBytes, f.MaxLength, f.MaxItems = intKeyword(m, "x-maxBytes"), intKeyword(m, "maxLength"), intKeyword(m, "maxItems")
	if v := intKeyword(m, "minimum"); v != nil {
		f.Minimum = ptr(int64(*v))
	}
	if v := intKeyword(m, "maximum"); v != nil {
		f.Maximum = ptr(int64(*v))
	}
	if e, ok := m["enum"].([]any); ok {
		f.Enum = e
	}
	f.Errata, _ = m["x-errata"].([]string)
}

func intKeyword(m map[string]any, key string) *int {
	n, ok := m[key].(json.Number)
	if !ok {
		return nil
	}
	v, err := n.Int64()
	if err != nil {
		return nil
	}
	return ptr(int(v))
}

func ptr[T any](v T) *T { return &v }
