package results

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// CountsLine formats counts as
// "N passed, N failed, N errors, N skipped, N known deviations".
func CountsLine(counts map[Outcome]int) string {
	return fmt.Sprintf("%d passed, %d failed, %d errors, %d skipped, %d known deviations",
		counts[Pass], counts[Fail], counts[Error], counts[Skipped], counts[KnownDeviation])
}

// WriteSummary writes a console summary of r that fits a screen; the full coverage table,
// matrix and rules are in the reports (index.html, results.json):
//
//   - a target line (kind, endpoint, sdkappid, admin, control plane), the suite with its
//     version and wall time, and the counts line (see CountsLine);
//   - the endpoint × error-code matrix compacted (see writeMatrix): its counts, one line per
//     command with cells that failed, got another code, broke or deviate, and one line per
//     reason cells cannot be provoked on this target;
//   - the overview rules: counts, and the rules not kept (see writeRules);
//   - each failed and errored spec once, on one line: its name, the code expected and got
//     (or the first line of its message), and the file:line where it failed;
//   - the known deviations, with the declared reason and page, and the declared deviations
//     no longer observed (their spec passed).
//
// The summary is plain text (no colour, no escape sequences: text is cleaned of control
// characters) and secrets are redacted. Write errors are ignored: the summary is best-effort
// console output.
func WriteSummary(w io.Writer, r *Run) {
	if r == nil {
		r = &Run{}
	}
	t := r.Target
	cp := t.ControlPlane
	if cp == "" {
		cp = "none"
	}
	fmt.Fprintf(w, "Target: %s %s (sdkappid %d, admin %s, control plane %s)\n",
		orDash(oneLine(t.Kind)), orDash(oneLine(t.Endpoint)), t.SDKAppID, orDash(oneLine(t.Admin)), oneLine(cp))
	version := ""
	if v := oneLine(r.SuiteVersion); v != "" {
		version = " " + v
	}
	fmt.Fprintf(w, "Suite:  %s%s, %d specs in %ss\n", orDash(oneLine(r.Suite)), version, len(r.Specs), seconds(suiteSeconds(r)))
	fmt.Fprintln(w, CountsLine(r.Counts()))
	if r.Interrupted != "" {
		fmt.Fprintf(w, "RUN INTERRUPTED: %s\n", oneLine(redact(r.Interrupted)))
	}

	writeMatrix(w, r)
	writeRules(w, r)
	writeEvents(w, r)

	var problems, deviations, gone []SpecResult
	for _, s := range sortedSpecs(r.Specs) {
		switch s.Outcome.normalized() {
		case Fail, Error:
			problems = append(problems, s)
		case KnownDeviation:
			deviations = append(deviations, s)
		}
		if s.Deviation != nil && !s.Deviation.Observed && s.Outcome.normalized() == Pass {
			gone = append(gone, s)
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(w, "\nFailed and errored specs (%d):\n", len(problems))
		failedCodes := failedAssertions(r)
		for _, s := range problems {
			label := "FAIL "
			if s.Outcome.normalized() == Error {
				label = "ERROR"
			}
			writeFailureLine(w, label, s, failedCodes[s.ID])
		}
	}
	if len(deviations) > 0 {
		fmt.Fprintf(w, "\nKnown deviations (%d):\n", len(deviations))
		for _, s := range deviations {
			if d := s.Deviation; d != nil {
				s.Reason = deviationText(*d)
			}
			writeSpecLine(w, "DEV  ", s)
		}
	}
	if len(gone) > 0 {
		fmt.Fprintln(w, "\nDeviations no longer observed (the spec passed: remove its entry from the known deviations):")
		for _, s := range gone {
			s.Reason = deviationText(*s.Deviation)
			writeSpecLine(w, "GONE ", s)
		}
	}
}

// failedAssertions returns, per spec ID, its first failed error-code assertion.
func failedAssertions(r *Run) map[string]Assertion {
	out := map[string]Assertion{}
	for _, a := range r.Assertions {
		if _, seen := out[a.SpecID]; !seen && !a.Passed && a.SpecID != "" {
			out[a.SpecID] = a
		}
	}
	return out
}

// writeFailureLine writes "  LABEL  name: what failed  (file:line)": what failed is the
// code expected and the code got when an error-code assertion of the spec failed on an
// answer, else the start of its message (messageHead).
func writeFailureLine(w io.Writer, label string, s SpecResult, failed Assertion) {
	line := "  " + label + "  " + oneLine(displayName(s))
	what := messageHead(s.Reason)
	if len(failed.Expected) > 0 && failed.Observed != nil { // without an envelope, the message says why
		what = fmt.Sprintf("%s/%s expected ErrorCode %s, got %d", oneLine(failed.Service), oneLine(failed.Command),
			joinInts(failed.Expected), *failed.Observed)
	}
	if what != "" {
		line += ": " + what
	}
	if at := failureLocation(s); at != "" {
		line += "  (" + at + ")"
	}
	fmt.Fprintln(w, line)
}

// messageHeadRunes bounds the message part of a failure line.
const messageHeadRunes = 160

// messageHead is the start of a failure message on one line: its lines up to the location
// the harness appends ("at file:line"), joined, so that Gomega's "Expected\n <int>: 1\nto
// equal\n <int>: 2" reads "Expected <int>: 1 to equal <int>: 2"; clipped to
// messageHeadRunes, redacted.
func messageHead(reason string) string {
	var lines []string
	for line := range strings.SplitSeq(redact(reason), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "at ") && strings.Contains(line, ".go:") {
			break
		}
		lines = append(lines, line)
	}
	head := oneLine(strings.Join(lines, " "))
	if r := []rune(head); len(r) > messageHeadRunes {
		head = strings.TrimSpace(string(r[:messageHeadRunes])) + "…"
	}
	return head
}

