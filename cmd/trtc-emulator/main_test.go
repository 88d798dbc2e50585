package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/emulator"
	"github.com/trtc-conformance/trtc-conformance/usersig"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

func TestRunArguments(t *testing.T) {
	flagNames := []string{"-addr", "-sdkappid", "-key", "-admin", "-member-cap", "-seat-cap", "-rate", "-control", "-choices", "-v", "-read-timeout", "-write-timeout", "-idle-timeout", "-max-connections", "-shutdown-timeout"}
	rows := []struct {
		name       string
		args       []string
		want       int
		stderrHas  []string
		stdoutNone bool
	}{
		{name: "--help", args: []string{"--help"}, want: 0, stderrHas: append([]string{"Usage: trtc-emulator"}, flagNames...)},
		{name: "-h", args: []string{"-h"}, want: 0, stderrHas: flagNames},
		{name: "unknown flag", args: []string{"-nope"}, want: 2, stderrHas: []string{"flag provided but not defined: -nope", "Usage"}},
		{name: "bad flag value", args: []string{"-rate", "many"}, want: 2, stderrHas: []string{"-rate"}},
		{name: "extra argument", args: []string{"-addr", "127.0.0.1:0", "serve"}, want: 2, stderrHas: []string{"unexpected arguments: serve", "Usage"}},
		{name: "extra arguments", args: []string{"a", "b"}, want: 2, stderrHas: []string{"unexpected arguments: a b"}},
		{name: "bad administrator", args: []string{"-addr", "127.0.0.1:0", "-admin", "bad id!"}, want: 1, stderrHas: []string{"trtc-emulator:", `"bad id!"`, "not a valid UserID"}},
		{name: "empty administrator in the list", args: []string{"-addr", "127.0.0.1:0", "-admin", "boss,"}, want: 1, stderrHas: []string{"not a valid UserID"}},
		{name: "negative member cap", args: []string{"-addr", "127.0.0.1:0", "-member-cap", "-1"}, want: 2, stderrHas: []string{"-member-cap must be at least 1"}},
		{name: "zero member cap", args: []string{"-addr", "127.0.0.1:0", "-member-cap", "0"}, want: 2, stderrHas: []string{"-member-cap must be at least 1"}},
		{name: "negative seat cap", args: []string{"-addr", "127.0.0.1:0", "-seat-cap", "-3"}, want: 2, stderrHas: []string{"-seat-cap must be at least 1"}},
		{name: "zero SDKAppID", args: []string{"-addr", "127.0.0.1:0", "-sdkappid", "0"}, want: 2, stderrHas: []string{"-sdkappid"}},
		{name: "empty key", args: []string{"-addr", "127.0.0.1:0", "-key", ""}, want: 2, stderrHas: []string{"-key"}},
		{name: "zero rate", args: []string{"-addr", "127.0.0.1:0", "-rate", "0"}, want: 2, stderrHas: []string{"-rate"}},
		{name: "unknown choices profile", args: []string{"-addr", "127.0.0.1:0", "-choices", "odd"}, want: 2, stderrHas: []string{"-choices", "alternate"}},
		{name: "zero read timeout", args: []string{"-addr", "127.0.0.1:0", "-read-timeout", "0s"}, want: 2, stderrHas: []string{"-read-timeout must be positive"}},
		{name: "negative write timeout", args: []string{"-addr", "127.0.0.1:0", "-write-timeout", "-1s"}, want: 2, stderrHas: []string{"-write-timeout must be positive"}},
		{name: "zero idle timeout", args: []string{"-addr", "127.0.0.1:0", "-idle-timeout", "0s"}, want: 2, stderrHas: []string{"-idle-timeout must be positive"}},
		{name: "zero connection cap", args: []string{"-addr", "127.0.0.1:0", "-max-connections", "0"}, want: 2, stderrHas: []string{"-max-connections must be at least 1"}},
		{name: "zero shutdown timeout", args: []string{"-addr", "127.0.0.1:0", "-shutdown-timeout", "0s"}, want: 2, stderrHas: []string{"-shutdown-timeout must be positive"}},
		{name: "address that cannot be listened on", args: []string{"-addr", "127.0.0.1:99999"}, want: 1, stderrHas: []string{"trtc-emulator:", "listen"}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			done := make(chan int, 1)
			go func() { done <- run(row.args, &stdout, &stderr) }()
			var code int
			select {
			case code = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("run(%q) did not return: it is serving", row.args)
			}
			if code != row.want {
				t.Errorf("run(%q) = %d, want %d\nstderr: %s", row.args, code, row.want, stderr.String())
			}
			for _, want := range row.stderrHas {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
				}
			}
			if strings.Contains(stdout.String(), "listening") {
				t.Errorf("run(%q) printed a listening line: %s", row.args, stdout.String())
			}
		})
	}
}

