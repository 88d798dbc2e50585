package wire

// GetRoomMemberListRequest asks for one page of members; Next is "" on the first call.
// Vendor page: https://trtc.io/document/60715 (Get the Room Member List).
type GetRoomMemberListRequest struct {
	RoomID string  `json:"RoomId"`
	Count  *int    `json:"Count,omitempty"`
	Next   *string `json:"Next,omitempty"`
}

// RoomMember is one entry of the member list.
// Vendor page: https://trtc.io/document/60715 (Get the Room Member List).
type RoomMember struct {
	MemberAccount string `json:"Member_Account"`
	NameCard      string `json:"NameCard"`
	Role          string `json:"Role"`
	Marks         []int  `json:"Marks"`
	CustomInfo    string `json:"CustomInfo"`
}

// GetRoomMemberListResponse is the answer of get_room_member_list; Next "" means the list is
// complete.
// Vendor page: https://trtc.io/document/60715 (Get the Room Member List).
type GetRoomMemberListResponse struct {
	Envelope
	Response struct {
		Next       string       `json:"Next"`
		MemberList []RoomMember `json:"MemberList"`
	} `json:"Response"`
}

// MemberInfo is what update_room_member_info changes for one member.
// Vendor page: https://trtc.io/document/60714 (Update the Room Member Information).
type MemberInfo struct {
	MemberAccount string  `json:"Member_Account"`
	NameCard      *string `json:"NameCard,omitempty"`
	Role          *string `json:"Role,omitempty"`
	CustomInfo    *string `json:"CustomInfo,omitempty"`
}

// UpdateRoomMemberInfoRequest is the update_room_member_info packet in the sample's nested form
// (the table's flat form is D-06).
// Vendor page: https://trtc.io/document/60714 (Update the Room Member Information).
type UpdateRoomMemberInfoRequest struct {
	RoomID     string     `json:"RoomId"`
	MemberInfo MemberInfo `json:"MemberInfo"`
}

// ChangeRoomOwnerRequest is the change_room_owner packet.
// Vendor page: https://trtc.io/document/60713 (Change the Room Ownership).
type ChangeRoomOwnerRequest struct {
	RoomID          string `json:"RoomId"`
	FromAccount     string `json:"From_Account"`
	NewOwnerAccount string `json:"NewOwner_Account"`
}

// Mark commands of mark_room_member (CommandType).
// Vendor page: https://trtc.io/document/60712 (Mark Room Members).
const (
	MarkSet    = 1
	MarkDelete = 2
)

// MemberMarks are the marks one call sets on, or deletes from, one member.
// Vendor page: https://trtc.io/document/60712 (Mark Room Members).
type MemberMarks struct {
	MemberAccount string `json:"Member_Account"`
	Marks         []int  `json:"Marks"`
}

// MarkRoomMemberRequest is the mark_room_member packet in the sample's form (integer
// CommandType, marks nested per member; D-07).
// Vendor page: https://trtc.io/document/60712 (Mark Room Members).
type MarkRoomMemberRequest struct {
	RoomID      string        `json:"RoomId"`
	CommandType int           `json:"CommandType"`
	MemberList  []MemberMarks `json:"MemberList"`
}

// BanRoomMemberRequest is the ban_room_member packet; Duration is in seconds.
// Vendor page: https://trtc.io/document/60711 (Ban Room Members).
type BanRoomMemberRequest struct {
	RoomID            string   `json:"RoomId"`
	MemberListAccount []string `json:"MemberList_Account"`
	Reason            string   `json:"Reason"`
	Duration          int64    `json:"Duration"`
}

// UnbanRoomMemberRequest is the unban_room_member packet.
// Vendor page: https://tencentcloud.com/document/product/647/60710 (Unban Room Members).
type UnbanRoomMemberRequest struct {
	RoomID            string   `json:"RoomId"`
	MemberListAccount []string `json:"MemberList_Account"`
}

// GetBannedMemberListRequest asks for one page of banned members, by offset (the sample's
// form; D-03).
// Vendor page: https://trtc.io/document/60709 (Get the Banned Room Member List).
type GetBannedMemberListRequest struct {
	RoomID string `json:"RoomId"`
	Limit  *int   `json:"Limit,omitempty"`
	Offset *int   `json:"Offset,omitempty"`
}

// BannedMember is one entry of the banned list of a Conference or a Live room; BannedUntil is
// in Unix seconds.
// Vendor pages: https://trtc.io/document/60709 (Get the Banned Room Member List),
// https://trtc.io/document/63424 (Live: Get the Banned Member List).
type BannedMember struct {
	MemberAccount string `json:"Member_Account"`
	BannedUntil   int64  `json:"BannedUntil"`
}

// GetBannedMemberListResponse is the answer of get_banned_member_list; NextOffset 0 means the
// list is complete.
// Vendor page: https://trtc.io/document/60709 (Get the Banned Room Member List).
type GetBannedMemberListResponse struct {
	Envelope
	Response struct {
		BannedAccountList []BannedMember `json:"BannedAccountList"`
		NextOffset        int            `json:"NextOffset"`
	} `json:"Response"`
}

// KickUserOutRequest is the kick_user_out packet.
// Vendor page: https://trtc.io/document/60708 (Remove Room Member).
type KickUserOutRequest struct {
	RoomID            string   `json:"RoomId"`
	MemberListAccount []string `json:"MemberList_Account"`
	Reason            string   `json:"Reason"`
}
