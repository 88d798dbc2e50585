package schemas

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
)

const testID = "https://example.test/s.json"

// planOf plans a schema given as JSON, with a second document "other.json" to refer to.
func planOf(t *testing.T, schema string) (*byteLimits, error) {
	t.Helper()
	docs := map[string]any{}
	for id, text := range map[string]string{
		testID:                            schema,
		"https://example.test/other.json": `{"definitions":{"short":{"type":"string","x-maxBytes":3},"loop":{"properties":{"next":{"$ref":"#/definitions/loop"}}}}}`,
	} {
		tree, err := decodeTree([]byte(text))
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		docs[id] = tree
	}
	return planByteLimits(docs, testID)
}

// limitsOf lists a plan's limits as "path=N", sorted.
func limitsOf(b *byteLimits, path string, out []string) []string {
	if b == nil {
		return out
	}
	if b.maxBytes >= 0 {
		out = append(out, fmt.Sprintf("%s=%d", path, b.maxBytes))
	}
	for name, sub := range b.properties {
		out = limitsOf(sub, join(path, name), out)
	}
	out = limitsOf(b.items, join(path, "*"), out)
	sort.Strings(out)
	return out
}

func TestPlanByteLimits(t *testing.T) {
	for schema, want := range map[string][]string{
		`{"type":"object"}`: nil,
		`{"x-maxBytes":5}`:  {"(root)=5"},
		`{"properties":{"a":{"x-maxBytes":5},"b":{"type":"string"}}}`:                                  {"a=5"},
		`{"properties":{"a":{"allOf":[{"x-maxBytes":5},{"x-maxBytes":4}]}}}`:                           {"a=4"},
		`{"allOf":[{"properties":{"a":{"x-maxBytes":5}}},{"properties":{"a":{"x-maxBytes":7}}}]}`:      {"a=5"},
		`{"properties":{"list":{"items":{"properties":{"id":{"x-maxBytes":32}}}}}}`:                    {"list.*.id=32"},
		`{"properties":{"a":{"$ref":"other.json#/definitions/short"}}}`:                                {"a=3"},
		`{"properties":{"a":{"$ref":"#/definitions/local"}},"definitions":{"local":{"x-maxBytes":9}}}`: {"a=9"},
		`{"anyOf":[{"required":["a"]},{"required":["b"]}],"properties":{"a":{"x-maxBytes":1}}}`:        {"a=1"},
		`{"if":{"required":["a"]},"then":{"required":["b"]},"properties":{"b":{"x-maxBytes":2}}}`:      {"b=2"},
		`{"anyOf":[{"$ref":"other.json#/definitions/loop"}]}`:                                          nil,
	} {
		plan, err := planOf(t, schema)
		if err != nil {
			t.Errorf("%s: %v", schema, err)
			continue
		}
		if got := limitsOf(plan, Root, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: plan %v, want %v", schema, got, want)
		}
	}
}

func TestPlanByteLimitsRefuses(t *testing.T) {
	for schema, why := range map[string]string{
		`{"anyOf":[{"properties":{"a":{"x-maxBytes":1}}},{"required":["b"]}]}`:   "conditional",
		`{"oneOf":[{"$ref":"other.json#/definitions/short"}]}`:                   "conditional",
		`{"if":{"required":["a"]},"then":{"properties":{"a":{"x-maxBytes":1}}}}`: "conditional",
		`{"not":{"x-maxBytes":1}}`:                                               "conditional",
		`{"patternProperties":{"^x":{"x-maxBytes":1}}}`:                          "conditional",
		`{"dependencies":{"a":{"properties":{"b":{"x-maxBytes":1}}}}}`:           "conditional",
		`{"additionalProperties":{"x-maxBytes":1}}`:                              "conditional",
		`{"items":[{"x-maxBytes":1}]}`:                                           "conditional",
		`{"$ref":"other.json#/definitions/short","x-maxBytes":1}`:                "next to $ref",
		`{"x-maxBytes":-1}`:                       "negative",
		`{"x-maxBytes":1.5}`:                      "not an integer",
		`{"x-maxBytes":"10"}`:                     "not a number",
		`{"$ref":"other.json#/definitions/loop"}`: "recursive",
		`{"$ref":"other.json#/definitions/none"}`: "does not resolve",
		`{"$ref":"missing.json"}`:                 "not an embedded schema",
	} {
		if _, err := planOf(t, schema); err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("%s: got %v, want an error saying %q", schema, err, why)
		}
	}
}

func TestByteLimitsCheck(t *testing.T) {
	plan, err := planOf(t, `{"properties":{"a":{"x-maxBytes":3},"list":{"items":{"x-maxBytes":3}}}}`)
	if err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string][]Problem{
		`{"a":"abc","list":["€","ab"]}`: nil,
		`{"a":"€a","list":[]}`:          {{Kind: TooManyBytes, Field: "a", Detail: "4 bytes, at most 3"}},
		`{"a":5,"list":{"0":"abcd"}}`:   nil, // other types are the type checks' business
		`{"list":["ok","€€"]}`:          {{Kind: TooManyBytes, Field: "list.1", Detail: "6 bytes, at most 3"}},
		`["abcd"]`:                      nil,
	} {
		tree, err := decodeTree([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if got := plan.check(tree, Root, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", doc, got, want)
		}
	}
}

// TestEmbeddedByteLimits: the plans of the embedded schemas hold the limits the vendor states
// for requests, and answers carry none (errata schema decision 5).
func TestEmbeddedByteLimits(t *testing.T) {
	c := compiled()
	if c.err != nil {
		t.Fatal(c.err)
	}
	for name, want := range map[string][]string{
		"room_engine_http_srv/create_room.request":             {"RoomInfo.CustomInfo=500", "RoomInfo.RoomId=48", "RoomInfo.RoomName=100"},
		"room_engine_http_srv/update_room_member_info.request": {"CustomInfo=60", "MemberInfo.CustomInfo=60", "MemberInfo.NameCard=32", "NameCard=32"},
		"im_open_login_svc/multiaccount_import.request":        {"AccountList.*.FaceUrl=500", "AccountList.*.Nick=500", "AccountList.*.UserID=32", "Accounts.*=32"},
		"live_engine_http_srv/set_room_metadata.request":       {"Metadata.*.Key=50"},
		"room_engine_http_srv/get_room_info.request":           nil,
	} {
		if got := limitsOf(c.schemas[name].byteLimits, Root, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: plan %v, want %v", name, got, want)
		}
	}
	for _, name := range Names() {
		if strings.HasSuffix(name, ".response") && c.schemas[name].byteLimits != nil {
			t.Errorf("%s limits bytes: %v", name, limitsOf(c.schemas[name].byteLimits, Root, nil))
		}
	}
}
