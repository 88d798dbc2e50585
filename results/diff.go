package results

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// SetupCase names the exchanges recorded outside any spec (suite set-up) in a RunDiff.
const SetupCase = "(suite set-up)"

// SpecChange is a spec whose outcome changed between two runs.
type SpecChange struct {
	ID  string  `json:"id"`
	Old Outcome `json:"old"` // "" when the spec was not in the old run
	New Outcome `json:"new"` // "" when the spec is not in the new run
	// Reason is the first line of the new reason (of the old one for a spec that left).
	Reason string `json:"reason,omitempty"`
}

// CodeChange is a (command, case) whose target answered other error codes.
type CodeChange struct {
	Service string `json:"service"`
	Command string `json:"command"`
	Case    string `json:"case"` // the spec, or SetupCase
	Old     []int  `json:"old"`  // distinct codes answered, sorted
	New     []int  `json:"new"`
}

// FieldChange is a JSON key path of the answers of one (command, case, error code) that
// appeared or vanished.
type FieldChange struct {
	Service string `json:"service"`
	Command string `json:"command"`
	Case    string `json:"case"`
	Code    int    `json:"code"`
	Path    string `json:"path"` // "RoomInfo.RoomId"; "[]" marks array elements
}

// CellChange is a matrix cell whose state changed.
type CellChange struct {
	Command string    `json:"command"` // "<service>/<command>"
	Code    int       `json:"code"`
	Old     CellState `json:"old"`
	New     CellState `json:"new"`
}

// RunDiff is what changed from one run to the next (see DiffRuns). Every list is sorted.
type RunDiff struct {
	// NewFailures are specs that fail or error now and did neither before (or did not run).
	NewFailures []SpecChange `json:"new_failures"`
	// Fixed are specs that pass now and failed, errored or deviated before.
	Fixed []SpecChange `json:"fixed"`
	// SkippedNow are specs that passed and are skipped now: the run checks less than before.
	SkippedNow []SpecChange `json:"skipped_now"`
	// OtherChanges are the remaining outcome changes (fail to error, specs that appeared or
	// left...).
	OtherChanges []SpecChange `json:"other_changes"`
	// CodesChanged are the (command, case) pairs whose answered codes differ.
	CodesChanged []CodeChange `json:"codes_changed"`
	// FieldsVanished and FieldsAppeared compare, for each (command, case, code) answered in
	// both runs, the JSON key paths of the answers.
	FieldsVanished []FieldChange `json:"fields_vanished"`
	FieldsAppeared []FieldChange `json:"fields_appeared"`
	// CellsWorse are matrix cells that fail now (failed, other-code, error) and did not;
	// CellsBetter cells that pass now and failed; CellsLostCoverage cells that passed and are
	// not covered or not provokable now; CellsChanged the other state changes.
	CellsWorse        []CellChange `json:"cells_worse"`
	CellsBetter       []CellChange `json:"cells_better"`
	CellsLostCoverage []CellChange `json:"cells_lost_coverage"`
	CellsChanged      []CellChange `json:"cells_changed"`
	// Warnings say why the two runs may not be comparable: other targets, other formats of
	// results.json, other suite versions.
	Warnings []string `json:"warnings"`
}

// Worse reports whether the new run is worse than the old one: a new failure or error, a
// response field that vanished, or a matrix cell that fails now. With strict, codes that
// changed, response fields that appeared, specs skipped now and matrix cells that lost their
// coverage count too.
func (d RunDiff) Worse(strict bool) bool {
	worse := len(d.NewFailures) > 0 || len(d.FieldsVanished) > 0 || len(d.CellsWorse) > 0
	if strict {
		worse = worse || len(d.CodesChanged) > 0 || len(d.FieldsAppeared) > 0 ||
			len(d.SkippedNow) > 0 || len(d.CellsLostCoverage) > 0
	}
	return worse
}

// Empty reports whether nothing changed (warnings aside).
func (d RunDiff) Empty() bool {
	return len(d.NewFailures)+len(d.Fixed)+len(d.SkippedNow)+len(d.OtherChanges)+len(d.CodesChanged)+
		len(d.FieldsVanished)+len(d.FieldsAppeared)+len(d.CellsWorse)+len(d.CellsBetter)+
		len(d.CellsLostCoverage)+len(d.CellsChanged) == 0
}

