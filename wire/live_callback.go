package wire

// Live callbacks (issue 14): the live_config packets and the payloads of the Live events.
// set_callback and update_callback send CallbackConfig, and get_callback answers it, as in
// room_config.

// GetLiveCallbackResponse is the answer of live_config/get_callback.
// Vendor page: https://trtc.io/document/64418 (Query Webhook Configuration).
type GetLiveCallbackResponse struct {
	Envelope
	Response CallbackConfig `json:"Response"`
}

// LiveCallbackTokenRequest is the packet of set_callback_token: both fields the first time,
// afterwards only what changes (nil fields are left out).
// Vendor page: https://trtc.io/document/69528 (Set Webhook Token).
type LiveCallbackTokenRequest struct {
	Token         *string `json:"Token,omitempty"`
	IsTokenEnable *bool   `json:"IsTokenEnable,omitempty"`
}

// LiveCallbackToken is the token configuration get_callback_token reports.
// Vendor page: https://trtc.io/document/69529 (Query Webhook Token).
type LiveCallbackToken struct {
	Token         string `json:"Token"`
	IsTokenEnable bool   `json:"IsTokenEnable"`
}

// GetLiveCallbackTokenResponse is the answer of get_callback_token; Response is filled on
// success. Vendor page: https://trtc.io/document/69529.
type GetLiveCallbackTokenResponse struct {
	Envelope
	Response LiveCallbackToken `json:"Response"`
}

// LiveCallbackRoomInfo is the room as Live.CallbackAfterCreateRoom reports it in RoomInfo.
// Vendor page: https://trtc.io/document/64422 (After a Room Is Created).
type LiveCallbackRoomInfo struct {
	RoomID            string `json:"RoomId"`
	RoomName          string `json:"RoomName"`
	RoomType          string `json:"RoomType"`
	OwnerAccount      string `json:"Owner_Account"`
	MaxMemberCount    int    `json:"MaxMemberCount"`
	IsMessageDisabled bool   `json:"IsMessageDisabled"`
	CustomInfo        string `json:"CustomInfo"`
	IsSeatEnabled     bool   `json:"IsSeatEnabled"`
	TakeSeatMode      string `json:"TakeSeatMode"`
	MaxSeatCount      int    `json:"MaxSeatCount"`
	CreateTime        int64  `json:"CreateTime"`
	IsPublicVisible   bool   `json:"IsPublicVisible"`
	CoverURL          string `json:"CoverURL"`
	Category          []int  `json:"Category"`
}

// LiveCallbackDestroyedRoom is the room as Live.CallbackAfterDestroyRoom reports it in
// RoomInfo (the RoomId is at the top level). Vendor page: https://trtc.io/document/64423.
type LiveCallbackDestroyedRoom struct {
	RoomName               string `json:"RoomName"`
	RoomType               string `json:"RoomType"`
	OwnerAccount           string `json:"Owner_Account"`
	IsSeatEnabled          bool   `json:"IsSeatEnabled"`
	TakeSeatMode           string `json:"TakeSeatMode"`
	MaxMemberCount         int    `json:"MaxMemberCount"`
	MaxSeatCount           int    `json:"MaxSeatCount"`
	Category               []int  `json:"Category"`
	CustomInfo             string `json:"CustomInfo"`
	IsMessageDisabled      bool   `json:"IsMessageDisabled"`
	CoverURL               string `json:"CoverURL"`
	ActivityStatus         int    `json:"ActivityStatus"`
	IsPublicVisible        bool   `json:"IsPublicVisible"`
	ViewCount              int64  `json:"ViewCount"`
	BackgroundURL          string `json:"BackgroundURL"`
	IsUnlimitedRoomEnabled bool   `json:"IsUnlimitedRoomEnabled"`
}

// LiveCallbackRoomUpdate is the room as Live.CallbackAfterUpdateRoomInfo reports it in
// RoomInfo; nil fields are left out (an emulator that reports only what changed).
// Vendor page: https://trtc.io/document/67938 (After Room Information Is Updated).
type LiveCallbackRoomUpdate struct {
	RoomID            string  `json:"RoomId"`
	RoomName          *string `json:"RoomName,omitempty"`
	MaxMemberCount    *int    `json:"MaxMemberCount,omitempty"`
	IsMessageDisabled *bool   `json:"IsMessageDisabled,omitempty"`
	CoverURL          *string `json:"CoverURL,omitempty"`
	Category          *[]int  `json:"Category,omitempty"`
	ActivityStatus    *int    `json:"ActivityStatus,omitempty"`
	IsPublicVisible   *bool   `json:"IsPublicVisible,omitempty"`
	TakeSeatMode      *string `json:"TakeSeatMode,omitempty"`
	CustomInfo        *string `json:"CustomInfo,omitempty"`
}

// LiveCallbackMember is one entry of Live.CallbackAfterMemberStateChanged's MemberList.
// Vendor page: https://trtc.io/document/64424 (Member State Changed).
type LiveCallbackMember struct {
	MemberAccount string `json:"Member_Account"`
}

// The values of Live.CallbackAfterMemberStateChanged (https://trtc.io/document/64424) and of
// the other Live events' enumerations.
const (
	LiveMemberOnline          = "Online"
	LiveMemberOffline         = "Offline"
	LiveCauseEnter            = "Enter"
	LiveCauseLeave            = "Leave"
	LiveCauseHeartbeatLost    = "HeartbeatInterrupt"
	LiveCauseHeartbeatRecover = "HeartbeatRecover"
	LiveDestroyByUser         = "DestroyByUser"
	LiveDestroyBySystem       = "DestroyBySystem"
	LiveCallbackAdminAdded    = "add"
	LiveCallbackAdminDeleted  = "delete"
)
