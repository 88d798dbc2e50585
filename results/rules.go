package results

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// RuleState says whether the target keeps one rule of the RESTful API overview, from the
// outcomes of the specs labelled with it.
type RuleState string

// The rule states, worst first.
const (
	// RuleBroken: a spec of the rule failed (or failed as a declared known deviation).
	RuleBroken RuleState = "broken"
	// RuleError: no spec failed, but one ended in an environment error.
	RuleError RuleState = "error"
	// RuleKept: a spec of the rule passed and none failed or errored.
	RuleKept RuleState = "kept"
	// RuleNotRun: no spec of the rule ran (none selected, or all skipped).
	RuleNotRun RuleState = "not run"
)

// RuleSpec is one spec asserting a rule, and how it ended.
type RuleSpec struct {
	Name    string  `json:"name"`
	Family  string  `json:"family,omitempty"` // the spec's family:<…> label, when it has one
	Outcome Outcome `json:"outcome"`
}

// FamilyState is a rule's state over the specs of one family.
type FamilyState struct {
	Family string    `json:"family"`
	State  RuleState `json:"state"`
}

// RuleRow is one overview rule with the specs that assert it.
type RuleRow struct {
	ID       string        `json:"id"`
	Summary  string        `json:"summary"`
	Page     string        `json:"page"`
	State    RuleState     `json:"state"`
	Families []FamilyState `json:"families"`
	Specs    []RuleSpec    `json:"specs"`
}

// RulesTable lists every rule of catalog.Rules, in the page's order.
type RulesTable struct {
	Rows []RuleRow `json:"rows"`
	// Unknown are rule labels of the run that name no catalog rule (a renamed rule).
	Unknown []string `json:"unknown,omitempty"`
}

// Rules builds the rules table from the specs' rule:<ID> labels.
func (r *Run) Rules() RulesTable {
	byRule := map[string][]RuleSpec{}
	unknown := map[string]bool{}
	if r != nil {
		for _, s := range sortedSpecs(r.Specs) {
			family := ""
			for _, label := range s.Labels {
				if f, ok := strings.CutPrefix(label, catalog.LabelFamilyPrefix); ok {
					family = f
				}
			}
			for _, label := range s.Labels {
				id, ok := strings.CutPrefix(label, catalog.LabelRulePrefix)
				if !ok {
					continue
				}
				if _, known := catalog.LookupRule(id); !known {
					unknown[id] = true
					continue
				}
				byRule[id] = append(byRule[id], RuleSpec{Name: displayName(s), Family: family, Outcome: s.Outcome.normalized()})
			}
		}
	}
	t := RulesTable{Rows: []RuleRow{}}
	for _, rule := range catalog.Rules() {
		specs := byRule[rule.ID]
		row := RuleRow{ID: rule.ID, Summary: rule.Summary, Page: rule.Page, State: ruleState(specs),
			Families: []FamilyState{}, Specs: append([]RuleSpec{}, specs...)}
		families := map[string][]RuleSpec{}
		for _, s := range specs {
			if s.Family != "" {
				families[s.Family] = append(families[s.Family], s)
			}
		}
		for _, f := range slices.Sorted(maps.Keys(families)) {
			row.Families = append(row.Families, FamilyState{Family: f, State: ruleState(families[f])})
		}
		t.Rows = append(t.Rows, row)
	}
	for id := range unknown {
		t.Unknown = append(t.Unknown, id)
	}
	slices.Sort(t.Unknown)
	return t
}

// ruleState is broken if any spec failed, else error if any errored, else kept if any passed.
func ruleState(specs []RuleSpec) RuleState {
	state := RuleNotRun
	for _, s := range specs {
		switch s.Outcome {
		case Fail, KnownDeviation:
			return RuleBroken
		case Error:
			state = RuleError
		case Pass:
			if state == RuleNotRun {
				state = RuleKept
			}
		}
	}
	return state
}

// Counts returns how many rules are in each state.
func (t RulesTable) Counts() map[RuleState]int {
	c := map[RuleState]int{RuleKept: 0, RuleBroken: 0, RuleError: 0, RuleNotRun: 0}
	for _, row := range t.Rows {
		c[row.State]++
	}
	return c
}

// writeRules writes the rules of the overview for the console: a counts line, then one line
// per rule not kept, with its state per family (its specs are listed once, with the failures;
// the full table is in the reports).
func writeRules(w io.Writer, r *Run) {
	t := r.Rules()
	c := t.Counts()
	fmt.Fprintf(w, "\nRESTful API overview rules: %d kept, %d broken, %d error, %d not run\n",
		c[RuleKept], c[RuleBroken], c[RuleError], c[RuleNotRun])
	width := 0
	for _, row := range t.Rows {
		width = max(width, len(row.ID))
	}
	for _, row := range t.Rows {
		if row.State != RuleBroken && row.State != RuleError {
			continue
		}
		families := make([]string, 0, len(row.Families))
		for _, f := range row.Families {
			families = append(families, f.Family+": "+string(f.State))
		}
		fmt.Fprintf(w, "  %-*s  %-8s %s", width, row.ID, row.State, row.Summary)
		if len(families) > 0 {
			fmt.Fprintf(w, " (%s)", strings.Join(families, ", "))
		}
		fmt.Fprintln(w)
	}
	for _, id := range t.Unknown {
		fmt.Fprintf(w, "  rule label %q names no rule of the catalog\n", id)
	}
}

// ruleClass is the CSS class of a rule state (the outcome colours of the spec counts).
func ruleClass(s RuleState) string {
	return cmp.Or(map[RuleState]string{RuleKept: "o-pass", RuleBroken: "o-fail", RuleError: "o-error"}[s], "o-skipped")
}
