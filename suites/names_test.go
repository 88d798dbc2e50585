package suites

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/types"
	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// Full spec names key the reports (results.json, known deviations, trtc-results-diff, the
// selftest's mustFail): two specs of one name would be one row, the verdict of either.
var _ = ReportAfterSuite("every spec has a name of its own", func(report Report) {
	if repeated := repeatedSpecNames(report.SpecReports); len(repeated) > 0 {
		Fail(fmt.Sprintf("%d spec names are used more than once; give each spec its own:\n  %s",
			len(repeated), strings.Join(repeated, "\n  ")))
	}
})

// repeatedSpecNames lists, sorted, the full names that more than one It carries.
func repeatedSpecNames(specs types.SpecReports) []string {
	count := map[string]int{}
	for _, spec := range specs {
		if spec.LeafNodeType == types.NodeTypeIt {
			count[spec.FullText()]++
		}
	}
	var repeated []string
	for name, n := range count {
		if n > 1 {
			repeated = append(repeated, name)
		}
	}
	slices.Sort(repeated)
	return repeated
}

func TestRepeatedSpecNames(t *testing.T) {
	it := func(texts ...string) types.SpecReport {
		return types.SpecReport{LeafNodeType: types.NodeTypeIt, ContainerHierarchyTexts: texts[:len(texts)-1], LeafNodeText: texts[len(texts)-1]}
	}
	specs := types.SpecReports{
		it("bans", "pages, page size 1, 1 entries"),
		it("bans", "pages, page size 1, 1 entries"),
		it("bans", "pages, page size 1, 2 entries"),
		it("other bans", "pages, page size 1, 1 entries"),
		{LeafNodeType: types.NodeTypeBeforeSuite},
		{LeafNodeType: types.NodeTypeBeforeSuite},
	}
	if got := repeatedSpecNames(specs); !slices.Equal(got, []string{"bans pages, page size 1, 1 entries"}) {
		t.Errorf("repeatedSpecNames = %q", got)
	}
}

// TestEveryRoomCommandIsCheckedOnceDestroyed holds the families' roomCommands against the
// catalog: a command added there must join the destroy table.
func TestEveryRoomCommandIsCheckedOnceDestroyed(t *testing.T) {
	for _, f := range []family{conference, live} {
		listed := map[string]bool{}
		for _, c := range f.roomCommands {
			listed[c.service+"/"+c.name] = true
		}
		for _, c := range catalog.Commands() {
			if string(c.Family) != strings.ToLower(f.name) || c.Name == "create_room" || c.Name == "get_room_list" || applicationCommands[c.Key()] {
				continue
			}
			if !listed[c.Key()] {
				t.Errorf("%s: %s addresses a room but is not in the family's roomCommands", f.name, c.Key())
			}
		}
	}
}
