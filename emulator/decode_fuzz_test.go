package emulator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/wire"
)

// referenceDecodeBody is decodeBody's definition, as the emulator first implemented it: decode
// into an interface, keep the exact keys, encode and decode into the packet.
func referenceDecodeBody(body []byte, into any) error {
	var tree any
	if err := json.Unmarshal(body, &tree); err != nil {
		return err
	}
	exact, err := json.Marshal(keepExactKeys(tree, reflect.TypeOf(into)))
	if err != nil {
		return err
	}
	return json.Unmarshal(exact, into)
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
// the reference does, except that a number beyond float64 in a field the packet does not name
// is ignored (the reference fails on it while decoding the whole tree).
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
		if !strings.Contains(wantErr.Error(), "Go value of type float64") {
			t.Fatalf("%T from %s: decodeBody accepts what the reference refuses (%v)", got, body, wantErr)
		}
	case wantErr == nil && gotErr != nil:
		t.Fatalf("%T from %s: decodeBody refuses (%v) what the reference accepts", got, body, gotErr)
	}
}

// decodeBodies are the documented request samples and bodies that reach decodeBody's corners:
// keys in another case, repeated keys, integers written as floats, null, numbers beyond float64.
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
