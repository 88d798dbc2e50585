package results

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// Limits that keep the HTML report readable; results.json has everything.
const (
	htmlExchangesPerSpec = 6
	htmlBodyLimit        = 4000
)

// WriteHTML writes r as one self-contained HTML page (inline CSS, no script, no external
// asset): the target and configuration, the outcome counts, the failures and errors first
// (a list of links at the top, then each with its message and exchanges, known deviations
// after them), the endpoint × error-code matrix as a colour grid (one table per service,
// scrolling within its frame under a sticky header; see BuildMatrix), the cells that need attention, the overview rules, the deviations no
// longer observed, and the skipped specs with their reasons. A run in which no spec ran
// shows its target and why at the top instead of an empty matrix. UserSig values are
// redacted from every text.
//
// Every matrix cell is an element with data-command ("<service>/<command>"), data-code,
// data-state (a CellState) and data-documented attributes, so that tools can read the
// matrix back from the page.
func WriteHTML(w io.Writer, r *Run) error {
	if r == nil {
		r = &Run{}
	}
	page := buildHTMLPage(r)
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, page); err != nil {
		return fmt.Errorf("results: write HTML: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("results: write HTML: %w", err)
	}
	return nil
}

type htmlKV struct{ Key, Value string }

type htmlCount struct {
	Key, Label, Class string
	N                 int
}

type htmlCell struct {
	Present                bool // false: the code is not documented for this row
	Command, State, Class  string
	Code                   int
	Text, Title            string
	Documented, Injected   bool
	DocumentedAttr, Prefix string
}

type htmlRow struct {
	Key, Command, Page string
	CodesComplete      bool
	Cells              []htmlCell
	Extra              []htmlCell
}

type htmlGrid struct {
	Service string
	Codes   []htmlCode
	Rows    []htmlRow
}

type htmlCode struct {
	Code    int
	Meaning string
}

type htmlAttention struct {
	Key, State, Class, Note string
	Code                    int
}

type htmlExchange struct {
	Seq                             int
	Method, URL, Request, Status    string
	Response, TransportError, Codes string
	Injected                        bool
}

type htmlProblem struct {
	// Anchor is the element id of the spec's section, linked from the list at the top of the
	// page; derived from the spec's ID, so that a link to it stays valid from run to run.
	Anchor                             string
	ID, Name, Outcome, Class, Location string
	Labels                             []string
	Reason, Deviation                  string
	Exchanges                          []htmlExchange
	More                               int
}

type htmlPage struct {
	Suite, Started, Finished, Duration string
	Interrupted                        string
	Target, Config                     []htmlKV
	Counts, CellCounts                 []htmlCount
	Grids                              []htmlGrid
	Attention                          []htmlAttention
	NotProvokable                      []cellGroup
	Problems                           []htmlProblem
	Gone                               []htmlProblem
	Skipped                            []htmlProblem
	DocumentedCells, PassedCells       int
	// StoppedAtSetup: no spec ran (set-up failed, or nothing was selected); the page then
	// shows the target and SetupReason at the top instead of an empty matrix.
	StoppedAtSetup bool
	SetupReason    string
	Rules          []htmlRule
	RuleCounts     []htmlCount
	UnknownRules   []string
	Events         template.HTML // the callback events table (events.go)
}

// htmlRule is one row of the overview rules table.
type htmlRule struct {
	ID, Summary, Page, State, Class string
	Families                        []htmlRuleFamily
	Specs                           []htmlRuleSpec
}

type htmlRuleFamily struct{ Family, State, Class string }

type htmlRuleSpec struct{ Name, Outcome, Class string }

