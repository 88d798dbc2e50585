package suites

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/generate"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// Every request schema yields its boundary cases (generate.Cases) from a baseline derived from
// the vendor's documented request sample (generate.Baseline): no command has a hand-written
// baseline. What a case needs to exist — a room, members, a gift of the catalogue, an imported
// account — comes from a set-up chosen by the command's family and by the placeholders its
// baseline holds (generatedSetUp), never from a list of commands.

// genTarget is one request schema with its cases.
type genTarget struct {
	service, name string // the schema's name: a command or an alias of one
	command       catalog.Command
	baseline      string
	cases         []generate.Case
	// getter is the command that reads back what a success stored ("": none), with its
	// baseline.
	getter, getterBaseline string
}

// generatedTargets derives the cases of every request schema; a schema that yields none, or a
// command without a schema, fails TestEveryRequestSchemaYieldsCases (generate package) first.
var generatedTargets = func() []genTarget {
	var out []genTarget
	for _, key := range generate.RequestSchemas() {
		service, name, _ := strings.Cut(key, "/")
		command, known := catalog.Resolve(service, name)
		if !known {
			panic("generated cases of an uncatalogued command " + key)
		}
		baseline, err := generate.Baseline(service, name)
		if err != nil {
			panic(err)
		}
		cases, err := generate.Cases(service, name, baseline)
		if err != nil {
			panic(fmt.Sprintf("deriving the cases of %s: %v", key, err))
		}
		t := genTarget{service: service, name: name, command: command, baseline: baseline, cases: cases}
		if getter, ok := generate.Getter(service, name); ok {
			t.getter = getter
			if t.getterBaseline, err = generate.Baseline(service, getter); err != nil {
				panic(err)
			}
		}
		out = append(out, t)
	}
	return out
}()

// invalidParameterCode is the code a command's page promises for a request its schema refuses:
// 70402 on the Chat account pages, 100002 on every other.
func invalidParameterCode(c catalog.Command) int {
	if c.Family == catalog.FamilyAccount {
		return codeAccountInvalidParameter
	}
	return catalog.CodeInvalidParameter
}

// uncertainSuccess names the commands whose success the generic set-ups cannot make certain,
// and why: their accepted cases must be answered with a documented code other than the
// invalid-parameter one. Every other accepted case must succeed.
var uncertainSuccess = map[string]string{
	catalog.ServiceSeat + "/pick_user_on_seat":        "the set-up seats the member every seat command names, so that kick, switch and move succeed: picking it again may answer 100203",
	catalog.ServiceLive + "/add_robot":                "a robot must be an imported account that is not a member (L-28); the set-up's accounts are members",
	catalog.ServiceLiveConfig + "/get_callback":       "whether a Live callback is configured depends on the specs that ran before (100301)",
	catalog.ServiceLiveConfig + "/get_callback_token": "whether a token is configured depends on the specs that ran before (100302)",
	catalog.ServiceConfig + "/get_callback":           "whether a callback is configured depends on the specs that ran before",
}

// The generated cases are declared in top-level containers of one text: one for each command,
// one for each round of the gift catalogue. Ginkgo shuffles top-level containers, so the rounds,
// whose specs mostly wait for the catalogue's budget, are spread among the other specs, which
// run meanwhile.
var _ = declareGenerated()

const generatedText = "Generated boundary cases (from the request schemas)"

func declareGenerated() bool {
	var slow []genTarget
	for _, target := range generatedTargets {
		if target.command.MaxQPS <= 1 || usesCatalogue(target) {
			slow = append(slow, target) // the gift catalogue: in rounds below
			continue
		}
		Describe(generatedText, labels.Generated(), func() {
			Describe(target.service+"/"+target.name, labels.Command(target.command.Service, target.command.Name), func() {
				for _, c := range target.cases {
					generatedSpec(target, c)
				}
			})
		})
	}
	// The gift catalogue's commands are limited to one call a second each: their cases run in
	// rounds, case r of every command in one container, so that one command's budget waits while
	// the others are called. They are ordinary specs: parallel processes take them one by one,
	// each process addressing a gift and category of its own (sharedGiftAndCategory), made by
	// the first case that needs them. Ginkgo orders specs of one code location by their texts,
	// so the round is in a container's text: without it a command's cases would run one after
	// another, each waiting a second.
	for round := 0; ; round++ {
		var targets []genTarget
		for _, target := range slow {
			if round < len(target.cases) {
				targets = append(targets, target)
			}
		}
		if len(targets) == 0 {
			return true
		}
		Describe(generatedText, labels.Generated(), func() {
			Describe(fmt.Sprintf("gift catalogue, round %03d", round), func() {
				for _, target := range targets {
					Describe(target.service+"/"+target.name, labels.Command(target.command.Service, target.command.Name), func() {
						generatedSpec(target, target.cases[round])
					})
				}
			})
		})
	}
}

