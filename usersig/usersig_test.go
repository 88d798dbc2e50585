package usersig

import (
	"bytes"
	"compress/zlib"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

const (
	testAppID = uint64(1400000000)
	testKey   = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"
	testID    = "administrator"
	testUnix  = int64(1700000000)
	testTTL   = int64(86400)
)

var testNow = time.Unix(testUnix, 0)

var sentinels = []error{
	ErrUndecodable,
	ErrSDKAppIDMismatch,
	ErrIdentifierMismatch,
	ErrExpired,
	ErrBadSignature,
	ErrUnexpectedUserBuf,
}

// assertOnly fails unless err matches want via errors.Is and no other
// sentinel. want == nil asserts that err matches no sentinel at all (but
// is non-nil).
func assertOnly(t *testing.T, err, want error) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", want)
	}
	if want != nil && !errors.Is(err, want) {
		t.Fatalf("error %q does not match %v", err, want)
	}
	for _, s := range sentinels {
		if s != want && errors.Is(err, s) {
			t.Fatalf("error %q also matches %v", err, s)
		}
	}
	if !strings.HasPrefix(err.Error(), "usersig: ") {
		t.Errorf("error %q lacks the usersig: prefix", err)
	}
	if strings.Contains(err.Error(), testKey) {
		t.Errorf("error %q leaks the key", err)
	}
}

func mustGenerate(t testing.TB, userBuf []byte, withBuf bool) string {
	t.Helper()
	var s string
	var err error
	if withBuf {
		s, err = GenerateWithUserBuf(testAppID, testKey, testID, time.Duration(testTTL)*time.Second, testNow, userBuf)
	} else {
		s, err = Generate(testAppID, testKey, testID, time.Duration(testTTL)*time.Second, testNow)
	}
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return s
}

// wrapDoc zlib-compresses an arbitrary document and applies the base64
// variant, for crafting tickets the generator would never produce.
func wrapDoc(doc string) string {
	return toVariant(base64.StdEncoding.EncodeToString(zlibBytes([]byte(doc))))
}

func zlibBytes(b []byte) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	return z.Bytes()
}

// reencode decodes s, lets mutate change the ticket and encodes it again
// without re-signing.
func reencode(t *testing.T, s string, mutate func(*Ticket)) string {
	t.Helper()
	tk, err := Decode(s)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	mutate(tk)
	out, err := encode(tk)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	binary := []byte{0x00, 0xff, 0x01, 0x80, 0x00, 0x7f}
	for _, tc := range []struct {
		name    string
		withBuf bool
		buf     []byte
	}{
		{"plain", false, nil},
		{"userbuf", true, binary},
		{"empty userbuf", true, []byte{}},
		{"nil userbuf", true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustGenerate(t, tc.buf, tc.withBuf)
			for _, c := range s {
				if strings.ContainsRune("+/=", c) {
					t.Fatalf("usersig %q contains standard-base64 character %q", s, c)
				}
			}
			got, err := Verify(s, testAppID, testKey, testID, testNow, VerifyOptions{ExpectUserBuf: tc.withBuf})
			if err != nil {
				t.Fatalf("verify: %v", err)
			}
			want := &Ticket{
				Version:    "2.0",
				Identifier: testID,
				SDKAppID:   testAppID,
				Time:       testUnix,
				Expire:     testTTL,
				HasUserBuf: tc.withBuf,
				Sig:        got.Sig,
			}
			if tc.withBuf {
				want.UserBuf = append([]byte{}, tc.buf...)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("verify returned %+v, want %+v", got, want)
			}
			dec, err := Decode(s)
			if err != nil || !reflect.DeepEqual(dec, got) {
				t.Fatalf("decode = %+v, %v; want %+v", dec, err, got)
			}
			if !got.ExpiresAt().Equal(time.Unix(testUnix+testTTL, 0)) {
				t.Errorf("ExpiresAt = %v", got.ExpiresAt())
			}
			if !tc.withBuf && got.UserBuf != nil {
				t.Errorf("UserBuf = %v, want nil", got.UserBuf)
			}
			again, err := encode(dec)
			if err != nil || again != s {
				t.Errorf("re-encoding the decoded ticket gave %q, %v; want %q", again, err, s)
			}
		})
	}
}

