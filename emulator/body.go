package emulator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"strconv"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// readBody reads at most MaxBodyBytes and requires one JSON object (the overview: the body
// is JSON and never empty, {} when nothing is needed). The object must be valid I-JSON
// (RFC 7493): UTF-8 text and no name given twice in an object, so that the request schema and
// the command can never read two different documents out of one body.
func readBody(r *http.Request) ([]byte, *answer) {
	body, err := readLimited(r.Body, r.ContentLength, MaxBodyBytes+1)
	switch {
	case err == nil && len(body) > MaxBodyBytes:
		a := fail(catalog.CodeHTTPParse, fmt.Sprintf("request body over %d bytes", MaxBodyBytes))
		return nil, &a
	case errors.Is(err, os.ErrDeadlineExceeded):
		// The body did not arrive within the read timeout (stalled or trickled).
		a := fail(catalog.CodeServiceTimeout, "request body not received within the server's read timeout")
		return nil, &a
	case err != nil:
		a := fail(catalog.CodeHTTPParse, "request body could not be read: "+err.Error())
		return nil, &a
	case len(bytes.TrimSpace(body)) == 0:
		a := fail(catalog.CodeJSONParse, "request body is empty: send {} when nothing is needed")
		return nil, &a
	}
	if trimmed := bytes.TrimLeft(body, " \t\r\n"); trimmed[0] == '{' && jsontext.Value(body).IsValid() {
		return body, nil
	}
	// Decoding again is only needed to explain the refusal.
	var object map[string]jsontext.Value
	reason := "null"
	if err := json.Unmarshal(body, &object); err != nil {
		reason = err.Error()
	}
	a := fail(catalog.CodeJSONParse, "request body is not a valid JSON object: "+reason)
	return nil, &a
}

// readLimited reads at most limit bytes, in one buffer sized from the request's
// Content-Length when it states one (-1 when unknown).
func readLimited(body io.Reader, contentLength, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if contentLength >= 0 {
		buf.Grow(int(min(contentLength, limit)) + bytes.MinRead) // MinRead: room to read EOF
	}
	_, err := buf.ReadFrom(io.LimitReader(body, limit))
	return buf.Bytes(), err
}

// bodyOptions are the rules a request body is decoded by, spelled out although most are
// json/v2's defaults: keys match field names exactly ("roomid" is an unknown key, not RoomId,
// as in the request schemas), unknown keys are ignored whatever they hold, a name repeated in
// an object and invalid UTF-8 are errors, and an integer field takes any number whose value
// is a whole number (1e2, 100.0), as JSON Schema's "integer" does.
var bodyOptions = json.JoinOptions(
	json.MatchCaseInsensitiveNames(false),
	json.RejectUnknownMembers(false),
	jsontext.AllowDuplicateNames(false),
	jsontext.AllowInvalidUTF8(false),
	json.WithUnmarshalers(json.JoinUnmarshalers(
		wholeNumberInto[int](),
		wholeNumberInto[int64](),
	)),
)

// decodeBody decodes a request body into a packet type by bodyOptions.
func decodeBody(body []byte, into any) error {
	return json.Unmarshal(body, into, bodyOptions)
}

// wholeNumberInto decodes a JSON number into an integer type by its value; anything else
// (null, a string, an object) is left to json/v2's own rules.
func wholeNumberInto[T int | int64]() *json.Unmarshalers {
	return json.UnmarshalFromFunc(func(dec *jsontext.Decoder, into *T) error {
		if dec.PeekKind() != '0' {
			return errors.ErrUnsupported // json/v2 decodes it as usual
		}
		literal, err := dec.ReadValue()
		if err != nil {
			return err
		}
		n, err := wholeNumber(literal)
		if err == nil && int64(T(n)) != n {
			err = fmt.Errorf("number %s is out of range", literal)
		}
		if err != nil {
			return err
		}
		*into = T(n)
		return nil
	})
}

// wholeNumber is the int64 a JSON number literal stands for: exact when it is written as an
// integer, otherwise its float64 value, which must be whole and within int64.
func wholeNumber(literal []byte) (int64, error) {
	if n, err := strconv.ParseInt(string(literal), 10, 64); err == nil {
		return n, nil
	}
	f, err := strconv.ParseFloat(string(literal), 64)
	switch {
	case err != nil || f < math.MinInt64 || f >= math.MaxInt64:
		return 0, fmt.Errorf("number %.40s is out of range", literal)
	case f != math.Trunc(f):
		return 0, fmt.Errorf("number %.40s is not a whole number", literal)
	}
	return int64(f), nil
}

// jsonString is the text of a JSON string value, and false for any other value.
func jsonString(raw []byte) (string, bool) {
	if jsontext.Value(raw).Kind() != '"' {
		return "", false
	}
	text, err := jsontext.AppendUnquote(nil, raw)
	return string(text), err == nil
}
