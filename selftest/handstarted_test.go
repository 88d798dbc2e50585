package selftest

import (
	"bufio"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/emulator"
	"github.com/trtc-conformance/trtc-conformance/results"
)

var timeNow = time.Now

// TestHandStartedEmulatorGivesTheEmbeddedVerdicts builds trtc-emulator, starts it as a user
// would, points the suite at it through TRTC_ENDPOINT and TRTC_CONTROL_URL, and compares every
// spec's outcome with an embedded run.
func TestHandStartedEmulatorGivesTheEmbeddedVerdicts(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole conformance suite twice; skipped with -short")
	}
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "trtc-emulator")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/trtc-emulator").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the emulator's first line: %v", err)
	}
	url := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(line)
	if url == "" {
		t.Fatalf("the emulator did not print its URL: %q", line)
	}

	defaults := emulator.Config{SDKAppID: emulator.DefaultSDKAppID, SecretKey: emulator.DefaultSecretKey, Admins: []string{emulator.DefaultAdmin}}
	var byHand, embedded suiteRun
	atOnce(t, map[string]func(*testing.T){
		"by hand":  func(t *testing.T) { byHand = runWholeSuite(t, &target{endpoint: url, control: url, cfg: defaults}) },
		"embedded": func(t *testing.T) { embedded = runWholeSuite(t, nil) },
	})
	if t.Failed() {
		return
	}

	if byHand.exitCode != 0 || embedded.exitCode != 0 {
		t.Fatalf("exit codes: by hand %d, embedded %d; failed by hand: %v; failed embedded: %v",
			byHand.exitCode, embedded.exitCode, byHand.failed(), embedded.failed())
	}
	want, got := embedded.outcomes(), byHand.outcomes()
	if len(want) == 0 || len(want) != len(got) {
		t.Fatalf("embedded run has %d specs, hand-started run %d", len(want), len(got))
	}
	for name, outcome := range want {
		if got[name] != outcome {
			t.Errorf("%q: embedded %s, by hand %s", name, outcome, got[name])
		}
	}
	if a, b := embedded.run.CoveredPairs(), byHand.run.CoveredPairs(); len(a) != len(b) {
		t.Errorf("covered (command, code) pairs differ: embedded %d, by hand %d", len(a), len(b))
	}
	assertRoomCodesCovered(t, embedded.run)
}

// assertRoomCodesCovered requires a passing assertion, on traffic actually sent, for success
// and for every private code the room, user-management, seat and Live pages document, and the
// Live webhook configuration pages (live_config).
func assertRoomCodesCovered(t *testing.T, run *results.Run) {
	t.Helper()
	covered := map[results.Pair]bool{}
	for _, pair := range run.CoveredPairs() {
		covered[pair] = true
	}
	liveConfig := slices.DeleteFunc(catalog.Area("callback"), func(c catalog.Command) bool { return c.Service != catalog.ServiceLiveConfig })
	for _, command := range slices.Concat(catalog.Area("room"), catalog.Area("member"), catalog.Area("seat"), catalog.Area("live"), liveConfig) {
		for _, code := range append([]int{0}, command.Codes...) {
			if !covered[results.Pair{Service: command.Service, Command: command.Name, Code: code}] {
				t.Errorf("%s: documented code %s is not covered by the embedded run", command.Key(), catalog.Describe(code))
			}
		}
	}
}
