package matchers

import (
	"fmt"

	"github.com/onsi/gomega/types"

	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/schemas"
)

// MatchSchema succeeds when the answer's body (a *client.Response, []byte or string) is
// valid against the named schema, e.g. "room_engine_http_srv/get_room_info.response".
func MatchSchema(name string) types.GomegaMatcher {
	return &schemaMatcher{name: name}
}

type schemaMatcher struct {
	name     string
	problems error
}

func (m *schemaMatcher) Match(actual any) (bool, error) {
	var body []byte
	switch v := actual.(type) {
	case *client.Response:
		if v == nil {
			return false, fmt.Errorf("MatchSchema got a nil *client.Response")
		}
		body = v.Raw
	case []byte:
		body = v
	case string:
		body = []byte(v)
	default:
		return false, fmt.Errorf("MatchSchema expects a *client.Response, []byte or string, got %T", actual)
	}
	if !schemas.Has(m.name) {
		return false, fmt.Errorf("MatchSchema: no schema named %q", m.name)
	}
	m.problems = schemas.Validate(m.name, body)
	return m.problems == nil, nil
}

func (m *schemaMatcher) FailureMessage(actual any) string {
	return fmt.Sprintf("the answer does not match the documented packet:\n%v\nbody: %s", m.problems, clip(bodyOf(actual)))
}

func (m *schemaMatcher) NegatedFailureMessage(actual any) string {
	return fmt.Sprintf("expected the answer not to match schema %s, but it does\nbody: %s", m.name, clip(bodyOf(actual)))
}

func bodyOf(actual any) []byte {
	switch v := actual.(type) {
	case *client.Response:
		if v != nil {
			return v.Raw
		}
	case []byte:
		return v
	case string:
		return []byte(v)
	}
	return nil
}