// generatedSpec declares the spec of one case.
func generatedSpec(target genTarget, c generate.Case) {
	invalid := invalidParameterCode(target.command)
	code := invalid
	if c.Intended {
		code = 0
	}
	decision, decided := errataDecisionOn(c)
	if decided && len(decision.alsoRefuse) > 0 {
		code = decision.alsoRefuse[0]
	}
	decorators := []any{labels.Code(code)}
	if membersEnter(target) {
		decorators = append(decorators, labels.NeedsControlPlane()) // skipped, with the reason, without one
	}
	if target.command.Family == catalog.FamilyConfig {
		// The callback configuration is the application's: on a target that parallel processes
		// share, a case that sets it up would undo another's, as in the hand-written callback specs.
		decorators = append(decorators, serialWhereShared)
	}
	It(c.ID, append(decorators, func(ctx SpecContext) {
		if c.Contradiction != "" {
			Skip(fmt.Sprintf("%s is a %s case, but %s: the errata decide", c.ID, c.Kind, c.Contradiction))
		}
		if decided && decision.skip {
			Skip(fmt.Sprintf("%s: errata %s decide — %s", c.ID, decision.entry, decision.why))
		}
		runGeneratedCase(ctx, target, c, invalid, decision)
	})...)
}

// runGeneratedCase prepares what the case addresses, sends it and judges the answer.
func runGeneratedCase(ctx context.Context, target genTarget, c generate.Case, invalid int, decision errataDecision) {
	GinkgoHelper()
	s := generatedSetUp(ctx, target, c)
	body := s.fill(c.Body)
	resp := request(ctx, target.service, target.name, string(body))
	if resp.Code() == 0 && s.afterSuccess != nil {
		s.afterSuccess()
	}
	key := target.command.Key()
	why, uncertain := uncertainSuccess[key]
	certain := !uncertain && !s.replaced
	refusals := decision.alsoRefuse
	switch {
	case c.Intended && len(decision.orRefused) > 0:
		Expect(resp).To(BeDocumentedAnswer(append([]int{0}, decision.orRefused...)...), "%s: %s (errata %s: %s)", c.ID, body, decision.entry, decision.why)
		if resp.Code() != 0 {
			AddReportEntry("generated: refused, as errata "+decision.entry+" allow", fmt.Sprintf("%s answered %s: %s", c.ID, catalog.Describe(resp.Code()), decision.why))
		}
	case c.Intended && certain:
		Expect(resp).To(BeDocumentedAnswer(0), "%s: %s", c.ID, body)
	case c.Intended:
		// Success depends on state the set-up cannot make: any documented answer but the
		// invalid-parameter code.
		Expect(resp.Code()).NotTo(Equal(invalid), "%s: %s (%s)", c.ID, body, catalog.Describe(resp.Code()))
		if resp.Code() == 0 || target.command.CodesComplete {
			Expect(resp).To(BeDocumentedAnswer(append([]int{0}, without(target.command.Codes, invalid)...)...), "%s: %s", c.ID, body)
		} else {
			Expect(resp).To(BeRefusal(), "%s: %s", c.ID, body)
		}
		if resp.Code() != 0 {
			reason := why
			if s.replaced {
				reason = "the case replaced a value the set-up provides (" + c.Field.PathString() + ")"
			}
			AddReportEntry("generated: success not certain", fmt.Sprintf("%s answered %s: %s", c.ID, catalog.Describe(resp.Code()), reason))
		}
	case len(refusals) > 0:
		Expect(resp).To(BeDocumentedAnswer(refusals...), "%s: %s", c.ID, body)
	case target.command.CodesComplete && target.command.Documents(invalid):
		Expect(resp).To(BeDocumentedAnswer(invalid), "%s: %s", c.ID, body)
	default:
		Expect(resp).To(BeRefusal(invalid), "%s: %s", c.ID, body)
	}
	if c.Intended && c.Set && resp.Code() == 0 && target.getter != "" && !s.replaced && !decision.noReadBack {
		expectStoredAsSent(ctx, target, s, c)
	}
}

