package results

import (
	"fmt"
	"io"
	"slices"
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

// WriteSummary writes a compact console summary of r:
//
//   - a target line (kind, endpoint, sdkappid, admin, control plane) and
//     the suite with its wall time;
//   - the counts line (see CountsLine);
//   - a table, one row per command (sorted by service then command), with
//     the number of calls, the codes covered by passing assertions (an "*"
//     marks a code proved only through fault injection, explained by a
//     footnote when present), the codes whose
//     assertions failed, and the codes observed in envelopes as code(count);
//   - the failed and error specs, sorted by name, each with the first line
//     of its reason;
//   - the endpoint × error-code matrix (see BuildMatrix): a counts line, one
//     line per documented command with a symbol per code, and the cells
//     that failed, deviate or cannot be provoked on this target, with why;
//   - the known deviations, likewise, so that they stay visible, with the
//     declared reason and page;
//   - the declared deviations no longer observed (their spec passed).
//
// Text is cleaned of control characters and escape sequences. Write errors
// are ignored: the summary is best-effort console output.
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
	fmt.Fprintf(w, "Suite:  %s, %d specs in %ss\n", orDash(oneLine(r.Suite)), len(r.Specs), seconds(suiteSeconds(r)))
	fmt.Fprintln(w, CountsLine(r.Counts()))
	if r.Interrupted != "" {
		fmt.Fprintf(w, "RUN INTERRUPTED: %s\n", oneLine(redact(r.Interrupted)))
	}

	if cov := r.Coverage(); len(cov) > 0 {
		fmt.Fprintln(w)
		anyInjected := false
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "SERVICE\tCOMMAND\tCALLS\tCOVERED\tFAILED\tOBSERVED")
		for _, c := range cov {
			var covered, failed []string
			for _, a := range c.Asserted {
				if a.Passed > 0 {
					s := strconv.Itoa(a.Code)
					if a.Injected {
						s += "*"
						anyInjected = true
					}
					covered = append(covered, s)
				}
				if a.Failed > 0 {
					failed = append(failed, strconv.Itoa(a.Code))
				}
			}
			codes := make([]int, 0, len(c.Observed))
			for code := range c.Observed {
				codes = append(codes, code)
			}
			slices.Sort(codes)
			observed := make([]string, 0, len(codes))
			for _, code := range codes {
				observed = append(observed, fmt.Sprintf("%d(%d)", code, c.Observed[code]))
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n",
				orDash(cell(c.Service)), orDash(cell(c.Command)), c.Calls,
				joinOrDash(covered), joinOrDash(failed), joinOrDash(observed))
		}
		tw.Flush()
		if anyInjected {
			fmt.Fprintln(w, "(* = covered only through fault injection)")
		}
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
		fmt.Fprintln(w, "\nFailed and errored specs:")
		for _, s := range problems {
			label := "FAIL "
			if s.Outcome.normalized() == Error {
				label = "ERROR"
			}
			writeSpecLine(w, label, s)
		}
	}
	if len(deviations) > 0 {
		fmt.Fprintln(w, "\nKnown deviations:")
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

// deviationText is "reason (page)" of a declared deviation.
func deviationText(d Deviation) string {
	text := oneLine(d.Reason)
	if page := oneLine(d.Page); page != "" {
		text += " (" + page + ")"
	}
	return text
}

// writeMatrix writes the endpoint × error-code matrix: a counts line, one line per documented
// command with a symbol per code, and the cells that need a reader's attention with their
// reasons.
func writeMatrix(w io.Writer, r *Run) {
	m := r.Matrix()
	if len(m.Rows) == 0 {
		return
	}
	counts := m.Counts()
	total, injected := 0, 0
	for _, row := range m.Rows {
		for _, c := range row.Cells {
			if c.Documented {
				total++
				if c.State == CellPassed && c.Injected {
					injected++
				}
			}
		}
	}
	fmt.Fprintf(w, "\nEndpoint × error-code matrix: %d of %d documented cells passed (%d only through fault injection), "+
		"%d failed, %d got another code, %d errors, %d known deviations, %d not provokable on this target, %d not covered\n",
		counts[CellPassed], total, injected, counts[CellFailed], counts[CellOtherCode], counts[CellError],
		counts[CellKnownDeviation], counts[CellNotProvokable], counts[CellNotCovered])
	fmt.Fprintln(w, "(P passed, F failed, O got another code, E error, D known deviation, N not provokable on this target, "+
		". not covered; * only through fault injection; after | the codes the page does not list)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var attention []string
	for _, row := range m.Rows {
		var documented, extra []string
		for _, c := range row.Cells {
			text := strconv.Itoa(c.Code) + ":" + c.State.Symbol()
			if c.Injected {
				text += "*"
			}
			if c.Documented {
				documented = append(documented, text)
			} else {
				extra = append(extra, text)
			}
			if note := cellNote(c); note != "" {
				attention = append(attention, fmt.Sprintf("  %s %d  %s", oneLine(row.Key()), c.Code, note))
			}
		}
		line := strings.Join(documented, " ")
		if len(extra) > 0 {
			line += " | " + strings.Join(extra, " ")
		}
		fmt.Fprintf(tw, "%s\t%s\n", oneLine(row.Key()), line)
	}
	tw.Flush()
	if len(attention) > 0 {
		fmt.Fprintln(w, "Cells to look at:")
		for _, line := range attention {
			fmt.Fprintln(w, line)
		}
	}
	for _, g := range notProvokableGroups(m) {
		fmt.Fprintf(w, "Not provokable on this target, %s:\n", oneLine(g.Reason))
		for _, row := range g.Rows {
			fmt.Fprintf(w, "  %s %s\n", oneLine(row.Key), joinInts(row.Codes))
		}
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

// cellNote explains a cell that failed, broke or deviates; "" for the others (the
// not-provokable cells are grouped by reason: see notProvokableGroups).
func cellNote(c MatrixCell) string {
	var note string
	switch c.State {
	case CellFailed:
		note = "failed: no valid answer with the code"
	case CellOtherCode:
		got := make([]string, len(c.Got))
		for i, g := range c.Got {
			got[i] = strconv.Itoa(g)
		}
		note = "got another code: " + strings.Join(got, ", ")
	case CellError:
		note = "environment error"
	case CellKnownDeviation:
		note = "known deviation"
	default:
		return ""
	}
	if len(c.Specs) > 0 {
		note += " (" + oneLine(displayName(SpecResult{Name: c.Specs[0]}))
		if len(c.Specs) > 1 {
			note += fmt.Sprintf(" and %d more", len(c.Specs)-1)
		}
		note += ")"
	}
	return note
}

// writeSpecLine writes "  LABEL  name: first line of reason".
func writeSpecLine(w io.Writer, label string, s SpecResult) {
	line := "  " + label + "  " + oneLine(displayName(s))
	if reason := oneLine(firstLine(redact(s.Reason))); reason != "" {
		line += ": " + reason
	}
	fmt.Fprintln(w, line)
}

// cell cleans s for one tabwriter cell.
func cell(s string) string { return oneLine(s) }

// orDash returns s, or "-" when s is empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// joinOrDash joins v with spaces, or returns "-" when v is empty.
func joinOrDash(v []string) string { return orDash(strings.Join(v, " ")) }
