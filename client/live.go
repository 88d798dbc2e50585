package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// Seat modes of a Live room. create_room and update_room_info send these strings;
// get_room_info reports them as the integers 1 and 2 on the 2024 pages (docs/errata-live.md L-02),
// which LiveRoomInfo decodes to the same strings.
// Vendor page: https://trtc.io/document/63404 (Get the Room Information).
const (
	LiveSeatFreeToTake  = "FreeToTake"
	LiveSeatApplyToTake = "ApplyToTake"
	LiveSeatNone        = "None"
)

// Operations of modify_admin.
// Vendor page: https://www.tencentcloud.com/document/product/1071/76881 (Modify Admins).
const (
	LiveAdminAdd    = "add"
	LiveAdminDelete = "delete"
)

// LiveRoomSettings are the attributes of a Live room a caller sets, in create_room (all three
// documented generations) and update_room_info; nil fields are omitted from the packet.
// Vendor pages: https://trtc.io/document/63401 (Create a Room), https://trtc.io/document/63419
// (Update the Room Information).
type LiveRoomSettings struct {
	RoomID                 string  `json:"RoomId"`
	RoomType               *string `json:"RoomType,omitempty"`
	SeatTemplate           *string `json:"SeatTemplate,omitempty"`
	OwnerAccount           *string `json:"Owner_Account,omitempty"`
	TakeSeatMode           *string `json:"TakeSeatMode,omitempty"`
	MaxSeatCount           *int    `json:"MaxSeatCount,omitempty"`
	IsMessageDisabled      *bool   `json:"IsMessageDisabled,omitempty"`
	IsPublicVisible        *bool   `json:"IsPublicVisible,omitempty"`
	RoomName               *string `json:"RoomName,omitempty"`
	CoverURL               *string `json:"CoverURL,omitempty"`
	Category               *[]int  `json:"Category,omitempty"`
	ActivityStatus         *int    `json:"ActivityStatus,omitempty"`
	MaxMemberCount         *int    `json:"MaxMemberCount,omitempty"`
	IsSeatEnabled          *bool   `json:"IsSeatEnabled,omitempty"`
	IsUnlimitedRoomEnabled *bool   `json:"IsUnlimitedRoomEnabled,omitempty"`
	SeatLayoutTemplateID   *int    `json:"SeatLayoutTemplateId,omitempty"`
	Notice                 *string `json:"Notice,omitempty"`
}

// LiveCreateRoomRequest is the Live create_room packet.
// Vendor page: https://trtc.io/document/63401 (Create a Room).
type LiveCreateRoomRequest struct {
	RoomInfo LiveRoomSettings `json:"RoomInfo"`
}

// LiveCreateRoomResponse is the success answer of create_room; Response.RoomId exists on the
// 2026 pages only.
// Vendor page: https://trtc.io/document/63401 (Create a Room).
type LiveCreateRoomResponse struct {
	Response *struct {
		RoomID *string `json:"RoomId"`
	} `json:"Response"`
}

// LiveUpdateRoomInfoRequest is the Live update_room_info packet.
// Vendor page: https://trtc.io/document/63419 (Update the Room Information).
type LiveUpdateRoomInfoRequest struct {
	RoomInfo LiveRoomSettings `json:"RoomInfo"`
}

// LiveRoomStatistic is the final statistics destroy_room reports on the 2025-11 pages.
// Vendor page: https://trtc.io/document/63406 (Destroy a Room).
type LiveRoomStatistic struct {
	TotalViewers           int64 `json:"TotalViewers"`
	TotalGiftsSent         int64 `json:"TotalGiftsSent"`
	TotalGiftCoins         int64 `json:"TotalGiftCoins"`
	TotalUniqueGiftSenders int64 `json:"TotalUniqueGiftSenders"`
	TotalLikesReceived     int64 `json:"TotalLikesReceived"`
}

