package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// GetCallback calls room_config/get_callback and decodes the configuration on success.
// Vendor page: https://trtc.io/document/60730 (Query Callback Configuration).
func (c *Client) GetCallback(ctx context.Context) (*wire.CallbackConfig, *Response, error) {
	resp, err := c.Call(ctx, catalog.ServiceConfig, "get_callback", nil)
	if err != nil {
		return nil, resp, err
	}
	var answer wire.GetCallbackResponse
	if err := resp.Decode(&answer); err != nil {
		return nil, resp, err
	}
	return &answer.Response, resp, nil
}
