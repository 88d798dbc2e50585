package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// MembersService calls the Conference member commands of room_engine_http_srv.
type MembersService service

// GetList calls get_room_member_list for one page.
// Vendor page: https://trtc.io/document/60715
func (s *MembersService) GetList(ctx context.Context, req wire.GetRoomMemberListRequest) (*wire.GetRoomMemberListResponse, *Response, error) {
	return callTyped[wire.GetRoomMemberListResponse](ctx, s.client, catalog.ServiceRoom, "get_room_member_list", req)
}

// GetBannedList calls get_banned_member_list for one page.
// Vendor page: https://trtc.io/document/60709
func (s *MembersService) GetBannedList(ctx context.Context, req wire.GetBannedMemberListRequest) (*wire.GetBannedMemberListResponse, *Response, error) {
	return callTyped[wire.GetBannedMemberListResponse](ctx, s.client, catalog.ServiceRoom, "get_banned_member_list", req)
}
