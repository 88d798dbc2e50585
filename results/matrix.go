package results

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// The matrix reads the spec labels of catalog's vocabulary (package labels writes them); spec
// names play no part in it.

// notProvokablePrefix starts a not-provokable cell's reason.
const notProvokablePrefix = "not provokable here: "

// The reasons of specs that did not run at all (harness writes them; the matrix tells them
// from specs that ran and skipped themselves on this target).
const (
	// ReasonNotSelected: a label or focus filter left the spec out, or a set-up failure
	// stopped the run before it.
	ReasonNotSelected = "not selected by the label or focus filter, or skipped after a set-up failure"
	// ReasonPending: the spec is written but not implemented yet.
	ReasonPending = "pending: not implemented yet"
	// ReasonNotRunTargetSilent: the target stopped answering earlier in the run (Run.Interrupted
	// says when), and the spec was not run rather than left to wait for its time-out.
	ReasonNotRunTargetSilent = "not run: the target went silent earlier in the run"
)

// CellState is what the run proved about one (command, error code) cell of the matrix.
type CellState string

// The cell states, best first in CellStates order. When a cell has evidence of several
// kinds, the worst wins: failed, then other-code, error, known-deviation, passed.
const (
	// CellPassed: a spec expected the code and the target answered it.
	CellPassed CellState = "passed"
	// CellFailed: a failing spec expected the code and got no valid answer with it (no
	// envelope, or an ActionStatus that contradicts the code).
	CellFailed CellState = "failed"
	// CellOtherCode: a failing spec expected the code and the target answered another one.
	CellOtherCode CellState = "other-code"
	// CellError: the environment broke while a spec expected the code.
	CellError CellState = "error"
	// CellKnownDeviation: a spec expecting the code failed as a declared deviation.
	CellKnownDeviation CellState = "known-deviation"
	// CellNotProvokable: the only specs for the code ran and skipped themselves on this
	// target, because it lacks what they need (a control plane for fault injection, a
	// callback receiver, an emulator...); the cell's Reason says what.
	CellNotProvokable CellState = "not-provokable"
	// CellNotCovered: no spec that ran expected the code.
	CellNotCovered CellState = "not-covered"
)

// CellStates returns every cell state in the order reports list them.
func CellStates() []CellState {
	return []CellState{CellPassed, CellFailed, CellOtherCode, CellError, CellKnownDeviation, CellNotProvokable, CellNotCovered}
}

// Symbol is the one-letter form of the state used by the console summary.
func (s CellState) Symbol() string {
	switch s {
	case CellPassed:
		return "P"
	case CellFailed:
		return "F"
	case CellOtherCode:
		return "O"
	case CellError:
		return "E"
	case CellKnownDeviation:
		return "D"
	case CellNotProvokable:
		return "N"
	}
	return "."
}

// Label is the short human form of the state used in the HTML grid and its legend.
func (s CellState) Label() string {
	switch s {
	case CellPassed:
		return "passed"
	case CellFailed:
		return "failed"
	case CellOtherCode:
		return "got another code"
	case CellError:
		return "environment error"
	case CellKnownDeviation:
		return "known deviation"
	case CellNotProvokable:
		return "not provokable on this target"
	}
	return "not covered"
}

// MatrixCell is one (command, code) cell of the matrix.
type MatrixCell struct {
	Code int `json:"code"`
	// Documented is true for 0 and the codes of the command's page; false for a code the specs
	// expected of the command that its page does not list (a common gateway code).
	Documented bool      `json:"documented"`
	State      CellState `json:"state"`
	// Counts of the error-code assertions that made the state (see BuildMatrix).
	Passed     int `json:"passed"`
	Failed     int `json:"failed"`
	OtherCode  int `json:"other_code"`
	Errors     int `json:"errors"`
	Deviations int `json:"deviations"`
	// Got lists the codes the target answered instead (state other-code), sorted.
	Got []int `json:"got,omitempty"`
	// Injected is true when the code was passed only through fault injection.
	Injected bool `json:"injected,omitempty"`
	// Generated counts the passed assertions made by generated specs (the boundary cases
	// derived from the schemas and the property tests, labelled gen:): the cell's generated
	// coverage. Equal to Passed, the cell passed on generated cases alone.
	Generated int `json:"generated,omitempty"`
	// Reason says why the cell is not provokable, or why its specs were skipped.
	Reason string `json:"reason,omitempty"`
	// Specs are the specs behind a non-passing state (failed, skipped...), sorted.
	Specs []string `json:"specs,omitempty"`
}

