package suites

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/labels"
)

// The seat service (room_engine_http_mic) is shared by the Conference and the Live API: the
// Live seat pages are copies of the Conference ones. Every seat spec runs in a room of each
// family (seat_pick_test.go, seat_change_test.go); a Live room with seats is created with the
// audio template AudioSalon and MaxSeatCount (family.seatRoom).
var _ = Describe("Seat management", labels.Area("seat"), func() {
	for _, f := range []family{conference, live} {
		Describe("in "+f.name+" rooms", labels.Family(catalog.Family(strings.ToLower(f.name))), func() {
			seatListAndPickSpecs(f)
			seatChangeSpecs(f)
		})
	}
})
