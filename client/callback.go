package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// CallbackConfig is the packet of set_callback and update_callback, and the answer of
// get_callback: one URL and the command words to deliver to it.
// Vendor page: https://trtc.io/document/60729 (Create Callback Configuration).
type CallbackConfig struct {
	URL                 string   `json:"Url"`
	CallbackCommandList []string `json:"CallbackCommandList"`
}

// GetCallbackResponse is the success answer of get_callback.
type GetCallbackResponse struct {
	Response CallbackConfig `json:"Response"`
}

// CallbackReply is what a receiver answers to every Conference callback.
type CallbackReply struct {
	ActionStatus string `json:"ActionStatus"`
	ErrorInfo    string `json:"ErrorInfo"`
	ErrorCode    int    `json:"ErrorCode"`
}

// GetCallback calls room_config/get_callback and decodes the configuration on success.
// Vendor page: https://trtc.io/document/60730 (Query Callback Configuration).
func (c *Client) GetCallback(ctx context.Context) (*CallbackConfig, *Response, error) {
	resp, err := c.Call(ctx, catalog.ServiceConfig, "get_callback", nil)
	if err != nil {
		return nil, resp, err
	}
	var answer GetCallbackResponse
	if err := resp.Decode(&answer); err != nil {
		return nil, resp, err
	}
	return &answer.Response, resp, nil
}
