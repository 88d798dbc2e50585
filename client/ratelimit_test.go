package client

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

const throttledEnvelope = `{"ActionStatus":"FAIL","ErrorCode":60007,"ErrorInfo":"too many requests","RequestId":"r"}`

// refusing answers 60007 to the first refusals calls, then success.
func refusing(refusals int64) http.HandlerFunc {
	var calls atomic.Int64
	return func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) <= refusals {
			_, _ = io.WriteString(w, throttledEnvelope)
			return
		}
		_, _ = io.WriteString(w, okEnvelope)
	}
}

func TestFrequencyRefusalsAreRetriedThenMarkedThrottled(t *testing.T) {
	for _, tc := range []struct {
		name      string
		refusals  int64
		retries   int
		skip      bool
		wantCode  int
		throttled bool
		sent      int
	}{
		{"a refusal retried into success", 2, 3, false, 0, false, 3},
		{"refused beyond the retries", 10, 2, false, 60007, true, 3},
		{"no retries configured", 1, 0, false, 60007, true, 1},
		{"SkipBudget sees the refusal as answered", 1, 3, true, 60007, false, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, refusing(tc.refusals))
			c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.RateLimitRetries = tc.retries })
			resp, _ := c.Do(context.Background(), Request{Service: catalog.ServiceRoom, Command: "get_room_info", SkipBudget: tc.skip})
			if resp == nil || resp.Code() != tc.wantCode || resp.Throttled != tc.throttled {
				t.Fatalf("answer %+v; want code %d, throttled %v", resp, tc.wantCode, tc.throttled)
			}
			if ts.count() != tc.sent {
				t.Errorf("sent %d times, want %d", ts.count(), tc.sent)
			}
		})
	}
}

func TestRateLimitBackoffGrowsAndIsBounded(t *testing.T) {
	var total time.Duration
	for n := range 5 {
		if n > 0 && rateLimitBackoff(n) <= rateLimitBackoff(n-1) {
			t.Errorf("backoff %d (%v) does not grow", n, rateLimitBackoff(n))
		}
		total += rateLimitBackoff(n)
	}
	if total < time.Second {
		t.Errorf("five retries wait %v, less than the one-second window a limit is counted in", total)
	}
	if rateLimitBackoff(30) > 2*time.Second {
		t.Errorf("backoff unbounded: %v", rateLimitBackoff(30))
	}
}

func TestBudgetShareSplitsEveryCommandsRate(t *testing.T) {
	b := newRateBudget(0)
	b.share = 4
	if got, want := b.interval(catalog.ServiceRoom, "get_room_info"), 4*time.Second/200; got != want {
		t.Errorf("200/s shared by 4: interval %v, want %v", got, want)
	}
	if got, want := b.interval(catalog.ServiceLive, "get_room_list"), 4*time.Second/10; got != want {
		t.Errorf("10/s shared by 4: interval %v, want %v", got, want)
	}
	if got, want := b.interval(catalog.ServiceLive, "add_gift"), 4*time.Second+jitterGuard; got != want {
		t.Errorf("1/s shared by 4: interval %v, want %v", got, want)
	}
	if got, want := b.interval(catalog.ServiceLive, "copy_default_gift_config"), 40*time.Second+jitterGuard; got != want {
		t.Errorf("0.1/s shared by 4: interval %v, want %v", got, want)
	}
	c, err := New(Config{BaseURL: "http://127.0.0.1:1", SDKAppID: testAppID, SecretKey: testKey, Admin: testAdmin, BudgetShare: 3})
	if err != nil || c.budget.share != 3 {
		t.Fatalf("BudgetShare not applied: %v", err)
	}
}