// LiveDestroyRoomResponse is the success answer of destroy_room: Response is nil on services
// that follow the 2024 pages (envelope only).
// Vendor page: https://trtc.io/document/63406 (Destroy a Room).
type LiveDestroyRoomResponse struct {
	Response *struct {
		Statistic *LiveRoomStatistic `json:"Statistic"`
	} `json:"Response"`
}

// LiveRoomInfo is a Live room as get_room_info reports it. The documented variants are decoded
// to one form: TakeSeatMode 1/2 to FreeToTake/ApplyToTake (L-02), an Owner_Account printed as a
// bare number to its digits, exactly (L-03), and an IsMessageDisabled string to a boolean (L-04).
// Vendor page: https://trtc.io/document/63404 (Get the Room Information).
type LiveRoomInfo struct {
	RoomID            string `json:"RoomId"`
	RoomName          string `json:"RoomName"`
	RoomType          string `json:"RoomType"`
	OwnerAccount      string `json:"Owner_Account"`
	CreateTime        int64  `json:"CreateTime"`
	IsSeatEnabled     bool   `json:"IsSeatEnabled"`
	TakeSeatMode      string `json:"TakeSeatMode"`
	MaxSeatCount      int    `json:"MaxSeatCount"`
	MaxMemberCount    int    `json:"MaxMemberCount"`
	IsMessageDisabled bool   `json:"IsMessageDisabled"`
	CoverURL          string `json:"CoverURL"`
	Category          []int  `json:"Category"`
	ActivityStatus    int    `json:"ActivityStatus"`
	ViewCount         int64  `json:"ViewCount"`
	IsPublicVisible   bool   `json:"IsPublicVisible"`
}

// UnmarshalJSON decodes the documented variants of Owner_Account, TakeSeatMode and
// IsMessageDisabled; anything else is an error naming the field.
// Vendor page: https://trtc.io/document/63404 (Get the Room Information).
func (r *LiveRoomInfo) UnmarshalJSON(raw []byte) error {
	type plain LiveRoomInfo
	var wire struct {
		plain
		OwnerAccount      json.RawMessage `json:"Owner_Account"`
		TakeSeatMode      json.RawMessage `json:"TakeSeatMode"`
		IsMessageDisabled json.RawMessage `json:"IsMessageDisabled"`
	}
	if err := json.Unmarshal(raw, &wire); err != nil {
		return err
	}
	*r = LiveRoomInfo(wire.plain)
	var err error
	if r.OwnerAccount, err = liveAccount(wire.OwnerAccount); err != nil {
		return err
	}
	if r.TakeSeatMode, err = liveSeatMode(wire.TakeSeatMode); err != nil {
		return err
	}
	r.IsMessageDisabled, err = liveFlag("IsMessageDisabled", wire.IsMessageDisabled)
	return err
}

// liveAccount reads a user ID printed as a string or as a bare integer, keeping every digit of
// a number (an 18-digit number does not survive a float64).
func liveAccount(raw json.RawMessage) (string, error) {
	if len(raw) == 0 {
		return "", nil
	}
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		return text, nil
	}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.UseNumber()
	var number json.Number
	if err := decoder.Decode(&number); err != nil {
		return "", fmt.Errorf("Owner_Account %s is neither a string nor a number", raw)
	}
	if _, err := strconv.ParseUint(number.String(), 10, 64); err != nil {
		return "", fmt.Errorf("Owner_Account %s is not a non-negative integer", raw)
	}
	return number.String(), nil
}

// liveSeatMode reads TakeSeatMode as the integer 1/2 or a string.
func liveSeatMode(raw json.RawMessage) (string, error) {
	switch string(bytes.TrimSpace(raw)) {
	case "":
		return "", nil
	case "1":
		return LiveSeatFreeToTake, nil
	case "2":
		return LiveSeatApplyToTake, nil
	}
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		return "", fmt.Errorf("TakeSeatMode %s is neither 1, 2 nor a string", raw)
	}
	return text, nil
}

