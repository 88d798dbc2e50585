package selftest

import (
	"flag"
	"os"
	"testing"
)

// selftestParallel is how many tests of this package run at once unless -test.parallel says
// otherwise: each runs the suite in processes of its own against an emulator of its own, and
// the suite mostly waits on its target, so many runs share 2 cores well. go test's default,
// GOMAXPROCS, would leave the cores idle for most of this package's time.
const selftestParallel = "16"

func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		_ = flag.Set("test.parallel", selftestParallel)
	}
	os.Exit(m.Run())
}
