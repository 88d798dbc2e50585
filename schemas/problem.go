package schemas

import (
	"fmt"
	"sort"
	"strings"
)

// Kind names what is wrong with a value, in this project's words. Callers branch on it; they
// never need the validator's messages.
type Kind string

// The kinds of problem Validate reports.
const (
	NotJSON       Kind = "NotJSON"       // the body is not one JSON document
	Missing       Kind = "Missing"       // a required property is absent
	WrongType     Kind = "WrongType"     // the value has another JSON type than the schema allows
	TooShort      Kind = "TooShort"      // a string has fewer characters than minLength
	TooLong       Kind = "TooLong"       // a string has more characters than maxLength
	TooManyBytes  Kind = "TooManyBytes"  // a string has more UTF-8 bytes than x-maxBytes
	OutOfRange    Kind = "OutOfRange"    // a number is below minimum or above maximum
	NotInEnum     Kind = "NotInEnum"     // the value is none of those enum (or const) allows
	Pattern       Kind = "Pattern"       // a string does not match pattern
	TooFewItems   Kind = "TooFewItems"   // an array has fewer items than minItems
	TooManyItems  Kind = "TooManyItems"  // an array has more items than maxItems
	NoAlternative Kind = "NoAlternative" // the value matches none of the forms anyOf/oneOf list
	Other         Kind = "Other"         // any other keyword; Detail names it
)

// Kinds lists every Kind, for callers and tests that enumerate them.
var Kinds = []Kind{NotJSON, Missing, WrongType, TooShort, TooLong, TooManyBytes, OutOfRange, NotInEnum,
	Pattern, TooFewItems, TooManyItems, NoAlternative, Other}

// Root is the Field of a problem with the document as a whole.
const Root = "(root)"

// Problem is one reason a document does not satisfy a schema.
type Problem struct {
	Kind Kind
	// Field is the JSON path of the offending value, with "." between segments and array
	// indices as numbers ("RoomInfo.RoomId", "CheckItem.3.UserID"), or Root. For a missing
	// property it is the path the property would have.
	Field string
	// WantType is set for WrongType: the JSON types the schema allows, joined by "|" when
	// there are several ("string", "integer|string").
	WantType string
	// Detail says what is wrong in a few words of this package's own, e.g. "49 bytes, at
	// most 48"; it is meant for people and may change, so do not parse it.
	Detail string
}

// ValidationError reports why a document does not satisfy a schema.
type ValidationError struct {
	Schema   string
	Problems []Problem // sorted by Field, then Kind, then Detail
}

// Error returns one line per problem, sorted, each starting with the schema name.
func (e *ValidationError) Error() string {
	lines := make([]string, 0, len(e.Problems))
	for _, p := range e.Problems {
		lines = append(lines, fmt.Sprintf("%s: %s: %s (%s)", e.Schema, p.Field, p.Detail, p.Kind))
	}
	if len(lines) == 0 {
		lines = append(lines, e.Schema+": invalid")
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// Has reports whether the error lists a problem of that kind at that field.
func (e *ValidationError) Has(kind Kind, field string) bool {
	for _, p := range e.Problems {
		if p.Kind == kind && p.Field == field {
			return true
		}
	}
	return false
}

// sortProblems orders problems by Field, Kind and Detail and drops repeats (the validator
// reports some twice, e.g. through anyOf).
func sortProblems(problems []Problem) []Problem {
	sort.Slice(problems, func(i, j int) bool {
		a, b := problems[i], problems[j]
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Detail < b.Detail
	})
	unique := problems[:0]
	for i, p := range problems {
		if i == 0 || p != problems[i-1] {
			unique = append(unique, p)
		}
	}
	return unique
}