// liveFlag reads a switch printed as a boolean or as the string "true"/"false".
func liveFlag(name string, raw json.RawMessage) (bool, error) {
	switch string(bytes.TrimSpace(raw)) {
	case "", "false", `"false"`:
		return false, nil
	case "true", `"true"`:
		return true, nil
	}
	return false, fmt.Errorf("%s %s is neither a boolean nor \"true\"/\"false\"", name, raw)
}

// LiveGetRoomInfoResponse is the success answer of get_room_info.
// Vendor page: https://trtc.io/document/63404 (Get the Room Information).
type LiveGetRoomInfoResponse struct {
	Response struct {
		RoomInfo LiveRoomInfo `json:"RoomInfo"`
	} `json:"Response"`
}

// LiveRoomIDRequest is the packet of the Live commands that take only a room.
// Vendor pages: https://trtc.io/document/63404, https://trtc.io/document/63406.
type LiveRoomIDRequest struct {
	RoomID string `json:"RoomId"`
}

// LiveGetRoomListRequest asks for one page of public rooms; Next is "" on the first call and
// Count at most 20.
// Vendor page: https://trtc.io/document/63405 (Get the Room List).
type LiveGetRoomListRequest struct {
	Next  string `json:"Next"`
	Count *int   `json:"Count,omitempty"`
}

// LiveRoomListEntry is one room of get_room_list; Owner_Account is decoded like LiveRoomInfo's.
// Vendor page: https://trtc.io/document/63405 (Get the Room List).
type LiveRoomListEntry struct {
	RoomName       string `json:"RoomName"`
	RoomID         string `json:"RoomId"`
	OwnerAccount   string `json:"Owner_Account"`
	CoverURL       string `json:"CoverURL"`
	Category       []int  `json:"Category"`
	CreateTime     int64  `json:"CreateTime"`
	ActivityStatus int    `json:"ActivityStatus"`
	ViewCount      int64  `json:"ViewCount"`
}

// UnmarshalJSON decodes Owner_Account as a string or a bare number (L-03).
// Vendor page: https://trtc.io/document/63405 (Get the Room List).
func (e *LiveRoomListEntry) UnmarshalJSON(raw []byte) error {
	type plain LiveRoomListEntry
	var wire struct {
		plain
		OwnerAccount json.RawMessage `json:"Owner_Account"`
	}
	if err := json.Unmarshal(raw, &wire); err != nil {
		return err
	}
	*e = LiveRoomListEntry(wire.plain)
	var err error
	e.OwnerAccount, err = liveAccount(wire.OwnerAccount)
	return err
}

// LiveGetRoomListResponse is the success answer of get_room_list; Next "" means the list is
// complete.
// Vendor page: https://trtc.io/document/63405 (Get the Room List).
type LiveGetRoomListResponse struct {
	Response struct {
		Next     string              `json:"Next"`
		RoomList []LiveRoomListEntry `json:"RoomList"`
	} `json:"Response"`
}

// LiveMetadata is one key/value pair of a room's metadata.
// Vendor page: https://trtc.io/document/64375 (Set Room Metadata).
type LiveMetadata struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// LiveGetRoomMetadataRequest reads the given keys; an empty Keys reads every key.
// Vendor page: https://trtc.io/document/64374 (Get Room Metadata).
type LiveGetRoomMetadataRequest struct {
	RoomID string   `json:"RoomId"`
	Keys   []string `json:"Keys"`
}

// LiveGetRoomMetadataResponse is the success answer of get_room_metadata.
// Vendor page: https://trtc.io/document/64374 (Get Room Metadata).
type LiveGetRoomMetadataResponse struct {
	Response struct {
		Metadata []LiveMetadata `json:"Metadata"`
	} `json:"Response"`
}

