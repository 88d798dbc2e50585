package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/schemas"
)

// call is one authenticated request that reached a command handler.
type call struct {
	service    string
	command    string
	key        string // "<service>/<command>"
	route      *route
	identifier string
	clientIP   string // for the callbacks' ClientIP
	localAddr  string // the address the call came in on ("" when unknown): never a callback target
	body       []byte
	now        time.Time
	ctx        context.Context // the REST request's: a blocking callback ends with it
}

// serveREST applies the gateway rules of the RESTful API overview in a fixed order
// (docs/emulator.md lists it), then runs the command.
func (e *Emulator) serveREST(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			e.cfg.Logger.Error("handler panicked", "path", r.URL.Path, "panic", v)
			e.write(w, fail(catalog.CodeInternal, "internal error"))
		}
	}()
	a, injected := e.handle(w, r)
	if a.code != 0 {
		e.cfg.Logger.Debug("refused", "path", r.URL.Path, "code", a.code, "info", a.info, "injected", injected)
	}
	if injected {
		e.writeInjected(w, a.code, a.info)
		return
	}
	e.write(w, a)
}

// handle returns the answer to one REST call, and whether an armed fault forced it.
func (e *Emulator) handle(w http.ResponseWriter, r *http.Request) (answer, bool) {
	c, refusal := e.admit(r)
	if refusal != nil {
		return *refusal, false
	}
	c.clientIP = clientIPOf(r)
	c.ctx = r.Context()
	if local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		c.localAddr = local.String()
	}
	if fault, armed := e.faults.take(c.service, c.command); armed {
		if fault.DelayMillis > 0 {
			e.delay(w, r, time.Duration(fault.DelayMillis)*time.Millisecond)
		}
		return fail(fault.ErrorCode, fault.ErrorInfo), true
	}
	body, refusal := readBody(r)
	if refusal != nil {
		return *refusal, false
	}
	c.body = body
	if refusal := e.validateRequest(c); refusal != nil {
		return *refusal, false
	}
	return c.route.handle(e, c), false
}

// delay holds a faulted call for d: until then, unless the caller gives up or a shutdown cuts
// delays short. The write deadline moves by d, so that the server's WriteTimeout counts from
// the end of the delay and the delayed answer is still written.
func (e *Emulator) delay(w http.ResponseWriter, r *http.Request, d time.Duration) {
	if e.cfg.WriteTimeout > 0 {
		// Fails only where the writer has no deadline to move (httptest recorders).
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(d + e.cfg.WriteTimeout))
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-r.Context().Done():
	case <-e.cutDelays:
	}
}

// validateRequest checks the body against the command's request schema. A user ID that is not
// a string is 60015 (the overview: UserIDs must be strings); anything else is the command
// family's invalid-parameter code.
func (e *Emulator) validateRequest(c *call) *answer {
	err := schemas.Validate(c.route.requestSchema, c.body)
	if err == nil {
		return nil
	}
	var invalid *schemas.ValidationError
	if !errors.As(err, &invalid) {
		a := fail(catalog.CodeInternal, "request schema unavailable: "+err.Error())
		return &a
	}
	code := invalidParameterCode(c.service)
	for _, problem := range invalid.Problems {
		if problem.Kind == schemas.WrongType && problem.WantType == "string" && isAccountField(problem.Field) {
			code = catalog.CodeAccountType
			break
		}
	}
	listed := maxListedProblems
	if e.cfg.Choices.FirstSchemaProblemOnly {
		listed = 1
	}
	problems := make([]string, 0, min(len(invalid.Problems), listed+1))
	for i, problem := range invalid.Problems {
		if i == listed {
			problems = append(problems, fmt.Sprintf("and %d more", len(invalid.Problems)-i))
			break
		}
		problems = append(problems, problem.Field+": "+problem.Detail)
	}
	a := fail(code, "invalid parameter: "+strings.Join(problems, "; "))
	return &a
}

// maxListedProblems bounds the schema problems an ErrorInfo lists: a body of ten thousand wrong
// items gets the first ones and a count, not an answer ten times its size.
const maxListedProblems = 20

// isAccountField reports whether a JSON path names a user ID (…_Account, UserID, Accounts).
func isAccountField(path string) bool {
	for _, segment := range strings.Split(path, ".") {
		if strings.HasSuffix(segment, "_Account") || segment == "UserID" || segment == "Accounts" {
			return true
		}
	}
	return false
}

func invalidParameterCode(service string) int {
	if service == catalog.ServiceAccount {
		return codeAccountInvalidParameter
	}
	return catalog.CodeInvalidParameter
}

// validUserID applies the vendor's account rule: 1–32 bytes of letters, digits, _ and -.
func validUserID(id string) bool {
	if len(id) == 0 || len(id) > 32 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
