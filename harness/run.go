package harness

import (
	"maps"
	"slices"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/results"
)

// BuildRun assembles the suite's run from Ginkgo's report and the parts the processes wrote
// (ReadParts): the traffic comes from the parts; the spec outcomes and the error-code
// assertions come from the spec reports, where the specs recorded them as report entries.
// Each assertion joins the part of the process that ran its spec, so that it still refers
// to its exchange once Merge renumbers the exchanges.
func BuildRun(report types.Report, parts map[int]*results.Run) (*results.Run, error) {
	assertions, err := assertionsByProcess(report)
	if err != nil {
		return nil, err
	}
	processes := slices.Sorted(maps.Keys(parts))
	for process := range assertions {
		if _, ok := parts[process]; !ok {
			processes = append(processes, process) // it recorded, but wrote no part
		}
	}
	slices.Sort(processes)
	ordered := make([]*results.Run, 0, len(processes))
	for _, process := range processes {
		part := &results.Run{}
		if parts[process] != nil {
			*part = *parts[process]
		}
		part.Assertions = append(slices.Clip(part.Assertions), assertions[process]...)
		ordered = append(ordered, part)
	}
	run := results.Merge(ordered...)
	run.Suite = report.SuiteDescription
	run.SuiteVersion = results.SuiteVersion
	run.Specs = SpecResults(report)
	// The recorder tagged each exchange with its spec's SpecTag: the results refer to spec IDs.
	ids, idOfTag := newSpecIDs(report), map[string]string{}
	for _, spec := range report.SpecReports {
		if spec.LeafNodeType == types.NodeTypeIt {
			idOfTag[SpecTag(spec)] = ids.of(spec)
		}
	}
	for i, e := range run.Exchanges {
		if id, ok := idOfTag[e.SpecID]; ok {
			run.Exchanges[i].SpecID = id
		}
	}
	run.Started, run.Finished = report.StartTime, report.EndTime
	if run.Interrupted == "" && slices.ContainsFunc(run.Specs, func(s results.SpecResult) bool { return s.Reason == results.ReasonNotRunTargetSilent }) {
		run.Interrupted = "the target went silent" // the part that said more is missing
	}
	return run, nil
}

// assertionsByProcess collects the error-code assertions that matchers.HaveErrorCode
// recorded on the spec reports, in the order each process recorded them, tagged with their
// spec: the ID of an It (specIDs), "" for the suite's set-up and tear-down.
func assertionsByProcess(report types.Report) (map[int][]results.Assertion, error) {
	out := map[int][]results.Assertion{}
	ids := newSpecIDs(report)
	for _, spec := range report.SpecReports {
		specID := ""
		if spec.LeafNodeType == types.NodeTypeIt {
			specID = ids.of(spec)
		}
		for _, entry := range spec.ReportEntries {
			if entry.Name != matchers.AssertionEntryName {
				continue
			}
			a, err := entryValue[results.Assertion](entry)
			if err != nil {
				return nil, &EntryError{Name: entry.Name, Spec: specName(spec), Err: err}
			}
			a.SpecID = specID
			out[spec.ParallelProcess] = append(out[spec.ParallelProcess], a)
		}
	}
	return out, nil
}
