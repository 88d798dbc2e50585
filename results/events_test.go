package results

import (
	"bytes"
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

func TestEventsTableJudgesEveryDocumentedEvent(t *testing.T) {
	run := &Run{Target: Target{Kind: TargetEmbedded, ControlPlane: "http://cp"}, Deliveries: []Delivery{
		{Command: catalog.LiveEventCreateRoom, Family: "live", State: DeliveryVerified},
		{Command: catalog.LiveEventCreateRoom, State: DeliveryReceived},
		{Command: catalog.LiveEventDestroyRoom, State: DeliveryFailed, Problem: "forged Sign"},
		{Command: catalog.EventAfterSeatInfoChanged, Body: `{"Operator_Account":"a"}`, State: DeliveryReceived},
		{Command: "Live.Nope", State: DeliveryReceived},
	}}
	table := run.Events()
	if len(table.Rows) != len(catalog.CallbackEvents()) || table.Unlisted != 1 {
		t.Fatalf("%d rows, %d unlisted", len(table.Rows), table.Unlisted)
	}
	states := map[string]EventState{}
	for _, row := range table.Rows {
		states[row.Family+"/"+row.Event] = row.State
	}
	for key, want := range map[string]EventState{
		"live/" + catalog.LiveEventCreateRoom:             EventVerified,
		"live/" + catalog.LiveEventDestroyRoom:            EventFailed,
		"conference/" + catalog.EventAfterSeatInfoChanged: EventDelivered,
		"live/" + catalog.LiveEventSeatInfoChanged:        EventNotDelivered,
		"live/" + catalog.LiveEventCreateBattle:           EventNotProvokable,
		"conference/" + catalog.EventAfterMemberEnter:     EventNotDelivered,
	} {
		if states[key] != want {
			t.Errorf("%s: %s, want %s", key, states[key], want)
		}
	}
	var console bytes.Buffer
	writeEvents(&console, run)
	if !strings.Contains(console.String(), catalog.LiveEventDestroyRoom) || strings.Contains(console.String(), catalog.LiveEventCreateBattle) {
		t.Errorf("the console lists the failed events and only those:\n%s", console.String())
	}
	run.Target.ControlPlane = ""
	for _, row := range run.Events().Rows {
		if row.Event == catalog.EventAfterMemberEnter && row.State != EventNotProvokable {
			t.Errorf("an enter event without a control plane: %s", row.State)
		}
	}
}

func TestDeliveriesAreRedactedAndMerged(t *testing.T) {
	part := &Run{Deliveries: []Delivery{{Seq: 7, Command: catalog.LiveEventCreateRoom, URL: "/cb?SdkAppid=1&Sign=abcdef0123&RequestTime=1", State: DeliveryReceived}}}
	merged := Merge(part, part)
	if len(merged.Deliveries) != 2 || merged.Deliveries[1].Seq != 2 {
		t.Fatalf("merged %+v", merged.Deliveries)
	}
	merged.Exchanges = []Exchange{{Service: catalog.ServiceLiveConfig, Command: "set_callback_token", RequestBody: `{"Token": "very-secret-token","IsTokenEnable":true}`}}
	// A spec ran, so the page shows the run's tables rather than a stop at set-up.
	merged.Specs = []SpecResult{{ID: "s", Name: "sets a token", Outcome: Pass}}
	var out bytes.Buffer
	if err := WriteJSON(&out, merged); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"abcdef0123", "very-secret-token"} {
		if strings.Contains(out.String(), secret) {
			t.Errorf("results.json shows %q", secret)
		}
	}
	if !strings.Contains(out.String(), `"deliveries"`) || !strings.Contains(out.String(), `"events"`) {
		t.Error("results.json has no deliveries or events")
	}
	out.Reset()
	if err := WriteHTML(&out, merged); err != nil || !strings.Contains(out.String(), `id="events"`) || strings.Contains(out.String(), "abcdef0123") {
		t.Errorf("index.html: %v", err)
	}
	out.Reset()
	WriteSummary(&out, merged)
	if !strings.Contains(out.String(), "Callback events:") {
		t.Error("no events on the console")
	}
}
