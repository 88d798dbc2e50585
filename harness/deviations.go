package harness

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// EnvKnownDeviations names the known-deviations file; DefaultKnownDeviations when unset.
const EnvKnownDeviations = "TRTC_KNOWN_DEVIATIONS"

// DefaultKnownDeviations is the known-deviations file of the project, relative to suites/
// where the conformance suite runs; with TRTC_CALLER_DIR, fixtures/known-deviations.json in
// that directory (a file that is absent there means no deviations).
const DefaultKnownDeviations = "../fixtures/known-deviations.json"

// KnownDeviationsPath returns the file named by TRTC_KNOWN_DEVIATIONS, or the default, and
// whether it was named explicitly (an explicitly named file must exist). Relative paths are
// the caller's (TRTC_CALLER_DIR).
func KnownDeviationsPath(getenv func(string) string) (path string, explicit bool) {
	if p := strings.TrimSpace(getenv(EnvKnownDeviations)); p != "" {
		return callerPath(getenv, p), true
	}
	if strings.TrimSpace(getenv(EnvCallerDir)) != "" {
		return callerPath(getenv, filepath.Join("fixtures", "known-deviations.json")), false
	}
	return DefaultKnownDeviations, false
}

// LoadKnownDeviations reads the known-deviations file the environment selects
// (KnownDeviationsPath) and returns its path with its entries. A missing default file is no
// deviation; a missing named file is an error that says which variable to fix.
func LoadKnownDeviations(getenv func(string) string) (path string, deviations []results.DeclaredDeviation, err error) {
	path, explicit := KnownDeviationsPath(getenv)
	deviations, err = results.LoadKnownDeviations(path)
	var unreadable *fs.PathError
	switch {
	case err == nil:
		return path, deviations, nil
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		return path, nil, nil
	case errors.As(err, &unreadable):
		return path, nil, fmt.Errorf("%w (set %s to the file, or unset it to use %s)", err, EnvKnownDeviations, DefaultKnownDeviations)
	}
	return path, nil, err
}

// KnownDeviationFor returns the declared known deviation (Session.KnownDeviations) that
// names spec on this session's target; none when the session is nil.
func (s *Session) KnownDeviationFor(spec types.SpecReport) (results.DeclaredDeviation, bool) {
	if s == nil {
		return results.DeclaredDeviation{}, false
	}
	return results.FindKnownDeviation(s.KnownDeviations, s.Target.Kind, results.SpecResult{Name: spec.FullText(), Labels: spec.Labels()})
}
