package client

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// rateBudget spaces the calls of each command so that no command exceeds its per-second
// budget: the vendor documents 200 calls/s per command and answers 60007/60011/60018/60019
// beyond it (https://trtc.io/document/60703). Spacing (a burst of one) keeps every
// one-second window within the budget, which a token bucket with a full burst would not.
type rateBudget struct {
	// perSecond overrides the documented budget of every command when positive.
	perSecond int
	// share is how many callers split the application's budget (Config.BudgetShare): each
	// keeps to 1/share of every command's rate, so that together they keep to the rate.
	share int
	// slots, when set, hands out the slots instead: the callers share one schedule, and each
	// may use the whole rate while the others are idle.
	slots SlotSource
	local Schedule
}

// SlotSource hands out send slots to several clients of one application (the processes of a
// parallel run), so that together they keep each command's frequency limit: Slot reserves the
// next slot of key, at least interval after the one before, and returns when it begins.
type SlotSource interface {
	Slot(ctx context.Context, key string, interval time.Duration) (time.Time, error)
}

// newRateBudget returns nil (no spacing) for a negative budget, the documented budget of
// each command for zero, and perSecond for every command otherwise.
func newRateBudget(perSecond int) *rateBudget {
	if perSecond < 0 {
		return nil
	}
	return &rateBudget{perSecond: perSecond, local: Schedule{next: map[string]time.Time{}}}
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
	spacing := catalog.IntervalAt(rate)
	if b.slots == nil {
		spacing *= time.Duration(max(1, b.share))
	}
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
	slot, err := b.reserve(ctx, key, b.interval(service, command))
	if err != nil {
		return err
	}

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

// reserve takes the next slot of key, from the shared source when there is one.
func (b *rateBudget) reserve(ctx context.Context, key string, interval time.Duration) (time.Time, error) {
	if b.slots != nil {
		slot, err := b.slots.Slot(ctx, key, interval)
		if err != nil {
			return time.Time{}, fmt.Errorf("the shared rate budget: %w", err)
		}
		return slot, nil
	}
	return b.local.Reserve(key, interval, time.Now()), nil
}

// Schedule is the send slots of several commands, each key's slots at least their interval
// apart: a client's own budget, or the one the processes of a parallel run share through
// their host (SlotSource). Safe for concurrent use; the zero value is empty.
type Schedule struct {
	mu   sync.Mutex
	next map[string]time.Time
}

// Reserve takes the slot of key that begins at now or at the end of the one before,
// whichever is later, and returns its beginning; the next begins interval after it.
func (s *Schedule) Reserve(key string, interval time.Duration, now time.Time) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next == nil {
		s.next = map[string]time.Time{}
	}
	slot := s.next[key]
	if slot.Before(now) {
		slot = now
	}
	s.next[key] = slot.Add(interval)
	return slot
}

// rateLimitBackoff is the wait before retry n (0-based) of a call refused for frequency:
// 100 ms, doubling, at most 2 s; five retries wait 3.1 s in all, past any one-second window.
func rateLimitBackoff(n int) time.Duration {
	return min(100*time.Millisecond<<n, 2*time.Second)
}
