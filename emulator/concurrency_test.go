package emulator

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/control"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// TestConcurrentCreateOfOneRoom: 50 simultaneous creations of one ID, exactly one succeeds.
func TestConcurrentCreateOfOneRoom(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	const n = 50
	body := roomBody(wire.RoomSettings{RoomID: "contended"})
	queries := make([]string, n)
	for i := range queries {
		queries[i] = h.query(DefaultAdmin).Encode()
	}
	codes := make([]int, n)
	raws := make([]*reply, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			raws[i] = sendNoFatal(h, "/v4/room_engine_http_srv/create_room", queries[i], body)
			if raws[i] != nil {
				codes[i] = raws[i].code()
			}
		}(i)
	}
	close(start)
	wg.Wait()
	success := 0
	for i, code := range codes {
		if raws[i] == nil {
			t.Fatalf("call %d failed at the HTTP level", i)
		}
		checkCommandAnswer(t, "create_room", raws[i], code)
		switch code {
		case 0:
			success++
		case catalog.CodeRoomIDExists, catalog.CodeRoomIDOwnedByYou, catalog.CodeCreateTooOften:
		default:
			t.Errorf("call %d: code %d %q", i, code, raws[i].env.ErrorInfo)
		}
	}
	if success != 1 {
		t.Errorf("%d of %d concurrent creations succeeded, want exactly 1 (%v)", success, n, codes)
	}
	h.mustGet("contended")
}

// sendNoFatal is send for goroutines: an HTTP failure is a nil reply.
func sendNoFatal(h *harness, path, query string, body any) *reply {
	r, err := h.do("POST", path, query, mustJSON(body))
	if err != nil {
		return nil
	}
	return r
}

// TestConcurrentMixedTraffic: 20 goroutines each run the whole room life cycle on their own
// rooms, with control-plane traffic beside them; every call must succeed (run with -race).
func TestConcurrentMixedTraffic(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	const workers, rounds = 20, 15
	accounts := make([]string, workers)
	for i := range accounts {
		accounts[i] = fmt.Sprintf("worker-%d", i)
	}
	h.importAccounts(accounts...)
	queries := make([][]string, workers)
	for w := range queries {
		for i := 0; i < rounds*6; i++ {
			queries[w] = append(queries[w], h.query(DefaultAdmin).Encode())
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, workers*rounds*8)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			q := 0
			call := func(command string, body any, want int) *reply {
				r := sendNoFatal(h, "/v4/"+serviceOf(command)+"/"+command, queries[w][q], body)
				q++
				if r == nil {
					errs <- fmt.Sprintf("worker %d %s: HTTP failure", w, command)
					return nil
				}
				if r.code() != want {
					errs <- fmt.Sprintf("worker %d %s: code %d %q, want %d", w, command, r.code(), r.env.ErrorInfo, want)
				}
				return r
			}
			c := control.NewClient(h.url)
			for i := 0; i < rounds; i++ {
				bg := context.Background()
				id := fmt.Sprintf("mixed-%d-%d", w, i)
				call("create_room", roomBody(wire.RoomSettings{RoomID: id, OwnerAccount: &accounts[w]}), 0)
				call("get_room_info", wire.RoomIDRequest{RoomID: id}, 0)
				if err := c.Enter(bg, id, accounts[w]); err != nil {
					errs <- fmt.Sprintf("worker %d enter: %v", w, err)
				}
				call("update_room_info", wire.UpdateRoomInfoRequest{RoomInfo: wire.RoomSettings{RoomID: id, RoomName: wire.Ptr(id + "!"), MaxMemberCount: wire.Ptr(1 + i)}}, 0)
				if r := call("get_room_info", wire.RoomIDRequest{RoomID: id}, 0); r != nil {
					if info := decodeRoom(r); info.RoomName != id+"!" || info.MemberCount != 1 || info.MaxMemberCount != 1+i {
						errs <- fmt.Sprintf("worker %d room %s read back as %+v", w, id, info)
					}
				}
				if _, err := c.ArmedFaults(bg); err != nil {
					errs <- fmt.Sprintf("worker %d faults: %v", w, err)
				}
				if _, err := c.Clock(bg, control.ClockRequest{}); err != nil {
					errs <- fmt.Sprintf("worker %d clock: %v", w, err)
				}
				call("account_check", wire.AccountCheckRequest{CheckItem: []wire.UserIDItem{{UserID: accounts[w]}}}, 0)
				call("destroy_room", wire.RoomIDRequest{RoomID: id}, 0)
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
	h.e.mu.Lock()
	left := len(h.e.state.rooms)
	h.e.mu.Unlock()
	if left != 0 {
		t.Errorf("%d rooms left after every worker destroyed its rooms", left)
	}
}

// TestConcurrentResetAndTraffic: Reset racing with calls must not panic or race; every answer
// is still a valid envelope.
func TestConcurrentResetAndTraffic(t *testing.T) {
	h := newHarness(t, Config{RatePerSecond: -1})
	var wg sync.WaitGroup
	bad := make(chan string, 1000)
	for w := 0; w < 8; w++ {
		queries := make([]string, 40)
		for i := range queries {
			queries[i] = h.query(DefaultAdmin).Encode()
		}
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i, q := range queries {
				id := fmt.Sprintf("reset-%d-%d", w, i)
				r := sendNoFatal(h, "/v4/room_engine_http_srv/create_room", q, roomBody(wire.RoomSettings{RoomID: id}))
				if r == nil || r.parseErr != nil || r.code() == catalog.CodeInternal {
					bad <- fmt.Sprintf("worker %d: %+v", w, r)
				}
			}
		}(w)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		c := control.NewClient(h.url)
		bg := context.Background()
		for i := 0; i < 20; i++ {
			if err := c.Reset(bg); err != nil {
				bad <- err.Error()
			}
			if _, err := c.Advance(bg, 0); err != nil {
				bad <- err.Error()
			}
		}
	}()
	wg.Wait()
	close(bad)
	for msg := range bad {
		t.Error(msg)
	}
}
