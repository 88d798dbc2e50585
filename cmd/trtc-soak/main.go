// Command trtc-soak holds thousands of stalled connections against a trtc-emulator process on
// loopback while a well-behaved client calls it, and prints the client's latency percentiles
// and the emulator's peak memory and file descriptors. It stops by itself after -duration and
// exits 1 when the client's p99 is over -max-p99 or a call was not answered.
//
//	go build -o bin/trtc-emulator ./cmd/trtc-emulator && go run ./cmd/trtc-soak -emulator bin/trtc-emulator
//
// Every connection goes to 127.0.0.1; the emulator is started here and stopped at the end.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/emulator"
	"github.com/trtc-conformance/trtc-conformance/usersig"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type settings struct {
	emulatorBin string
	stalled     int
	duration    time.Duration
	callRate    int
	maxP99      time.Duration
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("trtc-soak", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var s settings
	flags.StringVar(&s.emulatorBin, "emulator", "bin/trtc-emulator", "the trtc-emulator binary to start")
	flags.IntVar(&s.stalled, "stalled", 3000, "stalled connections to hold (scaled down to fit the file descriptor limit)")
	flags.DurationVar(&s.duration, "duration", 20*time.Second, "how long the normal client is measured while the connections are held (at most 50s)")
	flags.IntVar(&s.callRate, "rate", 100, "calls per second of the normal client")
	flags.DurationVar(&s.maxP99, "max-p99", 100*time.Millisecond, "fail when the normal client's p99 latency is above this")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if s.duration <= 0 || s.duration > 50*time.Second || s.stalled < 0 || s.callRate < 1 {
		fmt.Fprintln(stderr, "trtc-soak: -duration must be in (0, 50s], -stalled ≥ 0, -rate ≥ 1")
		return 2
	}
	if err := soak(s, stdout); err != nil {
		fmt.Fprintf(stderr, "trtc-soak: %v\n", err)
		return 1
	}
	return 0
}

func soak(s settings, out io.Writer) error {
	limit, raised := raiseFileLimit()
	// The emulator inherits the limit; each process holds one descriptor per stalled
	// connection, plus a margin for everything else.
	if fit := int(limit) - 512; limit > 0 && s.stalled > fit {
		fmt.Fprintf(out, "file descriptor limit %d: holding %d stalled connections instead of %d\n", limit, max(fit, 0), s.stalled)
		s.stalled = max(fit, 0)
	}
	fmt.Fprintf(out, "file descriptor limit %d (raised: %v); %d stalled connections; normal client %d calls/s for %v\n",
		limit, raised, s.stalled, s.callRate, s.duration)

	ctx, cancel := context.WithTimeout(context.Background(), s.duration+30*time.Second)
	defer cancel()
	emu, addr, err := startEmulator(ctx, s.emulatorBin)
	if err != nil {
		return err
	}
	defer stopEmulator(emu)

	normal, err := client.New(client.Config{BaseURL: "http://" + addr, SDKAppID: emulator.DefaultSDKAppID,
		SecretKey: emulator.DefaultSecretKey, Admin: emulator.DefaultAdmin, RatePerSecond: -1, Timeout: 5 * time.Second})
	if err != nil {
		return err
	}
	defer normal.Close()
	if _, err := normal.Call(ctx, "room_engine_http_srv", "create_room",
		map[string]any{"RoomInfo": map[string]any{"RoomId": "soak", "RoomType": "Conference"}}); err != nil {
		return fmt.Errorf("the first call: %w", err)
	}

	var peakFDs atomic.Int64
	sampling, stopSampling := context.WithCancel(ctx)
	defer stopSampling()
	go sampleFDs(sampling, emu.Process.Pid, &peakFDs)

	attack, stopAttack := context.WithCancel(ctx)
	var attackers sync.WaitGroup
	var held atomic.Int64
	head := stalledHead(addr)
	for i := range s.stalled {
		attackers.Add(1)
		go func() {
			defer attackers.Done()
			holdStalled(attack, addr, head, i%2 == 0, &held)
		}()
	}
	// Let the flood build up before measuring.
	for deadline := time.Now().Add(10 * time.Second); held.Load() < int64(s.stalled)*9/10 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	fmt.Fprintf(out, "holding %d stalled connections; measuring the normal client\n", held.Load())

	latencies, failures, heldMin := measure(ctx, normal, s, &held)
	stopAttack()
	attackers.Wait()
	stopSampling()

	slices.Sort(latencies)
	p := func(q float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(q*float64(len(latencies))))]
	}
	peakRSS := peakMemory(emu.Process.Pid)
	fmt.Fprintf(out, "normal client: %d calls, %d unanswered; p50 %v, p99 %v, max %v\n",
		len(latencies), failures, p(0.50).Round(10*time.Microsecond), p(0.99).Round(10*time.Microsecond), p(1).Round(10*time.Microsecond))
	fmt.Fprintf(out, "stalled connections held during the measure: at least %d\n", heldMin)
	fmt.Fprintf(out, "emulator: peak memory %s, peak open file descriptors %d\n", peakRSS, peakFDs.Load())
	switch {
	case failures > 0:
		return fmt.Errorf("%d calls of the normal client were not answered", failures)
	case p(0.99) > s.maxP99:
		return fmt.Errorf("p99 %v is over %v", p(0.99), s.maxP99)
	}
	fmt.Fprintf(out, "PASS: p99 %v ≤ %v with %d stalled connections held\n", p(0.99).Round(10*time.Microsecond), s.maxP99, heldMin)
	return nil
}

