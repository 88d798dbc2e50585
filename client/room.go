package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// RoomsService calls the Conference room lifecycle commands of room_engine_http_srv.
type RoomsService service

// Create calls create_room; its answer is the envelope alone.
// Vendor page: https://trtc.io/document/60707
func (s *RoomsService) Create(ctx context.Context, req wire.CreateRoomRequest) (*wire.Envelope, *Response, error) {
	return callTyped[wire.Envelope](ctx, s.client, catalog.ServiceRoom, "create_room", req)
}

// Destroy calls destroy_room; its answer is the envelope alone.
// Vendor page: https://trtc.io/document/60706
func (s *RoomsService) Destroy(ctx context.Context, roomID string) (*wire.Envelope, *Response, error) {
	return callTyped[wire.Envelope](ctx, s.client, catalog.ServiceRoom, "destroy_room", wire.RoomIDRequest{RoomID: roomID})
}

// GetInfo calls get_room_info; the room is in Response.RoomInfo.
// Vendor page: https://trtc.io/document/60704
func (s *RoomsService) GetInfo(ctx context.Context, roomID string) (*wire.GetRoomInfoResponse, *Response, error) {
	return callTyped[wire.GetRoomInfoResponse](ctx, s.client, catalog.ServiceRoom, "get_room_info", wire.RoomIDRequest{RoomID: roomID})
}