func without(codes []int, code int) []int {
	return slices.DeleteFunc(slices.Clone(codes), func(c int) bool { return c == code })
}

// genSetUp is what one case addresses: the values of the placeholders.
type genSetUp struct {
	values map[string]string // placeholder → value
	// replaced: the case set a placeholder's field to a value of its own (an account, a gift
	// ID) that the set-up did not make, so success is not certain.
	replaced bool
	// afterSuccess, where set, runs when the case succeeded (it deletes what the case added).
	afterSuccess func()
}

// fill replaces every placeholder (as a JSON string) in a body.
func (s genSetUp) fill(body []byte) []byte {
	for placeholder, value := range s.values {
		body = bytes.ReplaceAll(body, quoted(placeholder), quoted(value))
	}
	return body
}

// generatedSetUp makes what a case addresses, by the placeholders of its baseline: a room of
// the command's family (owned by ownerA, with member1 and member2 entered; a seat room seats
// member1 on seat 0), the suite's gift and category, fresh accounts for the Chat commands. A
// case that sets the room ID itself gets a room of that ID (unique to the run, of the value's
// length and characters).
func generatedSetUp(ctx context.Context, target genTarget, c generate.Case) genSetUp {
	GinkgoHelper()
	s := genSetUp{values: map[string]string{}}
	setsPlaceholder := c.Set && generate.HoldsPlaceholder(target.baseline, c.Field.Path)
	setsRoomID := setsPlaceholder && c.Field.Path[len(c.Field.Path)-1] == "RoomId"
	if (c.Kind == generate.KindItemsAt || c.Kind == generate.KindItemsOver) && generate.HoldsPlaceholder(target.baseline, c.Field.Path) {
		s.replaced = true // items made up from a placeholder: accounts or gifts nobody made
	}
	if setsPlaceholder && !setsRoomID {
		s.replaced = true
	}
	f := conference
	if target.service == catalog.ServiceLive {
		f = live
	}
	needs := func(placeholder string) bool { return strings.Contains(target.baseline, `"`+placeholder) }

	if needs(generate.RoomPlaceholder) {
		id := f.newID()
		if setsRoomID && c.Intended {
			if v, ok := c.Value.(string); ok {
				id = uniqueOfLength(id, v)
				s.values[v] = id
			}
		}
		if target.command.Name == "create_room" {
			f.track(id)
		} else {
			seats := target.service == catalog.ServiceSeat
			if seats {
				f.mustCreate(ctx, f.withSeats(id, 4, "FreeToTake"))
			} else {
				req := f.minimal(id, ownerA)
				f.mustCreate(ctx, req)
			}
			if membersEnter(target) {
				enter(ctx, id, member1, member2)
			}
			if seats {
				Expect(pick(ctx, id, 0, member1)).To(BeDocumentedAnswer(0), "seating %s for the case", member1)
			}
		}
		s.values[generate.RoomPlaceholder] = id
	}
	for _, field := range []string{"Owner_Account", "From_Account"} {
		s.values[generate.AccountPlaceholder+field] = ownerA
	}
	for _, field := range []string{"NewOwner_Account", "ReceiverList_Account"} {
		s.values[generate.AccountPlaceholder+field] = member2
	}
	if target.command.Family == catalog.FamilyAccount {
		// A fresh account: imported first unless the command imports it.
		account := uniqueName("gen")
		if !strings.Contains(target.command.Name, "import") {
			importAccounts(ctx, account)
		}
		s.values[generate.AccountPlaceholder+"UserID"] = account
		s.values[generate.AccountPlaceholder+"Accounts"] = account
	}
	for _, field := range accountFields(target.baseline) {
		if _, set := s.values[generate.AccountPlaceholder+field]; !set {
			s.values[generate.AccountPlaceholder+field] = member1
		}
	}
	if needs(generate.GiftPlaceholder) || needs(generate.CategoryPlaceholder) {
		genGiftSetUp(ctx, target, c, &s)
	}
	if target.command.Name == "copy_default_gift_config" {
		// The application has a gift configuration, so the case is answered without installing
		// the default set (L-39), which no spec could delete soon: 15 gifts and 3 categories at
		// one call a second.
		sharedGiftAndCategory(ctx)
	}
	if target.command.Family == catalog.FamilyConfig {
		genCallbackSetUp(ctx, target)
	}
	return s
}

