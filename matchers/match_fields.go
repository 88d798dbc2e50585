package matchers

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/onsi/gomega/types"
)

// MatchFields succeeds when each named field of a struct equals its expected value, after
// converting numbers of different Go types (an int64 time compared with an int literal).
// Its failure message lists every field that differs, not only the first.
func MatchFields(expected map[string]any) types.GomegaMatcher {
	return &fieldsMatcher{expected: expected}
}

type fieldsMatcher struct {
	expected map[string]any
	diffs    []string
}

func (m *fieldsMatcher) Match(actual any) (bool, error) {
	value := reflect.ValueOf(actual)
	for value.Kind() == reflect.Pointer && !value.IsNil() {
		value = value.Elem()
	}
	if value.Kind() != reflect.Struct {
		return false, fmt.Errorf("MatchFields expects a struct, got %T", actual)
	}
	m.diffs = nil
	names := make([]string, 0, len(m.expected))
	for name := range m.expected {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		field := value.FieldByName(name)
		if !field.IsValid() {
			return false, fmt.Errorf("MatchFields: %s has no field %s", value.Type(), name)
		}
		want := reflect.ValueOf(m.expected[name])
		got := field
		for got.Kind() == reflect.Pointer && !got.IsNil() {
			got = got.Elem()
		}
		if !sameValue(got, want) {
			m.diffs = append(m.diffs, fmt.Sprintf("%s: expected %#v, got %#v", name, m.expected[name], printable(field)))
		}
	}
	return len(m.diffs) == 0, nil
}

func sameValue(got, want reflect.Value) bool {
	if got.Kind() == reflect.Pointer && got.IsNil() {
		return false
	}
	if want.CanConvert(got.Type()) && isNumber(got.Kind()) && isNumber(want.Kind()) {
		return want.Convert(got.Type()).Interface() == got.Interface()
	}
	return reflect.DeepEqual(got.Interface(), want.Interface())
}

func isNumber(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Float64
}

func printable(v reflect.Value) any {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		return v.Elem().Interface()
	}
	return v.Interface()
}

func (m *fieldsMatcher) FailureMessage(actual any) string {
	return fmt.Sprintf("%d field(s) differ from what the spec set:\n  %s", len(m.diffs), strings.Join(m.diffs, "\n  "))
}

func (m *fieldsMatcher) NegatedFailureMessage(actual any) string {
	return "expected at least one field to differ, all matched"
}