// LiveSetRoomMetadataRequest adds or overwrites metadata pairs.
// Vendor page: https://trtc.io/document/64375 (Set Room Metadata).
type LiveSetRoomMetadataRequest struct {
	RoomID   string         `json:"RoomId"`
	Metadata []LiveMetadata `json:"Metadata"`
}

// LiveDelRoomMetadataRequest deletes metadata keys.
// Vendor page: https://www.tencentcloud.com/document/product/647/64376 (Delete Room Metadata).
type LiveDelRoomMetadataRequest struct {
	RoomID string   `json:"RoomId"`
	Keys   []string `json:"Keys"`
}

// LiveChangeRoomOwnerRequest is the Live change_room_owner packet (no From_Account, unlike the
// Conference command).
// Vendor page: https://trtc.io/document/72534 (Change Owner).
type LiveChangeRoomOwnerRequest struct {
	RoomID          string `json:"RoomId"`
	NewOwnerAccount string `json:"NewOwner_Account"`
}

// LiveGetMemberListRequest asks for one page of the online members; Next is "" first.
// Vendor page: https://trtc.io/document/66908 (Get the Room Member List).
type LiveGetMemberListRequest struct {
	RoomID string `json:"RoomId"`
	Next   string `json:"Next"`
}

// LiveMember is one entry of the Live member list.
// Vendor page: https://trtc.io/document/66908 (Get the Room Member List).
type LiveMember struct {
	MemberAccount string `json:"Member_Account"`
}

// LiveGetMemberListResponse is the success answer of get_member_list; Next "" means finished.
// Vendor page: https://trtc.io/document/66908 (Get the Room Member List).
type LiveGetMemberListResponse struct {
	Response struct {
		Next        string       `json:"Next"`
		MemberCount int          `json:"MemberCount"`
		MemberList  []LiveMember `json:"MemberList"`
	} `json:"Response"`
}

// LiveMuteMemberRequest mutes members' chat for MuteTime seconds; 0 lifts the mute.
// Vendor page: https://trtc.io/document/66969 (Mute Members).
type LiveMuteMemberRequest struct {
	RoomID            string   `json:"RoomId"`
	MemberListAccount []string `json:"MemberList_Account"`
	MuteTime          int64    `json:"MuteTime"`
}

// LiveMutedMember is one entry of the muted list.
// Vendor page: https://trtc.io/document/69894 (Get the Muted Member List).
type LiveMutedMember struct {
	MemberAccount string `json:"Member_Account"`
	MutedUntil    int64  `json:"MutedUntil"`
}

// LiveGetMutedMemberListResponse is the success answer of get_muted_member_list.
// Vendor page: https://trtc.io/document/69894 (Get the Muted Member List).
type LiveGetMutedMemberListResponse struct {
	Response struct {
		MutedAccountList []LiveMutedMember `json:"MutedAccountList"`
	} `json:"Response"`
}

// LiveBanMemberRequest bans up to 20 users for Duration seconds; Reason is optional.
// Vendor page: https://trtc.io/document/63423 (Ban Room Members).
type LiveBanMemberRequest struct {
	RoomID            string   `json:"RoomId"`
	MemberListAccount []string `json:"MemberList_Account"`
	Reason            *string  `json:"Reason,omitempty"`
	Duration          int64    `json:"Duration"`
}

// LiveUnbanMemberRequest lifts the bans of up to 20 users.
// Vendor page: https://www.tencentcloud.com/document/product/647/63426 (Unban Room Members).
type LiveUnbanMemberRequest struct {
	RoomID            string   `json:"RoomId"`
	MemberListAccount []string `json:"MemberList_Account"`
}

// LiveGetBannedMemberListRequest asks for one page of bans by offset; Limit is at most 100.
// Vendor page: https://trtc.io/document/63424 (Get the Banned Member List).
type LiveGetBannedMemberListRequest struct {
	RoomID string `json:"RoomId"`
	Offset *int   `json:"Offset,omitempty"`
	Limit  *int   `json:"Limit,omitempty"`
}

