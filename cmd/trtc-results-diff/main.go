// Command trtc-results-diff compares two results.json files written by the conformance suite
// (for example last week's live run and today's) and lists what changed: new failures, fixed
// cases, error codes that changed, response fields that appeared or vanished, and matrix
// cells that changed. It exits 1 when the new run is worse, so that CI can gate on it.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/trtc-conformance/trtc-conformance/results"
)

const usage = `Usage: trtc-results-diff [flags] OLD.json NEW.json

Compares two results.json files written by the TRTC conformance suite (make conformance
writes reports/results.json) and lists, each item on its own line:
  - new failures: specs that fail or error now and did not before;
  - fixed cases: specs that pass now and failed, errored or deviated before;
  - codes that changed: for the same command and case (spec), the error codes answered;
  - response fields that vanished or appeared: for the same command, case and error code,
    the JSON key paths of the answers;
  - matrix cells (command x error code) that fail now, pass now, or changed otherwise.

Specs are matched by their ID (results.json "id": the spec's full text, with its file:line
when several specs share that text). When the runs had different targets, results.json
formats or suite versions, a warning says so on stderr (and in "warnings" with -json).

Exit status: 0 when nothing got worse, 1 when something did (a new failure, a vanished
response field, a matrix cell that fails now; with -strict also a changed code, an appeared
field, a spec that passed and is skipped now, a matrix cell that passed and is not covered
or not provokable now), 2 when the usage is wrong or a file cannot be read.

Flags:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("trtc-results-diff", flag.ContinueOnError)
	flags.SetOutput(stderr)
	asJSON := flags.Bool("json", false, "write the differences as one JSON object instead of text")
	strict := flags.Bool("strict", false, "also count as worse: codes that changed, response fields that appeared, "+
		"specs skipped now that passed, matrix cells that lost their coverage")
	printUsage := func(w io.Writer) {
		fmt.Fprint(w, usage)
		flags.SetOutput(w)
		flags.PrintDefaults()
		flags.SetOutput(stderr)
	}
	flags.Usage = func() {}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(stdout)
			return 0
		}
		printUsage(stderr)
		return 2
	}
	if flags.NArg() != 2 {
		fmt.Fprintf(stderr, "trtc-results-diff: want two files, OLD.json and NEW.json; got %d arguments\n\n", flags.NArg())
		printUsage(stderr)
		return 2
	}
	old, err := readRun(flags.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "trtc-results-diff: %v\n", err)
		return 2
	}
	current, err := readRun(flags.Arg(1))
	if err != nil {
		fmt.Fprintf(stderr, "trtc-results-diff: %v\n", err)
		return 2
	}

	d := results.DiffRuns(old, current)
	for _, w := range d.Warnings {
		fmt.Fprintf(stderr, "trtc-results-diff: warning: %s\n", w)
	}
	if *asJSON { // the warnings are in the diff too ("warnings")
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		out := struct {
			Old   string          `json:"old"`
			New   string          `json:"new"`
			Worse bool            `json:"worse"`
			Diff  results.RunDiff `json:"diff"`
		}{flags.Arg(0), flags.Arg(1), d.Worse(*strict), d}
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "trtc-results-diff: write JSON: %v\n", err)
			return 2
		}
	} else {
		fmt.Fprintf(stdout, "old: %s\nnew: %s\n", describe(flags.Arg(0), old), describe(flags.Arg(1), current))
		if err := results.WriteDiff(stdout, d, *strict); err != nil {
			fmt.Fprintf(stderr, "trtc-results-diff: %v\n", err)
			return 2
		}
	}
	if d.Worse(*strict) {
		return 1
	}
	return 0
}

// readRun reads one results.json file.
func readRun(path string) (*results.Run, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read results: %w", err)
	}
	defer f.Close()
	r, err := results.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("read results %s: %w", path, err)
	}
	return r, nil
}

// describe is one line about a run: file, target, start time and counts.
func describe(path string, r *results.Run) string {
	started := "unknown start"
	if !r.Started.IsZero() {
		started = r.Started.UTC().Format("2006-01-02 15:04:05Z")
	}
	version := r.SuiteVersion
	if version == "" {
		version = "suite version unknown"
	}
	return fmt.Sprintf("%s (%s %s, %s, %s, format %d): %s", path, r.Target.Kind, r.Target.Endpoint, started, version, r.Format,
		results.CountsLine(r.Counts()))
}
