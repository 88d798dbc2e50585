package results

// FormatVersion is the version of the results.json format written by WriteJSON. It changes
// when a field is renamed, removed or changes meaning (adding a field does not):
//   - 1: documents without a "format" field (ReadJSON reads their Run.Format as 1);
//   - 2: format, suite_version, and spec IDs unique within a run (Run.Specs[].ID).
const FormatVersion = 2

// SuiteVersion is the version of the conformance suite, recorded in every run
// (Run.SuiteVersion). It is a constant rather than the module version of
// runtime/debug.ReadBuildInfo because the suite runs as a test binary (go test, ginkgo), whose
// main module version is always "(devel)". Raise it with each entry of CHANGELOG.md.
const SuiteVersion = "v0.1.0"
