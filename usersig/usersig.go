// Package usersig implements the TRTC UserSig ticket (TLS signature v2): the
// credential every TRTC REST call carries in its usersig query parameter
// next to the administrator identifier.
//
// A UserSig is a JSON document (TLS.ver, TLS.identifier, TLS.sdkappid,
// TLS.expire, TLS.time, optional TLS.userbuf, TLS.sig) that is
// zlib-compressed and then encoded with a URL-safe variant of standard base64
// ('+'→'*', '/'→'-', '='→'_'). TLS.sig is the standard base64 of the
// HMAC-SHA256, keyed with the application's secret key, of the text
//
//	TLS.identifier:<identifier>\n
//	TLS.sdkappid:<sdkappid>\n
//	TLS.time:<unix seconds>\n
//	TLS.expire:<seconds>\n
//	TLS.userbuf:<standard base64 of the user buffer>\n   (only with a user buffer)
//
// Generate and GenerateWithUserBuf produce tickets that decode to the same
// fields and HMAC as those of the vendor's tls-sig-api-v2 libraries (the JSON
// key order and the compressed bytes may differ, which no verifier sees);
// Decode and Verify are the server side, which the vendor libraries lack.
//
// (vendor: https://trtc.io/document/35166 UserSig)
package usersig

import (
	"bytes"
	"compress/zlib"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// version is the only TLS.ver value this package produces and accepts.
const version = "2.0"

// maxIdentifierLen is the vendor's limit on user IDs, in bytes.
const maxIdentifierLen = 32

// maxInflated caps the size of a decompressed ticket document so that a
// small, hostile UserSig cannot make Decode allocate without bound.
const maxInflated = 1 << 20

// JSON document keys.
const (
	keyVer        = "TLS.ver"
	keyIdentifier = "TLS.identifier"
	keySDKAppID   = "TLS.sdkappid"
	keyExpire     = "TLS.expire"
	keyTime       = "TLS.time"
	keyUserBuf    = "TLS.userbuf"
	keySig        = "TLS.sig"
)

// Sentinel errors. Every error returned by Decode and Verify wraps exactly one
// of them, with context saying what differed; the secret key is never part of
// an error message. Errors from Generate and GenerateWithUserBuf report
// invalid arguments and wrap none of them.
// (vendor: https://trtc.io/document/35166 UserSig)
var (
	// ErrUndecodable: the UserSig is not in the base64 variant, not a zlib
	// stream, not a JSON object, lacks a field, has a field of the wrong type,
	// or carries a TLS.ver other than "2.0".
	ErrUndecodable = errors.New("usersig: undecodable ticket")
	// ErrSDKAppIDMismatch: TLS.sdkappid is not the application's SDKAppID.
	ErrSDKAppIDMismatch = errors.New("usersig: sdkappid mismatch")
	// ErrIdentifierMismatch: TLS.identifier is not the expected identifier.
	ErrIdentifierMismatch = errors.New("usersig: identifier mismatch")
	// ErrExpired: now is later than TLS.time + TLS.expire.
	ErrExpired = errors.New("usersig: ticket expired")
	// ErrBadSignature: the HMAC recomputed with the key differs from TLS.sig.
	ErrBadSignature = errors.New("usersig: bad signature")
	// ErrUnexpectedUserBuf: a user buffer is present but not expected, or
	// expected but absent.
	ErrUnexpectedUserBuf = errors.New("usersig: unexpected user buffer presence")
)

// Ticket is the decoded document of a UserSig.
// (vendor: https://trtc.io/document/35166 UserSig)
type Ticket struct {
	Version    string // "2.0"
	Identifier string
	SDKAppID   uint64
	Time       int64  // Unix seconds when signed
	Expire     int64  // validity in seconds
	UserBuf    []byte // nil when the ticket carries no user buffer
	HasUserBuf bool
	Sig        string // base64 HMAC as carried in the ticket
}

// ExpiresAt is the last second at which the ticket is still valid:
// Time+Expire (saturating instead of overflowing). Verify rejects a ticket
// only when now, truncated to the second, is later than that.
// (vendor: https://trtc.io/document/35166 UserSig)
func (t *Ticket) ExpiresAt() time.Time {
	return time.Unix(addSat(t.Time, t.Expire), 0)
}

// VerifyOptions tunes Verify. With ExpectUserBuf false (the REST API's plain
// UserSig) a ticket that carries a user buffer is rejected; with it true
// (PrivateMapKey style) a ticket without one is rejected.
// (vendor: https://trtc.io/document/35166 UserSig)
type VerifyOptions struct {
	ExpectUserBuf bool
}

// Generate signs a ticket for identifier valid for expire from now, the
// equivalent of the vendor libraries' genUserSig(identifier, expire).
//
// Arguments are validated and reported as errors, never panics: sdkAppID
// must not be 0, key must not be empty, identifier must be 1 to 32 bytes of
// ASCII letters, digits, '_' and '-', expire must be a positive whole number
// of seconds, and now must not be before the Unix epoch. The ticket's
// TLS.time is now truncated to the second.
// (vendor: https://trtc.io/document/35166 UserSig)
func Generate(sdkAppID uint64, key, identifier string, expire time.Duration, now time.Time) (string, error) {
	return generate(sdkAppID, key, identifier, expire, now, nil, false)
}

// GenerateWithUserBuf is Generate with a user buffer (PrivateMapKey style),
// the equivalent of the vendor libraries' genSig(identifier, expire, userBuf).
// The buffer is carried as TLS.userbuf in standard base64 and covered by the
// HMAC. A nil or empty userBuf still yields a ticket that has a (zero-length)
// user buffer.
// (vendor: https://trtc.io/document/35166 UserSig)
func GenerateWithUserBuf(sdkAppID uint64, key, identifier string, expire time.Duration, now time.Time, userBuf []byte) (string, error) {
	if userBuf == nil {
		userBuf = []byte{}
	}
	return generate(sdkAppID, key, identifier, expire, now, userBuf, true)
}

func generate(sdkAppID uint64, key, identifier string, expire time.Duration, now time.Time, userBuf []byte, hasUserBuf bool) (string, error) {
	if sdkAppID == 0 {
		return "", errors.New("usersig: sdkappid must not be 0")
	}
	if key == "" {
		return "", errors.New("usersig: key must not be empty")
	}
	if err := validateIdentifier(identifier); err != nil {
		return "", err
	}
	if expire <= 0 {
		return "", fmt.Errorf("usersig: expire must be positive, got %v", expire)
	}
	if expire%time.Second != 0 {
		return "", fmt.Errorf("usersig: expire must be a whole number of seconds, got %v", expire)
	}
	unix := now.Unix()
	if unix < 0 {
		return "", fmt.Errorf("usersig: now %v is before the Unix epoch", now)
	}
	t := &Ticket{
		Version:    version,
		Identifier: identifier,
		SDKAppID:   sdkAppID,
		Time:       unix,
		Expire:     int64(expire / time.Second),
		UserBuf:    userBuf,
		HasUserBuf: hasUserBuf,
	}
	t.Sig = computeSig(key, t)
	return encode(t)
}

func validateIdentifier(identifier string) error {
	if identifier == "" {
		return errors.New("usersig: identifier must not be empty")
	}
	if len(identifier) > maxIdentifierLen {
		return fmt.Errorf("usersig: identifier is %d bytes, at most %d allowed", len(identifier), maxIdentifierLen)
	}
	for i := 0; i < len(identifier); i++ {
		if !identifierByte(identifier[i]) {
			return fmt.Errorf("usersig: identifier %q has a character other than letters, digits, '_' and '-' at byte %d", identifier, i)
		}
	}
	return nil
}

func identifierByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// signedText is the exact text the HMAC covers, in the vendor's line order.
func signedText(t *Ticket) []byte {
	var b bytes.Buffer
	b.WriteString("TLS.identifier:" + t.Identifier + "\n")
	b.WriteString("TLS.sdkappid:" + strconv.FormatUint(t.SDKAppID, 10) + "\n")
	b.WriteString("TLS.time:" + strconv.FormatInt(t.Time, 10) + "\n")
	b.WriteString("TLS.expire:" + strconv.FormatInt(t.Expire, 10) + "\n")
	if t.HasUserBuf {
		b.WriteString("TLS.userbuf:" + base64.StdEncoding.EncodeToString(t.UserBuf) + "\n")
	}
	return b.Bytes()
}

func computeSig(key string, t *Ticket) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(signedText(t))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// encode turns a ticket into its UserSig string without signing it: the Sig
// field is carried as is.
func encode(t *Ticket) (string, error) {
	var doc bytes.Buffer
	doc.WriteByte('{')
	writeJSONString(&doc, keyVer)
	doc.WriteByte(':')
	writeJSONString(&doc, t.Version)
	doc.WriteByte(',')
	writeJSONString(&doc, keyIdentifier)
	doc.WriteByte(':')
	writeJSONString(&doc, t.Identifier)
	doc.WriteString(`,"` + keySDKAppID + `":` + strconv.FormatUint(t.SDKAppID, 10))
	doc.WriteString(`,"` + keyExpire + `":` + strconv.FormatInt(t.Expire, 10))
	doc.WriteString(`,"` + keyTime + `":` + strconv.FormatInt(t.Time, 10))
	if t.HasUserBuf {
		doc.WriteByte(',')
		writeJSONString(&doc, keyUserBuf)
		doc.WriteByte(':')
		writeJSONString(&doc, base64.StdEncoding.EncodeToString(t.UserBuf))
	}
	doc.WriteByte(',')
	writeJSONString(&doc, keySig)
	doc.WriteByte(':')
	writeJSONString(&doc, t.Sig)
	doc.WriteByte('}')

	var z bytes.Buffer
	zw := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(zw)
	zw.Reset(&z)
	if _, err := zw.Write(doc.Bytes()); err != nil {
		return "", fmt.Errorf("usersig: zlib: %v", err)
	}
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("usersig: zlib: %v", err)
	}
	return toVariant(base64.StdEncoding.EncodeToString(z.Bytes())), nil
}

// zlibWriters recycles compressors: a new one allocates several hundred
// kilobytes, far more than the ticket it writes.
var zlibWriters = sync.Pool{New: func() any { return zlib.NewWriter(io.Discard) }}

// zlibReaders recycles decompressors (each holds a 32 KiB window).
var zlibReaders sync.Pool

// writeJSONString writes s as a JSON string without HTML escaping, the way
// the vendor's JavaScript JSON.stringify does.
func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)       // a string always encodes
	b.Truncate(b.Len() - 1) // drop the Encoder's trailing newline
}

var (
	toVariantReplacer   = strings.NewReplacer("+", "*", "/", "-", "=", "_")
	fromVariantReplacer = strings.NewReplacer("*", "+", "-", "/", "_", "=")
)

func toVariant(std string) string { return toVariantReplacer.Replace(std) }

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

// addSat adds a and b, saturating at the int64 limits instead of wrapping.
func addSat(a, b int64) int64 {
	switch {
	case b > 0 && a > math.MaxInt64-b:
		return math.MaxInt64
	case b < 0 && a < math.MinInt64-b:
		return math.MinInt64
	}
	return a + b
}