// comparability lists why old and new may not be comparable.
func comparability(old, new *Run) []string {
	warnings := []string{}
	format := func(r *Run) int {
		if r.Format == 0 {
			return 1
		}
		return r.Format
	}
	if old.Target.Kind != new.Target.Kind || old.Target.Endpoint != new.Target.Endpoint {
		warnings = append(warnings, fmt.Sprintf("the runs had different targets: %s %s, then %s %s",
			orDash(oneLine(old.Target.Kind)), orDash(oneLine(old.Target.Endpoint)),
			orDash(oneLine(new.Target.Kind)), orDash(oneLine(new.Target.Endpoint))))
	}
	if format(old) != format(new) {
		warnings = append(warnings, fmt.Sprintf("the files have different formats: %d, then %d (spec IDs and fields may differ)",
			format(old), format(new)))
	}
	if old.SuiteVersion != new.SuiteVersion {
		warnings = append(warnings, fmt.Sprintf("different suite versions ran: %s, then %s (specs may have been renamed or added)",
			orDash(oneLine(old.SuiteVersion)), orDash(oneLine(new.SuiteVersion))))
	}
	return warnings
}

func lostCoverage(old, new CellState) bool {
	return old == CellPassed && (new == CellNotCovered || new == CellNotProvokable)
}

func failing(o Outcome) bool { return o == Fail || o == Error }

func failingCell(s CellState) bool { return s == CellFailed || s == CellOtherCode || s == CellError }

// DiffRuns compares two runs. Specs are matched by ID (SpecResult.ID) and a case of
// the traffic is the spec that sent it, so renamed specs show as one that left and one that
// appeared. The matrix of both runs is computed over the current reference (Reference).
func DiffRuns(old, new *Run) RunDiff {
	if old == nil {
		old = &Run{}
	}
	if new == nil {
		new = &Run{}
	}
	d := RunDiff{NewFailures: []SpecChange{}, Fixed: []SpecChange{}, OtherChanges: []SpecChange{},
		CodesChanged: []CodeChange{}, FieldsVanished: []FieldChange{}, FieldsAppeared: []FieldChange{},
		CellsWorse: []CellChange{}, CellsBetter: []CellChange{}, CellsChanged: []CellChange{},
		SkippedNow: []SpecChange{}, CellsLostCoverage: []CellChange{}, Warnings: comparability(old, new)}

	oldSpecs, newSpecs := specsByID(old.Specs), specsByID(new.Specs)
	ids := sortedUnique(append(slices.Collect(maps.Keys(oldSpecs)), slices.Collect(maps.Keys(newSpecs))...))
	for _, id := range ids {
		o, inOld := oldSpecs[id]
		n, inNew := newSpecs[id]
		var change SpecChange
		change.ID = id
		if inOld {
			change.Old = o.Outcome.normalized()
		}
		if inNew {
			change.New = n.Outcome.normalized()
			change.Reason = oneLine(firstLine(redact(n.Reason)))
		} else {
			change.Reason = oneLine(firstLine(redact(o.Reason)))
		}
		switch {
		case change.Old == change.New:
			continue
		case inNew && failing(change.New) && !failing(change.Old):
			d.NewFailures = append(d.NewFailures, change)
		case inOld && inNew && change.New == Pass && (failing(change.Old) || change.Old == KnownDeviation):
			d.Fixed = append(d.Fixed, change)
		case change.Old == Pass && change.New == Skipped:
			d.SkippedNow = append(d.SkippedNow, change)
		default:
			d.OtherChanges = append(d.OtherChanges, change)
		}
	}

	oldTraffic, newTraffic := trafficByCase(old), trafficByCase(new)
	for _, k := range sortedCaseKeys(oldTraffic, newTraffic) {
		ot, inOld := oldTraffic[k]
		nt, inNew := newTraffic[k]
		if !inOld || !inNew {
			continue // a case that appeared or left is an outcome change, not a code change
		}
		oc, nc := slices.Sorted(maps.Keys(ot)), slices.Sorted(maps.Keys(nt))
		if !slices.Equal(oc, nc) {
			d.CodesChanged = append(d.CodesChanged, CodeChange{Service: k.service, Command: k.command, Case: k.spec, Old: oc, New: nc})
		}
		for _, code := range oc {
			nf, ok := nt[code]
			if !ok {
				continue
			}
			of := ot[code]
			for _, p := range slices.Sorted(maps.Keys(of)) {
				if !nf[p] {
					d.FieldsVanished = append(d.FieldsVanished, FieldChange{Service: k.service, Command: k.command, Case: k.spec, Code: code, Path: p})
				}
			}
			for _, p := range slices.Sorted(maps.Keys(nf)) {
				if !of[p] {
					d.FieldsAppeared = append(d.FieldsAppeared, FieldChange{Service: k.service, Command: k.command, Case: k.spec, Code: code, Path: p})
				}
			}
		}
	}

	oldCells := cellStates(old.Matrix())
	newCells := cellStates(new.Matrix())
	keys := slices.SortedFunc(maps.Keys(mergeKeys(oldCells, newCells)), func(a, b cellKey) int {
		return cmp.Or(cmp.Compare(a.command, b.command), cmp.Compare(a.code, b.code))
	})
	for _, k := range keys {
		o, n := oldCells[k], newCells[k]
		if o == "" {
			o = CellNotCovered
		}
		if n == "" {
			n = CellNotCovered
		}
		if o == n {
			continue
		}
		c := CellChange{Command: k.command, Code: k.code, Old: o, New: n}
		switch {
		case failingCell(n) && !failingCell(o):
			d.CellsWorse = append(d.CellsWorse, c)
		case n == CellPassed && failingCell(o):
			d.CellsBetter = append(d.CellsBetter, c)
		case lostCoverage(o, n):
			d.CellsLostCoverage = append(d.CellsLostCoverage, c)
		default:
			d.CellsChanged = append(d.CellsChanged, c)
		}
	}
	return d
}

