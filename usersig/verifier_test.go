package usersig

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

// sameOutcome fails unless the Verifier's answer equals the package-level Verify's: the same
// ticket, or an error with the same message and sentinel.
func sameOutcome(t *testing.T, label string, gotT *Ticket, gotErr error, wantT *Ticket, wantErr error) {
	t.Helper()
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%s: Verifier error %v, Verify error %v", label, gotErr, wantErr)
	}
	if wantErr != nil {
		if gotErr.Error() != wantErr.Error() {
			t.Fatalf("%s: Verifier error %q, Verify error %q", label, gotErr, wantErr)
		}
		for _, s := range sentinels {
			if errors.Is(gotErr, s) != errors.Is(wantErr, s) {
				t.Fatalf("%s: Verifier error %q and Verify error %q differ on %v", label, gotErr, wantErr, s)
			}
		}
		if gotT != nil {
			t.Fatalf("%s: Verifier returned a ticket with its error", label)
		}
		return
	}
	if !reflect.DeepEqual(gotT, wantT) {
		t.Fatalf("%s: Verifier ticket %+v, Verify ticket %+v", label, gotT, wantT)
	}
}

func TestVerifierMatchesVerify(t *testing.T) {
	otherKey, err := Generate(testAppID, "another-key", testID, time.Hour, testNow)
	if err != nil {
		t.Fatal(err)
	}
	otherApp, err := Generate(testAppID+1, testKey, testID, time.Hour, testNow)
	if err != nil {
		t.Fatal(err)
	}
	otherUser, err := Generate(testAppID, testKey, "someone-else", time.Hour, testNow)
	if err != nil {
		t.Fatal(err)
	}
	tickets := map[string]string{
		"valid":          mustGenerate(t, nil, false),
		"with user buf":  mustGenerate(t, []byte("scope"), true),
		"other key":      otherKey,
		"other app":      otherApp,
		"other user":     otherUser,
		"garbage":        "not-a-ticket",
		"empty":          "",
		"truncated":      mustGenerate(t, nil, false)[:20],
		"trailing bytes": wrapDoc(`{"TLS.ver":"2.0"}`) + "AAAA",
	}
	nows := map[string]time.Time{
		"at signing":        testNow,
		"long before":       testNow.Add(-24 * time.Hour),
		"last valid second": time.Unix(testUnix+testTTL, 999_999_999),
		"first expired":     time.Unix(testUnix+testTTL+1, 0),
	}
	for _, expectBuf := range []bool{false, true} {
		opts := VerifyOptions{ExpectUserBuf: expectBuf}
		v := NewVerifier(testAppID, testKey, opts, 0)
		for tname, ticket := range tickets {
			for _, identifier := range []string{testID, "someone-else", ""} {
				// The first call may fill the memory; the later ones read from it, in every
				// order of the clock.
				for round := 0; round < 2; round++ {
					for nname, now := range nows {
						label := fmt.Sprintf("%s ticket, identifier %q, %s, user buffer expected %v, round %d", tname, identifier, nname, expectBuf, round)
						gotT, gotErr := v.Verify(ticket, identifier, now)
						wantT, wantErr := Verify(ticket, testAppID, testKey, identifier, now, opts)
						sameOutcome(t, label, gotT, gotErr, wantT, wantErr)
						sameOutcome(t, label+" (Check)", nil, v.Check(ticket, identifier, now), nil, wantErr)
					}
				}
			}
		}
	}
}

func TestVerifierRemembersOnlySuccesses(t *testing.T) {
	v := NewVerifier(testAppID, testKey, VerifyOptions{}, 0)
	valid := mustGenerate(t, nil, false)
	expiredAt := time.Unix(testUnix+testTTL+1, 0)
	if _, err := v.Verify(valid, testID, expiredAt); !errors.Is(err, ErrExpired) {
		t.Fatalf("expired ticket: %v", err)
	}
	if _, err := v.Verify(valid, "someone-else", testNow); !errors.Is(err, ErrIdentifierMismatch) {
		t.Fatalf("other identifier: %v", err)
	}
	if _, err := v.Verify("garbage", testID, testNow); !errors.Is(err, ErrUndecodable) {
		t.Fatalf("garbage: %v", err)
	}
	if n := v.Len(); n != 0 {
		t.Fatalf("%d tickets remembered after failures only", n)
	}
	if _, err := v.Verify(valid, testID, testNow); err != nil {
		t.Fatal(err)
	}
	if n := v.Len(); n != 1 {
		t.Fatalf("%d tickets remembered after one success, want 1", n)
	}
	// A remembered ticket still expires, and the identifier is part of what is remembered.
	if _, err := v.Verify(valid, testID, expiredAt); !errors.Is(err, ErrExpired) {
		t.Fatalf("remembered ticket past its expiry: %v", err)
	}
	if _, err := v.Verify(valid, "someone-else", testNow); !errors.Is(err, ErrIdentifierMismatch) {
		t.Fatalf("remembered ticket for another identifier: %v", err)
	}
	// The emulator's clock can move back: the ticket is valid again, as Verify says.
	if _, err := v.Verify(valid, testID, testNow); err != nil {
		t.Fatalf("remembered ticket back in its window: %v", err)
	}
}

