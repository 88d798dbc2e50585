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
//   - the known deviations, likewise, so that they stay visible.
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

	var problems, deviations []SpecResult
	for _, s := range sortedSpecs(r.Specs) {
		switch s.Outcome.normalized() {
		case Fail, Error:
			problems = append(problems, s)
		case KnownDeviation:
			deviations = append(deviations, s)
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
			writeSpecLine(w, "DEV  ", s)
		}
	}
}

// writeSpecLine writes "  LABEL  name: first line of reason".
func writeSpecLine(w io.Writer, label string, s SpecResult) {
	line := "  " + label + "  " + oneLine(displayName(s))
	if reason := oneLine(firstLine(s.Reason)); reason != "" {
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
