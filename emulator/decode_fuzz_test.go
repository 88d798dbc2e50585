package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/trtc-conformance/trtc-conformance/wire"
)

// referenceDecodeBody is decodeBody's definition written the slow and obvious way with
// encoding/json (v1): a body that is not I-JSON (a name repeated in an object, invalid UTF-8) is
// refused; otherwise the body is decoded into a tree with numbers as written, only the keys that
// are exactly a field's JSON name are kept, a number whose float64 value is whole is written as
// that exact integer, and the tree is encoded again and decoded into the packet.
func referenceDecodeBody(body []byte, into any) error {
	if !jsontext.Value(body).IsValid() {
		return errors.New("not an I-JSON document")
	}
	decoder := json.NewDecoder(bytes.NewReader(body))
	decoder.UseNumber()
	var tree any
	if err := decoder.Decode(&tree); err != nil {
		return err
	}
	exact, err := json.Marshal(wholeNumbersAsIntegers(keepExactKeys(tree, reflect.TypeOf(into))))
	if err != nil {
		return err
	}
	return json.Unmarshal(exact, into)
}

// keepExactKeys keeps, in objects decoded into structs, only the keys that are exactly a
// field's JSON name, recursively along the struct's field types.
func keepExactKeys(value any, t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch v := value.(type) {
	case map[string]any:
		if t.Kind() != reflect.Struct {
			return v
		}
		kept := make(map[string]any, len(v))
		for i := range t.NumField() {
			field := t.Field(i)
			name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			if fieldValue, present := v[name]; present {
				kept[name] = keepExactKeys(fieldValue, field.Type)
			}
		}
		return kept
	case []any:
		if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
			return v
		}
		for i := range v {
			v[i] = keepExactKeys(v[i], t.Elem())
		}
		return v
	default:
		return v
	}
}

// wholeNumbersAsIntegers rewrites every number of the tree that is not written as an integer
// but whose float64 value is whole (1.0, 1e2, 1e-400) as the exact digits of that value.
func wholeNumbersAsIntegers(value any) any {
	switch v := value.(type) {
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return v
		}
		f, err := strconv.ParseFloat(string(v), 64)
		if err != nil {
			return v // beyond float64: no integer field takes it
		}
		if whole, accuracy := big.NewFloat(f).Int(nil); accuracy == big.Exact {
			return json.Number(whole.String())
		}
		return v
	case map[string]any:
		for key, item := range v {
			v[key] = wholeNumbersAsIntegers(item)
		}
	case []any:
		for i, item := range v {
			v[i] = wholeNumbersAsIntegers(item)
		}
	}
	return value
}

// decodeTargets are the packet types the handlers decode into.
var decodeTargets = []func() any{
	func() any { return new(wire.CreateRoomRequest) },
	func() any { return new(wire.UpdateRoomInfoRequest) },
	func() any { return new(wire.RoomIDRequest) },
	func() any { return new(wire.AccountImportRequest) },
	func() any { return new(wire.MultiAccountImportRequest) },
	func() any { return new(wire.AccountCheckRequest) },
	func() any { return new(wire.AccountDeleteRequest) },
	func() any { return new(wire.GetRoomMemberListRequest) },
	func() any { return new(wire.ChangeRoomOwnerRequest) },
	func() any { return new(wire.BanRoomMemberRequest) },
	func() any { return new(wire.KickUserOutRequest) },
	func() any { return new(wire.MoveUserToSeatRequest) },
	func() any { return new(markRequest) },
	func() any { return new(updateMemberRequest) },
	func() any { return new(bannedListRequest) },
}

// checkDecodeBody requires decodeBody to give the reference's packet, and an error exactly when
// the reference gives one.
func checkDecodeBody(t *testing.T, body []byte, newTarget func() any) {
	t.Helper()
	want, got := newTarget(), newTarget()
	wantErr, gotErr := referenceDecodeBody(body, want), decodeBody(body, got)
	switch {
	case wantErr == nil && gotErr == nil:
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%T from %s:\ngot  %+v\nwant %+v", got, body, got, want)
		}
	case wantErr != nil && gotErr == nil:
		t.Fatalf("%T from %s: decodeBody accepts what the reference refuses (%v)", got, body, wantErr)
	case wantErr == nil && gotErr != nil:
		t.Fatalf("%T from %s: decodeBody refuses (%v) what the reference accepts", got, body, gotErr)
	}
}

