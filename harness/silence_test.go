package harness

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/results"
)

func TestRecorderDeclaresSilenceAfterTheBound(t *testing.T) {
	r := NewRecorder()
	answered := results.Exchange{Service: "s", Command: "ok"}
	lost := results.Exchange{Service: "s", Command: "lost", TransportError: "context deadline exceeded"}
	for range 3 {
		r.Record(answered)
	}
	for range SilenceBound - 1 {
		r.Record(lost)
	}
	r.Record(answered) // an answer starts the count again
	for range SilenceBound - 1 {
		r.Record(lost)
	}
	if err := r.Silence(); err != nil {
		t.Fatalf("silent after %d failures in a row: %v", SilenceBound-1, err)
	}
	r.Record(lost)
	var silent *TargetSilentError
	if err := r.Silence(); !errors.As(err, &silent) || silent.Unanswered != SilenceBound || silent.Answered != 4 {
		t.Fatalf("after %d failures in a row: %#v", SilenceBound, err)
	}
	r.Record(answered) // a late answer does not undo the interruption
	if r.Silence() == nil {
		t.Error("the silence was forgotten")
	}
	if part := r.Part(results.Target{}); !strings.Contains(part.Interrupted, "the target went silent") {
		t.Errorf("part.Interrupted %q", part.Interrupted)
	}
}

// TestGateEndsCallsFastOnceSilent: a hanging target costs SilenceBound time-outs, then every
// call fails at once without being sent.
func TestGateEndsCallsFastOnceSilent(t *testing.T) {
	hang := make(chan struct{})
	var sent atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent.Add(1)
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer target.Close()
	defer close(hang)
	rec := NewRecorder()
	c, err := client.New(client.Config{BaseURL: target.URL, SDKAppID: 1400000001, SecretKey: "k", Admin: "administrator",
		Timeout: 50 * time.Millisecond, RatePerSecond: -1, Recorder: rec, Gate: rec.Silence})
	if err != nil {
		t.Fatal(err)
	}
	for range SilenceBound {
		if _, err := c.Call(context.Background(), "svc", "cmd", nil); err == nil {
			t.Fatal("a hanging target answered")
		}
	}
	started := time.Now()
	_, err = c.Call(context.Background(), "svc", "cmd", nil)
	var transport *client.TransportError
	var silent *TargetSilentError
	if !errors.As(err, &transport) || !errors.As(err, &silent) {
		t.Errorf("call after the bound: %v, want a TransportError wrapping TargetSilentError", err)
	}
	if took := time.Since(started); took > 20*time.Millisecond || int(sent.Load()) != SilenceBound {
		t.Errorf("call after the bound took %v and %d calls were sent, want at once and %d", took, sent.Load(), SilenceBound)
	}
}

func TestResetPartsRemovesAnEarlierRunsReports(t *testing.T) {
	dir := t.TempDir()
	for _, name := range ReportFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("all passed"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, partsDir), 0o755); err != nil {
		t.Fatal(err)
	}
	stalePart := filepath.Join(dir, partsDir, "process-9.json")
	if err := os.WriteFile(stalePart, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := ResetParts(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range append(ReportFiles, filepath.Join(partsDir, "process-9.json")) {
		if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s survived the reset: %v", name, err)
		}
	}
	if err := RemoveParts(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, partsDir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s left behind", partsDir)
	}
	// Settings that cannot be read still name the folder to clean.
	if err := os.WriteFile(filepath.Join(dir, "results.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := RemoveStaleReports(func(name string) string { return map[string]string{EnvReportsDir: dir}[name] }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "results.json")); !errors.Is(err, os.ErrNotExist) {
		t.Error("RemoveStaleReports left results.json")
	}
}
