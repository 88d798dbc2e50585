package usersig

// Verifying: the server side, which the vendor libraries lack.

import (
	"bytes"
	"compress/zlib"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// VerifyOptions tunes Verify. With ExpectUserBuf false (the REST API's plain
// UserSig) a ticket that carries a user buffer is rejected; with it true
// (PrivateMapKey style) a ticket without one is rejected.
// (vendor: https://trtc.io/document/35166 UserSig)
type VerifyOptions struct {
	ExpectUserBuf bool
}

// Decode reverses the encoding (base64 variant, zlib, JSON) without checking
// the HMAC, the sdkappid, the identifier or the expiry.
//
// It is strict: the input must consist only of the variant alphabet
// (letters, digits, '*', '-') with '_' padding to a multiple of four; the
// zlib stream must be complete, checksum-correct and not followed by other
// bytes; the document must be one valid-UTF-8 JSON object with no duplicate
// keys, in which TLS.ver is the string "2.0", TLS.identifier and TLS.sig are
// strings, TLS.sdkappid, TLS.time and TLS.expire are non-negative JSON
// integers (no fraction, no exponent) that fit their Go types, and
// TLS.userbuf, when present, is a string in canonical padded standard
// base64. Unknown keys are ignored. Every error wraps ErrUndecodable; Decode
// never panics.
// (vendor: https://trtc.io/document/35166 UserSig)
func Decode(userSig string) (*Ticket, error) {
	if userSig == "" {
		return nil, fmt.Errorf("usersig: empty usersig: %w", ErrUndecodable)
	}
	for i := 0; i < len(userSig); i++ {
		c := userSig[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '*' || c == '-' || c == '_') {
			return nil, fmt.Errorf("usersig: byte %d (%q) is outside the base64 variant alphabet: %w", i, c, ErrUndecodable)
		}
	}
	compressed, err := base64.StdEncoding.Strict().DecodeString(fromVariantReplacer.Replace(userSig))
	if err != nil {
		return nil, fmt.Errorf("usersig: base64 variant: %v: %w", err, ErrUndecodable)
	}
	doc, err := inflate(compressed)
	if err != nil {
		return nil, fmt.Errorf("usersig: zlib: %v: %w", err, ErrUndecodable)
	}
	t, err := parseDoc(doc)
	if err != nil {
		return nil, fmt.Errorf("usersig: document: %v: %w", err, ErrUndecodable)
	}
	return t, nil
}

func inflate(compressed []byte) ([]byte, error) {
	br := bytes.NewReader(compressed)
	var zr io.ReadCloser
	if r, ok := zlibReaders.Get().(io.ReadCloser); ok {
		if err := r.(zlib.Resetter).Reset(br, nil); err != nil {
			zlibReaders.Put(r) // Reset starts afresh on the next use
			return nil, err
		}
		zr = r
	} else {
		r, err := zlib.NewReader(br)
		if err != nil {
			return nil, err
		}
		zr = r
	}
	defer zlibReaders.Put(zr)
	// bytes.Reader is an io.ByteReader, so the inflater reads no further
	// than the end of the zlib stream and br.Len() counts trailing bytes.
	doc, err := io.ReadAll(io.LimitReader(zr, maxInflated+1))
	if err != nil {
		return nil, err
	}
	if len(doc) > maxInflated {
		return nil, fmt.Errorf("document larger than %d bytes", maxInflated)
	}
	if br.Len() != 0 {
		return nil, fmt.Errorf("%d bytes after the end of the zlib stream", br.Len())
	}
	return doc, nil
}

func parseDoc(doc []byte) (*Ticket, error) {
	if !utf8.Valid(doc) {
		return nil, errors.New("not valid UTF-8")
	}
	fields, err := topLevelFields(doc)
	if err != nil {
		return nil, err
	}
	t := &Ticket{}
	if t.Version, err = stringField(fields, keyVer); err != nil {
		return nil, err
	}
	if t.Version != version {
		return nil, fmt.Errorf("%s is %q, want %q", keyVer, t.Version, version)
	}
	if t.Identifier, err = stringField(fields, keyIdentifier); err != nil {
		return nil, err
	}
	if t.SDKAppID, err = uintField(fields, keySDKAppID, math.MaxUint64); err != nil {
		return nil, err
	}
	var u uint64
	if u, err = uintField(fields, keyTime, math.MaxInt64); err != nil {
		return nil, err
	}
	t.Time = int64(u)
	if u, err = uintField(fields, keyExpire, math.MaxInt64); err != nil {
		return nil, err
	}
	t.Expire = int64(u)
	if _, ok := fields[keyUserBuf]; ok {
		s, err := stringField(fields, keyUserBuf)
		if err != nil {
			return nil, err
		}
		buf, err := base64.StdEncoding.Strict().DecodeString(s)
		if err != nil || base64.StdEncoding.EncodeToString(buf) != s {
			return nil, fmt.Errorf("%s is not canonical standard base64", keyUserBuf)
		}
		t.UserBuf, t.HasUserBuf = buf, true
	}
	if t.Sig, err = stringField(fields, keySig); err != nil {
		return nil, err
	}
	return t, nil
}

// topLevelFields splits one JSON object into its members, rejecting
// duplicate keys and anything after the object.
func topLevelFields(doc []byte) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("not JSON: %v", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not a JSON object")
	}
	fields := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("not JSON: %v", err)
		}
		k, ok := tok.(string)
		if !ok {
			return nil, errors.New("not JSON: object key is not a string")
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("not JSON: %v", err)
		}
		if _, dup := fields[k]; dup {
			return nil, fmt.Errorf("duplicate key %q", k)
		}
		fields[k] = v
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, fmt.Errorf("not JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON object")
	}
	return fields, nil
}

