package client

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

func TestRateBudgetInterval(t *testing.T) {
	for _, tc := range []struct {
		perSecond        int
		service, command string
		want             time.Duration
	}{
		{20, catalog.ServiceRoom, "create_room", 50 * time.Millisecond},
		{20, catalog.ServiceAccount, "account_check", 50 * time.Millisecond},
		{20, "unknown_svc", "unknown", 50 * time.Millisecond},
		{1, catalog.ServiceRoom, "create_room", time.Second + jitterGuard},
		{3, catalog.ServiceRoom, "create_room", time.Second / 3},
		{1000, catalog.ServiceRoom, "create_room", time.Millisecond},
		// Zero: each command's documented budget.
		{0, catalog.ServiceRoom, "create_room", time.Second / 200},
		{0, catalog.ServiceRoom, "get_room_info", time.Second / 200},
		{0, catalog.ServiceRoom, "destroy_room", time.Second / 200},
		{0, catalog.ServiceAccount, "account_check", time.Second / 100},
		{0, catalog.ServiceAccount, "multiaccount_import", time.Second / 100},
		{0, catalog.ServiceAccount, "account_delete", time.Second / 100},
		{0, "unknown_svc", "unknown", time.Second / catalog.DefaultMaxQPS},
		// Below one call a second: exact, plus the guard against early arrival.
		{0, catalog.ServiceLive, "get_gift", time.Second + jitterGuard},
		{0, catalog.ServiceLive, "copy_default_gift_config", 10*time.Second + jitterGuard},
		{0, catalog.ServiceLive, "send_gift", time.Second / 200},
	} {
		b := newRateBudget(tc.perSecond)
		if got := b.interval(tc.service, tc.command); got != tc.want {
			t.Errorf("perSecond %d: interval(%s/%s) = %v, want %v", tc.perSecond, tc.service, tc.command, got, tc.want)
		}
	}
}

// TestRateBudgetSlots drives wait with an ended context: a call whose slot is now returns
// nil at once, a call that would have to wait returns the context's error. No timing.
func TestRateBudgetSlots(t *testing.T) {
	type call struct {
		key  string // service/command
		wait bool   // the call's slot is in the future
	}
	for _, tc := range []struct {
		name      string
		perSecond int
		calls     []call
		next      map[string]int // reserved slots per command after the calls, in intervals
	}{
		{
			name: "one command is spaced", perSecond: 20,
			calls: []call{{"s/a", false}, {"s/a", true}, {"s/a", true}, {"s/a", true}, {"s/a", true}, {"s/a", true}},
			next:  map[string]int{"s/a": 6},
		},
		{
			name: "six commands are not spaced", perSecond: 20,
			calls: []call{{"s/a", false}, {"s/b", false}, {"s/c", false}, {"s/d", false}, {"s/e", false}, {"s/f", false}},
			next:  map[string]int{"s/a": 1, "s/b": 1, "s/c": 1, "s/d": 1, "s/e": 1, "s/f": 1},
		},
		{
			name: "same command name in two services", perSecond: 20,
			calls: []call{{"s1/a", false}, {"s2/a", false}, {"s1/a", true}},
			next:  map[string]int{"s1/a": 2, "s2/a": 1},
		},
		{
			name: "interleaved", perSecond: 20,
			calls: []call{{"s/a", false}, {"s/b", false}, {"s/a", true}, {"s/b", true}, {"s/a", true}},
			next:  map[string]int{"s/a": 3, "s/b": 2},
		},
		{
			name: "documented budgets", perSecond: 0,
			calls: []call{
				{catalog.ServiceRoom + "/create_room", false}, {catalog.ServiceAccount + "/account_check", false},
				{catalog.ServiceRoom + "/create_room", true}, {catalog.ServiceAccount + "/account_check", true},
			},
			next: map[string]int{catalog.ServiceRoom + "/create_room": 2, catalog.ServiceAccount + "/account_check": 2},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newRateBudget(tc.perSecond)
			ctx := cancelledContext()
			first := map[string][2]time.Time{} // bounds of each command's first call
			for i, c := range tc.calls {
				service, command, _ := strings.Cut(c.key, "/")
				before := time.Now()
				err := b.wait(ctx, service, command)
				after := time.Now()
				if _, seen := first[c.key]; !seen {
					first[c.key] = [2]time.Time{before, after}
				}
				switch {
				case c.wait && !errors.Is(err, context.Canceled):
					t.Errorf("call %d (%s): err = %v, want it to wait (context.Canceled)", i, c.key, err)
				case !c.wait && err != nil:
					t.Errorf("call %d (%s): err = %v, want no wait", i, c.key, err)
				}
			}
			if len(b.local.next) != len(tc.next) {
				t.Errorf("budget tracks %d commands, want %d", len(b.local.next), len(tc.next))
			}
			for key, n := range tc.next {
				service, command, _ := strings.Cut(key, "/")
				offset := time.Duration(n) * b.interval(service, command)
				lo, hi := first[key][0].Add(offset), first[key][1].Add(offset)
				if got := b.local.next[key]; got.Before(lo) || got.After(hi) {
					t.Errorf("next slot of %s = first call + %v, want + %v", key, got.Sub(first[key][0]), offset)
				}
			}
		})
	}
}