// membersEnter reports whether a case's room needs members, who enter through the control
// plane: the room of a seat command, or of a command that names an account besides the owner.
// The others' cases run on any target.
func membersEnter(target genTarget) bool {
	if !strings.Contains(target.baseline, `"`+generate.RoomPlaceholder) || target.command.Name == "create_room" {
		return false
	}
	if target.service == catalog.ServiceSeat {
		return true
	}
	return slices.ContainsFunc(accountFields(target.baseline), func(field string) bool { return field != "Owner_Account" })
}

// accountFields lists the fields of a baseline that hold an account placeholder.
func accountFields(baseline string) []string {
	var out []string
	rest := baseline
	for {
		i := strings.Index(rest, generate.AccountPlaceholder)
		if i < 0 {
			return out
		}
		rest = rest[i+len(generate.AccountPlaceholder):]
		field, _, _ := strings.Cut(rest, `"`)
		out = append(out, field)
	}
}

// expectStoredAsSent reads back what a successful case stored with the command's getter
// (generate.Getter) and expects the field the case set to hold the value sent wherever the
// answer names it; a getter that does not answer the field proves nothing and is not asked to.
func expectStoredAsSent(ctx context.Context, target genTarget, s genSetUp, c generate.Case) {
	GinkgoHelper()
	name := c.Field.Path[len(c.Field.Path)-1]
	if name == "RoomId" || c.Kind == generate.KindUnknownField {
		return
	}
	body := s.fill([]byte(target.getterBaseline))
	resp := request(ctx, target.service, target.getter, string(body))
	Expect(resp).To(BeDocumentedAnswer(0), "reading back %s with %s", c.ID, target.getter)
	var answer any
	Expect(json.Unmarshal(resp.Raw, &answer)).To(Succeed())
	stored := valuesAt(answer, name)
	if len(stored) == 0 {
		return // the getter does not answer this field
	}
	value := c.Value
	if v, isString := value.(string); isString && s.values[v] != "" {
		value = s.values[v] // the case's value made unique to the run (ownID)
	}
	sent, err := json.Marshal(value)
	Expect(err).NotTo(HaveOccurred())
	var want any
	Expect(json.Unmarshal(sent, &want)).To(Succeed())
	Expect(stored).To(ContainElement(Equal(want)), "%s: %s answers %v for %s, sent %s", c.ID, target.getter, stored, name, sent)
}

// valuesAt collects the values of every member named key, at any depth of an answer.
func valuesAt(v any, key string) []any {
	var out []any
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			if k == key {
				out = append(out, e)
			}
			out = append(out, valuesAt(e, key)...)
		}
	case []any:
		for _, e := range t {
			out = append(out, valuesAt(e, key)...)
		}
	}
	return out
}

// errataDecision is what an errata entry decides for generated cases the schema alone
// cannot judge: a code the entry accepts beside 100002, or a limit the pages leave open.
type errataDecision struct {
	entry string
	// matches selects the cases: by field name (the last path element; a suffix when it
	// starts with "*") and kind (a prefix).
	field, kind string
	// command, where set, restricts the decision to one command's cases ("<service>/<name>");
	// path, where set, to one field path.
	command, path string
	skip          bool
	alsoRefuse    []int // the codes a refusal may carry, the first one labelled
	// orRefused: a case the schema accepts may also be refused with these codes, since the
	// pages leave open whether the service accepts it.
	orRefused []int
	// noReadBack: what a success stored is not read back.
	noReadBack bool
	why        string
}

