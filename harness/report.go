package harness

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/results"
)

// EnvironmentPrefix starts the failure message of a spec that failed because the
// environment broke (no answer, timeout) rather than the target; such specs are reported
// with outcome error.
const EnvironmentPrefix = "environment error: "

// KnownDeviationPrefix starts the skip message of a spec that a fail handler turned into a
// skip because it failed as a declared known deviation; such specs are reported with outcome
// known-deviation, and the rest of the message is their failure.
const KnownDeviationPrefix = "known deviation: "

const partsDir = ".parts"

// ResetParts empties the folder the processes write their parts to; call it once, before
// any process records.
func ResetParts(reportsDir string) error {
	dir := filepath.Join(reportsDir, partsDir)
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("clear %s: %w", dir, err)
	}
	return os.MkdirAll(dir, 0o755)
}

// WritePart saves one process's recording for the merge at the end of the suite.
func WritePart(reportsDir string, process int, part *results.Run) error {
	path := filepath.Join(reportsDir, partsDir, fmt.Sprintf("process-%d.json", process))
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write part: %w", err)
	}
	if err := results.WriteJSON(f, part); err != nil {
		f.Close()
		return fmt.Errorf("write part %s: %w", path, err)
	}
	return f.Close()
}

// ReadParts loads every process's part.
func ReadParts(reportsDir string) ([]*results.Run, error) {
	paths, err := filepath.Glob(filepath.Join(reportsDir, partsDir, "process-*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var parts []*results.Run
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read part: %w", err)
		}
		part, err := results.ReadJSON(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read part %s: %w", path, err)
		}
		parts = append(parts, part)
	}
	return parts, nil
}

// SpecResults turns Ginkgo's report into spec outcomes: every It, plus any suite-level node
// (BeforeSuite, AfterSuite) that failed, since such a failure explains why specs did not run.
func SpecResults(report types.Report) []results.SpecResult {
	var out []results.SpecResult
	for _, spec := range report.SpecReports {
		isIt := spec.LeafNodeType == types.NodeTypeIt
		if !isIt && !spec.State.Is(types.SpecStateFailureStates) {
			continue
		}
		name := spec.FullText()
		if !isIt {
			name = "[" + spec.LeafNodeType.String() + "] " + spec.LeafNodeText
		}
		out = append(out, results.SpecResult{
			ID:             name,
			Name:           name,
			Labels:         spec.Labels(),
			Outcome:        outcomeOf(spec),
			Reason:         reasonOf(spec),
			Location:       spec.LeafNodeLocation.String(),
			DurationMillis: float64(spec.RunTime.Microseconds()) / 1000,
		})
	}
	return out
}

func outcomeOf(spec types.SpecReport) results.Outcome {
	switch spec.State {
	case types.SpecStatePassed:
		return results.Pass
	case types.SpecStateSkipped:
		if strings.HasPrefix(spec.Failure.Message, KnownDeviationPrefix) {
			return results.KnownDeviation
		}
		return results.Skipped
	case types.SpecStatePending:
		return results.Skipped
	case types.SpecStateFailed:
		if strings.HasPrefix(spec.Failure.Message, EnvironmentPrefix) {
			return results.Error
		}
		return results.Fail
	default: // panicked, interrupted, aborted, timed out: the run, not the target, broke
		return results.Error
	}
}

func reasonOf(spec types.SpecReport) string {
	switch {
	case spec.State == types.SpecStatePending:
		return results.ReasonPending
	case spec.State == types.SpecStateSkipped && spec.Failure.Message == "":
		return results.ReasonNotSelected
	case spec.State == types.SpecStatePassed:
		return ""
	}
	message := strings.TrimPrefix(spec.Failure.Message, KnownDeviationPrefix)
	if spec.Failure.Location.FileName != "" && spec.State != types.SpecStateSkipped {
		message += "\nat " + spec.Failure.Location.String()
	}
	return message
}

// EnvKnownDeviations names the known-deviations file; DefaultKnownDeviations when unset.
const EnvKnownDeviations = "TRTC_KNOWN_DEVIATIONS"

// DefaultKnownDeviations is the known-deviations file of the project, relative to suites/
// where the conformance suite runs.
const DefaultKnownDeviations = "../fixtures/known-deviations.json"

// ErrKnownDeviations wraps every problem with the known-deviations file; the message names
// the file, the entry and what to fix.
var ErrKnownDeviations = errors.New("known deviations")

// KnownDeviation is one entry of the known-deviations file: a vendor behaviour that breaks a
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
type KnownDeviation struct {
	Command string   `json:"command"`
	Case    string   `json:"case"`
	Reason  string   `json:"reason"`
	Page    string   `json:"page"`
	Targets []string `json:"targets,omitempty"`
}

type knownDeviationsFile struct {
	About      string           `json:"about,omitempty"`
	Deviations []KnownDeviation `json:"deviations"`
}

// KnownDeviationsPath returns the file named by TRTC_KNOWN_DEVIATIONS, or the default, and
// whether it was named explicitly (an explicitly named file must exist).
func KnownDeviationsPath(getenv func(string) string) (path string, explicit bool) {
	if p := strings.TrimSpace(getenv(EnvKnownDeviations)); p != "" {
		return p, true
	}
	return DefaultKnownDeviations, false
}

