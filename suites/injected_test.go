package suites

import (
	"fmt"
	"sort"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
)

// onlyInjectable lists, per command, the documented codes whose cause an administrator's
// request cannot produce, or whose cause the pages leave open (docs/errata.md E-11): an
// internal error, permissions an administrator always has, a missing package.
var onlyInjectable = map[string][]int{
	"create_room":            {catalog.CodeInternal, catalog.CodeNoPackage},
	"destroy_room":           {catalog.CodeInternal, catalog.CodeNoPermission},
	"update_room_info":       {catalog.CodeInternal, catalog.CodeNotMember, catalog.CodeNoPermission},
	"get_room_info":          {catalog.CodeInternal, catalog.CodeNotMember, catalog.CodeNoPermission},
	"get_room_member_list":   {catalog.CodeInternal},
	"change_room_owner":      {catalog.CodeInternal},
	"mark_room_member":       {catalog.CodeInternal},
	"ban_room_member":        {catalog.CodeInternal, catalog.CodeNoPermission},
	"unban_room_member":      {catalog.CodeInternal, catalog.CodeNotMember, catalog.CodeNoPermission},
	"get_banned_member_list": {catalog.CodeInternal},
	"kick_user_out":          {catalog.CodeInternal, catalog.CodeNoPermission},
}

// Forced answers must still be well-formed failure envelopes of their command, marked as
// injected, and a fault must not outlive its count.
var _ = DescribeTable("answers an injected documented code with a well-formed failure envelope",
	Serial, labels.NeedsControlPlane(),
	func(ctx SpecContext, command string, code int) {
		Expect(catalog.MustLookup(catalog.ServiceRoom, command).Documents(code)).To(BeTrue(), "only documented codes are injected")
		Expect(session.Control.InjectFault(ctx, control.Fault{Service: catalog.ServiceRoom, Command: command, ErrorCode: code, Count: 1})).To(Succeed())
		DeferCleanup(func() { Expect(session.Control.ClearFaults(background())).To(Succeed()) })

		resp := raw(ctx, command, `{"RoomId":"`+newRoomID()+`"}`)
		Expect(resp).To(HaveErrorCode(code))
		Expect(resp.Injected).To(BeTrue(), "the answer does not carry the fault marker")
		Expect(resp).To(MatchSchema(catalog.ServiceRoom + "/" + command + ".response"))
		Expect(session.Control.ArmedFaults(ctx)).To(BeEmpty(), "the fault outlived its count")
	},
	injectedEntries(),
)

func injectedEntries() []TableEntry {
	commands := make([]string, 0, len(onlyInjectable))
	for command := range onlyInjectable {
		commands = append(commands, command)
	}
	sort.Strings(commands)
	var entries []TableEntry
	for _, command := range commands {
		for _, code := range onlyInjectable[command] {
			entries = append(entries, Entry(fmt.Sprintf("%s answering %s", command, catalog.Describe(code)),
				labels.Command(catalog.ServiceRoom, command), labels.Code(code), command, code))
		}
	}
	return entries
}
