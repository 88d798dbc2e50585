package schemas

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
)

// TestTameNumber: a tamed literal is short, and keeps the sign, the integer-ness and the order
// with every bound of at most 40 decimals between 1e-300 and 1e300; zero loses its sign.
func TestTameNumber(t *testing.T) {
	long := strings.Repeat("7", 5000)
	literals := []string{
		"0", "-0", "1", "-1", "12", "1.5", "1e2", "1E2", "1e+2", "1e-2", "-1.25e-3", "0.5", "10.000",
		"1e300", "1e301", "1e400", "-1e400", "1.5e400", "1e999999", "1e99999999999999999999", "1e-999999",
		"-1e-400", "0e999999", "0.0e-999999", "-0e5", "-0.0", "0." + strings.Repeat("0", 500) + "1",
		long, "-" + long, long + ".5", "0." + long, "1." + long, "1." + long + "e5", "1." + long + "e400",
		long + "e-4990", long + "e-5000", long + "e-5001", "5." + strings.Repeat("0", 2000) + "1",
		"4." + strings.Repeat("9", 3000), "1" + strings.Repeat("0", 299), "1" + strings.Repeat("0", 300),
		"9223372036854775807", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
		"0.000001", "1e-7", "100e-2", "1000e-3", "1.2345e3", "12345e-2", "1" + strings.Repeat("0", 300) + ".5",
	}
	bounds := []string{"0", "1", "-1", "0.5", "2", "5", "100", "300", "1e10", "-1e10", "1e299", "-1e299", "1e300", "1e-299",
		"1e-300", "9223372036854775807", "1.5", "4.9999999999", "5.000000001", "12.34", "12.35"}
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
		if strings.HasPrefix(tamed, "-") && new(big.Rat).SetFrac64(0, 1).Cmp(mustRat(t, tamed)) == 0 {
			t.Errorf("%s: tamed %q is a negative zero", lit, tamed)
		}
		want, ok := new(big.Rat).SetString(lit)
		if !ok {
			continue // beyond big.Rat (an exponent over a million): the checks below need its value
		}
		got := mustRat(t, tamed)
		if got.Sign() != want.Sign() || got.IsInt() != want.IsInt() {
			t.Errorf("%.40s…: tamed %q: sign %d int %v, want sign %d int %v", lit, tamed, got.Sign(), got.IsInt(), want.Sign(), want.IsInt())
		}
		for _, b := range bounds {
			bound := mustRat(t, b)
			if got.Cmp(bound) != want.Cmp(bound) {
				t.Errorf("%.40s…: tamed %q compares %d with %s, the literal %d", lit, tamed, got.Cmp(bound), b, want.Cmp(bound))
			}
		}
	}
	for lit, want := range map[string]string{"1e999999": "1e301", "-1e99999999999999999999": "-1e301", "1e-999999": "1e-301",
		"0e999999": "0", "-0": "0", "-0.0e-3": "0", "1.5": "1.5", "-1": "-1", "1e300": "1e300"} {
		if got, _ := tameNumber(lit); got != want {
			t.Errorf("tameNumber(%s) = %s, want %s", lit, got, want)
		}
	}
}

func mustRat(t testing.TB, lit string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(lit)
	if !ok {
		t.Fatalf("%.40s… does not parse", lit)
	}
	return r
}

// TestNegativeZeroIsZero: -0 is 0 for const and enum, as for every other keyword. gojsonschema
// compares const through float64 encodings, where -0 and 0 differ, and would refuse these
// success envelopes.
func TestNegativeZeroIsZero(t *testing.T) {
	for _, zero := range []string{"-0", "-0.0", "-0e3", "0e-5", "-0E+2"} {
		for name, doc := range map[string]string{
			"im_open_login_svc/account_import.response":      `{"ActionStatus":"OK","ErrorCode":` + zero + `,"ErrorInfo":""}`,
			"room_engine_http_srv/destroy_room.response":     `{"ActionStatus":"OK","ErrorCode":` + zero + `,"ErrorInfo":"","RequestId":"r"}`,
			"room_engine_http_mic/move_user_to_seat.request": `{"RoomId":"r","SeatIndex":1,"Member_Account":"u","Policy":` + zero + `}`,
		} {
			if err := Validate(name, []byte(doc)); err != nil {
				t.Errorf("%s: %s: %v", name, doc, err)
			}
		}
		err := Validate("im_open_login_svc/account_import.response", []byte(`{"ActionStatus":"FAIL","ErrorCode":`+zero+`,"ErrorInfo":"x"}`))
		if !hasProblem(err, NotInEnum, "ActionStatus") {
			t.Errorf("FAIL with ErrorCode %s: got %v, want NotInEnum at ActionStatus", zero, err)
		}
	}
}

func hasProblem(err error, kind Kind, field string) bool {
	var invalid *ValidationError
	return errors.As(err, &invalid) && invalid.Has(kind, field)
}

// numberBeyondFloat64 is the input that makes gojsonschema dereference nil: a number float64
// cannot hold, met by const (here the envelope's "ErrorCode": {"const": 0}).
const numberBeyondFloat64 = `{"ActionStatus":"FAIL","ErrorCode":1e400,"ErrorInfo":"x","RequestId":"r"}`

