package schemas

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
)

// ---- compilation, names, metadata ----------------------------------------------

func TestEverySchemaCompiles(t *testing.T) {
	c := compiled()
	if c.err != nil {
		t.Fatalf("compiling: %v", c.err)
	}
	if len(c.schemas) != len(Names()) {
		t.Fatalf("compiled %d schemas, Names() has %d", len(c.schemas), len(Names()))
	}
	for _, n := range Names() {
		if c.schemas[n] == nil || c.schemas[n].validator == nil {
			t.Errorf("%s not compiled", n)
		}
	}
}

// TestNoFormatKeyword: byte limits are x-maxBytes now. gojsonschema has no checker for a format
// name of this project and would let a leftover "utf8-max-bytes-N" check nothing.
func TestNoFormatKeyword(t *testing.T) {
	docs, err := readEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	limits := 0
	for _, d := range docs {
		walkKeywords(d.tree, func(key string, value any) {
			switch key {
			case "format":
				t.Errorf("%s: format %v: state byte limits with %s", d.path, value, maxBytesKeyword)
			case maxBytesKeyword:
				limits++
			}
		})
	}
	if limits != 18 {
		t.Errorf("%d %s keywords in the schema files, want the 18 of common.json", limits, maxBytesKeyword)
	}
	if err := compiled().err; err != nil {
		t.Fatal(err)
	}
	if gojsonschema.FormatCheckers.Has("utf8-max-bytes-48") {
		t.Error("a byte-limit format is registered with gojsonschema: the package must leave the library's globals alone")
	}
}

func TestNamesListExactlyTheFilesPresent(t *testing.T) {
	var onDisk []string
	err := fs.WalkDir(os.DirFS("."), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "testdata/") {
			return err
		}
		if strings.HasSuffix(p, ".request.json") || strings.HasSuffix(p, ".response.json") || strings.HasSuffix(p, ".event.json") {
			onDisk = append(onDisk, strings.TrimSuffix(p, ".json"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(onDisk)
	if got := Names(); !reflect.DeepEqual(got, onDisk) {
		t.Fatalf("Names() = %v\nfiles    = %v", got, onDisk)
	}
	for _, n := range onDisk {
		if !Has(n) {
			t.Errorf("Has(%q) = false", n)
		}
	}
	for _, n := range []string{"", "common", "common.json", "room_engine_http_srv/create_room", "room_engine_http_srv/create_room.request.json", "x/y.request",
		"room_engine_http_srv/get_seat_list.request", "room_engine_http_mic/create_room.request",
		"callback/Room.CallbackAfterCreateRoom", "callback/Room.CallbackAfterCreateRoom.event.json", "callback/reply.request", "room_config/get_callback"} {
		if Has(n) {
			t.Errorf("Has(%q) = true", n)
		}
	}
	perService := map[string]int{}
	for _, n := range onDisk {
		perService[path.Dir(n)]++
	}
	wantPerService := map[string]int{"im_open_login_svc": 8, "room_engine_http_srv": 24, "room_engine_http_mic": 12, "room_config": 8, "callback": 26, "live_engine_http_srv": 88, "live_config": 14}
	if !reflect.DeepEqual(perService, wantPerService) {
		t.Errorf("request/response schemas per service = %v, want %v", perService, wantPerService)
	}
}

var trailingURL = regexp.MustCompile(`https://\S+[^.\s]$`)

func TestSchemaMetadata(t *testing.T) {
	docs, err := readEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		m := d.tree.(map[string]any)
		if m["$schema"] != "http://json-schema.org/draft-07/schema#" {
			t.Errorf("%s: $schema = %v", d.path, m["$schema"])
		}
		if m["$id"] != IDBase+d.path {
			t.Errorf("%s: $id = %v", d.path, m["$id"])
		}
		desc, _ := m["description"].(string)
		if !trailingURL.MatchString(desc) {
			t.Errorf("%s: description does not end with the vendor page URL: %q", d.path, desc)
		}
		if c, _ := m["$comment"].(string); c == "" {
			t.Errorf("%s: no $comment recording the decisions", d.path)
		}
	}
}

// ---- API behaviour -------------------------------------------------------------

func TestUnknownSchema(t *testing.T) {
	for _, err := range []error{
		Validate("room_engine_http_srv/no_such_command.request", []byte(`{}`)),
		ValidateValue("common", map[string]any{}),
	} {
		if !errors.Is(err, ErrUnknownSchema) {
			t.Errorf("got %v, want an error wrapping ErrUnknownSchema", err)
		}
		var invalid *ValidationError
		if errors.As(err, &invalid) {
			t.Errorf("unknown schema reported as ValidationError")
		}
	}
}

func TestValueThatCannotBeEncoded(t *testing.T) {
	err := ValidateValue("room_engine_http_srv/get_room_info.request", map[string]any{"RoomId": make(chan int)})
	var invalid *ValidationError
	if !errors.As(err, &invalid) || !invalid.Has(NotJSON, Root) {
		t.Fatalf("got %v, want NotJSON at the root", err)
	}
}

func TestValidateValueAgreesWithValidate(t *testing.T) {
	const name = "room_engine_http_srv/create_room.request"
	for _, doc := range []string{
		`{"RoomInfo":{"RoomId":"r","RoomType":"Conference"}}`,
		`{"RoomInfo":{"RoomId":"` + strings.Repeat("€", 17) + `","RoomType":"Live","MaxMemberCount":-1}}`,
	} {
		var v any
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatal(err)
		}
		fromBytes, fromValue := Validate(name, []byte(doc)), ValidateValue(name, v)
		if !reflect.DeepEqual(fromBytes, fromValue) {
			t.Errorf("%s:\nValidate:      %v\nValidateValue: %v", doc, fromBytes, fromValue)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	err := Validate("room_engine_http_srv/create_room.request", []byte(`{"RoomInfo":{"RoomType":"Live","RoomId":7,"RoomName":"`+strings.Repeat("€", 34)+`"}}`))
	var invalid *ValidationError
	if !errors.As(err, &invalid) {
		t.Fatalf("got %T %v", err, err)
	}
	if invalid.Schema != "room_engine_http_srv/create_room.request" {
		t.Errorf("Schema = %q", invalid.Schema)
	}
	want := []Problem{
		{Kind: TooManyBytes, Field: "RoomInfo.RoomName", Detail: "102 bytes, at most 100"},
		{Kind: WrongType, Field: "RoomInfo.RoomId", WantType: "string", Detail: "want string, got integer"},
		{Kind: NotInEnum, Field: "RoomInfo.RoomType", Detail: `not one of "Conference"`},
	}
	sortProblems(want)
	if !reflect.DeepEqual(invalid.Problems, want) {
		t.Errorf("Problems =\n%#v\nwant\n%#v", invalid.Problems, want)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(invalid.Problems) || !sort.StringsAreSorted(lines) {
		t.Errorf("want one sorted line per problem:\n%v", err)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, invalid.Schema+": ") {
			t.Errorf("line does not start with the schema name: %q", l)
		}
	}
}
