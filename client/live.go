package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// LiveService calls the Live commands of live_engine_http_srv. Commands without a method here
// are sent with Call and a wire packet.
type LiveService service

// CreateRoom calls create_room; the 2026 pages answer the room ID in Response.
// Vendor page: https://trtc.io/document/63401
func (s *LiveService) CreateRoom(ctx context.Context, req wire.LiveCreateRoomRequest) (*wire.LiveCreateRoomResponse, *Response, error) {
	return callTyped[wire.LiveCreateRoomResponse](ctx, s.client, catalog.ServiceLive, "create_room", req)
}

// DestroyRoom calls destroy_room; the 2025-11 pages answer the room's statistics in Response.
// Vendor page: https://trtc.io/document/63406
func (s *LiveService) DestroyRoom(ctx context.Context, roomID string) (*wire.LiveDestroyRoomResponse, *Response, error) {
	return callTyped[wire.LiveDestroyRoomResponse](ctx, s.client, catalog.ServiceLive, "destroy_room", wire.LiveRoomIDRequest{RoomID: roomID})
}

// GetRoomInfo calls get_room_info; the room is in Response.RoomInfo.
// Vendor page: https://trtc.io/document/63404
func (s *LiveService) GetRoomInfo(ctx context.Context, roomID string) (*wire.LiveGetRoomInfoResponse, *Response, error) {
	return callTyped[wire.LiveGetRoomInfoResponse](ctx, s.client, catalog.ServiceLive, "get_room_info", wire.LiveRoomIDRequest{RoomID: roomID})
}

// GetRoomList calls get_room_list (10 calls/s) for one page.
// Vendor page: https://trtc.io/document/63405
func (s *LiveService) GetRoomList(ctx context.Context, req wire.LiveGetRoomListRequest) (*wire.LiveGetRoomListResponse, *Response, error) {
	return callTyped[wire.LiveGetRoomListResponse](ctx, s.client, catalog.ServiceLive, "get_room_list", req)
}

// GetRoomMetadata calls get_room_metadata.
// Vendor page: https://trtc.io/document/64374
func (s *LiveService) GetRoomMetadata(ctx context.Context, req wire.LiveGetRoomMetadataRequest) (*wire.LiveGetRoomMetadataResponse, *Response, error) {
	return callTyped[wire.LiveGetRoomMetadataResponse](ctx, s.client, catalog.ServiceLive, "get_room_metadata", req)
}

// GetMemberList calls get_member_list for one page.
// Vendor page: https://trtc.io/document/66908
func (s *LiveService) GetMemberList(ctx context.Context, req wire.LiveGetMemberListRequest) (*wire.LiveGetMemberListResponse, *Response, error) {
	return callTyped[wire.LiveGetMemberListResponse](ctx, s.client, catalog.ServiceLive, "get_member_list", req)
}

// GetMutedMemberList calls get_muted_member_list.
// Vendor page: https://trtc.io/document/69894
func (s *LiveService) GetMutedMemberList(ctx context.Context, roomID string) (*wire.LiveGetMutedMemberListResponse, *Response, error) {
	return callTyped[wire.LiveGetMutedMemberListResponse](ctx, s.client, catalog.ServiceLive, "get_muted_member_list", wire.LiveRoomIDRequest{RoomID: roomID})
}

// GetBannedMemberList calls get_banned_member_list for one page.
// Vendor page: https://trtc.io/document/63424
func (s *LiveService) GetBannedMemberList(ctx context.Context, req wire.LiveGetBannedMemberListRequest) (*wire.LiveGetBannedMemberListResponse, *Response, error) {
	return callTyped[wire.LiveGetBannedMemberListResponse](ctx, s.client, catalog.ServiceLive, "get_banned_member_list", req)
}

// GetAdminList calls get_admin_list.
// Vendor page: https://www.tencentcloud.com/document/product/647/63425
func (s *LiveService) GetAdminList(ctx context.Context, roomID string) (*wire.LiveGetAdminListResponse, *Response, error) {
	return callTyped[wire.LiveGetAdminListResponse](ctx, s.client, catalog.ServiceLive, "get_admin_list", wire.LiveRoomIDRequest{RoomID: roomID})
}
