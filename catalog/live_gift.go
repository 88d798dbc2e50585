package catalog

// Private codes of the gift pages (live-api.md, "Gifts").
// Vendor pages: https://trtc.io/document/72556 (send_gift, zh copy
// https://www.tencentcloud.com/zh/document/product/1071/76861), https://trtc.io/document/72851.
const (
	CodeNoGiftPackage      = 102001
	CodeGiftNotFound       = 102002
	CodeGiftCallbackFailed = 102004
	CodeGiftsSwitchedOff   = 102008
)

// Frequency limits of the gift catalogue, below one call a second.
// Vendor pages: https://trtc.io/document/72845 (1 call/s on every catalogue page),
// https://trtc.io/document/74360 (copy_default_gift_config: 1 call per 10 s).
const (
	LiveMaxQPSGiftCatalogue     = 1
	LiveMaxQPSDefaultGiftConfig = 0.1
)
