package results

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

type junitSuites struct {
	XMLName  xml.Name   `xml:"testsuites"`
	Name     string     `xml:"name,attr"`
	Tests    int        `xml:"tests,attr"`
	Failures int        `xml:"failures,attr"`
	Errors   int        `xml:"errors,attr"`
	Time     string     `xml:"time,attr"`
	Suite    junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	// SystemOut carries what the schema has no attribute for, one "name: value" line each.
	SystemOut string `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes r as JUnit XML: the XML header, one <testsuites> and one
// <testsuite name=r.Suite> carrying tests/failures/errors/skipped/time
// (the testsuite also a UTC timestamp of r.Started), a <properties> block
// with the target (kind, endpoint, sdkappid, admin, control_plane), and one
// <testcase> per spec, sorted by name (then ID, then recording order).
//
// Mapping of outcomes:
//   - Pass: an empty testcase.
//   - Fail: <failure message="first line of Reason" type="fail">Reason</failure>.
//   - Error (and any undefined outcome): <error message=... type="error">Reason</error>.
//   - Skipped: <skipped message="Reason"/>.
//   - KnownDeviation: <skipped message="known deviation: declared reason
//     (page)">failure message</skipped> (or message "known deviation: Reason"
//     when the spec carries no Deviation), counted in "skipped": a declared
//     vendor deviation stays visible in CI but never fails it.
//   - A passing spec whose declared deviation is no longer observed carries
//     <property name="known_deviation" value="no longer observed: ..."/>.
//
// The classname of a testcase is the spec name up to its first space (for
// "CreateRoom rejects an empty RoomId" it is "CreateRoom"), or r.Suite when
// that is empty. Times are in seconds with 3 decimals; the suite time is
// Finished-Started when both are set and ordered, otherwise the sum of the
// spec durations. Labels never appear in testcase names: they are written
// as the line "labels: a,b" of the testcase's <system-out> (sorted,
// deduplicated), and a trailing " [a, b]" label suffix
// that exactly repeats the spec's labels is removed from the name. ANSI
// escape sequences, invalid UTF-8 and characters that XML 1.0 forbids are
// stripped from all text, and UserSig values from reasons. The output
// depends only on r (no map iteration order, no clock), so two renders of
// the same Run are byte-identical.
func WriteJUnit(w io.Writer, r *Run) error {
	if r == nil {
		r = &Run{}
	}
	counts := r.Counts()
	total := suiteSeconds(r)
	suite := junitSuite{
		Name:     cleanText(r.Suite),
		Tests:    len(r.Specs),
		Failures: counts[Fail],
		Errors:   counts[Error],
		Skipped:  counts[Skipped] + counts[KnownDeviation],
		Time:     seconds(total),
		Properties: []junitProperty{
			{Name: "kind", Value: cleanText(r.Target.Kind)},
			{Name: "endpoint", Value: cleanText(r.Target.Endpoint)},
			{Name: "sdkappid", Value: strconv.FormatUint(r.Target.SDKAppID, 10)},
			{Name: "admin", Value: cleanText(r.Target.Admin)},
			{Name: "control_plane", Value: cleanText(r.Target.ControlPlane)},
		},
		Cases: []junitCase{},
	}
	if !r.Started.IsZero() {
		suite.Timestamp = r.Started.UTC().Format("2006-01-02T15:04:05")
	}
	if r.Interrupted != "" {
		suite.Properties = append(suite.Properties, junitProperty{Name: "interrupted", Value: cleanText(redact(r.Interrupted))})
	}
	for _, s := range sortedSpecs(r.Specs) {
		name := displayName(s)
		c := junitCase{
			Name:      name,
			Classname: classname(s, r.Suite),
			Time:      seconds(finite(s.DurationMillis) / 1000),
		}
		var out []string
		if labels := sortedLabels(s.Labels); len(labels) > 0 {
			out = append(out, "labels: "+strings.Join(labels, ","))
		}
		if d := s.Deviation; d != nil && !d.Observed && s.Outcome.normalized() == Pass {
			out = append(out, "known_deviation: "+cleanText("no longer observed: "+deviationText(*d)))
		}
		c.SystemOut = strings.Join(out, "\n")
		reason := cleanText(redact(s.Reason))
		switch s.Outcome.normalized() {
		case Fail:
			c.Failure = &junitProblem{Message: firstLine(reason), Type: "fail", Text: reason}
		case Error:
			c.Error = &junitProblem{Message: firstLine(reason), Type: "error", Text: reason}
		case Skipped:
			c.Skipped = &junitSkipped{Message: reason}
		case KnownDeviation:
			if d := s.Deviation; d != nil {
				c.Skipped = &junitSkipped{Message: cleanText("known deviation: " + deviationText(*d)), Text: reason}
			} else {
				c.Skipped = &junitSkipped{Message: "known deviation: " + reason}
			}
		}
		suite.Cases = append(suite.Cases, c)
	}
	doc := junitSuites{
		Name:     suite.Name,
		Tests:    suite.Tests,
		Failures: suite.Failures,
		Errors:   suite.Errors,
		Time:     suite.Time,
		Suite:    suite,
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("results: write JUnit: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("results: write JUnit: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("results: write JUnit: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("results: write JUnit: %w", err)
	}
	return nil
}

// sortedSpecs returns a copy of specs sorted by display name, then ID; ties
// keep their recording order.
func sortedSpecs(specs []SpecResult) []SpecResult {
	out := slices.Clone(specs)
	slices.SortStableFunc(out, func(a, b SpecResult) int {
		return cmp.Or(cmp.Compare(displayName(a), displayName(b)), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// suiteSeconds is the wall time of the run in seconds: Finished-Started when
// both are set and ordered, otherwise the sum of the spec durations.
func suiteSeconds(r *Run) float64 {
	if !r.Started.IsZero() && !r.Finished.IsZero() && !r.Finished.Before(r.Started) {
		return r.Finished.Sub(r.Started).Seconds()
	}
	var ms float64
	for _, s := range r.Specs {
		ms += finite(s.DurationMillis)
	}
	return ms / 1000
}

// seconds formats a duration in seconds with 3 decimals (negative values
// are written as 0).
func seconds(s float64) string {
	if s < 0 || s != s {
		s = 0
	}
	return strconv.FormatFloat(s, 'f', 3, 64)
}