func buildHTMLPage(r *Run) htmlPage {
	p := htmlPage{Suite: orDash(cleanText(r.Suite)), Interrupted: cleanText(redact(r.Interrupted))}
	if !r.Started.IsZero() {
		p.Started = r.Started.UTC().Format(time.RFC3339)
	}
	if !r.Finished.IsZero() {
		p.Finished = r.Finished.UTC().Format(time.RFC3339)
	}
	p.Duration = seconds(suiteSeconds(r)) + " s"
	cp := r.Target.ControlPlane
	if cp == "" {
		cp = "none"
	}
	p.Target = []htmlKV{
		{"kind", r.Target.Kind}, {"endpoint", redact(r.Target.Endpoint)},
		{"sdkappid", strconv.FormatUint(r.Target.SDKAppID, 10)}, {"admin", r.Target.Admin},
		{"control plane", redact(cp)},
	}
	for _, k := range slices.Sorted(maps.Keys(r.Config)) {
		p.Config = append(p.Config, htmlKV{cleanText(k), cleanText(redact(r.Config[k]))})
	}

	counts := r.Counts()
	for _, o := range Outcomes() {
		p.Counts = append(p.Counts, htmlCount{Key: string(o), Label: outcomeLabel(o), Class: "o-" + string(o), N: counts[o]})
	}

	m := r.Matrix()
	cellCounts := m.Counts()
	for _, s := range CellStates() {
		c := htmlCount{Key: string(s), Label: s.Label(), Class: "s-" + string(s), N: cellCounts[s]}
		p.CellCounts = append(p.CellCounts, c)
		p.DocumentedCells += c.N
	}
	p.PassedCells = cellCounts[CellPassed]
	p.Grids = buildGrids(m)
	p.NotProvokable = notProvokableGroups(m)
	for _, row := range m.Rows {
		for _, c := range row.Cells {
			if note := cellNote(c); note != "" {
				p.Attention = append(p.Attention, htmlAttention{Key: row.Key(), Code: c.Code, State: c.State.Label(), Class: "s-" + string(c.State), Note: note})
			}
		}
	}

	rules := r.Rules()
	ruleCounts := rules.Counts()
	for _, st := range []RuleState{RuleKept, RuleBroken, RuleError, RuleNotRun} {
		p.RuleCounts = append(p.RuleCounts, htmlCount{Key: string(st), Label: string(st), Class: ruleClass(st), N: ruleCounts[st]})
	}
	for _, row := range rules.Rows {
		view := htmlRule{ID: row.ID, Summary: cleanText(row.Summary), Page: row.Page, State: string(row.State), Class: ruleClass(row.State)}
		for _, f := range row.Families {
			view.Families = append(view.Families, htmlRuleFamily{f.Family, string(f.State), ruleClass(f.State)})
		}
		for _, s := range row.Specs {
			view.Specs = append(view.Specs, htmlRuleSpec{cleanText(s.Name), outcomeLabel(s.Outcome), "o-" + string(s.Outcome)})
		}
		p.Rules = append(p.Rules, view)
	}
	p.UnknownRules = rules.Unknown
	p.Events = eventsHTML(r)

	bySpec := map[string][]Exchange{}
	for _, e := range r.Exchanges {
		bySpec[e.SpecID] = append(bySpec[e.SpecID], e)
	}
	referenced := map[string]map[int]bool{}
	for _, a := range r.Assertions {
		if !a.Passed {
			if referenced[a.SpecID] == nil {
				referenced[a.SpecID] = map[int]bool{}
			}
			referenced[a.SpecID][a.ExchangeSeq] = true
		}
	}
	var deviations []htmlProblem // listed after the failures and errors
	for _, s := range sortedSpecs(r.Specs) {
		o := s.Outcome.normalized()
		switch {
		case o == Fail || o == Error || o == KnownDeviation:
			prob := problemView(s)
			prob.Exchanges, prob.More = exchangesView(bySpec[s.ID], referenced[s.ID])
			if o == KnownDeviation {
				deviations = append(deviations, prob)
			} else {
				p.Problems = append(p.Problems, prob)
			}
		case o == Skipped:
			p.Skipped = append(p.Skipped, problemView(s))
		}
		if s.Deviation != nil && !s.Deviation.Observed && o == Pass {
			p.Gone = append(p.Gone, problemView(s))
		}
	}
	p.Problems = append(p.Problems, deviations...)
	p.StoppedAtSetup, p.SetupReason = stoppedAtSetup(r)
	return p
}

