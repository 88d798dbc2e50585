package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Seat modes of a Live room. create_room and update_room_info send these strings;
// get_room_info reports them as the integers 1 and 2 on the 2024 pages (docs/errata-live.md
// L-02), which LiveRoomInfo decodes to the same strings.
// Vendor page: https://trtc.io/document/63404 (Get the Room Information).
const (
	LiveSeatFreeToTake  = "FreeToTake"
	LiveSeatApplyToTake = "ApplyToTake"
	LiveSeatNone        = "None"
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

// LiveCreateRoomResponse is the answer of create_room; Response.RoomId exists on the 2026
// pages only.
// Vendor page: https://trtc.io/document/63401 (Create a Room).
type LiveCreateRoomResponse struct {
	Envelope
	Response *struct {
		RoomID *string `json:"RoomId"`
	} `json:"Response"`
}

// LiveUpdateRoomInfoRequest is the Live update_room_info packet; the answer is the envelope
// alone.
// Vendor page: https://trtc.io/document/63419 (Update the Room Information).
type LiveUpdateRoomInfoRequest struct {
	RoomInfo LiveRoomSettings `json:"RoomInfo"`
}

// LiveRoomIDRequest is the packet of the Live commands that take only a room: get_room_info,
// destroy_room, get_muted_member_list and get_admin_list.
// Vendor pages: https://trtc.io/document/63404 (Get the Room Information),
// https://trtc.io/document/63406 (Destroy a Room).
type LiveRoomIDRequest struct {
	RoomID string `json:"RoomId"`
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

// LiveDestroyRoomResponse is the answer of destroy_room: Response is nil on services that
// follow the 2024 pages (envelope only, L-05).
// Vendor page: https://trtc.io/document/63406 (Destroy a Room).
type LiveDestroyRoomResponse struct {
	Envelope
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

// liveRoomInfoNumbered is LiveRoomInfo as the seed sample prints it: the same attributes in the
// same order, with TakeSeatMode as a number where the 2024 pages give one.
type liveRoomInfoNumbered struct {
	RoomID            string `json:"RoomId"`
	RoomName          string `json:"RoomName"`
	RoomType          string `json:"RoomType"`
	OwnerAccount      string `json:"Owner_Account"`
	CreateTime        int64  `json:"CreateTime"`
	IsSeatEnabled     bool   `json:"IsSeatEnabled"`
	TakeSeatMode      any    `json:"TakeSeatMode"`
	MaxSeatCount      int    `json:"MaxSeatCount"`
	MaxMemberCount    int    `json:"MaxMemberCount"`
	IsMessageDisabled bool   `json:"IsMessageDisabled"`
	CoverURL          string `json:"CoverURL"`
	Category          []int  `json:"Category"`
	ActivityStatus    int    `json:"ActivityStatus"`
	ViewCount         int64  `json:"ViewCount"`
	IsPublicVisible   bool   `json:"IsPublicVisible"`
}

// MarshalJSON writes the room in the form of the 2024 pages and the seed sample: TakeSeatMode
// FreeToTake and ApplyToTake as the integers 1 and 2 (L-02), any other mode as its string.
// Vendor page: https://trtc.io/document/63404 (Get the Room Information).
func (r LiveRoomInfo) MarshalJSON() ([]byte, error) {
	var mode any = r.TakeSeatMode
	switch r.TakeSeatMode {
	case LiveSeatFreeToTake:
		mode = 1
	case LiveSeatApplyToTake:
		mode = 2
	}
	return json.Marshal(liveRoomInfoNumbered{
		RoomID: r.RoomID, RoomName: r.RoomName, RoomType: r.RoomType, OwnerAccount: r.OwnerAccount,
		CreateTime: r.CreateTime, IsSeatEnabled: r.IsSeatEnabled, TakeSeatMode: mode, MaxSeatCount: r.MaxSeatCount,
		MaxMemberCount: r.MaxMemberCount, IsMessageDisabled: r.IsMessageDisabled, CoverURL: r.CoverURL,
		Category: r.Category, ActivityStatus: r.ActivityStatus, ViewCount: r.ViewCount, IsPublicVisible: r.IsPublicVisible,
	})
}

// UnmarshalJSON decodes the documented variants of Owner_Account, TakeSeatMode and
// IsMessageDisabled; anything else is an error naming the field.
// Vendor page: https://trtc.io/document/63404 (Get the Room Information).
func (r *LiveRoomInfo) UnmarshalJSON(raw []byte) error {
	type plain LiveRoomInfo
	var variants struct {
		plain
		OwnerAccount      json.RawMessage `json:"Owner_Account"`
		TakeSeatMode      json.RawMessage `json:"TakeSeatMode"`
		IsMessageDisabled json.RawMessage `json:"IsMessageDisabled"`
	}
	if err := json.Unmarshal(raw, &variants); err != nil {
		return err
	}
	*r = LiveRoomInfo(variants.plain)
	var err error
	if r.OwnerAccount, err = liveAccount(variants.OwnerAccount); err != nil {
		return err
	}
	if r.TakeSeatMode, err = liveSeatMode(variants.TakeSeatMode); err != nil {
		return err
	}
	r.IsMessageDisabled, err = liveFlag("IsMessageDisabled", variants.IsMessageDisabled)
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

// LiveGetRoomInfoResponse is the answer of get_room_info; Response is filled on success.
// Vendor page: https://trtc.io/document/63404 (Get the Room Information).
type LiveGetRoomInfoResponse struct {
	Envelope
	Response struct {
		RoomInfo LiveRoomInfo `json:"RoomInfo"`
	} `json:"Response"`
}

// LiveGetRoomListRequest asks for one page of public rooms; Next is "" on the first call and
// Count at most 20.
// Vendor page: https://trtc.io/document/63405 (Get the Room List).
type LiveGetRoomListRequest struct {
	Next  string `json:"Next"`
	Count *int   `json:"Count,omitempty"`
}

// LiveRoomListEntry is one room of get_room_list, in the sample's attribute order;
// Owner_Account is decoded like LiveRoomInfo's.
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
	var variants struct {
		plain
		OwnerAccount json.RawMessage `json:"Owner_Account"`
	}
	if err := json.Unmarshal(raw, &variants); err != nil {
		return err
	}
	*e = LiveRoomListEntry(variants.plain)
	var err error
	e.OwnerAccount, err = liveAccount(variants.OwnerAccount)
	return err
}

// LiveGetRoomListResponse is the answer of get_room_list; Next "" means the list is complete.
// Vendor page: https://trtc.io/document/63405 (Get the Room List).
type LiveGetRoomListResponse struct {
	Envelope
	Response struct {
		Next     string              `json:"Next"`
		RoomList []LiveRoomListEntry `json:"RoomList"`
	} `json:"Response"`
}
