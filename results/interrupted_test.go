package results

import (
	"bytes"
	"strings"
	"testing"
)

// TestInterruptedRunIsSaidEverywhere: a run stopped by a silent target says so in every
// output, and its not-run specs are not taken for cells the target cannot provoke.
func TestInterruptedRunIsSaidEverywhere(t *testing.T) {
	run := &Run{
		Suite:       "interrupted",
		Interrupted: "the target went silent: 5 calls in a row got no answer",
		Specs: []SpecResult{{ID: "a", Name: "a", Outcome: Skipped, Reason: ReasonNotRunTargetSilent,
			Labels: []string{"svc:room_engine_http_srv", "cmd:get_room_info", "code:100004"}}},
	}
	var jsonOut, junitOut, htmlOut, console bytes.Buffer
	if err := WriteJSON(&jsonOut, run); err != nil {
		t.Fatal(err)
	}
	if err := WriteJUnit(&junitOut, run); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&htmlOut, run); err != nil {
		t.Fatal(err)
	}
	WriteSummary(&console, run)
	for name, text := range map[string]string{"json": jsonOut.String(), "junit": junitOut.String(), "html": htmlOut.String(), "console": console.String()} {
		if !strings.Contains(text, "the target went silent") {
			t.Errorf("%s does not say the run was interrupted", name)
		}
	}
	back, err := ReadJSON(&jsonOut)
	if err != nil || back.Interrupted != run.Interrupted {
		t.Errorf("read back: %q %v", back.Interrupted, err)
	}
	if merged := Merge(&Run{}, run); merged.Interrupted != run.Interrupted {
		t.Errorf("Merge lost Interrupted: %q", merged.Interrupted)
	}
	for _, row := range run.Matrix().Rows {
		for _, cell := range row.Cells {
			if cell.State == CellNotProvokable {
				t.Errorf("a spec not run made %s %d not provokable", row.Key(), cell.Code)
			}
		}
	}
}