// lineWriter collects a process's output and lets a test wait for a line.
type lineWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	lines chan string
	// eof is closed once the process's end of the pipe is closed and everything was read:
	// cmd.Wait closes the pipe, so it must not run before (os/exec documents the race).
	eof chan struct{}
}

func watch(t *testing.T, r io.Reader) *lineWriter {
	w := &lineWriter{lines: make(chan string, 100), eof: make(chan struct{})}
	go func() {
		defer close(w.eof)
		scanner := bufio.NewScanner(r)
		for scanner.Scan() {
			w.mu.Lock()
			w.buf.WriteString(scanner.Text() + "\n")
			w.mu.Unlock()
			select {
			case w.lines <- scanner.Text():
			default:
			}
		}
		close(w.lines)
	}()
	return w
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

var listening = regexp.MustCompile(`listening on (http://127\.0\.0\.1:[0-9]+)`)

// buildBinary compiles the command into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: cannot build the binary")
	}
	bin := filepath.Join(t.TempDir(), "trtc-emulator")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startBinary starts the binary on a free loopback port and returns its URL.
func startBinary(t *testing.T, bin string, args ...string) (*exec.Cmd, string, *lineWriter, *lineWriter) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	stdoutPipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderrPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	stdout, stderr := watch(t, stdoutPipe), watch(t, stderrPipe)
	select {
	case line, ok := <-stdout.lines:
		m := listening.FindStringSubmatch(line)
		if !ok || m == nil {
			t.Fatalf("first line %q is not the listening line (stderr %s)", line, stderr.String())
		}
		return cmd, m[1], stdout, stderr
	case <-time.After(20 * time.Second):
		t.Fatalf("no listening line within 20 s (stderr %s)", stderr.String())
	}
	return nil, "", nil, nil
}

// settle gives the process time to install its signal handler, which it does only after it
// printed the listening line (TestBinarySignalRightAfterListeningLine).
func settle() { time.Sleep(300 * time.Millisecond) }

// restCall makes one signed call as the default administrator.
func restCall(base, command, body string) (*http.Response, wire.Envelope, error) {
	sig, err := usersig.Generate(emulator.DefaultSDKAppID, emulator.DefaultSecretKey, emulator.DefaultAdmin, time.Hour, time.Now())
	if err != nil {
		return nil, wire.Envelope{}, err
	}
	q := url.Values{
		"sdkappid": {strconv.Itoa(emulator.DefaultSDKAppID)}, "identifier": {emulator.DefaultAdmin},
		"usersig": {sig}, "random": {"42"}, "contenttype": {"json"},
	}
	resp, err := http.Post(base+"/v4/"+catalog.ServiceRoom+"/"+command+"?"+q.Encode(), "application/json", strings.NewReader(body))
	if err != nil {
		return nil, wire.Envelope{}, err
	}
	defer resp.Body.Close()
	var env wire.Envelope
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp, env, err
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return resp, env, errors.New("not an envelope: " + string(raw))
	}
	return resp, env, nil
}

func waitExit(t *testing.T, cmd *exec.Cmd, within time.Duration, outputs ...*lineWriter) (int, time.Time) {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		for _, out := range outputs {
			<-out.eof
		}
		done <- cmd.Wait()
	}()
	select {
	case err := <-done:
		at := time.Now()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode(), at
		}
		if err != nil {
			t.Fatalf("wait: %v", err)
		}
		return 0, at
	case <-time.After(within):
		t.Fatalf("the process did not exit within %v", within)
	}
	return -1, time.Time{}
}

