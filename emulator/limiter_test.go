package emulator

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
)

// burst sends n calls of command at once (from n goroutines) and counts the answers per code.
func (h *harness) burst(command string, body any, n int) map[int]int {
	h.t.Helper()
	queries := make([]string, n)
	for i := range queries {
		queries[i] = h.query(DefaultAdmin).Encode()
	}
	replies := make([]*reply, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			replies[i] = sendNoFatal(h, "/v4/"+serviceOf(command)+"/"+command, queries[i], body)
		}(i)
	}
	close(start)
	wg.Wait()
	codes := map[int]int{}
	for _, r := range replies {
		if r == nil {
			h.t.Fatalf("a call of the burst failed at the HTTP level")
		}
		if r.code() == catalog.CodeRESTRateLimited {
			checkCommandAnswer(h.t, command, r, catalog.CodeRESTRateLimited)
			if r.header.Get(control.FaultHeader) != "" {
				h.t.Errorf("a rate-limit answer carries %s", control.FaultHeader)
			}
		}
		codes[r.code()]++
	}
	return codes
}

func TestRateLimit(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: 5})
	h.mustCreate("busy") // one create_room call of its budget
	started := time.Now()
	codes := h.burst("get_room_info", `{"RoomId":"busy"}`, 20)
	elapsed := time.Since(started)
	if codes[0] < 5 {
		t.Errorf("burst of 20: %d successes, want at least the 5 of one second's budget (%v)", codes[0], codes)
	}
	if codes[catalog.CodeRESTRateLimited] == 0 {
		t.Errorf("burst of 20 in %v at 5/s: no 60007 (%v)", elapsed, codes)
	}
	// The refill is bounded by the time spent: 5 + 5/s × elapsed successes at most.
	if limit := 5 + int(elapsed.Seconds()*5) + 1; codes[0] > limit {
		t.Errorf("burst of 20 in %v: %d successes, want at most %d", elapsed, codes[0], limit)
	}
	if len(codes) != 2 {
		t.Errorf("unexpected codes in the burst: %v", codes)
	}

	// Another command has its own budget: it is not exhausted by the burst.
	checkCommandAnswer(t, "update_room_info", h.call("update_room_info", `{"RoomInfo":{"RoomId":"busy"}}`), 0)
	checkCommandAnswer(t, "account_check", h.call("account_check", `{"CheckItem":[{"UserID":"x"}]}`), 0)

	// The budget refills: after a second, calls pass again.
	time.Sleep(1100 * time.Millisecond)
	checkCommandAnswer(t, "get_room_info", h.call("get_room_info", `{"RoomId":"busy"}`), 0)
}

func TestRateLimitIsCheckedBeforeFaults(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: 1})
	checkCommandAnswer(t, "get_room_info", h.call("get_room_info", `{"RoomId":"x"}`), catalog.CodeRoomNotFound)
	if err := h.ctl.InjectFault(ctx(t), control.Fault{Service: catalog.ServiceRoom, Command: "get_room_info", ErrorCode: 100001, Count: 1}); err != nil {
		t.Fatal(err)
	}
	r := h.call("get_room_info", `{"RoomId":"x"}`)
	checkCommandAnswer(t, "get_room_info", r, catalog.CodeRESTRateLimited)
	if faults, _ := h.ctl.ArmedFaults(ctx(t)); len(faults) != 1 || faults[0].Count != 1 {
		t.Errorf("a rate-limited call consumed the fault: %+v", faults)
	}
}

func TestRateLimitDisabled(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	if codes := h.burst("get_room_info", `{"RoomId":"x"}`, 100); codes[catalog.CodeRoomNotFound] != 100 {
		t.Errorf("100 simultaneous calls with the limit disabled: %v, want all 100004", codes)
	}
}

func TestRateLimitDefault(t *testing.T) {
	h := newHarness(t, Config{})
	if h.e.cfg.RatePerSecond != catalog.DefaultMaxQPS {
		t.Fatalf("default RatePerSecond %d, want %d", h.e.cfg.RatePerSecond, catalog.DefaultMaxQPS)
	}
	// 150 calls fit in the documented 200/s whatever their pace.
	if codes := h.burst("get_room_info", `{"RoomId":"x"}`, 150); codes[catalog.CodeRoomNotFound] != 150 {
		t.Errorf("150 calls at the default limit: %v", codes)
	}
}

