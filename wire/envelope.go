// Package wire holds the packets of the TRTC server REST API: the request and answer bodies of
// every documented command, the outcome envelope every answer starts with, the callback
// payloads and the enumerated values the pages define. Both sides of the project speak it: the
// client sends and decodes these packets, the emulator decodes and answers them.
//
// The package imports nothing of the project, so that any package may depend on it. Each
// type's comment names the vendor page it follows; where the pages disagree the type follows
// the documented sample and the deviation is recorded in docs/errata.md (D-xx) or
// docs/errata-live.md (L-xx).
//
// Vendor page: https://trtc.io/document/60703 (RESTful API overview).
package wire

// Envelope is the outcome part of every answer, in the attribute order of the vendor's
// samples: ActionStatus OK with ErrorCode 0, or FAIL with a non-zero code and its ErrorInfo.
// RequestId is promised by the Conference pages and absent from the Chat account samples.
// Vendor page: https://trtc.io/document/60703 (RESTful API overview).
type Envelope struct {
	ActionStatus string `json:"ActionStatus"`
	ErrorInfo    string `json:"ErrorInfo"`
	ErrorCode    int    `json:"ErrorCode"`
	RequestID    string `json:"RequestId"`
}

// Ptr returns a pointer to v, for the optional fields of request packets.
func Ptr[T any](v T) *T { return &v }
