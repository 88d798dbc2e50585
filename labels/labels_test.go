package labels

import (
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

func TestLabelsAreValidGinkgoLabels(t *testing.T) {
	all := append(append(append(Area("room"), Command("room_engine_http_srv", "create_room")...), Code(0, 100004)...), NeedsControlPlane()...)
	want := []string{"area:room", "svc:room_engine_http_srv", "cmd:create_room", "family:conference", "code:0", "code:100004", catalog.LabelNeedsControlPlane}
	if strings.Join(all, " ") != strings.Join(want, " ") {
		t.Fatalf("labels = %v, want %v", all, want)
	}
	for _, label := range all {
		if strings.ContainsAny(label, "&|!,()/") {
			t.Errorf("label %q holds a character Ginkgo forbids", label)
		}
	}
	if !Has(all, "code:100004") || Has(all, "code:1") {
		t.Error("Has does not find exactly the labels present")
	}
}

func TestCommandOutsideTheCatalogHasNoFamily(t *testing.T) {
	got := Command("no_such_service", "no_such_command")
	if strings.Join(got, " ") != "svc:no_such_service cmd:no_such_command" {
		t.Errorf("labels = %v", got)
	}
	if got := Family(catalog.FamilyLive); strings.Join(got, " ") != "family:live" {
		t.Errorf("Family(live) = %v", got)
	}
}

func TestRuleLabelsNameCatalogRules(t *testing.T) {
	for _, rule := range catalog.Rules() {
		got := Rule(rule.ID)
		if len(got) != 1 || got[0] != catalog.LabelRulePrefix+rule.ID || strings.ContainsAny(got[0], "&|!,()/ ") {
			t.Errorf("Rule(%q) = %v", rule.ID, got)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Rule accepted an ID that names no overview rule")
		}
	}()
	Rule("R-no-such-rule")
}
