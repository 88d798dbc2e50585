package schemas

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"github.com/trtc-conformance/trtc-conformance/internal/jsontree"
)

// gojsonschemaValid is the reference verdict: gojsonschema alone, on the tamed document.
func gojsonschemaValid(t testing.TB, name string, tree any) bool {
	t.Helper()
	s, err := lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Validate(gojsonschema.NewGoLoader(tree))
	if err != nil {
		t.Fatalf("%s: gojsonschema: %v", name, err)
	}
	return res.Valid()
}

// TestFastPathCoversEverySchema: every embedded schema has a fast path. A schema without one is
// still validated correctly (by gojsonschema alone), only slowly: a new keyword in a schema
// should be added to the fast path (fastKeywords, fill, valid) with a case in the tests here.
func TestFastPathCoversEverySchema(t *testing.T) {
	for _, name := range Names() {
		if fastFor(name) == nil {
			t.Errorf("%s has no fast path: %s", name, fastWhy[name])
		}
	}
}

// fastCorpus is every sample of fixtures/samples with the schema it belongs to, and variants of
// each: every value replaced in turn by values of every type and edge, every member removed.
func fastCorpus(t testing.TB) map[string][]any {
	t.Helper()
	corpus := map[string][]any{}
	err := fs.WalkDir(os.DirFS(samplesDir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		name, err := sampleSchema(p)
		if err != nil || !Has(name) {
			return nil // README and the like
		}
		raw, err := os.ReadFile(filepath.Join(samplesDir, filepath.FromSlash(p)))
		if err != nil {
			return err
		}
		doc, err := decodeUsingNumber(raw)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		corpus[name] = append(corpus[name], doc)
		corpus[name] = append(corpus[name], variants(doc)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return corpus
}

// replacements are the values every position of a sample is tried with.
var replacements = []any{
	nil, true, false, json.Number("0"), json.Number("-0"), json.Number("-1"), json.Number("1"), json.Number("2"),
	json.Number("1.5"), json.Number("1.0"), json.Number("1e2"), json.Number("1e400"), json.Number("-1e400"),
	json.Number("1e-400"), json.Number("9223372036854775808"), json.Number("1" + strings.Repeat("0", 200) + ".5"),
	"", "x", "0", "1", "OK", "FAIL", "Conference", "FreeToTake", "None", "Admin", strings.Repeat("é", 26),
	strings.Repeat("a", 49), strings.Repeat("\u00e9", 251), strings.Repeat("x", 1001),
	[]any{}, []any{"u1"}, []any{json.Number("1")}, []any{nil}, map[string]any{}, map[string]any{"RoomId": "x"},
}

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
				k := k
				out = append(out, replace(without(x, k)))
				walk(x[k], func(r any) any { return replace(with(x, k, r)) })
			}
		case []any:
			for i := range x {
				i := i
				walk(x[i], func(r any) any { return replace(withIndex(x, i, r)) })
			}
			if len(x) > 0 {
				out = append(out, replace(append(append([]any{}, x...), x...)))
			}
		}
	}
	walk(doc, func(r any) any { return r })
	return out
}

func with(m map[string]any, key string, v any) map[string]any {
	c := make(map[string]any, len(m))
	for k, e := range m {
		c[k] = e
	}
	c[key] = v
	return c
}

func without(m map[string]any, key string) map[string]any {
	c := with(m, key, nil)
	delete(c, key)
	return c
}

func withIndex(s []any, i int, v any) []any {
	c := append([]any{}, s...)
	c[i] = v
	return c
}

// TestFastPathAgrees: on the samples and thousands of variants of them, the fast path gives
// gojsonschema's verdict. The property Validate relies on is one way (the fast path never
// accepts what gojsonschema rejects); equality shows the mirror is exact, so that invalid
// documents are the only ones that pay for gojsonschema.
func TestFastPathAgrees(t *testing.T) {
	corpus := fastCorpus(t)
	if len(corpus) == 0 {
		t.Fatal("no samples")
	}
	stride := 1
	if raceEnabled {
		stride = 7
	}
	checked, accepted := 0, 0
	for name, docs := range corpus {
		fast := fastFor(name)
		if fast == nil {
			continue // reported by TestFastPathCoversEverySchema
		}
		for i, doc := range docs {
			if i%stride != 0 {
				continue
			}
			raw, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			tree, err := decodeUsingNumber(raw)
			if err != nil {
				t.Fatal(err)
			}
			tree, _ = tameNumbers(tree)
			got, want := fast.valid(tree), gojsonschemaValid(t, name, tree)
			if got != want {
				t.Errorf("%s: fast path says valid=%v, gojsonschema %v, for %s", name, got, want, raw)
			}
			if err := Validate(name, raw); (err == nil) != want {
				t.Errorf("%s: Validate says %v, gojsonschema valid=%v, for %s", name, err, want, raw)
			}
			checked++
			if got {
				accepted++
			}
		}
	}
	if accepted == 0 || accepted == checked {
		t.Errorf("%d of %d documents accepted: the corpus does not exercise both verdicts", accepted, checked)
	}
	t.Logf("%d documents, %d valid", checked, accepted)
}

