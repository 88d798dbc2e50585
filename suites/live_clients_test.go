package suites

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/fixtures"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
)

// clientFixtures holds the request sequences of Tencent's own Live clients
// (fixtures/clients/README.md, docs/vendor-clients.md), embedded so that the trtc-conformance
// binary needs no source tree.
var clientFixtures = fixtures.Clients

// clientFlow is one fixture: a client's steps, in the order it sends them.
type clientFlow struct {
	Description  string            `json:"description"`
	Placeholders map[string]string `json:"placeholders"`
	Steps        []clientStep      `json:"steps"`
}

// clientStep is one packet of a flow; Body is kept as the client builds it (key order too).
type clientStep struct {
	Service string          `json:"service"`
	Command string          `json:"command"`
	Body    json.RawMessage `json:"body"`
	Note    string          `json:"note"`
}

// undocumentedClientCommands are commands the console calls that no vendor page documents: the
// replay does not send them (a service may answer them or not; the emulator answers 60009,
// errata-live L-43).
var undocumentedClientCommands = map[string]string{
	catalog.ServiceLive + "/get_gift_info_list": "no page documents get_gift_info_list (errata-live L-43); the emulator answers 60009",
	catalog.ServiceLive + "/edit_gift":          "no page documents edit_gift (errata-live L-43); the emulator answers 60009",
	catalog.ServiceLive + "/edit_gift_category": "no page documents edit_gift_category (errata-live L-43); the emulator answers 60009",
}

// openClientSteps are steps whose answer the pages leave open: the console relies on success,
// a correct service may refuse them. The replay accepts a refusal there and reports it, so a
// user sees where the target and the vendor's console part ways.
var openClientSteps = map[string]string{
	catalog.ServiceLive + "/get_gift_language":          "a gift language with no entry: the default texts or a refusal (errata-live L-55)",
	catalog.ServiceLive + "/get_gift_category_language": "a category language with no entry: the default texts or a refusal (errata-live L-55)",
}

// skipReason says why a step is not replayed, "" when it is.
func (s clientStep) skipReason() string {
	key := s.Service + "/" + s.Command
	if reason, undocumented := undocumentedClientCommands[key]; undocumented {
		return reason
	}
	return ""
}

// loadClientFlows reads every fixture, by file name.
func loadClientFlows() map[string]clientFlow {
	files, err := fs.Glob(clientFixtures, "clients/*.json")
	if err != nil || len(files) == 0 {
		panic(fmt.Sprintf("no client fixtures embedded: %v", err))
	}
	flows := map[string]clientFlow{}
	for _, file := range files {
		raw, err := fs.ReadFile(clientFixtures, file)
		if err != nil {
			panic(err)
		}
		var flow clientFlow
		if err := json.Unmarshal(raw, &flow); err != nil {
			panic(fmt.Sprintf("%s: %v", file, err))
		}
		flows[filepath.Base(file)] = flow
	}
	return flows
}

// replayLabels are the command labels of the steps a flow replays (an alias labels its
// documented command).
func (f clientFlow) replayLabels() Labels {
	out := labels.Code(0)
	for _, s := range f.Steps {
		if c, documented := catalog.Resolve(s.Service, s.Command); documented && s.skipReason() == "" {
			out = append(out, labels.Command(c.Service, c.Name)...)
		}
	}
	return out
}

// replacer fills a flow's placeholders: {{room}} a fresh Live room, {{owner}} and {{member}}
// the suite's imported accounts, {{admin}} the administrator (also for the literal "admin" the
// console hard-codes as Sender_Account), {{gift}}/{{category}} fresh IDs, {{next_cursor}} the
// Next of the flow's last get_room_list answer (errata-live L-51).
type replacer struct {
	values map[string]string
}

func newReplacer(room string) *replacer {
	return &replacer{values: map[string]string{
		"{{room}}": room, "{{owner}}": ownerA, "{{member}}": member1, "{{admin}}": session.Settings.Admin,
		"{{gift}}": uniqueName("gift"), "{{category}}": uniqueName("cat"), "{{next_cursor}}": "",
	}}
}