func TestRateBudgetIdleCommandRestartsNow(t *testing.T) {
	b := newRateBudget(20)
	b.local.next["s/a"] = time.Now().Add(-time.Hour)
	before := time.Now()
	if err := b.wait(cancelledContext(), "s", "a"); err != nil {
		t.Fatalf("wait: %v", err)
	}
	// A stale slot does not bank a burst: the next slot is one interval from now.
	if got := b.local.next["s/a"]; got.Before(before.Add(50 * time.Millisecond)) {
		t.Errorf("next slot %v before now + interval", got.Sub(before))
	}
	if err := b.wait(cancelledContext(), "s", "a"); !errors.Is(err, context.Canceled) {
		t.Errorf("the second call after an idle hour was not spaced: %v", err)
	}
}

func TestRateBudgetDisabled(t *testing.T) {
	if b := newRateBudget(-1); b != nil {
		t.Fatalf("newRateBudget(-1) = %+v, want nil", b)
	}
	var b *rateBudget
	for range 3 {
		if err := b.wait(cancelledContext(), "s", "a"); err != nil {
			t.Fatalf("a nil budget waited: %v", err)
		}
	}
}

func TestRateBudgetSpacesCalls(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.RatePerSecond = 20 })
	start := time.Now()
	for range 6 {
		if _, err := c.Call(context.Background(), testSvc, testCmd, nil); err != nil {
			t.Fatal(err)
		}
	}
	// Five intervals of 50ms separate six calls; a lower bound only.
	if elapsed := time.Since(start); elapsed < 250*time.Millisecond {
		t.Errorf("6 calls at 20/s took %v, want at least 250ms", elapsed)
	}
	if n := ts.count(); n != 6 {
		t.Errorf("the server received %d requests", n)
	}
}

func TestRateBudgetDocumentedDefault(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.RatePerSecond = 0 })
	if c.budget == nil {
		t.Fatal("RatePerSecond 0 disabled the budget")
	}
	for _, tc := range []struct {
		service, command string
		want             time.Duration
	}{
		{catalog.ServiceRoom, "create_room", 5 * time.Millisecond},
		{catalog.ServiceRoom, "get_room_info", 5 * time.Millisecond},
		{catalog.ServiceAccount, "account_check", 10 * time.Millisecond},
	} {
		if got := c.budget.interval(tc.service, tc.command); got != tc.want {
			t.Errorf("interval(%s/%s) = %v, want %v", tc.service, tc.command, got, tc.want)
		}
	}
	start := time.Now()
	for range 6 {
		if _, err := c.Call(context.Background(), catalog.ServiceAccount, "account_check", nil); err != nil {
			t.Fatal(err)
		}
	}
	if elapsed := time.Since(start); elapsed < 50*time.Millisecond {
		t.Errorf("6 account_check calls at the documented 100/s took %v, want at least 50ms", elapsed)
	}
}

