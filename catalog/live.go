package catalog

// ServiceLive is the TRTC Live API's service (TUILiveKit), a sibling of the Conference one.
const ServiceLive = "live_engine_http_srv"

// liveCommands are the documented Live commands (live-api.md).
var liveCommands = []Command{}
