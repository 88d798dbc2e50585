package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/onsi/ginkgo/v2/reporters"
	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/client"
)

// Ginkgo runs specs in parallel by starting N processes of the test binary, each told its
// number, the total and the address of a host (-ginkgo.parallel.*). The processes draw specs from
// the host's counter, wait there for process 1's SynchronizedBeforeSuite, send it their spec
// reports, and process 1 waits there for the others before its ReportAfterSuite. The host is
// normally the Ginkgo CLI, which the trtc-conformance binary does not have: parallelHost plays
// that part, over the HTTP variant of the protocol (GINKGO_PARALLEL_PROTOCOL=HTTP), written
// from the protocol's description in Ginkgo v2's internal/parallel_support.

// beforeSuiteState is what process 1's SynchronizedBeforeSuite hands the others.
type beforeSuiteState struct {
	Data  []byte
	State types.SpecState
}

// errTooEarly (HTTP 425: ask again) and errGone (HTTP 410: process 1 or a report is gone) are
// the protocol's two answers besides success.
var (
	errTooEarly = errors.New("too early")
	errGone     = errors.New("gone")
)

type parallelHost struct {
	total    int
	reporter reporters.Reporter
	output   io.Writer

	mu                sync.Mutex
	begun, ended      int
	held              []types.SpecReport // spec reports that arrive before every process began
	procEnded         []bool
	exited            []atomic.Bool
	aggregated        types.Report
	beforeSuite       *beforeSuiteState
	reportBeforeSuite *types.SpecState
	counter           int
	schedule          client.Schedule // the processes' shared rate budget (budget.go)
	abort             bool
	done              chan struct{}
}

func newParallelHost(total int, reporter reporters.Reporter, output io.Writer) *parallelHost {
	return &parallelHost{total: total, reporter: reporter, output: output,
		procEnded: make([]bool, total), exited: make([]atomic.Bool, total), done: make(chan struct{})}
}

func (h *parallelHost) finished(proc int) bool { return h.procEnded[proc-1] || h.exited[proc-1].Load() }

// othersFinished reports whether every process but the first has ended or exited; h.mu held.
func (h *parallelHost) othersFinished() bool {
	for proc := 2; proc <= h.total; proc++ {
		if !h.finished(proc) {
			return false
		}
	}
	return true
}

// waitingOnFirst is the answer while process 1 has not posted what others wait for.
func (h *parallelHost) waitingOnFirst() error {
	if h.exited[0].Load() {
		return errGone
	}
	return errTooEarly
}

func (h *parallelHost) handler() http.Handler {
	mux := http.NewServeMux()
	post := func(path string, into func() any, then func(v any) error) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			v := into()
			if err := json.NewDecoder(r.Body).Decode(v); err != nil {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			h.mu.Lock()
			err := then(v)
			h.mu.Unlock()
			answer(w, nil, err)
		})
	}
	get := func(path string, value func() (any, error)) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			h.mu.Lock()
			v, err := value()
			h.mu.Unlock()
			answer(w, v, err)
		})
	}
	post("/suite-will-begin", func() any { return &types.Report{} }, func(v any) error {
		h.begun++
		if h.begun == h.total {
			h.reporter.SuiteWillBegin(*v.(*types.Report))
			for _, spec := range h.held {
				h.reporter.WillRun(spec)
				h.reporter.DidRun(spec)
			}
			h.held = nil
		}
		return nil
	})
	post("/did-run", func() any { return &types.SpecReport{} }, func(v any) error {
		spec := *v.(*types.SpecReport)
		if h.begun < h.total {
			h.held = append(h.held, spec)
			return nil
		}
		h.reporter.WillRun(spec)
		h.reporter.DidRun(spec)
		return nil
	})
	post("/suite-did-end", func() any { return &types.Report{} }, func(v any) error {
		report := *v.(*types.Report)
		if proc := report.SuiteConfig.ParallelProcess; proc >= 1 && proc <= h.total {
			h.procEnded[proc-1] = true
		}
		h.ended++
		if h.ended == 1 {
			h.aggregated = report
		} else {
			h.aggregated = h.aggregated.Add(report)
		}
		if h.ended == h.total {
			h.reporter.SuiteDidEnd(h.aggregated)
			close(h.done)
		}
		return nil
	})
	post("/progress-report", func() any { return &types.ProgressReport{} }, func(v any) error {
		h.reporter.EmitProgressReport(*v.(*types.ProgressReport))
		return nil
	})
	post("/report-before-suite-completed", func() any { return new(types.SpecState) }, func(v any) error {
		h.reportBeforeSuite = v.(*types.SpecState)
		return nil
	})
	post("/before-suite-completed", func() any { return &beforeSuiteState{} }, func(v any) error {
		h.beforeSuite = v.(*beforeSuiteState)
		return nil
	})
	get("/report-before-suite-state", func() (any, error) {
		if h.reportBeforeSuite == nil {
			return nil, h.waitingOnFirst()
		}
		return *h.reportBeforeSuite, nil
	})
	get("/before-suite-state", func() (any, error) {
		if h.beforeSuite == nil {
			return nil, h.waitingOnFirst()
		}
		return *h.beforeSuite, nil
	})
	get("/have-nonprimary-procs-finished", func() (any, error) {
		if !h.othersFinished() {
			return nil, errTooEarly
		}
		return nil, nil
	})
	get("/aggregated-nonprimary-procs-report", func() (any, error) {
		switch {
		case !h.othersFinished():
			return nil, errTooEarly
		case h.ended != h.total-1: // one of them exited without reporting
			return nil, errGone
		}
		return h.aggregated, nil
	})
	get("/counter", func() (any, error) {
		h.counter++
		return struct{ Index int }{h.counter - 1}, nil
	})
	get("/up", func() (any, error) { return nil, nil })
	mux.HandleFunc(budgetSlotPath, serveSlots(&h.schedule))
	mux.HandleFunc("/abort", func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		defer h.mu.Unlock()
		if r.Method == http.MethodPost {
			h.abort = true
			return
		}
		if h.abort {
			w.WriteHeader(http.StatusGone)
		}
	})
	mux.HandleFunc("/emit-output", func(w http.ResponseWriter, r *http.Request) {
		output, err := io.ReadAll(r.Body)
		if err == nil {
			_, err = h.output.Write(output)
		}
		answer(w, nil, err)
	})
	return mux
}

