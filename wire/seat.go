package wire

// Seat is one entry of the seat list, in get_seat_list and the seat callback. A free seat has
// no Member_Account (the sample) or an empty one (the table): D-12.
// Vendor page: https://trtc.io/document/60719 (Get the Seat List).
type Seat struct {
	Index           int    `json:"Index"`
	MemberAccount   string `json:"Member_Account,omitempty"`
	IsTakenDisabled bool   `json:"IsTakenDisabled"`
	IsVideoDisabled bool   `json:"IsVideoDisabled"`
	IsAudioDisabled bool   `json:"IsAudioDisabled"`
}

// GetSeatListResponse is the answer of get_seat_list (whose packet is a RoomIDRequest).
// Vendor page: https://trtc.io/document/60719 (Get the Seat List).
type GetSeatListResponse struct {
	Envelope
	Response struct {
		SeatList []Seat `json:"SeatList"`
	} `json:"Response"`
}

// PickUserOnSeatRequest is the pick_user_on_seat packet.
// Vendor page: https://trtc.io/document/60718 (Pick User on the Seat).
type PickUserOnSeatRequest struct {
	RoomID        string `json:"RoomId"`
	Index         int    `json:"Index"`
	MemberAccount string `json:"Member_Account"`
}

// KickUserOffSeatRequest is the kick_user_off_seat packet; Data travels with the notification.
// Vendor page: https://trtc.io/document/60717 (Kick User off the Seat).
type KickUserOffSeatRequest struct {
	RoomID        string `json:"RoomId"`
	MemberAccount string `json:"Member_Account"`
	Data          string `json:"Data"`
}

// LockSeatRequest is the lock_seat packet; nil flags are left out.
// Vendor page: https://trtc.io/document/60716 (Lock the Seat).
type LockSeatRequest struct {
	RoomID      string `json:"RoomId"`
	Index       int    `json:"Index"`
	ForbidTaken *bool  `json:"ForbidTaken,omitempty"`
	ForbidVideo *bool  `json:"ForbidVideo,omitempty"`
	ForbidAudio *bool  `json:"ForbidAudio,omitempty"`
}

// SwitchSeatRequest is the switch_seat packet (old version: to an empty seat).
// Vendor page: https://trtc.io/document/72552 (Switch Seat).
type SwitchSeatRequest struct {
	RoomID        string `json:"RoomId"`
	ToIndex       int    `json:"ToIndex"`
	MemberAccount string `json:"Member_Account"`
}

// Policies of move_user_to_seat when the destination is occupied.
// Vendor page: https://trtc.io/document/72685 (Switch Seat, new version).
const (
	MoveCancel = 0
	MoveForce  = 1
	MoveSwap   = 2
)

// MoveUserToSeatRequest is the move_user_to_seat packet (new version).
// Vendor page: https://trtc.io/document/72685 (Switch Seat, new version).
type MoveUserToSeatRequest struct {
	RoomID        string `json:"RoomId"`
	SeatIndex     int    `json:"SeatIndex"`
	MemberAccount string `json:"Member_Account"`
	Policy        int    `json:"Policy"`
}