// stoppedAtSetup reports whether no spec of r ran, and why: the message of the suite-level
// node that failed ("[BeforeSuite] ..."), or what the specs' skip reasons say.
func stoppedAtSetup(r *Run) (bool, string) {
	var suiteFailure, skipReason string
	for _, s := range r.Specs {
		o := s.Outcome.normalized()
		switch {
		case strings.HasPrefix(s.Name, "[") && o != Pass && o != Skipped: // a suite-level node that failed
			if suiteFailure == "" {
				suiteFailure = cleanText(redact(strings.TrimSpace(s.Name) + ": " + s.Reason))
			}
		case o != Skipped:
			return false, ""
		case skipReason == "":
			skipReason = cleanText(redact(s.Reason))
		}
	}
	switch {
	case suiteFailure != "":
		return true, suiteFailure
	case skipReason != "":
		return true, "every spec was skipped: " + skipReason
	}
	return true, "the run recorded no spec at all (it was stopped before any ran, or the filters selected none)"
}

// problemAnchor is the element id of a spec's section: stable for the spec's ID.
func problemAnchor(id string) string {
	h := fnv.New64a()
	h.Write([]byte(id))
	return fmt.Sprintf("spec-%016x", h.Sum64())
}

// buildGrids groups the rows by service, each grid with the union of its rows' documented
// codes as columns.
func buildGrids(m Matrix) []htmlGrid {
	var grids []htmlGrid
	index := map[string]int{}
	for _, row := range m.Rows {
		i, ok := index[row.Service]
		if !ok {
			i = len(grids)
			index[row.Service] = i
			grids = append(grids, htmlGrid{Service: row.Service})
		}
		grids[i].Rows = append(grids[i].Rows, htmlRow{Key: row.Key(), Command: row.Command, Page: row.Page, CodesComplete: row.CodesComplete})
	}
	for gi := range grids {
		var codes []int
		for _, row := range m.Rows {
			if row.Service != grids[gi].Service {
				continue
			}
			for _, c := range row.Cells {
				if c.Documented {
					codes = append(codes, c.Code)
				}
			}
		}
		codes = sortedUnique(codes)
		for _, code := range codes {
			grids[gi].Codes = append(grids[gi].Codes, htmlCode{Code: code, Meaning: catalog.Meaning(code)})
		}
		ri := 0
		for _, row := range m.Rows {
			if row.Service != grids[gi].Service {
				continue
			}
			hr := &grids[gi].Rows[ri]
			ri++
			for _, code := range codes {
				c, ok := row.Cell(code)
				if !ok || !c.Documented {
					hr.Cells = append(hr.Cells, htmlCell{})
					continue
				}
				hr.Cells = append(hr.Cells, cellView(row.Key(), c))
			}
			for _, c := range row.Cells {
				if !c.Documented {
					hr.Extra = append(hr.Extra, cellView(row.Key(), c))
				}
			}
		}
	}
	return grids
}

func cellView(key string, c MatrixCell) htmlCell {
	v := htmlCell{Present: true, Command: key, Code: c.Code, State: string(c.State), Class: "s-" + string(c.State),
		Documented: c.Documented, DocumentedAttr: strconv.FormatBool(c.Documented), Injected: c.Injected}
	switch c.State {
	case CellPassed:
		v.Text = "pass"
	case CellFailed:
		v.Text = "FAIL"
	case CellOtherCode:
		got := make([]string, len(c.Got))
		for i, g := range c.Got {
			got[i] = strconv.Itoa(g)
		}
		v.Text = "got " + strings.Join(got, ",")
	case CellError:
		v.Text = "error"
	case CellKnownDeviation:
		v.Text = "dev"
	case CellNotProvokable:
		v.Text = "n/p"
	default:
		v.Text = "–"
	}
	if c.Injected {
		v.Text += "*"
	}
	if c.OnlyGenerated() {
		v.Text += "†"
	}
	if !c.Documented {
		v.Prefix = strconv.Itoa(c.Code) + " "
	}
	title := fmt.Sprintf("%s %s: %s", key, catalog.Describe(c.Code), c.State.Label())
	if c.Injected {
		title += ", only through fault injection"
	}
	if c.Generated > 0 {
		title += fmt.Sprintf(", %d of the passed assertions by generated cases", c.Generated)
	}
	if n := c.Passed + c.Failed + c.OtherCode + c.Errors + c.Deviations; n > 0 {
		title += fmt.Sprintf(" (assertions: %d passed, %d failed, %d got another code, %d errors, %d deviations)",
			c.Passed, c.Failed, c.OtherCode, c.Errors, c.Deviations)
	}
	if c.Reason != "" {
		title += "; " + c.Reason
	}
	if note := cellNote(c); note != "" && c.State != CellNotProvokable {
		title += "; " + note
	}
	v.Title = cleanText(redact(title))
	return v
}

