# Two commands do all the set-up on a fresh machine:
#   make conformance   the conformance suite on the embedded emulator; reports in reports/
#   make test          every test of the project (-race but for the self-test), lint and a fuzz smoke
SHELL := /bin/bash
GO ?= go
NPM ?= npm
INTEROP := usersig/testdata/interop
# Extra flags for Ginkgo, e.g. GINKGO_FLAGS="-p" or GINKGO_FLAGS="--label-filter=cmd:create_room".
GINKGO_FLAGS ?=

.PHONY: conformance test test-race test-selftest deps go-deps node-deps vet lint fmt-check emulator build binary clean help fuzz-smoke bench soak

help:
	@echo "make conformance   run the conformance suite (embedded emulator unless TRTC_ENDPOINT is set); reports in reports/"
	@echo "make test          run every test, -race but for the self-test, lint and a fuzz smoke (installs Go modules and the Node interop package)"
	@echo "make emulator      build and run trtc-emulator on 127.0.0.1:9080 (EMULATOR_ADDR=host:port)"
	@echo "make build         build bin/trtc-emulator"
	@echo "make binary        build bin/trtc-conformance: the suite as one binary that runs anywhere (trtc-conformance --help)"
	@echo "make bench         emulator throughput against a bare net/http handler, per-call costs, suite wall time"
	@echo "make soak          thousands of stalled connections on loopback while a normal client calls (about 30 s)"
	@echo "make results-diff OLD=a/results.json NEW=b/results.json   list what changed between two runs; fails when NEW is worse"

# Colours only on a terminal: a log file or a CI console gets plain text. The test runs in the
# recipe's own shell ($(shell ...) and $$(...) would see a pipe, never the terminal).
# The suite runs in suites/: TRTC_CALLER_DIR makes relative TRTC_REPORTS_DIR and
# TRTC_KNOWN_DEVIATIONS mean this directory, where they were typed.
# The specs run in CONFORMANCE_PROCS processes (TRTC_PROCS, when set, wins): the suite waits on
# its target far more than it computes. On a target the processes share, they keep to each
# command's frequency limit together.
CONFORMANCE_PROCS ?= 8
conformance: go-deps
	if test -t 1; then color=; else color=--no-color; fi; TRTC_PROCS=$${TRTC_PROCS:-$(CONFORMANCE_PROCS)} TRTC_CALLER_DIR=$(CURDIR) $(GO) tool ginkgo $$color $(GINKGO_FLAGS) ./suites

# Three jobs at once, since two of them mostly wait: the packages under -race (the suite in
# TRTC_PROCS processes), the self-test, and the fuzz smoke. The self-test runs without -race:
# what it checks is the suite's verdicts against emulators that break a promise, and the
# emulator code those run is race-checked by ./emulator and by ./suites, whose embedded
# emulators run under -race; instrumented, the self-test's emulators and proxies cost
# about twice its CPU time on 2 cores.
test: deps vet lint fmt-check
	$(MAKE) --no-print-directory -j3 -Oline test-race test-selftest fuzz-smoke

TEST_PROCS ?= 8
test-race:
	TRTC_PROCS=$(TEST_PROCS) $(GO) test -race -count=1 -timeout 30m $$($(GO) list ./... | grep -v '/selftest$$')

test-selftest:
	$(GO) test -count=1 -timeout 30m ./selftest

# Every fuzz target of the tree for FUZZTIME each (scripts/fuzz-smoke.sh). Longer runs:
# make fuzz-smoke FUZZTIME=10m FUZZ_PARALLEL=2 (one worker by default: it runs beside the tests).
FUZZTIME ?= 5s
FUZZ_PARALLEL ?= 1
fuzz-smoke:
	GO=$(GO) FUZZTIME=$(FUZZTIME) FUZZ_PARALLEL=$(FUZZ_PARALLEL) scripts/fuzz-smoke.sh

# The emulator against a bare net/http handler, per-call costs, and the suite's wall time
# serial and parallel (scripts/bench.sh; prints numbers and ratios, never fails on one).
bench: go-deps
	scripts/bench.sh

# Thousands of stalled connections held against bin/trtc-emulator on 127.0.0.1 while a normal
# client calls it (cmd/trtc-soak): prints the client's p50/p99 and the emulator's peak memory
# and descriptors; fails when p99 is over 100 ms. Stops by itself (SOAK_FLAGS="-duration 10s").
SOAK_FLAGS ?=
soak: build
	$(GO) run ./cmd/trtc-soak -emulator bin/trtc-emulator $(SOAK_FLAGS)

deps: go-deps node-deps

go-deps:
	$(GO) mod download

# The UserSig interop test runs the vendor's official Node.js package; npm ci installs exactly
# the locked version.
node-deps:
	$(NPM) ci --prefix $(INTEROP) --no-audit --no-fund

vet:
	$(GO) vet ./...

# staticcheck is a tool dependency of go.mod: the module proxy serves it, nothing is installed
# by hand. go mod tidy -diff keeps go.mod and go.sum exactly what the code needs.
# actionlint (also a tool dependency) checks the workflows, the example ones of docs/examples
# included, and through their `uses: ./` the inputs they pass to action.yml.
lint:
	$(GO) tool staticcheck ./...
	$(GO) tool actionlint .github/workflows/*.yml docs/examples/*.yml
	$(GO) mod tidy -diff

fmt-check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi

# exec, not go run: the emulator replaces the recipe's shell, so killing make (make emulator &,
# then kill %1) stops the emulator too instead of leaving it orphaned under a go run parent.
EMULATOR_ADDR ?= 127.0.0.1:9080
emulator: build
	exec bin/trtc-emulator -addr $(EMULATOR_ADDR)

build:
	$(GO) build -o bin/trtc-emulator ./cmd/trtc-emulator

# The specs live in _test.go files, so the suite's binary is its test binary; its TestMain
# gives it a command line of its own (trtc-conformance --help) and it needs no source tree.
# CGO_ENABLED=0: a static binary, runnable on any Linux of the architecture (no libc needed).
binary:
	CGO_ENABLED=0 $(GO) test -c -o bin/trtc-conformance ./suites

clean:
	rm -rf bin reports/*.xml reports/*.json reports/*.html reports/.parts

# Compare two runs' results.json (README, "Reports"); exits 1 when NEW is worse than OLD.
.PHONY: results-diff
results-diff:
	@test -n "$(OLD)" -a -n "$(NEW)" || { echo "usage: make results-diff OLD=old/results.json NEW=new/results.json"; exit 2; }
	$(GO) run ./cmd/trtc-results-diff $(OLD) $(NEW)
