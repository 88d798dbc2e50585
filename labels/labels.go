// Package labels builds the Ginkgo labels of the conformance specs, so that no label is typed
// by hand and users can filter runs: by area (`area:room`), command (`cmd:create_room`),
// service (`svc:room_engine_http_srv`), error code (`code:100004`) and by what a spec needs
// from its target (`needs:control-plane`, `target:emulator-only`). Ginkgo labels cannot hold '/', so a command's
// service is a label of its own.
package labels

import (
	"strconv"

	"github.com/onsi/ginkgo/v2"
)

// NeedsControlPlaneLabel marks specs that drive the emulator's control plane (reset, clock,
// fault injection, users entering rooms). They are skipped, with the reason, on targets
// without one, such as the live service.
const NeedsControlPlaneLabel = "needs:control-plane"

// EmulatorOnlyLabel marks specs that would change state on the live service that cannot be
// undone (for instance deleting accounts, which the vendor keeps from being re-imported for
// three months). They run on the embedded emulator and on any emulator given by URL.
const EmulatorOnlyLabel = "target:emulator-only"

// NeedsCallbacksLabel marks specs that wait for callbacks; they are skipped, with the reason,
// when the target cannot reach the suite's receiver (the live service without
// TRTC_CALLBACK_URL).
const NeedsCallbacksLabel = "needs:callback-receiver"

// Area labels the specs of one API area: room, member, seat, callback, live, account, gateway.
func Area(area string) ginkgo.Labels { return ginkgo.Label("area:" + area) }

// Command labels specs that exercise one command of one service.
func Command(service, command string) ginkgo.Labels {
	return ginkgo.Label("svc:"+service, "cmd:"+command)
}

// Code labels specs that provoke and assert one or more error codes.
func Code(codes ...int) ginkgo.Labels {
	out := make(ginkgo.Labels, 0, len(codes))
	for _, code := range codes {
		out = append(out, "code:"+strconv.Itoa(code))
	}
	return out
}

// NeedsControlPlane labels specs that need the control plane.
func NeedsControlPlane() ginkgo.Labels { return ginkgo.Label(NeedsControlPlaneLabel) }

// Has reports whether labels contains label.
func Has(labels []string, label string) bool {
	for _, l := range labels {
		if l == label {
			return true
		}
	}
	return false
}

// EmulatorOnly labels specs that must not run against the live service.
func EmulatorOnly() ginkgo.Labels { return ginkgo.Label(EmulatorOnlyLabel) }

// NeedsCallbacks labels specs that wait for callbacks from the target.
func NeedsCallbacks() ginkgo.Labels { return ginkgo.Label(NeedsCallbacksLabel) }
