package wire

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

// LiveGetRoomMetadataResponse is the answer of get_room_metadata.
// Vendor page: https://trtc.io/document/64374 (Get Room Metadata).
type LiveGetRoomMetadataResponse struct {
	Envelope
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
