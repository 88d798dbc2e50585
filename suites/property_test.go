package suites

import (
	"flag"
	"fmt"
	"os"

	. "github.com/onsi/ginkgo/v2"
	"pgregory.net/rapid"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/labels"
	"github.com/trtc-conformance/trtc-conformance/property"
)

// The property tests' budget on the embedded emulator: propertyChecks sequences of about
// propertySteps steps each, drawn from propertySeed. RAPID_CHECKS, RAPID_STEPS and RAPID_SEED
// (or -rapid.checks, -rapid.steps, -rapid.seed) override them; a failure names the seed and
// the replayable calls of the shrunk sequence.
const (
	propertyChecks = "60"
	propertySteps  = "25"
	propertySeed   = "20261206"
)

// rapidSettings applies the suite's budget where the user set none, and returns the seed.
func rapidSettings() string {
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for name, value := range map[string]string{"rapid.checks": propertyChecks, "rapid.steps": propertySteps, "rapid.seed": propertySeed, "rapid.nofailfile": "true"} {
		env := map[string]string{"rapid.checks": "RAPID_CHECKS", "rapid.steps": "RAPID_STEPS", "rapid.seed": "RAPID_SEED", "rapid.nofailfile": "RAPID_NOFAILFILE"}[name]
		if _, fromEnv := os.LookupEnv(env); !set[name] && !fromEnv && flag.Lookup(name) != nil {
			_ = flag.Set(name, value)
		}
	}
	if f := flag.Lookup("rapid.seed"); f != nil {
		return f.Value.String()
	}
	return "?"
}

// rapidTB is GinkgoT for rapid, which attaches the replayable script of the failing sequence
// as a report entry before failing the spec.
type rapidTB struct {
	FullGinkgoTInterface
	seed   string
	script *property.Script
}

func (t rapidTB) attach() {
	AddReportEntry("property failure: replay", fmt.Sprintf("first seed %s; rapid's message names the seed of the failing sequence (RAPID_SEED=<it> RAPID_CHECKS=1 reruns it alone); calls of the shrunk sequence, in order:\n%s", t.seed, t.script))
}

func (t rapidTB) Fatalf(format string, args ...any) {
	t.attach()
	t.FullGinkgoTInterface.Fatalf(format, args...)
}
func (t rapidTB) Fatal(args ...any) { t.attach(); t.FullGinkgoTInterface.Fatal(args...) }
func (t rapidTB) Errorf(format string, args ...any) {
	t.attach()
	t.FullGinkgoTInterface.Errorf(format, args...)
}
func (t rapidTB) Error(args ...any) { t.attach(); t.FullGinkgoTInterface.Error(args...) }

var _ = Describe("Stateful properties (random command sequences)", labels.Property(), labels.NeedsControlPlane(), func() {
	It("keeps a Conference room's invariants through enter, leave, ban, unban, kick, change owner, pick, kick off seat and update; destroyed, it answers 100004 to every room command",
		labels.Command(catalog.ServiceRoom, "update_room_info"), labels.Command(catalog.ServiceRoom, "get_room_member_list"),
		labels.Command(catalog.ServiceRoom, "ban_room_member"), labels.Command(catalog.ServiceRoom, "kick_user_out"),
		labels.Command(catalog.ServiceRoom, "change_room_owner"), labels.Command(catalog.ServiceSeat, "pick_user_on_seat"),
		labels.Command(catalog.ServiceSeat, "kick_user_off_seat"), labels.Command(catalog.ServiceRoom, "destroy_room"),
		labels.Code(0, catalog.CodeRoomNotFound),
		func(ctx SpecContext) {
			if session.Control == nil {
				Skip("members enter and leave through the control plane, which this target does not have (TRTC_CONTROL_URL)")
			}
			script := &property.Script{}
			seed := rapidSettings()
			env := property.Env{Client: session.Client, Control: session.Control, NewRoomID: newRoomID,
				Owner: ownerA, Accounts: []string{ownerB, member1, member2}, Script: script}
			rapid.Check(rapidTB{GinkgoT(), seed, script}, property.ConferenceRoom(ctx, env))
		})

	It("keeps a Live room's invariants through enter, leave, ban, unban, change owner and update; dissolved, it answers 100004 to every room command",
		labels.Command(catalog.ServiceLive, "update_room_info"), labels.Command(catalog.ServiceLive, "get_member_list"),
		labels.Command(catalog.ServiceLive, "ban_member"), labels.Command(catalog.ServiceLive, "unban_member"),
		labels.Command(catalog.ServiceLive, "change_room_owner"), labels.Command(catalog.ServiceLive, "destroy_room"),
		labels.Code(0, catalog.CodeRoomNotFound),
		func(ctx SpecContext) {
			if session.Control == nil {
				Skip("members enter and leave through the control plane, which this target does not have (TRTC_CONTROL_URL)")
			}
			script := &property.Script{}
			seed := rapidSettings()
			env := property.Env{Client: session.Client, Control: session.Control, NewRoomID: live.newID,
				Owner: ownerA, Accounts: []string{ownerB, member1, member2}, Script: script}
			rapid.Check(rapidTB{GinkgoT(), seed, script}, property.LiveRoom(ctx, env, liveTemplate))
		})
})
