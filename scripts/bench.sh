#!/usr/bin/env bash
# make bench: how fast the emulator is against the physical limit, and what the client and the
# schemas cost. It prints numbers and ratios and never fails on a number: speed depends on the
# machine, so targets are for people to read (the README lists them with the machine measured),
# not for CI to flake on. It fails only when a benchmark or the suite itself fails.
#
#   BENCH_CALLS   calls to each server per throughput run (default 100000)
#   BENCH_COUNT   throughput runs; the median is reported (default 3)
#   SUITE_RUNS    runs of the suite per mode; the median is reported (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
BENCH_CALLS=${BENCH_CALLS:-100000}
BENCH_COUNT=${BENCH_COUNT:-3}
SUITE_RUNS=${SUITE_RUNS:-3}
DOCUMENTED_QPS=200 # the per-command limit every Conference page documents

median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# metric NAME: the values of one ReportMetric unit from go test -bench output on stdin.
metric() { awk -v unit="$1" '/^Benchmark/ {for (i = 3; i < NF; i++) if ($(i + 1) == unit) print $i}'; }

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || true)
echo "machine: $(nproc) cores${cpu:+, $cpu}, $($GO version | cut -d' ' -f3-), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo

echo "== get_room_info: emulator against a bare net/http handler (loopback, keep-alive, 8 concurrent clients)"
out=$($GO test -run '^$' -bench '^BenchmarkGetRoomInfoVsBare$' -benchtime "${BENCH_CALLS}x" -count "$BENCH_COUNT" ./emulator)
echo "$out" | grep '^Benchmark'
emu=$(echo "$out" | metric emulator-calls/s | median)
bare=$(echo "$out" | metric bare-calls/s | median)
ratio=$(echo "$out" | metric ratio | median)
awk -v emu="$emu" -v bare="$bare" -v ratio="$ratio" -v qps="$DOCUMENTED_QPS" 'BEGIN {
	printf "emulator %.0f calls/s, bare handler %.0f calls/s (medians of the runs)\n", emu, bare
	printf "ratio emulator/bare: %.2f (target >= 0.60)\n", ratio
	printf "emulator / documented %d calls/s: %.0fx (target >= 100x)\n", qps, emu / qps
}'
echo

echo "== per-call costs (ns/op on one machine; B/op and allocs/op)"
$GO test -run '^$' -bench 'ServeGetRoomInfo' -benchmem ./emulator | grep '^Benchmark'
$GO test -run '^$' -bench 'Verify|Verifier|Generate' -benchmem ./usersig | grep '^Benchmark'
validate=$($GO test -run '^$' -bench 'Validate' -benchmem ./schemas)
echo "$validate" | grep '^Benchmark'
echo "$validate" | grep '^BenchmarkValidateAnswer-' | metric docs/s | median |
	awk '{printf "answers the suite validates, one goroutine: %.0f/s (target >= 10000)\n", $1}'
$GO test -run '^$' -bench . -benchmem ./client | grep '^Benchmark'
echo

echo "== conformance suite wall time on the embedded emulator (median of $SUITE_RUNS runs each)"
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
suite() { # suite FLAGS...: prints the wall time in seconds of one run
	local start end
	start=$(date +%s.%N)
	if ! env -u TRTC_ENDPOINT -u TRTC_CONTROL_URL TRTC_PROCS="${PROCS:-1}" TRTC_REPORTS_DIR="$reports" $GO tool ginkgo --no-color "$@" ./suites >"$reports/out.txt" 2>&1; then
		cat "$reports/out.txt" >&2
		echo "the suite failed" >&2
		return 1
	fi
	end=$(date +%s.%N)
	awk -v s="$start" -v e="$end" 'BEGIN {printf "%.2f\n", e - s}'
}
suite >/dev/null # build once, so that neither mode pays for compiling
serial=$(for _ in $(seq "$SUITE_RUNS"); do suite; done | median)
parallel=$(for _ in $(seq "$SUITE_RUNS"); do suite -p; done | median)
procs=$(for _ in $(seq "$SUITE_RUNS"); do PROCS=8 suite; done | median)
awk -v s="$serial" -v p="$parallel" -v q="$procs" 'BEGIN {
	printf "serial   (go tool ginkgo ./suites):    %.2f s\n", s
	printf "parallel (go tool ginkgo -p ./suites): %.2f s\n", p
	printf "8 processes (TRTC_PROCS=8, make conformance): %.2f s\n", q
	printf "serial/parallel: %.2f; serial/8 processes: %.2f\n", s / p, s / q
}'
