package matchers

import (
	"fmt"
	"slices"
	"strings"

	"github.com/onsi/gomega/types"

	"github.com/trtc-conformance/trtc-conformance/client"
)

// BeRefusal succeeds when the answer refuses the request in a documented answer of its
// command: one of the likely codes, or, where a page's error table could not be read to its
// end, any other non-zero code (the code may be in the part nobody could read). A likely code
// is recorded as an assertion for the coverage matrix, like BeDocumentedAnswer; another code
// is not, since no page names it. Success fails, recorded against the likely codes.
func BeRefusal(likely ...int) types.GomegaMatcher {
	return &refusalMatcher{likely: likely, documented: &documentedAnswerMatcher{code: &errorCodeMatcher{codes: likely, record: recordOnSpec}}}
}

type refusalMatcher struct {
	likely     []int
	documented *documentedAnswerMatcher
	// other is the matcher of an unlisted refusal: its envelope and schema.
	other types.GomegaMatcher
}

func (m *refusalMatcher) Match(actual any) (bool, error) {
	resp, ok := actual.(*client.Response)
	if !ok || resp == nil {
		return false, fmt.Errorf("BeRefusal expects a non-nil *client.Response, got %T", actual)
	}
	if resp.ProtocolProblem != "" || resp.Code() == 0 || slices.Contains(m.likely, resp.Code()) {
		return m.documented.Match(resp)
	}
	m.documented = nil
	if !statusAgrees(resp.Envelope) {
		return false, nil
	}
	m.other = &schemaMatcher{name: SchemaOf(resp)}
	return m.other.Match(resp)
}

func (m *refusalMatcher) expected() string {
	if len(m.likely) == 0 {
		return "a refusal (any non-zero ErrorCode)"
	}
	described := make([]string, len(m.likely))
	for i, c := range m.likely {
		described[i] = fmt.Sprint(c)
	}
	return "a refusal (" + strings.Join(described, " or ") + ", or a code the unread part of the table may hold)"
}

func (m *refusalMatcher) FailureMessage(actual any) string {
	resp, _ := actual.(*client.Response)
	if m.documented != nil {
		return "expected " + m.expected() + "\n" + m.documented.FailureMessage(actual)
	}
	if !statusAgrees(resp.Envelope) {
		return fmt.Sprintf("%s/%s: expected %s; ErrorCode %d came with ActionStatus %q, and the overview pairs 0 with OK and any other code with FAIL\nbody: %s",
			resp.Service, resp.Command, m.expected(), resp.Code(), resp.Envelope.ActionStatus, clip(resp.Raw))
	}
	return fmt.Sprintf("%s/%s: refused with %d, but %s", resp.Service, resp.Command, resp.Code(), m.other.FailureMessage(actual))
}

func (m *refusalMatcher) NegatedFailureMessage(actual any) string {
	return "expected the answer not to be " + m.expected()
}