// FuzzFastPath: for any JSON document and any schema, the fast path never accepts what
// gojsonschema rejects, and Validate never panics.
func FuzzFastPath(f *testing.F) {
	names := Names()
	corpus := fastCorpus(f)
	for i, name := range names {
		for j, doc := range corpus[name] {
			if j%40 != 0 {
				continue // a sample of the variants: the fuzzer makes its own
			}
			raw, _ := json.Marshal(doc)
			f.Add(uint16(i), raw)
		}
	}
	f.Add(uint16(0), []byte(`{"ActionStatus":"FAIL","ErrorCode":1e400,"ErrorInfo":"x","RequestId":"r"}`))
	f.Add(uint16(0), []byte(`{"RoomId":1e999999,"RoomInfo":{"MaxMemberCount":0.`+strings.Repeat("1", 300)+`}}`))
	f.Fuzz(func(t *testing.T, index uint16, raw []byte) {
		name := names[int(index)%len(names)]
		verdict := Validate(name, raw)
		if !json.Valid(raw) {
			if verdict == nil {
				t.Fatalf("%s accepted invalid JSON %q", name, raw)
			}
			return
		}
		tree, err := decodeUsingNumber(raw)
		if err != nil {
			t.Fatal(err)
		}
		tree, _ = tameNumbers(tree)
		fast := fastFor(name)
		if fast == nil {
			return
		}
		if fast.valid(tree) && !gojsonschemaValid(t, name, tree) {
			t.Fatalf("%s: the fast path accepts what gojsonschema rejects: %s", name, raw)
		}
		if (verdict == nil) != gojsonschemaValid(t, name, tree) {
			t.Fatalf("%s: Validate says %v for %s", name, verdict, raw)
		}
	})
}

// TestTameNumber: a tamed literal is short, and keeps the sign, the integer-ness and the order
// with every bound of fewer than 40 decimals between 1e-300 and 1e300.
func TestTameNumber(t *testing.T) {
	long := strings.Repeat("7", 5000)
	literals := []string{
		"0", "-0", "1", "-1", "12", "1.5", "1e2", "1E2", "1e+2", "1e-2", "-1.25e-3", "0.5", "10.000",
		"1e300", "1e301", "1e400", "-1e400", "1.5e400", "1e999999", "1e99999999999999999999", "1e-999999",
		"-1e-400", "0e999999", "0.0e-999999", "-0e5", "0." + strings.Repeat("0", 500) + "1",
		long, "-" + long, long + ".5", "0." + long, "1." + long, "1." + long + "e5", "1." + long + "e400",
		long + "e-4990", long + "e-5000", long + "e-5001", "5." + strings.Repeat("0", 2000) + "1",
		"4." + strings.Repeat("9", 3000), "1" + strings.Repeat("0", 299), "1" + strings.Repeat("0", 300),
		"9223372036854775807", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
		"0.000001", "1e-7", "100e-2", "1000e-3", "1.2345e3", "12345e-2",
	}
	bounds := []string{"0", "1", "-1", "0.5", "2", "5", "100", "300", "1e10", "-1e10", "1e299", "-1e299", "1e-299",
		"9223372036854775807", "1.5", "4.9999999999", "5.000000001", "12.34", "12.35"}
	for _, lit := range literals {
		tamed, changed := tameNumber(lit)
		if !changed && tamed != lit {
			t.Errorf("%s: unchanged but rewritten as %s", lit, tamed)
		}
		if len(tamed) > 400 {
			t.Errorf("%.40s…: tamed literal still %d bytes", lit, len(tamed))
		}
		if !json.Valid([]byte(tamed)) {
			t.Errorf("%.40s…: tamed %q is not a JSON number", lit, tamed)
		}
		want, ok := new(big.Rat).SetString(lit)
		if !ok {
			continue // beyond big.Rat (exponent over a million): the bounds below are all it keeps
		}
		got, ok := new(big.Rat).SetString(tamed)
		if !ok {
			t.Fatalf("%.40s…: tamed %q does not parse", lit, tamed)
		}
		if got.Sign() != want.Sign() || got.IsInt() != want.IsInt() {
			t.Errorf("%.40s…: tamed %q: sign %d int %v, want sign %d int %v", lit, tamed, got.Sign(), got.IsInt(), want.Sign(), want.IsInt())
		}
		for _, b := range bounds {
			bound, _ := new(big.Rat).SetString(b)
			if got.Cmp(bound) != want.Cmp(bound) {
				t.Errorf("%.40s…: tamed %q compares %d with %s, the literal %d", lit, tamed, got.Cmp(bound), b, want.Cmp(bound))
			}
		}
	}
	for lit, want := range map[string]string{"1e999999": "1e301", "-1e99999999999999999999": "-1e301", "1e-999999": "1e-301", "0e999999": "0e999999"} {
		if got, _ := tameNumber(lit); got != want {
			t.Errorf("tameNumber(%s) = %s, want %s", lit, got, want)
		}
	}
}