// TestRateBudgetBypass tells a call stopped by the budget (a bare context error) from one
// that reached the transport (a *url.Error) by sending the second call with an ended context.
func TestRateBudgetBypass(t *testing.T) {
	for _, tc := range []struct {
		name       string
		perSecond  int
		skip       bool
		wantBudget bool
	}{
		{"budget applies", 1, false, true},
		{"SkipBudget skips", 1, true, false},
		{"negative disables", -1, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, nil)
			c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.RatePerSecond = tc.perSecond })
			if _, err := c.Call(context.Background(), testSvc, testCmd, nil); err != nil {
				t.Fatal(err)
			}
			var reserved time.Time
			if c.budget != nil {
				reserved = c.budget.local.next[testSvc+"/"+testCmd]
			}
			resp, err := c.Do(cancelledContext(), Request{Service: testSvc, Command: testCmd, SkipBudget: tc.skip})
			if resp != nil {
				t.Errorf("resp = %+v, want nil", resp)
			}
			asTransportError(t, err, testSvc, testCmd)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v does not wrap context.Canceled", err)
			}
			var urlErr *url.Error
			if reachedTransport := errors.As(err, &urlErr); reachedTransport == tc.wantBudget {
				t.Errorf("reached the transport = %v, want %v (error %v)", reachedTransport, !tc.wantBudget, err)
			}
			if tc.skip && !c.budget.local.next[testSvc+"/"+testCmd].Equal(reserved) {
				t.Error("a SkipBudget call reserved a slot")
			}
			if tc.perSecond < 0 && c.budget != nil {
				t.Error("a negative RatePerSecond kept a budget")
			}
		})
	}
}

func TestRateBudgetCancelledWhileWaiting(t *testing.T) {
	for _, tc := range []struct {
		name        string
		ctx         func() (context.Context, context.CancelFunc)
		wantErr     error
		wantTimeout bool
	}{
		{"cancelled", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			return ctx, cancel
		}, context.Canceled, false},
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, context.DeadlineExceeded, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, nil)
			c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.RatePerSecond = 1 })
			if _, err := c.Call(context.Background(), testSvc, testCmd, nil); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := tc.ctx()
			defer cancel()
			start := time.Now()
			resp, err := c.Call(ctx, testSvc, testCmd, nil)
			if elapsed := time.Since(start); elapsed < 50*time.Millisecond {
				t.Errorf("gave up after %v, before the context ended", elapsed)
			}
			if resp != nil {
				t.Errorf("resp = %+v, want nil", resp)
			}
			te := asTransportError(t, err, testSvc, testCmd)
			if !errors.Is(err, tc.wantErr) || te.Timeout() != tc.wantTimeout {
				t.Errorf("error %v (timeout %v), want %v (timeout %v)", err, te.Timeout(), tc.wantErr, tc.wantTimeout)
			}
			if n := ts.count(); n != 1 {
				t.Errorf("the server received %d requests, want only the first", n)
			}
		})
	}
}

// fixedSlots is a SlotSource that answers a slot offset from now and records what it was asked.
type fixedSlots struct {
	offset    time.Duration
	keys      []string
	intervals []time.Duration
}

func (f *fixedSlots) Slot(_ context.Context, key string, interval time.Duration) (time.Time, error) {
	f.keys, f.intervals = append(f.keys, key), append(f.intervals, interval)
	return time.Now().Add(f.offset), nil
}

// A shared schedule replaces the client's own, with the command's whole interval: the share
// of a fixed split does not apply, and the call waits for the slot the source gives.
func TestRateBudgetSharedSlots(t *testing.T) {
	slots := &fixedSlots{offset: 150 * time.Millisecond}
	b := newRateBudget(2)
	b.share, b.slots = 4, slots
	started := time.Now()
	if err := b.wait(context.Background(), catalog.ServiceRoom, "create_room"); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(started); waited < 150*time.Millisecond {
		t.Errorf("waited %v, want the slot's 150 ms", waited)
	}
	if len(slots.keys) != 1 || slots.keys[0] != catalog.ServiceRoom+"/create_room" || slots.intervals[0] != 500*time.Millisecond {
		t.Errorf("asked for %q with intervals %v, want create_room's whole 500 ms (2/s), unshared", slots.keys, slots.intervals)
	}
	if len(b.local.next) != 0 {
		t.Errorf("the client's own schedule was used too: %v", b.local.next)
	}
}

func TestScheduleSpacesEachKey(t *testing.T) {
	var s Schedule
	now := time.Unix(1000, 0)
	first, second := s.Reserve("a", time.Second, now), s.Reserve("a", time.Second, now)
	other := s.Reserve("b", time.Second, now)
	if !first.Equal(now) || !second.Equal(now.Add(time.Second)) || !other.Equal(now) {
		t.Errorf("slots %v, %v and %v, want now, a second later, and now for another key", first, second, other)
	}
	if later := s.Reserve("a", time.Second, now.Add(time.Hour)); !later.Equal(now.Add(time.Hour)) {
		t.Errorf("an idle key's slot is %v, want now", later)
	}
}
