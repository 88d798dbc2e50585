package harness

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/emulator"
	"github.com/trtc-conformance/trtc-conformance/results"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// The trtc-conformance binary, built as make binary builds it, copied away from the source
// tree and run there against a hand-started trtc-emulator: the workflows of README "Targets"
// and "Live runs" as a user runs them.
func TestBinaryRunsWithoutTheSourceTree(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two binaries")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the binary with")
	}
	build := t.TempDir()
	binary := filepath.Join(build, "trtc-conformance")
	emulatorBinary := filepath.Join(build, "trtc-emulator")
	for _, args := range [][]string{
		{"test", "-c", "-o", binary, "./suites"},
		{"build", "-o", emulatorBinary, "./cmd/trtc-emulator"},
	} {
		cmd := exec.Command(goTool, args...)
		cmd.Dir = ".."
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0") // as make binary builds it
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	// Elsewhere: no suites/, no fixtures/, no schemas/ beside it.
	elsewhere := t.TempDir()
	installed := filepath.Join(elsewhere, "trtc-conformance")
	copyFile(t, binary, installed)

	endpoint := startEmulator(t, emulatorBinary)
	targetEnv := []string{
		EnvEndpoint + "=" + endpoint, EnvControlURL + "=" + endpoint,
		EnvSDKAppID + "=1400000001", EnvSecretKey + "=" + emulator.DefaultSecretKey, EnvAdmin + "=" + emulator.DefaultAdmin,
	}
	// The runs below check the binary's workflows, not the specs: the property tests (25 s,
	// labelled with every command they call) and the generated cases stay out of them.
	handWritten := func(filter string) string {
		return "(" + filter + ") && !" + catalog.LabelGeneratedProperty + " && !" + catalog.LabelGeneratedSchema
	}
	run := func(t *testing.T, env []string, args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(installed, args...)
		cmd.Dir = elsewhere
		cmd.Env = append(cleanEnv(), env...)
		out, err := cmd.CombinedOutput()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}

	t.Run("version and help", func(t *testing.T) {
		if out, code := run(t, nil, "--version"); code != 0 || !strings.Contains(out, results.SuiteVersion) {
			t.Errorf("--version: exit %d, %q; want the suite version %s", code, out, results.SuiteVersion)
		}
		if out, code := run(t, nil, "--help"); code != 0 || !strings.Contains(out, "--label-filter") || !strings.Contains(out, "--procs N") {
			t.Errorf("--help: exit %d, %q; want the flags", code, out)
		}
		if out, code := run(t, nil, "--procs", "0"); code != 2 || !strings.Contains(out, "--procs must be at least 1") {
			t.Errorf("--procs 0: exit %d, %q; want a usage error", code, out)
		}
	})

	t.Run("a label filter against a hand-started emulator, reports where asked", func(t *testing.T) {
		out, code := run(t, targetEnv, "--label-filter", handWritten("cmd:destroy_room"), "--reports", "out/reports", "--no-color")
		if code != 0 {
			t.Fatalf("exit %d:\n%s", code, out)
		}
		run := readResults(t, filepath.Join(elsewhere, "out", "reports", "results.json"))
		if run.Target.Endpoint != endpoint || len(run.Specs) == 0 {
			t.Errorf("results.json: target %q with %d specs, want %s and the destroy_room specs", run.Target.Endpoint, len(run.Specs), endpoint)
		}
		passed := 0
		for _, spec := range run.Specs {
			if spec.Outcome == results.Skipped {
				continue
			}
			if !strings.Contains(strings.Join(spec.Labels, " "), "cmd:destroy_room") {
				t.Errorf("spec %q ran outside the label filter", spec.Name)
			}
			if spec.Outcome == results.Pass {
				passed++
			}
		}
		if passed == 0 {
			t.Error("no destroy_room spec passed")
		}
		for _, name := range []string{"junit.xml", "index.html"} {
			if _, err := os.Stat(filepath.Join(elsewhere, "out", "reports", name)); err != nil {
				t.Error(err)
			}
		}
	})

	t.Run("parallel processes, hosted by the binary itself", func(t *testing.T) {
		// Enough specs, some of them waiting out the once-per-second create rule, that the first
		// process cannot take them all before the second asks for one.
		out, code := run(t, targetEnv, "--procs", "2", "--label-filter", handWritten("cmd:destroy_room || cmd:create_room"), "--reports", "parallel", "--no-color")
		if code != 0 {
			t.Fatalf("--procs 2: exit %d:\n%s", code, out)
		}
		parallel := readResults(t, filepath.Join(elsewhere, "parallel", "results.json"))
		if got := parallel.Config["parallel processes"]; got != "2" {
			t.Errorf("results.json says %q parallel processes, want 2", got)
		}
		processes := map[string]bool{}
		for _, ex := range parallel.Exchanges {
			if m := regexp.MustCompile(`"RoomId":"(?:conf|live)-[0-9a-f]{6}-(p[0-9]+)-`).FindStringSubmatch(ex.RequestBody); m != nil {
				processes[m[1]] = true
			}
		}
		if !processes["p1"] || !processes["p2"] {
			t.Errorf("rooms were created by processes %v, want p1 and p2", processes)
		}
		wrongKey := append(slices.Clone(targetEnv), EnvSecretKey+"=not-the-key")
		if out, code := run(t, wrongKey, "--procs", "2", "--label-filter", handWritten("cmd:destroy_room"), "--reports", "parallel-fail", "--no-color"); code != 1 || !strings.Contains(out, EnvSecretKey) {
			t.Errorf("--procs 2 with a wrong key: exit %d, want 1 naming %s:\n%s", code, EnvSecretKey, out)
		}
	})

	t.Run("a dry run lists the specs and writes no report", func(t *testing.T) {
		out, code := run(t, targetEnv, "--dry-run", "--focus", "destroy", "--reports", "dry")
		if code != 0 || !regexp.MustCompile(`Dry run: [1-9][0-9]* specs would run; no reports written`).MatchString(out) {
			t.Fatalf("exit %d, want 0 and the count of specs:\n%s", code, out)
		}
		if _, err := os.Stat(filepath.Join(elsewhere, "dry", "results.json")); !os.IsNotExist(err) {
			t.Errorf("a dry run wrote results.json (%v)", err)
		}
	})

	t.Run("a malformed known-deviations file stops the run at set-up, naming the entry", func(t *testing.T) {
		bad := `{"deviations": [{"command": "create_room", "case": "x", "reason": "", "page": "https://trtc.io/document/60707"}]}`
		if err := os.WriteFile(filepath.Join(elsewhere, "bad.json"), []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		out, code := run(t, targetEnv, "--known-deviations", "bad.json", "--label-filter", handWritten("cmd:destroy_room"), "--reports", "bad")
		if code == 0 || !strings.Contains(out, "entry 1") || !strings.Contains(out, "Ran 0 of") {
			t.Errorf("exit %d, want a failure at set-up naming entry 1:\n%s", code, out)
		}
		if !strings.Contains(out, "BeforeSuite") {
			t.Errorf("the file was not checked before the first spec:\n%s", out)
		}
	})

	t.Run("sweep finds the rooms an interrupted run left and destroys them with --yes", func(t *testing.T) {
		ctx := context.Background()
		c, err := client.New(client.Config{BaseURL: endpoint, SDKAppID: 1400000001, SecretKey: emulator.DefaultSecretKey, Admin: emulator.DefaultAdmin})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		owner := "trtcconf_owner_a"
		if _, _, err := c.Accounts.Import(ctx, owner); err != nil {
			t.Fatal(err)
		}
		roomType, liveType := "Conference", "Live"
		conference, destroyed, live := "conf-5eeb01-p1-1", "conf-5eeb01-p1-2", "live-5eeb01-p1-3"
		for _, id := range []string{conference, destroyed} {
			if _, _, err := c.Rooms.Create(ctx, wire.CreateRoomRequest{RoomInfo: wire.RoomSettings{RoomID: id, RoomType: &roomType, OwnerAccount: &owner}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, _, err := c.Rooms.Destroy(ctx, destroyed); err != nil {
			t.Fatal(err)
		}
		public := true
		if _, _, err := c.Live.CreateRoom(ctx, wire.LiveCreateRoomRequest{RoomInfo: wire.LiveRoomSettings{RoomID: live, RoomType: &liveType, OwnerAccount: &owner, IsPublicVisible: &public}}); err != nil {
			t.Fatal(err)
		}
		// The interrupted run's results.json: its create_room calls, one room destroyed.
		ok := 0
		exchange := func(command, body string) results.Exchange {
			return results.Exchange{Service: catalog.ServiceRoom, Command: command, Method: "POST", RequestBody: body, ErrorCode: &ok}
		}
		interrupted := &results.Run{Target: results.Target{Kind: KindRemote, Endpoint: endpoint}, Exchanges: []results.Exchange{
			exchange("create_room", `{"RoomInfo":{"RoomId":"`+conference+`"}}`),
			exchange("create_room", `{"RoomInfo":{"RoomId":"`+destroyed+`"}}`),
			exchange("destroy_room", `{"RoomId":"`+destroyed+`"}`),
		}}
		writeResults(t, filepath.Join(elsewhere, "reports", "results.json"), interrupted)

		out, code := run(t, targetEnv, "sweep")
		if code != 0 || !strings.Contains(out, "2 rooms would be destroyed") || !strings.Contains(out, conference) || !strings.Contains(out, live) || strings.Contains(out, destroyed) {
			t.Fatalf("sweep without --yes: exit %d, want the two rooms left, the destroyed one not:\n%s", code, out)
		}
		if _, _, err := c.Rooms.GetInfo(ctx, conference); err != nil {
			t.Fatalf("the dry sweep destroyed %s: %v", conference, err)
		}
		out, code = run(t, targetEnv, "sweep", "--yes")
		if code != 0 || !strings.Contains(out, "2 rooms swept") {
			t.Fatalf("sweep --yes: exit %d:\n%s", code, out)
		}
		if _, _, err := c.Rooms.GetInfo(ctx, conference); err == nil {
			t.Errorf("%s still exists after the sweep", conference)
		}
		if _, _, err := c.Live.GetRoomInfo(ctx, live); err == nil {
			t.Errorf("%s still exists after the sweep", live)
		}
	})
}

// startEmulator starts trtc-emulator on a free port and returns its URL, read from the line it
// prints once it listens.
func startEmulator(t *testing.T, binary string) string {
	t.Helper()
	cmd := exec.Command(binary, "-addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	found := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			if m := regexp.MustCompile(`listening on (http://\S+)`).FindStringSubmatch(scanner.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case url := <-found:
		return url
	case <-time.After(30 * time.Second):
		t.Fatal("trtc-emulator printed no URL in 30 s")
		return ""
	}
}

// cleanEnv is the test's environment without TRTC_* settings, which would pick another target.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TRTC_") {
			out = append(out, kv)
		}
	}
	return out
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

func readResults(t *testing.T, path string) *results.Run {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	run, err := results.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

func writeResults(t *testing.T, path string, run *results.Run) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	if err := results.WriteJSON(&buf, run); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(buf.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