// TestRateLimitsComeFromTheCatalog: each command's limit is its documented MaxQPS, with
// RatePerSecond in place of the common 200/s and as a cap on every other limit.
func TestRateLimitsComeFromTheCatalog(t *testing.T) {
	for _, row := range []struct {
		service, command string
		ratePerSecond    int
		want             float64
	}{
		{catalog.ServiceRoom, "get_room_info", catalog.DefaultMaxQPS, catalog.DefaultMaxQPS},
		{catalog.ServiceRoom, "get_room_info", 1000, 1000},
		{catalog.ServiceRoom, "get_room_info", 5, 5},
		{catalog.ServiceLive, "get_room_info", 1000, 1000},
		{catalog.ServiceLive, "get_room_list", catalog.DefaultMaxQPS, catalog.LiveMaxQPSRoomList},
		{catalog.ServiceLive, "get_room_list", 1000, catalog.LiveMaxQPSRoomList},
		{catalog.ServiceLive, "get_room_list", 5, 5},
		{catalog.ServiceAccount, "account_check", catalog.DefaultMaxQPS, 100},
		{catalog.ServiceAccount, "account_import", catalog.DefaultMaxQPS, catalog.DefaultMaxQPS},
	} {
		l := newLimiter(catalog.Commands(), row.ratePerSecond)
		if got := l.allow(row.service + "/" + row.command).rate; got != row.want {
			t.Errorf("%s/%s with RatePerSecond %d: limit %g, want %g", row.service, row.command, row.ratePerSecond, got, row.want)
		}
	}
	if !newLimiter(catalog.Commands(), -1).allow(catalog.ServiceLive + "/get_room_list").allowed {
		t.Errorf("a negative RatePerSecond must disable every limit")
	}
}

// TestAccountRateLimit: the account commands documented at 100 calls/s are limited there,
// with the gateway's default settings.
func TestAccountRateLimit(t *testing.T) {
	h := newHarness(t, Config{})
	started := time.Now()
	codes := h.burst("account_check", `{"CheckItem":[{"UserID":"x"}]}`, 150)
	elapsed := time.Since(started)
	if limit := 100 + int(elapsed.Seconds()*100) + 1; codes[0] < 100 || codes[0] > limit {
		t.Errorf("150 calls in %v: %d passed, want from 100 to %d (%v)", elapsed, codes[0], limit, codes)
	}
	if elapsed < 400*time.Millisecond && codes[catalog.CodeRESTRateLimited] == 0 {
		t.Errorf("150 calls in %v at 100/s: none was limited (%v)", elapsed, codes)
	}
	r := h.call("account_check", `{"CheckItem":[{"UserID":"x"}]}`)
	if r.code() == catalog.CodeRESTRateLimited && !strings.Contains(r.env.ErrorInfo, "100 times per second") {
		t.Errorf("the refusal names another limit: %q", r.env.ErrorInfo)
	}
}

// TestLimitsBelowOneCallASecond: a command limited to 1 call/s (or 0.1/s) passes one call and
// refuses the next with 100012 until 1/rate has passed; RatePerSecond caps it further but
// never raises it.
func TestLimitsBelowOneCallASecond(t *testing.T) {
	l := newLimiter(catalog.Commands(), catalog.DefaultMaxQPS)
	for _, key := range []string{catalog.ServiceLive + "/get_gift", catalog.ServiceLive + "/copy_default_gift_config"} {
		if v := l.allow(key); !v.allowed {
			t.Fatalf("%s: the first call was refused", key)
		}
		v := l.allow(key)
		if v.allowed || v.code != catalog.CodeCreateTooOften {
			t.Errorf("%s: a second call at once: %+v, want refused with 100012", key, v)
		}
	}
	b := l.buckets[catalog.ServiceLive+"/copy_default_gift_config"]
	if b.rate != 0.1 || b.capacity != 1 {
		t.Errorf("copy_default_gift_config: rate %g capacity %g, want 0.1 and 1", b.rate, b.capacity)
	}
	// Nine seconds later the 10-second interval has not passed; ten seconds later it has.
	b.last = b.last.Add(-9 * time.Second)
	if l.allow(catalog.ServiceLive + "/copy_default_gift_config").allowed {
		t.Error("copy_default_gift_config passed 9 s after a call")
	}
	b.last = b.last.Add(-1100 * time.Millisecond)
	if !l.allow(catalog.ServiceLive + "/copy_default_gift_config").allowed {
		t.Error("copy_default_gift_config refused 10.1 s after a call")
	}
	if got := newLimiter(catalog.Commands(), 1000).allow(catalog.ServiceLive + "/add_gift").rate; got != 1 {
		t.Errorf("RatePerSecond 1000 raised add_gift's 1/s to %g", got)
	}
	if v := newLimiter(catalog.Commands(), 5).allow(catalog.ServiceRoom + "/get_room_info"); v.code != catalog.CodeRESTRateLimited {
		t.Errorf("get_room_info's refusal code %d, want 60007", v.code)
	}
}