// LiveGetBannedMemberListResponse is the success answer of get_banned_member_list.
// Vendor page: https://trtc.io/document/63424 (Get the Banned Member List).
type LiveGetBannedMemberListResponse struct {
	Response struct {
		BannedAccountList []BannedMember `json:"BannedAccountList"`
		NextOffset        int            `json:"NextOffset"`
	} `json:"Response"`
}

// LiveGetAdminListResponse is the success answer of get_admin_list.
// Vendor page: https://www.tencentcloud.com/document/product/647/63425 (Get the Admin List).
type LiveGetAdminListResponse struct {
	Response struct {
		AdminAccount []string `json:"Admin_Account"`
	} `json:"Response"`
}

// LiveModifyAdminRequest adds (LiveAdminAdd) or deletes (LiveAdminDelete) room administrators.
// Vendor page: https://www.tencentcloud.com/document/product/1071/76881 (Modify Admins).
type LiveModifyAdminRequest struct {
	RoomID       string   `json:"RoomId"`
	AdminAccount []string `json:"Admin_Account"`
	OpType       string   `json:"OpType"`
}

// LiveCreateRoom calls live_engine_http_srv/create_room.
// Vendor page: https://trtc.io/document/63401 (Create a Room).
func (c *Client) LiveCreateRoom(ctx context.Context, req LiveCreateRoomRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "create_room", req)
}

// LiveDestroyRoom calls live_engine_http_srv/destroy_room and decodes the statistics, where
// the service reports them.
// Vendor page: https://trtc.io/document/63406 (Destroy a Room).
func (c *Client) LiveDestroyRoom(ctx context.Context, roomID string) (*LiveDestroyRoomResponse, *Response, error) {
	return liveCallAndDecode[LiveDestroyRoomResponse](ctx, c, "destroy_room", LiveRoomIDRequest{RoomID: roomID})
}

// LiveUpdateRoomInfo calls live_engine_http_srv/update_room_info.
// Vendor page: https://trtc.io/document/63419 (Update the Room Information).
func (c *Client) LiveUpdateRoomInfo(ctx context.Context, req LiveUpdateRoomInfoRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "update_room_info", req)
}

// LiveGetRoomInfo calls live_engine_http_srv/get_room_info and decodes the room on success.
// Vendor page: https://trtc.io/document/63404 (Get the Room Information).
func (c *Client) LiveGetRoomInfo(ctx context.Context, roomID string) (*LiveRoomInfo, *Response, error) {
	answer, resp, err := liveCallAndDecode[LiveGetRoomInfoResponse](ctx, c, "get_room_info", LiveRoomIDRequest{RoomID: roomID})
	if err != nil {
		return nil, resp, err
	}
	return &answer.Response.RoomInfo, resp, nil
}

// LiveGetRoomList calls live_engine_http_srv/get_room_list (10 calls/s) for one page.
// Vendor page: https://trtc.io/document/63405 (Get the Room List).
func (c *Client) LiveGetRoomList(ctx context.Context, req LiveGetRoomListRequest) (*LiveGetRoomListResponse, *Response, error) {
	return liveCallAndDecode[LiveGetRoomListResponse](ctx, c, "get_room_list", req)
}

// LiveGetRoomMetadata calls live_engine_http_srv/get_room_metadata.
// Vendor page: https://trtc.io/document/64374 (Get Room Metadata).
func (c *Client) LiveGetRoomMetadata(ctx context.Context, req LiveGetRoomMetadataRequest) (*LiveGetRoomMetadataResponse, *Response, error) {
	return liveCallAndDecode[LiveGetRoomMetadataResponse](ctx, c, "get_room_metadata", req)
}

