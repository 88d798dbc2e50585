package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
)

// Report is the JSON document written by WriteJSON: the Run itself plus the
// values derived from it, so that consumers need not recompute them.
type Report struct {
	Run          *Run              `json:"run"`
	Counts       map[Outcome]int   `json:"counts"`
	Coverage     []CommandCoverage `json:"coverage"`
	CoveredPairs []Pair            `json:"covered_pairs"`
	// Matrix is the endpoint × error-code matrix over the documented commands (Run.Matrix).
	Matrix Matrix `json:"matrix"`
	// MatrixCounts counts the documented cells of Matrix per state.
	MatrixCounts map[CellState]int `json:"matrix_counts"`
	// Rules is the rules table of the RESTful API overview (Run.Rules): which of the rules every
	// command inherits the target keeps.
	Rules RulesTable `json:"rules"`
	// Events is the callback events table (Run.Events).
	Events EventsTable `json:"events"`
}

// WriteJSON writes r as an indented JSON object
// {"run": <Run>, "counts": ..., "coverage": [...], "covered_pairs": [...],
// "matrix": {"rows": [...]}, "matrix_counts": {...}, "rules": {"rows": [...]}}.
// Nil slices are written as [] rather than null, HTML characters are not
// escaped, non-finite durations (NaN, ±Inf) are written as 0 so that
// one bad measurement cannot prevent the report from being written, and
// UserSig values that slipped into URLs, bodies or messages are redacted.
// r is not modified.
func WriteJSON(w io.Writer, r *Run) error {
	if r == nil {
		r = &Run{}
	}
	n := forOutput(r)
	matrix := n.Matrix()
	rep := Report{Run: n, Counts: n.Counts(), Coverage: n.Coverage(), CoveredPairs: n.CoveredPairs(),
		Matrix: matrix, MatrixCounts: matrix.Counts(), Rules: n.Rules(), Events: n.Events()}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("results: write JSON: %w", err)
	}
	return nil
}

// ReadJSON reads back a document written by WriteJSON and returns its Run.
// The derived fields (counts, coverage, covered_pairs) are ignored: they are
// recomputed from the Run on demand. For convenience a bare Run object (one
// without the "run" wrapper) is accepted too.
func ReadJSON(rd io.Reader) (*Run, error) {
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("results: read JSON: %w", err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("results: read JSON: %w", err)
	}
	if top == nil {
		return nil, errors.New("results: read JSON: document is null")
	}
	body := data
	if raw, ok := top["run"]; ok {
		body = raw
	}
	var r Run
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("results: read JSON: %w", err)
	}
	if r.Format == 0 {
		r.Format = 1 // written before the format had a version
	}
	return &r, nil
}

// forOutput returns a shallow copy of r with nil top-level slices replaced by
// empty ones, non-finite durations replaced by 0 and secrets redacted.
func forOutput(r *Run) *Run {
	n := *r
	n.Format = FormatVersion
	n.Specs = append(make([]SpecResult, 0, len(r.Specs)), r.Specs...)
	n.Exchanges = append(make([]Exchange, 0, len(r.Exchanges)), r.Exchanges...)
	n.Assertions = append(make([]Assertion, 0, len(r.Assertions)), r.Assertions...)
	for i := range n.Specs {
		n.Specs[i].DurationMillis = finite(n.Specs[i].DurationMillis)
		n.Specs[i].Reason = redact(n.Specs[i].Reason)
	}
	n.Interrupted = redact(n.Interrupted)
	n.Deliveries = redactedDeliveries(r.Deliveries)
	for i := range n.Exchanges {
		e := &n.Exchanges[i]
		e.DurationMillis = finite(e.DurationMillis)
		e.URL, e.RequestBody, e.ResponseBody, e.TransportError = redact(e.URL), redact(e.RequestBody), redact(e.ResponseBody), redact(e.TransportError)
	}
	if len(r.Config) > 0 {
		n.Config = make(map[string]string, len(r.Config))
		for k, v := range r.Config {
			n.Config[k] = redact(v)
		}
	}
	for i := range n.Assertions {
		if n.Assertions[i].Expected == nil {
			n.Assertions[i].Expected = []int{}
		}
	}
	return &n
}

// finite returns f, or 0 when f is NaN or infinite.
func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}
