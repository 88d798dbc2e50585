// Package jsontree decodes JSON documents into the generic tree encoding/json builds with
// Decoder.UseNumber (map[string]any, []any, string, bool, nil and json.Number), several times
// faster: it checks the document with json.Valid, after which it only has to find the values,
// and it takes strings without escapes as they are.
package jsontree

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"
)

// ErrInvalid is returned for a document json.Valid rejects; json.Unmarshal explains why.
var ErrInvalid = errors.New("jsontree: not a valid JSON document")

// Decode decodes doc into the tree a json.Decoder with UseNumber returns for it: objects as
// map[string]any (the last of repeated keys wins), arrays as []any (empty ones non-nil),
// numbers as json.Number holding their literal text. Strings with escapes or bytes that are not
// valid UTF-8 are unquoted by encoding/json itself. A document that is not exactly one valid
// JSON value (surrounding whitespace aside) is ErrInvalid.
func Decode(doc []byte) (any, error) {
	if !json.Valid(doc) {
		return nil, ErrInvalid
	}
	d := decoder{doc: doc}
	return d.value(), nil
}

type decoder struct {
	doc []byte
	pos int
}

func (d *decoder) skipSpace() {
	for d.pos < len(d.doc) {
		switch d.doc[d.pos] {
		case ' ', '\t', '\r', '\n':
			d.pos++
		default:
			return
		}
	}
}

func (d *decoder) value() any {
	d.skipSpace()
	switch d.doc[d.pos] {
	case '{':
		d.pos++
		object := map[string]any{}
		d.skipSpace()
		if d.doc[d.pos] == '}' {
			d.pos++
			return object
		}
		for {
			d.skipSpace()
			key := d.string()
			d.skipSpace()
			d.pos++ // ':'
			object[key] = d.value()
			d.skipSpace()
			c := d.doc[d.pos]
			d.pos++
			if c == '}' {
				return object
			}
		}
	case '[':
		d.pos++
		array := []any{}
		d.skipSpace()
		if d.doc[d.pos] == ']' {
			d.pos++
			return array
		}
		for {
			array = append(array, d.value())
			d.skipSpace()
			c := d.doc[d.pos]
			d.pos++
			if c == ']' {
				return array
			}
		}
	case '"':
		return d.string()
	case 't':
		d.pos += 4
		return true
	case 'f':
		d.pos += 5
		return false
	case 'n':
		d.pos += 4
		return nil
	default:
		start := d.pos
		for d.pos < len(d.doc) && strings.IndexByte("+-0123456789.eE", d.doc[d.pos]) >= 0 {
			d.pos++
		}
		return json.Number(d.doc[start:d.pos])
	}
}

// string reads a string token starting at its opening quote.
func (d *decoder) string() string {
	start := d.pos
	d.pos++
	plain := true
	for {
		c := d.doc[d.pos]
		if c == '"' {
			break
		}
		if c == '\\' {
			plain = false
			d.pos += 2
			continue
		}
		if c >= utf8.RuneSelf {
			plain = false
		}
		d.pos++
	}
	d.pos++
	token := d.doc[start:d.pos]
	if plain || utf8.Valid(token) && !bytes.ContainsRune(token, '\\') {
		return string(token[1 : len(token)-1])
	}
	var s string
	_ = json.Unmarshal(token, &s) // a valid string token: cannot fail
	return s
}