// LoadKnownDeviations reads and checks the known-deviations file at path. A missing file is
// no deviation unless mustExist is set.
func LoadKnownDeviations(path string, mustExist bool) ([]KnownDeviation, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !mustExist {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w (set %s to the file, or unset it to use %s)", ErrKnownDeviations, err, EnvKnownDeviations, DefaultKnownDeviations)
	}
	return ParseKnownDeviations(bytes.NewReader(data), path)
}

// ParseKnownDeviations reads a known-deviations document; name labels its errors. Unknown
// fields, unknown commands and target kinds, entries without a case, a reason or an http(s)
// page, and entries declared twice are refused, each with the entry's number.
func ParseKnownDeviations(rd io.Reader, name string) ([]KnownDeviation, error) {
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
		key := d.Command + "\x00" + strings.TrimSpace(d.Case) + "\x00" + strings.Join(sortedCopy(d.Targets), ",")
		if first, dup := seen[key]; dup {
			return nil, fmt.Errorf("%w: %s: entry %d repeats entry %d (%q, %q)", ErrKnownDeviations, name, i+1, first, d.Command, d.Case)
		}
		seen[key] = i + 1
	}
	if doc.Deviations == nil {
		return []KnownDeviation{}, nil
	}
	return doc.Deviations, nil
}

// problem says what is wrong with one entry, or "".
func (d KnownDeviation) problem() string {
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
		if kind != KindEmbedded && kind != KindRemote && kind != KindLive {
			return fmt.Sprintf("target %q is none of %s, %s, %s", kind, KindEmbedded, KindRemote, KindLive)
		}
	}
	return ""
}

// split returns the entry's service ("" when not given) and command.
func (d KnownDeviation) split() (service, command string) {
	c := strings.TrimSpace(d.Command)
	if i := strings.LastIndex(c, "/"); i >= 0 {
		return c[:i], c[i+1:]
	}
	return "", c
}

// AppliesTo reports whether the entry applies to a target of the given kind.
func (d KnownDeviation) AppliesTo(kind string) bool {
	return len(d.Targets) == 0 || slices.Contains(d.Targets, kind)
}

// Matches reports whether the entry names the spec: by its cmd:/svc: labels and its text.
func (d KnownDeviation) Matches(spec results.SpecResult) bool {
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

// ApplyKnownDeviations marks the specs of run that match an entry applying to the run's
// target kind (the first matching entry wins): a failed spec becomes known-deviation with the
// entry attached (Observed true) and keeps its failure message as Reason; a passing spec keeps
// outcome pass with the entry attached and Observed false, so that the reports flag the
// deviation as no longer observed; specs that errored or were skipped are left alone. It
// returns the applying entries that matched no spec of the run (renamed specs, or specs left
// out by a filter).
func ApplyKnownDeviations(run *results.Run, deviations []KnownDeviation) (unmatched []KnownDeviation) {
	if run == nil {
		return nil
	}
	matched := make([]bool, len(deviations))
	for i := range run.Specs {
		spec := &run.Specs[i]
		for j, d := range deviations {
			if !d.AppliesTo(run.Target.Kind) || !d.Matches(*spec) {
				continue
			}
			matched[j] = true
			note := &results.Deviation{Command: d.Command, Case: d.Case, Reason: d.Reason, Page: d.Page}
			switch spec.Outcome {
			case results.Fail, results.KnownDeviation:
				spec.Outcome = results.KnownDeviation
				note.Observed = true
				spec.Deviation = note
			case results.Pass:
				spec.Deviation = note
			}
			break
		}
	}
	for j, d := range deviations {
		if !matched[j] && d.AppliesTo(run.Target.Kind) {
			unmatched = append(unmatched, d)
		}
	}
	return unmatched
}

// RunConfig describes the run's configuration for the reports, with the secret key
// redacted: the TRTC_* settings, the known-deviations file and Ginkgo's selection.
func RunConfig(s Settings, suite types.SuiteConfig, deviationsPath string, deviations int) map[string]string {
	orUnset := func(v, unset string) string {
		if v == "" {
			return unset
		}
		return v
	}
	secret := "(unset)"
	if s.SecretKey != "" {
		secret = "(set, " + results.Redacted + ")"
	}
	appID := "(unset)"
	if s.SDKAppID != 0 {
		appID = strconv.FormatUint(s.SDKAppID, 10)
	}
	config := map[string]string{
		EnvEndpoint:          orUnset(s.Endpoint, "(unset: the embedded emulator)"),
		EnvSDKAppID:          appID,
		EnvSecretKey:         secret,
		EnvAdmin:             orUnset(s.Admin, "(unset)"),
		EnvControlURL:        orUnset(s.ControlURL, "(unset)"),
		EnvReportsDir:        s.ReportsDir,
		"known deviations":   fmt.Sprintf("%s (%d entries)", deviationsPath, deviations),
		"label filter":       orUnset(suite.LabelFilter, "(none)"),
		"parallel processes": strconv.Itoa(max(suite.ParallelTotal, 1)),
		"random seed":        strconv.FormatInt(suite.RandomSeed, 10),
		"go":                 runtime.Version(),
	}
	if len(suite.FocusStrings) > 0 {
		config["focus"] = strings.Join(suite.FocusStrings, " | ")
	}
	if len(suite.SkipStrings) > 0 {
		config["skip"] = strings.Join(suite.SkipStrings, " | ")
	}
	return config
}

// sortedCopy returns a sorted copy of v.
func sortedCopy(v []string) []string {
	out := slices.Clone(v)
	slices.Sort(out)
	return out
}
