package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// GetRoomMemberList calls get_room_member_list and decodes the page on success.
// Vendor page: https://trtc.io/document/60715 (Get the Room Member List).
func (c *Client) GetRoomMemberList(ctx context.Context, req wire.GetRoomMemberListRequest) (*wire.GetRoomMemberListResponse, *Response, error) {
	return callAndDecode[wire.GetRoomMemberListResponse](ctx, c, "get_room_member_list", req)
}

// GetBannedMemberList calls get_banned_member_list and decodes the page on success.
// Vendor page: https://trtc.io/document/60709 (Get the Banned Room Member List).
func (c *Client) GetBannedMemberList(ctx context.Context, req wire.GetBannedMemberListRequest) (*wire.GetBannedMemberListResponse, *Response, error) {
	return callAndDecode[wire.GetBannedMemberListResponse](ctx, c, "get_banned_member_list", req)
}

// callAndDecode calls a room command and decodes its success answer into T.
func callAndDecode[T any](ctx context.Context, c *Client, command string, req any) (*T, *Response, error) {
	resp, err := c.Call(ctx, catalog.ServiceRoom, command, req)
	if err != nil {
		return nil, resp, err
	}
	var answer T
	if err := resp.Decode(&answer); err != nil {
		return nil, resp, err
	}
	return &answer, resp, nil
}