func TestVerifierReturnsTheCallersOwnTicket(t *testing.T) {
	v := NewVerifier(testAppID, testKey, VerifyOptions{ExpectUserBuf: true}, 0)
	ticket := mustGenerate(t, []byte("scope"), true)
	for i := 0; i < 3; i++ {
		got, err := v.Verify(ticket, testID, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.UserBuf, []byte("scope")) || got.Identifier != testID {
			t.Fatalf("call %d: ticket %+v", i, got)
		}
		got.UserBuf[0] = 'X'
		got.Identifier = "changed"
	}
}

func TestVerifierBound(t *testing.T) {
	const bound = 3
	v := NewVerifier(testAppID, testKey, VerifyOptions{}, bound)
	var tickets []string
	for i := 0; i < 10; i++ {
		s, err := Generate(testAppID, testKey, testID, time.Duration(testTTL+int64(i))*time.Second, testNow)
		if err != nil {
			t.Fatal(err)
		}
		tickets = append(tickets, s)
	}
	for round := 0; round < 2; round++ {
		for i, s := range tickets {
			if _, err := v.Verify(s, testID, testNow); err != nil {
				t.Fatalf("round %d ticket %d: %v", round, i, err)
			}
			if n := v.Len(); n > bound {
				t.Fatalf("%d tickets remembered, bound %d", n, bound)
			}
		}
	}
	if d := NewVerifier(testAppID, testKey, VerifyOptions{}, 0); d.maxEntries != DefaultVerifierEntries {
		t.Errorf("default bound %d, want %d", d.maxEntries, DefaultVerifierEntries)
	}
}

// TestVerifierConcurrent runs hits, misses and evictions from many goroutines (run with -race).
func TestVerifierConcurrent(t *testing.T) {
	v := NewVerifier(testAppID, testKey, VerifyOptions{}, 4)
	var tickets []string
	for i := 0; i < 8; i++ {
		s, err := Generate(testAppID, testKey, testID, time.Duration(testTTL+int64(i))*time.Second, testNow)
		if err != nil {
			t.Fatal(err)
		}
		tickets = append(tickets, s)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				s := tickets[(g+i)%len(tickets)]
				if _, err := v.Verify(s, testID, testNow); err != nil {
					errs <- err
					return
				}
				if _, err := v.Verify(s, testID, time.Unix(testUnix+2*testTTL, 0)); !errors.Is(err, ErrExpired) {
					errs <- fmt.Errorf("expired check: %v", err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// FuzzVerifier: whatever the ticket, identifier and clock, a Verifier answers what Verify
// answers, on the first call and on the remembered one.
func FuzzVerifier(f *testing.F) {
	for _, s := range seedTickets(f) {
		f.Add(s, testID, testUnix, testUnix+testTTL+1)
		f.Add(s, "other", testUnix, testUnix)
	}
	v := NewVerifier(testAppID, testKey, VerifyOptions{}, 64)
	f.Fuzz(func(t *testing.T, s, identifier string, first, second int64) {
		for i, nowUnix := range []int64{first, second, first} {
			now := time.Unix(nowUnix, 0)
			gotT, gotErr := v.Verify(s, identifier, now)
			wantT, wantErr := Verify(s, testAppID, testKey, identifier, now, VerifyOptions{})
			sameOutcome(t, fmt.Sprintf("call %d at %d", i, nowUnix), gotT, gotErr, wantT, wantErr)
			sameOutcome(t, fmt.Sprintf("Check %d at %d", i, nowUnix), nil, v.Check(s, identifier, now), nil, wantErr)
		}
	})
}

// BenchmarkVerifierRemembered is the server's cost of a ticket it has seen before (compare
// BenchmarkVerify, the cost of a ticket seen for the first time).
func BenchmarkVerifierRemembered(b *testing.B) {
	s := mustGenerate(b, nil, false)
	v := NewVerifier(testAppID, testKey, VerifyOptions{}, 0)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := v.Verify(s, testID, testNow); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
