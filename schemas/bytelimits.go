package schemas

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Byte limits. The vendor states string limits in UTF-8 bytes, JSON Schema's maxLength counts
// characters. A limited string therefore carries the keyword
//
//	"x-maxBytes": 48
//
// next to its maxLength. gojsonschema ignores unknown keywords; this file checks them. For each
// schema, planByteLimits follows the keywords that apply to a value unconditionally ($ref,
// allOf, properties, items) from the root and records which paths of a document carry a limit;
// byteLimits.check then walks a decoded document along those paths only.
//
// A limit under a keyword that applies conditionally (anyOf, oneOf, not, if/then/else,
// dependencies, additionalProperties, patternProperties, ...) would need the validator's verdict
// on the branch; the schemas do not need that, so planning refuses it instead of guessing.

// maxBytesKeyword is the custom keyword holding a byte limit.
const maxBytesKeyword = "x-maxBytes"

// byteLimits is the plan for one value of a document: its own limit and its children's.
type byteLimits struct {
	maxBytes   int // -1: none
	properties map[string]*byteLimits
	items      *byteLimits
}

func newByteLimits() *byteLimits { return &byteLimits{maxBytes: -1} }

// check appends a TooManyBytes problem for each string over its limit; values of another
// type than the plan expects are left to the type checks.
func (b *byteLimits) check(v any, field string, problems []Problem) []Problem {
	switch x := v.(type) {
	case string:
		if b.maxBytes >= 0 && len(x) > b.maxBytes {
			problems = append(problems, Problem{Kind: TooManyBytes, Field: field,
				Detail: fmt.Sprintf("%d bytes, at most %d", len(x), b.maxBytes)})
		}
	case map[string]any:
		for name, sub := range b.properties {
			if value, ok := x[name]; ok {
				problems = sub.check(value, join(field, name), problems)
			}
		}
	case []any:
		if b.items != nil {
			for i, item := range x {
				problems = b.items.check(item, join(field, strconv.Itoa(i)), problems)
			}
		}
	}
	return problems
}

// empty reports whether the plan checks nothing.
func (b *byteLimits) empty() bool {
	return b.maxBytes < 0 && len(b.properties) == 0 && b.items == nil
}

// prune drops the parts of a plan that check nothing and reports whether anything is left.
func (b *byteLimits) prune() bool {
	for name, sub := range b.properties {
		if !sub.prune() {
			delete(b.properties, name)
		}
	}
	if b.items != nil && !b.items.prune() {
		b.items = nil
	}
	return !b.empty()
}

// The keywords whose sub-schemas may or may not apply to a value, by the shape of their value;
// the planner only makes sure no byte limit hides under them. ($ref, allOf, properties and the
// object form of items apply unconditionally and are followed; definitions are reached by $ref.)
var (
	conditionalSchema     = []string{"not", "if", "then", "else", "additionalProperties", "additionalItems", "contains", "propertyNames"}
	conditionalSchemaList = []string{"anyOf", "oneOf", "items"} // items: its array form applies by position
	conditionalSchemaMap  = []string{"dependencies", "patternProperties"}
)

// byteLimitPlanner plans one root schema; docs holds every schema document by its $id.
type byteLimitPlanner struct {
	docs    map[string]any
	onStack map[string]bool // $ref targets being followed, to refuse recursive schemas
}

// planByteLimits returns the byte-limit plan of the schema document with that $id, nil when it
// limits nothing.
func planByteLimits(docs map[string]any, id string) (*byteLimits, error) {
	p := &byteLimitPlanner{docs: docs, onStack: map[string]bool{}}
	plan := newByteLimits()
	if err := p.follow(plan, id, ""); err != nil {
		return nil, err
	}
	if !plan.prune() {
		return nil, nil
	}
	return plan, nil
}

// follow plans the schema at a JSON pointer of a document into plan (nil: only look for
// limits, which are then refused).
func (p *byteLimitPlanner) follow(plan *byteLimits, docID, pointer string) error {
	key := docID + "#" + pointer
	if p.onStack[key] {
		if plan == nil {
			return nil
		}
		return fmt.Errorf("%s: recursive $ref: byte limits are planned for finite schemas only", key)
	}
	target, err := p.resolve(docID, pointer)
	if err != nil {
		return err
	}
	p.onStack[key] = true
	defer delete(p.onStack, key)
	return p.schema(plan, target, docID, key)
}

