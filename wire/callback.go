package wire

// CallbackConfig is the packet of set_callback and update_callback, and the configuration
// get_callback reports: one URL and the command words to deliver to it.
// Vendor pages: https://trtc.io/document/60729 (Create Callback Configuration),
// https://trtc.io/document/60728 (Update Callback Configuration).
type CallbackConfig struct {
	URL                 string   `json:"Url"`
	CallbackCommandList []string `json:"CallbackCommandList"`
}

// GetCallbackResponse is the answer of get_callback; Response is filled on success.
// Vendor page: https://trtc.io/document/60730 (Query Callback Configuration).
type GetCallbackResponse struct {
	Envelope
	Response CallbackConfig `json:"Response"`
}

// CallbackReply is what a receiver answers to every Conference callback.
// Vendor page: https://trtc.io/document/60733 (After a Room Is Created; every event page
// documents the same reply).
type CallbackReply struct {
	ActionStatus string `json:"ActionStatus"`
	ErrorInfo    string `json:"ErrorInfo"`
	ErrorCode    int    `json:"ErrorCode"`
}

// CallbackRoomInfo is the room as Room.CallbackAfterCreateRoom reports it in RoomInfo.
// Vendor page: https://trtc.io/document/60733 (After a Room Is Created).
type CallbackRoomInfo struct {
	RoomID                   string `json:"RoomId"`
	RoomName                 string `json:"RoomName"`
	RoomType                 string `json:"RoomType"`
	OwnerAccount             string `json:"Owner_Account"`
	MaxMemberCount           int    `json:"MaxMemberCount"`
	MaxSeatCount             int    `json:"MaxSeatCount"`
	IsVideoDisabled          bool   `json:"IsVideoDisabled"`
	IsAudioDisabled          bool   `json:"IsAudioDisabled"`
	IsMessageDisabled        bool   `json:"IsMessageDisabled"`
	IsScreenSharingDisabled  bool   `json:"IsScreenSharingDisabled"`
	IsCloudRecordingDisabled bool   `json:"IsCloudRecordingDisabled"`
	CustomInfo               string `json:"CustomInfo"`
	ScheduleStartTime        int64  `json:"ScheduleStartTime"`
	ScheduleEndTime          int64  `json:"ScheduleEndTime"`
	RoomStatus               string `json:"RoomStatus"`
	IsSeatEnabled            bool   `json:"IsSeatEnabled"`
	TakeSeatMode             string `json:"TakeSeatMode"`
	CreateTime               int64  `json:"CreateTime"`
}

// CallbackRoomUpdate is the room as Room.CallbackAfterUpdateRoomInfo reports it in RoomInfo:
// the full set of updatable fields.
// Vendor page: https://trtc.io/document/60731 (After Room Information Is Updated).
type CallbackRoomUpdate struct {
	RoomID                   string `json:"RoomId"`
	RoomName                 string `json:"RoomName"`
	OwnerAccount             string `json:"Owner_Account"`
	TakeSeatMode             string `json:"TakeSeatMode"`
	MaxMemberCount           int    `json:"MaxMemberCount"`
	IsVideoDisabled          bool   `json:"IsVideoDisabled"`
	IsAudioDisabled          bool   `json:"IsAudioDisabled"`
	IsMessageDisabled        bool   `json:"IsMessageDisabled"`
	IsScreenSharingDisabled  bool   `json:"IsScreenSharingDisabled"`
	IsCloudRecordingDisabled bool   `json:"IsCloudRecordingDisabled"`
	CustomInfo               string `json:"CustomInfo"`
}