var generatedErrata = []errataDecision{
	{entry: "E-04", field: "*_Account", kind: generate.KindWrongType, alsoRefuse: []int{catalog.CodeInvalidParameter, 60015},
		why: "a mistyped account field is refused with 60015 or 100002"},
	{entry: "E-12", field: "ScheduleInviteeList_Account", kind: generate.KindItemsAt, skip: true,
		why: "the generated invitees are not imported accounts, and whether they must be is left open (the hand-written E-12 spec sends 300 imported ones)"},
	{entry: "E-13, D-24; errata-live L-19", field: "MaxMemberCount", kind: generate.KindMinAt, skip: true,
		why: "0 members is outside the package's limits, which the pages leave open; the schema only says ≥ 0"},
	{entry: "E-13, D-24; errata-live L-19", field: "MaxSeatCount", kind: generate.KindMinAt, skip: true,
		why: "0 seats is outside the package's limits, which the pages leave open; the schema only says ≥ 0"},
	{entry: "E-13, S-03", field: "ScheduleEndTime", kind: generate.KindMinAt, skip: true,
		why: "an end at 0 is before the start: the rule is cross-field, and bounds on the schedule are left open"},
	{entry: "E-13, E-10", field: "ScheduleStartTime", kind: generate.KindMinAt, skip: true,
		why: "a start at 0 is in the past: accepted or not, and the room may be recycled at once, so it cannot be read back"},
	{entry: "E-45; errata-live L-12", field: "Duration", kind: generate.KindMinAt, orRefused: []int{catalog.CodeInvalidParameter},
		why: "a ban of 0 seconds: the pages state no lower bound (the schemas say ≥ 0); a service may refuse it"},
	{entry: "E-46", command: catalog.ServiceAccount + "/account_import", path: "UserID", kind: generate.KindBytesAtEuro, orRefused: []int{codeAccountInvalidParameter},
		why: "the pages bound a UserID at 32 bytes but do not say which characters it may hold"},
	{entry: "E-47 (D-06)", command: catalog.ServiceRoom + "/update_room_member_info", path: "CustomInfo", noReadBack: true,
		why: "the packet carries the field both flat and in MemberInfo (the baseline's nested sample): which one wins is not documented"},
	{entry: "E-47 (D-06)", command: catalog.ServiceRoom + "/update_room_member_info", path: "NameCard", noReadBack: true,
		why: "the packet carries the field both flat and in MemberInfo (the baseline's nested sample): which one wins is not documented"},
	{entry: "E-47 (D-06)", command: catalog.ServiceRoom + "/update_room_member_info", path: "Role", noReadBack: true,
		why: "the packet carries the field both flat and in MemberInfo (the baseline's nested sample): which one wins is not documented"},
	{entry: "errata-live L-30, L-49", command: catalog.ServiceLive + "/set_mix_stream", orRefused: []int{catalog.CodeInvalidParameter},
		why: "mixing needs a room created with IsUnlimitedRoomEnabled and seated hosts, and LayoutMode 1000 a LayoutInfo (the baseline's sample without its optional fields): refused, 100002 likely"},
	{entry: "errata-live L-49", command: catalog.ServiceLive + "/resume_mcu_task", orRefused: []int{catalog.CodeInvalidParameter},
		why: "resuming without a stored layout answers 0 or 100002"},
	{entry: "errata-live L-35", field: "ExtensionInfo", kind: "bytes-at", orRefused: []int{catalog.CodeInvalidParameter},
		why: "the gift pages call ExtensionInfo JSON text, which the schema does not check (the console sends \"\"): text that is not JSON may be refused"},
	{entry: "errata-live L-21", command: catalog.ServiceLive + "/ban_member", path: "MemberList_Account", kind: generate.KindItemsAt, orRefused: []int{catalog.CodeInvalidParameter},
		why: "the case's accounts are made up and never imported: whether a ban may name such accounts is left open (100002 where they must be imported)"},
	{entry: "errata-live L-21", command: catalog.ServiceLive + "/unban_member", path: "MemberList_Account", kind: generate.KindItemsAt, orRefused: []int{catalog.CodeInvalidParameter},
		why: "the case's accounts are made up and never imported: whether an unban may name such accounts is left open (100002 where they must be imported)"},
	{entry: "errata-live L-46", command: catalog.ServiceLive + "/del_robot", orRefused: []int{catalog.CodeInvalidParameter},
		why: "the set-up's room has no robot: deleting an account that is no robot answers 0 or 100002 and changes nothing"},
	{entry: "errata-live L-39", command: catalog.ServiceLive + "/copy_default_gift_config", orRefused: []int{catalog.CodeInvalidParameter},
		why: "the default set is installed only while the application has no gift configuration; the suite's own gifts may be there"},
}

