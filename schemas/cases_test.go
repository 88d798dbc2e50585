package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	jsonpatch "github.com/evanphx/json-patch/v5"
)

// The table tests are data: testdata/cases/*.json, described in testdata/README.md. Each case
// names a schema, a base document, an RFC 6902 patch and the expected verdict; TestCases is
// their one runner.

const casesDir = "testdata/cases"

// dataCase is one case of a testdata/cases file.
type dataCase struct {
	Name   string          `json:"name"`
	Schema string          `json:"schema"`
	Sample string          `json:"sample"` // a file under fixtures/samples
	Doc    json.RawMessage `json:"doc"`    // an inline document
	Text   *string         `json:"text"`   // bytes that need not be JSON
	Patch  json.RawMessage `json:"patch"`  // RFC 6902, applied to the base
	Want   verdict         `json:"want"`
}

// verdict is "valid", or a problem that must be reported (and, with only, no other).
type verdict struct {
	Valid bool
	Kind  Kind   `json:"kind"`
	Field string `json:"field"`
	Only  bool   `json:"only"`
}

func (v *verdict) UnmarshalJSON(b []byte) error {
	var word string
	if json.Unmarshal(b, &word) == nil {
		if word != "valid" {
			return fmt.Errorf(`want %q: the only word is "valid"`, word)
		}
		v.Valid = true
		return nil
	}
	type plain verdict // without this method
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode((*plain)(v)); err != nil {
		return err
	}
	if !slices.Contains(Kinds, v.Kind) || v.Field == "" {
		return fmt.Errorf("want %s: needs a known kind and a field", b)
	}
	return nil
}

// caseFile reads one testdata/cases file; every case must name one base and a known schema.
func caseFile(t testing.TB, path string) []dataCase {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Comment string     `json:"$comment"`
		Cases   []dataCase `json:"cases"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	seen := map[string]bool{}
	for _, c := range file.Cases {
		bases := 0
		for _, given := range []bool{c.Sample != "", c.Doc != nil, c.Text != nil} {
			if given {
				bases++
			}
		}
		switch {
		case bases != 1:
			t.Fatalf("%s: %q: give exactly one of sample, doc and text", path, c.Name)
		case c.Text != nil && c.Patch != nil:
			t.Fatalf("%s: %q: text is not JSON and cannot be patched", path, c.Name)
		case !Has(c.Schema):
			t.Fatalf("%s: %q: no schema %q", path, c.Name, c.Schema)
		case c.Name == "" || seen[c.Name]:
			t.Fatalf("%s: case name %q is empty or repeated", path, c.Name)
		}
		seen[c.Name] = true
	}
	return file.Cases
}

// allCases reads every file of testdata/cases, by file name.
func allCases(t testing.TB) map[string][]dataCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(casesDir, "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no case files in %s (%v)", casesDir, err)
	}
	out := map[string][]dataCase{}
	for _, p := range paths {
		out[strings.TrimSuffix(filepath.Base(p), ".json")] = caseFile(t, p)
	}
	return out
}

// document builds the bytes a case validates: its base with its patch applied.
func (c dataCase) document(t testing.TB) []byte {
	t.Helper()
	var base []byte
	switch {
	case c.Text != nil:
		return []byte(*c.Text)
	case c.Doc != nil:
		base = c.Doc
	default:
		var err error
		if base, err = os.ReadFile(filepath.Join(samplesDir, filepath.FromSlash(c.Sample))); err != nil {
			t.Fatal(err)
		}
	}
	if c.Patch == nil {
		return base
	}
	patch, err := jsonpatch.DecodePatch(c.Patch)
	if err != nil {
		t.Fatalf("patch: %v", err)
	}
	doc, err := patch.Apply(base)
	if err != nil {
		t.Fatalf("patch does not apply: %v", err)
	}
	return doc
}

// check compares Validate's answer with the expected verdict.
func (v verdict) check(t testing.TB, err error) {
	t.Helper()
	if v.Valid {
		if err != nil {
			t.Fatalf("want valid, got:\n%v", err)
		}
		return
	}
	var invalid *ValidationError
	if !errors.As(err, &invalid) {
		t.Fatalf("want %s at %s, got %v", v.Kind, v.Field, err)
	}
	if !invalid.Has(v.Kind, v.Field) || v.Only && len(invalid.Problems) != 1 {
		only := ""
		if v.Only {
			only = " only"
		}
		t.Fatalf("want%s %s at %s, got:\n%v", only, v.Kind, v.Field, err)
	}
}

func TestCases(t *testing.T) {
	for file, cases := range allCases(t) {
		t.Run(file, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.Name, func(t *testing.T) {
					c.Want.check(t, Validate(c.Schema, c.document(t)))
				})
			}
		})
	}
}

// convertedCases is how many checks the Go tables held when they became these files; fewer
// cases means some were lost.
const convertedCases = 1669

// TestCasesCoverEverySchema: every schema has cases, among them at least one it must refuse.
func TestCasesCoverEverySchema(t *testing.T) {
	named, refused, total := map[string]bool{}, map[string]bool{}, 0
	for _, cases := range allCases(t) {
		for _, c := range cases {
			named[c.Schema] = true
			refused[c.Schema] = refused[c.Schema] || !c.Want.Valid
			total++
		}
	}
	for _, n := range Names() {
		switch {
		case !named[n]:
			t.Errorf("no case for %s", n)
		case !refused[n]:
			t.Errorf("no case that %s refuses", n)
		}
	}
	if total < convertedCases {
		t.Errorf("%d cases, fewer than the %d converted from the Go tables", total, convertedCases)
	}
}
