package suites

import (
	"fmt"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
)

// Documented codes whose cause an administrator's request cannot produce, or whose cause the
// pages leave open (catalog.Command.InjectOnly; docs/errata.md E-11, docs/errata-live.md L-15),
// are forced through fault injection where there is a control plane. Forced answers must still
// be well-formed failure envelopes of their command, marked as injected, and a fault must not
// outlive its count. The entries run in the order injectedEntries gives (Ordered; a failure
// does not stop the others).
var _ = DescribeTable("answers an injected documented code with a well-formed failure envelope",
	serialWhereShared, Ordered, ContinueOnFailure, labels.NeedsControlPlane(),
	func(ctx SpecContext, service, command string, code int) {
		Expect(catalog.MustLookup(service, command).Documents(code)).To(BeTrue(), "only documented codes are injected")
		Expect(session.Control.InjectFault(ctx, control.Fault{Service: service, Command: command, ErrorCode: code, Count: 1})).To(Succeed())
		DeferCleanup(func() { Expect(session.Control.ClearFaults(background())).To(Succeed()) })

		resp := send(ctx, client.Request{Service: service, Command: command, Body: []byte(`{"RoomId":"` + newRoomID() + `"}`)})
		Expect(resp).To(BeDocumentedAnswer(code))
		Expect(resp.Injected).To(BeTrue(), "the answer does not carry the fault marker")
		Expect(session.Control.ArmedFaults(ctx)).To(BeEmpty(), "the fault outlived its count")
	},
	injectedEntries(),
)

// injectedEntries are the entries in rounds: every command's first inject-only code, then every
// command's second, and so on, so that two calls of one command are never next to each other:
// a command limited to one call a second (the gift catalogue) would make the suite wait a
// second between them.
func injectedEntries() []TableEntry {
	var entries []TableEntry
	for round := 0; ; round++ {
		added := false
		for _, c := range catalog.Commands() {
			if round >= len(c.InjectOnly) {
				continue
			}
			added = true
			code := c.InjectOnly[round]
			prefix := ""
			switch {
			case c.Family == catalog.FamilyLive:
				prefix = "Live "
			case c.Service == catalog.ServiceLiveConfig:
				prefix = "Live webhooks " // the same command names as room_config's
			}
			entries = append(entries, Entry(fmt.Sprintf("%s%s answering %s", prefix, c.Name, catalog.Describe(code)),
				labels.Command(c.Service, c.Name), labels.Code(code), c.Service, c.Name, code))
		}
		if !added {
			return entries
		}
	}
}
