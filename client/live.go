package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// LiveCreateRoom calls live_engine_http_srv/create_room.
// Vendor page: https://trtc.io/document/63401 (Create a Room).
func (c *Client) LiveCreateRoom(ctx context.Context, req wire.LiveCreateRoomRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "create_room", req)
}

// LiveDestroyRoom calls live_engine_http_srv/destroy_room and decodes the statistics, where
// the service reports them.
// Vendor page: https://trtc.io/document/63406 (Destroy a Room).
func (c *Client) LiveDestroyRoom(ctx context.Context, roomID string) (*wire.LiveDestroyRoomResponse, *Response, error) {
	return liveCallAndDecode[wire.LiveDestroyRoomResponse](ctx, c, "destroy_room", wire.LiveRoomIDRequest{RoomID: roomID})
}

// LiveUpdateRoomInfo calls live_engine_http_srv/update_room_info.
// Vendor page: https://trtc.io/document/63419 (Update the Room Information).
func (c *Client) LiveUpdateRoomInfo(ctx context.Context, req wire.LiveUpdateRoomInfoRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "update_room_info", req)
}

// LiveGetRoomInfo calls live_engine_http_srv/get_room_info and decodes the room on success.
// Vendor page: https://trtc.io/document/63404 (Get the Room Information).
func (c *Client) LiveGetRoomInfo(ctx context.Context, roomID string) (*wire.LiveRoomInfo, *Response, error) {
	answer, resp, err := liveCallAndDecode[wire.LiveGetRoomInfoResponse](ctx, c, "get_room_info", wire.LiveRoomIDRequest{RoomID: roomID})
	if err != nil {
		return nil, resp, err
	}
	return &answer.Response.RoomInfo, resp, nil
}

// LiveGetRoomList calls live_engine_http_srv/get_room_list (10 calls/s) for one page.
// Vendor page: https://trtc.io/document/63405 (Get the Room List).
func (c *Client) LiveGetRoomList(ctx context.Context, req wire.LiveGetRoomListRequest) (*wire.LiveGetRoomListResponse, *Response, error) {
	return liveCallAndDecode[wire.LiveGetRoomListResponse](ctx, c, "get_room_list", req)
}

// LiveGetRoomMetadata calls live_engine_http_srv/get_room_metadata.
// Vendor page: https://trtc.io/document/64374 (Get Room Metadata).
func (c *Client) LiveGetRoomMetadata(ctx context.Context, req wire.LiveGetRoomMetadataRequest) (*wire.LiveGetRoomMetadataResponse, *Response, error) {
	return liveCallAndDecode[wire.LiveGetRoomMetadataResponse](ctx, c, "get_room_metadata", req)
}

// LiveSetRoomMetadata calls live_engine_http_srv/set_room_metadata.
// Vendor page: https://trtc.io/document/64375 (Set Room Metadata).
func (c *Client) LiveSetRoomMetadata(ctx context.Context, req wire.LiveSetRoomMetadataRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "set_room_metadata", req)
}

// LiveDelRoomMetadata calls live_engine_http_srv/del_room_metadata.
// Vendor page: https://www.tencentcloud.com/document/product/647/64376 (Delete Room Metadata).
func (c *Client) LiveDelRoomMetadata(ctx context.Context, req wire.LiveDelRoomMetadataRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "del_room_metadata", req)
}

// LiveChangeRoomOwner calls live_engine_http_srv/change_room_owner.
// Vendor page: https://trtc.io/document/72534 (Change Owner).
func (c *Client) LiveChangeRoomOwner(ctx context.Context, req wire.LiveChangeRoomOwnerRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "change_room_owner", req)
}

// LiveGetMemberList calls live_engine_http_srv/get_member_list for one page.
// Vendor page: https://trtc.io/document/66908 (Get the Room Member List).
func (c *Client) LiveGetMemberList(ctx context.Context, req wire.LiveGetMemberListRequest) (*wire.LiveGetMemberListResponse, *Response, error) {
	return liveCallAndDecode[wire.LiveGetMemberListResponse](ctx, c, "get_member_list", req)
}

// LiveMuteMember calls live_engine_http_srv/mute_member.
// Vendor page: https://trtc.io/document/66969 (Mute Members).
func (c *Client) LiveMuteMember(ctx context.Context, req wire.LiveMuteMemberRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "mute_member", req)
}

// LiveGetMutedMemberList calls live_engine_http_srv/get_muted_member_list.
// Vendor page: https://trtc.io/document/69894 (Get the Muted Member List).
func (c *Client) LiveGetMutedMemberList(ctx context.Context, roomID string) (*wire.LiveGetMutedMemberListResponse, *Response, error) {
	return liveCallAndDecode[wire.LiveGetMutedMemberListResponse](ctx, c, "get_muted_member_list", wire.LiveRoomIDRequest{RoomID: roomID})
}

// LiveBanMember calls live_engine_http_srv/ban_member.
// Vendor page: https://trtc.io/document/63423 (Ban Room Members).
func (c *Client) LiveBanMember(ctx context.Context, req wire.LiveBanMemberRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "ban_member", req)
}

// LiveUnbanMember calls live_engine_http_srv/unban_member.
// Vendor page: https://www.tencentcloud.com/document/product/647/63426 (Unban Room Members).
func (c *Client) LiveUnbanMember(ctx context.Context, req wire.LiveUnbanMemberRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "unban_member", req)
}

// LiveGetBannedMemberList calls live_engine_http_srv/get_banned_member_list for one page.
// Vendor page: https://trtc.io/document/63424 (Get the Banned Member List).
func (c *Client) LiveGetBannedMemberList(ctx context.Context, req wire.LiveGetBannedMemberListRequest) (*wire.LiveGetBannedMemberListResponse, *Response, error) {
	return liveCallAndDecode[wire.LiveGetBannedMemberListResponse](ctx, c, "get_banned_member_list", req)
}

// LiveGetAdminList calls live_engine_http_srv/get_admin_list.
// Vendor page: https://www.tencentcloud.com/document/product/647/63425 (Get the Admin List).
func (c *Client) LiveGetAdminList(ctx context.Context, roomID string) (*wire.LiveGetAdminListResponse, *Response, error) {
	return liveCallAndDecode[wire.LiveGetAdminListResponse](ctx, c, "get_admin_list", wire.LiveRoomIDRequest{RoomID: roomID})
}

// LiveModifyAdmin calls live_engine_http_srv/modify_admin.
// Vendor page: https://www.tencentcloud.com/document/product/1071/76881 (Modify Admins).
func (c *Client) LiveModifyAdmin(ctx context.Context, req wire.LiveModifyAdminRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "modify_admin", req)
}

// liveCallAndDecode calls a Live command and decodes its success answer into T.
func liveCallAndDecode[T any](ctx context.Context, c *Client, command string, req any) (*T, *Response, error) {
	resp, err := c.Call(ctx, catalog.ServiceLive, command, req)
	if err != nil {
		return nil, resp, err
	}
	var answer T
	if err := resp.Decode(&answer); err != nil {
		return nil, resp, err
	}
	return &answer, resp, nil
}
