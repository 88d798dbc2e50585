package schemas

import (
	"slices"
	"testing"

	"github.com/xeipuuv/gojsonschema"
)

// libraryTypes are every ResultError.Type() gojsonschema v1.2.0 reports (its errors.go).
var libraryTypes = []string{
	"false", "required", "invalid_type", "number_any_of", "number_one_of", "number_all_of", "number_not",
	"missing_dependency", "internal", "const", "enum", "array_no_additional_items", "array_min_items",
	"array_max_items", "unique", "contains", "array_min_properties", "array_max_properties",
	"additional_property_not_allowed", "invalid_property_pattern", "invalid_property_name", "string_gte",
	"string_lte", "pattern", "format", "multiple_of", "number_gte", "number_gt", "number_lte", "number_lt",
	"condition_then", "condition_else",
}

// fakeError is a ResultError as gojsonschema builds one, without its English description.
func fakeError(typ string, details gojsonschema.ErrorDetails, path ...string) gojsonschema.ResultError {
	re := &gojsonschema.ResultErrorFields{}
	re.SetType(typ)
	context := gojsonschema.NewJsonContext(Root, nil)
	for _, segment := range path {
		context = gojsonschema.NewJsonContext(segment, context)
	}
	re.SetContext(context)
	re.SetDetails(details)
	return re
}

func TestEveryLibraryTypeTranslates(t *testing.T) {
	for _, typ := range libraryTypes {
		_, mapped := libraryKinds[typ]
		_, named := otherKeywords[typ]
		if mapped == named {
			t.Errorf("%s: must be either a Kind of its own (libraryKinds) or Other with a keyword (otherKeywords)", typ)
		}
		p := translate(fakeError(typ, gojsonschema.ErrorDetails{"min": 1, "max": 2, "allowed": `"a"`, "pattern": "^x", "expected": "string", "given": "null", "property": "p"}, "a"))
		if !slices.Contains(Kinds, p.Kind) || p.Detail == "" || p.Field == "" {
			t.Errorf("%s: %+v", typ, p)
		}
	}
	for typ := range libraryKinds {
		if !slices.Contains(libraryTypes, typ) {
			t.Errorf("libraryKinds maps %q, which the library does not report", typ)
		}
	}
}

func TestTranslate(t *testing.T) {
	for _, c := range []struct {
		err  gojsonschema.ResultError
		want Problem
	}{
		{fakeError("required", gojsonschema.ErrorDetails{"property": "RoomId"}),
			Problem{Kind: Missing, Field: "RoomId", Detail: "is required"}},
		{fakeError("required", gojsonschema.ErrorDetails{"property": "RoomId"}, "RoomInfo"),
			Problem{Kind: Missing, Field: "RoomInfo.RoomId", Detail: "is required"}},
		{fakeError("invalid_type", gojsonschema.ErrorDetails{"expected": "string", "given": "integer"}, "List", "3"),
			Problem{Kind: WrongType, Field: "List.3", WantType: "string", Detail: "want string, got integer"}},
		{fakeError("invalid_type", gojsonschema.ErrorDetails{"expected": "[string,integer]", "given": "null"}, "Owner"),
			Problem{Kind: WrongType, Field: "Owner", WantType: "string|integer", Detail: "want string or integer, got null"}},
		{fakeError("number_any_of", gojsonschema.ErrorDetails{}),
			Problem{Kind: NoAlternative, Field: Root, Detail: "matches none of the allowed forms"}},
		{fakeError("unique", gojsonschema.ErrorDetails{"i": 0, "j": 1}, "a"),
			Problem{Kind: Other, Field: "a", Detail: "fails uniqueItems"}},
	} {
		if got := translate(c.err); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.err.Type(), got, c.want)
		}
	}
}

// TestWrappersGiveWayToCauses: if/then/else and allOf report a problem of their own next to the
// one that caused it; only the cause is kept.
func TestWrappersGiveWayToCauses(t *testing.T) {
	err := Validate("room_engine_http_srv/get_room_info.response", []byte(`{"ActionStatus":"FAIL","ErrorCode":0,"ErrorInfo":"","RequestId":"r"}`))
	if !hasProblem(err, NotInEnum, "ActionStatus") {
		t.Fatalf("got %v", err)
	}
	for _, p := range err.(*ValidationError).Problems {
		if p.Kind == Other {
			t.Errorf("wrapper problem %+v reported next to its cause", p)
		}
	}
}