// decodeBodies are the documented request samples and bodies that reach decodeBody's corners:
// keys in another case, repeated keys, invalid UTF-8, integers written as floats, null, numbers
// beyond float64 or int64.
func decodeBodies(t testing.TB) [][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "fixtures", "samples", "*", "*.request*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no request fixtures (%v)", err)
	}
	var bodies [][]byte
	for _, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, body)
	}
	for _, body := range []string{
		`{"RoomId":"r"}`, `{"roomid":"r"}`, `{"ROOMID":"r","RoomId":"s"}`, `{"RoomId":"r","RoomId":"s"}`, `{"RoomId":null}`,
		`{"RoomInfo":{"RoomId":"a","MaxMemberCount":5},"RoomInfo":{"RoomName":"b"}}`, `{"RoomInfo":{"roomid":"a","RoomID":"b"}}`,
		`{"RoomInfo":{"RoomId":"a","MaxMemberCount":1.0,"ScheduleStartTime":1e9,"MaxSeatCount":100e-2}}`,
		`{"RoomInfo":{"RoomId":"a","MaxMemberCount":1.5}}`, `{"RoomInfo":{"RoomId":"a","ScheduleStartTime":9007199254740993}}`,
		`{"RoomInfo":{"RoomId":"a","ScheduleStartTime":9223372036854775807}}`, `{"RoomInfo":{"RoomId":"a","MaxMemberCount":1e400}}`,
		`{"RoomInfo":{"RoomId":"a","MaxMemberCount":-0}}`, `{"RoomInfo":{"RoomId":"a","MaxMemberCount":"5"}}`, `{"RoomInfo":null}`,
		`{"RoomId":"r","x":1e400}`, `{"RoomId":"r","x":[1e400,{"y":-1e999999}]}`, `{"RoomId":"r","Count":1e400}`,
		`{"CommandType":"1","RoomId":"r"}`, `{"CommandType":1.0,"RoomId":"r"}`, `{"CommandType":2e0,"RoomId":"r"}`, `{"CommandType":null}`,
		`{"Accounts":["a","b"],"AccountList":[{"UserID":"c","Nick":"n"},{"UserID":"d","userid":"e"}]}`, `{"Accounts":[]}`,
		`{"CheckItem":[{"UserID":"a"},null,{"UserID":null}]}`, `{"MemberList_Account":["a"],"Duration":60,"Reason":"r"}`,
		`{"MemberInfo":{"Member_Account":"a","NameCard":"n"},"Member_Account":"b"}`, `{"Limit":10,"Offset":0.0}`,
		`{"RoomId":"r","SeatIndex":1,"Member_Account":"a"}`, `{"UserID":5}`, `{"RoomId":"\u00e9\ud83d\ude00"}`, "{\"RoomId\":\"\xff\"}",
		`{}`, `[]`, `null`, `"x"`, `{"RoomId":`,
		`{"RoomId":"r","x":1,"x":2}`, `{"RoomId":"\ud800"}`, `{"RoomId":"r","x":"\udc00\ud800"}`, "{\"RoomId\":\"r\",\"\xff\":1}",
		`{"RoomInfo":{"RoomId":"a","ScheduleStartTime":-9223372036854775808.0,"ScheduleEndTime":9223372036854775807}}`,
		`{"RoomInfo":{"RoomId":"a","ScheduleStartTime":9.2e18,"ScheduleEndTime":9223372036854775808,"MaxMemberCount":1e-400}}`,
		`{"RoomInfo":{"RoomId":"a","MaxMemberCount":-1E+2,"MaxSeatCount":12345678901234567890.0}}`,
		`{"CommandType":"1.0","RoomId":"r"}`, `{"CommandType":"+1","RoomId":"r"}`, `{"CommandType":100e-2}`, `{"CommandType":"\u0031"}`,
	} {
		bodies = append(bodies, []byte(body))
	}
	return bodies
}

func TestDecodeBodyMatchesItsDefinition(t *testing.T) {
	for _, body := range decodeBodies(t) {
		for _, target := range decodeTargets {
			checkDecodeBody(t, body, target)
		}
	}
}

// FuzzDecodeBody: for any body, decodeBody decodes every packet type as its definition does.
func FuzzDecodeBody(f *testing.F) {
	for _, body := range decodeBodies(f) {
		f.Add(uint8(0), body)
	}
	f.Fuzz(func(t *testing.T, index uint8, body []byte) {
		checkDecodeBody(t, body, decodeTargets[int(index)%len(decodeTargets)])
	})
}
