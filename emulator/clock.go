package emulator

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"
)

// maxClockLead bounds how far the control plane may move the clock ahead of the wall clock:
// far beyond any schedule a spec needs, and well inside what a time.Duration can hold.
const maxClockLead = 200 * 365 * 24 * time.Hour

// clock is the wall clock shifted by an offset the control plane sets, so that time keeps
// running (schedules, UserSig expiry, the once-per-second create rule) while specs can jump
// hours ahead to reach the 6-hour recycle rule. The offset is kept in nanoseconds so that a
// clock set to t reads t, not a millisecond earlier.
type clock struct {
	offsetNanos atomic.Int64
}

func (c *clock) Now() time.Time {
	return time.Now().Add(time.Duration(c.offsetNanos.Load()))
}

func (c *clock) offset() time.Duration { return time.Duration(c.offsetNanos.Load()) }

// set moves the clock to t, which must lie between the Unix epoch and maxClockLead from now.
func (c *clock) set(t time.Time) error {
	now := time.Now()
	if t.Before(time.Unix(0, 0)) || t.After(now.Add(maxClockLead)) {
		return fmt.Errorf("%s is outside the emulator's clock range (1970 to %d years from now)", t.UTC().Format(time.RFC3339), int(maxClockLead.Hours()/24/365))
	}
	c.offsetNanos.Store(int64(t.Sub(now)))
	return nil
}

// advance moves the clock forward by d, within the same range.
func (c *clock) advance(d time.Duration) error {
	if d < 0 || d > maxClockLead || c.offset()+d > maxClockLead {
		return fmt.Errorf("advancing by %v would leave the emulator's clock range", d)
	}
	c.offsetNanos.Add(int64(d))
	return nil
}

func (c *clock) reset() { c.offsetNanos.Store(0) }

func contextWithTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}
