package emulator

import (
	"bytes"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
)

// lockedBuffer is a bytes.Buffer safe for the server's goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestLoggerRecordsRefusals: with a debug-level Logger (the binary's -v, documented as "log
// every refused call and internal error"), a refused call leaves a record naming its code.
func TestLoggerRecordsRefusals(t *testing.T) {
	var out lockedBuffer
	logger := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := newHarness(t, Config{RatePerSecond: -1, Logger: logger})
	for _, probe := range []struct {
		command, body string
		want          int
	}{
		{"get_room_info", `{"RoomId":"missing"}`, catalog.CodeRoomNotFound},
		{"get_room_info", `[]`, catalog.CodeJSONParse},
		{"create_room", `{"RoomInfo":{"RoomId":"x"}}`, catalog.CodeInvalidParameter},
	} {
		checkCommandAnswer(t, probe.command, h.call(probe.command, probe.body), probe.want)
		if !strings.Contains(out.String(), strconv.Itoa(probe.want)) {
			t.Errorf("no log record for the refused %s (%d); log so far:\n%s", probe.command, probe.want, out.String())
		}
	}
}
