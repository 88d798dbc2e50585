package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// CallbacksService calls the callback configuration commands of room_config.
type CallbacksService service

// Get calls get_callback; the configuration is in Response.
// Vendor page: https://trtc.io/document/60730
func (s *CallbacksService) Get(ctx context.Context) (*wire.GetCallbackResponse, *Response, error) {
	return callTyped[wire.GetCallbackResponse](ctx, s.client, catalog.ServiceConfig, "get_callback", nil)
}
