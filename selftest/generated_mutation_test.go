package selftest

import (
	"encoding/json"
	"net/url"
	"strings"
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
		sent: func(_, path *string, _ url.Values, body *[]byte) {
			if !strings.HasSuffix(*path, "/live_engine_http_srv/update_room_info") {
				return
			}
			var packet map[string]any
			if json.Unmarshal(*body, &packet) != nil {
				return
			}
			info, _ := packet["RoomInfo"].(map[string]any)
			notice, _ := info["Notice"].(string)
			if len(notice) != 101 {
				return
			}
			cut := 100
			for cut > 0 && !utf8.RuneStart(notice[cut]) {
				cut--
			}
			info["Notice"] = notice[:cut] // what a server counting 101 bytes as 100 would store
			*body, _ = json.Marshal(packet)
		},
		mustFail: []string{"gen:live_engine_http_srv/update_room_info/RoomInfo.Notice/bytes-over-ascii"},
	},
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
	for _, m := range generatedOnlyMutations {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			filter := labelFilter(t, m, "")
			checkSelects(t, filter, m.mustFail)
			handWritten := runSuite(t, startMutant(t, m), "-ginkgo.label-filter="+withoutGenerated(filter))
			if handWritten.exitCode != 0 {
				t.Errorf("the hand-written specs (%s) already catch an emulator that %s, so the mutation proves nothing about the generated ones; failed: %v",
					withoutGenerated(filter), m.name, handWritten.failed())
			}
			if handWritten.run.Counts()[results.Pass] == 0 {
				t.Errorf("no hand-written spec of %s ran, so their passing proves nothing", filter)
			}
			all := runSuite(t, startMutant(t, m), "-ginkgo.label-filter="+filter)
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