func TestBinaryServesAndShutsDown(t *testing.T) {
	bin := buildBinary(t)
	cmd, base, stdout, stderr := startBinary(t, bin)
	settle()
	c := control.NewClient(base)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	resp, env, err := restCall(base, "create_room", `{"RoomInfo":{"RoomId":"bin-room","RoomType":"Conference"}}`)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || env.ErrorCode != 0 || env.ActionStatus != "OK" {
		t.Fatalf("create_room: HTTP %d %+v", resp.StatusCode, env)
	}
	cfg, err := c.Config(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.SDKAppID != emulator.DefaultSDKAppID || len(cfg.Admins) != 1 || cfg.Admins[0] != emulator.DefaultAdmin || cfg.RatePerSecond != 200 {
		t.Errorf("control config %+v", cfg)
	}
	if err := c.Enter(ctx, "bin-room", emulator.DefaultAdmin); err != nil {
		t.Errorf("control enter: %v", err)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code, _ := waitExit(t, cmd, 35*time.Second, stdout, stderr)
	if code != 0 {
		t.Errorf("exit code %d after SIGTERM, want 0 (stderr %s)", code, stderr.String())
	}
	// Let the output readers drain.
	for range stdout.lines {
	}
	if !strings.Contains(stdout.String(), "trtc-emulator: shutting down, finishing calls in flight") {
		t.Errorf("no shutdown line in stdout:\n%s", stdout.String())
	}
	if _, _, err := restCall(base, "get_room_info", `{"RoomId":"bin-room"}`); err == nil {
		t.Errorf("the emulator still answers after it exited")
	}
}

func TestBinaryFinishesCallsInFlight(t *testing.T) {
	bin := buildBinary(t)
	cmd, base, stdout, stderr := startBinary(t, bin, "-v")
	settle()
	c := control.NewClient(base)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.InjectFault(ctx, control.Fault{Service: catalog.ServiceRoom, Command: "get_room_info", ErrorCode: catalog.CodeInternal, ErrorInfo: "slow", Count: 1, DelayMillis: 1500}); err != nil {
		t.Fatal(err)
	}

	type result struct {
		resp *http.Response
		env  wire.Envelope
		err  error
		at   time.Time
	}
	answered := make(chan result, 1)
	started := time.Now()
	go func() {
		resp, env, err := restCall(base, "get_room_info", `{"RoomId":"whatever"}`)
		answered <- result{resp, env, err, time.Now()}
	}()
	// Wait until the call has taken the fault: it is then inside the emulator, delayed.
	for {
		faults, err := c.ArmedFaults(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(faults) == 0 {
			break
		}
		if time.Since(started) > 10*time.Second {
			t.Fatal("the call never reached the emulator")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code, exitedAt := waitExit(t, cmd, 35*time.Second, stdout, stderr)
	got := <-answered
	if got.err != nil {
		t.Fatalf("the call in flight lost its answer: %v (stderr %s)", got.err, stderr.String())
	}
	if got.resp.StatusCode != 200 || got.env.ErrorCode != catalog.CodeInternal || got.env.ErrorInfo != "slow" || got.resp.Header.Get(control.FaultHeader) != "100001" {
		t.Errorf("answer in flight: HTTP %d %+v header %q", got.resp.StatusCode, got.env, got.resp.Header.Get(control.FaultHeader))
	}
	if elapsed := got.at.Sub(started); elapsed < 1500*time.Millisecond {
		t.Errorf("answer after %v, before the 1.5 s delay", elapsed)
	}
	if exitedAt.Before(got.at.Add(-50 * time.Millisecond)) {
		t.Errorf("the process exited at %v, before its last answer at %v", exitedAt, got.at)
	}
	if code != 0 {
		t.Errorf("exit code %d, want 0 (stderr %s)", code, stderr.String())
	}
	for range stdout.lines {
	}
	if !strings.Contains(stdout.String(), "shutting down") {
		t.Errorf("no shutdown line:\n%s", stdout.String())
	}
}

func TestBinaryWithoutControlPlane(t *testing.T) {
	bin := buildBinary(t)
	cmd, base, stdout, stderr := startBinary(t, bin, "-control=false", "-admin", "boss,deputy")
	settle()
	if !strings.Contains(stdout.String(), "control plane false") || !strings.Contains(stdout.String(), "boss,deputy") {
		t.Errorf("listening line does not say so: %s", stdout.String())
	}
	resp, err := http.Get(base + control.PathConfig)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var env wire.Envelope
	if resp.StatusCode != 200 || json.Unmarshal(raw, &env) != nil || env.ErrorCode != catalog.CodeHTTPParse {
		t.Errorf("GET %s without control plane: HTTP %d %s, want the REST envelope 60002", control.PathConfig, resp.StatusCode, raw)
	}
	_ = cmd.Process.Signal(syscall.SIGINT)
	if code, _ := waitExit(t, cmd, 35*time.Second, stdout, stderr); code != 0 {
		t.Errorf("exit code %d after SIGINT", code)
	}
}

// TestBinarySignalRightAfterListeningLine: once the listening line is out, a supervisor may stop
// the emulator at any moment and get the graceful shutdown.
func TestBinarySignalRightAfterListeningLine(t *testing.T) {
	bin := buildBinary(t)
	for i := 0; i < 10; i++ {
		cmd, _, stdout, stderr := startBinary(t, bin)
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		code, _ := waitExit(t, cmd, 35*time.Second, stdout, stderr)
		if code != 0 || !strings.Contains(stdout.String(), "shutting down") {
			t.Fatalf("try %d: exit code %d, stdout %q, stderr %q; want 0 and the shutdown line", i, code, stdout.String(), stderr.String())
		}
	}
}

// TestBinaryShutdownClosesStalledClients: a client stalled in the middle of its body and a
// fault delayed for a minute must not hold SIGTERM: the process answers what it can, closes
// the rest and exits 0 within -shutdown-timeout.
func TestBinaryShutdownClosesStalledClients(t *testing.T) {
	bin := buildBinary(t)
	cmd, base, stdout, stderr := startBinary(t, bin, "-shutdown-timeout", "1s", "-read-timeout", "20s")
	settle()
	c := control.NewClient(base)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.InjectFault(ctx, control.Fault{Service: catalog.ServiceRoom, Command: "get_room_info", ErrorCode: catalog.CodeInternal, ErrorInfo: "slow", Count: 1, DelayMillis: 60_000}); err != nil {
		t.Fatal(err)
	}
	// A body announced as 100 bytes of which one arrives; -read-timeout 20s keeps the read
	// timeout out of the picture, so only the shutdown can end it.
	stalled, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer stalled.Close()
	fmt.Fprintf(stalled, "POST /v4/room_engine_http_srv/create_room HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")

	delayed := make(chan error, 1)
	go func() {
		_, env, err := restCall(base, "get_room_info", `{"RoomId":"whatever"}`)
		if err == nil && env.ErrorInfo != "slow" {
			err = fmt.Errorf("answer %+v, want the fault", env)
		}
		delayed <- err
	}()
	for started := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		faults, err := c.ArmedFaults(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(faults) == 0 {
			break
		}
		if time.Since(started) > 10*time.Second {
			t.Fatal("the delayed call never reached the emulator")
		}
	}
	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code, exitedAt := waitExit(t, cmd, 10*time.Second, stdout, stderr)
	if code != 0 {
		t.Errorf("exit code %d, want 0 (stderr %s)", code, stderr.String())
	}
	if took := exitedAt.Sub(signalled); took > 2500*time.Millisecond {
		t.Errorf("exit %v after SIGTERM, want within the 1 s shutdown timeout", took)
	}
	if err := <-delayed; err != nil {
		t.Errorf("the delayed call was not answered before the exit: %v", err)
	}
}
