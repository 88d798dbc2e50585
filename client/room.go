package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// Ptr returns a pointer to v, for the optional fields of request packets.
func Ptr[T any](v T) *T { return &v }

// RoomSettings are the room attributes a caller sets; nil fields are omitted from the packet.
// Vendor page: https://trtc.io/document/60707 (Create a Room).
type RoomSettings struct {
	RoomID                   string  `json:"RoomId"`
	RoomName                 *string `json:"RoomName,omitempty"`
	RoomType                 *string `json:"RoomType,omitempty"`
	OwnerAccount             *string `json:"Owner_Account,omitempty"`
	MaxMemberCount           *int    `json:"MaxMemberCount,omitempty"`
	ScheduleStartTime        *int64  `json:"ScheduleStartTime,omitempty"`
	ScheduleEndTime          *int64  `json:"ScheduleEndTime,omitempty"`
	IsVideoDisabled          *bool   `json:"IsVideoDisabled,omitempty"`
	IsAudioDisabled          *bool   `json:"IsAudioDisabled,omitempty"`
	IsMessageDisabled        *bool   `json:"IsMessageDisabled,omitempty"`
	IsScreenSharingDisabled  *bool   `json:"IsScreenSharingDisabled,omitempty"`
	IsCloudRecordingDisabled *bool   `json:"IsCloudRecordingDisabled,omitempty"`
	CustomInfo               *string `json:"CustomInfo,omitempty"`
	IsSeatEnabled            *bool   `json:"IsSeatEnabled,omitempty"`
	MaxSeatCount             *int    `json:"MaxSeatCount,omitempty"`
	TakeSeatMode             *string `json:"TakeSeatMode,omitempty"`
	IsPasswordEnabled        *bool   `json:"IsPasswordEnabled,omitempty"`
	Password                 *string `json:"Password,omitempty"`
}

// CreateRoomRequest is the create_room packet: the room in RoomInfo, invitees beside it.
// Vendor page: https://trtc.io/document/60707 (Create a Room).
type CreateRoomRequest struct {
	RoomInfo                    RoomSettings `json:"RoomInfo"`
	ScheduleInviteeListAccounts []string     `json:"ScheduleInviteeList_Account,omitempty"`
}

// UpdateRoomInfoRequest is the update_room_info packet.
// Vendor page: https://trtc.io/document/60705 (Update the Room Information).
type UpdateRoomInfoRequest struct {
	RoomInfo RoomSettings `json:"RoomInfo"`
}

// RoomIDRequest is the packet of get_room_info and destroy_room.
// Vendor pages: https://trtc.io/document/60704, https://trtc.io/document/60706.
type RoomIDRequest struct {
	RoomID string `json:"RoomId"`
}

// RoomInfo is a room as get_room_info reports it. CN-only fields are pointers: absent on
// services that follow the English pages (D-10).
// Vendor page: https://trtc.io/document/60704 (Get the Room Information).
type RoomInfo struct {
	RoomID                   string  `json:"RoomId"`
	RoomName                 string  `json:"RoomName"`
	RoomType                 string  `json:"RoomType"`
	OwnerAccount             string  `json:"Owner_Account"`
	MaxMemberCount           int     `json:"MaxMemberCount"`
	MaxSeatCount             int     `json:"MaxSeatCount"`
	ScheduleStartTime        int64   `json:"ScheduleStartTime"`
	ScheduleEndTime          int64   `json:"ScheduleEndTime"`
	IsVideoDisabled          bool    `json:"IsVideoDisabled"`
	IsAudioDisabled          bool    `json:"IsAudioDisabled"`
	IsMessageDisabled        bool    `json:"IsMessageDisabled"`
	IsScreenSharingDisabled  bool    `json:"IsScreenSharingDisabled"`
	IsCloudRecordingDisabled bool    `json:"IsCloudRecordingDisabled"`
	CustomInfo               string  `json:"CustomInfo"`
	RoomStatus               string  `json:"RoomStatus"`
	IsSeatEnabled            bool    `json:"IsSeatEnabled"`
	TakeSeatMode             string  `json:"TakeSeatMode"`
	CreateTime               int64   `json:"CreateTime"`
	MemberCount              int     `json:"MemberCount"`
	IsPasswordEnabled        *bool   `json:"IsPasswordEnabled,omitempty"`
	Password                 *string `json:"Password,omitempty"`
}

// GetRoomInfoResponse is the success answer of get_room_info.
type GetRoomInfoResponse struct {
	Response struct {
		RoomInfo RoomInfo `json:"RoomInfo"`
	} `json:"Response"`
}

// CreateRoom calls room_engine_http_srv/create_room.
// Vendor page: https://trtc.io/document/60707 (Create a Room).
func (c *Client) CreateRoom(ctx context.Context, req CreateRoomRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceRoom, "create_room", req)
}

// DestroyRoom calls room_engine_http_srv/destroy_room.
// Vendor page: https://trtc.io/document/60706 (Destroy a Room).
func (c *Client) DestroyRoom(ctx context.Context, roomID string) (*Response, error) {
	return c.Call(ctx, catalog.ServiceRoom, "destroy_room", RoomIDRequest{RoomID: roomID})
}

// UpdateRoomInfo calls room_engine_http_srv/update_room_info.
// Vendor page: https://trtc.io/document/60705 (Update the Room Information).
func (c *Client) UpdateRoomInfo(ctx context.Context, req UpdateRoomInfoRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceRoom, "update_room_info", req)
}

// GetRoomInfo calls room_engine_http_srv/get_room_info and decodes the room on success.
// Vendor page: https://trtc.io/document/60704 (Get the Room Information).
func (c *Client) GetRoomInfo(ctx context.Context, roomID string) (*RoomInfo, *Response, error) {
	answer, resp, err := callAndDecode[GetRoomInfoResponse](ctx, c, "get_room_info", RoomIDRequest{RoomID: roomID})
	if err != nil {
		return nil, resp, err
	}
	return &answer.Response.RoomInfo, resp, nil
}