func (r *replacer) fill(body json.RawMessage) string {
	text := string(body)
	for placeholder, value := range r.values {
		text = strings.ReplaceAll(text, placeholder, value)
	}
	return strings.ReplaceAll(text, `"Sender_Account": "admin"`, `"Sender_Account": "`+session.Settings.Admin+`"`)
}

// remember keeps what later steps of the flow read from an answer.
func (r *replacer) remember(step clientStep, resp *client.Response) {
	if step.Command != "get_room_list" {
		return
	}
	var page struct {
		Response struct {
			Next string `json:"Next"`
		} `json:"Response"`
	}
	if resp.Decode(&page) == nil {
		r.values["{{next_cursor}}"] = page.Response.Next
	}
}

// createsItsRoom reports whether the flow creates {{room}} itself.
func (f clientFlow) createsItsRoom() bool {
	for _, s := range f.Steps {
		if s.Service == catalog.ServiceLive && s.Command == "create_room" {
			return true
		}
	}
	return false
}

// replay sends every step of the flow that is not skipped and expects success in the
// command's documented answer (its response schema included); it returns the skipped steps.
func (f clientFlow) replay(ctx context.Context) []string {
	GinkgoHelper()
	room := live.newID()
	live.track(room)
	if !f.createsItsRoom() {
		live.mustCreate(ctx, live.minimal(room, ownerA))
	}
	values := newReplacer(room)
	// The gift catalogue is the application's, not the room's: what a flow adds and does not
	// delete itself is deleted after the spec, so that no later spec (copy_default_gift_config
	// needs an application without gift configuration) sees it. Deleting what is gone answers
	// 0 or a refusal; neither matters here.
	DeferCleanup(func() {
		_, _ = session.Client.Call(background(), catalog.ServiceLive, "del_gift", map[string]string{"GiftId": values.values["{{gift}}"]})
		_, _ = session.Client.Call(background(), catalog.ServiceLive, "del_gift_category", map[string]string{"CategoryId": values.values["{{category}}"]})
	})
	var skipped []string
	for i, step := range f.Steps {
		if reason := step.skipReason(); reason != "" {
			skipped = append(skipped, fmt.Sprintf("step %d %s: %s", i+1, step.Command, reason))
			continue
		}
		body := values.fill(step.Body)
		By(fmt.Sprintf("step %d: %s/%s %s", i+1, step.Service, step.Command, body))
		resp := request(ctx, step.Service, step.Command, body)
		if open, isOpen := openClientSteps[step.Service+"/"+step.Command]; isOpen && resp.Code() != 0 {
			Expect(resp).To(BeRefusal(catalog.CodeInvalidParameter), "step %d (%s/%s): %s", i+1, step.Service, step.Command, open)
			AddReportEntry("open step refused", fmt.Sprintf("step %d (%s/%s) answered %d, where the console expects success: %s", i+1, step.Service, step.Command, resp.Code(), open))
			continue
		}
		Expect(resp).To(BeDocumentedAnswer(0), "step %d (%s/%s) of the console's flow; its note: %s", i+1, step.Service, step.Command, step.Note)
		values.remember(step, resp)
	}
	return skipped
}

// The packets of Tencent's own Live clients, replayed step by step: whatever the pages say,
// a service that refuses them breaks the vendor's console (errata-live L-43, L-51).
var _ = Describe("Live API", labels.Area("live"), func() {
	Describe("packets of Tencent's own Live clients", func() {
		flows := loadClientFlows()
		names := make([]string, 0, len(flows))
		for name := range flows {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			flow := flows[name]
			It("replays "+name+" step by step, every step answered with success", flow.replayLabels(), func(ctx SpecContext) {
				skipped := flow.replay(ctx)
				for _, reason := range skipped {
					AddReportEntry("skipped step", reason)
				}
				if len(skipped) == len(flow.Steps) {
					Skip("every step of " + name + " is skipped: " + strings.Join(skipped, "; "))
				}
			})
		}
	})
})