// TestExtremeNumbers: documents with numbers far beyond float64, or beyond what big.Rat parses,
// get a verdict by value, and never a panic (gojsonschema alone dereferences nil on the first).
func TestExtremeNumbers(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		valid     bool
	}{
		{"room_engine_http_srv/get_room_info.response", `{"ActionStatus":"FAIL","ErrorCode":1e400,"ErrorInfo":"x","RequestId":"r"}`, true},
		{"room_engine_http_srv/get_room_info.response", `{"ActionStatus":"OK","ErrorCode":1e400,"ErrorInfo":"","RequestId":"r"}`, false},
		{"room_engine_http_srv/get_room_info.response", `{"ActionStatus":"FAIL","ErrorCode":1e99999999,"ErrorInfo":"x","RequestId":"r"}`, true},
		{"room_engine_http_srv/get_room_info.response", `{"ActionStatus":"FAIL","ErrorCode":1.5e-99999999,"ErrorInfo":"x","RequestId":"r"}`, false},
		{"room_engine_http_srv/create_room.request", `{"RoomInfo":{"RoomId":"r","RoomType":"Conference","MaxMemberCount":1e999999}}`, true},
		{"room_engine_http_srv/create_room.request", `{"RoomInfo":{"RoomId":"r","RoomType":"Conference","MaxMemberCount":-1e999999}}`, false},
		{"room_engine_http_srv/create_room.request", `{"RoomInfo":{"RoomId":"r","RoomType":"Conference","MaxMemberCount":1.` + strings.Repeat("0", 100000) + `1}}`, false},
		{"room_engine_http_srv/create_room.request", `{"RoomInfo":{"RoomId":"r","RoomType":"Conference"},"ScheduleInviteeList_Account":[1e999999]}`, false},
		{"room_engine_http_srv/get_room_info.request", `{"RoomId":1e999999}`, false},
	} {
		err := Validate(c.name, []byte(c.doc))
		if (err == nil) != c.valid {
			t.Errorf("%s %.120s: %v, want valid=%v", c.name, c.doc, err, c.valid)
		}
		var ve *ValidationError
		if err != nil && (!errorsAs(err, &ve) || ve.Problems[0].Kind == "validator_failure") {
			t.Errorf("%s %.120s: %v is not a schema verdict", c.name, c.doc, err)
		}
	}
}

func errorsAs(err error, target **ValidationError) bool {
	ve, ok := err.(*ValidationError)
	if ok {
		*target = ve
	}
	return ok
}

// BenchmarkValidateRequest is the emulator's validation of a get_room_info request.
func BenchmarkValidateRequest(b *testing.B) {
	doc := []byte(`{"RoomId":"bench-room"}`)
	const name = "room_engine_http_srv/get_room_info.request"
	if err := Validate(name, doc); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate(name, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateGojsonschema is BenchmarkValidateGetRoomInfoResponse through gojsonschema
// alone: the cost the fast path saves.
func BenchmarkValidateGojsonschema(b *testing.B) {
	doc, err := os.ReadFile(filepath.Join(samplesDir, "room_engine_http_srv", "get_room_info.response.json"))
	if err != nil {
		b.Fatal(err)
	}
	const name = "room_engine_http_srv/get_room_info.response"
	s, err := lookup(name)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := run(name, s, gojsonschema.NewBytesLoader(doc)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecodeValidOnTheSamples: the fast decoder Validate uses gives encoding/json's tree for
// every sample and variant (internal/jsontree tests it on crafted documents and by fuzzing).
func TestDecodeValidOnTheSamples(t *testing.T) {
	for _, list := range fastCorpus(t) {
		for i, doc := range list {
			if i%10 != 0 {
				continue
			}
			raw, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			want, err := decodeUsingNumber(raw)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := jsontree.Decode(raw); err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("jsontree.Decode(%s) = %#v, %v; want %#v", raw, got, err, want)
			}
		}
	}
}
