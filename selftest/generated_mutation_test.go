package selftest

import (
	"encoding/json"
	"net/url"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/results"
)

// generatedOnlyMutations each break a promise that only the generated specs check (the
// boundary cases derived from the schemas, gen:schema, and the property tests, gen:property):
// the hand-written specs of the same commands pass against them, which
// TestOnlyGeneratedSpecsCatchTheirMutations shows on every run.
var generatedOnlyMutations = []mutation{
	{
		// The hand-written specs accept a 100-byte Notice and never send 101 bytes (L-06).
		name: "lets a Notice one byte over its 100-byte limit through Live update_room_info",
		sent: sentPacket("/live_engine_http_srv/update_room_info", func(packet map[string]any) bool {
			info, _ := packet["RoomInfo"].(map[string]any)
			notice, _ := info["Notice"].(string)
			if len(notice) != 101 {
				return false
			}
			cut := 100
			for cut > 0 && !utf8.RuneStart(notice[cut]) {
				cut--
			}
			info["Notice"] = notice[:cut] // what a server counting 101 bytes as 100 would store
			return true
		}),
		mustFail: []string{"gen:live_engine_http_srv/update_room_info/RoomInfo.Notice/bytes-over-ascii"},
	},
	{
		// The hand-written pagination specs read pages of 1, 7 and the default size; the
		// property test reads pages of 2, and sees the member a full page of 2 loses.
		name: "drops the last member of a page of exactly two when more pages follow",
		response: func(path string, _ *int, body map[string]any) {
			response, _ := body["Response"].(map[string]any)
			list, _ := response["MemberList"].([]any)
			if next, _ := response["Next"].(string); strings.HasSuffix(path, "/get_room_member_list") && next != "" && len(list) == 2 {
				response["MemberList"] = list[:1]
			}
		},
		mustFail: []string{propertyConference},
	},
	banKeepsTheLastSeat(),
	{
		// A server that looks the destination's occupant up with "0 means none" loses the
		// occupant of seat 0 in a swap: it is taken off, not put on the mover's seat. The
		// hand-written swap spec moves onto the last seat; the property tests move both ways.
		name: "drops the occupant of seat 0 in a move_user_to_seat swap instead of seating it on the mover's seat",
		sent: sentPacket("/move_user_to_seat", func(packet map[string]any) bool {
			if policy, _ := packet["Policy"].(float64); policy != 2 || packet["SeatIndex"] != float64(0) {
				return false
			}
			packet["Policy"] = 1 // what the emulator does with a forced move: the occupant stands
			return true
		}),
		// The seat steps are the same in both rooms: whichever property draws the swap first.
		mustFail: []string{propertyEither},
	},
}

// sentPacket is a mutation's sent hook that rewrites, with edit, the JSON object of every call
// to a path ending in suffix; edit says whether it changed the packet.
func sentPacket(suffix string, edit func(packet map[string]any) bool) func(_, path *string, _ url.Values, body *[]byte) {
	return func(_, path *string, _ url.Values, body *[]byte) {
		if !strings.HasSuffix(*path, suffix) {
			return
		}
		var packet map[string]any
		if json.Unmarshal(*body, &packet) != nil || !edit(packet) {
			return
		}
		*body, _ = json.Marshal(packet)
	}
}

// propertyConference names the Conference property test (suites/property_test.go).
const propertyConference = "keeps a Conference room's invariants"

// propertyEither names both property tests.
const propertyEither = "Stateful properties (random command sequences)"

