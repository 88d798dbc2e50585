package emulator

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/trtc-conformance/trtc-conformance/usersig"
)

// benchClients is the number of concurrent keep-alive clients of the throughput benchmark.
const benchClients = 8

// benchRounds alternates the two servers this many times per benchmark run, so that a drift of
// the machine (another process, thermal throttling) touches both measurements alike.
const benchRounds = 4

// benchTarget is one server under load: its address, the request every call sends (a
// complete HTTP/1.1 POST with keep-alive), and the answer it must get back.
type benchTarget struct {
	addr    string // host:port on loopback
	url     string // the signed URL, for set-up calls through net/http
	body    []byte
	request []byte
	answer  int // the answer's length, give or take the digits of the RequestId sequence
}

func newBenchTarget(baseURL, path, query string, body []byte) benchTarget {
	u, err := url.Parse(baseURL)
	if err != nil {
		panic(err) // the URLs come from net.Listener addresses
	}
	request := fmt.Appendf(nil, "POST %s?%s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		path, query, u.Host, len(body), body)
	return benchTarget{addr: u.Host, url: baseURL + path + "?" + query, body: body, request: request}
}

// rawConn is one keep-alive HTTP/1.1 connection of the load generator. It writes a prepared
// request and reads the answer's status line, headers and Content-Length body, and nothing
// else: net/http's client costs several times more CPU than the server it calls, and on the
// same two cores it would measure itself rather than the server.
type rawConn struct {
	conn net.Conn
	r    *bufio.Reader
	body []byte
}

func dialRaw(addr string) (*rawConn, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &rawConn{conn: conn, r: bufio.NewReaderSize(conn, 16<<10), body: make([]byte, 0, 4096)}, nil
}

// call sends the request and fails unless the answer is HTTP 200 with a success envelope of
// about the expected length.
func (c *rawConn) call(target benchTarget) error {
	if _, err := c.conn.Write(target.request); err != nil {
		return err
	}
	status, err := c.r.ReadSlice('\n')
	if err != nil {
		return fmt.Errorf("reading the status line: %w", err)
	}
	if !bytes.HasPrefix(status, []byte("HTTP/1.1 200 ")) {
		return fmt.Errorf("status line %q", status)
	}
	length := -1
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return fmt.Errorf("reading the headers: %w", err)
		}
		if len(line) <= 2 { // the blank line
			break
		}
		if name, value, ok := bytes.Cut(line, []byte(":")); ok && bytes.EqualFold(name, []byte("Content-Length")) {
			if length, err = strconv.Atoi(string(bytes.TrimSpace(value))); err != nil {
				return fmt.Errorf("Content-Length %q", value)
			}
		}
	}
	if length < 0 || length > cap(c.body) {
		return fmt.Errorf("answer without a usable Content-Length (%d)", length)
	}
	c.body = c.body[:length]
	if _, err := io.ReadFull(c.r, c.body); err != nil {
		return fmt.Errorf("reading the answer: %w", err)
	}
	if length < target.answer-8 || length > target.answer+8 || !bytes.Contains(c.body, []byte(`"ErrorCode":0,`)) {
		return fmt.Errorf("unexpected answer (%d bytes, want about %d): %s", length, target.answer, c.body)
	}
	return nil
}