func answer(w http.ResponseWriter, v any, err error) {
	switch {
	case errors.Is(err, errTooEarly):
		w.WriteHeader(http.StatusTooEarly)
	case errors.Is(err, errGone):
		w.WriteHeader(http.StatusGone)
	case err != nil:
		w.WriteHeader(http.StatusInternalServerError)
	case v != nil:
		_ = json.NewEncoder(w).Encode(v)
	}
}

// workerArgs is the command line of parallel process proc: its own flags first, since flag
// parsing stops at the first argument that is not a flag and go test passes the tail of its
// command line as it is ("go test -ginkgo.label-filter=x ." gives the binary a "." last).
func workerArgs(ginkgoArgs []string, seed string, proc, procs int, host string) []string {
	args := []string{"-test.timeout=0", "-ginkgo.seed=" + seed, "-ginkgo.parallel.process=" + strconv.Itoa(proc),
		"-ginkgo.parallel.total=" + strconv.Itoa(procs), "-ginkgo.parallel.host=" + host}
	for _, a := range ginkgoArgs {
		// The Ginkgo CLI's serial run names its one process (1 of 1): the host's own numbers
		// stand. A seed given stays, after the host's: the same for every process.
		if name := strings.TrimLeft(a, "-"); strings.HasPrefix(name, "ginkgo.parallel.") {
			continue
		}
		args = append(args, a)
	}
	return args
}

// RunParallel runs the suite in procs copies of the running binary (the suite's test binary:
// trtc-conformance, or the one go test built), each with ginkgoArgs, hosting them as the
// Ginkgo CLI would, and returns the exit status: 0 when every process passed.
func RunParallel(ginkgoArgs []string, procs int, reporterConfig types.ReporterConfig, stdout, stderr io.Writer) int {
	binary, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "trtc-conformance: %v\n", err)
		return 1
	}
	host := newParallelHost(procs, reporters.NewDefaultReporter(reporterConfig, stdout), stdout)
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintf(stderr, "trtc-conformance: the parallel processes' host: %v\n", err)
		return 1
	}
	server := &http.Server{Handler: host.handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = server.Serve(listener) }()
	defer server.Shutdown(context.Background())

	// Every process must order the specs alike: one seed for all.
	seed := strconv.FormatInt(time.Now().Unix(), 10)
	outputs := make([]bytes.Buffer, procs)
	commands := make([]*exec.Cmd, procs)
	type exit struct {
		proc int
		err  error
	}
	exits := make(chan exit, procs)
	for proc := 1; proc <= procs; proc++ {
		cmd := exec.Command(binary, workerArgs(ginkgoArgs, seed, proc, procs, "http://"+listener.Addr().String())...)
		cmd.Env = append(os.Environ(), "GINKGO_PARALLEL_PROTOCOL=HTTP", EnvSharedBudget+"=http://"+listener.Addr().String()+budgetSlotPath)
		cmd.Stdout, cmd.Stderr = &outputs[proc-1], &outputs[proc-1]
		if err := cmd.Start(); err != nil {
			fmt.Fprintf(stderr, "trtc-conformance: start process %d: %v\n", proc, err)
			host.exited[proc-1].Store(true)
			exits <- exit{proc, err}
			continue
		}
		commands[proc-1] = cmd
		go func(proc int) {
			err := cmd.Wait()
			host.exited[proc-1].Store(true)
			exits <- exit{proc, err}
		}(proc)
	}
	// kill %1 or a CI cancellation reaches this process only: pass it on, so that every process
	// runs its clean-up (rooms destroyed, reports written).
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	go func() {
		for sig := range signals {
			for _, cmd := range commands {
				if cmd != nil && cmd.Process != nil {
					_ = cmd.Process.Signal(sig)
				}
			}
		}
	}()

	status := 0
	var failed []exit
	for range procs {
		if e := <-exits; e.err != nil {
			status = 1
			failed = append(failed, e)
		}
	}
	select {
	case <-host.done:
		host.mu.Lock()
		specsPassed := host.aggregated.SuiteSucceeded
		host.mu.Unlock()
		if specsPassed {
			// The specs passed, yet a process failed (a data race report, a panic after the
			// suite): its own output says why.
			for _, e := range failed {
				fmt.Fprintf(stderr, "trtc-conformance: process %d: %v; its output:\n%s\n", e.proc, e.err, outputs[e.proc-1].String())
			}
		}
	case <-time.After(5 * time.Second):
		// A process exited before it reported: what it printed is all there is to go on.
		fmt.Fprintln(stderr, "trtc-conformance: a parallel process exited without reporting its specs; its output:")
		for proc := range outputs {
			fmt.Fprintf(stderr, "--- process %d ---\n%s\n", proc+1, outputs[proc].String())
		}
		status = 1
	}
	return status
}