// TestKnownAnswer pins the signed text: the HMAC is computed here from the
// literal lines of usersig.md, independently of the package, and the
// base64 constants were computed with openssl dgst -sha256 -hmac.
func TestKnownAnswer(t *testing.T) {
	for _, tc := range []struct {
		name    string
		withBuf bool
		buf     []byte
		text    string
		want    string
	}{
		{
			name: "plain",
			text: "TLS.identifier:administrator\nTLS.sdkappid:1400000000\nTLS.time:1700000000\nTLS.expire:86400\n",
			want: "yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=",
		},
		{
			name:    "userbuf",
			withBuf: true,
			buf:     []byte{0x00, 0xff, 0x01, 0x7e},
			text:    "TLS.identifier:administrator\nTLS.sdkappid:1400000000\nTLS.time:1700000000\nTLS.expire:86400\nTLS.userbuf:AP8Bfg==\n",
			want:    "L+JDzvjvt9i1fFsymiPcFyvgir4+U3u9EfvOJPmDFPQ=",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := hmac.New(sha256.New, []byte(testKey))
			m.Write([]byte(tc.text))
			if byHand := base64.StdEncoding.EncodeToString(m.Sum(nil)); byHand != tc.want {
				t.Fatalf("HMAC by hand %q, constant %q", byHand, tc.want)
			}
			tk, err := Decode(mustGenerate(t, tc.buf, tc.withBuf))
			if err != nil {
				t.Fatal(err)
			}
			if tk.Sig != tc.want {
				t.Fatalf("TLS.sig = %q, want %q", tk.Sig, tc.want)
			}
			if string(signedText(tk)) != tc.text {
				t.Fatalf("signed text %q, want %q", signedText(tk), tc.text)
			}
		})
	}
}

// TestDocumentLayout checks the JSON the generator writes: key order, number
// types and the absence of TLS.userbuf for a plain ticket.
func TestDocumentLayout(t *testing.T) {
	inflateOf := func(s string) string {
		raw, err := base64.StdEncoding.DecodeString(fromVariantReplacer.Replace(s))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := inflate(raw)
		if err != nil {
			t.Fatal(err)
		}
		return string(doc)
	}
	plain := inflateOf(mustGenerate(t, nil, false))
	want := `{"TLS.ver":"2.0","TLS.identifier":"administrator","TLS.sdkappid":1400000000,"TLS.expire":86400,"TLS.time":1700000000,"TLS.sig":"yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60="}`
	if plain != want {
		t.Errorf("document\n got %s\nwant %s", plain, want)
	}
	withBuf := inflateOf(mustGenerate(t, []byte{0x00, 0xff, 0x01, 0x7e}, true))
	want = `{"TLS.ver":"2.0","TLS.identifier":"administrator","TLS.sdkappid":1400000000,"TLS.expire":86400,"TLS.time":1700000000,"TLS.userbuf":"AP8Bfg==","TLS.sig":"L+JDzvjvt9i1fFsymiPcFyvgir4+U3u9EfvOJPmDFPQ="}`
	if withBuf != want {
		t.Errorf("document\n got %s\nwant %s", withBuf, want)
	}
}

