package client

import (
	"context"
	"reflect"

	"github.com/trtc-conformance/trtc-conformance/wire"
)

// service is what every area of typed methods holds: the client they call through. The areas
// (RoomsService, MembersService, ...) are named types of it, so that each has its own methods.
type service struct {
	client *Client
}

// callTyped is the one shape of every typed method: it sends body to service/command through
// Call and returns the answer decoded into a T whenever the answer is an envelope, failures
// included, so that callers can read ErrorCode from it as from the *Response.
//
// The error is Call's: an *APIError for a non-zero ErrorCode, a *ProtocolError or a
// *TransportError (the answer is nil then). On success, a body that does not decode into T is
// an error and the answer is nil; beside an *APIError such a body is not reported, the
// failure says more.
func callTyped[T any](ctx context.Context, c *Client, service, command string, body any) (*T, *Response, error) {
	resp, err := c.Call(ctx, service, command, body)
	if resp == nil || resp.ProtocolProblem != "" {
		return nil, resp, err
	}
	answer := new(T)
	if decodeErr := resp.Decode(answer); decodeErr != nil {
		if err == nil {
			err = decodeErr
		}
		return nil, resp, err
	}
	setEnvelope(answer, resp.Envelope)
	return answer, resp, err
}

var envelopeType = reflect.TypeFor[wire.Envelope]()

// setEnvelope gives a typed answer the envelope Do read strictly: json.Unmarshal also accepts
// keys that differ only in case, so a body holding both "ErrorCode" and "errorcode" would
// otherwise give the answer a code the *Response does not report.
func setEnvelope(answer any, envelope wire.Envelope) {
	value := reflect.ValueOf(answer).Elem()
	switch {
	case value.Type() == envelopeType:
		value.Set(reflect.ValueOf(envelope))
	case value.Kind() == reflect.Struct:
		if field, ok := value.Type().FieldByName("Envelope"); ok && field.Anonymous && field.Type == envelopeType {
			value.FieldByIndex(field.Index).Set(reflect.ValueOf(envelope))
		}
	}
}
