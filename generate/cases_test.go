package generate

import (
	"slices"
	"testing"
)

const updateBaseline = `{"RoomInfo":{"RoomId":"` + RoomPlaceholder + `","RoomName":"gen"}}`

func TestCasesAreDeterministicAndNamedOnce(t *testing.T) {
	a, err := Cases("room_engine_http_srv", "update_room_info", updateBaseline)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Cases("room_engine_http_srv", "update_room_info", updateBaseline)
	seen := map[string]bool{}
	for i, c := range a {
		if seen[c.ID] {
			t.Errorf("case ID %s appears twice", c.ID)
		}
		seen[c.ID] = true
		if c.ID != b[i].ID || string(c.Body) != string(b[i].Body) {
			t.Errorf("case %d differs between two derivations: %s / %s", i, c.ID, b[i].ID)
		}
	}
	for _, want := range []string{
		"gen:room_engine_http_srv/update_room_info/RoomInfo/missing",
		"gen:room_engine_http_srv/update_room_info/RoomInfo.RoomId/missing",
		"gen:room_engine_http_srv/update_room_info/RoomInfo.RoomName/bytes-over-euro",
		"gen:room_engine_http_srv/update_room_info/RoomInfo.CustomInfo/bytes-at-ascii",
		"gen:room_engine_http_srv/update_room_info/RoomInfo.MaxMemberCount/min-past",
		"gen:room_engine_http_srv/update_room_info/RoomInfo.TakeSeatMode/enum-outside",
		"gen:room_engine_http_srv/update_room_info/RoomInfo.IsVideoDisabled/type-string",
		"gen:room_engine_http_srv/update_room_info/XGenUnknownField/unknown-field",
	} {
		if !seen[want] {
			t.Errorf("no case %s", want)
		}
	}
}

func TestEveryCaseOfARoomCommandAgreesWithItsSchema(t *testing.T) {
	for _, c := range []struct{ service, command, baseline string }{
		{"room_engine_http_srv", "update_room_info", updateBaseline},
		{"live_engine_http_srv", "update_room_info", updateBaseline},
		{"room_engine_http_mic", "lock_seat", `{"RoomId":"` + RoomPlaceholder + `","Index":0,"ForbidTaken":true}`},
	} {
		cases, err := Cases(c.service, c.command, c.baseline)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int{}
		for _, k := range cases {
			kinds[k.Kind]++
			if k.Contradiction != "" {
				t.Logf("%s: %s", k.ID, k.Contradiction)
			}
		}
		t.Logf("%s/%s: %d cases %v", c.service, c.command, len(cases), kinds)
		if len(cases) == 0 || !slices.ContainsFunc(cases, func(k Case) bool { return !k.Intended }) {
			t.Errorf("%s/%s: no refusal derived", c.service, c.command)
		}
	}
}

func TestByteCasesSitOnTheLimit(t *testing.T) {
	cases, err := Cases("room_engine_http_srv", "update_room_info", updateBaseline)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{KindBytesAtASCII: 100, KindBytesOverASCII: 101, KindBytesAtEuro: 100, KindBytesOverEuro: 101}
	found := 0
	for _, c := range cases {
		if c.Field.PathString() != "RoomInfo.RoomName" {
			continue
		}
		n, ok := want[c.Kind]
		if !ok {
			continue
		}
		found++
		s := c.Value.(string)
		if len(s) != n {
			t.Errorf("%s: %d bytes, want %d", c.ID, len(s), n)
		}
		if c.Kind == KindBytesOverEuro && len([]rune(s)) > 100 {
			t.Errorf("%s: %d characters; only a byte count may refuse it", c.ID, len([]rune(s)))
		}
		if c.Accepted != c.Intended {
			t.Errorf("%s: the schema's verdict %v differs from the kind's", c.ID, c.Accepted)
		}
	}
	if found != len(want) {
		t.Errorf("found %d byte cases of RoomName, want %d", found, len(want))
	}
}