func TestVerifyFailures(t *testing.T) {
	plain := mustGenerate(t, nil, false)
	withBuf := mustGenerate(t, []byte{0x00, 0xff}, true)
	otherKey, err := Generate(testAppID, "another-key", testID, time.Duration(testTTL)*time.Second, testNow)
	if err != nil {
		t.Fatal(err)
	}
	otherSig := func() string {
		tk, err := Decode(otherKey)
		if err != nil {
			t.Fatal(err)
		}
		return tk.Sig
	}()
	end := testNow.Add(time.Duration(testTTL) * time.Second)

	type call struct {
		userSig    string
		appID      uint64
		key        string
		identifier string
		now        time.Time
		expectBuf  bool
	}
	base := func(s string) call {
		return call{s, testAppID, testKey, testID, testNow, false}
	}
	cases := []struct {
		name string
		in   call
		want error // nil: must verify
	}{
		{"valid", base(plain), nil},
		{"valid at exactly time+expire", func() call { c := base(plain); c.now = end; return c }(), nil},
		{"valid at time+expire plus 999ms", func() call { c := base(plain); c.now = end.Add(999 * time.Millisecond); return c }(), nil},
		{"valid before time (clock skew is not checked)", func() call { c := base(plain); c.now = testNow.Add(-time.Hour); return c }(), nil},
		{"valid with user buffer expected", func() call { c := base(withBuf); c.expectBuf = true; return c }(), nil},

		{"wrong sdkappid", func() call { c := base(plain); c.appID = testAppID + 1; return c }(), ErrSDKAppIDMismatch},
		{"zero sdkappid", func() call { c := base(plain); c.appID = 0; return c }(), ErrSDKAppIDMismatch},
		{"wrong identifier", func() call { c := base(plain); c.identifier = "someone_else"; return c }(), ErrIdentifierMismatch},
		{"identifier differs in case", func() call { c := base(plain); c.identifier = "Administrator"; return c }(), ErrIdentifierMismatch},
		{"empty identifier", func() call { c := base(plain); c.identifier = ""; return c }(), ErrIdentifierMismatch},
		{"expired by 1s", func() call { c := base(plain); c.now = end.Add(time.Second); return c }(), ErrExpired},
		{"expired long ago", func() call { c := base(plain); c.now = end.Add(1000 * time.Hour); return c }(), ErrExpired},
		{"wrong key", func() call { c := base(plain); c.key = "another-key"; return c }(), ErrBadSignature},
		{"empty key", func() call { c := base(plain); c.key = ""; return c }(), ErrBadSignature},
		{"tampered sig: other key's HMAC", base(reencode(t, plain, func(tk *Ticket) { tk.Sig = otherSig })), ErrBadSignature},
		{"tampered sig: one character", base(reencode(t, plain, func(tk *Ticket) {
			b := []byte(tk.Sig)
			if b[0] == 'A' {
				b[0] = 'B'
			} else {
				b[0] = 'A'
			}
			tk.Sig = string(b)
		})), ErrBadSignature},
		{"tampered sig: empty", base(reencode(t, plain, func(tk *Ticket) { tk.Sig = "" })), ErrBadSignature},
		{"tampered expire", base(reencode(t, plain, func(tk *Ticket) { tk.Expire++ })), ErrBadSignature},
		{"tampered time", base(reencode(t, plain, func(tk *Ticket) { tk.Time++ })), ErrBadSignature},
		{"tampered sdkappid", func() call {
			c := base(reencode(t, plain, func(tk *Ticket) { tk.SDKAppID = 1400000001 }))
			c.appID = 1400000001
			return c
		}(), ErrBadSignature},
		{"tampered identifier", func() call {
			c := base(reencode(t, plain, func(tk *Ticket) { tk.Identifier = "mallory" }))
			c.identifier = "mallory"
			return c
		}(), ErrBadSignature},
		{"tampered user buffer", func() call {
			c := base(reencode(t, withBuf, func(tk *Ticket) { tk.UserBuf = []byte{0x00, 0xfe} }))
			c.expectBuf = true
			return c
		}(), ErrBadSignature},
		{"user buffer added after signing", func() call {
			c := base(reencode(t, plain, func(tk *Ticket) { tk.UserBuf, tk.HasUserBuf = []byte{}, true }))
			c.expectBuf = true
			return c
		}(), ErrBadSignature},
		{"user buffer present, not expected", base(withBuf), ErrUnexpectedUserBuf},
		{"user buffer absent, expected", func() call { c := base(plain); c.expectBuf = true; return c }(), ErrUnexpectedUserBuf},

		{"undecodable: empty", base(""), ErrUndecodable},
		{"undecodable: !!!", base("!!!"), ErrUndecodable},
		{"undecodable: base64 variant of non-zlib bytes", base(toVariant(base64.StdEncoding.EncodeToString([]byte("this is not a zlib stream")))), ErrUndecodable},
		{"undecodable: zlib of non-JSON", base(wrapDoc("TLS.ver=2.0")), ErrUndecodable},
		{"undecodable: JSON missing TLS.sig", base(wrapDoc(`{"TLS.ver":"2.0","TLS.identifier":"administrator","TLS.sdkappid":1400000000,"TLS.expire":86400,"TLS.time":1700000000}`)), ErrUndecodable},
		{"undecodable: TLS.sdkappid as string", base(wrapDoc(`{"TLS.ver":"2.0","TLS.identifier":"administrator","TLS.sdkappid":"1400000000","TLS.expire":86400,"TLS.time":1700000000,"TLS.sig":"x"}`)), ErrUndecodable},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			tk, err := Verify(in.userSig, in.appID, in.key, in.identifier, in.now, VerifyOptions{ExpectUserBuf: in.expectBuf})
			if tc.want == nil {
				if err != nil || tk == nil {
					t.Fatalf("Verify = %v, %v; want success", tk, err)
				}
				return
			}
			if tk != nil {
				t.Errorf("Verify returned a ticket with error %v", err)
			}
			assertOnly(t, err, tc.want)
		})
	}
}