func problemView(s SpecResult) htmlProblem {
	o := s.Outcome.normalized()
	p := htmlProblem{Anchor: problemAnchor(s.ID), ID: s.ID, Name: displayName(s), Outcome: outcomeLabel(o), Class: "o-" + string(o),
		Location: cleanText(s.Location), Labels: sortedLabels(s.Labels), Reason: cleanText(redact(s.Reason))}
	if d := s.Deviation; d != nil {
		p.Deviation = cleanText(redact(deviationText(*d)))
	}
	return p
}

// exchangesView shows the exchanges a failing assertion referenced, then the spec's last
// ones, up to htmlExchangesPerSpec, in recording order; more is how many were left out.
func exchangesView(all []Exchange, referenced map[int]bool) (out []htmlExchange, more int) {
	keep := map[int]bool{}
	for i, e := range all {
		if referenced[e.Seq] && len(keep) < htmlExchangesPerSpec {
			keep[i] = true
		}
	}
	for i := len(all) - 1; i >= 0 && len(keep) < htmlExchangesPerSpec; i-- {
		keep[i] = true
	}
	for i, e := range all {
		if !keep[i] {
			continue
		}
		x := htmlExchange{Seq: e.Seq, Method: cleanText(e.Method), URL: cleanText(redact(e.URL)),
			Request: prettyBody(e.RequestBody), Response: prettyBody(e.ResponseBody),
			TransportError: cleanText(redact(e.TransportError)), Injected: e.Injected}
		if e.HTTPStatus != 0 {
			x.Status = "HTTP " + strconv.Itoa(e.HTTPStatus)
		}
		if e.ErrorCode != nil {
			x.Codes = catalog.Describe(*e.ErrorCode)
		}
		out = append(out, x)
	}
	return out, len(all) - len(out)
}

// prettyBody indents a JSON body, clips it and redacts it.
func prettyBody(body string) string {
	if body == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, []byte(body), "", "  "); err == nil {
		body = buf.String()
	}
	body = redact(body) // before clipping, which could cut a secret in half
	if len(body) > htmlBodyLimit {
		body = strings.ToValidUTF8(body[:htmlBodyLimit], "") + "\n… (clipped; the whole body is in results.json)"
	}
	return cleanText(body)
}

func outcomeLabel(o Outcome) string {
	switch o {
	case Pass:
		return "passed"
	case Fail:
		return "failed"
	case Error:
		return "errors"
	case Skipped:
		return "skipped"
	}
	return "known deviations"
}

var htmlTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Suite}}: conformance report</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;padding:1.5em 2em 4em;max-width:1400px;color:#1d2430;background:#fafbfc}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.25em;margin:2em 0 .6em;border-bottom:1px solid #d5dae1;padding-bottom:.2em}h3{font-size:1.05em;margin:1.4em 0 .4em}
.sub{color:#5b6675;margin:0 0 1em}
.interrupted{background:#fdecea;border:1px solid #c0392b;padding:.5em .8em}
table{border-collapse:collapse}
table.kv td,table.kv th{padding:.15em .9em .15em 0;text-align:left;vertical-align:top}table.kv th{color:#5b6675;font-weight:600}
.meta{display:flex;gap:3em;flex-wrap:wrap}
ul.counts{list-style:none;display:flex;flex-wrap:wrap;gap:.6em;padding:0;margin:.4em 0}
ul.counts li{border-radius:6px;padding:.35em .8em;border:1px solid rgba(0,0,0,.08)}
ul.counts b{font-size:1.3em;margin-right:.3em}
.o-pass,.s-passed{background:#c9f0d3;color:#0b4d1e}
.o-fail,.s-failed{background:#f8c4c4;color:#7a0c0c}
.s-other-code{background:#fcd9b0;color:#6e3500}
.o-error,.s-error{background:#e3d2f7;color:#45106e}
.o-known-deviation,.s-known-deviation{background:#fff0a8;color:#5c4a00}
.o-skipped,.s-not-provokable{background:repeating-linear-gradient(45deg,#dfe7f2,#dfe7f2 4px,#eef2f8 4px,#eef2f8 8px);color:#2c415e}
.s-not-covered{background:#eef0f3;color:#8a94a3}
table.matrix{margin:.3em 0 1.2em;font-size:13px}
table.matrix th,table.matrix td{border:1px solid #fff;padding:.3em .45em;text-align:center;white-space:nowrap}
table.matrix thead th{background:#e6e9ee;font-weight:600;font-variant-numeric:tabular-nums}
table.matrix th.cmd{text-align:left;background:#f0f2f5;font-weight:500}
table.matrix th.cmd a{color:inherit;text-decoration:none}table.matrix th.cmd a:hover{text-decoration:underline}
table.matrix td.none{background:transparent}
table.matrix td.cell{min-width:3.3em;font-weight:600}
table.matrix td.extra{text-align:left;background:transparent;white-space:nowrap}
table.matrix td.extra span.cell{display:inline-block;border-radius:4px;padding:.05em .4em;margin:.1em .15em;font-weight:600;outline:1px dashed rgba(0,0,0,.25)}
.incomplete{color:#a05a00;font-size:.85em;margin-left:.3em}
table.list td{padding:.2em .8em .2em 0;vertical-align:top}table.list .tag{white-space:nowrap}
.grid{overflow:auto;max-height:80vh;max-width:100%;border:1px solid #e1e4e8;border-radius:4px;margin:.3em 0 1.2em}
.grid table.matrix{margin:0}
table.matrix thead th{position:sticky;top:0;z-index:1}
table.matrix th.cmd{position:sticky;left:0;z-index:1}
table.matrix thead th.cmd{z-index:2}
.stop{border:2px solid #7a0c0c;border-radius:6px;background:#fff4f4;padding:.6em 1em;margin:1em 0}
.stop h2{margin-top:.2em;border:0;color:#7a0c0c}
ol#problem-links{margin:.3em 0 1em;padding-left:1.6em}ol#problem-links li{margin:.15em 0}
ol#problem-links a{color:#1d2430}
details.problem{border:1px solid #d5dae1;border-radius:6px;margin:.7em 0;background:#fff}
details.problem>summary{cursor:pointer;padding:.5em .8em;font-weight:600}
details.problem>div{padding:0 .8em .8em}
.tag{border-radius:4px;padding:.05em .45em;font-size:.85em;margin-right:.5em}
.labels code{background:#eef0f3;border-radius:3px;padding:0 .3em;margin-right:.3em;font-size:.85em}
pre{background:#f4f5f7;border:1px solid #e1e4e8;border-radius:4px;padding:.6em .8em;overflow:auto;max-height:28em;font:12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;white-space:pre-wrap;word-break:break-word}
.exchange{display:grid;grid-template-columns:1fr 1fr;gap:.8em}
.exchange h4{margin:.6em 0 .2em;font-size:.9em;color:#5b6675}
.note{color:#5b6675}
</style>
</head>
<body>
<h1>{{.Suite}}</h1>
<p class="sub">Conformance report{{if .Started}}: started {{.Started}}{{end}}{{if .Finished}}, finished {{.Finished}}{{end}} ({{.Duration}}). Secrets are redacted; results.json beside this page has every exchange.</p>
{{if .Interrupted}}<p class="interrupted"><strong>Run interrupted:</strong> {{.Interrupted}}</p>{{end}}

{{if .StoppedAtSetup}}<section class="stop" id="setup-stop"><h2>The run stopped at set-up: no spec ran</h2>
<p>Target: {{range .Target}}{{if eq .Key "kind" "endpoint"}}<b>{{.Value}}</b> {{end}}{{end}}</p>
<pre>{{.SetupReason}}</pre>
<p class="note">There is no matrix and no rules table to show: fix what the message says and run again.</p></section>
{{end}}
<div class="meta">
<section id="target"><h2>Target</h2>
<table class="kv">{{range .Target}}<tr><th>{{.Key}}</th><td>{{.Value}}</td></tr>{{end}}</table>
</section>
{{if .Config}}<section id="config"><h2>Configuration</h2>
<table class="kv">{{range .Config}}<tr><th>{{.Key}}</th><td>{{.Value}}</td></tr>{{end}}</table>
</section>{{end}}
</div>

<h2>Specs</h2>
<ul class="counts" id="counts">{{range .Counts}}<li class="{{.Class}}" data-outcome="{{.Key}}"><b>{{.N}}</b>{{.Label}}</li>{{end}}</ul>

<h2>Failures, errors and known deviations</h2>
{{if not .Problems}}<p class="note" id="no-problems">None.</p>{{else}}<ol id="problem-links">{{range .Problems}}<li><a href="#{{.Anchor}}"><span class="tag {{.Class}}">{{.Outcome}}</span>{{.Name}}</a></li>{{end}}</ol>{{end}}
{{range .Problems}}<details class="problem" open id="{{.Anchor}}" data-outcome="{{.Outcome}}">
<summary><span class="tag {{.Class}}">{{.Outcome}}</span>{{.Name}}</summary>
<div>
{{if .Location}}<p class="note">{{.Location}}</p>{{end}}
{{if .Labels}}<p class="labels">{{range .Labels}}<code>{{.}}</code>{{end}}</p>{{end}}
{{if .Deviation}}<p><b>Declared deviation:</b> {{.Deviation}}</p>{{end}}
<h4>Message (with the schema errors, when the answer broke its schema)</h4>
<pre>{{.Reason}}</pre>
{{range .Exchanges}}<h4>Exchange #{{.Seq}}{{if .Injected}} (answer forced by fault injection){{end}}{{if .Codes}}: ErrorCode {{.Codes}}{{end}}</h4>
<div class="exchange">
<div><h4>Request</h4><pre>{{.Method}} {{.URL}}{{if .Request}}

{{.Request}}{{end}}</pre></div>
<div><h4>Response</h4><pre>{{if .TransportError}}no answer: {{.TransportError}}{{else}}{{.Status}}{{if .Response}}

{{.Response}}{{end}}{{end}}</pre></div>
</div>
{{end}}{{if .More}}<p class="note">{{.More}} more exchanges of this spec are in results.json.</p>{{end}}
</div>
</details>
{{end}}

{{if not .StoppedAtSetup}}<h2 id="matrix">Endpoint × error-code matrix</h2>
<p class="note">Rows: every documented command of the reference. Columns: 0 and every error code the command's page documents (an empty square: the command's page does not list that code). Computed from the traffic recorded and the code each spec expected. “*” marks a code passed only through fault injection, “†” one passed only by generated cases (derived from the schemas, or the property tests); hover over a cell for its evidence. Codes a spec expected that the page does not list (the gateway's common codes) follow in the last column, outlined. “(more codes may exist)” after a command: the vendor's error table could not be read to its end, so its page may document codes that have no column here. Each service is a table of its own; a wide or long one scrolls within its frame, its header row and command column staying in view.</p>
<ul class="counts" id="cell-counts">{{range .CellCounts}}<li class="{{.Class}}" data-state="{{.Key}}"><b>{{.N}}</b>{{.Label}}</li>{{end}}</ul>
<p class="note">{{.PassedCells}} of {{.DocumentedCells}} documented (command, code) cells passed.</p>
{{range .Grids}}
<h3>{{.Service}}</h3>
<div class="grid"><table class="matrix" data-service="{{.Service}}">
<thead><tr><th class="cmd">command</th>{{range .Codes}}<th title="{{.Meaning}}">{{.Code}}</th>{{end}}<th>other codes expected</th></tr></thead>
<tbody>
{{range .Rows}}<tr data-command="{{.Key}}"><th class="cmd"><a href="{{.Page}}">{{.Command}}</a>{{if not .CodesComplete}}<span class="incomplete" title="the vendor's error table could not be read to its end: more codes may exist">(more codes may exist)</span>{{end}}</th>
{{- range .Cells}}{{if .Present}}<td class="cell {{.Class}}" data-command="{{.Command}}" data-code="{{.Code}}" data-state="{{.State}}" data-documented="{{.DocumentedAttr}}" title="{{.Title}}">{{.Text}}</td>{{else}}<td class="none"></td>{{end}}{{end -}}
<td class="extra">{{range .Extra}}<span class="cell {{.Class}}" data-command="{{.Command}}" data-code="{{.Code}}" data-state="{{.State}}" data-documented="{{.DocumentedAttr}}" title="{{.Title}}">{{.Prefix}}{{.Text}}</span>{{end}}</td></tr>
{{end}}</tbody>
</table></div>
{{end}}
{{if .Attention}}<h3>Cells to look at</h3>
<table class="list" id="attention">{{range .Attention}}<tr><td><span class="tag {{.Class}}">{{.State}}</span></td><td><code>{{.Key}}</code> {{.Code}}</td><td>{{.Note}}</td></tr>{{end}}</table>{{end}}
{{range .NotProvokable}}<h3>Not provokable on this target</h3>
<p class="note">{{.Reason}}</p>
<table class="list not-provokable">{{range .Rows}}<tr><td><code>{{.Key}}</code></td><td>{{range .Codes}}<span class="tag s-not-provokable">{{.}}</span>{{end}}</td></tr>{{end}}</table>
{{end}}
{{.Events}}
<h2>RESTful API overview rules</h2>
<p class="note">The rules of the RESTful API Overview that every command inherits, each with the specs that assert it (spec labels <code>rule:&lt;id&gt;</code>): kept when a spec passed and none failed, broken when one failed.</p>
<ul class="counts" id="rule-counts">{{range .RuleCounts}}<li class="{{.Class}}" data-state="{{.Key}}"><b>{{.N}}</b>{{.Label}}</li>{{end}}</ul>
<table class="list" id="rules">{{range .Rules}}<tr data-rule="{{.ID}}" data-state="{{.State}}"><td><span class="tag {{.Class}}">{{.State}}</span></td><td><a href="{{.Page}}"><code>{{.ID}}</code></a></td><td>{{.Summary}}{{range .Families}} <span class="tag {{.Class}}" data-family="{{.Family}}">{{.Family}}: {{.State}}</span>{{end}}
<details><summary>{{len .Specs}} specs</summary><ul>{{range .Specs}}<li><span class="tag {{.Class}}">{{.Outcome}}</span>{{.Name}}</li>{{end}}</ul></details></td></tr>{{end}}</table>
{{range .UnknownRules}}<p class="note unknown-rule">Rule label <code>{{.}}</code> names no rule of the catalog.</p>{{end}}

{{end}}
{{if .Gone}}<h2>Deviations no longer observed</h2>
<p class="note">These specs match a declared known deviation but passed: the target now does what the documentation promises. Remove their entries from the known-deviations file.</p>
<table class="list" id="gone">{{range .Gone}}<tr><td>{{.Name}}</td><td>{{.Deviation}}</td></tr>{{end}}</table>{{end}}

{{if .Skipped}}<h2>Skipped specs</h2>
<table class="list" id="skipped">{{range .Skipped}}<tr><td>{{.Name}}</td><td class="note">{{.Reason}}</td></tr>{{end}}</table>{{end}}
</body>
</html>
`))
