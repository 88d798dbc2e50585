package labels

import (
	"strings"
	"testing"
)

func TestLabelsAreValidGinkgoLabels(t *testing.T) {
	all := append(append(append(Area("room"), Command("room_engine_http_srv", "create_room")...), Code(0, 100004)...), NeedsControlPlane()...)
	want := []string{"area:room", "svc:room_engine_http_srv", "cmd:create_room", "code:0", "code:100004", NeedsControlPlaneLabel}
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
