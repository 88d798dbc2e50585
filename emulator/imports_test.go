package emulator

import (
	"os/exec"
	"strings"
	"testing"
)

// The emulator implements the API from the packets of package wire, never from the client the
// suite tests it with: a misreading of a page that both shared would pass every spec unseen.
func TestEmulatorDoesNotDependOnTheClient(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH:", err)
	}
	// -test: the emulator's own tests speak wire too.
	out, err := exec.Command(goTool, "list", "-deps", "-test", "-f", "{{.ImportPath}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const forbidden = "github.com/trtc-conformance/trtc-conformance/client"
	for _, dependency := range strings.Fields(string(out)) {
		if dependency == forbidden || strings.HasPrefix(dependency, forbidden+"/") {
			t.Errorf("the emulator depends on %s; take packet types from package wire instead", dependency)
		}
	}
}
