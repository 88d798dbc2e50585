// Package selftest checks the conformance suite itself: run against emulators that break one
// documented promise each, the suite must fail, naming the spec that checks that promise; and
// run against the emulator started by hand, it must give the same verdicts as embedded. A
// conformance suite that still passes against a broken service is itself broken.
package selftest
