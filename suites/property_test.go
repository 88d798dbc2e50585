package suites

import (
	"errors"
	"flag"
	"fmt"
	"os"

	. "github.com/onsi/ginkgo/v2"
	"pgregory.net/rapid"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/property"
)

// The property tests' budget on the embedded emulator: propertyChecks sequences of about
// propertySteps steps each, drawn from propertySeed. RAPID_CHECKS, RAPID_STEPS and RAPID_SEED
// (or -rapid.checks, -rapid.steps, -rapid.seed) override them; a failure names the seed and
// the replayable calls of the shrunk sequence.
const (
	propertyChecks = "120"
	propertySteps  = "15"
	propertySeed   = "20261206"
)

// rapidSettings applies the budget, and returns the seed: a -rapid.* flag given on the command
// line wins, then RAPID_CHECKS, RAPID_STEPS, RAPID_SEED (read here, not only by rapid when
// the binary starts: the trtc-conformance command line sets them after that), then the
// suite's own. Against a remote target the same settings size the run; every call waits for
// the client's rate budget, which the parallel processes share.
func rapidSettings() string {
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, s := range []struct{ name, env, value string }{
		{"rapid.checks", "RAPID_CHECKS", propertyChecks},
		{"rapid.steps", "RAPID_STEPS", propertySteps},
		{"rapid.seed", "RAPID_SEED", propertySeed},
		{"rapid.nofailfile", "RAPID_NOFAILFILE", "true"},
	} {
		if set[s.name] || flag.Lookup(s.name) == nil {
			continue
		}
		value := s.value
		if v, fromEnv := os.LookupEnv(s.env); fromEnv {
			value = v
		}
		if err := flag.Set(s.name, value); err != nil {
			Fail(fmt.Sprintf("%s=%q: %v", s.env, value, err))
		}
	}
	if f := flag.Lookup("rapid.seed"); f != nil {
		return f.Value.String()
	}
	return "?"
}

// expectCode is property.Env.Expect: HaveErrorCode evaluated on the answer, so that each
// property call is recorded as an assertion of the running spec, as a hand-written spec's
// Expect(resp).To(HaveErrorCode(…)) is, and counts in the endpoint × code matrix. It returns
// the failure instead of failing the spec, so that rapid can shrink the sequence.
func expectCode(resp *client.Response, codes ...int) error {
	m := HaveErrorCode(codes...)
	ok, err := m.Match(resp)
	if err != nil {
		return err
	}
	if !ok {
		return errors.New(m.FailureMessage(resp))
	}
	return nil
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

// seatCommands label both properties: their rooms have two seats, and every seat command is
// sent (and answers 100004 once the room is gone).
func seatCommands() []any {
	var out []any
	for _, name := range []string{"get_seat_list", "pick_user_on_seat", "kick_user_off_seat", "lock_seat", "move_user_to_seat", "switch_seat"} {
		out = append(out, labels.Command(catalog.ServiceSeat, name))
	}
	return append(out, labels.Code(codeSeatLocked, catalog.CodeInvalidParameter, codeSeatOccupied))
}

var _ = Describe("Stateful properties (random command sequences)", labels.Property(), labels.NeedsControlPlane(), func() {
	It("keeps a Conference room's invariants through enter, leave, ban, unban, kick, change owner, mark, pick, kick off seat, lock, move and update; destroyed, it answers 100004 to every room and seat command",
		append(seatCommands(),
			labels.Command(catalog.ServiceRoom, "update_room_info"), labels.Command(catalog.ServiceRoom, "get_room_member_list"),
			labels.Command(catalog.ServiceRoom, "ban_room_member"), labels.Command(catalog.ServiceRoom, "kick_user_out"),
			labels.Command(catalog.ServiceRoom, "change_room_owner"), labels.Command(catalog.ServiceRoom, "mark_room_member"),
			labels.Command(catalog.ServiceRoom, "destroy_room"),
			labels.Code(0, catalog.CodeRoomNotFound),
			func(ctx SpecContext) {
				runProperty(ctx, func(env property.Env) func(*rapid.T) {
					env.NewRoomID = newRoomID
					return property.ConferenceRoom(ctx, env)
				})
			})...)

	It("keeps a Live room's invariants through enter, leave, ban, unban, change owner, pick, kick off seat, lock, move and update; dissolved, it answers 100004 to every room and seat command",
		append(seatCommands(),
			labels.Command(catalog.ServiceLive, "update_room_info"), labels.Command(catalog.ServiceLive, "get_member_list"),
			labels.Command(catalog.ServiceLive, "ban_member"), labels.Command(catalog.ServiceLive, "unban_member"),
			labels.Command(catalog.ServiceLive, "change_room_owner"), labels.Command(catalog.ServiceLive, "destroy_room"),
			labels.Code(0, catalog.CodeRoomNotFound),
			func(ctx SpecContext) {
				runProperty(ctx, func(env property.Env) func(*rapid.T) {
					env.NewRoomID = live.newID
					return property.LiveRoom(ctx, env)
				})
			})...)
})

// runProperty checks the property made from the session's environment, with the suite's
// budget; without a control plane it skips, with the reason.
func runProperty(ctx SpecContext, build func(property.Env) func(*rapid.T)) {
	if session.Control == nil {
		Skip("members enter and leave through the control plane, which this target does not have (TRTC_CONTROL_URL)")
	}
	script := &property.Script{}
	seed := rapidSettings()
	env := property.Env{Client: session.Client, Control: session.Control, Expect: expectCode,
		Owner: ownerA, Accounts: []string{ownerB, member1, member2}, Script: script}
	rapid.Check(rapidTB{GinkgoT(), seed, script}, build(env))
}
