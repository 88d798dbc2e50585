package selftest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/results"
)

// A mutation runs only the specs that can see it, so that each mutation costs a few specs
// instead of the whole suite: the specs labelled with the command (cmd:) of any spec its
// mustFail names, or with the overview rule (rule:) it breaks. checkSelects makes sure a
// filter still selects every spec mustFail names, so that a filter cannot hide a miss.

var (
	listOnce  sync.Once
	listSpecs []results.SpecResult
	listError error
)

// suiteSpecs lists the suite's specs with their labels: a dry run of the compiled suite,
// which runs nothing and writes results.json.
func suiteSpecs(t *testing.T) []results.SpecResult {
	t.Helper()
	bin := suiteBinary(t)
	listOnce.Do(func() {
		reports, err := os.MkdirTemp("", "trtc-selftest-list-")
		if err != nil {
			listError = err
			return
		}
		defer os.RemoveAll(reports)
		// A dry run writes none of the suite's reports, but Ginkgo's own JSON report, which
		// names and labels every spec as the results model does (FullText, Labels).
		ginkgoReport := filepath.Join(reports, "ginkgo.json")
		cmd := exec.Command(bin, "-test.count=1", "-ginkgo.dry-run", "-ginkgo.no-color", "-ginkgo.json-report="+ginkgoReport)
		cmd.Dir = "../suites"
		cmd.Env = append(os.Environ(), "TRTC_REPORTS_DIR="+reports, "TRTC_ENDPOINT=")
		if out, err := cmd.CombinedOutput(); err != nil {
			listError = &listingError{err: err, output: tail(out)}
			return
		}
		raw, err := os.ReadFile(ginkgoReport)
		if err != nil {
			listError = err
			return
		}
		var suites []types.Report
		if err := json.Unmarshal(raw, &suites); err != nil {
			listError = err
			return
		}
		for _, suite := range suites {
			for _, spec := range suite.SpecReports {
				if spec.LeafNodeType == types.NodeTypeIt {
					listSpecs = append(listSpecs, results.SpecResult{Name: spec.FullText(), Labels: spec.Labels()})
				}
			}
		}
	})
	if listError != nil {
		t.Fatalf("listing the suite's specs (dry run): %v", listError)
	}
	return listSpecs
}

type listingError struct {
	err    error
	output string
}

func (e *listingError) Error() string { return e.err.Error() + "\n" + e.output }

// labelFilter is the Ginkgo label filter of a mutation: rule:<ruleID> for a mutation that
// breaks an overview rule (ruleID not ""), otherwise the cmd: labels of the specs its
// mustFail names (their rule: labels, or their area:, for specs of no command).
func labelFilter(t *testing.T, m mutation, ruleID string) string {
	t.Helper()
	if ruleID != "" {
		return catalog.LabelRulePrefix + ruleID
	}
	var selected []string
	for _, want := range m.mustFail {
		for _, spec := range suiteSpecs(t) {
			if !strings.Contains(spec.Name, want) {
				continue
			}
			for _, prefix := range []string{catalog.LabelCommandPrefix, catalog.LabelRulePrefix, catalog.LabelAreaPrefix} {
				if labels := withPrefix(spec.Labels, prefix); len(labels) > 0 {
					selected = append(selected, labels...)
					break
				}
			}
		}
	}
	slices.Sort(selected)
	return strings.Join(slices.Compact(selected), " || ")
}

func withPrefix(labels []string, prefix string) []string {
	var out []string
	for _, l := range labels {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out
}

// checkSelects fails t unless filter is a valid label filter that selects, for each name of
// mustFail, at least one spec, and every spec named like it.
func checkSelects(t *testing.T, filter string, mustFail []string) {
	t.Helper()
	matches, err := types.ParseLabelFilter(filter)
	if err != nil {
		t.Fatalf("label filter %q: %v", filter, err)
	}
	for _, want := range mustFail {
		named := 0
		for _, spec := range suiteSpecs(t) {
			if !strings.Contains(spec.Name, want) {
				continue
			}
			named++
			if !matches(spec.Labels) {
				t.Errorf("label filter %q does not select %q (labels %v), which must fail", filter, spec.Name, spec.Labels)
			}
		}
		if named == 0 {
			t.Errorf("no spec of the suite is named like %q (renamed?)", want)
		}
	}
}

// TestMutationFiltersSelectTheirSpecs checks every mutation's filter without running the
// suite (fast, and also with -short).
func TestMutationFiltersSelectTheirSpecs(t *testing.T) {
	all := len(suiteSpecs(t))
	for _, m := range mutations {
		filter := labelFilter(t, m, "")
		checkSelects(t, filter, m.mustFail)
		if selected := countSelected(t, filter); selected == all {
			t.Errorf("%s: the filter %q selects the whole suite", m.name, filter)
		}
	}
	for id, m := range ruleMutations {
		checkSelects(t, labelFilter(t, m, id), m.mustFail)
	}
}

func countSelected(t *testing.T, filter string) int {
	matches, err := types.ParseLabelFilter(filter)
	if err != nil {
		t.Fatalf("label filter %q: %v", filter, err)
	}
	n := 0
	for _, spec := range suiteSpecs(t) {
		if matches(spec.Labels) {
			n++
		}
	}
	return n
}
