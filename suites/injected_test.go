package suites

import (
	"fmt"
	"sort"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
)

// onlyInjectable lists, per command, the documented codes whose cause an administrator's
// request cannot produce, or whose cause the pages leave open (docs/errata.md E-11): an
// internal error, permissions an administrator always has, a missing package.
var onlyInjectable = map[string][]int{
	"room_engine_http_srv/create_room":            {catalog.CodeInternal, catalog.CodeNoPackage},
	"room_engine_http_srv/destroy_room":           {catalog.CodeInternal, catalog.CodeNoPermission},
	"room_engine_http_srv/update_room_info":       {catalog.CodeInternal, catalog.CodeNotMember, catalog.CodeNoPermission},
	"room_engine_http_srv/get_room_info":          {catalog.CodeInternal, catalog.CodeNotMember, catalog.CodeNoPermission},
	"room_engine_http_srv/get_room_member_list":   {catalog.CodeInternal},
	"room_engine_http_srv/change_room_owner":      {catalog.CodeInternal},
	"room_engine_http_srv/mark_room_member":       {catalog.CodeInternal},
	"room_engine_http_srv/ban_room_member":        {catalog.CodeInternal, catalog.CodeNoPermission},
	"room_engine_http_srv/unban_room_member":      {catalog.CodeInternal, catalog.CodeNotMember, catalog.CodeNoPermission},
	"room_engine_http_srv/get_banned_member_list": {catalog.CodeInternal},
	"room_engine_http_srv/kick_user_out":          {catalog.CodeInternal, catalog.CodeNoPermission},
	"room_engine_http_mic/get_seat_list":          {catalog.CodeInternal},
	"room_engine_http_mic/pick_user_on_seat":      {catalog.CodeInternal},
	"room_engine_http_mic/kick_user_off_seat":     {catalog.CodeInternal},
	"room_engine_http_mic/lock_seat":              {catalog.CodeInternal},
	"room_engine_http_mic/switch_seat":            {catalog.CodeInternal},
	"room_engine_http_mic/move_user_to_seat":      {catalog.CodeInternal},
	"room_config/get_callback":                    {catalog.CodeInternal},
	"room_config/set_callback":                    {catalog.CodeInternal},
	"room_config/update_callback":                 {catalog.CodeInternal},
	"room_config/delete_callback":                 {catalog.CodeInternal},
}

// Forced answers must still be well-formed failure envelopes of their command, marked as
// injected, and a fault must not outlive its count.
var _ = DescribeTable("answers an injected documented code with a well-formed failure envelope",
	Serial, labels.NeedsControlPlane(),
	func(ctx SpecContext, service, command string, code int) {
		Expect(catalog.MustLookup(service, command).Documents(code)).To(BeTrue(), "only documented codes are injected")
		Expect(session.Control.InjectFault(ctx, control.Fault{Service: service, Command: command, ErrorCode: code, Count: 1})).To(Succeed())
		DeferCleanup(func() { Expect(session.Control.ClearFaults(background())).To(Succeed()) })

		resp := send(ctx, client.Request{Service: service, Command: command, Body: []byte(`{"RoomId":"` + newRoomID() + `"}`)})
		Expect(resp).To(HaveErrorCode(code))
		Expect(resp.Injected).To(BeTrue(), "the answer does not carry the fault marker")
		Expect(resp).To(MatchSchema(service + "/" + command + ".response"))
		Expect(session.Control.ArmedFaults(ctx)).To(BeEmpty(), "the fault outlived its count")
	},
	injectedEntries(),
)

func injectedEntries() []TableEntry {
	keys := make([]string, 0, len(onlyInjectable))
	for key := range onlyInjectable {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	var entries []TableEntry
	for _, key := range keys {
		service, command, _ := strings.Cut(key, "/")
		for _, code := range onlyInjectable[key] {
			entries = append(entries, Entry(fmt.Sprintf("%s answering %s", command, catalog.Describe(code)),
				labels.Command(service, command), labels.Code(code), service, command, code))
		}
	}
	return entries
}
