package results

// Callback deliveries as results (issue 14): every delivery the suite's receiver got, of both
// families, and the events table the reports show beside the endpoint × code matrix.

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// DeliveryState is what became of one delivery.
type DeliveryState string

// The delivery states.
const (
	// DeliveryReceived: the receiver got it and no spec checked it (another spec's clean-up).
	DeliveryReceived DeliveryState = "received"
	// DeliveryVerified: a spec checked it (URL parameters, schema, values, signature) and every
	// check held.
	DeliveryVerified DeliveryState = "verified"
	// DeliveryFailed: a check failed: a spec's, or the receiver's signature check (stale or
	// forged, rejected).
	DeliveryFailed DeliveryState = "failed"
)

// Delivery is one callback the suite's receiver got.
type Delivery struct {
	Seq    int    `json:"seq"`
	SpecID string `json:"spec_id,omitempty"`
	// Family is the configuration it was checked as (conference or live); "" when no spec
	// checked it (EventFamily guesses).
	Family   string        `json:"family,omitempty"`
	Command  string        `json:"command"`
	URL      string        `json:"url"` // path and query as received; Sign redacted in outputs
	Body     string        `json:"body"`
	Received time.Time     `json:"received"`
	Signed   bool          `json:"signed,omitempty"`
	State    DeliveryState `json:"state"`
	Problem  string        `json:"problem,omitempty"`
}

// EventFamily is the family of a delivery: the one a spec checked it as, or else the one its
// command word belongs to; the shared seat word is Conference's when it names an operator
// (the Live page's payload has none, L-44).
func (d Delivery) EventFamily() string {
	if d.Family != "" {
		return d.Family
	}
	switch {
	case strings.HasPrefix(d.Command, "Room."):
		return string(catalog.FamilyConference)
	case d.Command == catalog.EventAfterSeatInfoChanged && strings.Contains(d.Body, `"Operator_Account"`):
		return string(catalog.FamilyConference)
	}
	return string(catalog.FamilyLive)
}

// EventState is the state of one documented event in a run.
type EventState string

// The event states.
const (
	EventVerified      EventState = "verified"       // delivered, and every delivery a spec checked held
	EventFailed        EventState = "failed"         // a delivery failed a check
	EventDelivered     EventState = "delivered"      // delivered, but no spec checked a delivery
	EventNotDelivered  EventState = "not-delivered"  // provokable here, never received in this run
	EventNotProvokable EventState = "not-provokable" // nothing this target exposes provokes it
)

// EventRow is one documented event in the events table.
type EventRow struct {
	Family    string     `json:"family"`
	Event     string     `json:"event"`
	Page      string     `json:"page"`
	Trigger   string     `json:"trigger"`
	By        []string   `json:"by,omitempty"`
	Delivered int        `json:"delivered"`
	Verified  int        `json:"verified"`
	Failed    int        `json:"failed"`
	State     EventState `json:"state"`
	Reason    string     `json:"reason,omitempty"`
}

// EventsTable lists every documented event (catalog.CallbackEvents) with what this run made of
// it; Unlisted counts deliveries of words that are no documented event of their family.
type EventsTable struct {
	Rows     []EventRow `json:"rows"`
	Unlisted int        `json:"unlisted"`
}

// Counts returns how many events are in each state.
func (t EventsTable) Counts() map[EventState]int {
	c := map[EventState]int{}
	for _, row := range t.Rows {
		c[row.State]++
	}
	return c
}

// Events builds the events table from the run's deliveries. An event provoked only through the
// control plane is not provokable on a target without one.
func (r *Run) Events() EventsTable {
	var t EventsTable
	index := map[string]int{}
	for _, e := range catalog.CallbackEvents() {
		row := EventRow{Family: string(e.Family), Event: e.Word, Page: e.Page, Trigger: string(e.Trigger), By: slices.Clone(e.By)}
		switch {
		case !e.Provokable():
			row.State, row.Reason = EventNotProvokable, e.NotProvokable
		case e.Trigger == catalog.TriggerControl && r.Target.ControlPlane == "" && r.Target.Kind != "":
			row.State, row.Reason = EventNotProvokable, "provoked through the emulator's control plane, and this target has none"
		}
		index[e.Key()] = len(t.Rows)
		t.Rows = append(t.Rows, row)
	}
	for _, d := range r.Deliveries {
		i, ok := index[d.EventFamily()+"/"+d.Command]
		if !ok {
			t.Unlisted++
			continue
		}
		row := &t.Rows[i]
		row.Delivered++
		switch d.State {
		case DeliveryVerified:
			row.Verified++
		case DeliveryFailed:
			row.Failed++
		}
	}
	for i := range t.Rows {
		row := &t.Rows[i]
		switch {
		case row.Failed > 0:
			row.State, row.Reason = EventFailed, ""
		case row.Verified > 0:
			row.State, row.Reason = EventVerified, ""
		case row.Delivered > 0:
			row.State, row.Reason = EventDelivered, "received, but no spec checked a delivery"
		case row.State == "":
			row.State, row.Reason = EventNotDelivered, "never received in this run (its specs were not selected, skipped, or the receiver was unreachable)"
		}
	}
	return t
}