// measure calls get_room_info at s.callRate for s.duration and returns each latency, the
// calls not answered and the fewest stalled connections seen held meanwhile.
func measure(ctx context.Context, c *client.Client, s settings, held *atomic.Int64) ([]time.Duration, int, int64) {
	var latencies []time.Duration
	failures := 0
	heldMin := held.Load()
	tick := time.NewTicker(time.Second / time.Duration(s.callRate))
	defer tick.Stop()
	for end := time.Now().Add(s.duration); time.Now().Before(end); <-tick.C {
		started := time.Now()
		_, err := c.Call(ctx, "room_engine_http_srv", "get_room_info", map[string]any{"RoomId": "soak"})
		latencies = append(latencies, time.Since(started))
		var transport *client.TransportError
		var protocol *client.ProtocolError
		if errors.As(err, &transport) || errors.As(err, &protocol) {
			failures++
		}
		heldMin = min(heldMin, held.Load())
	}
	return latencies, failures, heldMin
}

// stalledHead is a signed create_room request announcing a body that never fully comes.
func stalledHead(addr string) string {
	sig, _ := usersig.Generate(emulator.DefaultSDKAppID, emulator.DefaultSecretKey, emulator.DefaultAdmin, 24*time.Hour, time.Now())
	return fmt.Sprintf("POST /v4/room_engine_http_srv/create_room?sdkappid=%d&identifier=%s&usersig=%s&contenttype=json HTTP/1.1\r\n"+
		"Host: %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"RoomInfo\":",
		emulator.DefaultSDKAppID, emulator.DefaultAdmin, sig, addr)
}

// holdStalled keeps one stalled connection open until ctx ends: it sends the head (or, with
// headersOnly, half of it) and then nothing; when the emulator cuts it, it dials again.
func holdStalled(ctx context.Context, addr, head string, headersOnly bool, held *atomic.Int64) {
	if headersOnly {
		head = head[:len(head)/2]
	}
	dialer := net.Dialer{Timeout: 2 * time.Second}
	for ctx.Err() == nil {
		conn, err := dialer.DialContext(ctx, "tcp", addr)
		if err != nil {
			sleep(ctx, 100*time.Millisecond)
			continue
		}
		if _, err := io.WriteString(conn, head); err == nil {
			held.Add(1)
			closed := make(chan struct{})
			go func() {
				_, _ = io.Copy(io.Discard, conn) // returns when the emulator closes it
				close(closed)
			}()
			select {
			case <-closed:
			case <-ctx.Done():
			}
			held.Add(-1)
		}
		conn.Close()
	}
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}

var listening = regexp.MustCompile(`listening on http://(\S+)`)

// startEmulator starts the binary on a free loopback port and returns its address.
func startEmulator(ctx context.Context, bin string) (*exec.Cmd, string, error) {
	cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-rate", "-1")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("start %s (build it with make build): %w", bin, err)
	}
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if m := listening.FindStringSubmatch(lines.Text()); m != nil {
			go func() { _, _ = io.Copy(io.Discard, stdout) }()
			return cmd, m[1], nil
		}
	}
	_ = cmd.Process.Kill()
	return nil, "", fmt.Errorf("%s printed no listening line", bin)
}

// stopEmulator sends SIGTERM, as a supervisor would, and waits for the exit.
func stopEmulator(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// sampleFDs records the most file descriptors the process had open, from /proc.
func sampleFDs(ctx context.Context, pid int, peak *atomic.Int64) {
	for ctx.Err() == nil {
		if entries, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid)); err == nil && int64(len(entries)) > peak.Load() {
			peak.Store(int64(len(entries)))
		}
		sleep(ctx, 200*time.Millisecond)
	}
}

// peakMemory is the process's peak resident memory (VmHWM), from /proc.
func peakMemory(pid int) string {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "n/a (no /proc)"
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if value, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			fields := strings.Fields(value)
			if kb, err := strconv.Atoi(fields[0]); err == nil {
				return fmt.Sprintf("%.1f MB", float64(kb)/1024)
			}
		}
	}
	return "n/a"
}