// OnlyGenerated reports whether the cell passed on generated cases alone.
func (c MatrixCell) OnlyGenerated() bool {
	return c.State == CellPassed && c.Passed > 0 && c.Generated == c.Passed
}

// MatrixRow is one documented command and its cells: 0, then the documented codes in
// ascending order, then the undocumented codes the specs expected, ascending.
type MatrixRow struct {
	Service string `json:"service"`
	Command string `json:"command"`
	Area    string `json:"area"`
	Page    string `json:"page"`
	// CodesComplete is false where the vendor's error table could not be read to its end.
	CodesComplete bool         `json:"codes_complete"`
	Cells         []MatrixCell `json:"cells"`
}

// Key is "<service>/<command>".
func (r MatrixRow) Key() string { return r.Service + "/" + r.Command }

// Cell returns the row's cell for code.
func (r MatrixRow) Cell(code int) (MatrixCell, bool) {
	for _, c := range r.Cells {
		if c.Code == code {
			return c, true
		}
	}
	return MatrixCell{}, false
}

// Matrix is the endpoint × error-code matrix: one row per documented command.
type Matrix struct {
	Rows []MatrixRow `json:"rows"`
}

// Counts returns how many documented cells are in each state (every state is a key).
func (m Matrix) Counts() map[CellState]int {
	out := make(map[CellState]int, len(CellStates()))
	for _, s := range CellStates() {
		out[s] = 0
	}
	for _, row := range m.Rows {
		for _, c := range row.Cells {
			if c.Documented {
				out[c.State]++
			}
		}
	}
	return out
}

// Matrix computes the endpoint × error-code matrix of the run over the catalog's documented
// commands (see BuildMatrix).
func (r *Run) Matrix() Matrix { return BuildMatrix(r, catalog.Commands()) }

// cellAcc accumulates the evidence of one cell.
type cellAcc struct {
	passed, injectedPassed, generatedPassed, failed, other, errors, deviations int
	got                                                                        []int
	specs                                                                      []string
	skipReason                                                                 string // first (by spec) reason of a skipped spec labelled for the cell
	skipSpecs                                                                  []string
	notProvokable                                                              bool
}

