//go:build !unix

package main

// raiseFileLimit cannot read or raise the limit here: the requested count is used as is.
func raiseFileLimit() (uint64, bool) { return 0, false }
