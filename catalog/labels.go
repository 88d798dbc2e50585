package catalog

// The label vocabulary, defined once: package labels turns these into Ginkgo labels for the
// specs, and the results model reads them back to build the matrix. Ginkgo labels cannot hold
// '/', so a command's service is a label of its own.
const (
	LabelAreaPrefix    = "area:"   // area:<room|member|seat|callback|live|account|gateway>
	LabelFamilyPrefix  = "family:" // family:<conference|live|config|account>
	LabelServicePrefix = "svc:"    // svc:<service>
	LabelCommandPrefix = "cmd:"    // cmd:<command>
	LabelCodePrefix    = "code:"   // code:<error code>
	LabelNeedsPrefix   = "needs:"  // needs:<what the spec needs of the target>
	LabelRulePrefix    = "rule:"   // rule:<Rule.ID>, a rule of the RESTful API overview (rules.go)

	// LabelNeedsControlPlane marks specs that drive an emulator's control plane (reset, clock,
	// fault injection, users entering rooms); skipped, with the reason, on targets without one.
	LabelNeedsControlPlane = LabelNeedsPrefix + "control-plane"
	// LabelNeedsCallbacks marks specs that wait for callbacks; skipped, with the reason, when
	// the target cannot reach the suite's receiver.
	LabelNeedsCallbacks = LabelNeedsPrefix + "callback-receiver"
	// LabelEmulatorOnly marks specs that would change state on the live service that cannot be
	// undone (deleting accounts, which the vendor keeps from being re-imported for months).
	LabelEmulatorOnly = "target:emulator-only"
)

// The labels of the generated specs (suites/generated_test.go, suites/property_test.go):
// boundary cases derived from the request schemas, and stateful property tests.
const (
	LabelGeneratedPrefix   = "gen:"
	LabelGeneratedSchema   = LabelGeneratedPrefix + "schema"
	LabelGeneratedProperty = LabelGeneratedPrefix + "property"
)