// TestVerifyOrder checks the documented order: decode → sdkappid →
// identifier → user buffer presence → HMAC → expiry. Each step adds one
// more fault that comes later in the order; the earliest one must win.
func TestVerifyOrder(t *testing.T) {
	withBuf := mustGenerate(t, []byte{1}, true)
	late := testNow.Add(time.Duration(testTTL+1) * time.Second)
	steps := []struct {
		appID uint64
		id    string
		key   string
		want  error
	}{
		{testAppID + 1, "other", "bad-key", ErrSDKAppIDMismatch},
		{testAppID, "other", "bad-key", ErrIdentifierMismatch},
		{testAppID, testID, "bad-key", ErrUnexpectedUserBuf},
	}
	for _, s := range steps {
		_, err := Verify(withBuf, s.appID, s.key, s.id, late, VerifyOptions{})
		assertOnly(t, err, s.want)
	}
	_, err := Verify(withBuf, testAppID, "bad-key", testID, late, VerifyOptions{ExpectUserBuf: true})
	assertOnly(t, err, ErrBadSignature)
	_, err = Verify(withBuf, testAppID, testKey, testID, late, VerifyOptions{ExpectUserBuf: true})
	assertOnly(t, err, ErrExpired)
	_, err = Verify("!"+withBuf, testAppID+1, "bad-key", "other", late, VerifyOptions{})
	assertOnly(t, err, ErrUndecodable)
}

