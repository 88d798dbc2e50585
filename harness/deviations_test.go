package harness

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/results"
)

func TestLoadKnownDeviationsFromTheEnvironment(t *testing.T) {
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	missing := filepath.Join(t.TempDir(), "none.json")
	if _, got, err := LoadKnownDeviations(env(nil)); err != nil {
		t.Errorf("the project's own file (suites/ and harness/ are siblings): %v, %v", got, err)
	}
	if path, explicit := KnownDeviationsPath(env(map[string]string{EnvKnownDeviations: " x.json "})); path != "x.json" || !explicit {
		t.Errorf("named path %q explicit %v", path, explicit)
	}
	if path, got, err := LoadKnownDeviations(env(map[string]string{EnvKnownDeviations: missing})); path != missing ||
		!errors.Is(err, results.ErrKnownDeviations) || !strings.Contains(err.Error(), EnvKnownDeviations) || got != nil {
		t.Errorf("missing named file: %q %v, err = %v; want ErrKnownDeviations naming %s", path, got, err, EnvKnownDeviations)
	}
	var session *Session
	if _, ok := session.KnownDeviationFor(types.SpecReport{}); ok {
		t.Error("no session, yet a deviation")
	}
	session = &Session{Target: results.Target{Kind: KindLive}, KnownDeviations: []results.DeclaredDeviation{
		{Command: "create_room", Case: "refuses a taken ID", Reason: "r", Page: "https://x.test/p", Targets: []string{KindLive}}}}
	spec := types.SpecReport{ContainerHierarchyTexts: []string{"Room"}, ContainerHierarchyLabels: [][]string{{"cmd:create_room"}},
		LeafNodeType: types.NodeTypeIt, LeafNodeText: "refuses a taken ID"}
	if d, ok := session.KnownDeviationFor(spec); !ok || d.Command != "create_room" {
		t.Errorf("the declared spec: %+v %v", d, ok)
	}
	session.Target.Kind = KindEmbedded
	if _, ok := session.KnownDeviationFor(spec); ok {
		t.Error("a live-only deviation applied to the emulator")
	}
}
