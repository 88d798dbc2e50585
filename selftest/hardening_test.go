package selftest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/emulator"
	"github.com/trtc-conformance/trtc-conformance/results"
)

// ticketLog keeps every UserSig a proxy saw in a URL.
type ticketLog struct {
	mu      sync.Mutex
	tickets map[string]bool
}

func (l *ticketLog) note(r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tickets == nil {
		l.tickets = map[string]bool{}
	}
	for _, ticket := range r.URL.Query()["usersig"] {
		if len(ticket) >= results.MinSecretLength {
			l.tickets[ticket] = true
		}
	}
}

func (l *ticketLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for ticket := range l.tickets {
		out = append(out, ticket)
	}
	return out
}

// startEchoTarget is the emulator behind a proxy that echoes every REST request back: the URL
// (ticket included) raw and query-escaped, and the body, under keys that do not say usersig;
// a failure's ErrorInfo quotes the URL too, and every get_room_info fails so that the specs'
// failure messages print it.
func startEchoTarget(t *testing.T) (*target, *ticketLog) {
	t.Helper()
	server, err := emulator.Listen(emulator.Config{ControlPlane: true}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = server.Close(0) })
	log := &ticketLog{}
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.note(r)
		raw, _ := io.ReadAll(r.Body)
		forward, _ := http.NewRequestWithContext(r.Context(), r.Method, server.URL+r.URL.RequestURI(), bytes.NewReader(raw))
		forward.Header = r.Header.Clone()
		resp, err := http.DefaultClient.Do(forward)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		answer, _ := io.ReadAll(resp.Body)
		var decoded map[string]any
		if strings.HasPrefix(r.URL.Path, "/v4/") && json.Unmarshal(answer, &decoded) == nil {
			echo := r.URL.String()
			decoded["Echo"] = map[string]any{"Url": echo, "Escaped": url.QueryEscape(echo), "Body": string(raw)}
			if strings.HasSuffix(r.URL.Path, "/get_room_info") {
				decoded["ActionStatus"], decoded["ErrorCode"] = "FAIL", 100001
			}
			if code, _ := decoded["ErrorCode"].(float64); code != 0 || decoded["ErrorCode"] == 100001 {
				decoded["ErrorInfo"] = "echo of " + echo + " / " + url.QueryEscape(echo)
			}
			answer, _ = json.Marshal(decoded)
			w.Header().Set("X-Echo", echo)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(answer)
	}))
	t.Cleanup(proxy.Close)
	return &target{endpoint: proxy.URL, control: server.URL, cfg: server.Config()}, log
}

// TestEchoedTicketsNeverReachAnOutput runs the suite against a target that echoes every
// request and finds no ticket, in any encoding, in the console or any report.
func TestEchoedTicketsNeverReachAnOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole suite")
	}
	t.Parallel()
	tgt, log := startEchoTarget(t)
	reports := t.TempDir()
	run := runWholeSuite(t, tgt, "TRTC_REPORTS_DIR="+reports)
	outputs := map[string]string{"console": run.output}
	for _, name := range []string{"results.json", "junit.xml", "index.html"} {
		raw, err := os.ReadFile(filepath.Join(reports, name))
		if err != nil {
			t.Fatal(err)
		}
		outputs[name] = string(raw)
	}
	tickets := log.all()
	if len(tickets) == 0 {
		t.Fatal("the proxy saw no ticket")
	}
	if !strings.Contains(outputs["console"], "echo of") || !strings.Contains(outputs["results.json"], "Echo") {
		t.Fatalf("the echoes never reached the outputs: the test proves nothing\n%s", tail([]byte(outputs["console"])))
	}
	for _, ticket := range tickets {
		for _, form := range results.SecretForms(ticket) {
			for name, text := range outputs {
				if i := strings.Index(text, form); i >= 0 {
					t.Errorf("%s holds a ticket (%d tickets seen): …%s…", name, len(tickets), text[max(0, i-80):min(len(text), i+len(form)+20)])
				}
			}
		}
	}
}

// TestHangingTargetEndsTheRunFast: a target that answers three calls after the probe and then
// hangs must end the run within a minute, report it interrupted, and skip the rest with
// results.ReasonNotRunTargetSilent.
func TestHangingTargetEndsTheRunFast(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole suite")
	}
	t.Parallel()
	server, err := emulator.Listen(emulator.Config{ControlPlane: true}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = server.Close(0) })
	stop := make(chan struct{})
	var calls atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) > 4 { // the probe and three good answers, then silence
			select {
			case <-r.Context().Done():
			case <-stop:
			}
			return
		}
		raw, _ := io.ReadAll(r.Body)
		resp, err := http.Post(server.URL+r.URL.RequestURI(), "application/json", bytes.NewReader(raw))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		answer, _ := io.ReadAll(resp.Body)
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(answer)
	}))
	t.Cleanup(func() { close(stop); proxy.Close() })

	started := time.Now()
	run := runSuite(t, &target{endpoint: proxy.URL, cfg: server.Config()})
	took := time.Since(started)
	if took > time.Minute {
		t.Errorf("the run took %v against a silent target, want under a minute", took)
	}
	if run.exitCode == 0 {
		t.Error("the suite passed against a silent target")
	}
	if !strings.Contains(run.run.Interrupted, "the target went silent") {
		t.Errorf("results.json interrupted = %q", run.run.Interrupted)
	}
	if !strings.Contains(run.output, "RUN INTERRUPTED") {
		t.Error("the console does not say the run was interrupted")
	}
	notRun := 0
	for _, spec := range run.run.Specs {
		if spec.Reason == results.ReasonNotRunTargetSilent {
			notRun++
		}
		if spec.Reason == results.ReasonNotSelected {
			t.Errorf("%q reported as not selected", spec.Name)
			break
		}
	}
	if notRun < len(run.run.Specs)/2 {
		t.Errorf("%d of %d specs skipped as not run, want most", notRun, len(run.run.Specs))
	}
	t.Logf("silent target: run ended in %v, %d of %d specs not run", took.Round(time.Second), notRun, len(run.run.Specs))
}