func TestDecodeStrict(t *testing.T) {
	const sig = `"TLS.sig":"yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60="`
	doc := func(fields string) string { return "{" + fields + "," + sig + "}" }
	good := `"TLS.ver":"2.0","TLS.identifier":"administrator","TLS.sdkappid":1400000000,"TLS.expire":86400,"TLS.time":1700000000`
	valid := wrapDoc(doc(good))
	if _, err := Verify(valid, testAppID, testKey, testID, testNow, VerifyOptions{}); err != nil {
		t.Fatalf("hand-built document does not verify: %v", err)
	}
	// A document with its keys in the vendor's Node order, whitespace and an
	// unknown key still decodes.
	if _, err := Verify(wrapDoc(`{ "TLS.ver" : "2.0", "TLS.identifier":"administrator","TLS.sdkappid":1400000000,"TLS.time":1700000000,"TLS.expire":86400,"x-extra":[1,{}], `+sig+"}\n"),
		testAppID, testKey, testID, testNow, VerifyOptions{}); err != nil {
		t.Fatalf("reordered document: %v", err)
	}

	// A valid ticket whose encoding ends in padding: grow an ignored field
	// until the compressed length is not a multiple of three.
	var padded string
	for i := 0; !strings.HasSuffix(padded, "_"); i++ {
		padded = wrapDoc(doc(good + `,"x":"` + strings.Repeat("y", i) + `"`))
	}
	if _, err := Verify(padded, testAppID, testKey, testID, testNow, VerifyOptions{}); err != nil {
		t.Fatalf("padded ticket does not verify: %v", err)
	}
	std := fromVariantReplacer.Replace(valid)
	if std == valid {
		t.Fatal("the test ticket must contain a variant character")
	}
	zl, _ := base64.StdEncoding.DecodeString(std)
	bad := map[string]string{
		"standard base64 alphabet":    std,
		"padding removed":             strings.TrimRight(padded, "_"),
		"padding doubled":             padded + "__",
		"newline inside":              valid[:8] + "\n" + valid[8:],
		"trailing garbage after zlib": toVariant(base64.StdEncoding.EncodeToString(append(append([]byte{}, zl...), 0))),
		"truncated zlib":              toVariant(base64.StdEncoding.EncodeToString(zl[:len(zl)-3])),
		"bad adler32": func() string {
			b := append([]byte{}, zl...)
			b[len(b)-1] ^= 1
			return toVariant(base64.StdEncoding.EncodeToString(b))
		}(),
		"JSON array":            wrapDoc(`[` + good + `]`),
		"JSON null":             wrapDoc(`null`),
		"trailing JSON":         wrapDoc(doc(good) + `{}`),
		"truncated JSON":        wrapDoc(doc(good)[:40]),
		"invalid UTF-8":         wrapDoc(doc(strings.Replace(good, "administrator", "admin\xffistrator", 1))),
		"duplicate key":         wrapDoc(doc(good + `,"TLS.expire":999999999`)),
		"wrong TLS.ver":         wrapDoc(doc(strings.Replace(good, `"2.0"`, `"1.0"`, 1))),
		"TLS.ver as number":     wrapDoc(doc(strings.Replace(good, `"2.0"`, `2.0`, 1))),
		"missing TLS.ver":       wrapDoc(doc(strings.Replace(good, `"TLS.ver":"2.0",`, ``, 1))),
		"missing identifier":    wrapDoc(doc(strings.Replace(good, `"TLS.identifier":"administrator",`, ``, 1))),
		"identifier as number":  wrapDoc(doc(strings.Replace(good, `"administrator"`, `12345`, 1))),
		"identifier null":       wrapDoc(doc(strings.Replace(good, `"administrator"`, `null`, 1))),
		"missing sdkappid":      wrapDoc(doc(strings.Replace(good, `"TLS.sdkappid":1400000000,`, ``, 1))),
		"sdkappid fraction":     wrapDoc(doc(strings.Replace(good, `1400000000`, `1400000000.0`, 1))),
		"sdkappid exponent":     wrapDoc(doc(strings.Replace(good, `1400000000`, `14e8`, 1))),
		"sdkappid negative":     wrapDoc(doc(strings.Replace(good, `1400000000`, `-1400000000`, 1))),
		"sdkappid over uint64":  wrapDoc(doc(strings.Replace(good, `1400000000`, `18446744073709551616`, 1))),
		"sdkappid bool":         wrapDoc(doc(strings.Replace(good, `1400000000`, `true`, 1))),
		"time as string":        wrapDoc(doc(strings.Replace(good, `1700000000`, `"1700000000"`, 1))),
		"time negative":         wrapDoc(doc(strings.Replace(good, `1700000000`, `-1`, 1))),
		"time over int64":       wrapDoc(doc(strings.Replace(good, `1700000000`, `9223372036854775808`, 1))),
		"missing time":          wrapDoc(doc(strings.Replace(good, `,"TLS.time":1700000000`, ``, 1))),
		"expire fraction":       wrapDoc(doc(strings.Replace(good, `86400`, `86400.5`, 1))),
		"expire negative":       wrapDoc(doc(strings.Replace(good, `86400`, `-86400`, 1))),
		"missing expire":        wrapDoc(doc(strings.Replace(good, `"TLS.expire":86400,`, ``, 1))),
		"sig as number":         wrapDoc("{" + good + `,"TLS.sig":42}`),
		"userbuf null":          wrapDoc(doc(good + `,"TLS.userbuf":null`)),
		"userbuf not base64":    wrapDoc(doc(good + `,"TLS.userbuf":"!!"`)),
		"userbuf unpadded":      wrapDoc(doc(good + `,"TLS.userbuf":"AP8"`)),
		"userbuf non-canonical": wrapDoc(doc(good + `,"TLS.userbuf":"AP9="`)),
		"userbuf url alphabet":  wrapDoc(doc(good + `,"TLS.userbuf":"__8="`)),
	}
	for name, s := range bad {
		t.Run(name, func(t *testing.T) {
			tk, err := Decode(s)
			if tk != nil {
				t.Errorf("Decode returned %+v", tk)
			}
			assertOnly(t, err, ErrUndecodable)
			_, err = Verify(s, testAppID, testKey, testID, testNow, VerifyOptions{})
			assertOnly(t, err, ErrUndecodable)
		})
	}
}

