// Command trtc-emulator serves the TRTC Conference REST API emulation on a TCP address, with
// the control plane of docs/control-plane.md, until SIGINT or SIGTERM; calls in flight get
// -shutdown-timeout to finish, then the connections left are closed and it exits 0.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/trtc-conformance/trtc-conformance/emulator"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("trtc-emulator", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "127.0.0.1:9080", "TCP address to listen on (host:port; port 0 picks a free one)")
	sdkAppID := flags.Uint64("sdkappid", emulator.DefaultSDKAppID, "SDKAppID of the emulated application")
	key := flags.String("key", emulator.DefaultSecretKey, "secret key UserSig tickets are signed with")
	admins := flags.String("admin", emulator.DefaultAdmin, "App administrator accounts, comma-separated")
	memberCap := flags.Int("member-cap", emulator.DefaultMemberCap, "package member limit: default and maximum MaxMemberCount")
	seatCap := flags.Int("seat-cap", emulator.DefaultSeatCap, "package seat limit: default and maximum MaxSeatCount")
	rate := flags.Int("rate", 200, "calls per second allowed per command documented at 200/s before 60007; also caps the lower documented limits (negative: no limit)")
	controlPlane := flags.Bool("control", true, "serve the control plane under /_emulator")
	choicesName := flags.String("choices", emulator.ProfileDefault, "behaviours where the documentation is silent: default or alternate (docs/emulator.md)")
	verbose := flags.Bool("v", false, "log every refused call and internal error to stderr")
	readTimeout := flags.Duration("read-timeout", emulator.DefaultReadTimeout, "time to read one request, headers and body (the vendor's server allows itself 3 s)")
	writeTimeout := flags.Duration("write-timeout", emulator.DefaultWriteTimeout, "time to handle and write one answer (a fault's DelayMillis adds to it)")
	idleTimeout := flags.Duration("idle-timeout", emulator.DefaultIdleTimeout, "time a keep-alive connection may stay idle")
	maxConnections := flags.Int("max-connections", emulator.DefaultMaxConnections, "open connections allowed at once; beyond, a connection is answered 503 and closed")
	shutdownTimeout := flags.Duration("shutdown-timeout", emulator.DefaultShutdownTimeout, "on SIGINT/SIGTERM, time given to calls in flight before the connections left are closed")
	flags.Usage = func() {
		fmt.Fprintf(stderr, "Usage: trtc-emulator [flags]\n\nServes the TRTC Conference REST API emulation (see docs/emulator.md).\n\nFlags:\n")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "trtc-emulator: unexpected arguments: %s\n", strings.Join(flags.Args(), " "))
		flags.Usage()
		return 2
	}
	for _, check := range []struct {
		bad    bool
		reason string
	}{
		{*sdkAppID == 0, "-sdkappid must be a positive SDKAppID"},
		{*key == "", "-key must not be empty"},
		{*memberCap < 1, "-member-cap must be at least 1"},
		{*seatCap < 1, "-seat-cap must be at least 1"},
		{*rate == 0, "-rate must be positive, or negative for no limit"},
		{*readTimeout <= 0, "-read-timeout must be positive"},
		{*writeTimeout <= 0, "-write-timeout must be positive"},
		{*idleTimeout <= 0, "-idle-timeout must be positive"},
		{*maxConnections < 1, "-max-connections must be at least 1"},
		{*shutdownTimeout <= 0, "-shutdown-timeout must be positive"},
	} {
		if check.bad {
			fmt.Fprintf(stderr, "trtc-emulator: %s\n", check.reason)
			return 2
		}
	}
	choices, err := emulator.ChoicesNamed(*choicesName)
	if err != nil {
		fmt.Fprintf(stderr, "trtc-emulator: -choices: %v\n", err)
		return 2
	}
	// Signals are caught before the listening line is printed: whoever reads that line may
	// stop the emulator at once, and calls in flight must still finish.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	server, err := emulator.Listen(emulator.Config{
		SDKAppID:       *sdkAppID,
		SecretKey:      *key,
		Admins:         strings.Split(*admins, ","),
		MemberCap:      *memberCap,
		SeatCap:        *seatCap,
		RatePerSecond:  *rate,
		ControlPlane:   *controlPlane,
		ReadTimeout:    *readTimeout,
		WriteTimeout:   *writeTimeout,
		IdleTimeout:    *idleTimeout,
		MaxConnections: *maxConnections,
		Choices:        choices,
		Logger:         slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})),
	}, *addr)
	if err != nil {
		fmt.Fprintf(stderr, "trtc-emulator: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "trtc-emulator listening on %s (sdkappid %d, administrators %s, control plane %v, choices %s)\n",
		server.URL, *sdkAppID, *admins, *controlPlane, *choicesName)

	<-ctx.Done()
	fmt.Fprintf(stdout, "trtc-emulator: shutting down, finishing calls in flight (at most %v)\n", *shutdownTimeout)
	if err := server.Close(*shutdownTimeout); err != nil {
		fmt.Fprintf(stderr, "trtc-emulator: %v\n", err)
		return 1
	}
	return 0
}
