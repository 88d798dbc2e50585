package emulator

import (
	"sync"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// limiter enforces each command's frequency limit with a token bucket of one second's
// capacity: a caller that spaces its calls never meets 60007, a burst beyond a second's worth
// does. One limiter serves every service; the limits come from the catalog (rateLimit).
type limiter struct {
	// buckets holds one bucket per documented command, by catalog key. The map is complete
	// when newLimiter returns and never changes, so reading it needs no lock.
	buckets map[string]*bucket
}

type bucket struct {
	perSecond int
	mu        sync.Mutex
	tokens    float64
	last      time.Time
}

// newLimiter returns the limiter of the given commands, or nil (no limit at all) when
// ratePerSecond is not positive.
func newLimiter(commands []catalog.Command, ratePerSecond int) *limiter {
	if ratePerSecond <= 0 {
		return nil
	}
	now := time.Now()
	l := &limiter{buckets: make(map[string]*bucket, len(commands))}
	for _, c := range commands {
		perSecond := rateLimit(c, ratePerSecond)
		l.buckets[c.Key()] = &bucket{perSecond: perSecond, tokens: float64(perSecond), last: now}
	}
	return l
}

// rateLimit is a command's limit: its documented MaxQPS, except that ratePerSecond
// (Config.RatePerSecond) replaces the common 200/s and caps every other limit, so that one
// setting lowers them all (get_room_list keeps its 10/s, the account commands their 100/s).
func rateLimit(c catalog.Command, ratePerSecond int) int {
	if c.MaxQPS == catalog.DefaultMaxQPS {
		return ratePerSecond
	}
	return min(c.MaxQPS, ratePerSecond)
}

// allow spends one call of the command's budget, and reports whether there was one and the
// command's limit. Without limits, or for a key the limiter does not know, every call passes.
func (l *limiter) allow(key string) (allowed bool, perSecond int) {
	var b *bucket
	if l != nil {
		b = l.buckets[key]
	}
	if b == nil {
		return true, 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	b.tokens = min(float64(b.perSecond), b.tokens+now.Sub(b.last).Seconds()*float64(b.perSecond))
	b.last = now
	if b.tokens < 1 {
		return false, b.perSecond
	}
	b.tokens--
	return true, b.perSecond
}