func specsByID(specs []SpecResult) map[string]SpecResult {
	out := make(map[string]SpecResult, len(specs))
	for _, s := range specs {
		if _, dup := out[s.ID]; !dup {
			out[s.ID] = s
		}
	}
	return out
}

type caseKey struct{ service, command, spec string }

// trafficByCase maps each (command, case) to the codes answered and, per code, the JSON key
// paths of the answers.
func trafficByCase(r *Run) map[caseKey]map[int]map[string]bool {
	out := map[caseKey]map[int]map[string]bool{}
	for _, e := range r.Exchanges {
		if e.ErrorCode == nil {
			continue
		}
		spec := e.SpecID
		if spec == "" {
			spec = SetupCase
		}
		k := caseKey{e.Service, e.Command, spec}
		if out[k] == nil {
			out[k] = map[int]map[string]bool{}
		}
		paths := out[k][*e.ErrorCode]
		if paths == nil {
			paths = map[string]bool{}
			out[k][*e.ErrorCode] = paths
		}
		var body any
		if json.Unmarshal([]byte(e.ResponseBody), &body) == nil {
			keyPaths(body, "", paths)
		}
	}
	return out
}

// keyPaths adds the key paths of v below prefix to paths.
func keyPaths(v any, prefix string, paths map[string]bool) {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			paths[p] = true
			keyPaths(child, p, paths)
		}
	case []any:
		for _, child := range t {
			keyPaths(child, prefix+"[]", paths)
		}
	}
}

func sortedCaseKeys(a, b map[caseKey]map[int]map[string]bool) []caseKey {
	keys := slices.Collect(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(x, y caseKey) int {
		return cmp.Or(cmp.Compare(x.service, y.service), cmp.Compare(x.command, y.command), cmp.Compare(x.spec, y.spec))
	})
	return keys
}

type cellKey struct {
	command string
	code    int
}

func cellStates(m Matrix) map[cellKey]CellState {
	out := map[cellKey]CellState{}
	for _, row := range m.Rows {
		for _, c := range row.Cells {
			out[cellKey{row.Key(), c.Code}] = c.State
		}
	}
	return out
}

