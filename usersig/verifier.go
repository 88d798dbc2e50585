package usersig

import (
	"fmt"
	"sync"
	"time"
)

// DefaultVerifierEntries bounds a Verifier's memory when NewVerifier is given no bound.
const DefaultVerifierEntries = 4096

// Verifier is Verify for one application (SDKAppID, key and options fixed), with a memory of
// the tickets that verified: a server sees the same ticket on every call of a client, and
// decoding and HMAC-checking it each time is most of the cost of a call.
//
// A ticket is remembered under the exact UserSig string and the identifier it was verified
// for, and only after it passed every check of Verify. Everything Verify checks is a function
// of those two strings and of the fixed application, except expiry, which depends on now: a
// remembered ticket is therefore checked again for expiry, against the now of each call, with
// exactly Verify's rule and error. Failures are never remembered, so a ticket that failed is
// decoded and checked in full each time it is sent.
//
// A Verifier is safe for concurrent use. It holds at most its bound of tickets; when full, it
// forgets an arbitrary one to remember a new one.
type Verifier struct {
	sdkAppID   uint64
	key        string
	opts       VerifyOptions
	maxEntries int

	mu       sync.RWMutex
	verified map[verifiedKey]Ticket
}

type verifiedKey struct {
	userSig    string
	identifier string
}

// NewVerifier returns a Verifier for the application's SDKAppID and secret key. maxEntries
// bounds the tickets it remembers; zero or less means DefaultVerifierEntries.
func NewVerifier(sdkAppID uint64, key string, opts VerifyOptions, maxEntries int) *Verifier {
	if maxEntries <= 0 {
		maxEntries = DefaultVerifierEntries
	}
	return &Verifier{sdkAppID: sdkAppID, key: key, opts: opts, maxEntries: maxEntries, verified: map[verifiedKey]Ticket{}}
}

// Verify returns what the package-level Verify returns for userSig, identifier and now with
// the Verifier's application: the same ticket fields on success and an error wrapping the
// same sentinel, with the same message, on failure. The returned ticket is the caller's own.
// (vendor: https://trtc.io/document/35166 UserSig)
func (v *Verifier) Verify(userSig, identifier string, now time.Time) (*Ticket, error) {
	k := verifiedKey{userSig: userSig, identifier: identifier}
	v.mu.RLock()
	t, hit := v.verified[k]
	v.mu.RUnlock()
	if hit {
		if err := checkExpiry(&t, now); err != nil {
			return nil, err
		}
		t.UserBuf = cloneBytes(t.UserBuf)
		return &t, nil
	}
	fresh, err := Verify(userSig, v.sdkAppID, v.key, identifier, now, v.opts)
	if err != nil {
		return nil, err
	}
	remembered := *fresh
	remembered.UserBuf = cloneBytes(fresh.UserBuf)
	v.mu.Lock()
	if _, present := v.verified[k]; !present && len(v.verified) >= v.maxEntries {
		for old := range v.verified { // an arbitrary entry: map order is unspecified
			delete(v.verified, old)
			break
		}
	}
	v.verified[k] = remembered
	v.mu.Unlock()
	return fresh, nil
}

// Check is Verify without the ticket: the same error, or nil.
func (v *Verifier) Check(userSig, identifier string, now time.Time) error {
	v.mu.RLock()
	t, hit := v.verified[verifiedKey{userSig: userSig, identifier: identifier}]
	v.mu.RUnlock()
	if hit {
		return checkExpiry(&t, now)
	}
	_, err := v.Verify(userSig, identifier, now)
	return err
}

// Len is the number of tickets the Verifier remembers.
func (v *Verifier) Len() int {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return len(v.verified)
}

// checkExpiry is Verify's last check: now, at one-second resolution, is not later than
// TLS.time+TLS.expire.
func checkExpiry(t *Ticket, now time.Time) error {
	if end := addSat(t.Time, t.Expire); now.Unix() > end {
		return fmt.Errorf("usersig: ticket expired at %d (time %d + expire %d), now is %d: %w",
			end, t.Time, t.Expire, now.Unix(), ErrExpired)
	}
	return nil
}

func cloneBytes(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}