func TestDecodeLimits(t *testing.T) {
	// A small ticket that inflates past the cap is rejected, not buffered.
	bomb := wrapDoc(`{"TLS.ver":"2.0","pad":"` + strings.Repeat("a", maxInflated) + `"}`)
	if len(bomb) > 8000 {
		t.Fatalf("bomb is %d bytes", len(bomb))
	}
	_, err := Decode(bomb)
	assertOnly(t, err, ErrUndecodable)

	// Extreme but well-formed values decode, and expiry saturates instead of
	// wrapping around.
	s := wrapDoc(`{"TLS.ver":"2.0","TLS.identifier":"a","TLS.sdkappid":18446744073709551615,"TLS.time":9223372036854775807,"TLS.expire":9223372036854775807,"TLS.sig":""}`)
	tk, err := Decode(s)
	if err != nil {
		t.Fatal(err)
	}
	if tk.SDKAppID != math.MaxUint64 || tk.Time != math.MaxInt64 || tk.Expire != math.MaxInt64 {
		t.Fatalf("decoded %+v", tk)
	}
	if got := tk.ExpiresAt().Unix(); got != math.MaxInt64 {
		t.Errorf("ExpiresAt().Unix() = %d, want saturation at MaxInt64", got)
	}
	tk.Sig = computeSig(testKey, tk)
	s, err = encode(tk)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(s, math.MaxUint64, testKey, "a", time.Unix(math.MaxInt64/2, 0), VerifyOptions{}); err != nil {
		t.Errorf("far-future ticket: %v", err)
	}
}

func TestGenerateValidation(t *testing.T) {
	day := 24 * time.Hour
	id32 := strings.Repeat("a", 16) + strings.Repeat("Z9", 7) + "_-"
	if len(id32) != 32 {
		t.Fatal(len(id32))
	}
	bad := []struct {
		name       string
		appID      uint64
		key, id    string
		expire     time.Duration
		now        time.Time
		wantSubstr string
	}{
		{"zero sdkappid", 0, testKey, testID, day, testNow, "sdkappid"},
		{"empty key", testAppID, "", testID, day, testNow, "key"},
		{"empty identifier", testAppID, testKey, "", day, testNow, "identifier"},
		{"identifier 33 bytes", testAppID, testKey, id32 + "a", day, testNow, "33 bytes"},
		{"identifier with space", testAppID, testKey, "ad min", day, testNow, "identifier"},
		{"identifier with dot", testAppID, testKey, "admin.x", day, testNow, "identifier"},
		{"identifier with @", testAppID, testKey, "admin@x", day, testNow, "identifier"},
		{"identifier non-ASCII", testAppID, testKey, "adminé", day, testNow, "identifier"},
		{"identifier newline", testAppID, testKey, "admin\nTLS.expire:1", day, testNow, "identifier"},
		{"zero expire", testAppID, testKey, testID, 0, testNow, "expire"},
		{"negative expire", testAppID, testKey, testID, -time.Second, testNow, "expire"},
		{"sub-second expire", testAppID, testKey, testID, 500 * time.Millisecond, testNow, "expire"},
		{"fractional expire", testAppID, testKey, testID, 1500 * time.Millisecond, testNow, "expire"},
		{"now before epoch", testAppID, testKey, testID, day, time.Unix(-1, 0), "epoch"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			for _, withBuf := range []bool{false, true} {
				var s string
				var err error
				if withBuf {
					s, err = GenerateWithUserBuf(tc.appID, tc.key, tc.id, tc.expire, tc.now, []byte{1})
				} else {
					s, err = Generate(tc.appID, tc.key, tc.id, tc.expire, tc.now)
				}
				if s != "" {
					t.Errorf("got usersig %q with error %v", s, err)
				}
				assertOnly(t, err, nil)
				if !strings.Contains(err.Error(), tc.wantSubstr) {
					t.Errorf("error %q does not mention %q", err, tc.wantSubstr)
				}
			}
		})
	}
	good := []struct {
		name   string
		id     string
		expire time.Duration
		now    time.Time
	}{
		{"32-byte identifier", id32, day, testNow},
		{"one-char identifier", "7", day, testNow},
		{"underscore and hyphen", "_-_", day, testNow},
		{"one second", testID, time.Second, testNow},
		{"now at epoch", testID, day, time.Unix(0, 0)},
		{"now with nanoseconds", testID, day, testNow.Add(999 * time.Millisecond)},
		{"longest duration in whole seconds", testID, math.MaxInt64 / time.Second * time.Second, testNow},
	}
	for _, tc := range good {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Generate(testAppID, testKey, tc.id, tc.expire, tc.now)
			if err != nil {
				t.Fatal(err)
			}
			tk, err := Verify(s, testAppID, testKey, tc.id, tc.now, VerifyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if tk.Time != tc.now.Unix() || tk.Expire != int64(tc.expire/time.Second) {
				t.Errorf("ticket %+v", tk)
			}
		})
	}
}