// Secrets of the Live webhooks: the token in set/get_callback_token bodies and the Sign of a
// signed delivery.
var (
	tokenJSON = regexp.MustCompile(`("Token"\s*:\s*")[^"]*(")`)
	signQuery = regexp.MustCompile(`((?:^|[?&\s])Sign=)[^&\s"'<>#]*`)
)

// redactCallbackSecrets hides webhook tokens and signatures (part of redact).
func redactCallbackSecrets(s string) string {
	s = tokenJSON.ReplaceAllString(s, "${1}"+Redacted+"${2}")
	return signQuery.ReplaceAllString(s, "${1}"+Redacted)
}

// redactedDeliveries is the deliveries as outputs show them.
func redactedDeliveries(in []Delivery) []Delivery {
	out := make([]Delivery, len(in))
	for i, d := range in {
		d.URL, d.Body, d.Problem = redact(d.URL), redact(d.Body), redact(d.Problem)
		out[i] = d
	}
	return out
}

// mergeDeliveries appends a part's deliveries, renumbered after those already merged.
func mergeDeliveries(out *Run, part []Delivery) {
	for _, d := range part {
		d.Seq = len(out.Deliveries) + 1
		out.Deliveries = append(out.Deliveries, d)
	}
}

// writeEvents prints the events' counts on the console (WriteSummary), and only the events
// that failed: the whole table, with the reasons, is in index.html and results.json, so that
// the summary fits a screen.
func writeEvents(w io.Writer, r *Run) {
	t := r.Events()
	c := t.Counts()
	fmt.Fprintf(w, "\nCallback events: %d verified, %d failed, %d delivered unchecked, %d not delivered, %d not provokable (%d deliveries)\n",
		c[EventVerified], c[EventFailed], c[EventDelivered], c[EventNotDelivered], c[EventNotProvokable], len(r.Deliveries))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, row := range t.Rows {
		if row.State == EventFailed {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%d/%d/%d\t%s\n", row.Family, row.Event, row.State, row.Delivered, row.Verified, row.Failed, oneLine(row.Reason))
		}
	}
	tw.Flush()
	if t.Unlisted > 0 {
		fmt.Fprintf(w, "  %d deliveries of words that are no documented event\n", t.Unlisted)
	}
}

var eventsTemplate = template.Must(template.New("events").Parse(`<h2>Callback events</h2>
<p class="note">Every documented callback event of both families: delivered to the suite's receiver in this run, and verified by a spec (URL parameters, payload schema, values, the Live signature), failed, or not provokable on this target, with the reason. Counts: delivered / verified / failed. results.json has every delivery (<code>run.deliveries</code>), redacted.</p>
<table class="list" id="events">{{range .Rows}}<tr data-family="{{.Family}}" data-event="{{.Event}}" data-state="{{.State}}"><td><span class="tag {{$.Class .State}}">{{.State}}</span></td><td>{{.Family}}</td><td><a href="{{.Page}}"><code>{{.Event}}</code></a></td><td>{{.Delivered}} / {{.Verified}} / {{.Failed}}</td><td>{{.Trigger}}{{range .By}} <code>{{.}}</code>{{end}}</td><td class="note">{{.Reason}}</td></tr>{{end}}</table>
`))

type eventsView struct{ EventsTable }

func (eventsView) Class(s EventState) string {
	switch s {
	case EventVerified:
		return "s-passed"
	case EventFailed:
		return "s-failed"
	case EventNotProvokable:
		return "s-not-provokable"
	case EventDelivered:
		return "s-known-deviation"
	}
	return "s-not-covered"
}

// eventsHTML is the index.html section of the events table.
func eventsHTML(r *Run) template.HTML {
	var buf bytes.Buffer
	if err := eventsTemplate.Execute(&buf, eventsView{r.Events()}); err != nil {
		return template.HTML(template.HTMLEscapeString(err.Error()))
	}
	return template.HTML(buf.String()) // #nosec: rendered by html/template
}
