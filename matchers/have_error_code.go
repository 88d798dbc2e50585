package matchers

import (
	"fmt"
	"strings"

	"github.com/onsi/gomega/types"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/results"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// HaveErrorCode succeeds when the answer is a REST envelope whose ErrorCode is one of codes
// (several where the docs allow variants) and whose ActionStatus agrees with it. Every
// evaluation is recorded as an assertion for the coverage matrix.
func HaveErrorCode(codes ...int) types.GomegaMatcher {
	return &errorCodeMatcher{codes: codes, record: recordOnSpec}
}

type errorCodeMatcher struct {
	codes  []int
	record func(results.Assertion) // where each evaluation goes (tests pass their own)
}

func (m *errorCodeMatcher) Match(actual any) (bool, error) {
	resp, ok := actual.(*client.Response)
	if !ok || resp == nil {
		return false, fmt.Errorf("HaveErrorCode expects a non-nil *client.Response, got %T", actual)
	}
	assertion := results.Assertion{
		Service:     resp.Service,
		Command:     resp.Command,
		Expected:    append([]int(nil), m.codes...),
		Injected:    resp.Injected,
		ExchangeSeq: int(resp.Seq),
	}
	if resp.ProtocolProblem == "" {
		observed := resp.Code()
		assertion.Observed = &observed
		assertion.Passed = m.accepts(observed) && statusAgrees(resp.Envelope)
	}
	m.record(assertion)
	return assertion.Passed, nil
}

func (m *errorCodeMatcher) accepts(code int) bool {
	for _, c := range m.codes {
		if c == code {
			return true
		}
	}
	return false
}

func statusAgrees(env wire.Envelope) bool {
	if env.ErrorCode == 0 {
		return env.ActionStatus == "OK"
	}
	return env.ActionStatus == "FAIL"
}

func (m *errorCodeMatcher) expected() string {
	described := make([]string, len(m.codes))
	for i, c := range m.codes {
		described[i] = catalog.Describe(c)
	}
	return strings.Join(described, " or ")
}

func (m *errorCodeMatcher) FailureMessage(actual any) string {
	resp, _ := actual.(*client.Response)
	if resp == nil {
		return fmt.Sprintf("expected an answer with ErrorCode %s, got %T", m.expected(), actual)
	}
	if resp.ProtocolProblem != "" {
		return fmt.Sprintf("%s/%s: expected ErrorCode %s, but the answer is not a REST envelope (%s)\nHTTP %d body: %s",
			resp.Service, resp.Command, m.expected(), resp.ProtocolProblem, resp.HTTPStatus, clip(resp.Raw))
	}
	env := resp.Envelope
	if m.accepts(env.ErrorCode) {
		return fmt.Sprintf("%s/%s: ErrorCode %d came with ActionStatus %q; the overview pairs 0 with OK and any other code with FAIL\nbody: %s",
			resp.Service, resp.Command, env.ErrorCode, env.ActionStatus, clip(resp.Raw))
	}
	return fmt.Sprintf("%s/%s: expected ErrorCode %s\n     got %s, ActionStatus %q, ErrorInfo %q, RequestId %q\nbody: %s",
		resp.Service, resp.Command, m.expected(), catalog.Describe(env.ErrorCode), env.ActionStatus, env.ErrorInfo, env.RequestID, clip(resp.Raw))
}

func (m *errorCodeMatcher) NegatedFailureMessage(actual any) string {
	resp, _ := actual.(*client.Response)
	if resp == nil {
		return fmt.Sprintf("expected an answer whose ErrorCode is not %s", m.expected())
	}
	return fmt.Sprintf("%s/%s: expected any ErrorCode but %s, got it\nbody: %s", resp.Service, resp.Command, m.expected(), clip(resp.Raw))
}

func clip(raw []byte) string {
	const limit = 2000
	if len(raw) > limit {
		return string(raw[:limit]) + "…"
	}
	return string(raw)
}