func seedTickets(f *testing.F) []string {
	f.Helper()
	var out []string
	add := func(s string, err error) {
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, s)
	}
	add(Generate(testAppID, testKey, testID, time.Duration(testTTL)*time.Second, testNow))
	add(Generate(testAppID, testKey, "u_1-x", time.Second, time.Unix(0, 0)))
	add(GenerateWithUserBuf(testAppID, testKey, testID, time.Hour, testNow, []byte{0x00, 0xff, 0x10}))
	add(GenerateWithUserBuf(testAppID, testKey, testID, time.Hour, testNow, nil))
	// The same document at zlib level 0, as the vendor's Go code writes it.
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.NoCompression)
	zw.Write([]byte(`{"TLS.ver":"2.0","TLS.identifier":"administrator","TLS.sdkappid":1400000000,"TLS.expire":86400,"TLS.time":1700000000,"TLS.sig":"yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60="}`))
	zw.Close()
	out = append(out, toVariant(base64.StdEncoding.EncodeToString(z.Bytes())))
	return out
}

// checkRoundTrip asserts that a decoded ticket survives encode → Decode
// unchanged.
func checkRoundTrip(t *testing.T, tk *Ticket) {
	t.Helper()
	s, err := encode(tk)
	if err != nil {
		t.Fatalf("encode %+v: %v", tk, err)
	}
	back, err := Decode(s)
	if err != nil {
		t.Fatalf("decode of re-encoded %+v: %v", tk, err)
	}
	if !reflect.DeepEqual(back, tk) {
		t.Fatalf("round trip changed the ticket:\n got %+v\nwant %+v", back, tk)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range seedTickets(f) {
		f.Add(s)
	}
	f.Add("")
	f.Add("!!!")
	f.Add(wrapDoc(`{"TLS.ver":"2.0"}`))
	f.Fuzz(func(t *testing.T, s string) {
		tk, err := Decode(s)
		if err != nil {
			if tk != nil {
				t.Fatalf("ticket with error %v", err)
			}
			assertOnly(t, err, ErrUndecodable)
			return
		}
		checkRoundTrip(t, tk)
	})
}

func FuzzVerify(f *testing.F) {
	for _, s := range seedTickets(f) {
		f.Add(s, testUnix, false)
		f.Add(s, testUnix, true)
		f.Add(s, testUnix+testTTL+1, false)
	}
	f.Fuzz(func(t *testing.T, s string, nowUnix int64, expectBuf bool) {
		now := time.Unix(nowUnix, 0)
		tk, err := Verify(s, testAppID, testKey, testID, now, VerifyOptions{ExpectUserBuf: expectBuf})
		if err != nil {
			if tk != nil {
				t.Fatalf("ticket with error %v", err)
			}
			n := 0
			for _, e := range sentinels {
				if errors.Is(err, e) {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("error %q matches %d sentinels", err, n)
			}
			return
		}
		if tk.SDKAppID != testAppID || tk.Identifier != testID || tk.HasUserBuf != expectBuf || now.Unix() > addSat(tk.Time, tk.Expire) {
			t.Fatalf("Verify accepted %+v", tk)
		}
		checkRoundTrip(t, tk)
		// The accepted ticket is exactly what Generate would produce for its
		// fields, and that ticket verifies too.
		if tk.Expire < 1 || tk.Expire > int64(math.MaxInt64/time.Second) {
			return
		}
		var regen string
		if tk.HasUserBuf {
			regen, err = GenerateWithUserBuf(tk.SDKAppID, testKey, tk.Identifier, time.Duration(tk.Expire)*time.Second, time.Unix(tk.Time, 0), tk.UserBuf)
		} else {
			regen, err = Generate(tk.SDKAppID, testKey, tk.Identifier, time.Duration(tk.Expire)*time.Second, time.Unix(tk.Time, 0))
		}
		if err != nil {
			t.Fatalf("regenerate %+v: %v", tk, err)
		}
		tk2, err := Verify(regen, testAppID, testKey, testID, now, VerifyOptions{ExpectUserBuf: expectBuf})
		if err != nil {
			t.Fatalf("regenerated ticket does not verify: %v", err)
		}
		if !reflect.DeepEqual(tk2, tk) {
			t.Fatalf("regenerated ticket differs:\n got %+v\nwant %+v", tk2, tk)
		}
	})
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(testAppID, testKey, testID, time.Duration(testTTL)*time.Second, testNow); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	s := mustGenerate(b, nil, false)
	for b.Loop() {
		if _, err := Verify(s, testAppID, testKey, testID, testNow, VerifyOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