// errataDecisionOn finds the errata decision on a case, if any.
func errataDecisionOn(c generate.Case) (errataDecision, bool) {
	name := c.Field.Path[len(c.Field.Path)-1]
	for _, d := range generatedErrata {
		fieldMatches := d.field == "" || d.field == name || (strings.HasPrefix(d.field, "*") && strings.HasSuffix(name, d.field[1:]))
		if d.command != "" && d.command != c.Service+"/"+c.Command || d.path != "" && d.path != c.Field.PathString() {
			continue
		}
		if fieldMatches && strings.HasPrefix(c.Kind, d.kind) {
			return d, true
		}
	}
	return errataDecision{}, false
}

func quoted(s string) []byte {
	b, _ := json.Marshal(s)
	return b
}

// uniqueOfLength returns unique followed by the tail of like, so that the result has
// like's byte length and, past the prefix, its characters.
func uniqueOfLength(unique, like string) string {
	k := len(unique)
	for k < len(like) && !utf8.RuneStart(like[k]) {
		k++
	}
	if k > len(like) {
		return like
	}
	return unique + strings.Repeat("a", k-len(unique)) + like[k:]
}

// sharedCatalogue is the gift and category of the catalogue that the generated cases of one
// process address, with the translations of the setters' samples: made once per process, by the
// first case that needs them (the catalogue allows one call a second), and deleted when the
// process ends or a spec needs an application without gift configuration
// (releaseSharedCatalogue). A process has its own, so that parallel processes never depend on
// one another's, whether each has an embedded emulator or they share a target.
var sharedCatalogue struct {
	mu             sync.Mutex
	gift, category string
	made           bool
	err            error // why making them failed: every later case that needs them fails with it
	// translationGone: a case may have deleted the translation a setter stored (by setter).
	translationGone map[string]bool
	deletions       []func(context.Context) // deletes what the set-up added
	atEnd           bool                    // releaseSharedCatalogue runs when the process ends
}

// sharedGiftAndCategory returns the process's shared gift and category, making them first if
// no case of the process has; a case whose set-up failed, or runs after one, fails naming it.
func sharedGiftAndCategory(ctx context.Context) (gift, category string) {
	GinkgoHelper()
	c := &sharedCatalogue
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.made && c.err == nil {
		if !c.atEnd {
			c.atEnd = true
			atProcessEnd(releaseSharedCatalogue)
		}
		c.gift, c.category = newGiftID(), newCategoryID()
		c.translationGone = map[string]bool{}
		c.err = makeSharedCatalogue(ctx, c.gift, c.category)
		c.made = c.err == nil
	}
	if c.err != nil {
		Fail("set-up of the generated cases' shared gift " + c.gift + " and category " + c.category + " (made once per process) failed: " + c.err.Error())
	}
	return c.gift, c.category
}

// releaseSharedCatalogue deletes the process's shared gift and category, if it has them: the
// next case that needs them makes new ones.
func releaseSharedCatalogue(ctx context.Context) {
	c := &sharedCatalogue
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, deletion := range c.deletions {
		deletion(ctx)
	}
	c.deletions, c.made = nil, false
}

// makeSharedCatalogue adds the shared gift and category and stores their translations with
// the setters' samples; sharedCatalogue.deletions delete what it added.
func makeSharedCatalogue(ctx context.Context, gift, category string) error {
	add := func(command string, object any, deleteCommand string, id any) error {
		if err := catalogueCall(ctx, command, object); err != nil {
			return err
		}
		sharedCatalogue.deletions = append(sharedCatalogue.deletions, func(ctx context.Context) { _, _ = session.Client.Call(ctx, liveSvc, deleteCommand, id) })
		return nil
	}
	if err := add("add_gift", wireGift(gift), "del_gift", wire.LiveGiftIDRequest{GiftID: gift}); err != nil {
		return err
	}
	if err := add("add_gift_category", wireCategory(category), "del_gift_category", wire.LiveGiftCategoryIDRequest{CategoryID: category}); err != nil {
		return err
	}
	for _, setter := range []string{"set_gift_language", "set_gift_category_language"} {
		body, err := translationOf(setter, gift, category)
		if err != nil {
			return err
		}
		if err := catalogueCall(ctx, setter, json.RawMessage(body)); err != nil {
			return err
		}
	}
	return nil
}