// TestNumberBeyondFloat64 shows why tameNumbers runs before the library: given the document as
// it is, gojsonschema panics; given it tamed, it answers, and Validate answers by value.
func TestNumberBeyondFloat64(t *testing.T) {
	const name = "room_engine_http_srv/get_room_info.response"
	s, err := lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	untamed, err := decodeTree([]byte(numberBeyondFloat64))
	if err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("gojsonschema no longer panics on a number beyond float64 met by const: " +
					"update the comment of numbers.go (taming still keeps such numbers cheap)")
			}
		}()
		_, _ = s.validator.Validate(gojsonschema.NewRawLoader(untamed))
	}()
	if err := Validate(name, []byte(numberBeyondFloat64)); err != nil {
		t.Errorf("a FAIL envelope with ErrorCode 1e400: %v", err)
	}
	if err := Validate(name, []byte(strings.Replace(numberBeyondFloat64, "FAIL", "OK", 1))); !hasProblem(err, NotInEnum, "ActionStatus") {
		t.Errorf("an OK envelope with ErrorCode 1e400: got %v, want NotInEnum at ActionStatus", err)
	}
	// The same number inside a value compared as a whole with an enum (a Live flag).
	flag := `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"r","Response":{"RoomInfo":{"IsMessageDisabled":[1e400]}}}`
	if err := Validate("live_engine_http_srv/get_room_info.response", []byte(flag)); !hasProblem(err, NotInEnum, "Response.RoomInfo.IsMessageDisabled") {
		t.Errorf("an array holding 1e400 against an enum: got %v", err)
	}
}

// hugeDigits is an integer of ten thousand digits.
var hugeDigits = "9" + strings.Repeat("0", 9999)

// hugeLiteralCases are documents whose numbers big.Rat would spend milliseconds or more on,
// with the verdict their values call for.
var hugeLiteralCases = []struct {
	name, doc string
	kind      Kind // "" for valid
	field     string
}{
	{"room_engine_http_srv/get_room_info.response", `{"ActionStatus":"FAIL","ErrorCode":1e99999999,"ErrorInfo":"x","RequestId":"r"}`, "", ""},
	{"room_engine_http_srv/get_room_info.response", `{"ActionStatus":"FAIL","ErrorCode":1.5e-99999999,"ErrorInfo":"x","RequestId":"r"}`, WrongType, "ErrorCode"},
	{"room_engine_http_srv/get_room_info.response", `{"ActionStatus":"FAIL","ErrorCode":` + hugeDigits + `,"ErrorInfo":"x","RequestId":"r"}`, "", ""},
	{"room_engine_http_srv/create_room.request", `{"RoomInfo":{"RoomId":"r","RoomType":"Conference","MaxMemberCount":1e999999}}`, "", ""},
	{"room_engine_http_srv/create_room.request", `{"RoomInfo":{"RoomId":"r","RoomType":"Conference","MaxMemberCount":-1e999999}}`, OutOfRange, "RoomInfo.MaxMemberCount"},
	{"room_engine_http_srv/create_room.request", `{"RoomInfo":{"RoomId":"r","RoomType":"Conference","MaxMemberCount":` + hugeDigits + `}}`, "", ""},
	{"room_engine_http_srv/create_room.request", `{"RoomInfo":{"RoomId":"r","RoomType":"Conference","MaxMemberCount":-` + hugeDigits + `}}`, OutOfRange, "RoomInfo.MaxMemberCount"},
	{"room_engine_http_srv/create_room.request", `{"RoomInfo":{"RoomId":"r","RoomType":"Conference","MaxMemberCount":` + hugeDigits + `.5}}`, WrongType, "RoomInfo.MaxMemberCount"},
	{"room_engine_http_srv/create_room.request", `{"RoomInfo":{"RoomId":"r","RoomType":"Conference","MaxMemberCount":1.` + strings.Repeat("0", 100000) + `1}}`, WrongType, "RoomInfo.MaxMemberCount"},
	{"room_engine_http_srv/create_room.request", `{"RoomInfo":{"RoomId":"r","RoomType":"Conference"},"ScheduleInviteeList_Account":[1e999999]}`, WrongType, "ScheduleInviteeList_Account.0"},
	{"room_engine_http_srv/get_room_info.request", `{"RoomId":1e999999}`, WrongType, "RoomId"},
	{"room_engine_http_srv/get_room_member_list.request", `{"RoomId":"r","Count":0.` + strings.Repeat("0", 5000) + `1}`, WrongType, "Count"},
	{"live_engine_http_srv/get_room_list.request", `{"Next":"","Count":` + hugeDigits + `}`, OutOfRange, "Count"},
	{"room_engine_http_mic/move_user_to_seat.request", `{"RoomId":"r","SeatIndex":1,"Member_Account":"u","Policy":` + hugeDigits + `}`, NotInEnum, "Policy"},
	{"room_engine_http_mic/move_user_to_seat.request", `{"RoomId":"r","SeatIndex":1,"Member_Account":"u","Policy":2.` + strings.Repeat("0", 5000) + `}`, "", ""},
}

// TestHugeLiterals: numbers of ten thousand digits or with huge exponents are judged by their
// value. (BenchmarkValidateHugeLiterals shows they cost about what ordinary numbers do.)
func TestHugeLiterals(t *testing.T) {
	for _, c := range hugeLiteralCases {
		err := Validate(c.name, []byte(c.doc))
		switch {
		case c.kind == "" && err != nil:
			t.Errorf("%s %.100s: want valid, got %v", c.name, c.doc, err)
		case c.kind != "" && !hasProblem(err, c.kind, c.field):
			t.Errorf("%s %.100s: want %s at %s, got %v", c.name, c.doc, c.kind, c.field, err)
		}
	}
}

// BenchmarkValidateHugeLiterals validates the documents of TestHugeLiterals, one per iteration.
func BenchmarkValidateHugeLiterals(b *testing.B) {
	docs := make([][]byte, len(hugeLiteralCases))
	for i, c := range hugeLiteralCases {
		docs[i] = []byte(c.doc)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c := hugeLiteralCases[i%len(docs)]
		_ = Validate(c.name, docs[i%len(docs)])
		i++
	}
}