// schema plans one (sub-)schema; where names it in errors.
func (p *byteLimitPlanner) schema(plan *byteLimits, node any, docID, where string) error {
	m, isObject := node.(map[string]any)
	if !isObject {
		return nil // a boolean schema
	}
	if limit, ok := m[maxBytesKeyword]; ok {
		n, err := byteLimitValue(limit)
		switch {
		case err != nil:
			return fmt.Errorf("%s: %s: %w", where, maxBytesKeyword, err)
		case plan == nil:
			return fmt.Errorf("%s: %s under a conditional keyword (anyOf, if, ...) is not supported", where, maxBytesKeyword)
		case m["$ref"] != nil:
			return fmt.Errorf("%s: %s next to $ref would be ignored, as every keyword there", where, maxBytesKeyword)
		}
		if plan.maxBytes < 0 || n < plan.maxBytes {
			plan.maxBytes = n
		}
	}
	if ref, ok := m["$ref"].(string); ok {
		targetID, pointer, err := resolveRef(docID, ref)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		return p.follow(plan, targetID, pointer) // gojsonschema also ignores $ref's siblings
	}
	if all, ok := m["allOf"].([]any); ok {
		for i, sub := range all {
			if err := p.schema(plan, sub, docID, fmt.Sprintf("%s/allOf/%d", where, i)); err != nil {
				return err
			}
		}
	}
	if properties, ok := m["properties"].(map[string]any); ok {
		for name, sub := range properties {
			var child *byteLimits
			if plan != nil {
				if plan.properties == nil {
					plan.properties = map[string]*byteLimits{}
				}
				if child = plan.properties[name]; child == nil {
					child = newByteLimits()
					plan.properties[name] = child
				}
			}
			if err := p.schema(child, sub, docID, where+"/properties/"+name); err != nil {
				return err
			}
		}
	}
	if items, ok := m["items"].(map[string]any); ok {
		var child *byteLimits
		if plan != nil {
			if plan.items == nil {
				plan.items = newByteLimits()
			}
			child = plan.items
		}
		if err := p.schema(child, items, docID, where+"/items"); err != nil {
			return err
		}
	}
	for _, keyword := range conditionalSchema {
		if err := p.schema(nil, m[keyword], docID, where+"/"+keyword); err != nil {
			return err
		}
	}
	for _, keyword := range conditionalSchemaList {
		list, _ := m[keyword].([]any)
		for i, sub := range list {
			if err := p.schema(nil, sub, docID, fmt.Sprintf("%s/%s/%d", where, keyword, i)); err != nil {
				return err
			}
		}
	}
	for _, keyword := range conditionalSchemaMap {
		named, _ := m[keyword].(map[string]any)
		for name, sub := range named { // a dependency may also be a list of names: not a schema
			if err := p.schema(nil, sub, docID, where+"/"+keyword+"/"+name); err != nil {
				return err
			}
		}
	}
	return nil
}

// resolve finds the node at a JSON pointer ("" or "/a/b") of an embedded document.
func (p *byteLimitPlanner) resolve(docID, pointer string) (any, error) {
	node, ok := p.docs[docID]
	if !ok {
		return nil, fmt.Errorf("$ref to %q, not an embedded schema", docID)
	}
	if pointer == "" {
		return node, nil
	}
	if !strings.HasPrefix(pointer, "/") {
		return nil, fmt.Errorf("$ref pointer %q is not a JSON pointer", pointer)
	}
	for _, token := range strings.Split(pointer[1:], "/") {
		token = strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
		object, isObject := node.(map[string]any)
		if !isObject {
			return nil, fmt.Errorf("$ref pointer %q of %s does not resolve", pointer, docID)
		}
		if node, ok = object[token]; !ok {
			return nil, fmt.Errorf("$ref pointer %q of %s does not resolve", pointer, docID)
		}
	}
	return node, nil
}

// resolveRef splits a $ref into the absolute $id of its document and its JSON pointer.
func resolveRef(docID, ref string) (targetID, pointer string, err error) {
	target, fragment, _ := strings.Cut(ref, "#")
	if target == "" {
		return docID, fragment, nil
	}
	base, err := url.Parse(docID)
	if err != nil {
		return "", "", fmt.Errorf("$id %q: %w", docID, err)
	}
	relative, err := url.Parse(target)
	if err != nil {
		return "", "", fmt.Errorf("$ref %q: %w", ref, err)
	}
	return base.ResolveReference(relative).String(), fragment, nil
}

// byteLimitValue reads the keyword's value (decoded with json.Number): a non-negative integer.
func byteLimitValue(v any) (int, error) {
	literal, isNumber := v.(json.Number)
	if !isNumber {
		return 0, fmt.Errorf("%v is not a number", v)
	}
	n, err := strconv.Atoi(string(literal))
	switch {
	case err != nil:
		return 0, fmt.Errorf("%s is not an integer", literal)
	case n < 0:
		return 0, fmt.Errorf("%d is negative", n)
	}
	return n, nil
}