// catalogueCall sends a set-up call and returns why it did not succeed.
func catalogueCall(ctx context.Context, command string, body any) error {
	resp, err := session.Client.Call(ctx, liveSvc, command, body)
	switch {
	case err != nil:
		return fmt.Errorf("%s: %w", command, err)
	case resp.Code() != 0:
		return fmt.Errorf("%s answered %s", command, catalog.Describe(resp.Code()))
	}
	return nil
}

// genGiftSetUp fills the catalogue placeholders. A command that adds its object (add_gift,
// add_gift_category) gets a new ID, deleted after a success; one that deletes its object gets
// an object of its own; the others address the process's shared gift and category
// (sharedGiftAndCategory), whose translation is stored again first when the command reads or
// deletes one.
func genGiftSetUp(ctx context.Context, target genTarget, c generate.Case, s *genSetUp) {
	GinkgoHelper()
	name := target.command.Name
	ownGift := name == "add_gift" || name == "del_gift"
	ownCategory := name == "add_gift_category" || name == "del_gift_category"
	if !ownGift && strings.Contains(target.baseline, generate.GiftPlaceholder) ||
		!ownCategory && strings.Contains(target.baseline, generate.CategoryPlaceholder) {
		s.values[generate.GiftPlaceholder], s.values[generate.CategoryPlaceholder] = sharedGiftAndCategory(ctx)
	}
	gift := strings.Contains(target.baseline, `"GiftId":"`+generate.GiftPlaceholder)
	switch {
	case ownGift:
		id := ownID(c, s, "GiftId", newGiftID())
		s.values[generate.GiftPlaceholder] = id
		ownObject(ctx, s, c, name == "del_gift", "add_gift", wireGift(id), "del_gift", `{"GiftId":`+string(quoted(id))+`}`)
	case ownCategory:
		id := ownID(c, s, "CategoryId", newCategoryID())
		s.values[generate.CategoryPlaceholder] = id
		ownObject(ctx, s, c, name == "del_gift_category", "add_gift_category", wireCategory(id), "del_gift_category", `{"CategoryId":`+string(quoted(id))+`}`)
	case strings.HasSuffix(name, "_language"):
		setter := "set_gift_category_language"
		if gift {
			setter = "set_gift_language"
		}
		storeTranslationIfDeleted(ctx, setter, s.values[generate.GiftPlaceholder], s.values[generate.CategoryPlaceholder])
		if strings.HasPrefix(name, "del_") {
			sharedCatalogue.mu.Lock()
			sharedCatalogue.translationGone[setter] = true // whatever the answer: the target may have deleted it
			sharedCatalogue.mu.Unlock()
		}
	}
}

// ownID is the ID of the object a case of add_ or del_ makes for itself: fresh, or where an
// accepted case sets the ID field to a value of its own (a length at the limit), a value of the
// same length and characters after a prefix unique to the run, which the case then sends and
// the clean-up deletes. Two runs, or two processes, never share the object, and nothing is
// left behind under an ID the suite did not choose.
func ownID(c generate.Case, s *genSetUp, field, fresh string) string {
	v, isString := c.Value.(string)
	if !c.Set || !c.Intended || !isString || c.Field.Path[len(c.Field.Path)-1] != field {
		return fresh
	}
	id := uniqueOfLength(fresh, v)
	s.values[v] = id
	s.replaced = false // the object is the case's own: its success is certain
	return id
}

