package emulator

import (
	"context"
	"sync/atomic"
	"time"
)

// clock is the wall clock shifted by an offset the control plane sets, so that time keeps
// running (schedules, UserSig expiry, the once-per-second create rule) while specs can jump
// hours ahead to reach the 6-hour recycle rule.
type clock struct {
	offsetMillis atomic.Int64
}

func (c *clock) Now() time.Time {
	return time.Now().Add(time.Duration(c.offsetMillis.Load()) * time.Millisecond)
}

func (c *clock) set(t time.Time) { c.offsetMillis.Store(time.Until(t).Milliseconds()) }

func (c *clock) advance(d time.Duration) { c.offsetMillis.Add(d.Milliseconds()) }

func (c *clock) reset() { c.offsetMillis.Store(0) }

func contextWithTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}
