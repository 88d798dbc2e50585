package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// ErrKnownDeviations wraps every problem with a known-deviations file; the message names
// the file, the entry and what to fix.
var ErrKnownDeviations = errors.New("known deviations")

// DeclaredDeviation is one entry of a known-deviations file: a vendor behaviour that breaks a
// documented promise, declared so that it stays visible without failing every run.
//
// The file is a JSON object {"deviations": [entry, ...]} (an "about" string may explain it);
// each entry:
//
//	{"command": "create_room",            // or "room_engine_http_srv/create_room"
//	 "case": "answers 100010 (or 100003) when the room's owner creates its room ID again",
//	 "reason": "the live service answers 100003", // what the target does instead, and since when
//	 "page": "https://trtc.io/document/60707",     // the page whose promise it breaks
//	 "targets": ["live"]}                         // optional: target kinds it applies to
//
// An entry matches a spec labelled cmd:<command> (and svc:<service> when the command names
// its service) whose full text is the case, or ends with " " + case (so the leaf text of an
// It or of a table Entry is enough when it is unique within the command).
type DeclaredDeviation struct {
	Command string   `json:"command"`
	Case    string   `json:"case"`
	Reason  string   `json:"reason"`
	Page    string   `json:"page"`
	Targets []string `json:"targets,omitempty"`
}

type knownDeviationsFile struct {
	About      string              `json:"about,omitempty"`
	Deviations []DeclaredDeviation `json:"deviations"`
}

// LoadKnownDeviations reads and checks the known-deviations file at path. A file that
// cannot be read gives an error that wraps the *fs.PathError (errors.Is(err,
// fs.ErrNotExist) tells a missing file), so that the caller can decide whether a missing
// file is no deviation or a mistake.
func LoadKnownDeviations(path string) ([]DeclaredDeviation, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKnownDeviations, err)
	}
	return ParseKnownDeviations(bytes.NewReader(data), path)
}

// ParseKnownDeviations reads a known-deviations document; name labels its errors. Unknown
// fields, unknown commands and target kinds, entries without a case, a reason or an http(s)
// page, and entries declared twice are refused, each with the entry's number.
func ParseKnownDeviations(rd io.Reader, name string) ([]DeclaredDeviation, error) {
	dec := json.NewDecoder(rd)
	dec.DisallowUnknownFields()
	var doc knownDeviationsFile
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrKnownDeviations, name, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: %s: data after the JSON object", ErrKnownDeviations, name)
	}
	seen := map[string]int{}
	for i, d := range doc.Deviations {
		if problem := d.problem(); problem != "" {
			return nil, fmt.Errorf("%w: %s: entry %d (%q, %q): %s", ErrKnownDeviations, name, i+1, d.Command, d.Case, problem)
		}
		targets := slices.Clone(d.Targets)
		slices.Sort(targets)
		key := d.Command + "\x00" + strings.TrimSpace(d.Case) + "\x00" + strings.Join(targets, ",")
		if first, dup := seen[key]; dup {
			return nil, fmt.Errorf("%w: %s: entry %d repeats entry %d (%q, %q)", ErrKnownDeviations, name, i+1, first, d.Command, d.Case)
		}
		seen[key] = i + 1
	}
	if doc.Deviations == nil {
		return []DeclaredDeviation{}, nil
	}
	return doc.Deviations, nil
}

// problem says what is wrong with one entry, or "".
func (d DeclaredDeviation) problem() string {
	service, command := d.split()
	switch {
	case command == "":
		return `"command" is empty: name a command of the reference, e.g. "create_room"`
	case service != "":
		if _, ok := catalog.Lookup(service, command); !ok {
			return fmt.Sprintf("%s/%s is not a documented command", service, command)
		}
	case !slices.ContainsFunc(catalog.Commands(), func(c catalog.Command) bool { return c.Name == command }):
		return fmt.Sprintf("%q is not a documented command", command)
	}
	if strings.TrimSpace(d.Case) == "" {
		return `"case" is empty: give the spec's text, or its end`
	}
	if strings.TrimSpace(d.Reason) == "" {
		return `"reason" is empty: say what the target does instead`
	}
	if u, err := url.Parse(d.Page); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf(`"page" %q is not an http(s) URL of the documentation page`, d.Page)
	}
	for _, kind := range d.Targets {
		if kind != TargetEmbedded && kind != TargetRemote && kind != TargetLive {
			return fmt.Sprintf("target %q is none of %s, %s, %s", kind, TargetEmbedded, TargetRemote, TargetLive)
		}
	}
	return ""
}

