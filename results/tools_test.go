package results

import (
	"os"
	"os/exec"
	"testing"
)

// needTool returns the path of an external program a test checks the reports with. Without
// it the test is skipped, saying so, except on CI (CI set), where .ci/run installs every such
// program and a missing one must fail rather than silently check nothing.
func needTool(t *testing.T, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed (Debian package %s); .ci/run installs it on CI", name, debianPackage)
	}
	t.Skipf("%s is not installed (Debian package %s): install it to run this check", name, debianPackage)
	return ""
}
