package client

import (
	"context"
	"sync"
	"time"
)

// rateBudget spaces the calls of each command so that no command exceeds its per-second
// budget: the vendor documents 200 calls/s per command and answers 60007/60011/60018/60019
// beyond it (https://trtc.io/document/60703). Spacing (a burst of one) keeps every
// one-second window within the budget, which a token bucket with a full burst would not.
type rateBudget struct {
	mu       sync.Mutex
	interval time.Duration
	next     map[string]time.Time
}

func newRateBudget(perSecond int) *rateBudget {
	if perSecond <= 0 {
		return nil
	}
	return &rateBudget{interval: time.Second / time.Duration(perSecond), next: map[string]time.Time{}}
}

// wait blocks until the command may be sent, or the context ends.
func (b *rateBudget) wait(ctx context.Context, command string) error {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	now := time.Now()
	slot := b.next[command]
	if slot.Before(now) {
		slot = now
	}
	b.next[command] = slot.Add(b.interval)
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
