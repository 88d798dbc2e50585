package client

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/usersig"
)

// fakeClock is a settable clock for the UserSig cache.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) Set(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = t
}

// sentTicket makes one call as identifier ("" for the admin) and returns the ticket the
// server received, checked against identifier at the clock's time.
func sentTicket(t *testing.T, c *Client, ts *testServer, identifier string, at time.Time) (string, *usersig.Ticket) {
	t.Helper()
	if _, err := c.Do(context.Background(), Request{Service: testSvc, Command: testCmd, Identifier: identifier}); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if identifier == "" {
		identifier = testAdmin
	}
	sig := ts.last(t).Query.Get("usersig")
	ticket, err := usersig.Verify(sig, testAppID, testKey, identifier, at, usersig.VerifyOptions{})
	if err != nil {
		t.Fatalf("the ticket sent for %q does not verify at %v: %v", identifier, at, err)
	}
	return sig, ticket
}

func TestUserSigCache(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, func(cfg *Config) { cfg.UserSigTTL = time.Hour })
	t0 := time.Now().Truncate(time.Second)
	clock := &fakeClock{now: t0}
	c.now = clock.Now

	// Renewal is due when a tenth of the hour is left: at 54 minutes.
	renewAt := 54 * time.Minute
	var adminSig string
	for _, step := range []struct {
		name       string
		at         time.Duration
		identifier string
		signedAt   time.Duration // TLS.time of the ticket the server must see
		sameAsLast bool          // the admin ticket is the cached one
	}{
		{name: "first call signs", at: 0, signedAt: 0},
		{name: "a minute later reuses", at: time.Minute, signedAt: 0, sameAsLast: true},
		{name: "just before the renew point reuses", at: renewAt - time.Second, signedAt: 0, sameAsLast: true},
		{name: "another identifier gets its own ticket", at: renewAt - time.Second, identifier: "alice", signedAt: renewAt - time.Second},
		{name: "the admin still gets the admin ticket", at: renewAt - time.Second, signedAt: 0, sameAsLast: true},
		{name: "the renew point renews", at: renewAt, signedAt: renewAt},
		{name: "the renewed ticket is reused", at: renewAt + 30*time.Minute, signedAt: renewAt, sameAsLast: true},
		{name: "another identifier later", at: renewAt + 31*time.Minute, identifier: "bob", signedAt: renewAt + 31*time.Minute},
		{name: "second renewal", at: 2 * renewAt, signedAt: 2 * renewAt},
	} {
		t.Run(step.name, func(t *testing.T) {
			now := t0.Add(step.at)
			clock.Set(now)
			sig, ticket := sentTicket(t, c, ts, step.identifier, now)
			if want := t0.Add(step.signedAt).Unix(); ticket.Time != want {
				t.Errorf("ticket signed at %d, want %d (offset %v)", ticket.Time, want, step.signedAt)
			}
			if ticket.Expire != 3600 {
				t.Errorf("ticket validity %ds, want 3600", ticket.Expire)
			}
			if step.identifier != "" {
				if sig == adminSig {
					t.Errorf("the ticket for %q is the admin's", step.identifier)
				}
				return
			}
			if step.sameAsLast != (sig == adminSig) {
				t.Errorf("admin ticket reused = %v, want %v", sig == adminSig, step.sameAsLast)
			}
			adminSig = sig
		})
	}
}

func TestUserSigCacheNeverHoldsAnotherIdentifier(t *testing.T) {
	ts := newTestServer(t, nil)
	c := newTestClient(t, ts.URL, nil)
	t0 := time.Now().Truncate(time.Second)
	clock := &fakeClock{now: t0}
	c.now = clock.Now

	// Another identifier first, while the cache is empty.
	aliceSig, _ := sentTicket(t, c, ts, "alice", t0)
	adminSig, _ := sentTicket(t, c, ts, "", t0)
	if adminSig == aliceSig {
		t.Fatal("the admin was sent alice's ticket")
	}
	// Another identifier while the cache is full, then the admin again.
	clock.Set(t0.Add(time.Minute))
	sentTicket(t, c, ts, "alice", t0.Add(time.Minute))
	if again, _ := sentTicket(t, c, ts, "", t0.Add(time.Minute)); again != adminSig {
		t.Error("the cached admin ticket changed after a call as alice")
	}
	// Tickets of other identifiers are generated per call, never cached.
	clock.Set(t0.Add(2 * time.Minute))
	if _, ticket := sentTicket(t, c, ts, "alice", t0.Add(2*time.Minute)); ticket.Time != t0.Add(2*time.Minute).Unix() {
		t.Errorf("alice's ticket signed at %d, want a fresh one at %d", ticket.Time, t0.Add(2*time.Minute).Unix())
	}
	// An explicit Identifier equal to the admin uses the cache.
	if sig, _ := sentTicket(t, c, ts, testAdmin, t0.Add(2*time.Minute)); sig != adminSig {
		t.Error("Identifier = Admin did not use the cached admin ticket")
	}
}
