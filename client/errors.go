package client

import (
	"errors"
	"fmt"
)

// APIError is a well-formed answer whose envelope reports a failure (ErrorCode != 0).
// The vendor answers HTTP 200 with the outcome in the body, so this is the ordinary
// failure path (RESTful API overview, https://trtc.io/document/60703).
type APIError struct {
	Service   string
	Command   string
	ErrorCode int
	ErrorInfo string
	RequestID string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s/%s: ErrorCode %d: %s (RequestId %s)", e.Service, e.Command, e.ErrorCode, e.ErrorInfo, e.RequestID)
}

// TransportError means no answer came back: connection refused, DNS, TLS, timeout, or the
// context ended. It describes the environment, not the service's behaviour.
type TransportError struct {
	Service string
	Command string
	Err     error
}

func (e *TransportError) Error() string {
	return fmt.Sprintf("%s/%s: no answer: %v", e.Service, e.Command, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// Timeout reports whether the call gave up waiting for the answer.
func (e *TransportError) Timeout() bool {
	var timeout interface{ Timeout() bool }
	return errors.As(e.Err, &timeout) && timeout.Timeout()
}

// ProtocolError means an answer came back but it is not a REST envelope: a non-200 HTTP
// status, a body that is not JSON, or an envelope field missing or mistyped.
type ProtocolError struct {
	Service    string
	Command    string
	HTTPStatus int
	Body       []byte
	Reason     string
}

func (e *ProtocolError) Error() string {
	body := e.Body
	if len(body) > 200 {
		body = body[:200]
	}
	return fmt.Sprintf("%s/%s: not a REST envelope (HTTP %d): %s: %q", e.Service, e.Command, e.HTTPStatus, e.Reason, body)
}

// ErrConfig wraps every configuration problem found by New.
var ErrConfig = errors.New("client configuration")