// BuildMatrix computes the matrix of r with one row per documented command, in docs order
// (commands the run never called are rows too). It reads the recorded assertions (what each
// spec expected, and the code observed in the traffic), the spec outcomes and the skipped
// specs' labels; never spec names.
//
// Rules, for an assertion of the row's command (by the assertion's own Service and Command):
//   - passing, with an observed code: adds to Passed of the observed code's cell (an
//     assertion accepting several codes proves only the one observed); Injected when every
//     passing assertion of the cell was answered by fault injection;
//   - failing, in a spec whose outcome is pass or skipped: ignored (a negated or retried
//     expectation, not a verdict);
//   - failing, in a known-deviation spec: adds to Deviations of each expected code;
//   - failing, in an error spec: adds to Errors of each expected code;
//   - failing, in a failed spec (or one not in r.Specs): adds to OtherCode of each expected
//     code when the target answered a code outside the expected ones (kept in Got), else to
//     Failed.
//
// The state is the worst evidence (failed, other-code, error, known-deviation, passed). A cell
// without evidence is not-provokable when a spec labelled with its command and code was skipped
// on this target (it was selected, and skipped itself: its reason is neither ReasonNotSelected
// nor ReasonPending); the reason names what its labels say it needs (`needs:control-plane`:
// fault injection or another control-plane action; `needs:<x>`; `target:emulator-only`),
// followed by the spec's own skip reason. Otherwise it is not-covered, with the skip reason
// when a skipped spec was labelled for it.
//
// Codes that are not documented for a command become extra cells (Documented false) when a
// counted assertion expected or observed them, or a skipped spec's labels name them.
func BuildMatrix(r *Run, docs []catalog.Command) Matrix {
	if r == nil {
		r = &Run{}
	}
	type rowKey struct{ service, command string }
	accs := map[rowKey]map[int]*cellAcc{}
	byName := map[string][]rowKey{}
	for _, d := range docs {
		k := rowKey{d.Service, d.Name}
		accs[k] = map[int]*cellAcc{}
		byName[d.Name] = append(byName[d.Name], k)
	}
	cell := func(k rowKey, code int) *cellAcc {
		row := accs[k]
		a := row[code]
		if a == nil {
			a = &cellAcc{}
			row[code] = a
		}
		return a
	}

	outcome := make(map[string]Outcome, len(r.Specs))
	for _, s := range r.Specs {
		if _, dup := outcome[s.ID]; !dup {
			outcome[s.ID] = s.Outcome.normalized()
		}
	}
	generated := map[string]bool{}
	for _, s := range r.Specs {
		generated[s.ID] = slices.ContainsFunc(s.Labels, func(l string) bool { return strings.HasPrefix(l, catalog.LabelGeneratedPrefix) })
	}
	injectedSeq := map[int]bool{}
	for _, e := range r.Exchanges {
		if e.Injected {
			injectedSeq[e.Seq] = true
		}
	}

	for _, a := range r.Assertions {
		k := rowKey{a.Service, a.Command}
		if _, ok := accs[k]; !ok {
			continue // not a documented command (a deliberately wrong path, for instance)
		}
		if a.Passed {
			if a.Observed == nil {
				continue
			}
			acc := cell(k, *a.Observed)
			acc.passed++
			if a.Injected || injectedSeq[a.ExchangeSeq] {
				acc.injectedPassed++
			}
			if generated[a.SpecID] {
				acc.generatedPassed++
			}
			continue
		}
		o, known := outcome[a.SpecID]
		if known && (o == Pass || o == Skipped) {
			continue
		}
		for _, code := range dedupInts(a.Expected) {
			acc := cell(k, code)
			switch {
			case known && o == KnownDeviation:
				acc.deviations++
			case known && o == Error:
				acc.errors++
			case a.Observed != nil && !slices.Contains(a.Expected, *a.Observed):
				acc.other++
				if !slices.Contains(acc.got, *a.Observed) {
					acc.got = append(acc.got, *a.Observed)
				}
			default:
				acc.failed++
			}
			if !slices.Contains(acc.specs, a.SpecID) {
				acc.specs = append(acc.specs, a.SpecID)
			}
		}
	}

	// Skipped specs, by their labels: cmd:, svc:, code:, and what they need of the target.
	for _, s := range sortedSpecs(r.Specs) {
		if s.Outcome.normalized() != Skipped {
			continue
		}
		sl := parseSpecLabels(s.Labels)
		for _, name := range sl.commands {
			for _, k := range byName[name] {
				if len(sl.services) > 0 && !slices.Contains(sl.services, k.service) {
					continue
				}
				for _, code := range sl.codes {
					acc := cell(k, code)
					np := s.Reason != ReasonNotSelected && s.Reason != ReasonPending && s.Reason != ReasonNotRunTargetSilent
					if np && !acc.notProvokable {
						acc.notProvokable = true
						acc.skipReason = notProvokableReason(sl, s)
					} else if acc.skipReason == "" {
						acc.skipReason = "skipped: " + firstLine(s.Reason)
					}
					acc.skipSpecs = append(acc.skipSpecs, s.ID)
				}
			}
		}
	}

	m := Matrix{Rows: make([]MatrixRow, 0, len(docs))}
	for _, d := range docs {
		k := rowKey{d.Service, d.Name}
		row := MatrixRow{Service: d.Service, Command: d.Name, Area: d.Area, Page: d.Page, CodesComplete: d.CodesComplete}
		documented := append([]int{0}, d.Codes...)
		slices.Sort(documented)
		documented = slices.Compact(documented)
		var extra []int
		for code := range accs[k] {
			if !slices.Contains(documented, code) {
				extra = append(extra, code)
			}
		}
		slices.Sort(extra)
		for _, code := range documented {
			row.Cells = append(row.Cells, finishCell(code, true, accs[k][code]))
		}
		for _, code := range extra {
			row.Cells = append(row.Cells, finishCell(code, false, accs[k][code]))
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

// finishCell turns the evidence of one cell into its state.
func finishCell(code int, documented bool, a *cellAcc) MatrixCell {
	c := MatrixCell{Code: code, Documented: documented, State: CellNotCovered}
	if a == nil {
		return c
	}
	c.Passed, c.Failed, c.OtherCode, c.Errors, c.Deviations = a.passed, a.failed, a.other, a.errors, a.deviations
	c.Injected = a.passed > 0 && a.injectedPassed == a.passed
	c.Generated = a.generatedPassed
	c.Got = slices.Sorted(slices.Values(a.got))
	switch {
	case a.failed > 0:
		c.State = CellFailed
	case a.other > 0:
		c.State = CellOtherCode
	case a.errors > 0:
		c.State = CellError
	case a.deviations > 0:
		c.State = CellKnownDeviation
	case a.passed > 0:
		c.State = CellPassed
	case a.notProvokable:
		c.State = CellNotProvokable
	}
	switch c.State {
	case CellPassed:
	case CellNotProvokable, CellNotCovered:
		c.Reason = a.skipReason
		c.Specs = sortedUnique(a.skipSpecs)
	default:
		c.Specs = sortedUnique(a.specs)
	}
	return c
}

// notProvokableReason explains, from the spec's labels, what the target lacks, followed by
// the skip reason the spec gave.
func notProvokableReason(sl specLabels, s SpecResult) string {
	var needs []string
	if sl.needsControlPlane {
		needs = append(needs, "fault injection or another control-plane action")
	}
	needs = append(needs, sl.needsOther...)
	var why string
	switch {
	case len(needs) > 0:
		why = "needs " + strings.Join(needs, " and ")
	case sl.emulatorOnly:
		why = "emulator-only"
	default:
		why = "skipped on this target"
	}
	if reason := oneLine(firstLine(s.Reason)); reason != "" {
		why += " (" + reason + ")"
	}
	return notProvokablePrefix + why
}

// specLabels is what the matrix reads from a spec's labels.
type specLabels struct {
	commands, services []string
	codes              []int
	needsControlPlane  bool
	needsOther         []string // the <x> of needs:<x> labels other than the control plane
	emulatorOnly       bool
}

func parseSpecLabels(labels []string) specLabels {
	var out specLabels
	for _, l := range labels {
		switch {
		case strings.HasPrefix(l, catalog.LabelCommandPrefix):
			out.commands = append(out.commands, strings.TrimPrefix(l, catalog.LabelCommandPrefix))
		case strings.HasPrefix(l, catalog.LabelServicePrefix):
			out.services = append(out.services, strings.TrimPrefix(l, catalog.LabelServicePrefix))
		case strings.HasPrefix(l, catalog.LabelCodePrefix):
			if code, err := strconv.Atoi(strings.TrimPrefix(l, catalog.LabelCodePrefix)); err == nil {
				out.codes = append(out.codes, code)
			}
		case l == catalog.LabelNeedsControlPlane:
			out.needsControlPlane = true
		case strings.HasPrefix(l, catalog.LabelNeedsPrefix):
			out.needsOther = append(out.needsOther, strings.TrimPrefix(l, catalog.LabelNeedsPrefix))
		case l == catalog.LabelEmulatorOnly:
			out.emulatorOnly = true
		}
	}
	out.commands = sortedUnique(out.commands)
	out.services = sortedUnique(out.services)
	out.needsOther = sortedUnique(out.needsOther)
	slices.Sort(out.codes)
	out.codes = slices.Compact(out.codes)
	return out
}

// sortedUnique returns the distinct values of v, sorted.
func sortedUnique[T cmp.Ordered](v []T) []T {
	out := slices.Clone(v)
	slices.Sort(out)
	return slices.Compact(out)
}
