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
