package wire

// LiveRobotRequest is the packet of add_robot and del_robot: the robot accounts (imported
// user IDs) to add to or remove from a Live room. get_robot takes LiveRoomIDRequest.
// Vendor pages: https://trtc.io/document/69079 (Add Robots), https://trtc.io/document/69080
// (Delete Robots).
type LiveRobotRequest struct {
	RoomID           string   `json:"RoomId"`
	RobotListAccount []string `json:"RobotList_Account"`
}

// LiveGetRobotResponse is the answer of get_robot: the robots of the room.
// Vendor page: https://trtc.io/document/69081 (Get Robots).
type LiveGetRobotResponse struct {
	Envelope
	Response struct {
		RobotListAccount []string `json:"RobotList_Account"`
	} `json:"Response"`
}

// LiveRoomStats are the six cumulative counters of get_room_stats (and of its older name
// get_room_statistic, docs/errata-live.md L-26), directly under Response.
// Vendor page: https://trtc.io/document/80421 (Get Room Statistics).
type LiveRoomStats struct {
	TotalViewers           int64 `json:"TotalViewers"`
	TotalGiftsSent         int64 `json:"TotalGiftsSent"`
	TotalGiftCoins         int64 `json:"TotalGiftCoins"`
	TotalUniqueGiftSenders int64 `json:"TotalUniqueGiftSenders"`
	TotalLikesReceived     int64 `json:"TotalLikesReceived"`
	TotalMsgCount          int64 `json:"TotalMsgCount"`
}

// LiveGetRoomStatsResponse is the answer of get_room_stats.
// Vendor page: https://trtc.io/document/80421 (Get Room Statistics).
type LiveGetRoomStatsResponse struct {
	Envelope
	Response LiveRoomStats `json:"Response"`
}
