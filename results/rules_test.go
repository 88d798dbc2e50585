package results

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

func ruleRun() *Run {
	spec := func(name string, o Outcome, labels ...string) SpecResult {
		return SpecResult{ID: name, Name: name, Outcome: o, Labels: labels}
	}
	return &Run{Suite: "s", Specs: []SpecResult{
		spec("Conference takes POST only GET", Pass, "family:conference", "rule:R-method-post"),
		spec("Live takes POST only GET", Fail, "family:live", "rule:R-method-post"),
		spec("Conference takes random 0", Skipped, "family:conference", "rule:R-query-random"),
		spec("Conference a body that is not JSON", Pass, "family:conference", "rule:R-body-json"),
		spec("Live a body that is not JSON", Error, "family:live", "rule:R-body-json"),
		spec("Conference 3 s", Pass, "family:conference", "rule:R-timeout"),
		spec("Live 3 s", KnownDeviation, "family:live", "rule:R-timeout"),
		spec("presets", Pass, "rule:R-host", "rule:R-renamed-long-ago"),
		spec("unrelated", Fail, "cmd:create_room"),
	}}
}

func TestRulesTableHasOneRowPerCatalogRuleWithItsState(t *testing.T) {
	table := ruleRun().Rules()
	if len(table.Rows) != len(catalog.Rules()) {
		t.Fatalf("%d rows, %d rules", len(table.Rows), len(catalog.Rules()))
	}
	rows := map[string]RuleRow{}
	for i, row := range table.Rows {
		if row.ID != catalog.Rules()[i].ID {
			t.Errorf("row %d is %s, not in the page's order", i, row.ID)
		}
		rows[row.ID] = row
	}
	for id, want := range map[string]RuleState{
		"R-method-post": RuleBroken, "R-query-random": RuleNotRun, "R-body-json": RuleError,
		"R-timeout": RuleBroken, "R-host": RuleKept, "R-envelope": RuleNotRun,
	} {
		if got := rows[id].State; got != want {
			t.Errorf("%s: state %q, want %q", id, got, want)
		}
	}
	post := rows["R-method-post"]
	if len(post.Specs) != 2 || len(post.Families) != 2 ||
		post.Families[0] != (FamilyState{"conference", RuleKept}) || post.Families[1] != (FamilyState{"live", RuleBroken}) {
		t.Errorf("R-method-post: families %v, specs %v", post.Families, post.Specs)
	}
	if strings.Join(table.Unknown, ",") != "R-renamed-long-ago" {
		t.Errorf("unknown rule labels %v", table.Unknown)
	}
	if c := table.Counts(); c[RuleKept] != 1 || c[RuleBroken] != 2 || c[RuleError] != 1 {
		t.Errorf("counts %v", c)
	}
	if empty := (*Run)(nil).Rules(); len(empty.Rows) != len(catalog.Rules()) || empty.Rows[0].State != RuleNotRun {
		t.Errorf("a nil run: %v", empty)
	}
}

func TestRulesTableIsRenderedInEveryReport(t *testing.T) {
	run := ruleRun()
	var js bytes.Buffer
	if err := WriteJSON(&js, run); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Rules RulesTable `json:"rules"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil || len(doc.Rules.Rows) != len(catalog.Rules()) {
		t.Fatalf("results.json rules: %v, %+v", err, doc.Rules)
	}
	if doc.Rules.Rows[0].Specs == nil || doc.Rules.Rows[0].Families == nil {
		t.Error("empty lists are written as null")
	}

	var text bytes.Buffer
	WriteSummary(&text, run)
	out := text.String()
	for _, want := range []string{"RESTful API overview rules: 1 kept, 2 broken, 1 error,", "R-method-post", "broken", "(conference: kept, live: broken)",
		`rule label "R-renamed-long-ago" names no rule`} {
		if !strings.Contains(out, want) {
			t.Errorf("console summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "R-query-sdkappid") {
		t.Error("a rule kept is listed on the console: only the rules not kept fit a screen")
	}
	if strings.Index(out, "overview rules") < strings.Index(out, "matrix") {
		t.Error("the rules come before the matrix in the console summary")
	}

	var page bytes.Buffer
	if err := WriteHTML(&page, run); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	for _, want := range []string{`id="rules"`, `data-rule="R-method-post" data-state="broken"`, `data-rule="R-host" data-state="kept"`,
		`data-family="live">live: broken`, "Live takes POST only GET", "R-renamed-long-ago"} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
}
