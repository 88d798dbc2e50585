package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// errNotOneDocument is returned by decodeTree for text that is not exactly one JSON value.
var errNotOneDocument = errors.New("schemas: not exactly one JSON document")

// decodeTree decodes doc into the generic tree the validator reads: map[string]any, []any,
// string, bool, nil, and json.Number for numbers, so that a literal keeps its exact text until
// number taming judges it (a float64 would round 2^53+1 and overflow 1e400). Of repeated keys
// the last wins, as in encoding/json; the emulator refuses them before they get here.
func decodeTree(doc []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errNotOneDocument
	}
	return tree, nil
}
