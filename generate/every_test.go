package generate

import (
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// TestEveryRequestSchemaYieldsCases fails when a request schema of the catalog yields no case
// (no documented sample to derive a baseline from, or a baseline the schema refuses), and when
// a catalogued command has no request schema: a new command cannot be left out of the
// generated cases.
func TestEveryRequestSchemaYieldsCases(t *testing.T) {
	have := map[string]bool{}
	total := 0
	for _, name := range RequestSchemas() {
		service, command, _ := strings.Cut(name, "/")
		if _, ok := catalog.Resolve(service, command); !ok {
			t.Errorf("%s: a request schema of no catalogued command", name)
		}
		have[name] = true
		baseline, err := Baseline(service, command)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		cases, err := Cases(service, command, baseline)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		refusals := 0
		for _, c := range cases {
			if !c.Intended {
				refusals++
			}
		}
		if len(cases) == 0 {
			t.Errorf("%s yields no case", name)
		}
		total += len(cases)
		t.Logf("%s: %d cases (%d refusals), baseline %s", name, len(cases), refusals, baseline)
	}
	for _, c := range catalog.Commands() {
		if !have[c.Key()] {
			t.Errorf("%s is catalogued but has no request schema, so no generated case", c.Key())
		}
	}
	t.Logf("%d request schemas, %d cases", len(have), total)
}