func mergeKeys(a, b map[cellKey]CellState) map[cellKey]bool {
	out := make(map[cellKey]bool, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// WriteDiff writes d as text: one section per kind of change, each item on its own line,
// and a closing verdict line ("WORSE: ..." or "not worse: ..."). Text is cleaned of control
// characters. It returns the first write error.
func WriteDiff(w io.Writer, d RunDiff, strict bool) error {
	ew := &errWriter{w: w}
	section := func(title string, n int, worse bool) bool {
		if n == 0 {
			return false
		}
		mark := ""
		if worse {
			mark = " [worse]"
		}
		ew.printf("\n%s (%d)%s:\n", title, n, mark)
		return true
	}
	if section("New failures", len(d.NewFailures), true) {
		for _, c := range d.NewFailures {
			ew.printf("  %-5s %s%s\n", outcomeWord(c.New), oneLine(c.ID), reasonSuffix(c.Reason))
		}
	}
	if section("Fixed", len(d.Fixed), false) {
		for _, c := range d.Fixed {
			ew.printf("  %s -> pass  %s\n", outcomeWord(c.Old), oneLine(c.ID))
		}
	}
	if section("Passed before, skipped now", len(d.SkippedNow), strict) {
		for _, c := range d.SkippedNow {
			ew.printf("  pass -> skipped  %s%s\n", oneLine(c.ID), reasonSuffix(c.Reason))
		}
	}
	if section("Other outcome changes", len(d.OtherChanges), false) {
		for _, c := range d.OtherChanges {
			ew.printf("  %s -> %s  %s%s\n", outcomeWord(c.Old), outcomeWord(c.New), oneLine(c.ID), reasonSuffix(c.Reason))
		}
	}
	if section("Codes that changed", len(d.CodesChanged), strict) {
		for _, c := range d.CodesChanged {
			ew.printf("  %s/%s  %s: %s -> %s\n", oneLine(c.Service), oneLine(c.Command), oneLine(c.Case), joinInts(c.Old), joinInts(c.New))
		}
	}
	if section("Response fields that vanished", len(d.FieldsVanished), true) {
		for _, f := range d.FieldsVanished {
			ew.printf("  %s/%s  code %d  %s  (%s)\n", oneLine(f.Service), oneLine(f.Command), f.Code, oneLine(f.Path), oneLine(f.Case))
		}
	}
	if section("Response fields that appeared", len(d.FieldsAppeared), strict) {
		for _, f := range d.FieldsAppeared {
			ew.printf("  %s/%s  code %d  %s  (%s)\n", oneLine(f.Service), oneLine(f.Command), f.Code, oneLine(f.Path), oneLine(f.Case))
		}
	}
	for _, s := range []struct {
		title string
		cells []CellChange
		worse bool
	}{{"Matrix cells that fail now", d.CellsWorse, true}, {"Matrix cells that pass now", d.CellsBetter, false},
		{"Matrix cells that lost their coverage", d.CellsLostCoverage, strict}, {"Other matrix changes", d.CellsChanged, false}} {
		if section(s.title, len(s.cells), s.worse) {
			for _, c := range s.cells {
				ew.printf("  %s %d: %s -> %s\n", oneLine(c.Command), c.Code, c.Old, c.New)
			}
		}
	}
	verdict := "not worse"
	if d.Worse(strict) {
		verdict = "WORSE"
	}
	if d.Empty() {
		ew.printf("No differences.\n")
	}
	ew.printf("\n%s: %d new failures, %d fixed, %d skipped now, %d codes changed, %d fields vanished, %d fields appeared, "+
		"%d matrix cells fail now, %d lost their coverage\n",
		verdict, len(d.NewFailures), len(d.Fixed), len(d.SkippedNow), len(d.CodesChanged), len(d.FieldsVanished),
		len(d.FieldsAppeared), len(d.CellsWorse), len(d.CellsLostCoverage))
	return ew.err
}

func outcomeWord(o Outcome) string {
	if o == "" {
		return "absent"
	}
	return string(o)
}

func reasonSuffix(reason string) string {
	if reason == "" {
		return ""
	}
	return ": " + reason
}

func joinInts(v []int) string {
	if len(v) == 0 {
		return "none"
	}
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	if _, err := fmt.Fprintf(e.w, format, args...); err != nil {
		e.err = fmt.Errorf("results: write diff: %w", err)
	}
}