// storeTranslationIfDeleted stores the shared translation of a setter again when a case of
// the process may have deleted it: the set-up stored it, and the commands that read, change or
// delete a translation expect it to be there (CategoryName and Name are required the first
// time, L-36).
func storeTranslationIfDeleted(ctx context.Context, setter, gift, category string) {
	GinkgoHelper()
	c := &sharedCatalogue
	c.mu.Lock()
	gone := c.translationGone[setter]
	c.mu.Unlock()
	if !gone {
		return
	}
	body, err := translationOf(setter, gift, category)
	Expect(err).NotTo(HaveOccurred())
	live.expect(ctx, setter, body, 0)
	c.mu.Lock()
	c.translationGone[setter] = false
	c.mu.Unlock()
}

// ownObject prepares the object of a case that adds or deletes one: a case that deletes it gets
// it added first, and deleted after the spec unless the case deleted it (the catalogue allows one
// call a second: a second delete would wait for nothing); one that adds it has it deleted after
// a success.
func ownObject(ctx context.Context, s *genSetUp, c generate.Case, deletes bool, add string, object any, del, idBody string) {
	GinkgoHelper()
	if !deletes {
		s.afterSuccess = func() { deleteAfter(del, idBody) }
		return
	}
	if !c.Intended {
		// The request is refused whatever the catalogue holds: no object to make, and two
		// calls fewer of commands limited to one a second.
		return
	}
	deleted := false
	DeferCleanup(func() {
		if !deleted {
			_, _ = session.Client.Do(background(), client.Request{Service: liveSvc, Command: del, Body: []byte(idBody)})
		}
	})
	live.expect(ctx, add, object, 0)
	s.afterSuccess = func() { deleted = true }
}

// usesCatalogue reports whether a command addresses the gift catalogue (its baseline names a
// gift or a category).
func usesCatalogue(target genTarget) bool {
	return strings.Contains(target.baseline, generate.GiftPlaceholder) || strings.Contains(target.baseline, generate.CategoryPlaceholder)
}

func wireGift(id string) wire.LiveGift {
	return wire.LiveGift{GiftID: id, Coins: 1, DefaultName: "gen"}
}

func wireCategory(id string) wire.LiveGiftCategory {
	return wire.LiveGiftCategory{CategoryID: id, DefaultName: "gen"}
}

// translationOf is the setter's documented sample for the gift and category (CategoryName and
// Name are required the first time, L-36).
func translationOf(setter, gift, category string) (string, error) {
	sample, err := generate.Sample(liveSvc, setter)
	if err != nil {
		return "", err
	}
	shared := genSetUp{values: map[string]string{generate.GiftPlaceholder: gift, generate.CategoryPlaceholder: category}}
	return string(shared.fill([]byte(sample))), nil
}

// deleteAfter deletes what a successful case added when the spec ends.
func deleteAfter(command, body string) {
	DeferCleanup(func() {
		_, _ = session.Client.Do(background(), client.Request{Service: liveSvc, Command: command, Body: []byte(body)})
	})
}

// genCallbackSetUp keeps the application's callback configuration as the specs found it, and
// makes the state a configuration command's success needs: none configured before a set,
// one before an update.
func genCallbackSetUp(ctx context.Context, target genTarget) {
	GinkgoHelper()
	example := wire.CallbackConfig{URL: "http://www.example.com/callback"}
	if target.service == catalog.ServiceLiveConfig {
		example.CallbackCommandList = []string{catalog.LiveEventCreateRoom}
		switch target.command.Name {
		case "set_callback":
			withoutLiveCallbacks(ctx)
		case "update_callback":
			useLiveCallbacks(ctx, example)
		case "set_callback_token":
			// Both fields are required on the first call only (L-41): store a token first.
			preserveLiveCallbacks(ctx)
			Expect(liveConfigCall(ctx, "set_callback_token", wire.LiveCallbackTokenRequest{Token: wire.Ptr("gen"), IsTokenEnable: wire.Ptr(false)})).To(BeDocumentedAnswer(0))
		default:
			preserveLiveCallbacks(ctx)
		}
		return
	}
	example.CallbackCommandList = []string{catalog.EventAfterCreateRoom}
	switch target.command.Name {
	case "update_callback", "delete_callback":
		// A deletion's success is certain only with a configuration to delete: without one, it
		// may succeed or answer 100301 (E-34).
		useCallbacks(ctx, example)
	default:
		withoutCallbacks(ctx)
	}
}
