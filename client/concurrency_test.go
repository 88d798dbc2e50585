package client

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/usersig"
)

func TestConcurrentCalls(t *testing.T) {
	const goroutines, calls = 16, 20
	ts := newTestServer(t, nil)
	rec := &memRecorder{}
	// A high budget keeps the spacing code busy without making the test slow.
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.Recorder, cfg.RatePerSecond = rec, 100000 })

	var wg sync.WaitGroup
	seqs := make(chan int64, goroutines*calls)
	for g := range goroutines {
		wg.Go(func() {
			for i := range calls {
				req := Request{Service: testSvc, Command: fmt.Sprintf("cmd%d", (g+i)%4)}
				if i%5 == 0 {
					req.Identifier = fmt.Sprintf("user%d", g)
				}
				resp, err := c.Do(context.Background(), req)
				if err != nil {
					t.Errorf("goroutine %d call %d: %v", g, i, err)
					return
				}
				seqs <- resp.Seq
			}
		})
	}
	wg.Wait()
	close(seqs)

	unique := map[int64]bool{}
	for seq := range seqs {
		if unique[seq] {
			t.Errorf("Seq %d returned twice", seq)
		}
		unique[seq] = true
	}
	if len(unique) != goroutines*calls {
		t.Errorf("%d responses, want %d", len(unique), goroutines*calls)
	}
	exchanges := rec.all()
	if len(exchanges) != goroutines*calls {
		t.Errorf("the recorder got %d exchanges, want %d", len(exchanges), goroutines*calls)
	}
	recorded := map[int]bool{}
	for _, e := range exchanges {
		if recorded[e.Seq] || !unique[int64(e.Seq)] {
			t.Errorf("exchange Seq %d duplicated or unknown", e.Seq)
		}
		recorded[e.Seq] = true
	}
	requests := ts.all()
	if len(requests) != goroutines*calls {
		t.Errorf("the server received %d requests, want %d", len(requests), goroutines*calls)
	}
	for _, r := range requests {
		identifier := r.Query.Get("identifier")
		if _, err := usersig.Verify(r.Query.Get("usersig"), testAppID, testKey, identifier, time.Now(), usersig.VerifyOptions{}); err != nil {
			t.Errorf("ticket sent for %q: %v", identifier, err)
		}
	}
}
