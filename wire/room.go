package wire

// RoomSettings are the room attributes a caller sets in create_room and update_room_info; nil
// fields are omitted from the packet.
// Vendor pages: https://trtc.io/document/60707 (Create a Room), https://trtc.io/document/60705
// (Update the Room Information).
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

// CreateRoomRequest is the create_room packet: the room in RoomInfo, invitees beside it. The
// answer is the envelope alone.
// Vendor page: https://trtc.io/document/60707 (Create a Room).
type CreateRoomRequest struct {
	RoomInfo                    RoomSettings `json:"RoomInfo"`
	ScheduleInviteeListAccounts []string     `json:"ScheduleInviteeList_Account,omitempty"`
}

// UpdateRoomInfoRequest is the update_room_info packet; the answer is the envelope alone.
// Vendor page: https://trtc.io/document/60705 (Update the Room Information).
type UpdateRoomInfoRequest struct {
	RoomInfo RoomSettings `json:"RoomInfo"`
}

// RoomIDRequest is the packet of the commands that take only a room: get_room_info,
// destroy_room (whose answer is the envelope alone) and get_seat_list.
// Vendor pages: https://trtc.io/document/60704 (Get the Room Information),
// https://trtc.io/document/60706 (Destroy a Room), https://trtc.io/document/60719 (Get the Seat List).
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

// GetRoomInfoResponse is the answer of get_room_info; Response is filled on success.
// Vendor page: https://trtc.io/document/60704 (Get the Room Information).
type GetRoomInfoResponse struct {
	Envelope
	Response struct {
		RoomInfo RoomInfo `json:"RoomInfo"`
	} `json:"Response"`
}
