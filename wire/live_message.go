package wire

// LiveSendTextMsgRequest posts a text message in a Live room as Sender_Account; ExtensionInfo,
// when set, must itself be JSON text (delivered as the message's CloudCustomData).
// Vendor page: https://trtc.io/document/74353 (Send Text Message).
type LiveSendTextMsgRequest struct {
	RoomID        string  `json:"RoomId"`
	SenderAccount string  `json:"Sender_Account"`
	TextContent   string  `json:"TextContent"`
	ExtensionInfo *string `json:"ExtensionInfo,omitempty"`
}

// LiveSendCustomMsgRequest posts a custom message: a business word and its data (a string,
// or an integer on one table, docs/errata-live.md L-29). Sender_Account is optional.
// Vendor page: https://trtc.io/document/74354 (Send Custom Message).
type LiveSendCustomMsgRequest struct {
	RoomID        string  `json:"RoomId"`
	SenderAccount *string `json:"Sender_Account,omitempty"`
	BusinessID    string  `json:"BusinessId"`
	Data          any     `json:"Data"`
}

// LiveMessageSent is the answer of send_text_msg and send_custom_msg: Response is nil on
// services that follow the English pages (envelope only, L-29).
// Vendor pages: https://trtc.io/document/74353, https://trtc.io/document/74354.
type LiveMessageSent struct {
	Envelope
	Response *struct {
		MsgTime       int64  `json:"MsgTime"`
		MsgSeq        int64  `json:"MsgSeq"`
		MsgDropReason string `json:"MsgDropReason,omitempty"`
	} `json:"Response"`
}

// Layout modes of set_mix_stream: 0 the grid, 1000 a custom layout (LayoutInfo); the client
// documents 1-9 as further built-in layouts (docs/errata-live.md L-30).
// Vendor page: https://trtc.io/document/69077 (Set Mix Stream).
const (
	LiveLayoutGrid   = 0
	LiveLayoutCustom = 1000
)

// LiveSetMixStreamRequest sets the mixed stream's layout of a room created with
// IsUnlimitedRoomEnabled; every host placed must be on a seat.
// Vendor page: https://trtc.io/document/69077 (Set Mix Stream).
type LiveSetMixStreamRequest struct {
	RoomID      string          `json:"RoomId"`
	LayoutMode  int             `json:"LayoutMode"`
	VideoEncode LiveVideoEncode `json:"VideoEncode"`
	LayoutInfo  *LiveLayoutInfo `json:"LayoutInfo,omitempty"`
}

// LiveVideoEncode is the size of the mixed picture.
// Vendor page: https://trtc.io/document/69077 (Set Mix Stream).
type LiveVideoEncode struct {
	Width  int `json:"Width"`
	Height int `json:"Height"`
}

// LiveLayoutInfo is a custom layout: the pictures placed and the large one.
// Vendor page: https://trtc.io/document/69077 (Set Mix Stream).
type LiveLayoutInfo struct {
	LayoutList    []LiveLayoutPicture `json:"LayoutList,omitempty"`
	MaxUserLayout *LiveMaxUserLayout  `json:"MaxUserLayout,omitempty"`
}

// LiveLayoutPicture is one host's picture in a custom layout.
// Vendor page: https://trtc.io/document/69077 (Set Mix Stream).
type LiveLayoutPicture struct {
	LocationX     int    `json:"LocationX"`
	LocationY     int    `json:"LocationY"`
	ImageWidth    int    `json:"ImageWidth"`
	ImageHeight   int    `json:"ImageHeight"`
	RoomID        string `json:"RoomId"`
	MemberAccount string `json:"Member_Account"`
	StreamType    int    `json:"StreamType"`
	ZOrder        int    `json:"ZOrder"`
}

// LiveMaxUserLayout is the stream shown as the large picture.
// Vendor page: https://trtc.io/document/69077 (Set Mix Stream).
type LiveMaxUserLayout struct {
	RoomID        string `json:"RoomId"`
	MemberAccount string `json:"Member_Account"`
	StreamType    int    `json:"StreamType"`
	ZOrder        int    `json:"ZOrder"`
}
