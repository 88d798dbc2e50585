package emulator

import (
	"fmt"
	"time"
)

// liveState holds the rooms of the Live API (live_engine_http_srv), apart from Conference
// rooms: the two services have their own room shapes.
type liveState struct{}

func newLiveState() *liveState { return &liveState{} }

// enterLive lets an account enter a Live room through the control plane; see Emulator.Enter.
func (e *Emulator) enterLive(roomID, account string, now time.Time) error {
	return fmt.Errorf("%w: room %q", errNotFound, roomID)
}

// leaveLive makes a member leave a Live room; see Emulator.Leave.
func (e *Emulator) leaveLive(roomID, account string, now time.Time) error {
	return fmt.Errorf("%w: room %q", errNotFound, roomID)
}
