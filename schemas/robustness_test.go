package schemas

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// Validate has no recover: no document may make it panic. These tests throw thousands of
// variants of the samples, and the fuzzer's inputs, at every schema and check that each answer
// is a verdict in this package's terms.

// replacements are the values every position of a sample is tried with.
var replacements = []any{
	nil, true, false, json.Number("0"), json.Number("-0"), json.Number("-1"), json.Number("1"), json.Number("2"),
	json.Number("1.5"), json.Number("1.0"), json.Number("1e2"), json.Number("1e400"), json.Number("-1e400"),
	json.Number("1e-400"), json.Number("9223372036854775808"), json.Number("1" + strings.Repeat("0", 200) + ".5"),
	"", "x", "0", "1", "OK", "FAIL", "Conference", "FreeToTake", "None", "Admin", strings.Repeat("é", 26),
	strings.Repeat("a", 49), strings.Repeat("\u00e9", 251), strings.Repeat("x", 1001),
	[]any{}, []any{"u1"}, []any{json.Number("1")}, []any{nil}, map[string]any{}, map[string]any{"RoomId": "x"},
}

// variants returns doc with each value replaced in turn by each replacement, each member
// removed, and each array doubled.
func variants(doc any) []any {
	var out []any
	var walk func(v any, replace func(any) any)
	walk = func(v any, replace func(any) any) {
		for _, r := range replacements {
			out = append(out, replace(r))
		}
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				out = append(out, replace(withMember(x, k, nil, false)))
				walk(x[k], func(r any) any { return replace(withMember(x, k, r, true)) })
			}
		case []any:
			for i := range x {
				walk(x[i], func(r any) any {
					c := slices.Clone(x)
					c[i] = r
					return replace(c)
				})
			}
			if len(x) > 0 {
				out = append(out, replace(append(slices.Clone(x), x...)))
			}
		}
	}
	walk(doc, func(r any) any { return r })
	return out
}

// withMember copies m with key set to v (present) or removed.
func withMember(m map[string]any, key string, v any, present bool) map[string]any {
	c := make(map[string]any, len(m))
	for k, e := range m {
		c[k] = e
	}
	if present {
		c[key] = v
	} else {
		delete(c, key)
	}
	return c
}

// checkVerdict fails unless err is nil or a *ValidationError whose problems are well formed.
func checkVerdict(t testing.TB, name string, doc []byte, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var invalid *ValidationError
	if !errors.As(err, &invalid) || len(invalid.Problems) == 0 {
		t.Fatalf("%s: %.200s: %T %v is not a verdict", name, doc, err, err)
	}
	for _, p := range invalid.Problems {
		if !slices.Contains(Kinds, p.Kind) || p.Field == "" || p.Detail == "" || (p.Kind == WrongType) != (p.WantType != "") {
			t.Fatalf("%s: %.200s: malformed problem %+v", name, doc, p)
		}
	}
}

// withoutNegativeZero replaces every -0 literal of a decoded document by 0.
func withoutNegativeZero(v any) any {
	switch x := v.(type) {
	case json.Number:
		if x == "-0" {
			return json.Number("0")
		}
	case map[string]any:
		c := make(map[string]any, len(x))
		for k, e := range x {
			c[k] = withoutNegativeZero(e)
		}
		return c
	case []any:
		c := make([]any, len(x))
		for i, e := range x {
			c[i] = withoutNegativeZero(e)
		}
		return c
	}
	return v
}

// TestVariantsGetVerdicts: every variant of every sample gets a verdict; a variant holding -0
// gets exactly the verdict of the same document with 0; the corpus exercises both verdicts.
func TestVariantsGetVerdicts(t *testing.T) {
	stride := 1
	if raceEnabled {
		stride = 7 // -race makes validation about ten times slower
	}
	checked, valid := 0, 0
	for _, rel := range sampleFiles(t) {
		name, err := sampleSchema(rel)
		if err != nil {
			t.Fatal(err)
		}
		sample, err := decodeTree(readSample(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		for i, doc := range variants(sample) {
			if i%stride != 0 {
				continue
			}
			raw, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			verdict := Validate(name, raw)
			checkVerdict(t, name, raw, verdict)
			if zero := withoutNegativeZero(doc); !reflect.DeepEqual(zero, doc) {
				if other := ValidateValue(name, zero); !reflect.DeepEqual(verdict, other) {
					t.Errorf("%s: -0 and 0 judged differently in %s:\n%v\n%v", name, raw, verdict, other)
				}
			}
			checked++
			if verdict == nil {
				valid++
			}
		}
	}
	if valid == 0 || valid == checked {
		t.Errorf("%d of %d documents valid: the corpus does not exercise both verdicts", valid, checked)
	}
	t.Logf("%d documents, %d valid", checked, valid)
}

// FuzzValidate: any bytes against any schema get a verdict, and bytes that are not JSON get
// NotJSON.
func FuzzValidate(f *testing.F) {
	names := Names()
	for i := range names {
		f.Add(uint16(i), []byte(`{}`))
	}
	for _, rel := range sampleFiles(f) {
		name, _ := sampleSchema(rel)
		f.Add(uint16(slices.Index(names, name)), readSample(f, rel))
	}
	f.Add(uint16(0), []byte(numberBeyondFloat64))
	f.Add(uint16(0), []byte(`{"RoomId":1e999999,"RoomInfo":{"MaxMemberCount":0.`+strings.Repeat("1", 300)+`}}`))
	f.Add(uint16(0), []byte(`{"ActionStatus":"OK","ErrorCode":-0,"ErrorInfo":""}`))
	f.Fuzz(func(t *testing.T, index uint16, raw []byte) {
		name := names[int(index)%len(names)]
		verdict := Validate(name, raw)
		checkVerdict(t, name, raw, verdict)
		if !json.Valid(raw) && !hasProblem(verdict, NotJSON, Root) {
			t.Fatalf("%s: %q is not JSON, got %v", name, raw, verdict)
		}
	})
}
