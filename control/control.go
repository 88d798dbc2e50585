// Package control is the emulator's control plane: the wire types served under PathPrefix
// and a client for them. docs/control-plane.md specifies the protocol so that any other
// emulator can implement it and be driven by the same specs. The live service has no
// control plane; specs that need it are labelled and skipped there.
package control

// PathPrefix is the reserved path of the control plane; nothing under /v4 collides with it.
const PathPrefix = "/_emulator"

// FaultHeader marks a REST answer forced by fault injection (see Fault); its value is the
// injected ErrorCode. Clients use it to tell an injected answer from one the target caused.
const FaultHeader = "X-Trtc-Emulator-Fault"

// RequestHeader must be on every control request (any non-empty value; the client sends
// "1"). The emulator's callback deliveries never carry it, so a delivery can never be taken
// for a control call, whatever Url it was sent to.
const RequestHeader = "X-Trtc-Emulator-Control"

// Bounds of the control plane (docs/control-plane.md); a request beyond one is refused with
// HTTP 400 and the reason.
const (
	MaxRequestBytes    = 64 << 10 // one control request body
	MaxErrorInfoBytes  = 4 << 10  // a fault's ErrorInfo
	MaxArmedFaults     = 1000     // faults armed at once, over all commands
	MaxChatGroups      = 10000    // Chat group IDs registered
	MaxChatGroupIDSize = 128      // bytes of one Chat group ID
)

// Endpoints under PathPrefix.
const (
	PathReset       = PathPrefix + "/reset"
	PathConfig      = PathPrefix + "/config"
	PathClock       = PathPrefix + "/clock"
	PathFaults      = PathPrefix + "/faults"
	PathChatGroups  = PathPrefix + "/chat-groups"
	PathMemberEnter = PathPrefix + "/rooms/members/enter"
	PathMemberLeave = PathPrefix + "/rooms/members/leave"
	// PathMemberHeartbeat makes a Live member lose or recover its heartbeat (Heartbeat).
	PathMemberHeartbeat = PathPrefix + "/rooms/members/heartbeat"
)

// Config is what GET /_emulator/config answers: the emulated application and package.
type Config struct {
	SDKAppID uint64   `json:"SDKAppID"`
	Admins   []string `json:"Admins"`
	// MemberCap is the package's member limit: the default and the maximum of MaxMemberCount.
	MemberCap int `json:"MemberCap"`
	// SeatCap is the package's seat limit: the default and the maximum of MaxSeatCount.
	SeatCap int `json:"SeatCap"`
	// RatePerSecond is the per-command frequency limit enforced (0: none).
	RatePerSecond int `json:"RatePerSecond"`
}

// ClockRequest moves the emulator's clock. Exactly one of SetUnixMillis or AdvanceMillis
// is used; an empty request only reads the clock.
type ClockRequest struct {
	SetUnixMillis *int64 `json:"SetUnixMillis,omitempty"`
	AdvanceMillis *int64 `json:"AdvanceMillis,omitempty"`
	// Real, when true, returns the clock to the wall clock.
	Real bool `json:"Real,omitempty"`
}

// ClockState is the emulator's current time.
type ClockState struct {
	UnixMillis int64 `json:"UnixMillis"`
	// OffsetMillis is the distance from the wall clock.
	OffsetMillis int64 `json:"OffsetMillis"`
}

// Fault makes the next Count calls of Service/Command answer ErrorCode (with ErrorInfo),
// after authentication and before the body is read, optionally after DelayMillis.
type Fault struct {
	Service     string `json:"Service"`
	Command     string `json:"Command"`
	ErrorCode   int    `json:"ErrorCode"`
	ErrorInfo   string `json:"ErrorInfo,omitempty"`
	Count       int    `json:"Count"`
	DelayMillis int    `json:"DelayMillis,omitempty"`
}

// Faults is the list GET /_emulator/faults answers: what is still armed.
type Faults struct {
	Faults []Fault `json:"Faults"`
}

// ChatGroup registers a Chat group ID, so that create_room with that ID meets code 100011.
type ChatGroup struct {
	GroupID string `json:"GroupId"`
}

// Membership is a user entering or leaving a room, which the real product does through the
// client SDK and the REST API cannot do.
type Membership struct {
	RoomID        string `json:"RoomId"`
	MemberAccount string `json:"Member_Account"`
}

// Heartbeat is a Live room member's client losing its heartbeat (Lost) or getting it back:
// the member stays in the room (docs/control-plane.md).
type Heartbeat struct {
	RoomID        string `json:"RoomId"`
	MemberAccount string `json:"Member_Account"`
	Lost          bool   `json:"Lost"`
}

// Answer is the body of every control-plane answer: HTTP 200 with OK true, or a 4xx status
// with OK false and the reason.
type Answer struct {
	OK    bool   `json:"OK"`
	Error string `json:"Error,omitempty"`
}

// PathSeatTake is where a member takes a seat as the client SDK would.
const PathSeatTake = PathPrefix + "/rooms/seats/take"

// SeatTake is a member asking for a seat through the client SDK: in a FreeToTake room the
// member sits down, in an ApplyToTake room the request is queued for an administrator.
type SeatTake struct {
	RoomID        string `json:"RoomId"`
	MemberAccount string `json:"Member_Account"`
	Index         int    `json:"Index"`
}

// SeatTaken answers SeatTake: Queued is true when the request waits in the queue.
type SeatTaken struct {
	OK     bool `json:"OK"`
	Queued bool `json:"Queued"`
}
