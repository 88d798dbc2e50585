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
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"math"
	"strconv"
	"time"
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