// drive makes calls to target from benchClients connections (one goroutine each) and returns
// the calls per second.
func drive(target benchTarget, calls int) (float64, error) {
	conns := make([]*rawConn, benchClients)
	for i := range conns {
		c, err := dialRaw(target.addr)
		if err != nil {
			return 0, err
		}
		defer c.conn.Close()
		conns[i] = c
		if err := c.call(target); err != nil { // connection set-up stays out of the timing
			return 0, err
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, benchClients)
	start := time.Now()
	for _, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(calls) {
				if err := c.call(target); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	if err := <-errs; err != nil {
		return 0, err
	}
	return float64(calls) / elapsed.Seconds(), nil
}

// benchSetup starts the emulator on loopback with a room, and a bare net/http server on loopback
// that answers every call with a body of exactly the length of the emulator's get_room_info
// answer. Both are closed when b ends.
func benchSetup(b *testing.B) (emu, bare benchTarget) {
	b.Helper()
	srv, err := Listen(Config{RatePerSecond: -1}, "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Close(5 * time.Second) })
	sig, err := usersig.Generate(srv.Config().SDKAppID, srv.Config().SecretKey, DefaultAdmin, 24*time.Hour, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	query := url.Values{
		"sdkappid": {fmtUint(srv.Config().SDKAppID)}, "identifier": {DefaultAdmin}, "usersig": {sig},
		"random": {"4242"}, "contenttype": {"json"},
	}.Encode()
	hc := &http.Client{Timeout: 30 * time.Second}
	b.Cleanup(hc.CloseIdleConnections)
	post := func(command, body string) []byte {
		resp, err := hc.Post(srv.URL+"/v4/room_engine_http_srv/"+command+"?"+query, "application/json", strings.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		if err != nil || !bytes.Contains(raw, []byte(`"ErrorCode":0,`)) {
			b.Fatalf("%s: %s (%v)", command, raw, err)
		}
		return raw
	}
	post("create_room", `{"RoomInfo":{"RoomId":"bench-room","RoomType":"Conference","RoomName":"Benchmark room","CustomInfo":"load test","IsSeatEnabled":true}}`)
	const body = `{"RoomId":"bench-room"}`
	answer := post("get_room_info", body)
	if !bytes.Contains(answer, []byte(`"RoomId":"bench-room"`)) {
		b.Fatalf("get_room_info: %s", answer)
	}
	const path = "/v4/room_engine_http_srv/get_room_info"
	emu = newBenchTarget(srv.URL, path, query, []byte(body))
	emu.answer = len(answer)

	// The bare handler answers a copy of a real answer: same size, same headers.
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	bareServer := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(answer)
	}), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = bareServer.Serve(listener) }()
	b.Cleanup(func() { _ = bareServer.Close() })
	bare = newBenchTarget("http://"+listener.Addr().String(), path, query, []byte(body))
	bare.answer = len(answer)
	return emu, bare
}

// BenchmarkGetRoomInfoVsBare measures, in one run on loopback with keep-alive and benchClients
// concurrent clients, the emulator's get_room_info throughput (a signed call on a real room,
// through the real HTTP server: UserSig, schema, state, envelope) against a bare net/http
// handler answering a body of the same size. It reports both rates and their ratio
// (emulator/bare); make bench prints them. One op is one call to each server.
func BenchmarkGetRoomInfoVsBare(b *testing.B) {
	emu, bare := benchSetup(b)
	for _, target := range []benchTarget{emu, bare} { // warm up both servers
		if _, err := drive(target, 200*benchClients); err != nil {
			b.Fatal(err)
		}
	}
	var emuTime, bareTime time.Duration
	b.ResetTimer()
	for round := range benchRounds {
		calls := b.N / benchRounds
		if round == 0 {
			calls += b.N % benchRounds
		}
		if calls == 0 {
			continue
		}
		for _, side := range []struct {
			target benchTarget
			total  *time.Duration
		}{{emu, &emuTime}, {bare, &bareTime}} {
			rate, err := drive(side.target, calls)
			if err != nil {
				b.Fatal(err)
			}
			*side.total += time.Duration(float64(calls) / rate * float64(time.Second))
		}
	}
	b.StopTimer()
	emuRate := float64(b.N) / emuTime.Seconds()
	bareRate := float64(b.N) / bareTime.Seconds()
	b.ReportMetric(emuRate, "emulator-calls/s")
	b.ReportMetric(bareRate, "bare-calls/s")
	b.ReportMetric(emuRate/bareRate, "ratio")
}

// BenchmarkGetRoomInfoEmulator is the emulator half alone, for profiling
// (go test -run - -bench GetRoomInfoEmulator -cpuprofile cpu.out ./emulator).
func BenchmarkGetRoomInfoEmulator(b *testing.B) {
	emu, _ := benchSetup(b)
	if _, err := drive(emu, 200*benchClients); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	rate, err := drive(emu, b.N)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(rate, "calls/s")
}

// BenchmarkServeGetRoomInfo is the emulator's handler without the network: one signed
// get_room_info call per op through Handler(), with its allocations.
func BenchmarkServeGetRoomInfo(b *testing.B) {
	e := newFuzzEmulator(b, true)
	query := fuzzQuery(b)
	handler := e.Handler()
	body := []byte(`{"RoomId":"room-test"}`)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		w := &discardWriter{header: http.Header{}}
		for pb.Next() {
			req, err := http.NewRequest(http.MethodPost, "/v4/room_engine_http_srv/get_room_info?"+query, bytes.NewReader(body))
			if err != nil {
				b.Error(err)
				return
			}
			w.n = 0
			handler.ServeHTTP(w, req)
			if w.status != http.StatusOK || w.n < 200 {
				b.Errorf("answer: HTTP %d, %d bytes", w.status, w.n)
				return
			}
		}
	})
}

// discardWriter is an http.ResponseWriter that keeps only the status and the length.
type discardWriter struct {
	header http.Header
	status int
	n      int
}

func (w *discardWriter) Header() http.Header { return w.header }

func (w *discardWriter) WriteHeader(status int) { w.status = status }

func (w *discardWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return len(p), nil
}