// banKeepsTheLastSeat is a server whose ban does not free the seat of a member who sits on
// the room's last seat. The proxy remembers who sat where (get_seat_list answers); after a ban
// of the member on the last seat, it answers that seat as still theirs while it is free. The
// answer does not name its room, so the proxy takes it from the call (the suite runs one call
// at a time in one process).
func banKeepsTheLastSeat() mutation {
	var mu sync.Mutex
	var asked string                      // the room of the get_seat_list call in flight
	seatOf := map[string]map[string]int{} // room → account → seat index, as last answered
	lastIndex := map[string]int{}         // room → index of its last seat
	stuck := map[string]map[int]string{}  // room → seat → the banned account shown there
	return mutation{
		name: "does not free the last seat of a banned member",
		request: func(path string, _ url.Values, body map[string]any) bool {
			room, _ := body["RoomId"].(string)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case strings.HasSuffix(path, "/get_seat_list"):
				asked = room
			case strings.HasSuffix(path, "/ban_room_member"):
				accounts, _ := body["MemberList_Account"].([]any)
				for _, a := range accounts {
					account, _ := a.(string)
					if index, seated := seatOf[room][account]; seated && index == lastIndex[room] {
						if stuck[room] == nil {
							stuck[room] = map[int]string{}
						}
						stuck[room][index] = account
					}
				}
			}
			return true
		},
		response: func(path string, _ *int, body map[string]any) {
			if !strings.HasSuffix(path, "/get_seat_list") {
				return
			}
			response, _ := body["Response"].(map[string]any)
			list, _ := response["SeatList"].([]any)
			mu.Lock()
			defer mu.Unlock()
			seats := map[string]int{}
			for _, entry := range list {
				seat, _ := entry.(map[string]any)
				index, _ := seat["Index"].(float64)
				lastIndex[asked] = max(lastIndex[asked], int(index))
				account, _ := seat["Member_Account"].(string)
				if banned, ok := stuck[asked][int(index)]; ok {
					if account == "" {
						seat["Member_Account"], account = banned, banned
					} else {
						delete(stuck[asked], int(index)) // someone else took it
					}
				}
				if account != "" {
					seats[account] = int(index)
				}
			}
			seatOf[asked] = seats
		},
		mustFail: []string{propertyConference},
	}
}

// withoutGenerated restricts a label filter to the hand-written specs.
func withoutGenerated(filter string) string {
	return "(" + filter + ") && !" + catalog.LabelGeneratedSchema + " && !" + catalog.LabelGeneratedProperty
}

// TestOnlyGeneratedSpecsCatchTheirMutations runs each mutation twice over the specs of the
// commands it breaks: without the generated specs the suite must pass (the hand-written ones
// miss it), with them it must fail, on the specs named.
func TestOnlyGeneratedSpecsCatchTheirMutations(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the conformance suite twice per mutation; skipped with -short")
	}
	t.Parallel() // from the start: a parent that waits for its subtests would hold back every parallel test
	for _, m := range generatedOnlyMutations {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			filter := labelFilter(t, m, "")
			checkSelects(t, filter, m.mustFail)
			var handWritten, all suiteRun
			atOnce(t, map[string]func(*testing.T){
				"hand-written": func(t *testing.T) {
					handWritten = runSuite(t, startMutant(t, m), "-ginkgo.label-filter="+withoutGenerated(filter))
				},
				"all": func(t *testing.T) { all = runSuite(t, startMutant(t, m), "-ginkgo.label-filter="+filter) },
			})
			if t.Failed() {
				return
			}
			if handWritten.exitCode != 0 {
				t.Errorf("the hand-written specs (%s) already catch an emulator that %s, so the mutation proves nothing about the generated ones; failed: %v",
					withoutGenerated(filter), m.name, handWritten.failed())
			}
			if handWritten.run.Counts()[results.Pass] == 0 {
				t.Errorf("no hand-written spec of %s ran, so their passing proves nothing", filter)
			}
			if all.exitCode == 0 {
				t.Errorf("the suite with its generated specs passed against an emulator that %s", m.name)
			}
			for _, want := range m.mustFail {
				if !anyContains(all.failed(), want) {
					t.Errorf("no failed spec is named like %q; failed: %v", want, all.failed())
				}
			}
		})
	}
}
