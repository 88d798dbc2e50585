package jsontree

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// cases are documents with escapes, invalid UTF-8, surrogates, repeated keys, nesting, every
// literal and whitespace everywhere it may be.
var cases = []string{
	`{}`, `[]`, `""`, `0`, `-1.5e+3`, `true`, `false`, `null`, " {\"a\" : [ 1 , 2 ] , \"b\" : { } }\t\r\n",
	`{"a":1,"a":{"b":2},"a":[3]}`, `{"a":{"x":1},"a":{"y":2}}`, `"\u00e9\n\t\"\\\/\b\f\r"`, `"\ud83d\ude00"`, `"\ud83d"`,
	"\"\xff\xfe\"", "\"caf\xc3\xa9\"", "\"\xe2\x80\xa8\"", `[[[[[]]]]]`, `[{"":null}]`, `{"\u0041":"\u0042"}`,
	`[1e400,-0,0.0,1E-5,12345678901234567890123]`, "{\"k\xff\":1}", `[ ]`, `{ }`, `[null,true,false,"",{},[]]`,
	`{"RoomId":"room-test","RoomInfo":{"MaxMemberCount":300,"IsSeatEnabled":true}}`,
	strings.Repeat("[", 500) + strings.Repeat("]", 500),
}

func decodeUsingNumber(t *testing.T, doc []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%q: %v", doc, err)
	}
	return v
}

func check(t *testing.T, doc []byte) {
	t.Helper()
	if !json.Valid(doc) {
		t.Fatalf("test document %q is not valid JSON", doc)
	}
	got, err := Decode(doc)
	if err != nil {
		t.Fatalf("Decode(%q): %v", doc, err)
	}
	if want := decodeUsingNumber(t, doc); !reflect.DeepEqual(got, want) {
		t.Fatalf("Decode(%q) = %#v, want %#v", doc, got, want)
	}
}

func TestDecodeMatchesEncodingJSON(t *testing.T) {
	for _, c := range cases {
		check(t, []byte(c))
	}
}

func TestDecodeRefusesInvalidDocuments(t *testing.T) {
	for _, doc := range []string{``, ` `, `{`, `[1,]`, `{"a":1}{}`, `{"a":1} x`, `tru`, `"\x"`, `01`, strings.Repeat("[", 10001) + strings.Repeat("]", 10001)} {
		if v, err := Decode([]byte(doc)); !errors.Is(err, ErrInvalid) || v != nil {
			t.Errorf("Decode(%.40q) = %v, %v; want ErrInvalid", doc, v, err)
		}
	}
}

// FuzzDecode: Decode decodes every document as encoding/json does, and refuses exactly those
// json.Valid rejects.
func FuzzDecode(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		if json.Valid(doc) {
			check(t, doc)
		} else if _, err := Decode(doc); !errors.Is(err, ErrInvalid) {
			t.Fatalf("Decode(%q): %v, want ErrInvalid", doc, err)
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	doc := []byte(`{"RoomId":"bench-room"}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(doc); err != nil {
			b.Fatal(err)
		}
	}
}
