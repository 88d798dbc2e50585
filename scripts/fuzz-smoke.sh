#!/usr/bin/env bash
# make fuzz-smoke: every fuzz target of the tree (func Fuzz... in a _test.go file) for FUZZTIME
# each (default 5s); go test fuzzes one target per run.
#
# Go 1.26's fuzz coordinator can end a duration-bounded run with "context deadline exceeded"
# and no failing input, when the machine is busy at the moment -fuzztime expires
# (https://go.dev/issue/75804, fixed in Go 1.27). Such a run is started once more; a run that
# writes a failing input under testdata/fuzz, or fails in any other way, fails the smoke.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
FUZZTIME=${FUZZTIME:-5s}
# One fuzzing worker by default: make test runs the smoke beside the tests on a 2-core machine,
# where more workers only take the cores from the tests. FUZZ_PARALLEL=N for a longer run alone.
FUZZ_PARALLEL=${FUZZ_PARALLEL:-1}

fuzz_once() { # fuzz_once DIR NAME LOG: one run; the exit status of go test
	$GO test -run '^$' -fuzz "^$2\$" -fuzztime "$FUZZTIME" -parallel "$FUZZ_PARALLEL" "$1" >"$3" 2>&1
}

inputs() { # inputs DIR NAME: the failing inputs go test has written for the target
	if [ -d "$1/testdata/fuzz/$2" ]; then find "$1/testdata/fuzz/$2" -type f | sort; fi
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dirs=$(grep -rl --include='*_test.go' --exclude-dir=testdata --exclude-dir=node_modules '^func Fuzz' . | xargs -n1 dirname | sort -u)
for dir in $dirs; do
	for name in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go | sed 's/^func //'); do
		echo "fuzz $dir $name for $FUZZTIME"
		before=$(inputs "$dir" "$name")
		for attempt in 1 2; do
			if fuzz_once "$dir" "$name" "$log"; then
				grep -v '^fuzz: elapsed' "$log" | tail -n 1
				break
			fi
			if [ "$attempt" = 1 ] && [ "$(inputs "$dir" "$name")" = "$before" ] &&
				grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log"; then
				echo "  the Go fuzz coordinator stopped with 'context deadline exceeded' and no failing input (go.dev/issue/75804): once more"
				continue
			fi
			grep -v '^fuzz: elapsed' "$log" >&2
			exit 1
		done
	done
done
