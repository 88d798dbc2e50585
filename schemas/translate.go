package schemas

import (
	"fmt"
	"strings"

	"github.com/xeipuuv/gojsonschema"
)

// This file turns gojsonschema's results into Problems. It reads only the machine-readable
// parts of a result error (Type, Field, Details), never its English Description.

// libraryKinds maps gojsonschema's ResultError.Type() to a Kind; a type missing here is Other.
var libraryKinds = map[string]Kind{
	"required":        Missing,
	"invalid_type":    WrongType,
	"string_gte":      TooShort,
	"string_lte":      TooLong,
	"number_gte":      OutOfRange,
	"number_gt":       OutOfRange,
	"number_lte":      OutOfRange,
	"number_lt":       OutOfRange,
	"enum":            NotInEnum,
	"const":           NotInEnum, // const is an enum of one value
	"pattern":         Pattern,
	"array_min_items": TooFewItems,
	"array_max_items": TooManyItems,
	"number_any_of":   NoAlternative,
	"number_one_of":   NoAlternative,
}

// otherKeywords names the schema keyword behind each type reported as Other.
var otherKeywords = map[string]string{
	"false":                           "false schema",
	"number_not":                      "not",
	"number_all_of":                   "allOf",
	"condition_then":                  "then",
	"condition_else":                  "else",
	"missing_dependency":              "dependencies",
	"unique":                          "uniqueItems",
	"contains":                        "contains",
	"array_no_additional_items":       "additionalItems",
	"array_min_properties":            "minProperties",
	"array_max_properties":            "maxProperties",
	"additional_property_not_allowed": "additionalProperties",
	"invalid_property_pattern":        "patternProperties",
	"invalid_property_name":           "propertyNames",
	"format":                          "format",
	"multiple_of":                     "multipleOf",
	"internal":                        "the validator's own checks",
}

// wrapperTypes are reported in addition to the errors of the sub-schema that failed and say
// nothing of their own; they are kept only when nothing else explains the failure.
var wrapperTypes = map[string]bool{"number_all_of": true, "condition_then": true, "condition_else": true}

// libraryProblems translates a failed result.
func libraryProblems(res *gojsonschema.Result) []Problem {
	var leaves, wrappers []Problem
	for _, re := range res.Errors() {
		p := translate(re)
		if wrapperTypes[re.Type()] {
			wrappers = append(wrappers, p)
		} else {
			leaves = append(leaves, p)
		}
	}
	if len(leaves) == 0 {
		return wrappers
	}
	return leaves
}

func translate(re gojsonschema.ResultError) Problem {
	details := re.Details()
	kind, known := libraryKinds[re.Type()]
	if !known {
		kind = Other
	}
	p := Problem{Kind: kind, Field: re.Field()}
	switch re.Type() {
	case "required":
		if property, ok := details["property"].(string); ok {
			p.Field = join(p.Field, property)
		}
		p.Detail = "is required"
	case "invalid_type":
		p.WantType = typeNames(details["expected"])
		p.Detail = fmt.Sprintf("want %s, got %v", strings.ReplaceAll(p.WantType, "|", " or "), details["given"])
	case "string_gte":
		p.Detail = fmt.Sprintf("fewer characters than the minimum %v", details["min"])
	case "string_lte":
		p.Detail = fmt.Sprintf("more characters than the maximum %v", details["max"])
	case "number_gte":
		p.Detail = fmt.Sprintf("below the minimum %v", details["min"])
	case "number_gt":
		p.Detail = fmt.Sprintf("must be above %v", details["min"])
	case "number_lte":
		p.Detail = fmt.Sprintf("above the maximum %v", details["max"])
	case "number_lt":
		p.Detail = fmt.Sprintf("must be below %v", details["max"])
	case "enum":
		p.Detail = fmt.Sprintf("not one of %v", details["allowed"])
	case "const":
		p.Detail = fmt.Sprintf("must be %v", details["allowed"])
	case "pattern":
		p.Detail = fmt.Sprintf("does not match %v", details["pattern"])
	case "array_min_items":
		p.Detail = fmt.Sprintf("fewer items than the minimum %v", details["min"])
	case "array_max_items":
		p.Detail = fmt.Sprintf("more items than the maximum %v", details["max"])
	case "number_any_of":
		p.Detail = "matches none of the allowed forms"
	case "number_one_of":
		p.Detail = "must match exactly one of the allowed forms"
	default:
		keyword, ok := otherKeywords[re.Type()]
		if !ok {
			keyword = re.Type()
		}
		p.Detail = "fails " + keyword
	}
	return p
}

// typeNames turns gojsonschema's "expected" detail ("string", or "[integer,string]" for a
// type list) into "string" or "integer|string".
func typeNames(expected any) string {
	s, _ := expected.(string)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	return strings.ReplaceAll(s, ",", "|")
}

// join appends a segment to a Field.
func join(field, segment string) string {
	if field == Root || field == "" {
		return segment
	}
	return field + "." + segment
}
