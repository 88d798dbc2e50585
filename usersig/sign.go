package usersig

// Signing: what the vendor libraries do, written in Go.

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
)

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