// split returns the entry's service ("" when not given) and command.
func (d DeclaredDeviation) split() (service, command string) {
	c := strings.TrimSpace(d.Command)
	if i := strings.LastIndex(c, "/"); i >= 0 {
		return c[:i], c[i+1:]
	}
	return "", c
}

// AppliesTo reports whether the entry applies to a target of the given kind.
func (d DeclaredDeviation) AppliesTo(kind string) bool {
	return len(d.Targets) == 0 || slices.Contains(d.Targets, kind)
}

// Matches reports whether the entry names the spec: by its cmd:/svc: labels and its text.
func (d DeclaredDeviation) Matches(spec SpecResult) bool {
	service, command := d.split()
	if command == "" || !slices.Contains(spec.Labels, catalog.LabelCommandPrefix+command) {
		return false
	}
	if service != "" && !slices.Contains(spec.Labels, catalog.LabelServicePrefix+service) {
		return false
	}
	want := strings.TrimSpace(d.Case)
	name := strings.TrimSpace(spec.Name)
	return want != "" && (name == want || strings.HasSuffix(name, " "+want))
}

// FindKnownDeviation returns the first entry of deviations that applies to a target of the
// given kind and names spec (only its Name and Labels are read). The suite's fail handler
// and ApplyKnownDeviations both decide through it, so a spec turned into a known deviation
// while it ran is the one the reports attach the entry to.
func FindKnownDeviation(deviations []DeclaredDeviation, targetKind string, spec SpecResult) (DeclaredDeviation, bool) {
	i := findKnownDeviation(deviations, targetKind, spec)
	if i < 0 {
		return DeclaredDeviation{}, false
	}
	return deviations[i], true
}

func findKnownDeviation(deviations []DeclaredDeviation, targetKind string, spec SpecResult) int {
	return slices.IndexFunc(deviations, func(d DeclaredDeviation) bool { return d.AppliesTo(targetKind) && d.Matches(spec) })
}

// ApplyKnownDeviations marks the specs of run that match an entry applying to the run's
// target kind (the first matching entry wins): a failed spec becomes known-deviation with the
// entry attached (Observed true) and keeps its failure message as Reason; a passing spec keeps
// outcome pass with the entry attached and Observed false, so that the reports flag the
// deviation as no longer observed; specs that errored or were skipped are left alone. It
// returns the applying entries that matched no spec of the run (renamed specs, or specs left
// out by a filter).
func ApplyKnownDeviations(run *Run, deviations []DeclaredDeviation) (unmatched []DeclaredDeviation) {
	if run == nil {
		return nil
	}
	matched := make([]bool, len(deviations))
	for i := range run.Specs {
		spec := &run.Specs[i]
		j := findKnownDeviation(deviations, run.Target.Kind, *spec)
		if j < 0 {
			continue
		}
		matched[j] = true
		d := deviations[j]
		note := &Deviation{Command: d.Command, Case: d.Case, Reason: d.Reason, Page: d.Page}
		switch spec.Outcome {
		case Fail, KnownDeviation:
			spec.Outcome = KnownDeviation
			note.Observed = true
			spec.Deviation = note
		case Pass:
			spec.Deviation = note
		}
	}
	for j, d := range deviations {
		if !matched[j] && d.AppliesTo(run.Target.Kind) {
			unmatched = append(unmatched, d)
		}
	}
	return unmatched
}
