package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// CreateRoom calls room_engine_http_srv/create_room.
// Vendor page: https://trtc.io/document/60707 (Create a Room).
func (c *Client) CreateRoom(ctx context.Context, req wire.CreateRoomRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceRoom, "create_room", req)
}

// DestroyRoom calls room_engine_http_srv/destroy_room.
// Vendor page: https://trtc.io/document/60706 (Destroy a Room).
func (c *Client) DestroyRoom(ctx context.Context, roomID string) (*Response, error) {
	return c.Call(ctx, catalog.ServiceRoom, "destroy_room", wire.RoomIDRequest{RoomID: roomID})
}

// UpdateRoomInfo calls room_engine_http_srv/update_room_info.
// Vendor page: https://trtc.io/document/60705 (Update the Room Information).
func (c *Client) UpdateRoomInfo(ctx context.Context, req wire.UpdateRoomInfoRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceRoom, "update_room_info", req)
}

// GetRoomInfo calls room_engine_http_srv/get_room_info and decodes the room on success.
// Vendor page: https://trtc.io/document/60704 (Get the Room Information).
func (c *Client) GetRoomInfo(ctx context.Context, roomID string) (*wire.RoomInfo, *Response, error) {
	answer, resp, err := callAndDecode[wire.GetRoomInfoResponse](ctx, c, "get_room_info", wire.RoomIDRequest{RoomID: roomID})
	if err != nil {
		return nil, resp, err
	}
	return &answer.Response.RoomInfo, resp, nil
}
