package emulator

import (
	"sync"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// limiter enforces each command's frequency limit with a token bucket that refills one call
// every 1/rate seconds and holds at most one second's worth of calls, and never less than one
// call: a caller that spaces its calls never meets a refusal, a burst beyond a second's worth
// does, and a command limited below one call a second (the gift catalogue's 1/s,
// copy_default_gift_config's 0.1/s) passes one call per interval. One limiter serves every
// service; the limits come from the catalog (rateLimit).
type limiter struct {
	// buckets holds one bucket per documented command, by catalog key. The map is complete
	// when newLimiter returns and never changes, so reading it needs no lock.
	buckets map[string]*bucket
}

type bucket struct {
	// rate is the refill in calls per second; capacity the calls the bucket holds.
	rate, capacity float64
	// code answers a call beyond the limit (catalog.Command.FrequencyCodes: 100012 for the
	// Live commands limited to one call a second or less, 60007 elsewhere).
	code   int
	mu     sync.Mutex
	tokens float64
	last   time.Time
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
		rate := rateLimit(c, ratePerSecond)
		capacity := max(1, rate)
		l.buckets[c.Key()] = &bucket{rate: rate, capacity: capacity, code: c.FrequencyCodes()[0], tokens: capacity, last: now}
	}
	return l
}

// rateLimit is a command's limit in calls per second: its documented MaxQPS, except that
// ratePerSecond (Config.RatePerSecond) replaces the common 200/s and caps every other limit,
// so that one setting lowers them all (get_room_list keeps its 10/s, the account commands
// their 100/s, the gift catalogue its 1/s).
func rateLimit(c catalog.Command, ratePerSecond int) float64 {
	if c.MaxQPS == catalog.DefaultMaxQPS {
		return float64(ratePerSecond)
	}
	return min(c.MaxQPS, float64(ratePerSecond))
}

// verdict is the limiter's answer for one call.
type verdict struct {
	allowed bool
	// rate is the command's limit in calls per second (0: none); code the refusal's code.
	rate float64
	code int
}

// allow spends one call of the command's budget, and says whether there was one, the
// command's limit and the code of a refusal. Without limits, or for a key the limiter does not
// know, every call passes.
func (l *limiter) allow(key string) verdict {
	var b *bucket
	if l != nil {
		b = l.buckets[key]
	}
	if b == nil {
		return verdict{allowed: true}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	b.tokens = min(b.capacity, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	if b.tokens < 1 {
		return verdict{rate: b.rate, code: b.code}
	}
	b.tokens--
	return verdict{allowed: true, rate: b.rate, code: b.code}
}
