package client

import (
	"context"
	"sync"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// rateBudget spaces the calls of each command so that no command exceeds its per-second
// budget: the vendor documents 200 calls/s per command and answers 60007/60011/60018/60019
// beyond it (https://trtc.io/document/60703). Spacing (a burst of one) keeps every
// one-second window within the budget, which a token bucket with a full burst would not.
type rateBudget struct {
	mu sync.Mutex
	// perSecond overrides the documented budget of every command when positive.
	perSecond int
	// share is how many callers split the application's budget (Config.BudgetShare): each
	// keeps to 1/share of every command's rate, so that together they keep to the rate.
	share int
	next  map[string]time.Time
}

// newRateBudget returns nil (no spacing) for a negative budget, the documented budget of
// each command for zero, and perSecond for every command otherwise.
func newRateBudget(perSecond int) *rateBudget {
	if perSecond < 0 {
		return nil
	}
	return &rateBudget{perSecond: perSecond, next: map[string]time.Time{}}
}

// interval is the spacing of one command's calls: 1/rate seconds, times the share. Rates below
// one call a second are exact (the gift catalogue's 1/s is 1 s, copy_default_gift_config's
// 0.1/s is 10 s). A command limited to one call a second or less also waits jitterGuard more:
// the service's bucket then holds a single call, so a call that arrives a few milliseconds
// early (scheduling, the network) would be refused although the client kept to the rate.
func (b *rateBudget) interval(service, command string) time.Duration {
	rate := float64(b.perSecond)
	if rate == 0 {
		rate = catalog.DefaultMaxQPS
		if documented, ok := catalog.Resolve(service, command); ok { // an alias spends its command's budget
			rate = documented.MaxQPS
		}
	}
	spacing := catalog.IntervalAt(rate) * time.Duration(max(1, b.share))
	if rate <= 1 {
		spacing += jitterGuard
	}
	return spacing
}

// jitterGuard is the margin added to the spacing of commands limited to one call a second or
// less (interval).
const jitterGuard = 50 * time.Millisecond

// wait blocks until the command may be sent, or the context ends.
func (b *rateBudget) wait(ctx context.Context, service, command string) error {
	if b == nil {
		return nil
	}
	key := service + "/" + command
	b.mu.Lock()
	now := time.Now()
	slot := b.next[key]
	if slot.Before(now) {
		slot = now
	}
	b.next[key] = slot.Add(b.interval(service, command))
	b.mu.Unlock()

	delay := time.Until(slot)
	if delay <= 0 {
		return nil
	}
	timer := time.NewTimer(delay)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// rateLimitBackoff is the wait before retry n (0-based) of a call refused for frequency:
// 100 ms, doubling, at most 2 s; five retries wait 3.1 s in all, past any one-second window.
func rateLimitBackoff(n int) time.Duration {
	return min(100*time.Millisecond<<n, 2*time.Second)
}
