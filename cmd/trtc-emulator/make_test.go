package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// make emulator & followed by kill %1 (SIGTERM to make) must stop the emulator too: make
// forwards SIGTERM to its children, and the recipe execs the emulator so that it is that child
// (a go run parent would die and leave the emulator running, orphaned).
func TestKillingMakeEmulatorStopsTheEmulator(t *testing.T) {
	if testing.Short() {
		t.Skip("runs make")
	}
	if _, err := os.Stat("/proc/self/task"); err != nil {
		t.Skip("reads children from /proc (Linux)")
	}
	makeTool, err := exec.LookPath("make")
	if err != nil {
		t.Skip("no make")
	}
	cmd := exec.Command(makeTool, "-s", "emulator", "EMULATOR_ADDR=127.0.0.1:0")
	cmd.Dir = "../.."
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	listening := make(chan bool, 1)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			if strings.Contains(scanner.Text(), "listening on") {
				listening <- true
			}
		}
	}()
	select {
	case <-listening:
	case <-time.After(2 * time.Minute): // make builds bin/trtc-emulator first
		t.Fatal("make emulator printed no listening line")
	}
	emulatorPID := onlyChild(t, cmd.Process.Pid)
	if comm, _ := os.ReadFile("/proc/" + strconv.Itoa(emulatorPID) + "/comm"); strings.TrimSpace(string(comm)) != "trtc-emulator" {
		t.Fatalf("make's child is %q, want trtc-emulator itself (the recipe must exec it)", strings.TrimSpace(string(comm)))
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	deadline := time.Now().Add(15 * time.Second)
	for !errors.Is(syscall.Kill(emulatorPID, 0), syscall.ESRCH) {
		if time.Now().After(deadline) {
			_ = syscall.Kill(emulatorPID, syscall.SIGKILL)
			t.Fatalf("trtc-emulator (pid %d) outlived the make that started it", emulatorPID)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// onlyChild returns the one child process of pid.
func onlyChild(t *testing.T, pid int) int {
	t.Helper()
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/task/" + strconv.Itoa(pid) + "/children")
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Fields(string(raw))
	if len(fields) != 1 {
		t.Fatalf("make has children %v, want exactly the emulator", fields)
	}
	child, err := strconv.Atoi(fields[0])
	if err != nil {
		t.Fatal(err)
	}
	return child
}
