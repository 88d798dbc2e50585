package wire

// Operations of modify_admin (OpType).
// Vendor page: https://www.tencentcloud.com/document/product/1071/76881 (Modify Admins).
const (
	LiveAdminAdd    = "add"
	LiveAdminDelete = "delete"
)

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

// LiveGetMemberListResponse is the answer of get_member_list; Next "" means finished.
// Vendor page: https://trtc.io/document/66908 (Get the Room Member List).
type LiveGetMemberListResponse struct {
	Envelope
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

// LiveMutedMember is one entry of the muted list; MutedUntil is in Unix seconds.
// Vendor page: https://trtc.io/document/69894 (Get the Muted Member List).
type LiveMutedMember struct {
	MemberAccount string `json:"Member_Account"`
	MutedUntil    int64  `json:"MutedUntil"`
}

// LiveGetMutedMemberListResponse is the answer of get_muted_member_list (whose packet is a
// LiveRoomIDRequest).
// Vendor page: https://trtc.io/document/69894 (Get the Muted Member List).
type LiveGetMutedMemberListResponse struct {
	Envelope
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

// LiveGetBannedMemberListResponse is the answer of get_banned_member_list.
// Vendor page: https://trtc.io/document/63424 (Get the Banned Member List).
type LiveGetBannedMemberListResponse struct {
	Envelope
	Response struct {
		BannedAccountList []BannedMember `json:"BannedAccountList"`
		NextOffset        int            `json:"NextOffset"`
	} `json:"Response"`
}

// LiveGetAdminListResponse is the answer of get_admin_list (whose packet is a
// LiveRoomIDRequest).
// Vendor page: https://www.tencentcloud.com/document/product/647/63425 (Get the Admin List).
type LiveGetAdminListResponse struct {
	Envelope
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