func stringField(fields map[string]json.RawMessage, key string) (string, error) {
	raw, ok := fields[key]
	if !ok {
		return "", fmt.Errorf("missing %s", key)
	}
	if len(raw) == 0 || raw[0] != '"' {
		return "", fmt.Errorf("%s is not a string", key)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("%s: %v", key, err)
	}
	return s, nil
}

// uintField reads a non-negative JSON integer literal (digits only) no
// larger than maxVal.
func uintField(fields map[string]json.RawMessage, key string, maxVal uint64) (uint64, error) {
	raw, ok := fields[key]
	if !ok {
		return 0, fmt.Errorf("missing %s", key)
	}
	if len(raw) == 0 {
		return 0, fmt.Errorf("%s is empty", key)
	}
	for _, c := range raw {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%s is not a non-negative JSON integer: %.40s", key, raw)
		}
	}
	if len(raw) > 1 && raw[0] == '0' { // the decoder already rejects this; be sure
		return 0, fmt.Errorf("%s has a leading zero", key)
	}
	v, err := strconv.ParseUint(string(raw), 10, 64)
	if err != nil || v > maxVal {
		return 0, fmt.Errorf("%s is out of range: %.40s", key, raw)
	}
	return v, nil
}

// Verify decodes userSig and checks it as a server must, returning the
// decoded ticket when it is valid at now.
//
// The checks run in this order and the first failure is returned:
//  1. decode (Decode; ErrUndecodable);
//  2. TLS.sdkappid equals sdkAppID, which must not be 0 (ErrSDKAppIDMismatch);
//  3. TLS.identifier equals identifier, which must not be empty
//     (ErrIdentifierMismatch);
//  4. a user buffer is present exactly when opts.ExpectUserBuf
//     (ErrUnexpectedUserBuf);
//  5. TLS.sig equals the HMAC-SHA256 recomputed with key, compared in
//     constant time; an empty key never verifies (ErrBadSignature);
//  6. now is not later than TLS.time+TLS.expire, at one-second resolution
//     (now.Unix() > Time+Expire is ErrExpired; exactly Time+Expire is
//     valid).
//
// (vendor: https://trtc.io/document/35166 UserSig)
func Verify(userSig string, sdkAppID uint64, key, identifier string, now time.Time, opts VerifyOptions) (*Ticket, error) {
	t, err := Decode(userSig)
	if err != nil {
		return nil, err
	}
	if sdkAppID == 0 {
		return nil, fmt.Errorf("usersig: expected sdkappid is 0: %w", ErrSDKAppIDMismatch)
	}
	if t.SDKAppID != sdkAppID {
		return nil, fmt.Errorf("usersig: ticket sdkappid %d, want %d: %w", t.SDKAppID, sdkAppID, ErrSDKAppIDMismatch)
	}
	if identifier == "" {
		return nil, fmt.Errorf("usersig: expected identifier is empty: %w", ErrIdentifierMismatch)
	}
	if t.Identifier != identifier {
		return nil, fmt.Errorf("usersig: ticket identifier %q, want %q: %w", t.Identifier, identifier, ErrIdentifierMismatch)
	}
	if t.HasUserBuf != opts.ExpectUserBuf {
		if t.HasUserBuf {
			return nil, fmt.Errorf("usersig: ticket carries a %d-byte user buffer, none expected: %w", len(t.UserBuf), ErrUnexpectedUserBuf)
		}
		return nil, fmt.Errorf("usersig: ticket carries no user buffer, one expected: %w", ErrUnexpectedUserBuf)
	}
	if key == "" {
		return nil, fmt.Errorf("usersig: verification key is empty: %w", ErrBadSignature)
	}
	want := computeSig(key, t)
	if subtle.ConstantTimeCompare([]byte(want), []byte(t.Sig)) != 1 {
		return nil, fmt.Errorf("usersig: TLS.sig does not match the HMAC of the ticket fields for identifier %q, sdkappid %d, time %d, expire %d: %w",
			t.Identifier, t.SDKAppID, t.Time, t.Expire, ErrBadSignature)
	}
	if err := checkExpiry(t, now); err != nil {
		return nil, err
	}
	return t, nil
}
