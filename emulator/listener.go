package emulator

import (
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// refusedAnswer is what a connection beyond the cap gets before it is closed: a client learns
// at once why, instead of waiting in the listen backlog.
var refusedAnswer = []byte(fmt.Sprintf("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"+
	"Connection: close\r\nContent-Length: %d\r\n\r\n%s", len(refusedBody), refusedBody))

const refusedBody = "trtc-emulator: too many open connections, retry later\n"

// refuseWriteTimeout bounds the write of refusedAnswer, so that a flood never blocks Accept.
const refuseWriteTimeout = 100 * time.Millisecond

// cappedListener accepts at most limit connections at a time. Beyond it, each new connection
// is answered refusedAnswer and closed at once: a flood from one host costs the emulator one
// descriptor per connection for a moment, never one held until the client gives up.
type cappedListener struct {
	net.Listener
	slots    chan struct{}
	refused  atomic.Int64
	onRefuse func(refused int64)
}

func newCappedListener(l net.Listener, limit int, onRefuse func(refused int64)) *cappedListener {
	return &cappedListener{Listener: l, slots: make(chan struct{}, limit), onRefuse: onRefuse}
}

func (l *cappedListener) Accept() (net.Conn, error) {
	for {
		conn, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.slots <- struct{}{}:
			return &slotConn{Conn: conn, release: func() { <-l.slots }}, nil
		default:
			_ = conn.SetWriteDeadline(time.Now().Add(refuseWriteTimeout))
			_, _ = conn.Write(refusedAnswer)
			_ = conn.Close()
			// Logged on the first refusal and every thousandth, not once per connection of a flood.
			if n := l.refused.Add(1); l.onRefuse != nil && (n == 1 || n%1000 == 0) {
				l.onRefuse(n)
			}
		}
	}
}

// open is the number of connections holding a slot.
func (l *cappedListener) open() int { return len(l.slots) }

// slotConn gives its slot back when closed, once however often Close is called.
type slotConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *slotConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
