package emulator

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// Attacks on the connection layer, all on loopback and bounded in time: the emulator must let
// go of clients that stall, trickle or idle, and refuse connections beyond its cap.

// shortLimits are small enough for a test to wait them out.
func shortLimits() Config {
	return Config{RatePerSecond: -1, ControlPlane: true, ReadTimeout: 300 * time.Millisecond,
		WriteTimeout: time.Second, IdleTimeout: 300 * time.Millisecond, MaxConnections: 8}
}

// rawRequestHead is the head of a signed create_room POST announcing a body of length bytes.
func rawRequestHead(h *harness, length int) string {
	return fmt.Sprintf("POST /v4/room_engine_http_srv/create_room?%s HTTP/1.1\r\nHost: emulator\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n",
		h.query(DefaultAdmin).Encode(), length)
}

// dialEmulator opens a raw TCP connection to the server.
func dialEmulator(t *testing.T, url string) net.Conn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(url, "http://"), 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// readUntilClosed reads what the server sends until it closes the connection, and how long
// that took; a server that never closes fails the test after limit.
func readUntilClosed(t *testing.T, conn net.Conn, limit time.Duration) (string, time.Duration) {
	t.Helper()
	started := time.Now()
	_ = conn.SetReadDeadline(started.Add(limit))
	got, err := io.ReadAll(conn)
	if err != nil {
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatalf("the server still holds the connection after %v (read so far %q)", limit, got)
		}
		// A reset after the answer is a close too.
	}
	return string(got), time.Since(started)
}

func TestStalledBodyIsCutAtTheReadTimeout(t *testing.T) {
	h, s := listenHarness(t, shortLimits())
	conn := dialEmulator(t, s.URL)
	fmt.Fprint(conn, rawRequestHead(h, 100)+`{"RoomInfo":`)
	got, took := readUntilClosed(t, conn, 5*time.Second)
	if took > 2*time.Second {
		t.Errorf("closed after %v, want about the 300 ms read timeout", took)
	}
	if strings.Contains(got, "HTTP/1.1 200") && !strings.Contains(got, fmt.Sprintf(`"ErrorCode":%d`, catalog.CodeServiceTimeout)) {
		t.Errorf("a stalled body was answered %q, want 60008 or no answer", got)
	}
}

func TestTrickledBodyIsCutAtTheReadTimeout(t *testing.T) {
	h, s := listenHarness(t, shortLimits())
	conn := dialEmulator(t, s.URL)
	body := `{"RoomInfo":{"RoomId":"trickled","RoomType":"Conference"}}`
	fmt.Fprint(conn, rawRequestHead(h, len(body)))
	// One byte every 100 ms: each byte comes well within any per-read timeout, the whole body
	// never within the read timeout.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < len(body); i++ {
			if _, err := conn.Write([]byte{body[i]}); err != nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	got, took := readUntilClosed(t, conn, 5*time.Second)
	if took > 2*time.Second {
		t.Errorf("closed after %v, want about the 300 ms read timeout", took)
	}
	if !strings.Contains(got, fmt.Sprintf(`"ErrorCode":%d`, catalog.CodeServiceTimeout)) {
		t.Errorf("a trickled body was answered %q, want 60008", got)
	}
	conn.Close()
	<-done
	if _, r := h.get("trickled"); r.code() == 0 {
		t.Errorf("the trickled room was created")
	}
}

func TestIdleKeepAliveConnectionIsClosed(t *testing.T) {
	h, s := listenHarness(t, shortLimits())
	conn := dialEmulator(t, s.URL)
	body := `{"RoomId":"none"}`
	fmt.Fprintf(conn, "POST /v4/room_engine_http_srv/get_room_info?%s HTTP/1.1\r\nHost: emulator\r\nContent-Length: %d\r\n\r\n%s",
		h.query(DefaultAdmin).Encode(), len(body), body)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// The connection stays open for a next request, then idles out.
	_, took := readUntilClosed(t, conn, 5*time.Second)
	if took > 2*time.Second {
		t.Errorf("idle connection closed after %v, want about the 300 ms idle timeout", took)
	}
}

func TestConnectionFloodAboveTheCap(t *testing.T) {
	cfg := shortLimits()
	cfg.ReadTimeout, cfg.IdleTimeout = 10*time.Second, 10*time.Second // only the cap frees slots
	h, s := listenHarness(t, cfg)
	var held []net.Conn
	for range cfg.MaxConnections {
		held = append(held, dialEmulator(t, s.URL))
	}
	waitFor(t, "the server to accept the held connections", func() bool { return s.OpenConnections() == cfg.MaxConnections })
	// Beyond the cap: answered 503 and closed at once, however many come.
	for i := range 50 {
		conn := dialEmulator(t, s.URL)
		got, took := readUntilClosed(t, conn, 2*time.Second)
		if !strings.HasPrefix(got, "HTTP/1.1 503") || took > time.Second {
			t.Fatalf("connection %d beyond the cap: %q after %v, want a 503 and a close", i, got, took)
		}
		conn.Close()
	}
	if open := s.OpenConnections(); open != cfg.MaxConnections {
		t.Errorf("%d connections open, want the cap %d", open, cfg.MaxConnections)
	}
	// Freed slots serve again.
	for _, conn := range held {
		conn.Close()
	}
	waitFor(t, "the held connections to be released", func() bool { return s.OpenConnections() == 0 })
	r := h.call("get_room_info", wire.RoomIDRequest{RoomID: "none"})
	if r.parseErr != nil || r.code() != catalog.CodeRoomNotFound {
		t.Errorf("after the flood: %+v %v, want the ordinary answer", r.env, r.parseErr)
	}
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
