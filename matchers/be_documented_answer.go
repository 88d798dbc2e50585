package matchers

import (
	"fmt"

	"github.com/onsi/gomega/types"

	"github.com/trtc-conformance/trtc-conformance/client"
)

// BeDocumentedAnswer succeeds when the answer is what a page documents for its own command:
// a REST envelope whose ErrorCode is one of codes and agrees with ActionStatus (as
// HaveErrorCode, which records the assertion for the coverage matrix), and a body valid
// against the response schema of the service and command the request went to. It replaces
// the pair HaveErrorCode + MatchSchema("<service>/<command>.response") and cannot name the
// wrong schema.
func BeDocumentedAnswer(codes ...int) types.GomegaMatcher {
	return &documentedAnswerMatcher{code: &errorCodeMatcher{codes: codes, record: recordOnSpec}}
}

type documentedAnswerMatcher struct {
	code   *errorCodeMatcher
	schema *schemaMatcher
	// failed says which half failed: "code" or "schema".
	failed string
}

// SchemaOf names the response schema of the command resp answers.
func SchemaOf(resp *client.Response) string {
	return resp.Service + "/" + resp.Command + ".response"
}

func (m *documentedAnswerMatcher) Match(actual any) (bool, error) {
	resp, ok := actual.(*client.Response)
	if !ok || resp == nil {
		return false, fmt.Errorf("BeDocumentedAnswer expects a non-nil *client.Response, got %T", actual)
	}
	if passed, err := m.code.Match(resp); err != nil || !passed {
		m.failed = "code"
		return false, err
	}
	m.schema = &schemaMatcher{name: SchemaOf(resp)}
	if passed, err := m.schema.Match(resp); err != nil || !passed {
		m.failed = "schema"
		return false, err
	}
	return true, nil
}

func (m *documentedAnswerMatcher) FailureMessage(actual any) string {
	if m.failed == "schema" {
		resp := actual.(*client.Response)
		return fmt.Sprintf("%s/%s: ErrorCode %d is one the spec accepts, but %s",
			resp.Service, resp.Command, resp.Code(), m.schema.FailureMessage(actual))
	}
	return m.code.FailureMessage(actual)
}

func (m *documentedAnswerMatcher) NegatedFailureMessage(actual any) string {
	return m.code.NegatedFailureMessage(actual)
}