// failureLocation is where the spec failed, as the harness appends it to the reason ("at
// file:line" on a line of its own), else where the spec is; shortened to the path from the
// suites directory (or the file's name) so that the line stays short.
func failureLocation(s SpecResult) string {
	at := s.Location
	for line := range strings.SplitSeq(s.Reason, "\n") {
		if l, ok := strings.CutPrefix(strings.TrimSpace(line), "at "); ok && strings.Contains(l, ".go:") {
			at = l
		}
	}
	at = oneLine(at)
	if strings.HasPrefix(at, "suites/") {
		return at
	}
	if i := strings.LastIndex(at, "/suites/"); i >= 0 {
		return at[i+1:]
	}
	if i := strings.LastIndex(at, "/"); i >= 0 {
		return at[i+1:]
	}
	return at
}

// deviationText is "reason (page)" of a declared deviation.
func deviationText(d Deviation) string {
	text := oneLine(d.Reason)
	if page := oneLine(d.Page); page != "" {
		text += " (" + page + ")"
	}
	return text
}

// writeMatrix writes the endpoint × error-code matrix compacted for the console: a counts
// line, then one line per command with the cells that need a reader's attention (failed,
// another code, error, known deviation), then one line per reason some cells cannot be
// provoked on this target. Passing and not-covered cells are only counted: the full matrix
// is in index.html and results.json.
func writeMatrix(w io.Writer, r *Run) {
	m := r.Matrix()
	if len(m.Rows) == 0 {
		return
	}
	counts := m.Counts()
	total, injected, generated := 0, 0, 0
	for _, row := range m.Rows {
		for _, c := range row.Cells {
			if c.Documented {
				total++
				if c.State == CellPassed && c.Injected {
					injected++
				}
				if c.OnlyGenerated() {
					generated++
				}
			}
		}
	}
	fmt.Fprintf(w, "\nEndpoint × error-code matrix: %d of %d documented cells passed (%d only through fault injection, %d only by generated cases), "+
		"%d failed, %d got another code, %d errors, %d known deviations, %d not provokable on this target, %d not covered\n",
		counts[CellPassed], total, injected, generated, counts[CellFailed], counts[CellOtherCode], counts[CellError],
		counts[CellKnownDeviation], counts[CellNotProvokable], counts[CellNotCovered])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, row := range m.Rows {
		var notes []string
		for _, c := range row.Cells {
			if note := cellNote(c); note != "" {
				notes = append(notes, fmt.Sprintf("%d %s", c.Code, note))
			}
		}
		if len(notes) > 0 {
			fmt.Fprintf(tw, "  %s\t%s\n", oneLine(row.Key()), strings.Join(notes, "; "))
		}
	}
	tw.Flush()
	for _, g := range notProvokableGroups(m) {
		cells := 0
		for _, row := range g.Rows {
			cells += len(row.Codes)
		}
		fmt.Fprintf(w, "  %d cells of %d commands not provokable on this target: %s\n", cells, len(g.Rows), oneLine(g.Reason))
	}
}

// cellGroup is the cells of several rows that share one reason.
type cellGroup struct {
	Reason string
	Rows   []cellGroupRow
}

type cellGroupRow struct {
	Key   string
	Codes []int
}

// notProvokableGroups groups the not-provokable cells by reason (without its "not provokable
// here: " start), in matrix order.
func notProvokableGroups(m Matrix) []cellGroup {
	var groups []cellGroup
	index := map[string]int{}
	for _, row := range m.Rows {
		for _, c := range row.Cells {
			if c.State != CellNotProvokable {
				continue
			}
			gi, ok := index[c.Reason]
			if !ok {
				gi = len(groups)
				index[c.Reason] = gi
				groups = append(groups, cellGroup{Reason: strings.TrimPrefix(c.Reason, notProvokablePrefix)})
			}
			g := &groups[gi]
			if n := len(g.Rows); n == 0 || g.Rows[n-1].Key != row.Key() {
				g.Rows = append(g.Rows, cellGroupRow{Key: row.Key()})
			}
			last := &g.Rows[len(g.Rows)-1]
			last.Codes = append(last.Codes, c.Code)
		}
	}
	return groups
}

// cellNote says in a few words why a cell needs a reader's attention (failed, another code,
// error, known deviation); "" for the others (the not-provokable cells are grouped by reason:
// see notProvokableGroups). The specs are listed once, with the failures.
func cellNote(c MatrixCell) string {
	switch c.State {
	case CellFailed:
		return "failed"
	case CellOtherCode:
		got := make([]string, len(c.Got))
		for i, g := range c.Got {
			got[i] = strconv.Itoa(g)
		}
		return "got " + strings.Join(got, ",")
	case CellError:
		return "environment error"
	case CellKnownDeviation:
		return "known deviation"
	}
	return ""
}

// writeSpecLine writes "  LABEL  name: first line of reason".
func writeSpecLine(w io.Writer, label string, s SpecResult) {
	line := "  " + label + "  " + oneLine(displayName(s))
	if reason := oneLine(firstLine(redact(s.Reason))); reason != "" {
		line += ": " + reason
	}
	fmt.Fprintln(w, line)
}

// orDash returns s, or "-" when s is empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