// LiveSetRoomMetadata calls live_engine_http_srv/set_room_metadata.
// Vendor page: https://trtc.io/document/64375 (Set Room Metadata).
func (c *Client) LiveSetRoomMetadata(ctx context.Context, req LiveSetRoomMetadataRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "set_room_metadata", req)
}

// LiveDelRoomMetadata calls live_engine_http_srv/del_room_metadata.
// Vendor page: https://www.tencentcloud.com/document/product/647/64376 (Delete Room Metadata).
func (c *Client) LiveDelRoomMetadata(ctx context.Context, req LiveDelRoomMetadataRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "del_room_metadata", req)
}

// LiveChangeRoomOwner calls live_engine_http_srv/change_room_owner.
// Vendor page: https://trtc.io/document/72534 (Change Owner).
func (c *Client) LiveChangeRoomOwner(ctx context.Context, req LiveChangeRoomOwnerRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "change_room_owner", req)
}

// LiveGetMemberList calls live_engine_http_srv/get_member_list for one page.
// Vendor page: https://trtc.io/document/66908 (Get the Room Member List).
func (c *Client) LiveGetMemberList(ctx context.Context, req LiveGetMemberListRequest) (*LiveGetMemberListResponse, *Response, error) {
	return liveCallAndDecode[LiveGetMemberListResponse](ctx, c, "get_member_list", req)
}

// LiveMuteMember calls live_engine_http_srv/mute_member.
// Vendor page: https://trtc.io/document/66969 (Mute Members).
func (c *Client) LiveMuteMember(ctx context.Context, req LiveMuteMemberRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "mute_member", req)
}

// LiveGetMutedMemberList calls live_engine_http_srv/get_muted_member_list.
// Vendor page: https://trtc.io/document/69894 (Get the Muted Member List).
func (c *Client) LiveGetMutedMemberList(ctx context.Context, roomID string) (*LiveGetMutedMemberListResponse, *Response, error) {
	return liveCallAndDecode[LiveGetMutedMemberListResponse](ctx, c, "get_muted_member_list", LiveRoomIDRequest{RoomID: roomID})
}

// LiveBanMember calls live_engine_http_srv/ban_member.
// Vendor page: https://trtc.io/document/63423 (Ban Room Members).
func (c *Client) LiveBanMember(ctx context.Context, req LiveBanMemberRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "ban_member", req)
}

// LiveUnbanMember calls live_engine_http_srv/unban_member.
// Vendor page: https://www.tencentcloud.com/document/product/647/63426 (Unban Room Members).
func (c *Client) LiveUnbanMember(ctx context.Context, req LiveUnbanMemberRequest) (*Response, error) {
	return c.Call(ctx, catalog.ServiceLive, "unban_member", req)
}

// LiveGetBannedMemberList calls live_engine_http_srv/get_banned_member_list for one page.
// Vendor page: https://trtc.io/document/63424 (Get the Banned Member List).
func (c *Client) LiveGetBannedMemberList(ctx context.Context, req LiveGetBannedMemberListRequest) (*LiveGetBannedMemberListResponse, *Response, error) {
	return liveCallAndDecode[LiveGetBannedMemberListResponse](ctx, c, "get_banned_member_list", req)
}

// LiveGetAdminList calls live_engine_http_srv/get_admin_list.
// Vendor page: https://www.tencentcloud.com/document/product/647/63425 (Get the Admin List).
func (c *Client) LiveGetAdminList(ctx context.Context, roomID string) (*LiveGetAdminListResponse, *Response, error) {
	return liveCallAndDecode[LiveGetAdminListResponse](ctx, c, "get_admin_list", LiveRoomIDRequest{RoomID: roomID})
}

// LiveModifyAdmin calls live_engine_http_srv/modify_admin.
// Vendor page: https://www.tencentcloud.com/document/product/1071/76881 (Modify Admins).
func (c *Client) LiveModifyAdmin(ctx context.Context, req LiveModifyAdminRequest) (*Response, error) {
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
