// Package labels builds the Ginkgo labels of the conformance specs from the vocabulary that
// package catalog defines once, so that no label is typed by hand and users can filter runs:
// by family (`family:live`), area (`area:room`), command (`cmd:create_room`), service
// (`svc:room_engine_http_srv`), error code (`code:100004`), overview rule (`rule:R-method-post`) and by what a spec needs from its
// target (`needs:control-plane`, `target:emulator-only`).
package labels

import (
	"slices"
	"strconv"

	"github.com/onsi/ginkgo/v2"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// Area labels the specs of one API area: room, member, seat, callback, live, account, gateway.
func Area(area string) ginkgo.Labels { return ginkgo.Label(catalog.LabelAreaPrefix + area) }

// Family labels the specs of one family (Conference, Live, callback configuration, accounts).
func Family(f catalog.Family) ginkgo.Labels {
	return ginkgo.Label(catalog.LabelFamilyPrefix + string(f))
}

// Command labels specs that exercise one command of one service, and its family when the
// catalog documents the command.
func Command(service, command string) ginkgo.Labels {
	out := ginkgo.Label(catalog.LabelServicePrefix+service, catalog.LabelCommandPrefix+command)
	if c, ok := catalog.Lookup(service, command); ok {
		out = append(out, catalog.LabelFamilyPrefix+string(c.Family))
	}
	return out
}

// Code labels specs that provoke and assert one or more error codes.
func Code(codes ...int) ginkgo.Labels {
	out := make(ginkgo.Labels, 0, len(codes))
	for _, code := range codes {
		out = append(out, catalog.LabelCodePrefix+strconv.Itoa(code))
	}
	return out
}

// Rule labels specs asserting rules of the RESTful API overview (catalog.Rules). An ID the
// catalog does not define panics, so that a typo fails the suite as it is built.
func Rule(ids ...string) ginkgo.Labels {
	out := make(ginkgo.Labels, 0, len(ids))
	for _, id := range ids {
		if _, ok := catalog.LookupRule(id); !ok {
			panic("labels.Rule: no overview rule " + strconv.Quote(id) + " in catalog.Rules")
		}
		out = append(out, catalog.LabelRulePrefix+id)
	}
	return out
}

// NeedsControlPlane labels specs that need the control plane.
func NeedsControlPlane() ginkgo.Labels { return ginkgo.Label(catalog.LabelNeedsControlPlane) }

// EmulatorOnly labels specs that must not run against the live service.
func EmulatorOnly() ginkgo.Labels { return ginkgo.Label(catalog.LabelEmulatorOnly) }

// NeedsCallbacks labels specs that wait for callbacks from the target.
func NeedsCallbacks() ginkgo.Labels { return ginkgo.Label(catalog.LabelNeedsCallbacks) }

// Has reports whether labels contains label.
func Has(labels []string, label string) bool { return slices.Contains(labels, label) }

// Generated labels the boundary cases derived mechanically from the request schemas
// (package generate): `--label-filter=gen:schema` runs them, `!gen:schema` leaves them out.
func Generated() ginkgo.Labels { return ginkgo.Label(catalog.LabelGeneratedSchema) }

// Property labels the stateful property tests (random sequences of documented commands).
func Property() ginkgo.Labels { return ginkgo.Label(catalog.LabelGeneratedProperty) }
