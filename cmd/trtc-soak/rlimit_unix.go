//go:build unix

package main

import "syscall"

// raiseFileLimit raises the soft limit of open files to the hard limit, for this process and
// the emulator it starts; it returns the limit in force and whether it was raised.
func raiseFileLimit() (uint64, bool) {
	var limit syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &limit); err != nil {
		return 0, false
	}
	if limit.Cur >= limit.Max {
		return limit.Cur, false
	}
	raised := limit
	raised.Cur = raised.Max
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &raised); err != nil {
		return limit.Cur, false
	}
	return raised.Cur, true
}
